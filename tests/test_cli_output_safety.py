"""--output under long runs: SIGTERM ends a run as Ctrl-C does, with no temporary file
left; a killed run's temporary file is removed by the next; a write-protected file is
refused and a symlink is written through."""
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.test_cli import STORY, run

DOCUMENT = STORY * 400  # long enough that the run is still going when it is stopped


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_ends_a_run_and_leaves_no_temporary_file(tmp_path, workers):
    source = tmp_path / "news"
    source.mkdir()
    for k in range(40):
        (source / f"a{k}.txt").write_text(DOCUMENT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "saidwhat.cli", "extract", "--model", "rules",
                                "--workers", workers, str(source), "-o", str(out)], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, "the run ended before writing"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143
    assert err.strip().splitlines()[-1] == "saidwhat: terminated"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news"]


def test_a_killed_runs_temporary_file_is_removed_by_the_next(capsys, tmp_path):
    story = tmp_path / "council.txt"
    story.write_text(STORY, encoding="utf-8")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".out.jsonl.{dead.stdout.strip()}.abc123.tmp"
    stale.write_text("half a line", encoding="utf-8")
    mine = tmp_path / f".out.jsonl.{os.getpid()}.def456.tmp"  # a live process's: kept
    mine.write_text("in progress", encoding="utf-8")
    code, _, _ = run(capsys, "extract", "--model", "rules", story, "-o", tmp_path / "out.jsonl")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, "council.txt", "out.jsonl"])


def test_a_write_protected_output_is_refused_and_a_symlink_written_through(capsys, tmp_path):
    story = tmp_path / "council.txt"
    story.write_text(STORY, encoding="utf-8")
    locked = tmp_path / "locked.jsonl"
    locked.write_text("keep me\n", encoding="utf-8")
    locked.chmod(0o444)
    code, _, err = run(capsys, "extract", "--model", "rules", story, "-o", locked)
    assert code == 2 and f"cannot write {locked}: it is write-protected" in err
    assert locked.read_text(encoding="utf-8") == "keep me\n"
    target = tmp_path / "target.jsonl"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    code, _, _ = run(capsys, "extract", "--model", "rules", story, "-o", link)
    assert code == 0 and link.is_symlink()
    assert '"council"' in target.read_text(encoding="utf-8")


def test_workers_give_the_output_of_one_process_in_input_order(capsys, tmp_path):
    source = tmp_path / "news"
    source.mkdir()
    for k in range(7):
        speaker = ("Mayor Ana Ruiz", "Officials", "The council")[k % 3]
        (source / f"a{k}.txt").write_text(f'"Item {k} is settled," {speaker} said on day {k}.\n', encoding="utf-8")
    (source / "dump.jsonl").write_text("".join(f'{{"id": "r{k}", "text": "It rained {k} days, she said."}}\n'
                                               for k in range(5)), encoding="utf-8")
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        code, _, err = run(capsys, "extract", "--model", "rules", "--workers", workers, "--batch-size", "2",
                           source, "-o", out)
        assert code == 0 and err == ""
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    ids = [line.split('"', 4)[3] for line in outputs[1].splitlines()]
    assert ids == [f"a{k}" for k in range(7)] + [f"r{k}" for k in range(5)]

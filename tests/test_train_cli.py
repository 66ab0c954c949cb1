"""``saidwhat train`` and ``--model``: a tiny model trained on articles copied from ../shared."""
import json
import shutil
import subprocess
import sys

import torch
from spacy.util import get_package_version

from saidwhat.cli import main
from saidwhat.training.train import FAST
from saidwhat.pipeline import DEFAULT_SPACY_PACKAGE

STORY = ('"We will not sign this," the mayor said. Officials said the talks would resume in May.\n'
         'The union plans to hold a strike vote on Saturday, according to its leader.\n')


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_train_writes_a_complete_model_with_its_meta(trained):
    assert sorted(p.name for p in trained.parent.iterdir()) == ["data", "model"]  # no temporary left
    assert sorted(p.name for p in trained.iterdir()) == ["meta.json", "weights.pt"]
    meta = json.loads((trained / "meta.json").read_text())
    assert meta["articles"] == 2 and meta["seed"] == 7 and meta["kind"] == "fast"
    assert meta["training"]["epochs"] == 2 and meta["settings"]["encoder_dim"] == 0
    assert {k: meta["settings"][k] for k in FAST} == FAST  # the fast sizes
    assert meta["spacy_pipeline"] == f"{DEFAULT_SPACY_PACKAGE} {get_package_version(DEFAULT_SPACY_PACKAGE)}"
    assert set(meta["dev"]) == {"rules", "model", "model + rules", "model + rules, cut"}


def test_the_same_training_in_another_process_gives_the_same_weights(trained, tmp_path):
    again = tmp_path / "again"
    subprocess.run([sys.executable, "-c", "import sys; from saidwhat.cli import main; sys.exit(main(sys.argv[1:]))",
                    "train", "--data", str(trained.parent / "data"), "--out", str(again), "--limit", "2",
                    "--seed", "7", "--kind", "fast", "--epochs", "2", "--threads", "1"], check=True, capture_output=True)
    first, second = torch.load(trained / "weights.pt"), torch.load(again / "weights.pt")
    assert first.keys() == second.keys()
    assert [name for name in first if not torch.equal(first[name], second[name])] == []
    calibration = [json.loads((d / "meta.json").read_text())["calibration"] for d in (trained, again)]
    assert calibration[0] == calibration[1]


def test_train_accurate_prints_dev_tables(polnear_train, polnear_dev, tmp_path, capsys, copy_articles):
    copy_articles(polnear_train, tmp_path / "data" / "train", 1)
    copy_articles(polnear_dev, tmp_path / "data" / "dev", 1)
    code, out, err = run(capsys, "train", "--data", tmp_path / "data", "--out", tmp_path / "model", "--epochs", "1")
    assert code == 0
    assert out.startswith("rules: 1/1 articles") and "\nmodel: 1/1 articles" in out
    assert "\nmodel + rules: 1/1 articles" in out and "who_said_what" in out
    meta = json.loads((tmp_path / "model" / "meta.json").read_text())
    assert meta["kind"] == "accurate" and meta["settings"]["encoder_dim"] == 768
    assert meta["settings"]["layers"] == 2 and meta["settings"]["span_hidden"] == 64


def test_extract_and_info_with_the_model(trained, tmp_path, capsys):
    story = tmp_path / "council.txt"
    story.write_text(STORY, encoding="utf-8")
    code, out, err = run(capsys, "extract", story, "--model", trained)
    assert code == 0 and err == ""
    record = json.loads(out)
    assert record["id"] == "council" and record["attributions"]
    for k, attribution in enumerate(record["attributions"], start=1):
        assert attribution["id"] == k and 0.0 <= attribution["confidence"] <= 1.0
        for part in ("content", "cue", "source"):
            span = attribution[part]
            if span is not None:
                assert span["spans"] and all(0 <= s < e <= len(STORY) for s, e in span["spans"])
    code, out, err = run(capsys, "info", "--model", trained, "--json")
    info = json.loads(out)
    assert info["model"] == str(trained) and info["approach"] == f"model trained at {trained}, with the rules"
    assert info["model_record"]["directory"] == str(trained) and info["model_record"]["articles"] == 2


def test_a_model_trained_on_another_spacy_pipeline_runs_with_a_warning_naming_both(trained, tmp_path, capsys, caplog):
    other = tmp_path / "other"
    shutil.copytree(trained, other)
    meta = json.loads((other / "meta.json").read_text())
    meta["spacy_pipeline"] = "en_core_web_lg 3.7.1"
    (other / "meta.json").write_text(json.dumps(meta))
    story = tmp_path / "council.txt"
    story.write_text(STORY, encoding="utf-8")
    code, out, err = run(capsys, "extract", story, "--model", other)
    assert code == 0 and json.loads(out)["attributions"]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "trained on the parses and token vectors of en_core_web_lg 3.7.1" in warnings[0]
    assert f"not {DEFAULT_SPACY_PACKAGE} {get_package_version(DEFAULT_SPACY_PACKAGE)}" in warnings[0]


def test_a_missing_model_is_one_line_and_exit_2(tmp_path, capsys):
    story = tmp_path / "council.txt"
    story.write_text(STORY, encoding="utf-8")
    code, out, err = run(capsys, "extract", story, "--model", "/nonexistent")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "/nonexistent" in err and "weights.pt" in err


def test_train_without_train_folder_is_one_line_and_exit_2(tmp_path, capsys):
    code, out, err = run(capsys, "train", "--data", tmp_path, "--out", tmp_path / "model")
    assert code == 2 and err.count("\n") == 1 and "no train/ folder" in err
    assert not (tmp_path / "model").exists()

"""``saidwhat spark`` on real Spark in local mode (local[2], one session for the module):
the Parquet tables hold exactly what ``saidwhat extract`` gives for the same articles,
and bad records land in the errors table with their reasons.

The model is ``fast`` but in one test: these tests check the Spark job (reading,
partitions, one pipeline per Python worker, the tables and back), not the model, and
the fast model loads in a fraction of a second in each Python worker where the
accurate one takes seconds, which keeps the file within about two minutes on a 2-core
machine. One test runs the default model, ``accurate``.
"""
import json
import os
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from saidwhat.cli import main
from saidwhat.errors import OutputError, SparkJobError
from saidwhat.io.reading import read_inputs
from saidwhat.schema import Article, Attribution, Speaker, TextSpan
from saidwhat.spark.job import executor_extractor, failure_reason, run_job
from saidwhat.spark.session import start_session
from saidwhat.spark.tables import ARTICLES, ATTRIBUTIONS, SPEAKERS, read_output
from saidwhat.workers import PipelineSettings
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.skipif(shutil.which("java") is None and os.geteuid() != 0,
                                reason="no Java to run Spark, and not root to install one (make test installs it)")

MODEL = "fast"
ARTICLES_TEXT = {
    "council": (
        "Mayor Linda Okafor defended the new transit budget on Tuesday. \"We cannot keep patching buses "
        "that are thirty years old,\" Okafor told reporters at City Hall.\n\n"
        "Council member Raymond Diaz disagreed. He said the city should first audit the transit agency.\n\n"
        "\"Nobody has shown me the numbers,\" he said.\n"),
    "drought": (
        "The Valley Herald reported on Monday that the state water board said reservoirs would stay below "
        "half capacity through the summer.\n\n"
        "Farmers in the region said they had already cut their planting by a third. \"Every week without "
        "rain costs us,\" said Maria Lopez, who grows almonds near Fresno.\n"),
    "museum": (
        "The director of the city museum, Paul Brenner, said the east wing would close for repairs in "
        "March. According to Brenner, the roof has leaked since the winter storms.\n\n"
        "Visitors called the decision \"long overdue\" in comments posted online, and a museum spokeswoman "
        "said tickets bought for the spring would be refunded.\n"),
}
JSONL_LINES = [
    json.dumps({"id": "port", "title": "Port strike ends",
                "text": "Dock workers voted to end the strike, the union said on Friday. \"We got what we came "
                        "for,\" said its president, Ana Ruiz.", "byline": "Staff"}),
    json.dumps({"text": "Police said the bridge would reopen on Sunday."}),
    json.dumps({"id": "b", "text": 5}),
    '{"id": "c", "text": "unfinished',
]


def extract_records(capsys, *argv):
    """What ``saidwhat extract --model fast`` writes for ``argv``, by article id, and its stderr."""
    code = main(["extract", "--model", MODEL, *map(str, argv)])
    out, err = capsys.readouterr()
    return code, {r["id"]: r for r in map(json.loads, out.splitlines())}, err


def spark_records(output):
    """The articles of a run's tables as ``to_dict`` records by id, and its error rows."""
    articles, errors = read_output(str(output))
    return {a.id: a.to_dict() for a in articles}, errors


@pytest.fixture(scope="module")
def spark():
    """One local Spark session with two cores for the module, stopped at its end."""
    session, started = start_session("local[2]")
    assert started and session.sparkContext.master == "local[2]"
    yield session
    session.stop()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Three short articles, the bundled example, and a file in UTF-16."""
    root = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES_TEXT.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLE, root)
    (root / "memo.txt").write_bytes("A memo, she said.".encode("utf-16"))
    return root


@pytest.fixture(scope="module")
def text_run(spark, folder, tmp_path_factory):
    """The job run over the folder, into three partitions; its summary and output."""
    output = tmp_path_factory.mktemp("text-run") / "tables"
    summary = run_job(spark, str(folder), str(output), PipelineSettings(model=MODEL), partitions=3)
    return summary, output


def test_text_tables_hold_what_extract_gives(capsys, text_run, folder):
    summary, output = text_run
    code, expected, err = extract_records(capsys, folder)
    assert code == 1 and "memo.txt: UTF-16 text" in err
    got, _ = spark_records(output)
    assert sorted(got) == ["council", "drought", "harbor-talks", "museum"] == sorted(expected)
    for ident, record in expected.items():
        assert got[ident] == record, ident
    assert summary.rows == {"articles": 4, "errors": 1, "speakers": sum(len(r["speakers"]) for r in expected.values()),
                            "attributions": sum(count_attributions(r["attributions"]) for r in expected.values())}
    # what the articles were written to exercise: a pronoun source, a report inside a report
    council = got["council"]["attributions"]
    assert any(a["source"] and a["source"]["text"] == "he" and a["speaker"]["name"] == "Raymond Diaz" for a in council)
    assert any(a["reports"] for a in got["drought"]["attributions"])


def test_the_default_model_gives_what_extract_gives(capsys, spark, folder, tmp_path):
    # Its encoder (in bfloat16 where the CPU has it) batches each article's windows
    # alone, so partitions that put other articles together change nothing.
    settings = PipelineSettings()
    run_job(spark, str(folder), str(tmp_path / "out"), settings, partitions=2)
    code = main(["extract", str(folder)])
    expected = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    got, errors = spark_records(tmp_path / "out")
    assert code == 1 and len(errors) == 1 and sorted(got) == sorted(expected)
    assert got == expected


def count_attributions(records):
    """Attributions of a ``to_dict`` tree, at every level."""
    return sum(1 + count_attributions(r["reports"]) for r in records)


def test_an_unreadable_file_is_an_error_row_with_its_reason(text_run, folder):
    _, output = text_run
    _, errors = spark_records(output)
    [expected] = [item for item in read_inputs([str(folder / "memo.txt")])]
    assert errors == [{"id": "memo", "source": f"file:{folder / 'memo.txt'}", "line": None, "reason": expected.reason}]
    assert expected.reason.startswith("UTF-16 text, expected UTF-8")


def test_the_tables_are_the_fields_of_to_dict(text_run):
    _, output = text_run
    span = TextSpan(((0, 2),), "He")
    speaker = Speaker(1, "Raymond Diaz", "person", "Council member", [span], 1)
    attribution = Attribution(1, "indirect", span, cue=span, source=span, speaker=speaker, to=span, where=span, how=span)
    article = Article("a", "He said", "Title", [attribution], {"k": 1}, [speaker], error="none")
    fields = set(article.to_dict()) - {"attributions", "speakers"}
    assert set(ARTICLES.fieldNames()) == fields
    assert set(ATTRIBUTIONS.fieldNames()) == {"article_id", *attribution.to_dict()}
    assert set(SPEAKERS.fieldNames()) == {"article_id", *speaker.to_dict()}
    assert pq.read_schema(next((output / "attributions").glob("*.parquet"))).names == ATTRIBUTIONS.fieldNames()


def test_the_cli_reads_jsonl_and_keeps_bad_records(capsys, spark, tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    output = tmp_path / "tables"
    code = main(["spark", str(dump), str(output), "--input-format", "jsonl", "--model", MODEL,
                 "--master", "local[2]", "--partitions", "2"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.startswith(f"{output}: 2 articles, ") and ", 2 errors (" in out
    assert "dump.jsonl:3: \"text\" is not a string" in err and "dump.jsonl:4: bad JSON" in err
    expected_code, expected, _ = extract_records(capsys, dump)
    got, errors = spark_records(output)
    assert expected_code == 1 and sorted(got) == ["dump-2", "port"] and got == expected
    assert got["port"]["meta"] == {"byline": "Staff"} and got["port"]["title"] == "Port strike ends"
    reasons = [e.reason for e in read_inputs([str(dump)]) if not isinstance(e, Article)]
    assert sorted((e["line"], e["reason"]) for e in errors) == list(zip([3, 4], reasons))
    assert reasons[0] == '"text" is not a string' and reasons[1].startswith("bad JSON")
    assert spark.sparkContext._jsc is not None  # the CLI left the module's session running


def test_parquet_rows_without_text_are_errors(capsys, spark, tmp_path):
    rows = [{"id": "council", "text": ARTICLES_TEXT["council"], "desk": "city"},
            {"id": "empty", "text": None, "desk": "city"},
            {"id": "museum", "text": ARTICLES_TEXT["museum"], "desk": "arts"}]
    (tmp_path / "in").mkdir()
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in" / "part-0.parquet")
    run_job(spark, str(tmp_path / "in"), str(tmp_path / "out"), PipelineSettings(model=MODEL), input_format="parquet")
    (tmp_path / "same.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    _, expected, _ = extract_records(capsys, tmp_path / "same.jsonl")
    got, errors = spark_records(tmp_path / "out")
    assert got == expected and got["museum"]["meta"] == {"desk": "arts"}
    assert errors == [{"id": "empty", "source": f"file://{tmp_path / 'in' / 'part-0.parquet'}", "line": None,
                       "reason": 'record has no "text" string'}]


def test_a_used_output_or_a_missing_input_is_refused(spark, text_run, folder, tmp_path):
    _, output = text_run
    with pytest.raises(OutputError, match="is not empty.*--overwrite"):
        run_job(spark, str(folder), str(output), PipelineSettings(model=MODEL))
    with pytest.raises(SparkJobError, match="cannot read .*nowhere.*PATH_NOT_FOUND"):
        run_job(spark, str(tmp_path / "nowhere"), str(tmp_path / "out"), PipelineSettings(model=MODEL))
    table = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["x"]}), table)
    with pytest.raises(SparkJobError, match="no 'text' column"):
        run_job(spark, str(table), str(tmp_path / "out"), PipelineSettings(model=MODEL), input_format="parquet")


def test_a_failed_job_says_why_and_leaves_no_tables(spark, folder, tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(SparkJobError, match="failed: saidwhat.errors.PipelineError: nosuchmodel: not a saidwhat model"):
        run_job(spark, str(folder / "council.txt"), str(tmp_path / "out"), PipelineSettings(model="nosuchmodel"),
                partitions=1)
    assert list((tmp_path / "out").iterdir()) == []  # the folder was there before, empty: it stays so


def test_each_python_worker_loads_the_pipeline_once(spark):
    settings = PipelineSettings(model="rules")

    def loaded(partition):
        return [(os.getpid(), id(executor_extractor(settings)), id(executor_extractor(settings)))]

    seen = spark.sparkContext.parallelize(range(8), 8).mapPartitions(loaded).collect()
    assert len(seen) == 8 and all(first == second for _, first, second in seen)
    workers = {pid: {first for p, first, _ in seen if p == pid} for pid, _, _ in seen}
    assert 1 <= len(workers) <= 2 and all(len(ids) == 1 for ids in workers.values())


def test_a_failed_job_says_the_python_error():
    message = ("Job aborted due to stage failure: Task 1 failed\norg.apache.spark.api.python.PythonException: "
               "Traceback (most recent call last):\n  File \"x.py\", line 1, in f\n"
               "saidwhat.errors.PipelineError: cannot load spaCy pipeline 'nope'\n\tat org.apache.spark.Foo")
    assert failure_reason(Exception(message)) == "saidwhat.errors.PipelineError: cannot load spaCy pipeline 'nope'"
    assert failure_reason(Exception("Something broke\nmore")) == "Something broke"


def test_help_teaches_with_an_example(capsys):
    assert main(["spark", "--help"]) == 0
    out = capsys.readouterr().out
    assert "saidwhat spark examples/ /tmp/tables --model fast" in out and "errors/" in out

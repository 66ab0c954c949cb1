"""The store's commands, run as a user runs them: ingest, search, speakers, quote and
export on one --db, a bad file reported and skipped, export equal to extract."""
import json

import pyarrow.parquet as pq

from saidwhat.cli import main

from .conftest import WEEK

EXAMPLE = WEEK.parents[2].parent / "examples" / "harbor-talks.txt"


def run(capsys, *argv):
    """Run ``saidwhat ARGV``; return the exit status, stdout and stderr."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_then_export_gives_what_extract_wrote(capsys, store_url, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00broken")
    code, out, err = run(capsys, "ingest", WEEK, bad, EXAMPLE, "--db", store_url, "--model", "rules")
    assert code == 1
    assert err == f"saidwhat: {bad}: binary file (contains NUL bytes), expected UTF-8 text\n"
    assert out.startswith("5 articles in ") and out.endswith(
        ": 5 added, 0 replaced, 0 unchanged, 0 failed; 1 input could not be read\n")
    code, again, _ = run(capsys, "ingest", WEEK, EXAMPLE, "--db", store_url, "--model", "rules")
    assert code == 0 and again.endswith(": 0 added, 0 replaced, 5 unchanged, 0 failed\n")
    extracted = run(capsys, "extract", WEEK, EXAMPLE, "--model", "rules")[1]
    assert run(capsys, "export", "--db", store_url)[1] == extracted
    extracted_csv = run(capsys, "extract", WEEK, "--model", "rules", "--format", "csv")[1]
    assert run(capsys, "export", "--db", store_url, "--outlet", "x", "--format", "csv")[1] == extracted_csv.split("\n")[0] + "\n"
    courier = run(capsys, "export", "bullied", "--db", store_url, "--no-text")[1]
    assert [json.loads(line)["id"] for line in courier.splitlines()] == ["tribune-0302"]
    assert run(capsys, "export", "--db", store_url, "-f", "parquet")[2].endswith("give it with --output FILE\n")
    assert run(capsys, "export", "--db", store_url, "-f", "parquet", "-o", tmp_path / "all.parquet", "--since", "2024")[0] == 0
    table = pq.read_table(tmp_path / "all.parquet")
    assert (table.num_rows, table.column("article_id")[0].as_py(), table.column("quote_id")[0].as_py()) == (11, "courier-0301", 1)


def test_search_speakers_and_quote_at_the_terminal(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # the text is wrapped to the terminal
    db = tmp_path / "week.db"
    assert run(capsys, "ingest", WEEK, "--db", db, "--model", "rules", "--progress", "never")[0] == 0
    code, out, _ = run(capsys, "search", "berth", "--db", db, "--since", "2024-03-02")
    assert (code, out) == (0, """\
  1. Margaret T. Holloway · told · direct · Mayor promises busy berths · Evening Tribune ·
     2024-03-02 · quote 1
     "The harbor will reopen by Friday, and every berth will be busy again," Mayor Margaret Holloway
     told reporters on Monday.
  2. Margaret T. Holloway · said · direct · Pilots called in · Bay Gazette · 2024-03-05 · quote 1
     "The harbor will reopen by Friday, and every berth will be working again," Mayor Holloway said
     on Tuesday.
2 hits
""")
    assert run(capsys, "speakers", "--top", "2", "--db", db)[1] == """\
id  speaker               type          quotes  direct  mixed  indirect  articles  first       last
──  ────────────────────  ────────────  ──────  ──────  ─────  ────────  ────────  ──────────  ──────────
 1  Margaret T. Holloway  person             4       3      0         1         3  2024-03-01  2024-03-05
 2  Hanami Shipping Corp  organization       2       2      0         0         2  2024-03-01  2024-03-05
"""
    assert run(capsys, "quote", "1", "--db", db)[1] == """\
quote 1 · Margaret T. Holloway · 3 occurrences; first: Harbor to reopen by Friday, mayor says ·
  Marlow Courier · 2024-03-01
  2024-03-01 · Marlow Courier · courier-0301 · first
    "The harbor will reopen by Friday, and every berth will be working again,"
  2024-03-02 · Evening Tribune · tribune-0302 · altered: changed 'working' to 'busy'
    "The harbor will reopen by Friday, and every berth will be busy again,"
  2024-03-05 · Bay Gazette · gazette-0305 · same words
    "The harbor will reopen by Friday, and every berth will be working again,"
"""
    rows = [json.loads(line) for line in run(capsys, "search", "--speaker", "Okafor", "--db", db, "-f", "jsonl")[1].splitlines()]
    assert [(r["speaker"], r["cue"], r["kind"], r["outlet"], r["date"]) for r in rows] == [
        ("Grace Okafor", "said", "direct", "Evening Tribune", "2024-03-02"),
        ("Grace Okafor", "said", "indirect", "Evening Tribune", "2024-03-02")]
    csv_out = run(capsys, "speakers", "--db", db, "-f", "csv", "--since", "2024-03-06")[1]
    assert csv_out == "id,name,type,key,attributions,direct,mixed,indirect,articles,first,last\n" \
                      "4,Peter Holloway,person,person:peter holloway,2,1,0,1,1,2024-03-06,2024-03-06\n"


def test_corrections_and_mistakes_at_the_terminal(capsys, tmp_path):
    db = tmp_path / "week.db"
    run(capsys, "ingest", WEEK, "--db", db, "--model", "rules")
    assert run(capsys, "speakers", "merge", "Peter Holloway", "Margaret Holloway", "--db", db)[1] == \
        "merged speaker 4 into 1; later ingests keep them one\n"
    assert run(capsys, "speakers", "split", "1", "Peter Holloway", "--db", db)[1] == \
        "split 'Peter Holloway' from speaker 1 as speaker 4; later ingests keep them apart\n"
    assert run(capsys, "speakers", "show", "Holloway", "--db", db)[:2] == (2, "")
    assert run(capsys, "speakers", "show", "Peter Holloway", "--db", db)[1] == """\
Peter Holloway (person, speaker 4): 2 attributions (1 direct, 0 mixed, 1 indirect) in 1 article, 2024-03-06 to 2024-03-06
names:    Peter Holloway (1)
title:    a harbor pilot for thirty years (2024-03-06, watch-0306)
articles: watch-0306
"""
    assert run(capsys, "speakers", "show", "Holloway", "--db", db)[2] == \
        "saidwhat: error: 'Holloway' names 2 speakers: Margaret T. Holloway (id 1), Peter Holloway (id 4); give the id\n"
    assert run(capsys, "search", "--since", "March", "--db", db)[2] == \
        "saidwhat: error: since 'March' is not a date: give YYYY-MM-DD, YYYY-MM or YYYY\n"
    assert run(capsys, "quote", "99", "--db", db)[2] == \
        "saidwhat: error: no quote 99 in the store (saidwhat search gives each hit's quote id)\n"
    assert run(capsys, "search", "--db", tmp_path / "no" / "such.db")[2] == \
        f"saidwhat: error: cannot open the store {tmp_path / 'no' / 'such.db'}: no directory {tmp_path / 'no'}\n"

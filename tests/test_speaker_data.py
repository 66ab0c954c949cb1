"""The hand-resolved speaker files agree with the PolNeAR articles they annotate: every
gold source span of an annotated article has one line, in text order, whose text is the
text at its offsets, with a type from the guidelines."""
import collections
import json
from pathlib import Path

import pytest

from saidwhat.io.gold import load_compartment
from tests.conftest import POLNEAR

from benchmarks.speaker_sources import source_lines

DATA = Path(__file__).resolve().parent / "data" / "speakers"
FILES = {"dev-speakers.jsonl": "dev", "dev-heldout-speakers.jsonl": "dev", "train-speakers.jsonl": "train"}
TYPES = {"person", "organization", "media", "group", "unknown"}


def records(name):
    path = DATA / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_source_of_an_annotated_article_has_one_resolved_line(name):
    lines = records(name)
    if name == "dev-speakers.jsonl":
        assert len(lines) == 924
    by_article = collections.defaultdict(list)
    for line in lines:
        by_article[line["article"]].append(line)
        assert line["type"] in TYPES, line
        assert line["name"] is None or line["name"].strip() == line["name"] != "", line
    gold = load_compartment(POLNEAR / FILES[name]) if by_article else {}
    for article, mine in by_article.items():
        expected = list(source_lines(gold[article]))
        assert [m["source"] for m in mine] == [e["source"] for e in expected], article
        assert [m["source_text"] for m in mine] == [e["source_text"] for e in expected], article


def test_no_article_is_annotated_twice():
    articles = [{line["article"] for line in records(name)} for name in FILES]
    assert not (articles[0] & articles[1]) and sum(map(len, articles)) == len(set().union(*articles))

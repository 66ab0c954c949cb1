"""Scoring speaker resolution against hand-resolved sources (``tests/data/speakers/``).

The annotation file is JSON lines, one per gold source span of a PolNeAR article:
``{"article": stem, "source": [[start, end], ...], "source_text": ..., "name": str or
null, "type": ...}``. A gold attribution with a source and a non-null name is *named*;
it counts as **found** when a predicted attribution matches it by content as the
reference scorer matches (:func:`saidwhat.evaluation.scoring.judge`), and as **right**
when that attribution's speaker has exactly the annotated name (compared by
:func:`normalise_name`).

Figures are given by the form of the gold source: ``name`` (the source holds the
speaker's name), ``pronoun``, or ``description`` (anything else: "the newspaper", "the
Republican nominee", "a spokesman for the campaign").
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ..errors import GoldDataError
from ..io.gold import Compartment, GoldAttribution
from ..schema import Article, Attribution, Offsets, TextSpan
from .scoring import TokenIndex, judge, predictions_from_articles, scored_attributions

FORMS = ("name", "pronoun", "description")
PRONOUNS = frozenset("""
he she him her his hers they them their it its i me my we us our you who whom whose which
that this these those
""".split())
Annotations = Dict[str, Dict[Tuple[Offsets, ...], Dict[str, Any]]]


def load_annotations(path: Union[str, os.PathLike]) -> Annotations:
    """Return ``{stem: {source fragments: record}}`` from a speaker annotation file.

    Raises GoldDataError naming the file and line for unreadable or malformed records.
    """
    out: Annotations = {}
    try:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    key = tuple((int(s), int(e)) for s, e in record["source"])
                    out.setdefault(str(record["article"]), {})[key] = record
                except (ValueError, KeyError, TypeError) as err:
                    raise GoldDataError(f"{path}:{number}: not a speaker annotation ({err})") from err
    except OSError as err:
        raise GoldDataError(f"{path}: cannot read the speaker annotations ({err})") from err
    return out


def gold_attributions(text: str, attributions: Sequence[GoldAttribution]) -> List[Attribution]:
    """The gold ``attributions`` of ``text`` as the schema's, for resolving their sources."""
    return [Attribution(id=k, kind="indirect", content=TextSpan.from_offsets(text, a.content),
                        cue=TextSpan.from_offsets(text, a.cue) if a.cue else None,
                        source=TextSpan.from_offsets(text, sorted(a.source)) if a.source else None)
            for k, a in enumerate(attributions, start=1)]


def normalise_name(name: Optional[str]) -> Optional[str]:
    """Lowercase, straight apostrophes, no leading "the", no possessive, single spaces."""
    if name is None:
        return None
    name = name.replace("\u2019", "'").lower().strip()
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"'s?$", "", name)
    return " ".join(name.split()) or None


def source_form(source_text: str, name: Optional[str]) -> str:
    """``"pronoun"``, ``"name"`` (the source holds a word of ``name``) or ``"description"``."""
    words = source_text.replace("\u2019", "'").lower().split()
    if len(words) == 1 and words[0].strip(",.") in PRONOUNS:
        return "pronoun"
    if name:
        parts = [w for w in re.findall(r"\w+", name.lower()) if len(w) > 1 and w not in ("the", "and", "of")]
        said = set(re.findall(r"\w+", source_text.lower()))
        if any(p in said for p in parts):
            return "name"
    return "description"


def score_speakers(gold: Compartment, annotations: Annotations, articles: Iterable[Article]) -> Dict[str, Any]:
    """Score the speakers of ``articles`` against ``annotations`` over the ``gold`` attributions.

    Returns ``{"forms": {form: {"gold", "found", "right"}}, "all": {...}, "unnamed":
    {"found", "kept"}, "errors": [...]}``; ``unnamed`` counts the found attributions whose
    annotated name is null and how many of them got no name either; ``errors`` lists each
    found attribution given a wrong name (form ``unnamed`` for a name where the gold has none).
    """
    counts: Dict[str, Counter] = {form: Counter() for form in FORMS}
    unnamed: Counter = Counter()
    errors: List[Dict[str, Any]] = []
    for article in articles:
        if article.id not in annotations or article.id not in gold:
            continue
        gold_article = gold[article.id]
        gold_attributions = gold_article.attributions
        notes = annotations[article.id]
        predicted = predictions_from_articles([article])[article.id]
        scored = scored_attributions(article)  # the attributions ``predicted`` lists
        matched = {j: i for i, j, _ in judge(TokenIndex(gold_article.text), gold_attributions, predicted)}
        for j, attribution in enumerate(gold_attributions):
            if not attribution.source:
                continue
            note = notes.get(tuple(sorted(attribution.source)))
            if note is None:
                continue
            speaker = found_source = None
            if j in matched:
                speaker = scored[matched[j]].speaker
                found_source = scored[matched[j]].source
            got = speaker.name if speaker is not None else None
            if note.get("name") is None:
                if j in matched:
                    unnamed["found"] += 1
                    unnamed["kept"] += got is None
                    if got is not None:
                        errors.append(_error(article.id, "unnamed", note, found_source, attribution, got))
                continue
            form = source_form(note.get("source_text", ""), note["name"])
            counts[form]["gold"] += 1
            if j in matched:
                counts[form]["found"] += 1
                right = normalise_name(got) == normalise_name(note["name"])
                counts[form]["right"] += right
                if not right:
                    errors.append(_error(article.id, form, note, found_source, attribution, got))
    total = sum(counts.values(), Counter())
    return {"forms": {f: dict(c) for f, c in counts.items()}, "all": dict(total),
            "unnamed": dict(unnamed), "errors": errors}


def _error(article: str, form: str, note: Dict[str, Any], found_source, attribution: GoldAttribution,
           got: Optional[str]) -> Dict[str, Any]:
    """One wrong name: where, the source as annotated and as found, why, expected and got."""
    return {"article": article, "form": form, "source": note.get("source_text"),
            "found_source": found_source.text if found_source else None,
            "cause": _cause(found_source, attribution.source),
            "expected": note.get("name"), "got": got}


def _cause(found_source, gold_source: Sequence[Offsets]) -> str:
    """Why a found attribution got a wrong speaker: the extractor gave it ``"no source"``
    or ``"another source"`` than the gold one, or the source was right and the
    ``"resolver"`` went wrong."""
    if found_source is None:
        return "no source"
    if not any(s < e2 and s2 < e for s, e in found_source.spans for s2, e2 in gold_source):
        return "another source"
    return "resolver"


def format_speaker_table(result: Dict[str, Any]) -> str:
    """Return the figures of :func:`score_speakers` as a text table."""
    rows = [f"  {'source form':12s} {'gold':>5s} {'found':>6s} {'right':>6s} {'of found':>9s} {'end-to-end':>11s}"]
    for form in FORMS + ("all",):
        c = result["all"] if form == "all" else result["forms"][form]
        gold, found, right = c.get("gold", 0), c.get("found", 0), c.get("right", 0)
        rows.append(f"  {form:12s} {gold:5d} {found:6d} {right:6d} {right / found if found else 0:9.3f} "
                    f"{right / gold if gold else 0:11.3f}")
    pronoun, description = result["forms"]["pronoun"], result["forms"]["description"]
    found = pronoun.get("found", 0) + description.get("found", 0)
    right = pronoun.get("right", 0) + description.get("right", 0)
    rows.append(f"  pronoun or description, right of found: {right / found if found else 0:.3f}")
    causes = Counter(e["cause"] for e in result["errors"] if e["form"] != "unnamed")
    if causes:
        rows.append("  wrong names by cause: " + ", ".join(f"{k}: {v}" for k, v in causes.most_common()))
    u = result["unnamed"]
    rows.append(f"  unnamed in gold and found: {u.get('found', 0)}, left unnamed: {u.get('kept', 0)}")
    return "\n".join(rows)

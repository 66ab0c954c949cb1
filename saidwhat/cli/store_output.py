"""How the store's commands print their results: a readable text for the terminal, or
the results' flat records as json, jsonl or csv."""
from __future__ import annotations

import csv
import json
import shutil
import textwrap
from typing import Any, Dict, List, Sequence, TextIO

from ..store.results import Hit, Hits, QuoteHistory, SpeakerProfile, SpeakerSummaries


def write_records(records: List[Dict[str, Any]], fmt: str, out: TextIO) -> None:
    """Write flat records as a json array, json lines or csv (a header row first)."""
    if fmt == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        if records:
            writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in r.items()} for r in records)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _cell(value: Any) -> Any:
    """A csv cell: lists and dicts as JSON, None as empty."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless one."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _width() -> int:
    return max(60, min(110, shutil.get_terminal_size((100, 24)).columns))


def _where(hit: Hit) -> str:
    """The article a hit is in: title, outlet, date (those it has), or its id."""
    parts = [p for p in (hit.title or hit.article_id, hit.outlet, hit.date and hit.date.isoformat()) if p]
    return " · ".join(parts)


def write_hits(hits: Hits, fmt: str, out: TextIO) -> None:
    """Write search hits: numbered, each with who, cue, kind, where and quote id, and the
    quote in its sentence beneath."""
    if fmt != "text":
        write_records(hits.records(), fmt, out)
        return
    width = _width()
    for number, hit in enumerate(hits, start=1):
        a = hit.attribution
        cue = a.cue.text if a.cue else "(no cue)"
        head = f"{number:>3}. {hit.who()} · {cue} · {a.kind} · {_where(hit)} · quote {hit.quote_id}"
        out.write("\n".join(textwrap.wrap(head, width, subsequent_indent="     ")) + "\n")
        out.write(textwrap.fill(hit.sentence, width, initial_indent="     ", subsequent_indent="     ") + "\n")
    out.write(_count(len(hits), "hit") + "\n")


def _table(rows: Sequence[Sequence[Any]], header: Sequence[str], numeric: Sequence[bool]) -> str:
    """A plain text table: columns as wide as their widest cell, numbers right-aligned."""
    cells = [[str(c) for c in header]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[k]) for r in cells) for k in range(len(header))]
    lines = []
    for k, row in enumerate(cells):
        line = "  ".join(c.rjust(w) if numeric[i] else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths)))
        lines.append(line.rstrip())
        if k == 0:
            lines.append("  ".join("─" * w for w in widths))
    return "\n".join(lines) + "\n"


def write_speakers(speakers: SpeakerSummaries, fmt: str, out: TextIO) -> None:
    """Write the speaker summaries, most quoted first."""
    if fmt != "text":
        write_records(speakers.records(), fmt, out)
        return
    header = ("id", "speaker", "type", "quotes", "direct", "mixed", "indirect", "articles", "first", "last")
    rows = [(s.id, s.name, s.type, s.attributions, s.direct, s.mixed, s.indirect, s.articles, s.first, s.last)
            for s in speakers]
    out.write(_table(rows, header, (True, False, False, True, True, True, True, True, False, False)))


def write_profile(profile: SpeakerProfile, fmt: str, out: TextIO) -> None:
    """Write one speaker's counts, names, titles and articles."""
    if fmt != "text":
        write_records([profile.record()], fmt, out)
        return
    s = profile.summary
    dates = f", {s.first} to {s.last}" if s.first else ""
    out.write(f"{s.name} ({s.type}, speaker {s.id}): {_count(s.attributions, 'attribution')} ({s.direct} direct, "
              f"{s.mixed} mixed, {s.indirect} indirect) in {_count(s.articles, 'article')}{dates}\n")
    out.write("names:    " + ", ".join(f"{n} ({c})" for n, c in profile.names) + "\n")
    for title, date, article in profile.titles:
        out.write(f"title:    {title} ({date or 'undated'}, {article})\n")
    out.write("articles: " + ", ".join(profile.articles) + "\n")


def write_quote(history: QuoteHistory, fmt: str, out: TextIO) -> None:
    """Write a quote's occurrences in date order, the first marked, each alteration with
    its difference."""
    if fmt != "text":
        write_records(history.records(), fmt, out)
        return
    first, width = history.first, _width()
    head = f"quote {history.id} · {first.who()} · {_count(len(history.occurrences), 'occurrence')}; first: {_where(first)}"
    out.write("\n".join(textwrap.wrap(head, width, subsequent_indent="  ")) + "\n")
    for k, hit in enumerate(history.occurrences):
        change = history.alterations.get(hit.id)
        mark = "first" if k == 0 else f"altered: {change}" if change is not None else "same words"
        line = f"  {hit.date or 'undated'} · {hit.outlet or '(no outlet)'} · {hit.article_id} · {mark}"
        out.write("\n".join(textwrap.wrap(line, width, subsequent_indent="    ")) + "\n")
        out.write(textwrap.fill(hit.attribution.content.text, width, initial_indent="    ",
                                subsequent_indent="    ") + "\n")

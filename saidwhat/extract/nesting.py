"""Reports inside reports, and quote paragraphs that carry on the previous speaker's quote.

PolNeAR gives every word one role, so the model and the rules return flat attributions.
:func:`nest` adds the structure journalists read:

1. A quotation that holds a cue of its own ("But it wasn't enough, Trump said, ...")
   belongs whole to the attribution that quotes it (CNN's), and the attribution of that
   inner cue is nested under it (``parent``).
2. Reported speech inside a content ("Trump said Kim had offered ..." inside CNN's quote,
   "CNN reported that Trump said ...") is found by the reported-speech rules and nested
   under the attribution whose content holds it.
3. A paragraph that is all quotation and has no cue of its own, right after a paragraph
   with an attribution, carries on that attribution's speaker: it takes its source, its
   ``continues`` is that attribution, and its confidence follows that one's.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from spacy.tokens import Doc

from .cues import candidate_cues
from .doctext import doc_text
from .found import Found
from .reported import reports_within
from .quotes import QUOTE_MARKS, paragraphs
from .span_index import SpanIndex
from ..schema import Offsets

FIRST_AND_SECOND_PERSON = frozenset(("i", "we", "you"))


def nest(doc: Doc, found: Sequence[Found]) -> List[Found]:
    """Return ``found`` with reports inside reports nested (``parent`` set, new inner
    reports added) and cue-less quote paragraphs continued, ordered by content start."""
    items = list(found)
    _nest_quoted_cues(items)
    items.extend(_inner_reports(doc, items))
    _continue_quotes(doc_text(doc), items)
    items.sort(key=lambda f: (f.start, f.cue or (0, 0)))
    return items


def _nest_quoted_cues(items: List[Found]) -> None:
    """Nest each attribution whose cue lies in another's quotation under that one, and
    give the outer one the whole quotation."""
    # Where each one's content and quotations lie: a cue outside it cannot nest there
    # (giving the outer one its quotation does not widen it).
    order = {id(f): k for k, f in enumerate(items)}
    reach = SpanIndex(((min([s for s, _ in f.content] + [q.start for q in f.quotes]),
                        max([e for _, e in f.content] + [q.end for q in f.quotes])), f) for f in items if f.content)
    for inner in items:
        if inner.cue is None:
            continue
        for outer in sorted(reach.covering(inner.cue), key=lambda f: order[id(f)]):
            if outer is inner:
                continue
            quote = next((q for q in outer.quotes if q.start <= inner.cue[0] and inner.cue[1] <= q.end
                          and any(s < q.end and q.start < e for s, e in outer.content)), None)
            if quote is None and not _inside(inner.cue, outer.content):
                continue
            if _descends(outer, inner):
                continue
            if quote is not None:
                if outer.cue is not None and quote.start <= outer.cue[0] and outer.cue[1] <= quote.end:
                    continue  # both cues inside one quotation (a transcript's "WALLACE:" turns)
                outer.content = _union(outer.content, quote.fragments)
            if inner.parent is None or _size(outer) < _size(inner.parent):
                inner.parent = outer


def _descends(item: Found, ancestor: Found) -> bool:
    """True if ``ancestor`` is ``item``'s parent, or its parent's, and so on."""
    seen = set()
    while item.parent is not None and id(item) not in seen:
        seen.add(id(item))
        if item.parent is ancestor:
            return True
        item = item.parent
    return False


def _inner_reports(doc: Doc, items: Sequence[Found]) -> List[Found]:
    """Reported speech the rules find inside a content and no attribution has yet."""
    cues = [f.cue for f in items if f.cue is not None]
    candidates = [doc[i] for i in candidate_cues(doc)]
    starts = [t.idx for t in candidates]
    added: List[Found] = []
    for outer in items:
        if outer.continues is not None:
            continue
        for inner in reports_within(doc, outer.content, candidates, starts):
            if inner.cue is None or any(_overlaps(inner.cue, cue) for cue in cues):
                continue
            if inner.source is not None and _first_or_second_person(doc, inner.source):
                continue  # "I think ..." inside a quote is the speaker's own view, not a report
            if outer.cue is not None and _overlaps(inner.cue, outer.cue):
                continue
            inner.parent = outer
            cues.append(inner.cue)
            added.append(inner)
    return added


def _continue_quotes(text: str, items: List[Found]) -> None:
    """Give a cue-less quote paragraph the source of the attribution in the paragraph before."""
    paras = paragraphs(text)
    for item in items:
        if item.cue is not None or item.source is not None or item.parent is not None:
            continue
        index = _paragraph_index(paras, item.start)
        if index is None or index == 0 or not _all_quotation(text, paras[index], item.content):
            continue
        previous = _last_in(paras[index - 1], items)
        if previous is None or previous.source is None:
            continue
        item.source = previous.source
        item.continues = previous


def _paragraph_index(paras: Sequence[Offsets], offset: int) -> Optional[int]:
    for k, (start, end) in enumerate(paras):
        if start <= offset < end:
            return k
    return None


def _all_quotation(text: str, para: Offsets, content: Sequence[Offsets]) -> bool:
    """True if the paragraph opens with a quotation mark and the content covers nearly all of it."""
    start, end = para
    if text[start] not in QUOTE_MARKS:
        return False
    covered = sum(max(0, min(e, end) - max(s, start)) for s, e in content)
    return covered >= 0.9 * (end - start)


def _last_in(para: Offsets, items: Sequence[Found]) -> Optional[Found]:
    """The top-level attribution with a source whose content ends last within ``para``."""
    start, end = para
    inside = [f for f in items if f.parent is None and f.source is not None
              and any(start <= s < end for s, _ in f.content)]
    return max(inside, key=lambda f: max(e for _, e in f.content), default=None)


def _first_or_second_person(doc: Doc, source: Offsets) -> bool:
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    words = span.text.lower().split() if span is not None else []
    return len(words) == 1 and words[0] in FIRST_AND_SECOND_PERSON


def _inside(span: Offsets, content: Sequence[Offsets]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in content)


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _union(content: Sequence[Offsets], extra: Sequence[Offsets]) -> List[Offsets]:
    merged: List[List[int]] = []
    for start, end in sorted(list(content) + list(extra)):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _size(item: Found) -> int:
    return sum(e - s for s, e in item.content)

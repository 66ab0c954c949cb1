"""Direct quotes: each quotation that reads as something said, with the cue and source
that :mod:`.quote_cues` finds beside it; quotes split by their cue, quote paragraphs
that go on quoting the previous speaker, quotes with no cue of their own, transcript
turns (``PENCE: ...``)."""
from __future__ import annotations

import bisect
import re
from typing import Dict, List, Optional, Sequence, Set, Tuple

from spacy.tokens import Doc

from ..schema import Offsets
from .found import Found
from .quote_cues import colon_cue, cue_after, cue_before, embedded, leads_into, signature_below
from .quotes import QUOTE_MARKS, Quote, find_quotes

# A transcript speaker's label opening a paragraph ("PENCE: ...", "JAKE TAPPER: ...").
SPEAKER_LABEL = re.compile(r"[\"\u201c]?([A-Z][A-Z.'\- ]{1,30}[A-Z]):[ \u00a0]+")
# The fewest words a transcript turn holds after its label.
MIN_TURN_WORDS = 3


def speaker_turns(text: str, paras: Sequence[Offsets]) -> List[Found]:
    """Transcript paragraphs ``PENCE: Well, look, ...``: the capitalised name is the
    source, the colon the cue and the rest of the paragraph the content. A label counts
    only when it opens at least two paragraphs (so ``UPDATE:`` or a headline does not)."""
    labelled = []
    for p_start, p_end in paras:
        match = SPEAKER_LABEL.match(text, p_start, p_end)
        if match and len(text[match.end():p_end].split()) >= MIN_TURN_WORDS:
            labelled.append((match, p_end))
    counts: Dict[str, int] = {}
    for match, _ in labelled:
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    found = []
    for match, p_end in labelled:
        if counts[match.group(1)] >= 2:
            end = p_end - 1 if text[p_end - 1] in QUOTE_MARKS else p_end
            colon = match.end(1)
            found.append(Found([(match.end(), end)], (colon, colon + 1), match.span(1), "speaker-turn"))
    return found


def direct_quotes(doc: Doc, text: str, paras: Sequence[Offsets]) -> Tuple[List[Found], List[Quote]]:
    """Return the attributed quotes of ``doc`` (whose paragraphs are ``paras``) and the
    orphans: quotes that open a sentence inside a paragraph with no cue of their own
    (see :func:`_adopt_orphans`)."""
    quotes = [q for q in find_quotes(text) if _is_statement(doc, text, q)]
    para_starts = [s for s, _ in paras]
    by_para: Dict[int, List[Quote]] = {}
    for q in quotes:
        by_para.setdefault(_paragraph_of(paras, para_starts, q.start), []).append(q)
    found: List[Found] = []
    listed: Set[int] = set()  # ids of the items in found
    orphans: List[Quote] = []
    pending_colon: Optional[Found] = None  # "... he said:" closing the previous paragraph
    speaking: Optional[Found] = None  # the attributed quote closing the previous paragraph
    for p_index, (p_start, p_end) in enumerate(paras):
        para_quotes = by_para.get(p_index, [])
        attributed: List[Tuple[Quote, Optional[Found]]] = []
        for k, q in enumerate(para_quotes):
            if k + 1 < len(para_quotes):
                limit = para_quotes[k + 1].start
            else:
                limit = paras[_paragraph_of(paras, para_starts, q.end - 1)][1]
            previous_end = para_quotes[k - 1].end if k else p_start
            item = (
                cue_after(doc, text, q, limit)
                or signature_below(doc, text, q, paras, p_index)
                or cue_before(doc, q, previous_end)
            )
            attributed.append((q, item))
        _join_split_quotes(doc, text, attributed)
        for q, item in attributed:
            if item is None:
                if q.start != p_start:
                    if not embedded(text, q):
                        orphans.append(q)
                    continue  # else a quotation inside a sentence with no cue: a title or scare quote
                going_on = speaking if _only_quotes(text, para_quotes, p_start, p_end) else None
                item = pending_colon or going_on or Found([], None, None, "quote-no-cue")
                item.content.extend(q.fragments)
                item.quotes.append(q)
                pending_colon = None
            if id(item) not in listed:
                listed.add(id(item))
                found.append(item)
        speaking = _closing_speaker(doc, attributed, p_end) if para_quotes else None
        pending_colon = colon_cue(doc, p_start, p_end) if not para_quotes else None
    return found, orphans


def adopt_orphans(text: str, found: List[Found], orphans: Sequence[Quote]) -> None:
    """Give each orphan quote to the attribution just before it in its paragraph
    (``..., Schiff said. "The other factor ..."``): PolNeAR makes the quote another
    fragment of that attribution's content."""
    for q in orphans:
        p_start = text.rfind("\n", 0, q.start) + 1
        before = [f for f in found if f.cue and p_start <= f.start and max(e for _, e in f.content) <= q.start]
        if not before or any(f.covers((q.start, q.end)) for f in found):
            continue
        owner = max(before, key=lambda f: max(e for _, e in f.content))
        owner.content.extend(q.fragments)
        owner.quotes.append(q)


def _only_quotes(text: str, para_quotes: Sequence[Quote], p_start: int, p_end: int) -> bool:
    """True if the paragraph holds nothing but its quotes (and punctuation)."""
    inside = set()
    for q in para_quotes:
        for s, e in q.fragments:
            inside.update(range(max(s, p_start), min(e, p_end)))
    return not any(text[i].isalnum() for i in range(p_start, p_end) if i not in inside)


def _closing_speaker(doc: Doc, attributed: Sequence[Tuple[Quote, Optional[Found]]], p_end: int) -> Optional[Found]:
    """The attributed quote that ends its paragraph, whose speaker a following paragraph
    of quotation with no cue of its own goes on quoting (PolNeAR joins such a paragraph
    to that attribution). Its quote must reach the paragraph's last sentence."""
    q, item = attributed[-1]
    if item is None or item.cue is None or not item.quotes:
        return None
    last = doc.char_span(p_end - 1, p_end, alignment_mode="expand")
    if last is None:
        return None
    return item if q.end > last[0].sent.start_char else None


def _join_split_quotes(doc: Doc, text: str, attributed: List[Tuple[Quote, Optional[Found]]]) -> None:
    """Give each quote with no cue of its own to the nearest attributed quote of its paragraph
    (a quote inside a sentence only to one whose cue stands between them), and a quote to
    the one before it when both took the same cue (``"...," he said, "..."``)."""
    for k in range(len(attributed) - 1, 0, -1):
        (_, first), (q, item) = attributed[k - 1], attributed[k]
        if first is not None and item is not None and item.cue_token is not None and item.cue_token == first.cue_token:
            first.content.extend(q.fragments)
            first.quotes.append(q)
            attributed[k] = (q, first)
    for k, (q, item) in enumerate(attributed):
        if item is not None:
            continue
        before = [it for _, it in attributed[:k] if it is not None]
        after = [it for _, it in attributed[k + 1:] if it is not None]
        if embedded(text, q):
            # ``"...," he said, but "..."``: only to a cue a few words before it
            owner = before[-1] if before and leads_into(doc, before[-1], q) else None
        else:
            owner = before[-1] if before else (after[0] if after else None)
        if owner is not None:
            owner.content.extend(q.fragments)
            owner.content.sort()
            owner.quotes.append(q)
            attributed[k] = (q, owner)




def _is_statement(doc: Doc, text: str, q: Quote) -> bool:
    """True for a quotation that reads as something said, not a scare quote or a title."""
    s, e = q.start, q.end
    inner = text[s + 1:e - 1].strip()
    if len(q.fragments) > 1 or (inner and inner[-1] in ",.?!"):
        return True
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    return has_verb and len(words) >= 4


def _paragraph_of(paras: Sequence[Offsets], starts: Sequence[int], offset: int) -> int:
    """Index of the paragraph of ``paras`` (whose starts are ``starts``) holding
    ``offset``; the last paragraph when none does."""
    k = bisect.bisect_right(starts, offset) - 1
    return k if k >= 0 and offset < paras[k][1] else len(paras) - 1

"""Finding attributions in a parsed Doc: direct quotes, reported speech and thought.

The first approach is rules over spaCy's parse:

1. Direct quotes (:mod:`.quotes`, :mod:`.direct`, :mod:`.quote_cues`) take the speech verb right after them
   (``"...," Trump said``, ``"...," said Donna Brazile``), a signature dash
   (``"..." ― Jane Doe``, also opening the next paragraph) or the cue right before
   them (``Trump said: "..."``, ``According to Limbaugh, "..."``, ``I had to change my
   answer: "..."``) as their cue,
   and its subject as their source. A quote inside the clause a later speech verb
   reports (``The summit accomplished "too little," he added``) goes with that clause;
   one relayed ``according to`` someone after it goes to that someone. A speech verb in
   the sentence after a quote that ends in a full stop is its cue only when it says
   nothing of its own (``"...." Trump said``, not ``"...." She noted a rally``).
   A quote with no cue of its own joins the attributed quote beside it in the same
   paragraph (a quote split by its cue), the attribution just before it in its paragraph
   (``..., Schiff said. "..."``), the cue that closed the previous paragraph with a colon,
   or, as PolNeAR does, the quote that closed the previous paragraph when it is a whole
   paragraph of quotation (a speech running over several paragraphs). Transcript turns
   (``PENCE: ...``) are attributed to their speaker label.
2. Reported speech: a reporting verb with a clause (``told reporters that ...``), an
   intention verb with an infinitive (``plans to ...``), a verb with quoted complements
   (``called X a "..."``), a reporting noun with a that-clause (``her assertion that``),
   "according to X", and a speech verb set after the clause it reports (``The talks
   failed, officials said``) or inside it between commas (``The talks, he said, failed``).
   A direct quote with its cue outranks a reported clause around it.

:func:`find_attributions` returns plain :class:`Found` records with character offsets;
the spaCy component turns them into schema objects.
"""
from __future__ import annotations

from typing import List, Sequence

from spacy.tokens import Doc

from ..schema import Offsets
from .direct import adopt_orphans, direct_quotes, speaker_turns
from .doctext import doc_text
from .found import Found
from .quotes import paragraphs
from .reported import reported
from .span_index import SpanIndex


def find_attributions(doc: Doc) -> List[Found]:
    """Return the attributions in parsed ``doc``, ordered by where their content starts."""
    text = doc_text(doc)
    paras = paragraphs(text)
    turns = speaker_turns(text, paras)
    direct, orphans = direct_quotes(doc, text, paras)
    turn_spans = [turn.content[0] for turn in turns]
    found = [f for f in direct if not _mostly_inside(f.content, turn_spans)]
    used_cues = {f.cue_token for f in found if f.cue_token is not None}
    quoted = [(q.start, q.end) for f in found for q in f.quotes]
    found.extend(turns)
    for item in reported(doc, used_cues):
        if not _mostly_inside(item.content, quoted):
            found.append(item)
    found = _drop_nested(found)
    adopt_orphans(text, found, orphans)
    found.sort(key=lambda f: (f.start, f.cue or (0, 0)))
    return found


def _mostly_inside(content: Sequence[Offsets], spans: Sequence[Offsets]) -> bool:
    """True if at least half of ``content`` lies in ``spans``."""
    size = sum(e - s for s, e in content)
    inside = sum(max(0, min(e, qe) - max(s, qs)) for s, e in content for qs, qe in spans)
    return size > 0 and inside * 2 >= size


def _drop_nested(found: List[Found]) -> List[Found]:
    """Keep only the outermost of attributions whose cue sits in another's content, except
    that a direct quote with its cue outranks a reported clause around it: an item gives
    way to another whose content holds its cue (a quoted item only to another quoted one),
    and an unquoted item to a quoted one whose cue lies in its own content.

    PolNeAR gives each word one role, so a report inside a report is not returned
    on its own here. Each item looks up only the contents and cues around its own, so a
    paragraph of a thousand quotes costs a thousand look-ups, not a million pairs.
    """
    contents = SpanIndex((fragment, item) for item in found for fragment in item.content)
    quoted_cues = SpanIndex((item.cue, item) for item in found if item.quotes and item.cue)
    kept = []
    for item in found:
        if any(other is not item and (other.quotes or not item.quotes) for other in contents.covering(item.cue)):
            continue
        if not item.quotes and any(other is not item for fragment in item.content
                                   for other in quoted_cues.within(fragment)):
            continue
        kept.append(item)
    return kept


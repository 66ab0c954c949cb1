"""Finding attributions in a parsed Doc: direct quotes, reported speech and thought.

The first approach is rules over spaCy's parse:

1. Direct quotes (:mod:`saidwhat.quotes`) take the speech verb right after them
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

import bisect
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from spacy.tokens import Doc, Token

from .doctext import doc_text
from .cues import (QUOTING, REPORTING, according_to, candidate_cues, cue_extent, is_candidate_cue, is_speech_verb,
                   nominal_clause, reporting_kind)
from .quotes import QUOTE_MARKS, Quote, find_quotes, paragraphs
from ..schema import Offsets
from .sources import phrase_extent, source_extent

# Tokens that end the clause a cue must sit in.
TERMINALS = frozenset((".", "?", "!"))
# How far (in tokens) a cue may stand from the quote it introduces.
MAX_CUE_DISTANCE = 12
# A transcript speaker's label opening a paragraph ("PENCE: ...", "JAKE TAPPER: ...").
SPEAKER_LABEL = re.compile(r"[\"\u201c]?([A-Z][A-Z.'\- ]{1,30}[A-Z]):[ \u00a0]+")
# The fewest words a transcript turn holds after its label.
MIN_TURN_WORDS = 3
# How many words may lead from a cue into the second part of a split quote (", but").
MAX_LEAD_WORDS = 4
# Dependents by which a speech verb says something of its own (an object or a clause).
COMPLEMENT_DEPS = frozenset(("ccomp", "xcomp", "dobj"))
# Parts of speech that open the subject of a cue after a quote.
SUBJECT_STARTS = frozenset(("DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM"))
# Dashes that attribute a quote to the name after them ("..." ― Jane Doe).
DASHES = frozenset("\u2015\u2014\u2013-")
# Punctuation trimmed from the edges of a reported clause.
EDGE_PUNCT = frozenset(",;:-\u2014\u2013")
# A quote paragraph that continues the previous speaker's quote: the confidence of the
# attribution it continues, times this.
CONTINUED_FACTOR = 0.8

# Confidence of each rule: the share of its output that is who-said-what correct (matched
# to a gold attribution by content Dice >= 0.5, one-to-one as the reference scorer does,
# with the right source), measured on PolNeAR TRAIN (840 articles; dev was kept out) by
# running find_attributions on the pipeline's Docs, add-one smoothed:
# (correct + 1) / (predictions + 2). Number of train predictions in the comments.
# Reproduce with: benchmarks/accuracy.py ../shared/data/polnear/train --by-rule
RULE_CONFIDENCE: Dict[str, float] = {
    "quote-cue-after": 0.94,  # 2615
    "quote-according-to": 0.89,  # 25
    "clause-around-cue": 0.89,  # 155
    "quote-in-clause": 0.87,  # 52
    "according-to": 0.86,  # 378
    "quote-cue-before": 0.84,  # 510
    "speaker-turn": 0.83,  # 4
    "quote-dash": 0.80,  # 8
    "clause": 0.76,  # 6052
    "quote-colon-paragraph": 0.73,  # 20
    "clause-before-cue": 0.71,  # 36
    "quoted-complement": 0.70,  # 516
    "quote-colon": 0.64,  # 43
    "infinitive": 0.58,  # 788
    "nominal": 0.52,  # 81
    "clause-cut-off": 0.41,  # 15
    "quote-no-cue": 0.02,  # 92: the speaker is never known
}


@dataclass
class Found:
    """One attribution found in a Doc, as character offsets into ``doc.text``."""

    content: List[Offsets]
    cue: Optional[Offsets]
    source: Optional[Offsets]
    rule: str
    cue_token: Optional[int] = None
    quotes: List[Quote] = field(default_factory=list)
    parent: Optional["Found"] = None
    continues: Optional["Found"] = None

    @property
    def start(self) -> int:
        """Offset where the content starts."""
        return min(s for s, _ in self.content)

    def kind(self, text: str) -> str:
        """Return ``"direct"``, ``"mixed"`` or ``"indirect"`` for this content in ``text``.

        Direct: every fragment lies in a quotation; mixed: quotation marks inside
        reported speech; indirect: no marks.
        """
        frags = [frag for q in self.quotes for frag in q.fragments]
        if frags and all(any(qs <= s and e <= qe for qs, qe in frags) for s, e in self.content):
            return "direct"
        if any(ch in QUOTE_MARKS for s, e in self.content for ch in text[s:e]):
            return "mixed"
        return "indirect"

    @property
    def confidence(self) -> float:
        """How likely the attribution is right: for a quote that continues another, that
        one's confidence times :data:`CONTINUED_FACTOR`, else :attr:`own_confidence`."""
        if self.continues is not None:
            return self.continues.confidence * CONTINUED_FACTOR
        return self.own_confidence

    @property
    def own_confidence(self) -> float:
        """The rule's measured precision."""
        return RULE_CONFIDENCE[self.rule]


def find_attributions(doc: Doc) -> List[Found]:
    """Return the attributions in parsed ``doc``, ordered by where their content starts."""
    text = doc_text(doc)
    paras = paragraphs(text)
    turns = _speaker_turns(text, paras)
    direct, orphans = _direct_quotes(doc, text, paras)
    turn_spans = [turn.content[0] for turn in turns]
    found = [f for f in direct if not _mostly_inside(f.content, turn_spans)]
    used_cues = {f.cue_token for f in found if f.cue_token is not None}
    quoted = [(q.start, q.end) for f in found for q in f.quotes]
    found.extend(turns)
    for item in _reported(doc, used_cues):
        if not _mostly_inside(item.content, quoted):
            found.append(item)
    found = _drop_nested(found)
    _adopt_orphans(text, found, orphans)
    found.sort(key=lambda f: (f.start, f.cue or (0, 0)))
    return found


# --- direct quotes -------------------------------------------------------------------


def _speaker_turns(text: str, paras: Sequence[Offsets]) -> List[Found]:
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


def _direct_quotes(doc: Doc, text: str, paras: Sequence[Offsets]) -> Tuple[List[Found], List[Quote]]:
    """Return the attributed quotes of ``doc`` (whose paragraphs are ``paras``) and the
    orphans: quotes that open a sentence inside a paragraph with no cue of their own
    (see :func:`_adopt_orphans`)."""
    quotes = [q for q in find_quotes(text) if _is_statement(doc, text, q)]
    para_starts = [s for s, _ in paras]
    by_para: Dict[int, List[Quote]] = {}
    for q in quotes:
        by_para.setdefault(_paragraph_of(paras, para_starts, q.start), []).append(q)
    found: List[Found] = []
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
                _cue_after(doc, text, q, limit)
                or _signature_below(doc, text, q, paras, p_index)
                or _cue_before(doc, q, previous_end)
            )
            attributed.append((q, item))
        _join_split_quotes(doc, text, attributed)
        for q, item in attributed:
            if item is None:
                if q.start != p_start:
                    if not _embedded(text, q):
                        orphans.append(q)
                    continue  # else a quotation inside a sentence with no cue: a title or scare quote
                going_on = speaking if _only_quotes(text, para_quotes, p_start, p_end) else None
                item = pending_colon or going_on or Found([], None, None, "quote-no-cue")
                item.content.extend(q.fragments)
                item.quotes.append(q)
                pending_colon = None
            if not any(other is item for other in found):
                found.append(item)
        speaking = _closing_speaker(doc, attributed, p_end) if para_quotes else None
        pending_colon = _colon_cue(doc, p_start, p_end) if not para_quotes else None
    return found, orphans


def _adopt_orphans(text: str, found: List[Found], orphans: Sequence[Quote]) -> None:
    """Give each orphan quote to the attribution just before it in its paragraph
    (``..., Schiff said. "The other factor ..."``): PolNeAR makes the quote another
    fragment of that attribution's content."""
    for q in orphans:
        p_start = text.rfind("\n", 0, q.start) + 1
        before = [f for f in found if f.cue and p_start <= f.start and max(e for _, e in f.content) <= q.start]
        if not before or any(_covers(f, (q.start, q.end)) for f in found):
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
        if _embedded(text, q):
            # ``"...," he said, but "..."``: only to a cue a few words before it
            owner = before[-1] if before and _leads_into(doc, before[-1], q) else None
        else:
            owner = before[-1] if before else (after[0] if after else None)
        if owner is not None:
            owner.content.extend(q.fragments)
            owner.content.sort()
            owner.quotes.append(q)
            attributed[k] = (q, owner)


def _cue_after(doc: Doc, text: str, q: Quote, limit: int) -> Optional[Found]:
    """``"...," Trump said at ...`` / ``"...," said Donna Brazile`` / ``"..." ― Name``:
    a cue between the end of quote ``q`` and ``limit``. The cue is a speech verb near the
    quote, or further on when all that stands between is its subject. A quote inside the
    clause a verb after it reports (``The summit accomplished "too little," he added``)
    goes with that clause; one relayed ``according to`` someone after it goes to that
    someone. A speech verb in the sentence after a quote that ends in a full stop is its
    cue only when it says nothing of its own (``"...." Trump said``, not ``"...." She
    noted a rally``)."""
    start = q.end
    dashed = _cue_dash(doc, text, q, start, limit)
    if dashed is not None:
        return dashed
    if _closes_sentence(text, q):
        return None
    new_sentence = _new_sentence_after(text, q)
    gap = _clause_tokens(doc, start, limit)
    relayed = None if _embedded(text, q) else _according_after(q, gap)
    if relayed is not None:
        return relayed
    for k, token in enumerate(gap):
        if token.pos_ == "SCONJ" and token.lower_ != "as":
            return None  # "...," while others said: a new clause, not the quote's cue
        if not is_speech_verb(token):
            continue
        if new_sentence and any(c.dep_ in COMPLEMENT_DEPS for c in token.children):
            return None  # "... of the state." She noted a planned rally: a sentence of its own
        clause = _own_clause(token, q)
        if clause is not None and clause.i < token.i and clause.left_edge.idx <= q.start < clause.right_edge.idx:
            content = _trimmed(list(clause.subtree))
            if content:
                return Found([content], cue_extent(token), source_extent(token), "quote-in-clause", token.i, [q])
        if clause is not None and (k > 1 or clause.i < token.i):
            continue
        subject = source_extent(token, (q.start, q.end))
        if k >= MAX_CUE_DISTANCE and not (subject and subject[0] == gap[0].idx) and not _set_off_subject(gap[:k]):
            continue
        if k and (subject is None or subject[0] > token.idx):
            subject = _leading_phrase(gap[:k]) or subject
        src = subject or _inverted_source(token, gap)
        if src is not None and src[0] < q.end and src[1] > q.start:
            src = None
        return Found(list(q.fragments), cue_extent(token), src, "quote-cue-after", token.i, [q])
    return None


def _according_after(q: Quote, gap: Sequence[Token]) -> Optional[Found]:
    """``"...," O'Malley said, according to the Las Vegas Sun``: PolNeAR gives the quote,
    with the words that lead to "according to", to the source that relays it."""
    for k, token in enumerate(gap):
        if token.pos_ == "SCONJ" and token.lower_ != "as":
            return None
        obj = according_to(token)
        if obj is not None:
            lead = _trimmed(list(gap[:k]))
            content = list(q.fragments) + ([lead] if lead else [])
            return Found(content, cue_extent(token), phrase_extent(obj), "quote-according-to", token.i, [q])
    return None


def _set_off_subject(tokens: Sequence[Token]) -> bool:
    """True for the words between a quote and a far cue when they read as its subject set
    off by commas (``"...," an intelligence source, who was not authorized ..., told``):
    a noun phrase first, a comma last, and no verb of a clause of their own."""
    if len(tokens) < 3 or tokens[-1].text != "," or tokens[0].pos_ not in SUBJECT_STARTS:
        return False
    return not any(t.dep_ in ("ROOT", "ccomp", "conj") and t.pos_ in ("VERB", "AUX") for t in tokens)


def _leads_into(doc: Doc, item: Found, q: Quote) -> bool:
    """True if ``item``'s cue, after its quote, stands a few words before ``q`` with no
    sentence end and no cue of its own between (``he said, adding that "..."``)."""
    if item.cue is None or item.cue[0] < item.start or item.cue[1] > q.start:
        return False
    between = doc.char_span(item.cue[1], q.start, alignment_mode="contract")
    words = [t for t in between or () if not t.is_punct and not t.is_space]
    return (
        len(words) <= MAX_LEAD_WORDS
        and not any(t.text in TERMINALS for t in between or ())
        and not any(is_speech_verb(t) for t in words)
    )


def _embedded(text: str, q: Quote) -> bool:
    """True for a quote that words of its own sentence lead into (``represents the "..."``)."""
    i = q.start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i >= 0 and text[i].isalnum()


def _closes_sentence(text: str, q: Quote) -> bool:
    """True for a quote that ends its sentence with a full stop after words of that
    sentence (``She says he is the "same rigged system."``): no cue follows it."""
    return _ends_in_full_stop(text, q) and _embedded(text, q)


def _new_sentence_after(text: str, q: Quote) -> bool:
    """True for a quote ending in a full stop that a capitalised word follows
    (``"... in all areas of the state." She noted ...``): a new sentence may start there,
    whose speech verb is the quote's cue only if it says nothing of its own."""
    after = text[q.end:q.end + 40].lstrip(" \u00a0")
    return _ends_in_full_stop(text, q) and after[:1].isupper()


def _ends_in_full_stop(text: str, q: Quote) -> bool:
    """True if the last fragment of ``q`` ends in a full stop, closing marks aside."""
    return text[q.fragments[-1][0]:q.end].rstrip("".join(QUOTE_MARKS) + " ").endswith(".")


def _leading_phrase(tokens: Sequence[Token]) -> Optional[Offsets]:
    """For ``"...," Tulsa police Chief Chuck Jordan said`` parsed with no subject: the
    words between the quote and its cue, when they name someone (and do not open with a
    preposition or conjunction that goes on with the sentence)."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if not words or words[0].pos_ in ("ADP", "SCONJ", "CCONJ", "PART"):
        return None  # "..." for Clinton, said Kunin: the rest of the sentence, not a name
    if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
        return None
    return _extent(words)


def _cue_dash(doc: Doc, text: str, q: Quote, start: int, limit: int) -> Optional[Found]:
    """``"..." ― Jane Doe``: a dash right after the quote, then a name that ends the
    sentence (the dash may be glued to the closing mark)."""
    dash = start
    while dash < limit and text[dash].isspace():
        dash += 1
    if dash >= limit or text[dash] not in DASHES:
        return None
    after = doc.char_span(dash + 1, limit, alignment_mode="contract")
    name = []
    for t in after or ():
        if t.is_space and not name:
            continue
        if t.pos_ != "PROPN" and not t.text[0].isupper() and not (name and t.text in (".", "-")):
            break
        name.append(t)
    rest = [t for t in after or () if t.i > name[-1].i and not t.is_space] if name else []
    while name and name[-1].text in (".", "-"):
        name.pop()
    if not name or (rest and not rest[0].is_punct):
        return None  # "... - "a quote" - Democrats said": an aside, not a signature
    return Found(list(q.fragments), (dash, dash + 1), _extent(name), "quote-dash", None, [q])


def _signature_below(doc: Doc, text: str, q: Quote, paras: Sequence[Offsets], p_index: int) -> Optional[Found]:
    """A quote of its own that ends its paragraph, signed in the next one (``"..." ¶
    -President Obama, tweeting after ...``)."""
    p_end = paras[p_index][1]
    if _embedded(text, q) or q.end > p_end or p_index + 1 >= len(paras):
        return None
    if any(ch.isalnum() for ch in text[q.end:p_end]):
        return None
    next_start, next_end = paras[p_index + 1]
    if text[next_start] not in DASHES:
        return None
    return _cue_dash(doc, text, q, next_start, next_end)


def _cue_before(doc: Doc, q: Quote, start: int) -> Optional[Found]:
    """``Trump said: "..."`` / ``He added, "..."`` / ``According to Limbaugh, "..."``: a cue
    just before the quote."""
    gap = _clause_tokens(doc, start, q.start, backwards=True)
    if not gap or gap[-1].text not in (":", ",") and not is_speech_verb(gap[-1]):
        return None
    for token in reversed(gap[-MAX_CUE_DISTANCE:]):
        if is_speech_verb(token) and _own_clause(token, q) is None:
            return Found(list(q.fragments), cue_extent(token), source_extent(token), "quote-cue-before", token.i, [q])
        obj = according_to(token)
        if obj is not None:
            return Found(list(q.fragments), cue_extent(token), phrase_extent(obj), "quote-cue-before", token.i, [q])
    # "I had to change my answer: "..."": no speech verb, but a colon
    colon = _colon_clause(gap)
    return Found(list(q.fragments), colon[0], colon[1], "quote-colon", colon[2], [q]) if colon else None


def _colon_clause(gap: Sequence[Token]) -> Optional[Tuple[Offsets, Offsets, int]]:
    """For a clause ending in a colon with no speech verb (``Sanders made the following
    comment:``), return the cue (its last verb through the colon), the source (that verb's
    subject) and the verb's index; None when the clause has no colon, verb or subject."""
    verb = next((t for t in reversed(gap) if t.pos_ == "VERB"), None)
    if not gap or gap[-1].text != ":" or verb is None:
        return None
    src = source_extent(verb)
    if src is None:
        return None
    return (cue_extent(verb)[0], gap[-1].idx + 1), src, verb.i


def _colon_cue(doc: Doc, p_start: int, p_end: int) -> Optional[Found]:
    """A paragraph ending ``... he said:`` (or ``... made the following comment:``) whose
    content is the next paragraph's quote."""
    gap = _clause_tokens(doc, p_start, p_end, backwards=True)
    if not gap or gap[-1].text != ":":
        return None
    for token in reversed(gap[-MAX_CUE_DISTANCE:]):
        if is_speech_verb(token) and not any(c.dep_ == "ccomp" for c in token.children):
            return Found([], cue_extent(token), source_extent(token), "quote-colon-paragraph", token.i)
    colon = _colon_clause(gap)
    return Found([], colon[0], colon[1], "quote-colon-paragraph", colon[2]) if colon else None


def _clause_tokens(doc: Doc, start: int, end: int, backwards: bool = False) -> List[Token]:
    """Tokens between two offsets, cut at the first sentence end (the last when ``backwards``)."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    tokens = [t for t in span if not t.is_space]
    if backwards:
        for k in range(len(tokens) - 1, -1, -1):
            if tokens[k].text in TERMINALS:
                return tokens[k + 1:]
        return tokens
    for k, t in enumerate(tokens):
        if t.text in TERMINALS:
            return tokens[:k]
    return tokens


def _own_clause(token: Token, q: Quote) -> Optional[Token]:
    """The clause verb ``token`` reports other than quote ``q``, or None when it reports ``q``."""
    if any(q.start <= c.idx < q.end and not c.is_punct for c in token.children):
        return None
    return next((c for c in token.children if c.dep_ in ("ccomp", "xcomp") and not c.is_punct), None)


def _inverted_source(token: Token, gap: Sequence[Token]) -> Optional[Offsets]:
    """For ``said Donna Brazile, the ...`` parsed without a subject: the noun phrase after the verb."""
    for t in gap:
        if t.i > token.i and t.pos_ in ("PROPN", "NOUN", "PRON") and t.head.i == token.i:
            return phrase_extent(t)
    return None


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


def _extent(tokens: Sequence[Token]) -> Offsets:
    """Offsets from the first to the last of ``tokens``."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _paragraph_of(paras: Sequence[Offsets], starts: Sequence[int], offset: int) -> int:
    """Index of the paragraph of ``paras`` (whose starts are ``starts``) holding
    ``offset``; the last paragraph when none does."""
    k = bisect.bisect_right(starts, offset) - 1
    return k if k >= 0 and offset < paras[k][1] else len(paras) - 1


# --- reported speech ---------------------------------------------------------------


def reports_within(doc: Doc, spans: Sequence[Offsets], candidates: Sequence[Token]) -> List[Found]:
    """Return the reported speech whose cue and content lie within ``spans`` of ``doc``
    (``Trump said Kim had offered ...`` inside a quote), by the reported-speech rules;
    ``candidates`` are the tokens of :func:`candidate_cues` of ``doc`` (a caller asks for
    several spans of one Doc)."""
    tokens = [t for s, e in spans for t in candidates if s <= t.idx and t.idx + len(t) <= e]
    return [item for item in _reported(doc, set(), tokens)
            if all(any(s <= cs and ce <= e for s, e in spans) for cs, ce in item.content)]


def _reported(doc: Doc, used_cues: Set[int], tokens: Optional[Iterable[Token]] = None) -> Iterable[Found]:
    """The reported speech of ``doc`` (or of ``tokens`` in it) whose cue is not in ``used_cues``."""
    if tokens is None:
        tokens = (doc[i] for i in candidate_cues(doc))
    else:
        tokens = [t for t in tokens if is_candidate_cue(t)]
    for token in tokens:
        if token.i in used_cues:
            continue
        obj = according_to(token)
        if obj is not None:
            content = _clause_without(token.head, token)
            if content:
                yield Found(content, cue_extent(token), phrase_extent(obj), "according-to", token.i)
            continue
        clause = nominal_clause(token)
        if clause is not None:
            content = _trimmed(_clause_body(clause))
            if content:
                yield Found([content], cue_extent(token), _nominal_source(token), "nominal", token.i)
            continue
        kind = reporting_kind(token)
        if kind is not None:
            dep = "ccomp" if kind == "clause" else "xcomp"
            clause = next(c for c in token.children if c.dep_ == dep)
            content = _trimmed(_clause_body(clause))
            if content:
                rule = "clause" if kind == "clause" else "infinitive"
                yield Found([content], cue_extent(token), source_extent(token), rule, token.i)
            continue
        if token.lemma_.lower() in QUOTING and token.pos_ == "VERB":
            content = _quoted_complement(token)
            if content:
                yield Found([content], cue_extent(token), source_extent(token), "quoted-complement", token.i)
                continue
        if token.lemma_.lower() in REPORTING and token.pos_ == "VERB":
            content = _clause_cut_off(token)
            if content:
                yield Found([content], cue_extent(token), source_extent(token), "clause-cut-off", token.i)
                continue
        if token.dep_ == "parataxis" and is_speech_verb(token) and (token.i > token.head.i or _parenthetical(token)):
            content = _clause_without(token.head, token)
            if content:
                rule = "clause-before-cue" if token.i > token.head.i else "clause-around-cue"
                yield Found(content, cue_extent(token), source_extent(token), rule, token.i)


def _parenthetical(cue: Token) -> bool:
    """True for a cue set off by commas inside the clause it reports
    (``South Carolina, he said, was ...``)."""
    doc = cue.doc
    words = [t.i for t in cue.subtree if not t.is_punct]
    left, right = words[0] - 1, words[-1] + 1
    return left >= 0 and right < len(doc) and doc[left].text == "," and doc[right].text == ","


def _clause_body(clause: Token) -> List[Token]:
    """The tokens of a reported clause, less what the parser hung on it but belongs to the
    sentence around it: a second report of the same speaker (``said it was opposed and
    warned ...``) and a trailing participle (``wondered whether ..., engaging in ...``)."""
    cut = set()
    for child in clause.children:
        second_report = child.dep_ == "conj" and child.lemma_.lower() in REPORTING and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in child.children
        )
        participle = child.dep_ == "advcl" and child.tag_ == "VBG" and child.i > clause.i and child.nbor(-1).text == ","
        if second_report or participle:
            cut.update(t.i for t in child.subtree)
    return [t for t in clause.subtree if t.i not in cut]


def _nominal_source(noun: Token) -> Optional[Offsets]:
    """Who holds a reporting noun: its possessor (``Trump's claim``), else the subject of
    the verb it is the object of (``made the assertion``)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return phrase_extent(child)
    if noun.dep_ == "dobj":
        return source_extent(noun.head)
    return None


def _quoted_complement(cue: Token) -> Optional[Offsets]:
    """What a verb says in quoted words after it: ``called Clinton a "champion" for ...``.

    Returns the offsets of the verb's complements when they quote something. The object
    of ``accused X of "..."``, ``likened X to "..."`` or ``told X that "..."`` belongs to the
    cue, as does an object after ``described as "..."``; so do the words before ``that "..."``."""
    right = [c for c in cue.children if c.i > cue.i and c.dep_ not in ("punct", "cc", "conj", "advcl", "prt")]
    quoting = next((c for c in right if any(t.tag_ == "``" for t in c.subtree)), None)
    if quoting is None:
        return None  # no quotation opens among the complements
    if quoting.dep_ in ("ccomp", "advcl") or (quoting.dep_ == "prep" and quoting.lower_ in ("of", "to")):
        right = [c for c in right if c.i >= quoting.i]
    elif quoting.dep_ == "prep" and quoting.lower_ == "as":
        right = [c for c in right if c.i <= quoting.i or c.dep_ != "dobj"]
    tokens = sorted((t for c in right for t in c.subtree), key=lambda t: t.i)
    that = next((k for k, t in enumerate(tokens[:-1]) if t.lower_ == "that" and tokens[k + 1].tag_ == "``"), 0)
    return _trimmed(tokens[that:])


def _clause_cut_off(cue: Token) -> Optional[Offsets]:
    """The clause a parse error cut off from its cue: ``told the Times she's ...`` parsed
    as two sentences. Returns the next sentence's offsets when it starts right after the
    cue's phrase with no sentence end between them."""
    doc = cue.doc
    nxt = cue.right_edge.i + 1
    if nxt >= len(doc) or not doc[nxt].is_sent_start or any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
        return None
    before = doc[nxt - 1]
    if before.text in TERMINALS or before.text == ":" or "\n" in before.text or before.is_punct:
        return None
    return _trimmed(list(doc[nxt].sent))


def _clause_without(head: Token, cut: Token) -> List[Offsets]:
    """The clause of ``head`` less the phrase of ``cut``, as one or two fragments."""
    removed = {t.i for t in cut.subtree}
    tokens = [t for t in head.subtree if t.i not in removed]
    before = _trimmed([t for t in tokens if t.i < cut.i])
    after = _trimmed([t for t in tokens if t.i > cut.i])
    return [frag for frag in (before, after) if frag]


def _trimmed(tokens: List[Token]) -> Optional[Offsets]:
    """Offsets of a token run with edge punctuation, spaces and final full stops removed."""
    while tokens and (tokens[-1].text in EDGE_PUNCT or tokens[-1].is_space or tokens[-1].text == "."):
        tokens = tokens[:-1]
    while tokens and (tokens[0].text in EDGE_PUNCT or tokens[0].is_space):
        tokens = tokens[1:]
    if not tokens or not any(t.is_alpha for t in tokens):
        return None
    return _extent(tokens)


def _mostly_inside(content: Sequence[Offsets], spans: Sequence[Offsets]) -> bool:
    size = sum(e - s for s, e in content)
    inside = sum(max(0, min(e, qe) - max(s, qs)) for s, e in content for qs, qe in spans)
    return size > 0 and inside * 2 >= size


def _drop_nested(found: List[Found]) -> List[Found]:
    """Keep only the outermost of attributions whose cue sits in another's content, except
    that a direct quote with its cue outranks a reported clause around it.

    PolNeAR gives each word one role, so a report inside a report is not returned
    on its own here.
    """
    return [item for item in found if not any(_outranks(other, item) for other in found if other is not item)]


def _outranks(other: Found, item: Found) -> bool:
    """True if ``item`` gives way to ``other``: its cue sits in ``other``'s content (and it is
    not a direct quote in a reported clause), or it is a reported clause around the cue of
    direct quote ``other``."""
    if item.quotes and not other.quotes:
        return False
    if other.quotes and not item.quotes and _covers(item, other.cue):
        return True
    return _covers(other, item.cue)


def _covers(item: Found, span: Optional[Offsets]) -> bool:
    """True if ``span`` lies within one fragment of ``item``'s content."""
    return span is not None and any(s <= span[0] and span[1] <= e for s, e in item.content)

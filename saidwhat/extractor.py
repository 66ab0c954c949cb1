"""Finding attributions in a parsed Doc: direct quotes, reported speech and thought.

The first approach is rules over spaCy's parse:

1. Direct quotes (:mod:`saidwhat.quotes`) take the speech verb right after them
   (``"...," Trump said``, ``"...," said Donna Brazile``) or right before them
   (``Trump said: "..."``) as their cue, and its subject as their source. A quote
   with no cue of its own joins the attributed quote beside it in the same paragraph
   (a quote split by its cue), or is the content of a cue that closed the previous
   paragraph with a colon.
2. Reported speech: a reporting verb with a clause (``told reporters that ...``), an
   intention verb with an infinitive (``plans to ...``), "according to X", and a
   speech verb set after the clause it reports (``The talks failed, officials said``).

:func:`find_attributions` returns plain :class:`Found` records with character offsets;
the spaCy component turns them into schema objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from spacy.tokens import Doc, Span, Token

from .cues import QUOTING, REPORTING, according_to, cue_extent, is_speech_verb, reporting_kind
from .quotes import QUOTE_MARKS, Quote, find_quotes, paragraphs
from .sources import phrase_extent, source_extent

Offsets = Tuple[int, int]

# Tokens that end the clause a cue must sit in.
TERMINALS = frozenset((".", "?", "!"))
# How far (in tokens) a cue may stand from the quote it introduces.
MAX_CUE_DISTANCE = 12
# Dashes that attribute a quote to the name after them ("..." ― Jane Doe).
DASHES = frozenset("\u2015\u2014\u2013-")
# Punctuation trimmed from the edges of a reported clause.
EDGE_PUNCT = frozenset(",;:-\u2014\u2013")

# Confidence of each rule: the share of its output on PolNeAR dev that matches a gold
# attribution with the right source (see benchmarks/accuracy.py --by-rule).
RULE_CONFIDENCE: Dict[str, float] = {
    "quote-cue-after": 0.85,
    "quote-cue-before": 0.75,
    "quote-dash": 0.8,
    "quoted-complement": 0.6,
    "quote-colon-paragraph": 0.6,
    "quote-no-cue": 0.3,
    "clause": 0.55,
    "infinitive": 0.4,
    "according-to": 0.7,
    "clause-before-cue": 0.5,
    "clause-cut-off": 0.4,
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
        """The rule's measured precision."""
        return RULE_CONFIDENCE[self.rule]


def find_attributions(doc: Doc) -> List[Found]:
    """Return the attributions in parsed ``doc``, ordered by where their content starts."""
    found = _direct_quotes(doc)
    used_cues = {f.cue_token for f in found if f.cue_token is not None}
    quoted = [(q.start, q.end) for f in found for q in f.quotes]
    for item in _reported(doc, used_cues):
        if not _mostly_inside(item.content, quoted):
            found.append(item)
    found = _drop_nested(found)
    found.sort(key=lambda f: (f.start, f.cue or (0, 0)))
    return found


# --- direct quotes -------------------------------------------------------------------


def _direct_quotes(doc: Doc) -> List[Found]:
    text = doc.text
    quotes = [q for q in find_quotes(text) if _is_statement(doc, q)]
    paras = paragraphs(text)
    by_para: Dict[int, List[Quote]] = {}
    for q in quotes:
        by_para.setdefault(_paragraph_of(paras, q.start), []).append(q)
    found: List[Found] = []
    pending_colon: Optional[Found] = None
    for p_index, (p_start, p_end) in enumerate(paras):
        para_quotes = by_para.get(p_index, [])
        attributed: List[Tuple[Quote, Optional[Found]]] = []
        for k, q in enumerate(para_quotes):
            if k + 1 < len(para_quotes):
                limit = para_quotes[k + 1].start
            else:
                limit = paras[_paragraph_of(paras, q.end - 1)][1]
            previous_end = para_quotes[k - 1].end if k else p_start
            item = _cue_after(doc, q, q.end, limit) or _cue_before(doc, q, previous_end)
            attributed.append((q, item))
        _join_split_quotes(attributed)
        for q, item in attributed:
            if item is None:
                if pending_colon is not None and q.start == p_start:
                    pending_colon.content.extend(q.fragments)
                    pending_colon.quotes.append(q)
                    found.append(pending_colon)
                    pending_colon = None
                    continue
                if q.start != p_start:
                    continue  # a quotation inside a sentence with no cue: a title or scare quote
                item = Found(list(q.fragments), None, None, "quote-no-cue", quotes=[q])
            if not any(other is item for other in found):
                found.append(item)
        pending_colon = _colon_cue(doc, p_start, p_end) if not para_quotes else None
    return found


def _join_split_quotes(attributed: List[Tuple[Quote, Optional[Found]]]) -> None:
    """Give each quote with no cue of its own to the nearest attributed quote of its paragraph."""
    for k, (q, item) in enumerate(attributed):
        if item is not None:
            continue
        before = [it for _, it in attributed[:k] if it is not None]
        after = [it for _, it in attributed[k + 1:] if it is not None]
        owner = before[-1] if before else (after[0] if after else None)
        if owner is not None:
            owner.content.extend(q.fragments)
            owner.content.sort()
            owner.quotes.append(q)
            attributed[k] = (q, owner)


def _cue_after(doc: Doc, q: Quote, start: int, limit: int) -> Optional[Found]:
    """``"...," Trump said at ...`` / ``"...," said Donna Brazile`` / ``"..." ― Name``:
    a cue after the quote. The cue is a speech verb near the quote, or further on when
    all that stands between is its subject."""
    gap = _clause_tokens(doc, start, limit)
    if gap and gap[0].text in DASHES and len(gap) > 1 and gap[1].pos_ == "PROPN":
        name = [t for t in gap[1:] if t.pos_ == "PROPN" or t.text in (".", "-")]
        return Found(list(q.fragments), _extent(gap[:1]), _extent(gap[1:1 + len(name)]), "quote-dash", None, [q])
    for k, token in enumerate(gap):
        if not is_speech_verb(token) or _has_own_clause(token, q):
            continue
        subject = source_extent(token)
        if k >= MAX_CUE_DISTANCE and not (subject and subject[0] == gap[0].idx):
            continue
        src = subject or _inverted_source(token, gap)
        if src is not None and src[0] < q.end and src[1] > q.start:
            src = None
        return Found(list(q.fragments), cue_extent(token), src, "quote-cue-after", token.i, [q])
    return None


def _cue_before(doc: Doc, q: Quote, start: int) -> Optional[Found]:
    """``Trump said: "..."`` / ``He added, "..."``: a cue just before the quote."""
    gap = _clause_tokens(doc, start, q.start, backwards=True)
    if not gap or gap[-1].text not in (":", ",") and not is_speech_verb(gap[-1]):
        return None
    for token in reversed(gap[-MAX_CUE_DISTANCE:]):
        if is_speech_verb(token) and not _has_own_clause(token, q):
            return Found(list(q.fragments), cue_extent(token), source_extent(token), "quote-cue-before", token.i, [q])
    return None


def _colon_cue(doc: Doc, p_start: int, p_end: int) -> Optional[Found]:
    """A paragraph ending ``... he said:`` whose content is the next paragraph's quote."""
    gap = _clause_tokens(doc, p_start, p_end, backwards=True)
    if not gap or gap[-1].text != ":":
        return None
    for token in reversed(gap[-MAX_CUE_DISTANCE:]):
        if is_speech_verb(token) and not any(c.dep_ == "ccomp" for c in token.children):
            return Found([], cue_extent(token), source_extent(token), "quote-colon-paragraph", token.i)
    return None


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


def _has_own_clause(token: Token, q: Quote) -> bool:
    """True if the verb reports a clause of its own rather than quote ``q``."""
    inside = [c for c in token.children if q.start <= c.idx < q.end and not c.is_punct]
    if inside:
        return False
    return any(c.dep_ in ("ccomp", "xcomp") and not c.is_punct for c in token.children)


def _inverted_source(token: Token, gap: Sequence[Token]) -> Optional[Offsets]:
    """For ``said Donna Brazile, the ...`` parsed without a subject: the noun phrase after the verb."""
    for t in gap:
        if t.i > token.i and t.pos_ in ("PROPN", "NOUN", "PRON") and t.head.i == token.i:
            return phrase_extent(t)
    return None


def _is_statement(doc: Doc, q: Quote) -> bool:
    """True for a quotation that reads as something said, not a scare quote or a title."""
    s, e = q.start, q.end
    inner = doc.text[s + 1:e - 1].strip()
    if len(q.fragments) > 1 or (inner and inner[-1] in ",.?!"):
        return True
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    return has_verb and len(words) >= 4


def _extent(tokens: Sequence[Token]) -> Offsets:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _paragraph_of(paras: Sequence[Offsets], offset: int) -> int:
    for k, (s, e) in enumerate(paras):
        if s <= offset < e:
            return k
    return len(paras) - 1


# --- reported speech ---------------------------------------------------------------


def _reported(doc: Doc, used_cues: Set[int]) -> Iterable[Found]:
    for token in doc:
        if token.i in used_cues:
            continue
        obj = according_to(token)
        if obj is not None:
            content = _clause_without(token.head, token)
            if content:
                yield Found(content, cue_extent(token), phrase_extent(obj), "according-to", token.i)
            continue
        kind = reporting_kind(token)
        if kind is not None:
            dep = "ccomp" if kind == "clause" else "xcomp"
            clause = next(c for c in token.children if c.dep_ == dep)
            content = _trimmed(list(clause.subtree))
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
        if token.dep_ == "parataxis" and is_speech_verb(token) and token.i > token.head.i:
            content = _clause_without(token.head, token)
            if content:
                yield Found(content, cue_extent(token), source_extent(token), "clause-before-cue", token.i)


def _quoted_complement(cue: Token) -> Optional[Offsets]:
    """What a verb says in quoted words after it: ``called Clinton a "champion" for ...``.

    Returns the offsets of the verb's complements when they quote something."""
    right = [c for c in cue.children if c.i > cue.i and c.dep_ not in ("punct", "cc", "conj", "advcl", "prt")]
    if not right:
        return None
    tokens = [t for c in right for t in c.subtree]
    if not any(t.text in QUOTE_MARKS for t in tokens):
        return None
    tokens.sort(key=lambda t: t.i)
    return _trimmed(tokens)


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
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _mostly_inside(content: Sequence[Offsets], spans: Sequence[Offsets]) -> bool:
    size = sum(e - s for s, e in content)
    inside = sum(max(0, min(e, qe) - max(s, qs)) for s, e in content for qs, qe in spans)
    return size > 0 and inside * 2 >= size


def _drop_nested(found: List[Found]) -> List[Found]:
    """Keep only the outermost of attributions whose cue sits in another's content.

    PolNeAR gives each word one role, so a report inside a report is not returned
    on its own here.
    """
    kept = []
    for item in found:
        if item.cue is None or not item.content:
            kept.append(item)
            continue
        cs, ce = item.cue
        inside = any(
            other is not item and any(s <= cs and ce <= e for s, e in other.content) for other in found
        )
        if not inside:
            kept.append(item)
    return kept

"""The cue of a direct quote: a speech verb after it (``"...," Trump said``), a
signature dash (``"..." ― Jane Doe``), a cue before it (``Trump said: "..."``), a
paragraph that ends in a colon, and the source each such cue has."""
from __future__ import annotations

from typing import Optional, Sequence, Tuple

from spacy.tokens import Doc, Token

from ..schema import Offsets
from .cues import according_to, cue_extent, is_speech_verb
from .found import Found
from .quotes import QUOTE_MARKS, Quote
from .sources import phrase_extent, source_extent
from .tokens import TERMINALS, clause_tokens, extent, trimmed

# How far (in tokens) a cue may stand from the quote it introduces.
MAX_CUE_DISTANCE = 12
# How many words may lead from a cue into the second part of a split quote (", but").
MAX_LEAD_WORDS = 4
# Dependents by which a speech verb says something of its own (an object or a clause).
COMPLEMENT_DEPS = frozenset(("ccomp", "xcomp", "dobj"))
# Parts of speech that open the subject of a cue after a quote.
SUBJECT_STARTS = frozenset(("DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM"))
# Dashes that attribute a quote to the name after them ("..." ― Jane Doe).
DASHES = frozenset("\u2015\u2014\u2013-")


def cue_after(doc: Doc, text: str, q: Quote, limit: int) -> Optional[Found]:
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
    gap = clause_tokens(doc, start, limit)
    relayed = None if embedded(text, q) else _according_after(q, gap)
    if relayed is not None:
        return relayed
    for k, token in enumerate(gap):
        if token.pos_ == "SCONJ" and token.lower_ != "as":
            return None  # "...," while others said: a new clause, not the quote's cue
        if not is_speech_verb(token):
            continue
        if new_sentence and any(c.dep_ in COMPLEMENT_DEPS for c in token.children):
            return None  # "... of the state." She noted a planned rally: a sentence of its own
        clause = own_clause(token, q)
        if clause is not None and clause.i < token.i and clause.left_edge.idx <= q.start < clause.right_edge.idx:
            content = trimmed(list(clause.subtree))
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
            lead = trimmed(list(gap[:k]))
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


def leads_into(doc: Doc, item: Found, q: Quote) -> bool:
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


def embedded(text: str, q: Quote) -> bool:
    """True for a quote that words of its own sentence lead into (``represents the "..."``)."""
    i = q.start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i >= 0 and text[i].isalnum()


def _closes_sentence(text: str, q: Quote) -> bool:
    """True for a quote that ends its sentence with a full stop after words of that
    sentence (``She says he is the "same rigged system."``): no cue follows it."""
    return _ends_in_full_stop(text, q) and embedded(text, q)


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
    return extent(words)


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
    return Found(list(q.fragments), (dash, dash + 1), extent(name), "quote-dash", None, [q])


def signature_below(doc: Doc, text: str, q: Quote, paras: Sequence[Offsets], p_index: int) -> Optional[Found]:
    """A quote of its own that ends its paragraph, signed in the next one (``"..." ¶
    -President Obama, tweeting after ...``)."""
    p_end = paras[p_index][1]
    if embedded(text, q) or q.end > p_end or p_index + 1 >= len(paras):
        return None
    if any(ch.isalnum() for ch in text[q.end:p_end]):
        return None
    next_start, next_end = paras[p_index + 1]
    if text[next_start] not in DASHES:
        return None
    return _cue_dash(doc, text, q, next_start, next_end)


def cue_before(doc: Doc, q: Quote, start: int) -> Optional[Found]:
    """``Trump said: "..."`` / ``He added, "..."`` / ``According to Limbaugh, "..."``: a cue
    just before the quote."""
    gap = clause_tokens(doc, start, q.start, backwards=True)
    if not gap or gap[-1].text not in (":", ",") and not is_speech_verb(gap[-1]):
        return None
    for token in reversed(gap[-MAX_CUE_DISTANCE:]):
        if is_speech_verb(token) and own_clause(token, q) is None:
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


def colon_cue(doc: Doc, p_start: int, p_end: int) -> Optional[Found]:
    """A paragraph ending ``... he said:`` (or ``... made the following comment:``) whose
    content is the next paragraph's quote."""
    gap = clause_tokens(doc, p_start, p_end, backwards=True)
    if not gap or gap[-1].text != ":":
        return None
    for token in reversed(gap[-MAX_CUE_DISTANCE:]):
        if is_speech_verb(token) and not any(c.dep_ == "ccomp" for c in token.children):
            return Found([], cue_extent(token), source_extent(token), "quote-colon-paragraph", token.i)
    colon = _colon_clause(gap)
    return Found([], colon[0], colon[1], "quote-colon-paragraph", colon[2]) if colon else None




def own_clause(token: Token, q: Quote) -> Optional[Token]:
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


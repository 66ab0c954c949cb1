"""To whom, where and how something was said, when the text gives it beside the cue.

:func:`circumstances` reads the phrases that hang on a cue verb in the parse:

- ``to``: who was told ("told *reporters*", "told *The New York Times*", "said *to*
  *supporters*", "in an interview *with CNN*");
- ``where``: the occasion or place ("said *at a press conference*", "*during a rally in
  Ohio*", "*in Hanoi*");
- ``how``: the means ("said *through an interpreter*", "*in a statement*", "*on Twitter*",
  "*via email*").

A phrase that overlaps the attribution's content or source is never taken.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence

from spacy.tokens import Doc, Token

from ..schema import Offsets

# Verbs whose object is the person told ("told reporters", "assured voters").
TELLING = frozenset("""
tell inform assure warn remind brief advise notify ask urge promise email text write
""".split())
# Nouns for an occasion: "at a press conference", "during a rally".
OCCASIONS = frozenset("""
conference briefing rally meeting hearing event summit debate forum session dinner
luncheon gathering convention ceremony fundraiser town hall stop visit speech address
appearance breakfast lunch reception roundtable panel protest march vigil funeral
commencement caucus
""".split())
# Nouns for a means of saying: "in a statement", "through an interpreter".
MEANS = frozenset("""
interpreter translator statement email e-mail tweet tweets post letter interview memo
op-ed column editorial release video message text phone telephone call radio television
tv twitter facebook instagram youtube blog podcast broadcast show program programme
filing book ad advertisement remarks note voicemail livestream
""".split())
# Entity labels that make a place: "said in Hanoi".
PLACES = frozenset(("GPE", "LOC", "FAC"))
WHERE_PREPOSITIONS = frozenset(("at", "during", "in", "on", "before", "outside", "inside", "after"))
HOW_PREPOSITIONS = frozenset(("through", "via", "by", "in", "on", "over"))


@dataclass
class Circumstances:
    """The addressee, setting and means of one cue, as offsets (None when not given)."""

    to: Optional[Offsets] = None
    where: Optional[Offsets] = None
    how: Optional[Offsets] = None


def circumstances(doc: Doc, cue_token: Optional[int], taken: Sequence[Offsets]) -> Circumstances:
    """Return the ``to`` / ``where`` / ``how`` phrases of the cue verb at token ``cue_token``
    of ``doc``; phrases overlapping any of ``taken`` (content, source) are left out."""
    found = Circumstances()
    if cue_token is None or not 0 <= cue_token < len(doc):
        return found
    cue = doc[cue_token]
    lemma = cue.lemma_.lower()
    for child in cue.children:
        if child.dep_ == "dative" or (child.dep_ == "dobj" and lemma in TELLING):
            found.to = found.to or _free(_extent(list(child.subtree)), taken)
        elif child.dep_ == "prep":
            _preposition(child, lemma, found, taken)
    return found


def _preposition(prep: Token, lemma: str, found: Circumstances, taken: Sequence[Offsets]) -> None:
    """Sort one prepositional phrase of the cue into to / where / how."""
    word = prep.lower_
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects:
        return
    obj = objects[0]
    noun = obj.lemma_.lower()
    phrase = _free(_extent([prep] + _head_phrase(obj)), taken)
    if phrase is None:
        return
    if word == "to" and lemma not in ("go", "turn", "take"):
        found.to = found.to or _free(_extent(list(obj.subtree)), taken)
    elif noun == "interview" and word in ("in", "during"):
        found.how = found.how or phrase
        partner = next((p for p in obj.children if p.dep_ == "prep" and p.lower_ == "with"), None)
        if partner is not None:
            names = [c for c in partner.children if c.dep_ == "pobj"]
            if names:
                found.to = found.to or _free(_extent(list(names[0].subtree)), taken)
    elif word in HOW_PREPOSITIONS and (noun in MEANS or obj.lower_ in MEANS):
        found.how = found.how or phrase
    elif word in WHERE_PREPOSITIONS and (noun in OCCASIONS or obj.ent_type_ in PLACES):
        found.where = found.where or phrase


def _head_phrase(noun: Token) -> List[Token]:
    """The noun with what precedes it in its phrase and its compounds, not the phrases
    after it ("a press conference", not "... after his meeting with Kim")."""
    return [t for t in noun.subtree if t.i <= noun.i or (t.head.i == noun.i and t.dep_ == "compound")]


def _extent(tokens: List[Token]) -> Optional[Offsets]:
    tokens = [t for t in tokens if not t.is_space]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _free(span: Optional[Offsets], taken: Sequence[Offsets]) -> Optional[Offsets]:
    """``span`` unless it overlaps one of ``taken``."""
    if span is None or any(span[0] < e and s < span[1] for s, e in taken):
        return None
    return span

"""Turning the network's probabilities into attributions' tokens: cue runs off stage
1's tags (:func:`decode_cues`), a cue's trimmed words, content fragments that end on a
word, and the clean-up over one Doc's predictions (a report swallowed by a completed
clause, two predictions of one content). Each attribution the model finds is a
:class:`ModelFound`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

import numpy
from spacy.tokens import Doc, Token

from ..extract.found import Found
from ..extract.quotes import QUOTE_MARKS
from .network import CUE_LABELS
from .repair import phrase_end

if TYPE_CHECKING:
    from .inputs import DocInputs

# A token is part of a cue when its probability of being B or I reaches this.
CUE_THRESHOLD = 0.5
# Two predictions whose contents overlap this much (Dice) are one attribution.
DUPLICATE_DICE = 0.5
# Words a content never ends on: a coordinator leads into what was left out, and an
# article into its noun.
COORDINATORS = frozenset(("and", "or", "but"))
ARTICLES = frozenset(("the", "a", "an"))


@dataclass
class ModelFound(Found):
    """A :class:`~saidwhat.extract.found.Found` made by the model, with its raw and its
    calibrated probability."""

    raw: float = 1.0
    probability: float = 1.0
    # What decoding ran the content on to (character offsets) beyond the network's tokens.
    added: Optional[Tuple[int, int]] = None

    @property
    def own_confidence(self) -> float:
        """The calibrated probability that this attribution is right."""
        return self.probability


def runs(indices: Sequence[int]) -> List[List[int]]:
    """Split sorted token indices into maximal runs of consecutive indices."""
    out: List[List[int]] = []
    for i in indices:
        if out and i == out[-1][-1] + 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def trim_cue(doc: Doc, cue: List[int], taken: set) -> List[int]:
    """Return ``cue`` less words that belong to neither it nor its attribution: leading
    determiners, pronouns and numbers ("*one* saying", "*all* suggested") and trailing
    prepositions whose object is not in ``taken``, the attribution's content and source
    tokens ("said *on* Twitter", "talks *to* reporters"; "pointed to" a content is kept);
    plus the preposition right after it that leads into ``taken`` ("endorsed *by*")."""
    cue = list(cue)
    while len(cue) > 1 and doc[cue[0]].pos_ in ("DET", "PRON", "NUM"):
        cue.pop(0)
    while len(cue) > 1 and doc[cue[-1]].pos_ == "ADP" and cue[-1] + 1 not in taken:
        cue.pop()
    after = cue[-1] + 1
    if after + 1 < len(doc) and doc[after].pos_ == "ADP" and after not in taken and after + 1 in taken:
        cue.append(after)  # "is supported *by*" its source, "warned *against*" its content
    return cue


def decode_cues(doc: Doc, probs: numpy.ndarray) -> List[Tuple[List[int], float]]:
    """Return the cues of ``doc`` from stage 1's ``(tokens, 3)`` probabilities: runs of
    tokens with P(B) + P(I) >= :data:`CUE_THRESHOLD`, a token likelier B than I starting a
    new cue; each with its mean probability."""
    b_col, i_col = CUE_LABELS.index("B"), CUE_LABELS.index("I")
    out: List[Tuple[List[int], float]] = []
    current: List[int] = []
    ps: List[float] = []
    for i in range(len(doc)):
        b, inside = float(probs[i, b_col]), float(probs[i, i_col])
        starts = not current or b > inside or current[-1] != i - 1 or doc[i].is_sent_start
        if b + inside < CUE_THRESHOLD or doc[i].is_space:
            starts = True
            keep = False
        else:
            keep = True
        if starts and current:
            out.append((current, sum(ps) / len(ps)))
            current, ps = [], []
        if keep:
            current.append(i)
            ps.append(b + inside)
    if current:
        out.append((current, sum(ps) / len(ps)))
    return out


def char_offsets(doc: Doc, tokens: Sequence[int]) -> Tuple[int, int]:
    """Return the character offsets from the first to the last of ``tokens``."""
    last = doc[tokens[-1]]
    return doc[tokens[0]].idx, last.idx + len(last.text)


def quoted_window(x: DocInputs, span: range) -> bool:
    """True when a quotation overlaps ``span``, the window stage 2 tags for a cue. A cue
    below the indirect threshold with none there can only give an indirect content,
    which :meth:`NeuralModel._attribution` would refuse, so stage 2 need not run for it."""
    start, last = x.doc[span.start], x.doc[span.stop - 1]
    end = last.idx + len(last.text)
    return any(q.start < end and start.idx < q.end for q in x.feats.quotations)


def tokens_at(doc: Doc, offsets: Tuple[int, int]) -> List[int]:
    """Return the indices of the tokens of ``doc`` that the character ``offsets`` overlap."""
    span = doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
    return list(range(span.start, span.end)) if span is not None else []


def content_fragments(doc: Doc, content_runs: List[List[int]]) -> List[List[int]]:
    """Return the content runs less those of punctuation only, each ending on a word
    that ends something: a last article runs on to the end of its noun phrase ("his mic
    *the* morning after the debate"), a last coordinator is cut off ("for years,
    *and*"); not where a quotation mark follows (the speaker's own words)."""
    out = []
    for run in content_runs:
        last_i = next((i for i in reversed(run) if _is_word(doc[i])), None)
        if last_i is None:
            continue
        last = doc[last_i]
        quoted = any(q in doc[i].text for i in run if i > last_i for q in QUOTE_MARKS)
        if not quoted and any(_is_word(doc[i]) for i in run if i < last_i):
            end = phrase_end(last) if last.lower_ in ARTICLES else None
            if end is not None:
                run = _without_trailing_punct(doc, list(range(run[0], end)))
            elif last.lower_ in COORDINATORS:
                run = _without_trailing_punct(doc, [i for i in run if i < last.i])
        out.append(run)
    return out


def _is_word(token: Token) -> bool:
    """True for a token that is neither punctuation nor white space."""
    return not token.is_punct and not token.is_space


def _without_trailing_punct(doc: Doc, run: List[int]) -> List[int]:
    """Return ``run`` less the punctuation and spaces at its end."""
    while run and not _is_word(doc[run[-1]]):
        run = run[:-1]
    return run


def content_chars(found: Found) -> set:
    """Return the character positions the content of ``found`` covers (for overlap tests)."""
    return {c for s, e in found.content for c in range(s, e)}


def drop_swallowed(found: List[ModelFound], cut: float) -> List[ModelFound]:
    """Drop the attributions whose cue lies in what :func:`complete_clause` added to the
    content of one at least ``cut`` probable: a report nested in that content, which the
    network had cut off (PolNeAR annotates the one or the other, never both)."""
    added = [f.added for f in found if f.added and f.probability >= cut]
    return [f for f in found if f.cue is None or not any(s <= f.cue[0] and f.cue[1] <= e for s, e in added)]


def drop_duplicates(found: List[ModelFound]) -> List[ModelFound]:
    """Keep, of predictions whose contents overlap by Dice >= :data:`DUPLICATE_DICE`, the
    most probable one (gold attributions never share content tokens)."""
    kept: List[ModelFound] = []
    kept_sets: List[set] = []
    for item in sorted(found, key=lambda f: -f.probability):
        chars = content_chars(item)
        if any(2 * len(chars & other) / (len(chars) + len(other)) >= DUPLICATE_DICE for other in kept_sets):
            continue
        kept.append(item)
        kept_sets.append(chars)
    return kept

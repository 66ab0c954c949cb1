"""Scoring attributions against PolNeAR gold, with the reference scorer's figures.

Gold comes from :func:`saidwhat.io.gold.load_compartment`; predictions map an article
stem to a list of :class:`~saidwhat.io.gold.GoldAttribution` (the spans of each role).
The figures are those of the reference scorer (``attrscore``):

* ``token_<role>``: P/R/F1 over the tokens each role covers in an article (union over
  its attributions). Tokens are ``\\w+`` runs and single other non-space characters;
  a span covers every token it overlaps.
* ``quote``: predicted and gold attributions paired one-to-one, greedily by
  decreasing content Dice (over tokens), keeping pairs with Dice >= 0.5.
* ``who_said_what``: pairs whose sources share a token, or both have none.
* ``exact_content`` / ``exact_cue``: pairs whose content / cue cover the same word
  tokens (punctuation ignored).
* ``recall_direct`` / ``recall_indirect``: who-said-what recall over the gold
  attributions whose content has / has no quotation mark.
"""
from __future__ import annotations

import bisect
import json
import os
import re
from collections import Counter
from typing import Any, Dict, Iterable, List, Sequence, Set, Tuple, Union

from ..errors import PredictionsError
from ..io.gold import Compartment, GoldAttribution
from ..io.labels import ROLES
from ..schema import Article, Attribution

TOKEN = re.compile(r"(?P<word>\w+)|[^\w\s]")
QUOTE_MARKS = frozenset('"\u201c\u201d')
MIN_CONTENT_DICE = 0.5
TABLE_ROWS = (
    "who_said_what",
    "quote",
    "exact_content",
    "exact_cue",
    "token_source",
    "token_cue",
    "token_content",
)

Predictions = Dict[str, Sequence[GoldAttribution]]
TokenSets = Dict[str, Set[int]]


class TokenIndex:
    """The tokens of one text, to map character spans to the tokens they cover."""

    def __init__(self, text: str):
        matches = list(TOKEN.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.is_word = [m.group("word") is not None for m in matches]

    def covered(self, spans: Iterable[Tuple[int, int]], words_only: bool = False) -> Set[int]:
        """Return the indices of the tokens that overlap any of ``spans``.

        ``words_only`` leaves out punctuation tokens.
        """
        out = set()
        for start, end in spans:
            i = max(bisect.bisect_right(self.starts, start) - 1, 0)
            while i < len(self.starts) and self.starts[i] < end:
                if self.ends[i] > start and (self.is_word[i] or not words_only):
                    out.add(i)
                i += 1
        return out


def prf(tp: int, n_pred: int, n_gold: int) -> Dict[str, Any]:
    """Return ``{"p", "r", "f1", "tp", "pred", "gold"}`` for the given counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "tp": tp, "pred": n_pred, "gold": n_gold}


def is_direct(text: str, content: Iterable[Tuple[int, int]]) -> bool:
    """Return whether the content fragments hold a quotation mark."""
    return any(ch in QUOTE_MARKS for start, end in content for ch in text[start:end])


def match_by_content(pred: List[TokenSets], gold: List[TokenSets]) -> List[Tuple[int, int]]:
    """Pair predicted with gold attributions one-to-one by content token Dice.

    Candidate pairs with Dice >= :data:`MIN_CONTENT_DICE` are taken greedily from the
    highest Dice down (ties: higher indices first). Returns ``(pred_i, gold_j)`` pairs.
    """
    candidates = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            shared = len(p["content"] & g["content"])
            if shared:
                dice = 2 * shared / (len(p["content"]) + len(g["content"]))
                if dice >= MIN_CONTENT_DICE:
                    candidates.append((dice, i, j))
    pairs, used_pred, used_gold = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
            pairs.append((i, j))
    return pairs


def _count_tokens(
    tokens: TokenIndex,
    gold: Sequence[GoldAttribution],
    pred: Sequence[GoldAttribution],
    counts: Counter,
) -> None:
    """Add one article's token counts per role to ``counts``."""
    for role in ROLES:
        gold_tokens = set().union(*(tokens.covered(a.spans(role)) for a in gold))
        pred_tokens = set().union(*(tokens.covered(a.spans(role)) for a in pred))
        counts["tp_" + role] += len(gold_tokens & pred_tokens)
        counts["pred_" + role] += len(pred_tokens)
        counts["gold_" + role] += len(gold_tokens)


def judge(
    tokens: TokenIndex, gold: Sequence[GoldAttribution], pred: Sequence[GoldAttribution]
) -> List[Tuple[int, int, bool]]:
    """Match one article's predictions to its gold; return ``(pred_i, gold_j, source_right)``.

    A source is right when predicted and gold sources share a token or both are absent.
    """
    gold_sets = [{r: tokens.covered(a.spans(r)) for r in ROLES} for a in gold]
    pred_sets = [{r: tokens.covered(a.spans(r)) for r in ROLES} for a in pred]
    out = []
    for i, j in match_by_content(pred_sets, gold_sets):
        p_source, g_source = pred_sets[i]["source"], gold_sets[j]["source"]
        out.append((i, j, bool(p_source & g_source) or not (p_source or g_source)))
    return out


def _count_attributions(
    text: str,
    tokens: TokenIndex,
    gold: Sequence[GoldAttribution],
    pred: Sequence[GoldAttribution],
    counts: Counter,
) -> None:
    """Add one article's attribution-level counts (matches, sources, exact spans) to ``counts``."""
    direct = [is_direct(text, a.content) for a in gold]
    counts["pred"] += len(pred)
    counts["gold"] += len(gold)
    counts["gold_direct"] += sum(direct)
    counts["gold_indirect"] += len(direct) - sum(direct)
    for i, j, source_right in judge(tokens, gold, pred):
        counts["quote"] += 1
        if source_right:
            counts["who_said_what"] += 1
            counts["wsw_direct" if direct[j] else "wsw_indirect"] += 1
        for role in ("content", "cue"):
            if tokens.covered(pred[i].spans(role), True) == tokens.covered(gold[j].spans(role), True):
                counts["exact_" + role] += 1


def score(gold: Compartment, predictions: Predictions) -> Dict[str, Any]:
    """Score ``predictions`` against ``gold``; returns the reference scorer's figures.

    ``gold`` is a compartment as :func:`saidwhat.io.gold.load_compartment` returns it;
    ``predictions`` maps stem -> attributions. Articles missing from the predictions
    count as predicting nothing; predictions for unknown stems are ignored.
    """
    counts: Counter = Counter()
    for stem, article in gold.items():
        tokens = TokenIndex(article.text)
        pred_attrs = predictions.get(stem, [])
        _count_tokens(tokens, article.attributions, pred_attrs, counts)
        _count_attributions(article.text, tokens, article.attributions, pred_attrs, counts)
    result: Dict[str, Any] = {}
    for role in ROLES:
        result["token_" + role] = prf(
            counts["tp_" + role], counts["pred_" + role], counts["gold_" + role]
        )
    for key in ("quote", "who_said_what", "exact_content", "exact_cue"):
        result[key] = prf(counts[key], counts["pred"], counts["gold"])
    for kind in ("direct", "indirect"):
        n_gold = counts["gold_" + kind]
        result["recall_" + kind] = counts["wsw_" + kind] / n_gold if n_gold else 0.0
    result["articles"] = len(gold)
    result["articles_predicted"] = len(set(gold) & set(predictions))
    return result


CUE_RELATIONS = ("same words", "inside the gold cue", "around the gold cue", "overlapping it", "apart from it")


def cue_relations(gold: Compartment, predictions: Predictions) -> Counter:
    """Return, over the attribution pairs :func:`score` matches, how many found cues stand
    to their gold cue in each of :data:`CUE_RELATIONS` (by word tokens, as ``exact_cue``
    compares them: the same words, a part of them, more than them, some of them and
    others, none of them)."""
    counts: Counter = Counter(dict.fromkeys(CUE_RELATIONS, 0))
    for stem, article in gold.items():
        tokens = TokenIndex(article.text)
        pred_attrs = predictions.get(stem, [])
        for i, j, _ in judge(tokens, article.attributions, pred_attrs):
            counts[_cue_relation(tokens.covered(pred_attrs[i].cue, True),
                                 tokens.covered(article.attributions[j].cue, True))] += 1
    return counts


def _cue_relation(found: Set[int], right: Set[int]) -> str:
    """Return which of :data:`CUE_RELATIONS` the word tokens ``found`` stand in to ``right``."""
    if found == right:
        return "same words"
    if found < right:
        return "inside the gold cue"
    if found > right:
        return "around the gold cue"
    return "overlapping it" if found & right else "apart from it"


def scored_attributions(article: Article) -> List[Attribution]:
    """Return the attributions of ``article`` that are scored: the outermost ones, those
    the wire form lists at the top (:func:`saidwhat.schema.attribution_tree`). PolNeAR
    gives every word one role and annotates no report inside a report, and the
    reference scorer reads that list."""
    return [a for a in article.attributions if a.parent is None]


def predictions_from_articles(articles: Iterable[Article]) -> Predictions:
    """Return the predictions mapping (stem -> attributions as spans) of the
    :func:`scored_attributions` of ``articles``."""
    predictions: Predictions = {}
    for article in articles:
        predictions[article.id] = [
            GoldAttribution(
                source=a.source.spans if a.source else (),
                cue=a.cue.spans if a.cue else (),
                content=a.content.spans,
            )
            for a in scored_attributions(article)
        ]
    return predictions


def load_predictions(path: Union[str, os.PathLike]) -> Predictions:
    """Read a JSONL predictions file into the predictions mapping.

    Each line is ``{"id": ..., "attributions": [...]}``; a role is a list of
    ``[start, end]`` pairs, ``{"spans": [...]}`` (the project's Article format) or
    ``null``. Blank lines are skipped. Raises PredictionsError naming the file and line
    for unreadable files, bad JSON and records without ``"id"`` or with bad spans.
    """
    predictions: Predictions = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line_no, line in enumerate(f, 1):
                if line.strip():
                    stem, attributions = _parse_record(line, f"{path}:{line_no}")
                    predictions[stem] = attributions
    except (OSError, UnicodeDecodeError) as err:
        raise PredictionsError(f"{path}: cannot read the predictions file ({err})") from err
    return predictions


def _parse_record(line: str, where: str) -> Tuple[str, List[GoldAttribution]]:
    """Return the stem and attributions of one JSONL record; ``where`` names it in errors."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise PredictionsError(f"{where}: not valid JSON ({err.msg})") from err
    if not isinstance(record, dict) or "id" not in record:
        raise PredictionsError(f'{where}: the record has no "id"')
    attributions = record.get("attributions") or []
    if not isinstance(attributions, list) or not all(isinstance(a, dict) for a in attributions):
        raise PredictionsError(f'{where}: "attributions" must be a list of objects')
    return str(record["id"]), [
        GoldAttribution(**{role: _fragments(a.get(role), where) for role in ROLES}) for a in attributions
    ]


def _fragments(value: Any, where: str) -> List[Tuple[int, int]]:
    """Return the fragments of a role given as pairs, as ``{"spans": ...}`` or as null."""
    if isinstance(value, dict):
        value = value.get("spans")
    if value is None:
        return []
    if isinstance(value, list) and all(_is_offset_pair(x) for x in value):
        return [(x[0], x[1]) for x in value]
    raise PredictionsError(f"{where}: spans must be [start, end] pairs of integers, not {value!r}")


def _is_offset_pair(value: Any) -> bool:
    """Return whether ``value`` is a ``[start, end]`` list of two integers."""
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    )


def format_table(name: str, result: Dict[str, Any]) -> str:
    """Return the figures of :func:`score` as the reference scorer's text table."""
    rows = [f"{name}: {result['articles_predicted']}/{result['articles']} articles"]
    for key in TABLE_ROWS:
        m = result[key]
        rows.append(f"  {key:15s} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}")
    rows.append(
        f"  recall direct {result['recall_direct']:.3f}  indirect {result['recall_indirect']:.3f}"
    )
    return "\n".join(rows)

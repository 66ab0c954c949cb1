"""The words of a quote content as provenance compares them.

Casefolded, accents folded, straight and curly quotes and other punctuation dropped,
apostrophes and dots inside words dropped ("don't" = "dont", "U.S." = "US"), hyphens and
dashes separate words ("well-known" = "well known"), numbers kept ("3.5", "1,000" =
"1000"). An ellipsis ("…", "...", ". . .") and an editor's bracket ("[the president]") are
gaps: the bracketed words are dropped, since they stand for words the speaker said
otherwise, and one :data:`GAP` token stands in their place, never at either end.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from typing import List, Sequence

#: Stands for an ellipsis or an editor's bracket in :func:`quote_words`.
GAP = "…"

_GAPS = re.compile(r"\[[^\[\]]*\]|…|\.(?:\s*\.){2,}")
_TOKEN = re.compile(r"\x00|\d+(?:[.,]\d+)+|[^\W_]+(?:['’.][^\W_]+)*")
_INSIDE_WORD = re.compile(r"['’.]")


def fold(text: str) -> str:
    """Return ``text`` casefolded, its accents and compatibility forms folded ("José" -> "jose")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _word(token: str) -> str:
    """The normalised form of one token of :data:`_TOKEN`."""
    if token[0].isdigit() and token[-1].isdigit() and not token.isdigit():
        return sys.intern(token.replace(",", ""))
    return sys.intern(_INSIDE_WORD.sub("", token))


def quote_words(text: str) -> List[str]:
    """Return the normalised words of a quote content, with :data:`GAP` where an
    ellipsis or a bracket stood (see the module)."""
    words: List[str] = []
    for token in _TOKEN.findall(_GAPS.sub(" \x00 ", fold(text or ""))):
        if token == "\x00":
            if words and words[-1] != GAP:
                words.append(GAP)
        else:
            words.append(_word(token))
    if words and words[-1] == GAP:
        words.pop()
    return words


def plain_words(words: Sequence[str]) -> List[str]:
    """Return ``words`` without their :data:`GAP` tokens."""
    return [w for w in words if w != GAP]

"""Finding quotation marks and pairing them into quoted passages.

Works on the plain text, one paragraph (line) at a time, so a stray or unbalanced
mark can never pair across the article. Straight marks (``"``) are told apart as
opening or closing by what stands beside them; curly marks say which they are, unless
plainly mistyped (a closing mark opening a word, an opening mark after the last word).
A curly quote may hold straight or curly quotes of its own; a straight mark that can
only close, with no straight quote open inside, closes it (``“...," she said. "...”``).
A quote that is still open at the end of a paragraph continues into the next
paragraph when that one opens with a mark of the same style, straight or curly (the
newspaper convention for a quote of several paragraphs); otherwise it ends with its
paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

OPENING = "\u201c"  # “
CLOSING = "\u201d"  # ”
STRAIGHT = '"'
QUOTE_MARKS = frozenset((OPENING, CLOSING, STRAIGHT))
# Characters after which a straight mark opens a quote.
OPENS_AFTER = frozenset(" \t([{\u2014\u2013-/:;,\u00a0")


@dataclass(frozen=True)
class Quote:
    """A quoted passage: fragments of ``(start, end)`` offsets, marks included.

    A quote of several paragraphs has one fragment per paragraph. ``closed`` is
    False when the last fragment ran to the end of its paragraph with no closing mark.
    """

    fragments: Tuple[Tuple[int, int], ...]
    closed: bool = True

    @property
    def start(self) -> int:
        """Offset of the opening mark."""
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        """Offset just past the closing mark (or the end of the last paragraph)."""
        return self.fragments[-1][1]


def paragraphs(text: str) -> List[Tuple[int, int]]:
    """Return ``(start, end)`` of every non-blank line of ``text``, trailing blanks excluded."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        lead = len(line) - len(line.lstrip())
        if stripped.strip():
            out.append((pos + lead, pos + len(stripped)))
        pos += len(line) + 1
    return out


def find_quotes(text: str) -> List[Quote]:
    """Return the quoted passages of ``text`` in order of their opening marks."""
    quotes: List[Quote] = []
    carried: List[Tuple[int, int]] = []  # fragments of a quote running over paragraphs
    for p_start, p_end in paragraphs(text):
        para_quotes, open_at = _pair_marks(text, p_start, p_end)
        if carried:
            if para_quotes and para_quotes[0][0] == p_start and _same_style(text, carried[0][0], p_start):
                first = para_quotes.pop(0)
                carried.append(first)
                quotes.append(Quote(tuple(carried)))
                carried = []
            elif open_at == p_start and not para_quotes and _same_style(text, carried[0][0], p_start):
                carried.append((p_start, p_end))
                continue
            else:
                quotes.append(Quote(tuple(carried), closed=False))
                carried = []
        quotes.extend(Quote(((s, e),)) for s, e in para_quotes)
        if open_at is not None:
            carried = [(open_at, p_end)]
    if carried:
        quotes.append(Quote(tuple(carried), closed=False))
    return quotes


def _same_style(text: str, a: int, b: int) -> bool:
    """True if the marks at ``a`` and ``b`` are both straight or both curly: a paragraph
    opening with the other style is a quote of its own, not the next part of a quote
    (a straight block quote holding “...,” she said)."""
    return (text[a] == STRAIGHT) == (text[b] == STRAIGHT)


def _pair_marks(text: str, start: int, end: int) -> Tuple[List[Tuple[int, int]], "int | None"]:
    """Pair the marks of one paragraph; return closed quotes and the offset of one left open."""
    pairs: List[Tuple[int, int]] = []
    open_at = None
    nested = 0  # curly quotes open inside the open curly quote
    straight_inside = False  # a straight quote open inside the open curly quote
    for i in range(start, end):
        ch = text[i]
        if ch not in QUOTE_MARKS:
            continue
        role = _role(text, i, start, end)
        if open_at is None:
            if role == "open":
                open_at, straight_inside = i, False
        elif ch == STRAIGHT and text[open_at] == OPENING and role == "close" and not (straight_inside or nested):
            # a curly quote closed with a straight mark (“...," she said. "...”)
            pairs.append((open_at, i + 1))
            open_at = None
        elif text[open_at] == OPENING and ch != CLOSING and CLOSING in text[i:end]:
            # a straight mark inside a curly quote, or a curly quote inside it when enough
            # closing marks follow for both
            if ch == OPENING and text.count(CLOSING, i, end) > nested + 1:
                nested += 1
            elif ch == STRAIGHT:
                straight_inside = not straight_inside
        elif ch == CLOSING and nested:
            nested -= 1
        elif role == "close" and i > open_at + 1:
            pairs.append((open_at, i + 1))
            open_at = None
    return pairs, open_at


def _role(text: str, i: int, start: int, end: int) -> str:
    """Say whether the mark at ``i`` opens or closes a quote (or is ambiguous: "either")."""
    ch = text[i]
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if ch == OPENING:
        # An opening mark typed where a closing one belongs: after a word, before a space.
        return "close" if not before.isspace() and (after.isspace() or i + 1 == end) else "open"
    if ch == CLOSING:
        # A closing mark typed where an opening one belongs: at a word start after a space.
        return "open" if before.isspace() and after.isalnum() else "close"
    if before in OPENS_AFTER and not after.isspace():
        return "open"
    if after.isspace() or not after.isalnum():
        return "close"
    return "open" if not before.isalnum() else "close"

"""Where a text's quotation marks, line starts and headline-like sentences are."""
import bisect
import re
from typing import Dict

from spacy.attrs import IS_ALPHA, IS_TITLE, LENGTH
from spacy.tokens import Doc, Token

from ..extract.doctext import doc_text


class QuoteIndex:
    """Where a text's quotation marks and line breaks are, to tell in O(log n) whether an
    offset is inside quotation marks and where its line starts."""

    MARKS = re.compile('["\u201c\u201d]')

    def __init__(self, text: str):
        self.marks = [m.start() for m in self.MARKS.finditer(text)]
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def line_start(self, offset: int) -> int:
        """The offset where the line holding ``offset`` starts."""
        k = bisect.bisect_left(self.breaks, offset)
        return self.breaks[k - 1] + 1 if k else 0

    def quoted(self, offset: int) -> bool:
        """True if an odd number of quotation marks stand before ``offset`` on its line."""
        start = self.line_start(offset)
        return (bisect.bisect_left(self.marks, offset) - bisect.bisect_left(self.marks, start)) % 2 == 1


class Prose:
    """Where a Doc's names stand in plain prose; its text, quotation marks and sentences are read once."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        self.quotes = QuoteIndex(self.text)
        self.sentences = list(doc.sents)
        self.starts = [s.start for s in self.sentences]
        alpha, title, length = doc.to_array([IS_ALPHA, IS_TITLE, LENGTH]).T
        self._word = (alpha == 1) & (length > 3)  # the words a headline is told by
        self._title = self._word & (title == 1)
        self._headline: Dict[int, bool] = {}  # by sentence index, worked out once

    def headline(self, token: Token) -> bool:
        """True for a token of a headline-like sentence: most of its words capitalised."""
        k = bisect.bisect_right(self.starts, token.i) - 1
        if k not in self._headline:
            sentence = self.sentences[k]
            words = int(self._word[sentence.start:sentence.end].sum())
            titled = int(self._title[sentence.start:sentence.end].sum())
            self._headline[k] = words >= 3 and titled >= 0.7 * words
        return self._headline[k]

    def plain(self, token: Token) -> bool:
        """False for a name in a headline-like line (most words capitalised) or inside
        quotation marks, where longer forms are slogans and nicknames, not names."""
        return not self.headline(token) and not self.quotes.quoted(token.idx)

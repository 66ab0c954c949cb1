"""``html`` output: one self-contained page showing every article written to it.

Each article's text is shown with its sources, cues and contents highlighted, under
a list of its speakers with their counts, followed by a table of the attributions and
a card for each speaker and attribution (a click on a highlight opens its card; the
reports inside a report are nested in its card). Every speaker has a colour of its
own (:func:`~.highlight.speaker_colour`), and the contents of all its attributions
are highlighted in it. A ``title`` on each highlight names its role and attribution
and the speaker; a content's also gives its source as written and its cue.

The page is drawn from the templates the service's pages use
(:mod:`.rendering`), so a saved file looks like the page. It needs no external
resources, and is well-formed XML as well as HTML.
"""
from __future__ import annotations

from typing import TextIO

from ...schema import Article
from .base import Writer
from .highlight import HIGHLIGHT_ORDER, highlight, hover, speaker_class, speaker_colour
from .rendering import article_view, environment

__all__ = ["HtmlWriter", "HIGHLIGHT_ORDER", "highlight", "hover", "speaker_class", "speaker_colour"]

PAGE_TITLE = "saidwhat: who said what"


class HtmlWriter(Writer):
    """Write one HTML page: the header now, a section per article, the footer at close.

    The page always shows the article text when there is one, so ``include_text``
    has no effect.
    """

    name = "html"

    def __init__(self, stream: TextIO, include_text: bool = True):
        super().__init__(stream, include_text)
        self._env = environment()
        self._count = 0
        self.stream.write(self._env.get_template("output_head.html").render(title=PAGE_TITLE))

    def write(self, article: Article) -> None:
        """Write the article's heading, speakers, highlighted text, table and cards."""
        self._count += 1
        macro = self._env.get_template("article.html").module.article
        self.stream.write(str(macro(article_view(article, f"p{self._count}"))))

    def close(self) -> None:
        """Write the page footer."""
        self.stream.write(self._env.get_template("output_foot.html").render())

"""The interface every output format implements.

A writer receives articles one at a time (so a dump of millions streams through in
bounded memory) and is closed once at the end, when it writes whatever closes the
document (a JSON array's bracket, an HTML page's footer).
"""
from __future__ import annotations

from typing import TextIO

from ...schema import Article


class Writer:
    """Base class of the stream writers: ``write`` each article, then ``close``.

    ``stream`` is an open text stream; ``include_text`` says whether records carry the
    article text (formats that need the text to show anything ignore it).
    """

    #: The name used with ``--format``.
    name = ""
    #: True for formats that write a directory of files rather than one stream.
    writes_directory = False

    def __init__(self, stream: TextIO, include_text: bool = True):
        self.stream = stream
        self.include_text = include_text

    def write(self, article: Article) -> None:
        """Write one article."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish the document; the stream itself is closed by whoever opened it."""

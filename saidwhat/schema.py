"""The one definition of what saidwhat returns.

An :class:`Article` holds its :class:`Attribution` records; each attribution has a
content, an optional cue and an optional source, all :class:`TextSpan` values made of
code-point offsets into the article text. Every interface (Python API, CLI formats,
evaluation) serialises through :meth:`Article.to_dict` and reads back through
:meth:`Article.from_dict`, so there is exactly one shape on the wire.

This module imports nothing from the rest of the project.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple

FRAGMENT_JOINER = " … "

Offsets = Tuple[int, int]


@dataclass(frozen=True)
class TextSpan:
    """A piece of the article: one or more ``(start, end)`` fragments and their text.

    ``spans`` are code-point offsets, sorted and non-overlapping; ``text`` is the
    fragments' text joined by :data:`FRAGMENT_JOINER`.
    """

    spans: Tuple[Offsets, ...]
    text: str

    @classmethod
    def from_offsets(cls, article_text: str, spans: Iterable[Offsets]) -> "TextSpan":
        """Build a span from offsets into ``article_text``; takes the text from it.

        Fragments are sorted, empty ones dropped and touching ones merged.
        """
        merged: List[List[int]] = []
        for start, end in sorted((int(s), int(e)) for s, e in spans):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        frags = tuple((s, e) for s, e in merged)
        return cls(frags, FRAGMENT_JOINER.join(article_text[s:e] for s, e in frags))

    @property
    def start(self) -> int:
        """Offset where the first fragment starts."""
        return self.spans[0][0]

    @property
    def end(self) -> int:
        """Offset where the last fragment ends."""
        return self.spans[-1][1]

    def to_dict(self) -> Dict[str, Any]:
        """Return ``{"spans": [[start, end], ...], "text": ...}``."""
        return {"spans": [[s, e] for s, e in self.spans], "text": self.text}

    @classmethod
    def from_dict(cls, data: Optional[Dict[str, Any]]) -> Optional["TextSpan"]:
        """Read what :meth:`to_dict` wrote; ``None`` stays ``None``."""
        if data is None:
            return None
        return cls(tuple((int(s), int(e)) for s, e in data["spans"]), data.get("text", ""))


@dataclass
class Attribution:
    """Who said what: one direct, indirect or mixed quotation or reported statement.

    ``kind`` is ``"direct"`` (the content is a quotation in marks), ``"mixed"`` (reported
    speech that quotes some words) or ``"indirect"``. ``cue`` and ``source`` are ``None``
    when the text gives none. ``confidence`` is in [0, 1].
    """

    id: int
    kind: str
    content: TextSpan
    cue: Optional[TextSpan] = None
    source: Optional[TextSpan] = None
    confidence: float = 1.0

    def to_dict(self) -> Dict[str, Any]:
        """Return the attribution as plain JSON-ready data."""
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "source": self.source.to_dict() if self.source else None,
            "confidence": round(float(self.confidence), 4),
        }

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Attribution":
        """Read what :meth:`to_dict` wrote."""
        return cls(
            id=int(data["id"]),
            kind=data["kind"],
            content=TextSpan.from_dict(data["content"]),
            cue=TextSpan.from_dict(data.get("cue")),
            source=TextSpan.from_dict(data.get("source")),
            confidence=float(data.get("confidence", 1.0)),
        )


@dataclass
class Article:
    """One article and the attributions found in it.

    ``text`` is the text the offsets point into (for an HTML page, the main text
    extracted from it). ``meta`` keeps whatever else the input carried (author, date,
    url, extra JSONL fields) so nothing given is lost.
    """

    id: str
    text: Optional[str] = None
    title: Optional[str] = None
    attributions: List[Attribution] = field(default_factory=list)
    meta: Dict[str, Any] = field(default_factory=dict)

    def to_dict(self, include_text: bool = True) -> Dict[str, Any]:
        """Return the article as plain JSON-ready data; ``include_text=False`` drops the text."""
        out: Dict[str, Any] = {"id": self.id}
        if include_text and self.text is not None:
            out["text"] = self.text
        if self.title is not None:
            out["title"] = self.title
        if self.meta:
            out["meta"] = dict(self.meta)
        out["attributions"] = [a.to_dict() for a in self.attributions]
        return out

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Article":
        """Read what :meth:`to_dict` wrote."""
        return cls(
            id=str(data["id"]),
            text=data.get("text"),
            title=data.get("title"),
            attributions=[Attribution.from_dict(a) for a in data.get("attributions", [])],
            meta=dict(data.get("meta") or {}),
        )

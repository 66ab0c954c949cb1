"""The one definition of what saidwhat returns.

An :class:`Article` holds its :class:`Attribution` records; each attribution has a
content, an optional cue and an optional source, all :class:`TextSpan` values made of
code-point offsets into the article text, and the :class:`Speaker` its source refers
to; the article lists its speakers once, with how many attributions each has. Every
interface (Python API, CLI formats, evaluation) serialises through
:meth:`Article.to_dict` and reads back through :meth:`Article.from_dict`, so there is
exactly one shape on the wire.

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


ATTRIBUTION_KINDS = ("direct", "mixed", "indirect")

SPEAKER_TYPES = ("person", "organization", "media", "group", "unknown")


@dataclass
class Speaker:
    """Who a source refers to: the same speaker for "President Donald Trump", "Trump" and "he".

    ``name`` is the fullest name the article gives, ``None`` when it never names the
    speaker ("officials", "a spokeswoman"); ``type`` is one of :data:`SPEAKER_TYPES`;
    ``title`` is the role the article gives ("Secretary of State"); ``mentions`` are the
    spans that refer to the speaker; ``attributions`` counts the attributions it has.
    """

    id: int
    name: Optional[str]
    type: str = "unknown"
    title: Optional[str] = None
    mentions: List[TextSpan] = field(default_factory=list)
    attributions: int = 0

    def to_dict(self) -> Dict[str, Any]:
        """Return the speaker as plain JSON-ready data, as the article's list gives it."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "mentions": [m.to_dict() for m in self.mentions],
            "attributions": self.attributions,
        }

    def reference(self) -> Dict[str, Any]:
        """Return the speaker as an attribution gives it: ``id``, ``name``, ``type`` and
        ``title``; its mentions are listed once, under the article's ``speakers``, so the
        output grows with the attributions and not with attributions times mentions."""
        return {"id": self.id, "name": self.name, "type": self.type, "title": self.title}

    @classmethod
    def from_dict(cls, data: Optional[Dict[str, Any]]) -> Optional["Speaker"]:
        """Read what :meth:`to_dict` wrote; ``None`` stays ``None``."""
        if data is None:
            return None
        return cls(
            id=int(data["id"]),
            name=data.get("name"),
            type=data.get("type", "unknown"),
            title=data.get("title"),
            mentions=[TextSpan.from_dict(m) for m in data.get("mentions", [])],
            attributions=int(data.get("attributions", 0)),
        )


@dataclass
class Attribution:
    """Who said what: one direct, indirect or mixed quotation or reported statement.

    ``kind`` is ``"direct"`` (the content is a quotation in marks), ``"mixed"`` (reported
    speech that quotes some words) or ``"indirect"``. ``act`` is what kind of saying it
    is: ``"speech"``, ``"writing"``, ``"thought"``, ``"intention"`` or ``"document"`` (a
    poll or study shows). ``cue`` and ``source`` are ``None``
    when the text gives none. ``confidence`` is in [0, 1]. ``speaker`` is who the source
    refers to. ``parent`` is the id of the attribution whose content holds this one (a
    report inside a report); ``continued`` marks a quote paragraph with no cue of its own
    that carries on the previous speaker's quote. ``to``, ``where`` and ``how`` are the
    addressee ("told reporters"), the setting ("at a press conference") and the means
    ("through an interpreter") when the text gives them.
    """

    id: int
    kind: str
    content: TextSpan
    cue: Optional[TextSpan] = None
    source: Optional[TextSpan] = None
    confidence: float = 1.0
    speaker: Optional[Speaker] = None
    parent: Optional[int] = None
    continued: bool = False
    to: Optional[TextSpan] = None
    where: Optional[TextSpan] = None
    how: Optional[TextSpan] = None
    act: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        """Return the attribution as plain JSON-ready data."""
        return {
            "id": self.id,
            "kind": self.kind,
            "act": self.act,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "source": self.source.to_dict() if self.source else None,
            "confidence": round(float(self.confidence), 4),
            "speaker": self.speaker.reference() if self.speaker else None,
            "parent": self.parent,
            "continued": self.continued,
            "to": self.to.to_dict() if self.to else None,
            "where": self.where.to_dict() if self.where else None,
            "how": self.how.to_dict() if self.how else None,
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
            speaker=Speaker.from_dict(data.get("speaker")),
            parent=None if data.get("parent") is None else int(data["parent"]),
            continued=bool(data.get("continued", False)),
            to=TextSpan.from_dict(data.get("to")),
            where=TextSpan.from_dict(data.get("where")),
            how=TextSpan.from_dict(data.get("how")),
            act=data.get("act"),
        )


@dataclass
class Article:
    """One article and the attributions found in it.

    ``text`` is the text the offsets point into (for an HTML page, the main text
    extracted from it). ``meta`` keeps whatever else the input carried (author, date,
    url, extra JSONL fields) so nothing given is lost. ``speakers`` lists each speaker
    of the attributions once; an attribution's ``speaker`` is one of them.
    ``attributions`` holds every attribution in text order, reports inside reports
    included (their ``parent`` set); on the wire (:meth:`to_dict`) only the outermost
    are listed, each with the ones inside it under ``"reports"``. ``error`` says why an
    item given to the Python API could not be read as an article (written only when set).
    """

    id: str
    text: Optional[str] = None
    title: Optional[str] = None
    attributions: List[Attribution] = field(default_factory=list)
    meta: Dict[str, Any] = field(default_factory=dict)
    speakers: List[Speaker] = field(default_factory=list)
    error: Optional[str] = None

    def to_dict(self, include_text: bool = True) -> Dict[str, Any]:
        """Return the article as plain JSON-ready data; ``include_text=False`` drops the text."""
        out: Dict[str, Any] = {"id": self.id}
        if include_text and self.text is not None:
            out["text"] = self.text
        if self.title is not None:
            out["title"] = self.title
        if self.meta:
            out["meta"] = dict(self.meta)
        out["attributions"] = attribution_tree(self.attributions)
        out["speakers"] = [s.to_dict() for s in self.speakers]
        if self.error is not None:
            out["error"] = self.error
        return out

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Article":
        """Read what :meth:`to_dict` wrote; attributions share the article's Speaker objects."""
        speakers = [Speaker.from_dict(s) for s in data.get("speakers", [])]
        by_id = {s.id: s for s in speakers}
        records = sorted(_walk(data.get("attributions", [])), key=lambda r: int(r["id"]))
        attributions = [Attribution.from_dict(r) for r in records]
        for attribution in attributions:
            if attribution.speaker is not None:
                attribution.speaker = by_id.get(attribution.speaker.id, attribution.speaker)
        return cls(
            id=str(data["id"]),
            text=data.get("text"),
            title=data.get("title"),
            attributions=attributions,
            meta=dict(data.get("meta") or {}),
            speakers=speakers,
            error=data.get("error"),
        )


def attribution_tree(attributions: List[Attribution]) -> List[Dict[str, Any]]:
    """Return the records of the outermost ``attributions`` (those without a parent
    among them), each with its nested ones, as records too, under ``"reports"``.

    A univocal annotation such as PolNeAR's, which gives each word at most one role,
    compares with the outermost list; the reports inside them are kept, not lost.
    """
    records = {a.id: dict(a.to_dict(), reports=[]) for a in attributions}
    top: List[Dict[str, Any]] = []
    for attribution in attributions:
        holder = records.get(attribution.parent) if attribution.parent is not None else None
        (holder["reports"] if holder is not None else top).append(records[attribution.id])
    return top


def _walk(records: List[Dict[str, Any]]) -> Iterable[Dict[str, Any]]:
    """Yield each attribution record of a tree and, after it, those under its ``"reports"``."""
    for record in records:
        yield record
        yield from _walk(record.get("reports") or [])

"""What the store's queries give back: search hits (each an
:class:`~saidwhat.schema.Attribution` with its article's title, outlet and date, its
speaker in the collection and its sentence), speaker summaries and a quote's history,
as lists that also turn into plain records and into a pandas DataFrame."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from ..errors import StoreError
from ..schema import Attribution


class Records(list):
    """A list of results that also gives plain records (:meth:`records`) and a DataFrame."""

    def records(self) -> List[Dict[str, Any]]:
        """Each result as a flat dict of plain values (what json, jsonl, csv and parquet write)."""
        return [item.record() for item in self]

    def to_pandas(self):
        """The results as a pandas DataFrame, a row per result (pandas must be installed)."""
        return to_frame(self.records())


def to_frame(records: List[Dict[str, Any]]):
    """A pandas DataFrame of ``records``; a StoreError saying how to install pandas without it."""
    try:
        import pandas
    except ImportError as err:
        raise StoreError("to_pandas needs pandas, which is not installed: pip install pandas") from err
    return pandas.DataFrame.from_records(records)


@dataclass
class Hit:
    """One stored attribution: ``id`` is the store's, ``quote_id`` its quote group's
    (``saidwhat quote ID``); ``speaker`` the collection speaker's name (None when the
    article never names who spoke); ``sentence`` the sentences its content stands in."""

    id: int
    quote_id: int
    article_id: str
    title: Optional[str]
    outlet: Optional[str]
    date: Optional[dt.date]
    speaker: Optional[str]
    speaker_id: Optional[int]
    sentence: str
    attribution: Attribution
    score: Optional[float] = None

    def who(self) -> str:
        """The speaker's name, or the source as written in parentheses when unnamed."""
        if self.speaker:
            return self.speaker
        source = self.attribution.source
        return f"({source.text})" if source is not None else "(no source)"

    def record(self) -> Dict[str, Any]:
        """The hit as a flat record."""
        a = self.attribution
        return {"id": self.id, "quote_id": self.quote_id, "article_id": self.article_id, "title": self.title,
                "outlet": self.outlet, "date": self.date.isoformat() if self.date else None,
                "speaker": self.speaker, "speaker_id": self.speaker_id, "kind": a.kind, "act": a.act,
                "cue": a.cue.text if a.cue else None, "source": a.source.text if a.source else None,
                "content": a.content.text, "sentence": self.sentence, "confidence": a.confidence,
                "attribution_id": a.id, "parent": a.parent}


class Hits(Records):
    """Search hits, best first."""


@dataclass
class SpeakerSummary:
    """A collection speaker with its attributions counted by kind, its articles and the
    first and last dates it was quoted."""

    id: int
    name: str
    type: str
    key: str
    attributions: int
    direct: int
    mixed: int
    indirect: int
    articles: int
    first: Optional[dt.date] = None
    last: Optional[dt.date] = None

    def record(self) -> Dict[str, Any]:
        """The summary as a flat record."""
        return {"id": self.id, "name": self.name, "type": self.type, "key": self.key,
                "attributions": self.attributions, "direct": self.direct, "mixed": self.mixed,
                "indirect": self.indirect, "articles": self.articles,
                "first": self.first.isoformat() if self.first else None,
                "last": self.last.isoformat() if self.last else None}


class SpeakerSummaries(Records):
    """Speakers, most quoted first."""


@dataclass
class SpeakerProfile:
    """Everything the store knows of one speaker: its summary, the names it was given
    (with how many articles gave each), its titles as seen (with the date and article
    of each) and its articles."""

    summary: SpeakerSummary
    names: List[Tuple[str, int]] = field(default_factory=list)
    titles: List[Tuple[str, Optional[dt.date], str]] = field(default_factory=list)
    articles: List[str] = field(default_factory=list)

    def record(self) -> Dict[str, Any]:
        """The profile as plain data."""
        return dict(self.summary.record(), names=[{"name": n, "articles": c} for n, c in self.names],
                    titles=[{"title": t, "date": d.isoformat() if d else None, "article_id": a}
                            for t, d, a in self.titles],
                    article_ids=list(self.articles))


@dataclass
class QuoteHistory:
    """One quote and every occurrence of it, in date order (undated ones last):
    ``first`` is its first appearance, ``alterations`` maps the id of each occurrence
    whose words differ from the first's to that difference
    (:func:`.provenance.alteration`)."""

    id: int
    speaker: Optional[str]
    occurrences: Hits
    alterations: Dict[int, Any] = field(default_factory=dict)

    @property
    def first(self) -> Optional[Hit]:
        """The first appearance: the earliest dated occurrence (the first stored if none is dated)."""
        return self.occurrences[0] if self.occurrences else None

    def records(self) -> List[Dict[str, Any]]:
        """Each occurrence as a flat record, with ``first`` and ``altered`` (the difference, or None)."""
        out = []
        for k, hit in enumerate(self.occurrences):
            altered = self.alterations.get(hit.id)
            out.append(dict(hit.record(), first=k == 0, altered=str(altered) if altered is not None else None))
        return out

    def to_pandas(self):
        """The occurrences as a pandas DataFrame, a row each."""
        return to_frame(self.records())

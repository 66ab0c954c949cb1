"""Reading PolNeAR's brat gold: attributions as the reference scorer (``attrscore``) reads them.

PolNeAR marks each attribution with ``T`` lines labelled ``Source``, ``Cue`` and
``Content``, an anchor ``T`` labelled ``Attribution`` (or ``Attribution-no-source``)
on the cue's span, and an ``E`` line tying them together::

    T1	Source 0 8	The mayor
    T2	Cue 9 13	said
    T3	Content 14 40	the bridge will reopen soon
    T4	Attribution 9 13	said
    E1	Attribution:T4 Source:T1 Cue:T2 Content:T3

Each event becomes a :class:`GoldAttribution`, its offsets code points into the text
file read with ``newline=""``; an article is a :class:`GoldArticle` and a compartment
(``text/`` and ``attributions/``) a :data:`Compartment`. Writing brat is
:mod:`saidwhat.io.formats.brat`'s.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

from ..errors import GoldDataError
from ..schema import Offsets
from .labels import ROLES

PathLike = Union[str, os.PathLike]


@dataclass(frozen=True)
class GoldAttribution:
    """One attribution as the scorer compares it: the ``(start, end)`` fragments of its
    source, cue and content, each empty when absent.

    Fragments keep the order they were given in (a brat event's arguments, or a
    predictions file's); any iterable of pairs is stored as a tuple of tuples.
    """

    source: Tuple[Offsets, ...] = ()
    cue: Tuple[Offsets, ...] = ()
    content: Tuple[Offsets, ...] = ()

    def __post_init__(self) -> None:
        for role in ROLES:
            object.__setattr__(self, role, tuple((start, end) for start, end in getattr(self, role)))

    def spans(self, role: str) -> Tuple[Offsets, ...]:
        """Return the fragments of ``role``, one of :data:`~saidwhat.io.labels.ROLES`."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; the roles are {', '.join(ROLES)}")
        return getattr(self, role)


@dataclass(frozen=True)
class GoldArticle:
    """One gold article: its ``stem`` (the file name without ``.txt``), its text, its
    attributions and the ``.ann`` file they were read from (None when made in code)."""

    stem: str
    text: str
    attributions: Tuple[GoldAttribution, ...]
    ann_path: Optional[Path] = None


#: A compartment's gold articles by stem, in the sorted order of their text files.
Compartment = Dict[str, GoldArticle]


def read_text(path: PathLike) -> str:
    """Return the UTF-8 text of ``path`` with its line ends untouched (``newline=""``).

    Raises GoldDataError naming the file if it cannot be read.
    """
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldDataError(f"{path}: cannot read the file ({err})") from err


def read_ann(path: PathLike) -> List[GoldAttribution]:
    """Return the attributions of the brat ``.ann`` file ``path`` (see :func:`parse_ann`).

    Raises GoldDataError naming the file if it cannot be read.
    """
    return parse_ann(read_text(path))


def parse_ann(text: str) -> List[GoldAttribution]:
    """Return the attributions of brat annotation ``text``, as the scorer reads them.

    Each ``E`` line gives one attribution, its fragments in the order of the event's
    arguments (``Content2`` adds to the content). Events without content are dropped;
    ``Discard``/``Discuss`` spans, notes and lines that do not parse are ignored.
    """
    spans: Dict[str, List[Offsets]] = {}
    events: List[Dict[str, str]] = []
    for line in io.StringIO(text, newline=""):
        line = line.rstrip("\r\n")
        try:
            if line.startswith("T"):
                tid, fragments = _parse_textbound(line)
                spans[tid] = fragments
            elif line.startswith("E"):
                events.append(_parse_event_args(line))
        except (ValueError, IndexError):
            continue
    attributions = (_event_attribution(args, spans) for args in events)
    return [attribution for attribution in attributions if attribution.content]


def _parse_textbound(line: str) -> Tuple[str, List[Offsets]]:
    """Return the id and fragments of a ``T`` line; raises ValueError if it is malformed."""
    tid, label_offsets = line.split("\t")[:2]
    _, offsets = label_offsets.split(" ", 1)
    fragments = []
    for fragment in offsets.split(";"):
        start, end = fragment.split()
        fragments.append((int(start), int(end)))
    return tid, fragments


def _parse_event_args(line: str) -> Dict[str, str]:
    """Return the role -> T id arguments of an ``E`` line, without its anchor."""
    args = line.split("\t")[1].split()
    return dict(arg.split(":", 1) for arg in args[1:])


def _event_attribution(args: Dict[str, str], spans: Dict[str, List[Offsets]]) -> GoldAttribution:
    """Return the attribution of one event's ``args``, given the fragments of the ``T`` lines."""
    fragments: Dict[str, List[Offsets]] = {role: [] for role in ROLES}
    for key, tid in args.items():
        role = key.rstrip("0123456789").lower()
        if role in fragments and tid in spans:
            fragments[role].extend(spans[tid])
    return GoldAttribution(**fragments)


def annotation_files(directory: PathLike) -> Dict[str, Tuple[Path, List[Path]]]:
    """Return ``{stem: (text path, annotator files)}`` for a PolNeAR compartment
    directory: each ``text/<stem>.txt`` with its ``attributions/<stem>_<annotator>.ann``
    files in lexicographic order, articles with none left out. Raises GoldDataError
    if a subfolder is missing."""
    directory = Path(directory)
    text_dir = directory / "text"
    ann_dir = directory / "attributions"
    for sub in (text_dir, ann_dir):
        if not sub.is_dir():
            raise GoldDataError(
                f"{directory}: not a PolNeAR compartment, it has no {sub.name}/ folder"
            )
    ann_names = sorted(name for name in os.listdir(ann_dir) if name.endswith(".ann"))
    out: Dict[str, Tuple[Path, List[Path]]] = {}
    for txt in sorted(text_dir.glob("*.txt")):
        stem = txt.name[: -len(".txt")]
        anns = [ann_dir / name for name in ann_names if name.startswith(stem + "_")]
        if anns:
            out[stem] = (txt, anns)
    return out


def read_article(stem: str, text_path: PathLike, ann_path: PathLike) -> GoldArticle:
    """Return the gold article ``stem`` with the text of ``text_path`` and the
    attributions of ``ann_path``. Raises GoldDataError naming a file that cannot be read."""
    return GoldArticle(stem, read_text(text_path), tuple(read_ann(ann_path)), Path(ann_path))


def load_compartment(directory: PathLike) -> Compartment:
    """Return the gold articles of a PolNeAR compartment directory by stem.

    ``directory`` holds ``text/<stem>.txt`` and ``attributions/<stem>_<annotator>.ann``;
    the lexicographically first annotator file of each stem is used and articles with
    none are skipped, as the reference scorer does. Raises GoldDataError if a
    subfolder is missing or no article has annotations.
    """
    gold = {stem: read_article(stem, txt, anns[0]) for stem, (txt, anns) in annotation_files(directory).items()}
    if not gold:
        raise GoldDataError(
            f"{directory}: no article has both text/<stem>.txt and "
            f"attributions/<stem>_<annotator>.ann"
        )
    return gold


"""The templates every HTML view of an article is drawn from: the ``html`` output format
and the service's pages use the same Jinja2 templates (``templates/`` beside this
module) and the same styles, so a saved file looks like the page.

:func:`environment` gives a Jinja2 environment that escapes everything it is given
(autoescape on every template), with the helpers the templates call;
:func:`article_view` turns an :class:`~saidwhat.schema.Article` into what the
``article`` macro of ``article.html`` draws: its heading, speakers with their counts
and colours, the highlighted text, the table and a details card per attribution, the
reports inside one nested in its card.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import jinja2
from markupsafe import Markup

from ...schema import Article, Attribution, Speaker
from .highlight import colour_rules, highlight, speaker_class, speaker_colour
from .text import (CELL_LINE_BREAK, NUMERIC_COLUMNS, TABLE_COLUMNS, count_label, one_line, source_as_written,
                   speaker_description, speaker_label, table_row)

#: The shared templates: the page head and styles, the legend, an article.
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class SpeakerView:
    """One speaker as the templates show it: its label, colour class, hover text,
    attribution count and its attributions."""

    speaker: Speaker
    label: str
    cls: str
    about: str
    attributions: List[Attribution] = field(default_factory=list)


@dataclass
class ArticleView:
    """What the ``article`` macro draws of one article. ``prefix`` starts the id of
    every element of the article (cards ``{prefix}a{id}``, speakers ``{prefix}s{id}``),
    so several articles share a page."""

    prefix: str
    heading: str
    meta: str
    article: Article
    speakers: List[SpeakerView]
    text_html: Optional[Markup]
    rows: List[List[Dict[str, object]]]
    top: List[Attribution]
    children: Dict[int, List[Attribution]]
    colours: Markup


def environment(*folders: Path) -> jinja2.Environment:
    """A Jinja2 environment loading templates from ``folders`` first, then the shared
    ones, escaping everything given to a template, with the helpers they use."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders] + [str(TEMPLATES)]),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.globals.update(
        speaker_label=speaker_label, speaker_description=speaker_description, one_line=one_line,
        source_as_written=source_as_written, speaker_class=speaker_class, speaker_colour=speaker_colour,
        count_label=count_label, columns=TABLE_COLUMNS,
    )
    return env


def article_view(article: Article, prefix: str = "p1") -> ArticleView:
    """Return what the ``article`` macro draws of ``article``; ids start with ``prefix``."""
    heading = article.title or article.id
    meta = [count_label(len(article.attributions))]
    if article.title:
        meta.insert(0, article.id)
    children: Dict[int, List[Attribution]] = {}
    known = {a.id for a in article.attributions}
    top = []
    for attribution in article.attributions:
        if attribution.parent is not None and attribution.parent in known:
            children.setdefault(attribution.parent, []).append(attribution)
        else:
            top.append(attribution)
    text_html = None
    if article.text is not None:
        text_html = Markup(highlight(article.text, article.attributions, prefix))
    return ArticleView(
        prefix=prefix, heading=heading, meta=" · ".join(meta), article=article,
        speakers=speaker_views(article.speakers, article.attributions), text_html=text_html,
        rows=[table_cells(a) for a in article.attributions], top=top, children=children,
        colours=Markup(colour_rules(article.speakers)),
    )


def speaker_views(speakers: Sequence[Speaker], attributions: Sequence[Attribution]) -> List[SpeakerView]:
    """Each of ``speakers`` as the templates show it, with its attributions."""
    views = []
    for speaker in speakers:
        about = [speaker.type, count_label(speaker.attributions)]
        if speaker.name and speaker.title:
            about.append(one_line(speaker.title))
        mine = [a for a in attributions if a.speaker is not None and a.speaker.id == speaker.id]
        views.append(SpeakerView(speaker, speaker_label(speaker), speaker_class(speaker), " · ".join(about), mine))
    return views


def table_cells(attribution: Attribution) -> List[Dict[str, object]]:
    """The cells of ``attribution``'s table row: each its first line, later lines
    (the source as written, the cue's setting...) and CSS classes."""
    speaker_column = TABLE_COLUMNS.index("speaker")
    cells = []
    for i, cell in enumerate(table_row(attribution)):
        classes = ["num"] if i in NUMERIC_COLUMNS else []
        if i == speaker_column and attribution.speaker is not None:
            classes.append(speaker_class(attribution.speaker))
        first, *rest = cell.split(CELL_LINE_BREAK)
        cells.append({"first": first, "rest": rest, "cls": " ".join(classes) or None})
    return cells

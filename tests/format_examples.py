"""What the output format tests share: hand-made articles with known attributions and
speakers, the text of one story for the real pipeline (the rules alone), a writer run
to a string, and readers of the HTML pages written."""
import io
import xml.etree.ElementTree as ET

from saidwhat.schema import Article, Attribution, Speaker, TextSpan

TEXT = (
    'PORT ELLIS — "We will not sign," Mayor Ana Ruiz said, "until the dredging is paid for."\n'
    "\n"
    "The harbor board said it expected a deal by spring at a cost < $4m & no more.\n"
    "Officials declined to comment.\n"
    "\n"
    "It was reported that the board said nothing new."
)
STREAM_FORMATS = ("json", "jsonl", "text", "html", "csv")


def span(*offsets):
    """Return the span of ``TEXT`` over the ``(start, end)`` ``offsets``."""
    return TextSpan.from_offsets(TEXT, offsets)


def make_story():
    """A split direct quote, an indirect one, one without source, one inside another.

    Two speakers: the mayor, named, and the harbor board, never named; #3 has none.
    """
    ruiz = Speaker(1, "Ana Ruiz", "person", "Mayor", [span((33, 47))], 1)
    board = Speaker(2, None, "organization", "The harbor board", [span((89, 105)), span((220, 229))], 2)
    return Article(
        id="harbor-1",
        text=TEXT,
        title="Harbor talks stall",
        meta={"url": "https://example.org/harbor"},
        attributions=[
            Attribution(
                1, "direct", span((13, 32), (54, 87)), span((48, 52)), span((33, 47)), 0.92,
                speaker=ruiz, act="speech",
            ),
            Attribution(
                2, "indirect", span((111, 165)), span((106, 110)), span((89, 105)), 0.8,
                speaker=board, act="speech",
            ),
            Attribution(3, "indirect", span((220, 246)), span((202, 214)), None, 0.7),
            Attribution(
                4, "indirect", span((235, 246)), span((230, 234)), span((220, 229)), 0.55,
                speaker=board, parent=3, act="speech",
            ),
        ],
        speakers=[ruiz, board],
    )


BRIEFING = (
    '"The ferry will run again in June," Transport Minister Joan Pike told reporters'
    " at the harbor on Monday.\n"
    "\n"
    '"We have the money," she said on Harbor FM. "We have the crews.\n'
    "\n"
    '"What we need now is patience."\n'
    "\n"
    'A spokesman said the minister had told him that "nothing is certain."\n'
)


def at(phrase, nth=1, text=BRIEFING):
    """Return the ``(start, end)`` of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def bspan(*phrases):
    """Return the span of ``BRIEFING`` over ``phrases`` (a phrase, or a phrase and which occurrence)."""
    return TextSpan.from_offsets(BRIEFING, [at(p) if isinstance(p, str) else at(*p) for p in phrases])


def make_briefing():
    """An addressee and a setting, a means, a continued quote and a report inside a report.

    The minister speaks in #1, #2, #3 (continued, no cue) and #5 (inside #4, the
    unnamed spokesman's report).
    """
    pike = Speaker(
        1, "Joan Pike", "person", "Transport Minister",
        [bspan("Transport Minister Joan Pike"), bspan("she"), bspan("the minister")], 4,
    )
    spokesman = Speaker(2, None, "person", "A spokesman", [bspan("A spokesman")], 1)
    she = bspan("she")
    return Article(
        id="ferry",
        text=BRIEFING,
        attributions=[
            Attribution(
                1, "direct", bspan('"The ferry will run again in June,"'), bspan("told"),
                bspan("Transport Minister Joan Pike"), 0.97, speaker=pike,
                to=bspan("reporters"), where=bspan("at the harbor"),
            ),
            Attribution(
                2, "direct", bspan('"We have the money,"', '"We have the crews.'),
                bspan(("said", 1)), she, 0.95, speaker=pike, how=bspan("on Harbor FM"),
            ),
            Attribution(
                3, "direct", bspan('"What we need now is patience."'), None, she, 0.61,
                speaker=pike, continued=True,
            ),
            Attribution(
                4, "indirect", bspan('the minister had told him that "nothing is certain."'),
                bspan(("said", 2)), bspan("A spokesman"), 0.9, speaker=spokesman,
            ),
            Attribution(
                5, "mixed", bspan('that "nothing is certain."'), bspan("had told"),
                bspan("the minister"), 0.7, speaker=pike, parent=4, to=bspan("him"),
            ),
        ],
        speakers=[pike, spokesman],
    )


def make_quiet():
    """An article without attributions."""
    return Article(id="quiet-2", text="Nothing was said.", title=None)


def run(writer_cls, articles, **kwargs):
    """Write ``articles`` with a ``writer_cls`` made with ``kwargs``; return what it wrote."""
    stream = io.StringIO()
    writer = writer_cls(stream, **kwargs)
    for article in articles:
        writer.write(article)
    writer.close()
    return stream.getvalue()


CEDAR = (
    'CEDAR FALLS — "The bridge will reopen in May," Mayor Lena Ortiz told reporters'
    " at a news conference on Tuesday.\n"
    "\n"
    '"We owe the town that much," she added.\n'
    "\n"
    'Ortiz told the council the crews were "ready to go."\n'
    "\n"
    '"Nobody wants another winter of detours."\n'
    "\n"
    "A spokeswoman for the contractor said in an email that the steel had arrived.\n"
    "\n"
    'The Cedar Gazette reported that "Ortiz said the work would start on Monday."\n'
)


def parse_page(page):
    """Parse the page as XML: fails unless every tag is closed and nested properly."""
    return ET.fromstring(page)


def marks_of(element):
    """Return ``(class, title, text)`` of every ``<mark>`` under ``element``."""
    return [(m.get("class"), m.get("title"), "".join(m.itertext())) for m in element.iter("mark")]


def content_colours(page):
    """Return ``{attribution id: (class, data-speaker)}`` of every content mark in the page."""
    colours = {}
    for mark in parse_page(page).iter("mark"):
        title = mark.get("title") or ""
        if title.startswith("content of #"):
            number = int(title[len("content of #"):].split(" ")[0])
            colours.setdefault(number, set()).add((mark.get("class"), mark.get("data-speaker")))
    return {number: found.pop() for number, found in colours.items() if len(found) == 1}

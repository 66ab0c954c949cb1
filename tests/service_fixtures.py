"""What the service's tests share: the app over a temporary SQLite store holding the
invented week of harbor news, extracting with the rules alone."""
from pathlib import Path

from saidwhat.io.reading import read_inputs
from saidwhat.service.app import ServiceSettings, create_app
from saidwhat.store.api import Store
from saidwhat.workers import PipelineSettings

WEEK = Path(__file__).resolve().parent / "data" / "store" / "harbor-week.jsonl"

# An invented story whose quote holds markup and an attribute-breaking quote mark.
HOSTILE = ('"Nobody will run <script>alert(1)</script> on our docks," harbor clerk Ines Varga said.\n'
           'Varga said the "inspectors\' <b onmouseover="alert(2)">report</b>" was late.')


def stored_week(path, extractor):
    """A SQLite store at ``path`` holding the week of harbor news, extracted by ``extractor``."""
    with Store(str(path)) as store:
        store.ingest(extractor.extract_many(read_inputs([str(WEEK)])))
    return str(path)


def make_app(db, extractor, **settings):
    """The app over the store ``db``, extracting with ``extractor`` (the rules)."""
    return create_app(ServiceSettings(db=db, pipeline=PipelineSettings(model="rules"), **settings), extractor)

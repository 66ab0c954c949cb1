"""The store's commands: ``saidwhat ingest``, ``search``, ``speakers``, ``quote`` and
``export``, all on the same ``--db``. Their help texts are in :mod:`.store_help`, their
tables and records in :mod:`.store_output`."""
from __future__ import annotations

import argparse
import logging
import sys
from typing import Iterable, Iterator, List

from ..errors import InputError
from ..io.formats import make_writer
from ..io.reading import INPUT_FORMATS, read_inputs
from ..pipeline import DEFAULT_BATCH_SIZE
from ..schema import ATTRIBUTION_KINDS, Article
from ..store.api import Store, as_date, make_filters
from ..store.database import safe_url
from ..store.search import DEFAULT_LIMIT
from . import store_help as help_
from .common import EXIT_FAILURE, EXIT_INPUT_ERRORS, EXIT_OK, atomic_target
from .extract import extracted
from .progress import progress_bar, report_errors
from .store_output import write_hits, write_profile, write_quote, write_speakers

logger = logging.getLogger(__name__)
_RAW = argparse.RawDescriptionHelpFormatter
FORMATS = ("text", "json", "jsonl", "csv")
EXPORT_FORMATS = ("jsonl", "csv", "parquet")


def add_store_commands(sub, common: argparse.ArgumentParser, positive) -> None:
    """Add the store's commands to the subcommands ``sub``: ``ingest`` with the pipeline
    options of ``common``; ``positive`` parses a count."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="URL", help=help_.DB_HELP)
    base = argparse.ArgumentParser(add_help=False)
    base.add_argument("-v", "--verbose", action="store_true", help="log what happens, to stderr")
    _add_ingest(sub, [common, db], positive)
    filters = _filter_options()
    se = sub.add_parser("search", parents=[base, db, filters], help="search the stored quotes",
                        description=help_.SEARCH_HELP, formatter_class=_RAW)
    se.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                    help=f"at most N hits (default: {DEFAULT_LIMIT}; 0 for all)")
    se.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format (default: text)")
    se.set_defaults(run=run_search)
    _add_speakers(sub, [base, db], positive)
    qu = sub.add_parser("quote", parents=[base, db], help="one quote's occurrences, first appearance and changes",
                        description=help_.QUOTE_HELP, formatter_class=_RAW)
    qu.add_argument("id", type=int, metavar="ID", help="the quote id (search gives it)")
    qu.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format (default: text)")
    qu.set_defaults(run=run_quote)
    ex = sub.add_parser("export", parents=[base, db, filters], help="write stored articles in the extract schema",
                        description=help_.EXPORT_HELP, formatter_class=_RAW)
    ex.add_argument("-f", "--format", choices=EXPORT_FORMATS, default="jsonl", help="output format (default: jsonl)")
    ex.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (in full or not at all)")
    ex.add_argument("--no-text", action="store_true", help="leave the article text out of jsonl records")
    ex.set_defaults(run=run_export)


def _add_ingest(sub, parents: List[argparse.ArgumentParser], positive) -> None:
    """Add ``saidwhat ingest``."""
    ing = sub.add_parser("ingest", parents=parents, help="find attributions and store them in a database",
                         description=help_.INGEST_HELP, formatter_class=_RAW)
    ing.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or - for standard input")
    ing.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                     help="read every PATH as this format instead of guessing from its suffix")
    ing.add_argument("--workers", type=positive, default=None, metavar="N",
                     help="processes extracting at once (default: the usable cores, or $SAIDWHAT_WORKERS)")
    ing.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, metavar="N",
                     help=f"articles parsed together (default: {DEFAULT_BATCH_SIZE})")
    ing.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                     help="progress bar on stderr: articles done of the total, articles/s and the time left "
                          "(auto: when stderr is a terminal)")
    ing.set_defaults(run=run_ingest)


def _add_speakers(sub, parents: List[argparse.ArgumentParser], positive) -> None:
    """Add ``saidwhat speakers`` with its ``show``, ``merge`` and ``split``."""
    sp = sub.add_parser("speakers", parents=parents, help="who is quoted most; correct who is who",
                        description=help_.SPEAKERS_HELP, formatter_class=_RAW)
    sp.add_argument("--top", type=positive, default=20, metavar="N", help="the N most quoted (default: 20)")
    sp.add_argument("--since", metavar="DATE", help="count the articles of this date on (YYYY-MM-DD, YYYY-MM, YYYY)")
    sp.add_argument("--until", metavar="DATE", help="count the articles up to this date")
    sp.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format (default: text)")
    sp.set_defaults(run=run_speakers, action=None)
    actions = sp.add_subparsers(dest="action", metavar="ACTION")
    again = argparse.ArgumentParser(add_help=False)  # --db and --format after the action, too
    again.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=help_.DB_HELP)
    again.add_argument("-f", "--format", choices=FORMATS, default=argparse.SUPPRESS, help="output format of show")
    show = actions.add_parser("show", parents=[again], help="one speaker's names, titles and articles")
    show.add_argument("name", metavar="NAME", help="a name as an article gives it, or the speaker's id")
    merge = actions.add_parser("merge", parents=[again], help="A is B")
    merge.add_argument("name", metavar="A")
    merge.add_argument("other", metavar="B")
    split = actions.add_parser("split", parents=[again], help="the articles that call A NAME mean someone else")
    split.add_argument("name", metavar="A")
    split.add_argument("other", metavar="NAME")


def _filter_options() -> argparse.ArgumentParser:
    """The options that pick attributions, shared by ``search`` and ``export``."""
    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("query", nargs="*", metavar="QUERY", help="words of the quote (all of them), \"a phrase\"")
    filters.add_argument("--speaker", metavar="NAME", help="quotes of this speaker (a name or a speaker id)")
    filters.add_argument("--outlet", metavar="NAME", help="articles of this outlet (case ignored)")
    filters.add_argument("--since", metavar="DATE", help="articles of this date or later (YYYY-MM-DD, YYYY-MM, YYYY)")
    filters.add_argument("--until", metavar="DATE", help="articles of this date or earlier")
    filters.add_argument("--kind", type=_kinds, metavar="KIND", help=f"{' | '.join(ATTRIBUTION_KINDS)}, or several "
                         "separated by commas")
    return filters


def _kinds(value: str) -> List[str]:
    """Parse ``--kind``: attribution kinds separated by commas."""
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    if not kinds or any(k not in ATTRIBUTION_KINDS for k in kinds):
        raise argparse.ArgumentTypeError(f"{value!r}: give one or more of {', '.join(ATTRIBUTION_KINDS)}")
    return kinds


def run_ingest(args: argparse.Namespace) -> int:
    """``saidwhat ingest``: read, skip what is stored, extract, store; print the counts."""
    store = Store(args.db)
    failures: List[InputError] = []
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "failed": 0}
    progress = progress_bar(args)
    articles = report_errors(read_inputs(args.paths, args.input_format), failures, progress)
    fresh = _not_stored(store, articles, counts, progress)
    for stored in store.ingest_stream(extracted(args, fresh, progress.total)):
        counts[stored.status] += 1
        if stored.error:
            progress.write(f"saidwhat: {stored.error}", file=sys.stderr)
        progress.done(stored.article)
    progress.close()
    store.close()
    total = sum(counts.values())
    print(f"{total} article{'s' if total != 1 else ''} in {safe_url(store.engine)}: "
          + ", ".join(f"{n} {status}" for status, n in counts.items())
          + (f"; {len(failures)} input{'s' if len(failures) != 1 else ''} could not be read" if failures else ""))
    return EXIT_INPUT_ERRORS if failures or counts["failed"] else EXIT_OK


def _not_stored(store: Store, articles: Iterable[Article], counts: dict, progress) -> Iterator[Article]:
    """The articles the store does not hold with this text; the others counted as unchanged."""
    for article in articles:
        if store.is_stored(article):
            counts["unchanged"] += 1
            progress.done(article)
        else:
            yield article


def run_search(args: argparse.Namespace) -> int:
    """``saidwhat search``: print the hits."""
    with Store(args.db) as store:
        hits = store.search(limit=args.limit or None, **_filter_kwargs(args))
    write_hits(hits, args.format, sys.stdout)
    return EXIT_OK


def _filter_kwargs(args: argparse.Namespace) -> dict:
    """The keyword arguments of Store.search and Store.export the options give."""
    return {"query": " ".join(args.query) or None, "speaker": args.speaker, "outlet": args.outlet,
            "since": args.since, "until": args.until, "kind": args.kind}


def run_speakers(args: argparse.Namespace) -> int:
    """``saidwhat speakers`` and its actions."""
    with Store(args.db) as store:
        if args.action == "merge":
            gone, kept = store.merge_speakers(args.name, args.other)
            print(f"merged speaker {gone} into {kept}; later ingests keep them one")
        elif args.action == "split":
            kept, new = store.split_speaker(args.name, args.other)
            print(f"split {args.other!r} from speaker {kept} as speaker {new}; later ingests keep them apart")
        elif args.action == "show":
            write_profile(store.speaker(args.name), args.format, sys.stdout)
        else:
            since, until = as_date(args.since, "--since"), as_date(args.until, "--until")
            write_speakers(store.speakers(args.top, since, until), args.format, sys.stdout)
    return EXIT_OK


def run_quote(args: argparse.Namespace) -> int:
    """``saidwhat quote ID``: print the quote's history."""
    with Store(args.db) as store:
        write_quote(store.quote(args.id), args.format, sys.stdout)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """``saidwhat export``: write the stored articles the filters pick."""
    if args.format == "parquet" and not args.output:
        print("saidwhat: error: --format parquet writes a file: give it with --output FILE", file=sys.stderr)
        return EXIT_FAILURE
    with Store(args.db) as store:
        kwargs = _filter_kwargs(args)
        with atomic_target(args.output, False) as target:
            if args.format == "parquet":
                from ..store.export import write_parquet

                write_parquet(store.export_hits(make_filters(**kwargs)), target.buffer)
            else:
                writer = make_writer(args.format, target, include_text=not args.no_text)
                for article in store.export(**kwargs):
                    writer.write(article)
                writer.close()
    return EXIT_OK

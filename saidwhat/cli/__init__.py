"""The command line: ``saidwhat extract``, ``eval``, ``info`` and ``train``.

Everything a command prints as its result goes to stdout (or ``--output``); problems
with single inputs go to stderr, one line each, and make the exit status 1 once every
other input has been processed and written.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterator, List, Optional, Sequence

from spacy.language import Language

from .. import __version__
from ..errors import InputError, OutputError, SaidwhatError
from ..io.formats import FORMATS, make_writer, writer_class
from ..model import DEFAULT_EPOCHS, DEFAULT_MODEL, MODEL_NAMES, RULES
from ..model.encoder import DEFAULT_PRECISION, PRECISIONS
from ..pipeline import DEFAULT_BATCH_SIZE, DEFAULT_SPACY_PACKAGE, Extractor, load_pipeline, pipeline_info
from ..io.reading import INPUT_FORMATS, read_inputs
from ..schema import Article

logger = logging.getLogger(__name__)

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141

MAIN_HELP = """\
Find who said what in news articles: every direct, indirect and mixed quotation
and reported statement, with its content, cue and source.

examples:
  saidwhat extract article.txt                      one article, JSON lines on stdout
  saidwhat extract --format text article.txt        a table to read at the terminal
  saidwhat extract news/ --format csv -o quotes.csv a folder, one CSV row per quote
  saidwhat eval ../shared/data/polnear/dev          score the pipeline on PolNeAR dev
  saidwhat info                                     what is installed and in use
  saidwhat extract --model fast article.txt         the faster model (default: accurate)
  saidwhat train --data ../shared/data/polnear --out my-model
                                                    train a model on PolNeAR
"""

EXTRACT_HELP = """\
Read articles and write their attributions.

PATH is a .txt file (UTF-8), an .html page (its main text, title, author and date
are extracted), a .jsonl file of {"id": ..., "text": ...} records, a directory
(walked for those), or - for standard input (the default). An article's id is its
file name without the extension, or the record's "id".

Offsets in the output are code points into the article text, which json and jsonl
records carry (drop it with --no-text). Unreadable inputs are reported on stderr,
one line each; everything else is still written, and the exit status is then 1.

Each attribution has its content, cue and source as written, and the speaker the
source refers to ("he" after Kim Jong Un is Kim Jong Un; name null when the article
never names the speaker), its parent when it is a report inside another, "continued"
for a quote paragraph carrying on the previous speaker, and to / where / how ("told
reporters", "at a press conference", "through an interpreter"). Each article lists
its speakers once, with their attribution counts.

examples:
  saidwhat extract --format text examples/harbor-talks.txt
  saidwhat extract dump.jsonl --output quotes.jsonl
  cat story.txt | saidwhat extract - --format json
  saidwhat extract pages/ --format html --output review.html
  saidwhat extract news/ --format brat --output ann/   (open ann/ in brat to correct)
"""

EVAL_HELP = """\
Score attributions against a PolNeAR-style directory (text/ and attributions/),
with the figures of the reference scorer: who-said-what, quote matching, exact
content and cue, token-level source/cue/content, recall on direct and indirect gold.

Without --predictions the pipeline is run on the directory's texts first. Only
the outermost attributions are scored, those at the top of an article's
"attributions" in saidwhat's JSON (reports inside reports sit under their
"reports"): PolNeAR annotates no report inside a report, and the reference
scorer reads the same list, so both give the same figures for a saved file.

examples:
  saidwhat eval ../shared/data/polnear/dev
  saidwhat eval ../shared/data/polnear/dev --predictions quotes.jsonl --json
  saidwhat eval ../shared/data/polnear/dev --save-predictions dev.jsonl
"""

INFO_HELP = """\
Show the saidwhat version, the spaCy pipeline in use, the model and its approach
(and how the accurate model runs its encoder: float32 or bfloat16),
and the model's training record (articles, date, seed, epochs, dev figures).

examples:
  saidwhat info
  saidwhat info --json
  saidwhat info --model fast
"""

TRAIN_HELP = """\
Train an attribution model on PolNeAR and write it to --out, for use with --model
DIR in extract, eval and info. The shipped models (accurate, fast) were made
this way, with the default settings.

--data is a PolNeAR directory with the compartments train/ and, optionally, dev/
(each with text/ and attributions/). The train texts are parsed and encoded
(progress is logged), the network is trained, and the model is written to --out in
full or not at all. With dev/, the model's confidences are calibrated on dev and the
dev figures of the rules, the model, and the model with the rules are printed.
On this project's 2-core machine the accurate model takes 35 to 60 minutes
on all 840 PolNeAR train articles (by how busy the machine is), the fast one
9 to 11 (docs/model.md).

The same data, --kind, --seed and --epochs give the same weights when nothing else
runs on the machine; other work beside a run changes how its threads sum, and its
weights then differ from an idle run's in the last bits or more (docs/model.md).

examples:
  saidwhat train --data ../shared/data/polnear --out my-model
  saidwhat train --data ../shared/data/polnear --out /tmp/small --kind fast --limit 50 --epochs 2
  saidwhat extract --model my-model --format text article.txt
  saidwhat eval ../shared/data/polnear/dev --model my-model
"""


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version or a usage error, already printed
        return int(exit_.code or 0)
    quiet_level = getattr(args, "log_level", logging.WARNING)
    logging.basicConfig(level=logging.DEBUG if getattr(args, "verbose", False) else quiet_level,
                        format="saidwhat: %(levelname)s: %(message)s")
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_FAILURE
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("saidwhat: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`saidwhat extract ... | head`): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except (SaidwhatError, OSError) as err:
        print(f"saidwhat: error: {err}", file=sys.stderr)
        return EXIT_FAILURE


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``saidwhat`` command and its subcommands."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(prog="saidwhat", description=MAIN_HELP, formatter_class=raw)
    parser.add_argument("--version", action="version", version=f"saidwhat {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    base = argparse.ArgumentParser(add_help=False)
    base.add_argument("-v", "--verbose", action="store_true", help="log what happens, to stderr")
    base.add_argument("--spacy-pipeline", default=DEFAULT_SPACY_PACKAGE, metavar="PACKAGE",
                      help=f"installed spaCy pipeline package to parse with (default: {DEFAULT_SPACY_PACKAGE})")
    common = argparse.ArgumentParser(add_help=False, parents=[base])
    common.add_argument("--min-confidence", type=_probability, default=None, metavar="P",
                        help="drop attributions whose confidence is below P (0-1; default: the model's cut, "
                             "fitted on dev: half the who-said-what F1, below which an attribution costs "
                             "more F1 than it brings; saidwhat info prints it; 0 keeps all)")
    common.add_argument("--model", default=DEFAULT_MODEL, metavar="NAME|DIR",
                        help=f"{', '.join(MODEL_NAMES)} (default: {DEFAULT_MODEL}), {RULES} for the rules alone, "
                             "or a directory written by saidwhat train")
    common.add_argument("--encoder-precision", choices=PRECISIONS, default=DEFAULT_PRECISION,
                        help="how the accurate model runs its MiniLM encoder: bfloat16 is about twice as fast "
                             "where the CPU has instructions for it, float32 gives the figures of training "
                             f"exactly (default: {DEFAULT_PRECISION}: bfloat16 where the CPU has them)")

    ex = sub.add_parser("extract", parents=[common], help="find attributions in articles",
                        description=EXTRACT_HELP, formatter_class=raw)
    ex.add_argument("paths", nargs="*", default=["-"], metavar="PATH", help="files, directories or - (default: -)")
    ex.add_argument("-f", "--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    ex.add_argument("-o", "--output", metavar="PATH",
                    help="write here instead of stdout (a directory for --format brat); "
                         "written in full or not at all")
    ex.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                    help="read every PATH as this format instead of guessing from its suffix")
    ex.add_argument("--no-text", action="store_true", help="leave the article text out of json/jsonl records")
    ex.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, metavar="N",
                    help=f"articles parsed together (default: {DEFAULT_BATCH_SIZE})")
    ex.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                    help="progress bar on stderr (auto: when stderr is a terminal)")
    ex.set_defaults(run=run_extract)

    ev = sub.add_parser("eval", parents=[common], help="score against a PolNeAR-style directory",
                        description=EVAL_HELP, formatter_class=raw)
    ev.add_argument("gold", metavar="GOLD_DIR", help="directory with text/ and attributions/")
    ev.add_argument("--predictions", metavar="FILE", help="JSONL predictions to score instead of running the pipeline")
    ev.add_argument("--save-predictions", metavar="FILE", help="also write the pipeline's predictions as JSONL")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.set_defaults(run=run_eval)

    info = sub.add_parser("info", parents=[common], help="show versions and the approach in use",
                          description=INFO_HELP, formatter_class=raw)
    info.add_argument("--json", action="store_true", help="print as JSON")
    info.set_defaults(run=run_info)

    tr = sub.add_parser("train", parents=[base], help="train a model on PolNeAR",
                        description=TRAIN_HELP, formatter_class=raw)
    tr.add_argument("--data", required=True, metavar="DIR", help="PolNeAR directory with train/ (and dev/)")
    tr.add_argument("--out", required=True, metavar="DIR", help="model directory to write (written in full or not at all)")
    tr.add_argument("--kind", choices=MODEL_NAMES, default=DEFAULT_MODEL,
                    help=f"accurate: with the MiniLM encoder; fast: without (default: {DEFAULT_MODEL})")
    tr.add_argument("--seed", type=int, default=0, metavar="N",
                    help="seed of the initial weights and the order of the articles (default: 0)")
    tr.add_argument("--epochs", type=_positive, default=DEFAULT_EPOCHS, metavar="N",
                    help=f"passes over the training articles (default: {DEFAULT_EPOCHS})")
    tr.add_argument("--limit", type=_positive, metavar="N", help="train on the first N train articles only")
    tr.set_defaults(run=run_train, log_level=logging.INFO)
    return parser


def _pipeline(args: argparse.Namespace) -> Language:
    """Return the pipeline the common options ask for."""
    return load_pipeline(args.spacy_pipeline, args.min_confidence, args.model, args.encoder_precision)


# --- extract ---------------------------------------------------------------------------


def run_extract(args: argparse.Namespace) -> int:
    """``saidwhat extract``: read, extract, write; return the exit status."""
    if args.paths == ["-"] and sys.stdin.isatty():
        print("saidwhat: reading an article from the terminal; end it with Ctrl-D "
              "(see saidwhat extract --help)", file=sys.stderr)
    is_dir_format = writer_class(args.format).writes_directory
    if is_dir_format and not args.output:
        print(f"saidwhat: error: --format {args.format} writes a directory: give it with --output DIR", file=sys.stderr)
        return EXIT_FAILURE
    extractor = Extractor(_pipeline(args))
    failures: List[InputError] = []
    progress = _progress_bar(args.progress)
    articles = _report_errors(read_inputs(args.paths, args.input_format), failures, progress)
    with _atomic_target(args.output, is_dir_format) as target:
        writer = make_writer(args.format, target, include_text=not args.no_text)
        for article in extractor.extract_many(articles, batch_size=args.batch_size):
            writer.write(article)
            progress.update(1)
        writer.close()
    progress.close()
    return EXIT_INPUT_ERRORS if failures else EXIT_OK


def _report_errors(items, failures: List[InputError], progress) -> Iterator[Article]:
    """Pass articles through; report each InputError on stderr as one line and keep it."""
    for item in items:
        if isinstance(item, InputError):
            failures.append(item)
            progress.write(f"saidwhat: {item}", file=sys.stderr)
        else:
            yield item


@contextlib.contextmanager
def _atomic_target(output: Optional[str], directory: bool) -> Iterator:
    """Yield where to write: stdout, or a temporary file/directory that replaces ``output``
    only once everything was written (so ``output`` is complete or absent). A new
    directory is the temporary one renamed; into an existing one the files are moved."""
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    final = Path(output)
    parent = final.parent if str(final.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"cannot write {output}: no directory {parent}")
    if final.exists() and final.is_dir() != directory:
        raise OutputError(f"cannot write {output}: it is {'a file' if directory else 'a directory'}")
    if directory:
        tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=parent))
        try:
            yield tmp
            if final.exists():
                for item in tmp.iterdir():
                    os.replace(item, final / item.name)
            else:
                os.chmod(tmp, 0o777 & ~_umask())
                os.replace(tmp, final)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=parent)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(name, 0o666 & ~_umask())
        os.replace(name, final)
    finally:
        if os.path.exists(name):
            os.unlink(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _NoProgress:
    """Stands in for a tqdm bar when none is shown."""

    def update(self, n: int) -> None:
        """Do nothing."""

    def write(self, line: str, file: IO[str] = sys.stderr) -> None:
        """Print ``line`` to ``file``."""
        print(line, file=file)

    def close(self) -> None:
        """Do nothing."""


def _progress_bar(mode: str):
    show = mode == "always" or (mode == "auto" and sys.stderr.isatty())
    if not show:
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return number


def _probability(value: str) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return number


# --- eval ------------------------------------------------------------------------------


def run_eval(args: argparse.Namespace) -> int:
    """``saidwhat eval``: score predictions (given or made now) against gold; print figures."""
    from ..io.gold import load_compartment
    from ..evaluation.scoring import format_table, load_predictions, predictions_from_articles, score

    gold = load_compartment(args.gold)
    if args.predictions:
        predictions = load_predictions(args.predictions)
        name = os.path.basename(args.predictions)
    else:
        extractor = Extractor(_pipeline(args))
        found = extractor.extract_many(Article(id=stem, text=text) for stem, (text, _) in gold.items())
        articles = list(found)
        predictions = predictions_from_articles(articles)
        name = "saidwhat"
        if args.save_predictions:
            with _atomic_target(args.save_predictions, False) as stream:
                writer = make_writer("jsonl", stream, include_text=False)
                for article in articles:
                    writer.write(article)
                writer.close()
    result = score(gold, predictions)
    if args.json:
        print(json.dumps({name: result}, indent=1))
    else:
        print(format_table(name, result))
    return EXIT_OK


# --- info ------------------------------------------------------------------------------


def run_info(args: argparse.Namespace) -> int:
    """``saidwhat info``: print the version, the spaCy pipeline and the approach."""
    info = {"saidwhat": __version__, "python": sys.version.split()[0]}
    info.update(pipeline_info(_pipeline(args)))
    if args.json:
        print(json.dumps(info, indent=1))
        return EXIT_OK
    pipe = info["spacy_pipeline"]
    print(f"saidwhat        {info['saidwhat']}")
    print(f"python          {info['python']}")
    print(f"spacy           {info['spacy']}")
    print(f"spacy pipeline  {pipe['package']} {pipe['version']} ({', '.join(pipe['components'])})")
    print(f"approach        {info['approach']}")
    print(f"min confidence  {info['min_confidence']}")
    print(f"model           {info['model']}")
    if info["encoder_precision"]:
        print(f"encoder         MiniLM in {info['encoder_precision']}")
    if "model_record" in info:
        record = info["model_record"]
        training = record.get("training", {})
        print(f"trained         {record.get('trained', '?')} on {record.get('articles', '?')} articles, "
              f"seed {record.get('seed')}, {training.get('epochs', '?')} epochs ({record['directory']})")
        scores = record.get("dev", {})
        dev = scores.get("model + rules, cut") or scores.get("model + rules")
        if dev:
            print(f"dev             who_said_what F1 {dev['who_said_what']:.3f}, quote F1 {dev['quote']:.3f}")
    return EXIT_OK


# --- train -----------------------------------------------------------------------------


def run_train(args: argparse.Namespace) -> int:
    """``saidwhat train``: train a model into ``--out``; print dev figures if dev/ exists."""
    from ..training.train import load_polnear, parser, train_model
    from ..evaluation.scoring import format_table

    train_gold, dev_gold = load_polnear(args.data, args.limit)
    nlp = parser(args.spacy_pipeline)
    model, results = train_model(nlp, train_gold, dev_gold, kind=args.kind, seed=args.seed, epochs=args.epochs)
    with _atomic_target(args.out, True) as model_dir:
        model.save(model_dir)
    timings = model.meta["timings"]
    logger.info("wrote the model to %s (%d articles, %.0f s of training)", args.out, len(train_gold), timings["train_s"])
    if results:
        print("\n".join(format_table(name, result) for name, result in results.items()))
    return EXIT_OK


"""The command line: ``saidwhat extract``, ``eval``, ``info``, ``train``, ``train-speakers`` and ``spark``.

Everything a command prints as its result goes to stdout (or ``--output``); problems
with single inputs go to stderr, one line each, and make the exit status 1 once every
other input has been processed and written. The commands live in :mod:`.extract`,
:mod:`.commands` and :mod:`.spark`, their help texts in :mod:`.help`.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Optional, Sequence, Tuple

from .. import __version__
from ..errors import SaidwhatError
from ..extract.acts import ACTS
from ..io.formats import FORMATS
from ..io.reading import INPUT_FORMATS
from ..model import DEFAULT_EPOCHS, DEFAULT_MODEL, MODEL_NAMES, RULES
from ..model.encoder import DEFAULT_PRECISION, PRECISIONS
from ..pipeline import DEFAULT_BATCH_SIZE, DEFAULT_SPACY_PACKAGE
from ..spark.sources import INPUT_FORMATS as SPARK_INPUT_FORMATS
from .commands import run_eval, run_info, run_train, run_train_speakers
from .common import EXIT_BROKEN_PIPE, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated, ending_on_sigterm
from .extract import run_extract
from .serve import add_serve_command
from .store import add_store_commands
from .help import EVAL_HELP, EXTRACT_HELP, INFO_HELP, MAIN_HELP, SPARK_HELP, TRAIN_HELP, TRAIN_SPEAKERS_HELP
from .spark import run_spark

_RAW = argparse.RawDescriptionHelpFormatter


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
        with ending_on_sigterm():
            return args.run(args)
    except Terminated:
        print("saidwhat: terminated", file=sys.stderr)
        return EXIT_TERMINATED
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
    parser = argparse.ArgumentParser(prog="saidwhat", description=MAIN_HELP, formatter_class=_RAW)
    parser.add_argument("--version", action="version", version=f"saidwhat {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    base, common = _parent_parsers()
    _add_extract(sub, common)
    _add_eval(sub, common)
    _add_info(sub, common)
    _add_train(sub, base)
    _add_train_speakers(sub, base)
    add_store_commands(sub, common, _positive)
    add_serve_command(sub, common, _positive)
    _add_spark(sub, common)
    return parser


def _parent_parsers() -> Tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """Return the options of every command (``base``) and those of the commands that
    run a pipeline (``common``, which has ``base``'s too)."""
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
    return base, common


def _add_extract(sub, common: argparse.ArgumentParser) -> None:
    """Add ``saidwhat extract`` to the subcommands ``sub``."""
    ex = sub.add_parser("extract", parents=[common], help="find attributions in articles",
                        description=EXTRACT_HELP, formatter_class=_RAW)
    ex.add_argument("paths", nargs="*", default=["-"], metavar="PATH", help="files, directories or - (default: -)")
    ex.add_argument("-f", "--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    ex.add_argument("-o", "--output", metavar="PATH",
                    help="write here instead of stdout (a directory for --format brat); "
                         "written in full or not at all")
    ex.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                    help="read every PATH as this format instead of guessing from its suffix")
    ex.add_argument("--no-text", action="store_true", help="leave the article text out of json/jsonl records")
    ex.add_argument("--workers", type=_positive, default=None, metavar="N",
                    help="processes extracting at once, each loading the pipeline once; output keeps "
                         "the input order (default: the usable cores, or $SAIDWHAT_WORKERS)")
    ex.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, metavar="N",
                    help=f"articles parsed together (default: {DEFAULT_BATCH_SIZE})")
    ex.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                    help="progress bar on stderr: articles done of the total (inputs are counted first), "
                         "articles/s, words/s and the time left (auto: when stderr is a terminal)")
    ex.add_argument("--acts", type=_acts, default=None, metavar="ACT,...",
                    help=f"keep only these kinds of saying, of {', '.join(ACTS)} "
                         "(speech,writing counts quotes; default: all)")
    ex.set_defaults(run=run_extract)


def _acts(value: str) -> list:
    """Parse ``--acts``: a comma-separated list of :data:`~saidwhat.extract.acts.ACTS`."""
    acts = [a.strip() for a in value.split(",") if a.strip()]
    unknown = [a for a in acts if a not in ACTS]
    if not acts or unknown:
        raise argparse.ArgumentTypeError(f"{value!r}: give one or more of {', '.join(ACTS)}, separated by commas")
    return acts


def _add_eval(sub, common: argparse.ArgumentParser) -> None:
    """Add ``saidwhat eval`` to the subcommands ``sub``."""
    ev = sub.add_parser("eval", parents=[common], help="score against a PolNeAR-style directory",
                        description=EVAL_HELP, formatter_class=_RAW)
    ev.add_argument("gold", metavar="GOLD_DIR", help="directory with text/ and attributions/")
    ev.add_argument("--predictions", metavar="FILE", help="JSONL predictions to score instead of running the pipeline")
    ev.add_argument("--save-predictions", metavar="FILE", help="also write the pipeline's predictions as JSONL")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.set_defaults(run=run_eval)


def _add_info(sub, common: argparse.ArgumentParser) -> None:
    """Add ``saidwhat info`` to the subcommands ``sub``."""
    info = sub.add_parser("info", parents=[common], help="show versions and the approach in use",
                          description=INFO_HELP, formatter_class=_RAW)
    info.add_argument("--json", action="store_true", help="print as JSON")
    info.set_defaults(run=run_info)


def _add_train(sub, base: argparse.ArgumentParser) -> None:
    """Add ``saidwhat train`` to the subcommands ``sub``."""
    tr = sub.add_parser("train", parents=[base], help="train a model on PolNeAR",
                        description=TRAIN_HELP, formatter_class=_RAW)
    tr.add_argument("--data", required=True, metavar="DIR", help="PolNeAR directory with train/ (and dev/)")
    tr.add_argument("--out", required=True, metavar="DIR", help="model directory to write (written in full or not at all)")
    tr.add_argument("--kind", choices=MODEL_NAMES, default=DEFAULT_MODEL,
                    help=f"accurate: with the MiniLM encoder; fast: without (default: {DEFAULT_MODEL})")
    tr.add_argument("--seed", type=int, default=0, metavar="N",
                    help="seed of the initial weights and the order of the articles (default: 0)")
    tr.add_argument("--epochs", type=_positive, default=DEFAULT_EPOCHS, metavar="N",
                    help=f"passes over the training articles (default: {DEFAULT_EPOCHS})")
    tr.add_argument("--limit", type=_positive, metavar="N", help="train on the first N train articles only")
    tr.add_argument("--threads", type=_positive, metavar="N",
                    help="threads torch trains with (default: every core); with 1 the same run gives the "
                         "same weights bit for bit however busy the machine is")
    tr.set_defaults(run=run_train, log_level=logging.INFO)


def _add_train_speakers(sub, base: argparse.ArgumentParser) -> None:
    """Add ``saidwhat train-speakers`` to the subcommands ``sub``."""
    ts = sub.add_parser("train-speakers", parents=[base], help="train the speaker ranking on hand-resolved sources",
                        description=TRAIN_SPEAKERS_HELP, formatter_class=_RAW)
    ts.add_argument("--data", required=True, metavar="DIR", help="PolNeAR compartment with text/ and attributions/")
    ts.add_argument("--annotations", required=True, metavar="FILE",
                    help="hand-resolved sources of its articles (JSON lines, tests/data/speakers/)")
    ts.add_argument("--out", required=True, metavar="FILE", help="weights file to write (in full or not at all)")
    ts.add_argument("--folds", type=int, default=0, metavar="N",
                    help="also cross-validate the rules and the ranking over N folds of the articles (default: 0, none)")
    ts.add_argument("--limit", type=_positive, metavar="N", help="train on the first N annotated articles only")
    ts.set_defaults(run=run_train_speakers, log_level=logging.INFO)


def _add_spark(sub, common: argparse.ArgumentParser) -> None:
    """Add ``saidwhat spark`` to the subcommands ``sub``."""
    sp = sub.add_parser("spark", parents=[common], help="find attributions over Apache Spark, Parquet tables out",
                        description=SPARK_HELP, formatter_class=_RAW)
    sp.add_argument("input", metavar="INPUT", help="a file or folder of articles (any path Spark reads)")
    sp.add_argument("output", metavar="OUTPUT", help="folder for the tables articles/, attributions/, speakers/, errors/")
    sp.add_argument("--input-format", choices=SPARK_INPUT_FORMATS, default="text",
                    help="text: a file is an article; jsonl: a record a line; parquet: id and text columns "
                         "(default: text)")
    sp.add_argument("--partitions", type=_positive, default=None, metavar="N",
                    help="partitions the articles are spread over (default: two per core)")
    sp.add_argument("--master", metavar="URL",
                    help="Spark master, e.g. local[2] (default: spark-submit's, else local[*])")
    sp.add_argument("--overwrite", action="store_true", help="replace the tables of a non-empty OUTPUT")
    sp.set_defaults(run=run_spark)


def _positive(value: str) -> int:
    """Parse an option's value as a whole number of at least 1."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return number


def _probability(value: str) -> float:
    """Parse an option's value as a number from 0 to 1."""
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return number

"""The help texts of the ``saidwhat`` command and its subcommands (shown by ``--help``)."""

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
  saidwhat spark news/ tables/                      over Apache Spark, Parquet tables out
  saidwhat ingest news/                             store a collection (saidwhat.db, or --db URL)
  saidwhat search "trade deal" --speaker Trump      search the stored quotes
  saidwhat speakers --top 10                        who is quoted most
  saidwhat quote 12                                 where a quote came from, and who changed it
  saidwhat serve                                    pages and a JSON API on http://127.0.0.1:8000/
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
--output is written in full or not at all: Ctrl-C (exit 130) or SIGTERM (143) leave
no partial file, a write-protected file is refused, and a symlink is written through.

Each attribution has its content, cue and source as written, and the speaker the
source refers to ("he" after Kim Jong Un is Kim Jong Un; name null when the article
never names the speaker), its parent when it is a report inside another, "continued"
for a quote paragraph carrying on the previous speaker, and to / where / how ("told
reporters", "at a press conference", "through an interpreter"), and its act: the
kind of saying (speech, writing, thought, intention, or document: a poll or study
shows). --acts keeps only some kinds. Each article lists its speakers once, with
their mentions and attribution counts.

examples:
  saidwhat extract --format text examples/harbor-talks.txt
  saidwhat extract news/ --acts speech,writing -f csv -o quotes.csv   (quotes only)
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

TRAIN_SPEAKERS_HELP = """\
Train the learned ranking that decides whom a pronoun or a description ("he",
"they", "the newspaper", "the senator") refers to, and write its weights to --out.
The shipped weights (saidwhat/speakers/weights/ranker.json) were made this way, from
the hand-resolved sources of 105 PolNeAR train articles; the same data give the
same weights every time (docs/speakers.md).

--data is a PolNeAR compartment (text/ and attributions/), --annotations the
hand-resolved sources of some of its articles (tests/data/speakers/*.jsonl). Every
gold source that is a pronoun or a description, and every named one put as the
pronoun that could stand in its place, is a training query. --folds N also prints
the speaker figures of the rules and of the ranking on each fold's left-out articles.

examples:
  saidwhat train-speakers --data ../shared/data/polnear/train \\
      --annotations tests/data/speakers/train-speakers.jsonl --out ranker.json --folds 5
"""

SPARK_HELP = """\
Find attributions with Apache Spark and write them as Parquet tables, in local mode
on this machine or on a cluster through spark-submit (docs/spark.md). Each Python
worker loads the pipeline once and runs it over partition after partition.

INPUT is a file or a folder (walked; names starting with . or _ are skipped) of UTF-8
articles: with --input-format text each file is an article, its id the file name
without the extension; jsonl: one {"id": ..., "text": ...} record a line; parquet:
tables with an id and a text column. OUTPUT is a new or empty folder (--overwrite
replaces the tables of a used one) that gets four tables:

  articles/      id, title, text, meta (JSON), error
  attributions/  article_id and each attribution's fields as extract writes them,
                 one row per attribution, reports inside reports with their parent
  speakers/      article_id and each speaker's fields
  errors/        id, source, line, reason: what could not be read, not lost

The tables hold what saidwhat extract gives for the same articles.
A bad record goes to errors/ and the job goes on; the exit status is then 1. The
master is spark-submit's when it runs the command, else --master (default: local[*],
every core).

examples:
  saidwhat spark examples/ /tmp/tables --model fast
  saidwhat spark dump.jsonl tables/ --input-format jsonl --master local[2] --partitions 8
  spark-submit --master yarn --archives env.tar.gz#env \\
      --conf spark.pyspark.python=./env/bin/python saidwhat_spark.py hdfs:///news hdfs:///tables
      (saidwhat_spark.py runs saidwhat spark with its arguments: docs/spark.md)
"""

"""The help texts of the store's commands: ``ingest``, ``search``, ``speakers``, ``quote``
and ``export``."""

DB_HELP = "the store: a SQLite file path or a database URL (default: $SAIDWHAT_DB, else saidwhat.db here)"

INGEST_HELP = """\
Find the attributions of articles and store them, with their speakers and quotes, in a
database that search, speakers, quote and export then read.

PATH is read as extract reads it (.txt, .html with its title, author, date and URL,
.jsonl records whose extra fields "outlet", "date", "url", "author" are kept, folders).
The store is a SQLite file (saidwhat.db in the working directory, or $SAIDWHAT_DB) or,
with --db postgresql://user@host/db, a PostgreSQL database.

An article is stored once, by its id and its text: ingesting the same files again
stores nothing twice (the articles already stored skip the pipeline), and an article
whose text changed replaces its old version. Each article is written whole or not at
all, so an ingest stopped at any point, even killed, can be run again and ends with
every article once. An input that cannot be read is reported on stderr and skipped;
the exit status is then 1. The same speaker in many articles is one speaker
("Donald J. Trump" is "Donald Trump"), and the same quote carried by many outlets one
quote.

examples:
  saidwhat ingest news/                                  into ./saidwhat.db
  saidwhat ingest dump.jsonl --db archive.db --workers 2
  saidwhat ingest news/ --db postgresql://me@localhost/news --model fast
"""

SEARCH_HELP = """\
Search the stored attributions: by the words of their content (ranked, best first),
their speaker, the article's outlet and date, and their kind. Without words, the
newest come first. Each hit gives its speaker, cue, kind, the article's title, outlet
and date, the quote id (for saidwhat quote) and the quote in its sentence.

Words must all appear (stemmed: "talk" finds "talks"); "a phrase" in double quotes
must appear as written, and OR between words takes either. --speaker takes a name as
any article gives it ("Donald J. Trump", a surname alone for everyone of that
surname) or a speaker id from saidwhat speakers.

examples:
  saidwhat search "wage deal"
  saidwhat search talks --speaker Hale --since 2024-03-01 --kind direct
  saidwhat search --outlet "Marlow Courier" --format csv > courier.csv
"""

SPEAKERS_HELP = """\
Who is quoted most: the stored speakers with their attributions counted by kind
(direct, mixed, indirect), the articles they are quoted in and the first and last
dates. --since and --until count only the articles of those dates.

  saidwhat speakers show NAME        one speaker: the names and titles articles give it, its articles
  saidwhat speakers merge A B        A is B: A's quotes become B's, now and at every later ingest
  saidwhat speakers split A NAME     the articles that call A "NAME" mean someone else

examples:
  saidwhat speakers --top 10
  saidwhat speakers --since 2024-03 --format csv
  saidwhat speakers merge "Obama" "Barack Obama"
  saidwhat speakers split "Barack Obama" "Michelle Obama"
"""

QUOTE_HELP = """\
One quote and where it came from: every occurrence of it (the same words of the same
speaker, in whichever article and outlet), in date order, its first appearance, and
each occurrence that alters the words (words added, dropped or changed) with the
difference. An ellipsis, an editor's bracket, other punctuation or a shorter excerpt
does not count as altering. ID is the quote id search gives.

examples:
  saidwhat quote 7
  saidwhat quote 7 --format json
"""

EXPORT_HELP = """\
Write stored articles in the extract schema: jsonl (each article's record exactly as
saidwhat extract wrote it), csv (extract's row per attribution) or parquet (a row per
attribution with its article's title, outlet and date, its speaker and quote ids;
needs --output). With search filters, the articles that hold an attribution they
pick; without, the whole store, in the order it was stored.

examples:
  saidwhat export > all.jsonl
  saidwhat export --speaker "Grace Okafor" --format csv -o okafor.csv
  saidwhat export "wage deal" --since 2024-03-01 --format parquet -o hits.parquet
"""

"""The store's tables (SQLAlchemy Core), as the migrations leave them at head.

``articles`` keeps each article's record as ``extract`` wrote it (``record``, without
the text, which has its own column), so the store gives back exactly what it was
given; the other tables are that record normalised, for queries: its ``attributions``
(nested reports pointing at their ``parent``), its speakers (``article_speakers``, with
their names, titles and mentions as the article gives them), each tied to one
``speakers`` row across the collection, and each attribution to one ``quote_groups``
row: the same words of the same speaker wherever they were carried. ``quote_bands``
indexes a quote's MinHash bands by hash, to find a new quote's group without comparing
it to every quote. ``speaker_corrections`` keeps the merges and splits made by hand.

Full-text search is outside these tables: an FTS5 table ``attributions_fts`` on SQLite,
a ``tsvector`` column ``attributions.search`` with a GIN index on PostgreSQL.
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData,
                        SmallInteger, String, Table, Text)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Text, nullable=False, unique=True),
    Column("text_hash", String(64), nullable=False),
    Column("title", Text),
    Column("outlet", Text, index=True),
    Column("author", Text),
    Column("published", Date, index=True),
    Column("url", Text),
    Column("text", Text),
    Column("record", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
)

speakers = Table(
    "speakers", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
)

article_speakers = Table(
    "article_speakers", metadata,
    Column("article_pk", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("local_id", Integer, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), index=True),
    Column("name", Text),
    Column("type", String(20), nullable=False),
    Column("title", Text),
    Column("mentions", Text, nullable=False),
    Column("attributions", Integer, nullable=False),
)

quote_groups = Table(
    "quote_groups", metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), index=True),
    Column("words", Text, nullable=False),
)

attributions = Table(
    "attributions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_pk", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("local_id", Integer, nullable=False),
    Column("parent_id", Integer, ForeignKey("attributions.id", ondelete="CASCADE")),
    Column("kind", String(10), nullable=False),
    Column("act", String(12)),
    Column("content", Text, nullable=False),
    Column("cue", Text),
    Column("source", Text),
    Column("spans", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("continued", Boolean, nullable=False),
    Column("article_speaker", Integer),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), index=True),
    Column("quote_id", Integer, ForeignKey("quote_groups.id"), index=True),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
)

quote_bands = Table(
    "quote_bands", metadata,
    Column("hash", BigInteger, primary_key=True),
    Column("band", SmallInteger, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), primary_key=True),
    Column("quote_id", Integer, ForeignKey("quote_groups.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_quote_bands_quote_id", "quote_id"),
)

speaker_corrections = Table(
    "speaker_corrections", metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(10), nullable=False),
    Column("key", Text, nullable=False),
    Column("other", Text, nullable=False),
    Column("made_at", DateTime, nullable=False),
)

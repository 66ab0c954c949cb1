"""The store's tables: articles, speakers, attributions, quote groups and their bands,
speaker corrections. Frozen: later changes come as new revisions.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def upgrade() -> None:
    """Create the tables of version 1."""
    op.create_table(
        "articles", _id(), sa.Column("article_id", sa.Text, nullable=False, unique=True),
        sa.Column("text_hash", sa.String(64), nullable=False), sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text, index=True), sa.Column("author", sa.Text),
        sa.Column("published", sa.Date, index=True), sa.Column("url", sa.Text),
        sa.Column("text", sa.Text), sa.Column("record", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False))
    op.create_table(
        "speakers", _id(), sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False), sa.Column("type", sa.String(20), nullable=False))
    op.create_table(
        "article_speakers",
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("local_id", sa.Integer, primary_key=True),
        sa.Column("speaker_id", sa.Integer, sa.ForeignKey("speakers.id"), index=True),
        sa.Column("name", sa.Text), sa.Column("type", sa.String(20), nullable=False), sa.Column("title", sa.Text),
        sa.Column("mentions", sa.Text, nullable=False), sa.Column("attributions", sa.Integer, nullable=False))
    op.create_table(
        "quote_groups", _id(), sa.Column("speaker_id", sa.Integer, sa.ForeignKey("speakers.id"), index=True),
        sa.Column("words", sa.Text, nullable=False))
    _attributions()
    op.create_table(
        "quote_bands",
        sa.Column("hash", sa.BigInteger, primary_key=True), sa.Column("band", sa.SmallInteger, primary_key=True),
        sa.Column("speaker_id", sa.Integer, sa.ForeignKey("speakers.id"), primary_key=True),
        sa.Column("quote_id", sa.Integer, sa.ForeignKey("quote_groups.id", ondelete="CASCADE"), primary_key=True))
    op.create_index("ix_quote_bands_quote_id", "quote_bands", ["quote_id"])
    op.create_table(
        "speaker_corrections", _id(), sa.Column("action", sa.String(10), nullable=False),
        sa.Column("key", sa.Text, nullable=False), sa.Column("other", sa.Text, nullable=False),
        sa.Column("made_at", sa.DateTime, nullable=False))


def _attributions() -> None:
    """Create ``attributions``: one row per attribution, nested reports included."""
    op.create_table(
        "attributions", _id(),
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("local_id", sa.Integer, nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("attributions.id", ondelete="CASCADE")),
        sa.Column("kind", sa.String(10), nullable=False), sa.Column("act", sa.String(12)),
        sa.Column("content", sa.Text, nullable=False), sa.Column("cue", sa.Text), sa.Column("source", sa.Text),
        sa.Column("spans", sa.Text, nullable=False), sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("continued", sa.Boolean, nullable=False), sa.Column("article_speaker", sa.Integer),
        sa.Column("speaker_id", sa.Integer, sa.ForeignKey("speakers.id"), index=True),
        sa.Column("quote_id", sa.Integer, sa.ForeignKey("quote_groups.id"), index=True),
        sa.Column("sentence_start", sa.Integer, nullable=False), sa.Column("sentence_end", sa.Integer, nullable=False))

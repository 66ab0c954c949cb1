"""Full-text search over quote contents: an FTS5 table kept by triggers on SQLite, a
stored ``tsvector`` column with a GIN index on PostgreSQL. Contents already stored are
indexed as the revision runs.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE = (
    "CREATE VIRTUAL TABLE attributions_fts USING fts5(content, content='attributions', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN "
    "INSERT INTO attributions_fts(rowid, content) VALUES (new.id, new.content); END",
    "CREATE TRIGGER attributions_fts_delete AFTER DELETE ON attributions BEGIN "
    "INSERT INTO attributions_fts(attributions_fts, rowid, content) VALUES ('delete', old.id, old.content); END",
    "CREATE TRIGGER attributions_fts_update AFTER UPDATE OF content ON attributions BEGIN "
    "INSERT INTO attributions_fts(attributions_fts, rowid, content) VALUES ('delete', old.id, old.content); "
    "INSERT INTO attributions_fts(rowid, content) VALUES (new.id, new.content); END",
    "INSERT INTO attributions_fts(attributions_fts) VALUES ('rebuild')",
)

POSTGRESQL = (
    "ALTER TABLE attributions ADD COLUMN search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', content)) STORED",
    "CREATE INDEX ix_attributions_search ON attributions USING gin (search)",
)


def upgrade() -> None:
    """Add the full-text index of the database's kind."""
    for statement in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRESQL:
        op.execute(statement)

"""Alembic migrations of the store's schema, run by :func:`saidwhat.store.database.upgrade`."""

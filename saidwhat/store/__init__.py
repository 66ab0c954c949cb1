"""The store: a database of articles, attributions and speakers across a collection."""

"""The project folder: SQLite (the source of truth) and the derived index."""

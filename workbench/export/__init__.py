"""Briefing tables out of the project: Excel (.xlsx), CSV and REFI-QDA (.qdpx).
Writers take plain rows, never widgets, and write atomically."""

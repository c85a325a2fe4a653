"""Queries the window builds for the analyst: "all mentions of this entity",
"passages with this tag", "this entity type". One place quotes them, so a
name with spaces or brackets (AI 안전연구소, 정책 / 규제, 메타(Meta)) always
becomes the filter it names."""

from __future__ import annotations

_SPECIAL = set('()"*:')  # grouping, phrases, prefixes and fields
_OPERATORS = {"AND", "OR", "NOT"}


def filter_query(field: str, value: str) -> str:
    """``field:value``, quoted when the value would otherwise be read as more than one term.

    The query language has no escape for a double quote inside a phrase, so one
    is replaced by a space (the name then matches as the words around it).
    """
    value = " ".join(value.replace('"', " ").split())
    plain = value and not any(c.isspace() or c in _SPECIAL for c in value) and not value.startswith("-") \
        and value not in _OPERATORS
    return f"{field}:{value}" if plain else f'{field}:"{value}"'


def entity_query(name: str) -> str:
    return filter_query("entity", name)


def tag_query(path: str) -> str:
    return filter_query("tag", path)


def type_query(kind: str) -> str:
    return filter_query("type", kind)

"""A REFI-QDA codebook merged into the project's tag tree, by full path.

A code is its place in the tree, as a tag is: ``정책 / 규제`` in the file is
``정책 / 규제`` here, reused if the project has it (its colour and
description kept, filled in only where the project has none), created
otherwise — and a top-level ``규제`` stays top-level, never merged into a
nested tag of the same name (Taguette's flat codebook did that once).

Names are made to fit before anything is written: ``/`` (our path
separator) becomes the full-width ``／``; control characters, which no tag
name may hold, are removed; an empty name becomes ``(unnamed)``; two
sibling codes with one name become ``name`` and ``name (2)``. Each change is
reported as *renamed*.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from workbench.export.qdpx_read import RefiCode
from workbench.services.annotations import resolve_tags
from workbench.services.import_report import CREATED, RENAMED, REUSED, ImportReport
from workbench.store.annotations import PATH_SEPARATOR, TagRepository


@dataclass(slots=True)
class PlannedCode:
    guid: str
    path: tuple[str, ...]  # as it will be in the project
    color: str | None
    description: str
    renamed_from: str | None = None  # the file's own path, when it had to change


_RGB_RE = re.compile(r"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")


def _color(value: str | None) -> str | None:
    """The file's colour if it is one the schema allows (#RRGGBB or #RGB)."""
    value = (value or "").strip()
    return value if _RGB_RE.fullmatch(value) else None


def _fit(name: str) -> str:
    name = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in name)
    name = " ".join(name.replace("/", "／").split())
    return name or "(unnamed)"


def plan_codes(codes: list[RefiCode]) -> dict[str, PlannedCode]:
    """Each code's path in the project, by GUID (pure: nothing is written)."""
    planned: dict[str, PlannedCode] = {}
    by_file_path: dict[tuple[str, ...], tuple[str, ...]] = {}  # the file's path → ours
    taken: set[tuple[str, ...]] = set()
    for code in codes:  # parents come before their children (document order)
        parent = by_file_path.get(code.path[:-1], tuple(_fit(p) for p in code.path[:-1]))
        name = _fit(code.path[-1])
        path, n = (*parent, name), 2
        while path in taken:
            path, n = (*parent, f"{name} ({n})"), n + 1
        taken.add(path)
        by_file_path.setdefault(code.path, path)
        original = PATH_SEPARATOR.join(code.path)
        planned[code.guid or f"#{len(planned)}"] = PlannedCode(
            code.guid, path, _color(code.color), code.description,
            original if path != code.path else None)
    return planned


def write_codes(conn, planned: dict[str, PlannedCode], report: ImportReport) -> tuple[dict[str, int], bool]:
    """Inside the caller's transaction: reuse or create each code's tag.
    Returns the tag id by GUID and whether the codebook changed."""
    repo = TagRepository(conn)
    existing = {t.path: t for t in repo.list()}
    ids: dict[str, int] = {}
    changed = False
    for guid, code in sorted(planned.items(), key=lambda item: len(item[1].path)):
        full = PATH_SEPARATOR.join(code.path)
        tag = existing.get(full)
        if tag is not None:
            fields = ({"color": code.color} if code.color and not tag.color else {}) | (
                {"description": code.description} if code.description and not tag.description else {})
            if fields:
                repo.update(tag.id, **fields)
                changed = True
            ids[guid] = tag.id
            status, en, ko = REUSED, "the project's tag with this path", "같은 경로의 기존 태그를 씀"
        else:
            [(tag_id, _)], _created = resolve_tags(conn, [full], exact=True)
            fields = ({"color": code.color} if code.color else {}) | (
                {"description": code.description} if code.description else {})
            if fields:
                repo.update(tag_id, **fields)
            existing = {t.path: t for t in repo.list()}
            ids[guid], changed = tag_id, True
            status, en, ko = CREATED, "new tag", "새 태그"
        if code.renamed_from is not None:
            en = f"{code.renamed_from!r} became {full!r} (a tag name cannot hold '/' or control characters, " \
                 f"and siblings need different names); {en}"
            ko = f"{code.renamed_from!r}을(를) {full!r}(으)로 바꿈(태그 이름에는 '/'와 제어 문자를 쓸 수 없고 " \
                 f"형제 태그끼리 이름이 달라야 함); {ko}"
            report.add("code", full, RENAMED, en, ko, tag_id=ids[guid])
        else:
            report.add("code", full, status, en, ko, tag_id=ids[guid])
    return ids, changed

"""The codebook: hierarchical tags, referred to by id; the full path
("정책 / 규제") is how the analyst names one. Every change returns an
:class:`Outcome` with ``Changes(codebook=True)``; a snapshot of the codebook
and the passages' tags lets the window undo any change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.annotations.codebook_io import CodeRow, from_csv, from_qdc, to_csv, to_qdc
from workbench.core.changes import Changes, Outcome
from workbench.core.errors import ReadError, WorkbenchError
from workbench.corpus.decode import decode_text
from workbench.export.atomic import write_atomically
from workbench.export.code_names import Renamed, unique_names
from workbench.services.annotations import check_tag_name, resolve_tags
from workbench.services.refi import tag_guids
from workbench.store.annotations import PATH_SEPARATOR, TagRepository, TagRow
from workbench.store.project import Project

CODEBOOK = Changes(codebook=True)


def codebook(project: Project) -> list[TagRow]:
    conn = project.connect()
    try:
        return sorted(TagRepository(conn).list(), key=lambda t: t.path)
    finally:
        conn.close()


def tag_colors(project: Project) -> dict[int, str]:
    """Each tag's colour by id (names are not unique across the tree)."""
    return {t.id: t.color for t in codebook(project)}


def _tag(conn, ref: str) -> TagRow:
    tag = TagRepository(conn).find(ref)
    if tag is None:
        raise WorkbenchError(f"No tag {ref!r} in the codebook", f"코드북에 {ref!r} 태그가 없습니다")
    return tag


def _sibling_clash(name: str) -> WorkbenchError:
    return WorkbenchError(f"There is already a tag {name!r} in that place of the codebook",
                          f"코드북의 같은 자리에 이미 {name!r} 태그가 있습니다")


def _check_children_can_move_up(repo: TagRepository, tag: TagRow) -> None:
    """A deleted or merged tag's children move up a level: refuse if two siblings would share a name."""
    for child in (t for t in repo.list() if t.parent_id == tag.id):
        if repo.sibling(child.name, tag.parent_id, other_than=tag.id) is not None:
            raise _sibling_clash(child.name)


def create_tag(project: Project, path: str, color: str | None = None, description: str = "") -> Outcome[TagRow]:
    with project.writing() as conn:
        [(tag_id, _)], _ = resolve_tags(conn, [path], exact=True)
        fields = {"description": description} | ({"color": color} if color else {})
        TagRepository(conn).update(tag_id, **fields)
        return Outcome(next(t for t in TagRepository(conn).list() if t.id == tag_id), CODEBOOK)


def rename_tag(project: Project, ref: str, new_name: str) -> Outcome[None]:
    new_name = new_name.strip()
    if not new_name or "/" in new_name:
        raise WorkbenchError("A tag's name cannot be empty or hold “/” (use Move to change its place)",
                             "태그 이름은 비어 있거나 “/”를 포함할 수 없습니다(자리를 바꾸려면 옮기기를 쓰세요)")
    check_tag_name(new_name)
    with project.writing() as conn:
        tag = _tag(conn, ref)
        if TagRepository(conn).sibling(new_name, tag.parent_id, other_than=tag.id) is not None:
            raise _sibling_clash(new_name)
        TagRepository(conn).update(tag.id, name=new_name)
    return Outcome(None, CODEBOOK)


def recolor_tag(project: Project, ref: str, color: str) -> Outcome[None]:
    with project.writing() as conn:
        TagRepository(conn).update(_tag(conn, ref).id, color=color)
    return Outcome(None, CODEBOOK)


def move_tag(project: Project, ref: str, new_parent: str | None) -> Outcome[None]:
    with project.writing() as conn:
        repo = TagRepository(conn)
        tag = _tag(conn, ref)
        parent_id = _tag(conn, new_parent).id if new_parent else None
        if parent_id is not None and parent_id in repo.subtree(tag.id):
            raise WorkbenchError("A tag cannot be moved under itself", "태그를 자기 아래로 옮길 수 없습니다")
        if repo.sibling(tag.name, parent_id, other_than=tag.id) is not None:
            raise _sibling_clash(tag.name)
        repo.update(tag.id, parent_id=parent_id)
    return Outcome(None, CODEBOOK)


def merge_tags(project: Project, source: str, target: str) -> Outcome[int]:
    with project.writing() as conn:
        source_id, target_id = _tag(conn, source).id, _tag(conn, target).id
        if source_id == target_id:
            raise WorkbenchError("A tag cannot be merged into itself", "태그를 자기 자신에 합칠 수 없습니다")
        _check_children_can_move_up(TagRepository(conn), _tag(conn, source))
        return Outcome(TagRepository(conn).merge(source_id, target_id), CODEBOOK)


def delete_tag(project: Project, ref: str) -> Outcome[int]:
    """Delete a tag; its passages keep the tag's name as a record. Returns how many."""
    with project.writing() as conn:
        repo = TagRepository(conn)
        tag = _tag(conn, ref)
        used = repo.usage(tag.id)
        _check_children_can_move_up(repo, tag)
        repo.delete(tag.id)
        return Outcome(used, CODEBOOK)


def export_codebook(project: Project, path: Path, unique_code_names: bool = False) -> int:
    """The codebook as .qdc (each code with the GUID the .qdpx gives it) or as
    CSV that Taguette and spreadsheets read (annotations.codebook_io).
    Returns how many codes were written; :func:`write_codebook` says which were renamed."""
    return write_codebook(project, path, unique_code_names)[0]


def write_codebook(project: Project, path: Path, unique_code_names: bool = False) -> tuple[int, list[Renamed]]:
    """:func:`export_codebook`, with the codes whose names were changed.
    ``unique_code_names`` (.qdc only): every code gets a name no other code
    has (``정책 / 규제`` is written ``규제 (정책)``, export.code_names), for
    QualCoder, which keeps one code per name."""
    path = Path(path)
    if path.suffix.lower() not in (".qdc", ".csv"):
        raise WorkbenchError(f"A codebook is exported as .qdc or .csv, not {path.suffix or 'a name without extension'}",
                             "코드북은 .qdc나 .csv로만 내보낼 수 있습니다")
    if unique_code_names and path.suffix.lower() != ".qdc":
        raise WorkbenchError("Unique code names are for a REFI-QDA codebook (.qdc): a CSV codebook names each tag "
                             "by its full path already",
                             "코드 이름을 겹치지 않게 바꾸는 것은 REFI-QDA 코드북(.qdc)에만 해당합니다. CSV 코드북에는 "
                             "태그마다 전체 경로가 이미 적힙니다")
    conn = project.connect()
    try:
        guids = tag_guids(conn)
        tags = sorted(TagRepository(conn).list(), key=lambda t: t.path)
    finally:
        conn.close()
    rows = [CodeRow(tuple(t.path.split(PATH_SEPARATOR)), t.color, t.description, guids[t.id]) for t in tags]
    if path.suffix.lower() == ".qdc":
        if not rows:  # REFI-QDA wants at least one code: an empty .qdc is refused by other tools
            raise WorkbenchError("The codebook is empty: there is nothing to write to a .qdc",
                                 "코드북이 비어 있어 .qdc에 쓸 것이 없습니다")
        unique = unique_names([row.path for row in rows]) if unique_code_names else None
        data = to_qdc(rows, dict(zip((row.path for row in rows), unique.names)) if unique else None)
        write_atomically(path, lambda temp: temp.write_bytes(data))
        return len(rows), unique.renamed if unique else []
    text = to_csv(rows)
    write_atomically(path, lambda temp: temp.write_text(text, encoding="utf-8"))
    return len(rows), []


def _read_codebook(path: Path) -> list[CodeRow]:
    try:
        if path.suffix.lower() == ".qdc":
            return from_qdc(path.read_bytes())
        text, _ = decode_text(path.read_bytes(), path.name)  # UTF-8, UTF-16 or a CP949 spreadsheet alike
        return from_csv(text)
    except ReadError as exc:
        raise WorkbenchError(exc.message, exc.message_ko) from exc
    except (OSError, ValueError, Exception) as exc:  # lxml and csv raise their own kinds
        raise WorkbenchError(f"{path.name}: not a readable codebook ({exc})",
                             f"{path.name}: 코드북을 읽을 수 없습니다 ({exc})") from exc


def import_codebook(project: Project, path: Path) -> Outcome[int]:
    """Add a codebook's tags by their exact paths: a top-level 규제 stays
    top-level, never merged into 정책 / 규제. A colour or description the file
    does not give (Taguette gives no colours) leaves the project's as it is;
    a new tag without one gets the next palette colour."""
    rows = _read_codebook(Path(path))
    with project.writing() as conn:
        repo = TagRepository(conn)
        for row in rows:
            [(tag_id, _)], _ = resolve_tags(conn, [PATH_SEPARATOR.join(row.path)], exact=True)
            fields = ({"color": row.color} if row.color else {}) | (
                {"description": row.description} if row.description else {})
            if fields:
                repo.update(tag_id, **fields)
    return Outcome(len(rows), CODEBOOK)


def codebook_snapshot(project: Project) -> tuple[list[tuple], list[tuple]]:
    """The codebook and every passage's tags, to undo a codebook change."""
    conn = project.connect()
    try:
        return _snapshot(conn)
    finally:
        conn.close()


def _snapshot(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    tags = [tuple(r) for r in conn.execute("SELECT id, name, parent_id, color, description, created_at FROM tags")]
    links = [tuple(r) for r in conn.execute(
        "SELECT annotation_id, tag_id, tag_name, applied_by, applied_at FROM annotation_tags")]
    return tags, links


def restore_codebook(project: Project, snapshot: tuple[list[tuple], list[tuple]]) -> Outcome[None]:
    tags, links = snapshot
    with project.writing() as conn:
        conn.execute("DELETE FROM annotation_tags")
        conn.execute("DELETE FROM tags")
        # Parents before children: the foreign key and the sibling-name rule are checked row by row.
        conn.executemany("INSERT INTO tags (id, name, parent_id, color, description, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)", sorted(tags, key=lambda t: _depth(t[0], tags)))
        alive = {r[0] for r in conn.execute("SELECT id FROM annotations")}
        conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id, tag_name, applied_by, applied_at) "
                         "VALUES (?, ?, ?, ?, ?)", [link for link in links if link[0] in alive])
    return Outcome(None, Changes(codebook=True, annotations=frozenset(link[0] for link in links)))


def _depth(tag_id: int, tags: list[tuple]) -> int:
    parents = {t[0]: t[2] for t in tags}
    depth, node, seen = 0, parents.get(tag_id), {tag_id}
    while node is not None and node not in seen:
        seen.add(node)
        depth, node = depth + 1, parents.get(node)
    return depth

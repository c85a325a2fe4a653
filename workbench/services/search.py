"""Search use cases: keep the index in step with the database, run queries,
rebuild on demand, manage a project's own aliases."""

from __future__ import annotations

import dataclasses
from collections.abc import Generator

from workbench.core.errors import ProjectLockedError, WorkbenchError
from workbench.core.progress import CancelToken, Progress
from workbench.core.aliases import TYPES, AliasGroup, AliasTable, load_resource_aliases
from workbench.corpus.kiwi import add_user_words
from workbench.search.index import IndexReport, SearchIndex, SearchResult
from workbench.store.aliases import AliasRepository, UserAlias
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project, transaction


def alias_table(project: Project) -> AliasTable:
    """The bundled alias list plus the project's own lines."""
    table = load_resource_aliases()
    conn = project.connect()
    try:
        for row in AliasRepository(conn).list():
            table.add(AliasGroup(row.canonical, row.type, [row.canonical, *row.aliases], "project"))
    finally:
        conn.close()
    return table


def search_index(project: Project) -> SearchIndex:
    table = alias_table(project)
    add_user_words(table.user_words())
    return SearchIndex(project.index_dir, table)


def _stage(job: Generator[Progress, None, IndexReport]) -> Generator[Progress, None, IndexReport]:
    while True:
        try:
            item = next(job)
        except StopIteration as stop:
            return stop.value
        yield dataclasses.replace(item, stage="index")


def update_index(project: Project, doc_ids: list[int] | None = None, cancel: CancelToken | None = None,
                 rebuild: bool = False, lock: bool = True) -> Generator[Progress, None, IndexReport]:
    """Bring the index in step (or rebuild it). The caller may already hold the lock."""
    index = search_index(project)

    def run() -> Generator[Progress, None, IndexReport]:
        conn = project.connect()
        try:
            repo = DocumentRepository(conn)
            if rebuild:
                return (yield from _stage(index.rebuild(repo, cancel)))
            if doc_ids is not None:
                return (yield from _stage(index.update(repo, doc_ids, cancel)))
            return (yield from _stage(index.ensure(repo, cancel)))
        finally:
            conn.close()

    if not lock:
        return (yield from run())
    with project.write_lock():
        return (yield from run())


def search(project: Project, query: str, limit: int | None = 20, docs: bool = False) -> SearchResult:
    """Run a query, first bringing the index in step with the database if needed.

    If another process is writing the project, an existing index is searched
    as it is (with a warning); only a missing index is an error then. An index
    that turns out damaged while searching is rebuilt and the query run again.
    """
    from workbench.search.query import QueryError

    index = search_index(project)
    warnings: list[str] = []
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        if not index.in_step(repo.content_version()):
            warnings += _bring_in_step(project, index)
        try:
            result = index.search(repo, query, limit=limit, docs=docs)
        except (QueryError, WorkbenchError):
            raise
        except Exception as exc:  # Whoosh's many ways of saying a file is damaged
            index.close()
            report = _drain(update_index(project, rebuild=True))
            warnings.append(f"the search index was damaged ({type(exc).__name__}); "
                            f"rebuilt it from the database ({report.indexed} documents)")
            result = index.search(repo, query, limit=limit, docs=docs)
    finally:
        conn.close()
    result.warnings = warnings + result.warnings
    return result


def _bring_in_step(project: Project, index: SearchIndex) -> list[str]:
    try:
        report = _drain(update_index(project))
    except ProjectLockedError:
        if index.problem():
            raise
        return ["another process is changing the project; results may miss its latest changes"]
    if report.reason:
        return [f"{report.reason}; rebuilt it from the database ({report.indexed} documents)"]
    return []


def _drain(job: Generator[Progress, None, IndexReport]) -> IndexReport:
    from workbench.services.jobs import run_job

    return run_job(job)


def list_aliases(project: Project) -> list[UserAlias]:
    conn = project.connect()
    try:
        return AliasRepository(conn).list()
    finally:
        conn.close()


def add_alias(project: Project, canonical: str, aliases: list[str], kind: str = "ORG") -> int:
    kind = kind.upper()
    if kind not in TYPES:
        raise WorkbenchError(f"Unknown type {kind!r}; use one of {', '.join(TYPES)}",
                             f"알 수 없는 유형 {kind!r}입니다. {', '.join(TYPES)} 중 하나를 쓰세요")
    names = [n.strip() for n in aliases if n.strip() and n.strip() != canonical.strip()]
    if not canonical.strip() or not names:
        raise WorkbenchError("An alias needs a name and at least one other name",
                             "별칭에는 이름과 다른 이름이 하나 이상 있어야 합니다")
    with project.write_lock():
        conn = project.connect()
        try:
            with transaction(conn):
                return AliasRepository(conn).add(canonical.strip(), kind, names)
        finally:
            conn.close()


def remove_alias(project: Project, alias_id: int) -> bool:
    with project.write_lock():
        conn = project.connect()
        try:
            with transaction(conn):
                return AliasRepository(conn).remove(alias_id)
        finally:
            conn.close()

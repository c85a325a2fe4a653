"""Search use cases: run queries (read-only), keep the index in step with the
database (an explicit job), rebuild on demand, manage a project's own aliases."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Generator

from workbench.core.changes import Changes, Outcome
from workbench.core.errors import IndexBusyError, IndexNotReadyError, WorkbenchError
from workbench.core.progress import Cancelled, CancelToken, Progress
from workbench.core.aliases import TYPES, AliasGroup, AliasTable, load_resource_aliases, resource_aliases_stamp
from workbench.corpus.kiwi import add_user_words
from workbench.search.index import BeforeIndex, IndexReport, SearchIndex
from workbench.search.searching import SearchResult
from workbench.search.query import QueryError
from workbench.store.aliases import AliasRepository, UserAlias
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project, disk_full, disk_full_error, project_uuid


_tables: dict[str, tuple[tuple, AliasTable]] = {}
_tables_lock = threading.Lock()


def alias_table(project: Project) -> AliasTable:
    """The bundled alias list plus the project's own lines. Kept per project
    while neither changes: every search needs it, and reading the list and
    building the table took a few milliseconds each time."""
    conn = project.connect()
    try:
        rows = AliasRepository(conn).list()
    finally:
        conn.close()
    key = (resource_aliases_stamp(), tuple((r.canonical, r.type, tuple(r.aliases)) for r in rows))
    with _tables_lock:
        cached = _tables.get(str(project.root))
        if cached is not None and cached[0] == key:
            return cached[1]
    table = load_resource_aliases()
    for row in rows:
        table.add(AliasGroup(row.canonical, row.type, [row.canonical, *row.aliases], "project"))
    with _tables_lock:
        _tables[str(project.root)] = (key, table)
    return table


def search_index(project: Project) -> SearchIndex:
    table = alias_table(project)
    add_user_words(table.user_words())
    return SearchIndex(project.index_dir, table, _project_id(project))


def _project_id(project: Project) -> str:
    conn = project.connect()
    try:
        return str(project_uuid(conn))
    finally:
        conn.close()


def _stage(job: Generator[Progress, None, IndexReport]) -> Generator[Progress, None, IndexReport]:
    while True:
        try:
            item = next(job)
        except StopIteration as stop:
            return stop.value
        yield dataclasses.replace(item, stage="index")


def update_index(project: Project, doc_ids: list[int] | None = None, cancel: CancelToken | None = None,
                 rebuild: bool = False, before_index: BeforeIndex | None = None, extract_pending: bool = True,
                 ) -> Generator[Progress, None, IndexReport]:
    """Bring the index in step with the database (or rebuild it): the only way
    the index is written. Holds the index lock, never the project's write lock:
    it only reads the database. ``before_index`` sees each of ``doc_ids`` with
    Kiwi's tokens before it is indexed (ingest extracts entities there).

    Another process building the index is waited for, saying so, with the
    cancel button looked at every half second; then this job finds the index
    it built and only brings it in step.

    Documents an interrupted ingest stored but never extracted get their
    entities here, from the same Kiwi pass (``extract_pending``: False for an
    ingest told not to extract)."""
    while True:
        try:
            with project.index_lock(wait=0.5):
                return (yield from _update_index(project, doc_ids, cancel, rebuild, before_index, extract_pending))
        except OSError as exc:
            if disk_full(exc):  # a rebuild leaves the old index in place; a sync's writer is cancelled
                raise disk_full_error(project.index_dir, "the search index", "검색 색인") from exc
            raise
        except IndexBusyError as busy:
            if cancel is not None and cancel.cancelled:
                raise Cancelled() from None
            yield Progress(0, 0, busy.message, stage="index-wait")  # the window says it in its language


def _update_index(project: Project, doc_ids: list[int] | None, cancel: CancelToken | None, rebuild: bool,
                  before_index: BeforeIndex | None, extract_pending: bool) -> Generator[Progress, None, IndexReport]:
    index = search_index(project)
    conn = project.connect()
    pending = None
    if before_index is None and extract_pending:  # (ingest's own hook extracts what is pending)
        from workbench.services.entities import pending_extraction

        pending = pending_extraction(project)
    try:
        repo = DocumentRepository(conn)
        if pending is not None:
            report = yield from _stage(_with_pending(index, repo, doc_ids, cancel, rebuild, pending))
            report.extracted = pending.changed
            return report
        if rebuild:
            return (yield from _stage(index.rebuild(repo, cancel)))
        if doc_ids is not None:
            return (yield from _stage(index.update(repo, doc_ids, cancel, before_index)))
        return (yield from _stage(index.ensure(repo, cancel)))
    finally:
        if pending is not None:
            pending.close()
        conn.close()
        index.close()


def _with_pending(index: SearchIndex, repo: DocumentRepository, doc_ids: list[int] | None,
                  cancel: CancelToken | None, rebuild: bool, pending) -> Generator[Progress, None, IndexReport]:
    """The index job when an interrupted ingest left documents stored but not
    extracted: their entities are extracted from the tokens this job makes of
    them anyway, and they are indexed with them. (Before, no rebuild or search
    ever extracted them: their names were never highlighted or searchable.)"""
    if rebuild:
        report = yield from index.rebuild(repo, cancel, pending)
        rest = yield from index.sync(repo, cancel)  # the extraction changed documents after the rebuild began
        report.indexed += rest.indexed
        return report
    return (yield from index.update(repo, sorted(set(doc_ids or ()) | pending.only), cancel, pending))


def index_state(project: Project) -> str:
    """"ready", "behind" (usable, but the database has changed since), or
    "unusable". Never loads Kiwi: the window asks on its GUI thread at every
    start (loading Kiwi there froze it for seconds)."""
    index = SearchIndex(project.index_dir, alias_table(project), _project_id(project))
    conn = project.connect()
    try:
        if index.in_step(DocumentRepository(conn).content_version()):
            return "ready"
        return "unusable" if index.problem(full=False) else "behind"
    finally:
        conn.close()
        index.close()


def search(project: Project, query: str, limit: int | None = 20, docs: bool = False,
           offset: int = 0) -> SearchResult:
    """Run a query on the index as it is. Never writes. ``offset`` and ``limit``
    give a page of the ranking: the window lists 300 hits and shows the next
    300 when asked.

    If the database has changed since the index was last brought in step, the
    result says so (``index_behind`` and a warning); an index job catches up.
    A missing or unreadable index raises :class:`IndexNotReadyError`, for the
    caller to build it (the window does so in the background; the CLI first).
    """
    index = search_index(project)
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        behind = not index.in_step(repo.content_version())
        problem = index.problem() if behind else None
        if problem and not problem.startswith("the search index was built with other settings"):
            raise IndexNotReadyError(f"The search index cannot be used yet ({problem}); it is being built",
                                     f"검색 색인을 아직 쓸 수 없습니다({_problem_ko(problem)}). 색인을 만드는 중입니다")
        try:
            result = index.search(repo, query, limit=limit, docs=docs, offset=offset)
        except (QueryError, WorkbenchError):
            raise
        except Exception as exc:  # Whoosh's many ways of saying a file is damaged
            raise IndexNotReadyError(
                f"The search index is damaged ({type(exc).__name__}); it must be rebuilt from the database",
                "검색 색인이 손상되었습니다. 데이터베이스에서 다시 만들어야 합니다") from exc
    finally:
        conn.close()
        index.close()
    if behind:
        result.index_behind = True
        result.warnings.insert(0, "the search index is catching up with the latest changes; "
                                  "results may miss them for a moment")
    return result


def search_in_step(project: Project, query: str, limit: int | None = 20, docs: bool = False,
                   on_progress=None) -> SearchResult:
    """For headless callers (the CLI, exports with a query): first bring the
    index in step as an explicit job, then search. Reports a rebuild it did."""
    from workbench.services.jobs import run_job

    notes = []
    if index_state(project) != "ready":
        report = run_job(update_index(project), on_progress)
        if report.reason:
            notes.append(f"{report.reason}; rebuilt it from the database ({report.indexed} documents)")
    try:
        result = search(project, query, limit=limit, docs=docs)
    except IndexNotReadyError as exc:
        # Another process may have been swapping in an index it built: wait for it
        # (the index lock) and look again before concluding the index is damaged.
        report = run_job(update_index(project), on_progress)
        if report.rebuilt:
            notes.append(f"{exc.message}; rebuilt it from the database ({report.indexed} documents)")
        try:
            result = search(project, query, limit=limit, docs=docs)
        except IndexNotReadyError:  # damaged in a way only reading it shows
            report = run_job(update_index(project, rebuild=True), on_progress)
            notes.append(f"{exc.message}; rebuilt it from the database ({report.indexed} documents)")
            result = search(project, query, limit=limit, docs=docs)
    result.warnings = notes + result.warnings
    return result


def _problem_ko(problem: str) -> str:
    if "missing" in problem:
        return "색인이 없음"
    if "damaged" in problem or "description" in problem:
        return "색인이 손상됨"
    if "another project" in problem:
        return "다른 프로젝트에서 복사한 색인"
    return problem


def list_aliases(project: Project) -> list[UserAlias]:
    conn = project.connect()
    try:
        return AliasRepository(conn).list()
    finally:
        conn.close()


def add_alias(project: Project, canonical: str, aliases: list[str], kind: str = "ORG",
              allow_single: bool = False) -> Outcome[int]:
    """A project alias line: ``canonical`` and its other names (or, with
    ``allow_single``, a name alone, for the entity gazetteer)."""
    kind = kind.upper()
    if kind not in TYPES:
        raise WorkbenchError(f"Unknown type {kind!r}; use one of {', '.join(TYPES)}",
                             f"알 수 없는 유형 {kind!r}입니다. {', '.join(TYPES)} 중 하나를 쓰세요")
    names = [n.strip() for n in aliases if n.strip() and n.strip() != canonical.strip()]
    if not canonical.strip() or (not names and not allow_single):
        raise WorkbenchError("An alias needs a name and at least one other name",
                             "별칭에는 이름과 다른 이름이 하나 이상 있어야 합니다")
    with project.writing() as conn:
        return Outcome(AliasRepository(conn).add(canonical.strip(), kind, names), Changes(aliases=True))


def remove_alias(project: Project, alias_id: int) -> Outcome[bool]:
    with project.writing() as conn:
        removed = AliasRepository(conn).remove(alias_id)
    return Outcome(removed, Changes(aliases=removed))


def warm_up(project: Project) -> None:
    """Load Kiwi, run it once and read the index once, so the analyst's first
    search is as fast as the next (the window runs this in the background
    right after it shows)."""
    from workbench.search.analysis import morph_tokens

    search_index(project).close()  # Kiwi, taught the project's own names before it reads anything
    morph_tokens("과학기술정보통신부가 인공지능 기본법 시행령을 발표했다")
    try:
        search(project, "인공지능 기본법", limit=5)
    except WorkbenchError:
        pass  # no index yet: the index job builds it

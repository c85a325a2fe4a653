"""Entity use cases: extract at ingest, list a document's mentions, analyse a
file on the fly, facets, and the analyst's corrections (re-applied after every
re-extraction)."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from workbench.core.changes import Changes, Outcome
from workbench.core.errors import DocumentNotFoundError, WorkbenchError
from workbench.core.progress import Cancelled, CancelToken, Progress
from workbench.corpus.extract import extract_file, text_sha256
from workbench.corpus.kiwi import get_kiwi
from workbench.entities.corrections import MERGE, REJECT_NAME, REJECT_SPAN, SET_TYPE, Edit, apply_edits
from workbench.entities.extract import EntityExtractor, Mention
from workbench.entities.types import EntityType
from workbench.core.aliases import TYPES as ALIAS_TYPES
from workbench.core.models import ENTITY_TYPES as CORE_ENTITY_TYPES
from workbench.search.index import IndexReport
from workbench.services.search import add_alias, alias_table
from workbench.store.documents import DocumentRepository
from workbench.store.entities import EntityRepository
from workbench.store.project import Project


# Every entity type, in the order menus and legends list them; and the types a
# name in the gazetteer can have (the others are found by patterns).
ENTITY_TYPES: tuple[str, ...] = CORE_ENTITY_TYPES
GAZETTEER_TYPES: tuple[str, ...] = ALIAS_TYPES


def type_label(kind: str, language: str = "en") -> str:
    """The name of an entity type for the UI, in Korean or English."""
    from workbench.entities.types import LABELS_EN, LABELS_KO

    try:
        key = EntityType(kind)
    except ValueError:
        return kind
    return (LABELS_KO if language == "ko" else LABELS_EN)[key]


def _tokenize(lines: list[str]):
    return get_kiwi().tokenize(lines)


class ProjectEntities:
    """The extractor for one project: its aliases and its corrections."""

    def __init__(self, project: Project) -> None:
        self.extractor = EntityExtractor(alias_table(project), _tokenize)
        conn = project.connect()
        try:
            self.edits = [Edit(r["action"], r["name"], r["value"], r["doc_id"], r["start"], r["end"], r["quote"],
                               r["id"]) for r in EntityRepository(conn).edits()]
        finally:
            conn.close()

    def extract(self, text: str, doc_id: int | None = None, tokens=None) -> list[Mention]:
        """``tokens``: Kiwi's tokens of the whole ``text`` if the caller already
        has them (ingest shares them with indexing); otherwise Kiwi runs here."""
        return apply_edits(self.extractor.extract(text, tokens=tokens), self.edits, text, doc_id)


def entities_of(project: Project, ref: str) -> tuple[dict, list]:
    """Mentions of a project document (id, name, path, title) or of any file on disk."""
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        try:
            doc_id = repo.resolve(ref)
        except DocumentNotFoundError:
            path = Path(ref).expanduser()
            if not path.is_file():
                raise
            doc = extract_file(path)
            mentions = ProjectEntities(project).extract(doc.text)
            return {"source": str(path.resolve()), "title": doc.title, "in_project": False}, mentions
        info = repo.info(doc_id)
        return ({"doc_id": doc_id, "source": info.source, "title": info.title, "in_project": True},
                EntityRepository(conn).mentions(doc_id))
    finally:
        conn.close()


def facets(project: Project, doc_ref: str | None = None, kind: str | None = None) -> list[dict]:
    conn = project.connect()
    try:
        doc_id = DocumentRepository(conn).resolve(doc_ref) if doc_ref else None
        return EntityRepository(conn).facets(doc_id, kind.upper() if kind else None)
    finally:
        conn.close()


def refresh_entities_job(project: Project, doc_ids: list[int] | None = None, cancel: CancelToken | None = None,
                         ) -> Generator[Progress, None, list[int]]:
    """Re-extract (and re-correct) documents; returns the ids whose mentions changed.

    Kiwi runs outside the write lock; each document's mentions are stored in a
    short transaction of their own, so a cancel keeps what was done.
    """
    extractor = ProjectEntities(project)
    conn = project.connect()
    changed: list[int] = []
    try:
        docs = DocumentRepository(conn)
        ids = doc_ids if doc_ids is not None else [d.id for d in docs.list()]
        yield Progress(0, len(ids), "", stage="entities")
        for n, doc_id in enumerate(ids, 1):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            text, sha = docs.text(doc_id), docs.info(doc_id).text_sha256
            mentions = extractor.extract(text, doc_id)
            done = None
            with project.writing(conn):
                # If the text changed meanwhile, the ingest that changed it extracts it again.
                if docs.info(doc_id).text_sha256 == sha and EntityRepository(conn).replace(doc_id, mentions):
                    changed.append(doc_id)
                    done = Changes.of(entities=[doc_id])
            yield Progress(n, len(ids), str(doc_id), stage="entities", changes=done)
    finally:
        conn.close()
    return changed


class ExtractBeforeIndex:
    """An index job's ``before_index`` hook that extracts a document's entities
    from the tokens the index job made of it (one Kiwi pass for both) and
    stores them in a short transaction of their own, so the document is indexed
    with them. ``only``: the documents to extract (others are indexed as they are)."""

    def __init__(self, project: Project, only: list[int] | None = None) -> None:
        self.project, self.only = project, set(only) if only is not None else None
        self.extractor = ProjectEntities(project)
        self.changed: list[int] = []
        self._conn = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __call__(self, doc_id: int, text: str, tokens) -> Changes | None:
        if self.only is not None and doc_id not in self.only:
            return None
        mentions = self.extractor.extract(text, doc_id, tokens=tokens.proper_nouns())
        if self._conn is None:
            self._conn = self.project.connect()
        docs = DocumentRepository(self._conn)
        with self.project.writing(self._conn):
            # If the text changed meanwhile, the ingest that changed it extracts it again.
            if text_sha256(text) != docs.info(doc_id).text_sha256:
                return None
            if not EntityRepository(self._conn).replace(doc_id, mentions):
                return None
        self.changed.append(doc_id)
        return Changes.of(entities=[doc_id])


def extract_and_index_job(project: Project, doc_ids: list[int], cancel: CancelToken | None = None,
                          ) -> Generator[Progress, None, tuple[list[int], IndexReport]]:
    """Entities and index for new or changed documents, from one Kiwi pass
    each (see :class:`ExtractBeforeIndex`). Returns (documents whose mentions
    changed, what the index did)."""
    from workbench.services.search import update_index

    extract = ExtractBeforeIndex(project)
    try:
        report = yield from update_index(project, doc_ids, cancel, before_index=extract)
    finally:
        extract.close()
    return extract.changed, report


def pending_extraction(project: Project) -> ExtractBeforeIndex | None:
    """The hook that extracts what an interrupted run left unextracted (a kill
    between storing a text and extracting it), for an index job to run; None
    when nothing is left."""
    pending = unextracted(project)
    return ExtractBeforeIndex(project, pending) if pending else None


def refresh_entities(project: Project, doc_ids: list[int] | None = None) -> list[int]:
    """:func:`refresh_entities_job` run to the end."""
    from workbench.services.jobs import run_job

    return run_job(refresh_entities_job(project, doc_ids))


def unextracted(project: Project) -> list[int]:
    """Documents whose entities were never extracted (e.g. ingested before entities existed)."""
    conn = project.connect()
    try:
        return [r[0] for r in conn.execute("SELECT id FROM documents WHERE entities_sha = ''")]
    finally:
        conn.close()


def _check_type(kind: str) -> str:
    kind = kind.upper()
    if kind not in EntityType.__members__:
        raise WorkbenchError(f"Unknown entity type {kind!r}; use one of {', '.join(EntityType.__members__)}",
                             f"알 수 없는 개체 유형 {kind!r}입니다. {', '.join(EntityType.__members__)} 중 하나를 쓰세요")
    return kind


def _edit(project: Project, **fields) -> Outcome[int]:
    """Store one correction, then re-apply every correction to every document."""
    with project.writing() as conn:
        edit_id = EntityRepository(conn).add_edit(**fields)
    return Outcome(edit_id, Changes.of(entities=refresh_entities(project)))


def add_entity(project: Project, name: str, kind: str, aliases: list[str] | None = None) -> Outcome[int]:
    """A new name in the project gazetteer (shared with search aliases)."""
    kind = _check_type(kind)
    if kind not in GAZETTEER_TYPES:
        raise WorkbenchError("Only names (ORG, PERSON, LOCATION, PRODUCT, LAW) go in the gazetteer",
                             "이름(ORG, PERSON, LOCATION, PRODUCT, LAW)만 사전에 넣을 수 있습니다")
    added = add_alias(project, name, aliases or [], kind, allow_single=True)
    return Outcome(added.value, added.changes | Changes.of(entities=refresh_entities(project)))


def set_type(project: Project, name: str, kind: str) -> Outcome[int]:
    return _edit(project, action=SET_TYPE, name=name, value=_check_type(kind))


def merge_names(project: Project, name: str, into: str) -> Outcome[int]:
    """Make ``name`` another name of ``into``; refuses merges that would loop."""
    if name.strip() == into.strip():
        raise WorkbenchError("A name cannot be merged into itself", "이름을 자기 자신과 합칠 수 없습니다")
    merges = {e.name: e.value for e in ProjectEntities(project).edits if e.action == MERGE}
    node, steps = into, 0
    while node in merges and node != name and steps < 1000:  # follow where `into` already goes
        node, steps = merges[node], steps + 1
    if node == name:
        raise WorkbenchError(f"{into!r} is already merged into {name!r}; merging back would make a loop",
                             f"{into!r}은(는) 이미 {name!r}에 합쳐져 있습니다. 되합치면 순환이 됩니다")
    return _edit(project, action=MERGE, name=name, value=into)


def reject_name(project: Project, name: str) -> Outcome[int]:
    return _edit(project, action=REJECT_NAME, name=name)


def reject_span(project: Project, doc_ref: str, start: int, end: int) -> Outcome[int]:
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        doc_id = repo.resolve(doc_ref)
        quote = repo.text_range(doc_id, start, end)
    finally:
        conn.close()
    if not quote.strip():
        raise WorkbenchError(f"Nothing at {start}-{end} in document {doc_id}", f"문서 {doc_id}의 {start}-{end}에 글자가 없습니다")
    return _edit(project, action=REJECT_SPAN, doc_id=doc_id, start=start, end=end, quote=quote)

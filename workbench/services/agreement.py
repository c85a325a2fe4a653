"""Coder agreement between two analysts of one project (issue 25): per tag
and per document, the percent of characters they agree on and Cohen's kappa
(annotations.agreement), the totals, and the spans where they differ.

Who coded what: since schema v10 each tag on a passage records who applied
it (``annotation_tags.applied_by``); a colleague's ``.qdpx`` keeps each
``<Coding creatingUser>`` there. A row from before v10 names no one and
means the passage's creator, and a passage from before v9 names no creator
and means the project's analyst — the same reading as the annotations panel
(services.annotations.annotation_table).

What counts, and why:

* **Each tag on its own.** A parent tag's figures are its own codings, not
  its children's (NVivo compares each node on its own; QualCoder each code).
  ``tag=`` names a tag and so takes it and every tag under it, one row each.
* **Only documents either coder coded with the tag.** A tag's total adds up
  the characters of the documents where A or B applied it. A project of 300
  documents where a tag was used in 3 would otherwise agree "99.9 %" on the
  297 nobody coded, however the 3 were coded. This is a choice, not
  QualCoder's: its ``reports.py`` (``DialogReportCoderComparisons``,
  ``calculate_agreement_for_code``) loops over every text file of the
  project, coded or not; NVivo lists each (node, source) pair and leaves
  averaging to the analyst. ``all_documents=True`` gives QualCoder's figure
  (every document in scope counts, its characters as agreed "not coded").
* **Live tags, placed passages.** A deleted tag's kept name and an orphaned
  passage (its place in the changed text is lost) are left out: an orphan's
  offsets no longer point at the text being compared.
* **Totals pool characters**: a tag's total is its documents' counts added
  up (NVivo's advice for an average across sources: weigh by size); the
  overall total adds up every tag's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from workbench.annotations.agreement import NOTHING, Counts, Interval, compare
from workbench.core.errors import WorkbenchError
from workbench.core.progress import Progress
from workbench.services.analyst import analyst_name
from workbench.services.jobs import run_job
from workbench.store.annotations import TagRepository
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project

# Who applied a tag: the tag's own coder, else the passage's creator, else the analyst.
_CODER = "COALESCE(NULLIF(t.applied_by, ''), NULLIF(a.created_by, ''), ?)"
_CODINGS = (f"SELECT a.doc_id AS doc_id, t.tag_id AS tag_id, {_CODER} AS coder, a.start AS start, a.end AS end "
            "FROM annotation_tags t JOIN annotations a ON a.id = t.annotation_id "
            "WHERE t.tag_id IS NOT NULL AND a.status != 'orphaned'")
WHO = ("A", "B", "both")


@dataclass(frozen=True, slots=True)
class Coder:
    name: str
    codings: int  # tags applied to passages
    documents: int

    def to_json(self) -> dict:
        return {"name": self.name, "codings": self.codings, "documents": self.documents}


@dataclass(slots=True)
class Row:
    """One tag in one document, or a tag's total (``doc_id`` None, ``documents`` counted)."""

    tag_id: int
    tag: str
    counts: Counts
    doc_id: int | None = None
    title: str = ""
    documents: int = 0

    @property
    def agreement(self) -> float:
        return self.counts.agreement

    @property
    def kappa(self) -> float:
        return self.counts.kappa

    def to_json(self) -> dict:
        head = {"tag_id": self.tag_id, "tag": self.tag}
        if self.doc_id is None:
            head["documents"] = self.documents
        else:
            head |= {"doc_id": self.doc_id, "title": self.title}
        return head | self.counts.to_json()


@dataclass(frozen=True, slots=True)
class Span:
    """Characters only A coded, only B coded, or both coded, of one tag in one document."""

    doc_id: int
    tag_id: int
    who: str  # "A", "B" or "both"
    start: int
    end: int
    quote: str

    def to_json(self, coders: tuple[str, str], titles: dict[int, str], tags: dict[int, str]) -> dict:
        coder = {"A": coders[0], "B": coders[1]}.get(self.who, f"{coders[0]} + {coders[1]}")
        return {"doc_id": self.doc_id, "title": titles.get(self.doc_id, ""), "tag_id": self.tag_id,
                "tag": tags.get(self.tag_id, ""), "who": self.who, "coder": coder, "start": self.start,
                "end": self.end, "quote": self.quote}


@dataclass(slots=True)
class AgreementReport:
    coders: tuple[str, str]
    tags: list[Row]  # one total per tag
    documents: list[Row]  # tag × document
    spans: list[Span]
    total: Counts = NOTHING
    all_documents: bool = False
    titles: dict[int, str] = field(default_factory=dict)
    tag_paths: dict[int, str] = field(default_factory=dict)

    @property
    def agreement(self) -> float:
        return self.total.agreement

    @property
    def kappa(self) -> float:
        return self.total.kappa

    def documents_of(self, tag_id: int) -> list[Row]:
        return [r for r in self.documents if r.tag_id == tag_id]

    def spans_of(self, tag_id: int, doc_id: int) -> list[Span]:
        return [s for s in self.spans if s.tag_id == tag_id and s.doc_id == doc_id]

    def to_json(self) -> dict:
        return {
            "coders": {"A": self.coders[0], "B": self.coders[1]},
            "unit": "character",
            "documents_counted": "all documents" if self.all_documents else "documents either coder coded with the tag",
            "parent_tags": "each tag on its own (a parent's figures do not include its children's codings)",
            "total": {"tags": len(self.tags), "documents": len({r.doc_id for r in self.documents})}
                     | self.total.to_json(),
            "tags": [r.to_json() for r in self.tags],
            "documents": [r.to_json() for r in self.documents],
            "disagreements": [s.to_json(self.coders, self.titles, self.tag_paths) for s in self.spans],
        }


def list_coders(project: Project) -> list[Coder]:
    """Everyone who applied a (live) tag to a placed passage, most codings first."""
    conn = project.connect()
    try:
        return _coders(conn, analyst_name(project, conn))
    finally:
        conn.close()


def _coders(conn, analyst: str) -> list[Coder]:
    rows = conn.execute(f"SELECT coder, COUNT(*), COUNT(DISTINCT doc_id) FROM ({_CODINGS}) GROUP BY coder",
                        (analyst,)).fetchall()
    return sorted((Coder(r[0], r[1], r[2]) for r in rows), key=lambda c: (-c.codings, c.name))


def _no_coder(name: str, known: list[Coder]) -> WorkbenchError:
    names = ", ".join(c.name for c in known) or "—"
    return WorkbenchError(f"{name!r} has no codings in this project; coders with codings: {names}",
                          f"{name!r}이(가) 코딩한 것이 이 프로젝트에 없습니다. 코딩한 코더: {names}")


def agreement_job(project: Project, coder_a: str, coder_b: str, tag: str | None = None, doc: str | None = None,
                  all_documents: bool = False) -> Iterator[Progress]:
    """Compare two coders (a job: yields progress, returns an AgreementReport).

    ``tag`` limits it to a tag and the tags under it, ``doc`` to a document
    (id, file name or title, as everywhere). ``all_documents`` counts every
    document in scope, not only those either coder coded with the tag."""
    coder_a, coder_b = coder_a.strip(), coder_b.strip()
    if coder_a == coder_b:
        raise WorkbenchError(f"Choose two different coders (both are {coder_a!r})",
                             f"서로 다른 코더 두 명을 고르세요(둘 다 {coder_a!r})")
    conn = project.connect()
    try:
        known = _coders(conn, analyst_name(project, conn))
        names = {c.name for c in known}
        for name in (coder_a, coder_b):
            if name not in names:
                raise _no_coder(name, known)
        tags = TagRepository(conn)
        paths = tags.paths()
        where, args = "", [analyst_name(project, conn), coder_a, coder_b]
        if tag:
            found = tags.find(tag)
            if found is None:
                raise WorkbenchError(f"No tag {tag!r} in the codebook; see `workbench codebook`",
                                     f"코드북에 {tag!r} 태그가 없습니다. `workbench codebook`을 보세요")
            chosen = sorted(tags.subtree(found.id))
            where += f" AND tag_id IN ({','.join('?' * len(chosen))})"
            args += chosen
        doc_id = None
        if doc:
            doc_id = DocumentRepository(conn).resolve(doc)
            where += " AND doc_id = ?"
            args.append(doc_id)
        spans: dict[tuple[int, int], tuple[list[Interval], list[Interval]]] = {}
        for r in conn.execute(f"SELECT doc_id, tag_id, coder, start, end FROM ({_CODINGS}) "
                              f"WHERE coder IN (?, ?){where}", args):
            pair = spans.setdefault((r[1], r[0]), ([], []))
            pair[0 if r[2] == coder_a else 1].append((r[3], r[4]))
        yield Progress(0, len(spans), stage="compare")
        docs = {r[0]: (r[1], r[2]) for r in conn.execute(
            "SELECT id, chars, title FROM documents" + (" WHERE id = ?" if doc_id is not None else ""),
            (doc_id,) if doc_id is not None else ())}
        report = AgreementReport((coder_a, coder_b), [], [], [], all_documents=all_documents,
                                 titles={d: t for d, (_, t) in docs.items()}, tag_paths=paths)
        found_spans: dict[int, list[tuple[int, str, int, int]]] = {}
        for done, ((tag_id, d), (a, b)) in enumerate(sorted(spans.items(), key=lambda kv: (paths[kv[0][0]],
                                                                                           kv[0][1])), 1):
            length, title = docs[d]
            result = compare(length, a, b)
            report.documents.append(Row(tag_id, paths[tag_id], result.counts, d, title))
            for who, intervals in zip(WHO, (result.only_a, result.only_b, result.both)):
                found_spans.setdefault(d, []).extend((tag_id, who, s, e) for s, e in intervals)
            if done % 500 == 0:
                yield Progress(done, len(spans), stage="compare")
        in_scope = sum(length for length, _ in docs.values())
        for tag_id in sorted({r.tag_id for r in report.documents}, key=lambda t: paths[t]):
            rows = report.documents_of(tag_id)
            counts = sum((r.counts for r in rows), NOTHING)
            if all_documents:  # the documents no one coded with it: every character agreed "not coded"
                counts += Counts(in_scope - counts.length, 0, 0, 0)
            report.tags.append(Row(tag_id, paths[tag_id], counts, documents=len(rows)))
            report.total += counts
        repo = DocumentRepository(conn)
        order = {"A": 0, "B": 1, "both": 2}
        for d in sorted(found_spans):
            text = repo.text(d)
            report.spans.extend(Span(d, t, who, s, e, text[s:e]) for t, who, s, e in
                                sorted(found_spans[d], key=lambda x: (paths[x[0]], x[2], order[x[1]])))
        yield Progress(len(spans), len(spans), stage="compare")
        return report
    finally:
        conn.close()


def agreement(project: Project, coder_a: str, coder_b: str, tag: str | None = None, doc: str | None = None,
              all_documents: bool = False) -> AgreementReport:
    return run_job(agreement_job(project, coder_a, coder_b, tag, doc, all_documents))


def export_agreement(report: AgreementReport, path, language: str = "en") -> None:
    """The report's workbook (Summary, Documents, Disagreements), in ``language``."""
    from workbench.export.agreement_xlsx import write_agreement_xlsx

    write_agreement_xlsx(report.to_json(), path, language)

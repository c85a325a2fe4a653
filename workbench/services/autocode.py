"""Auto-code: tag every hit of a search at a chosen unit.

An analyst searching 반도체 수출 with Workbench's Korean search (aliases,
morphology, filters) wants the hits coded without tagging each by hand, as
MAXQDA's and NVivo's auto-code do — but from this search, not a literal
string. Two steps, so the analyst sees what will be tagged before anything is:

* :func:`plan_autocode` reads only: the spans each unit gives (the match; its
  Korean sentence, split by Kiwi, not at full stops alone; or its passage),
  merged where they overlap, each marked new or already carrying the tag;
* :func:`apply_plan` writes that plan in one transaction, after checking that
  no document changed since (a tag is never stored on text the analyst did not
  see), and returns what an undo needs to take the whole run back in one step.

A span already covered by a passage carrying the tag is skipped, so running
the same auto-code twice adds nothing. A span that is exactly an existing
passage gets the tag added to that passage rather than a second passage.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from workbench.core.changes import Changes, Outcome
from workbench.core.errors import StaleTextError, WorkbenchError
from workbench.corpus.kiwi import get_kiwi
from workbench.services.analyst import analyst_name
from workbench.services.annotations import resolve_tags
from workbench.services.search import search_in_step
from workbench.store.annotations import AnnotationRepository, AnnotationRow, TagRepository, normalise_path
from workbench.store.documents import DocumentRepository
from workbench.annotations.anchoring import selector
from workbench.store.project import Project

# The paragraph is the document's own block (a paragraph, a heading, a list
# item, a table); the passage is the search's unit, as the results list shows
# it (short paragraphs of one section together).
UNITS = ("match", "sentence", "paragraph", "passage")
# Matches this close (only spaces between) are one span: "개인 정보 보호" is tagged whole.
_JOIN_GAP = 2


@dataclass(slots=True)
class PlannedSpan:
    doc_id: int
    title: str
    start: int
    end: int
    quote: str
    matches: int  # the query's matches inside it
    state: str  # "new", "add-tag" (an existing passage with this span gets the tag) or "tagged" (skipped)
    annotation_id: int | None = None  # the existing passage, for "add-tag" and "tagged"

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "title": self.title, "start": self.start, "end": self.end,
                "quote": self.quote, "matches": self.matches, "state": self.state,
                "annotation_id": self.annotation_id}


@dataclass(slots=True)
class AutocodePlan:
    query: str
    tag: str  # the tag's full path as the codebook has (or will have) it
    unit: str
    matches: int
    spans: list[PlannedSpan]
    text_shas: dict[int, str]  # each document's text as planned: applying checks it is still that text
    warnings: list[str] = field(default_factory=list)

    @property
    def to_tag(self) -> list[PlannedSpan]:
        return [s for s in self.spans if s.state != "tagged"]

    @property
    def skipped(self) -> int:
        return sum(1 for s in self.spans if s.state == "tagged")

    def to_json(self) -> dict:
        return {"query": self.query, "tag": self.tag, "unit": self.unit, "matches": self.matches,
                "spans": len(self.spans), "to_tag": len(self.to_tag), "skipped": self.skipped,
                "documents": len({s.doc_id for s in self.to_tag}), "warnings": self.warnings,
                "rows": [s.to_json() for s in self.spans]}


@dataclass(slots=True)
class AutocodeResult:
    plan: AutocodePlan
    created: list[int]  # new passages
    extended: list[int]  # existing passages that got the tag
    before: list[AnnotationRow]  # the extended passages as they were (undo puts them back)
    after: list[AnnotationRow]  # every passage the run wrote, as it left them (redo)

    def to_json(self) -> dict:
        return {**self.plan.to_json(), "created": len(self.created), "extended": len(self.extended),
                "annotation_ids": sorted(self.created + self.extended)}


def check_unit(unit: str) -> str:
    if unit not in UNITS:
        raise WorkbenchError(f"Unknown unit {unit!r}: use one of {', '.join(UNITS)}",
                             f"단위 {unit!r}는 없습니다. {', '.join(UNITS)} 가운데 하나를 쓰세요")
    return unit


def plan_autocode(project: Project, query: str, tag: str, unit: str = "match") -> AutocodePlan:
    """What auto-coding ``query`` with ``tag`` at ``unit`` would tag. Reads only
    (an index out of step is first brought in step, as any headless search)."""
    check_unit(unit)
    path = normalise_path(tag)
    if not path:
        raise WorkbenchError("Give the tag to apply", "붙일 태그를 주세요")
    result = search_in_step(project, query, limit=None)
    conn = project.connect()
    try:
        docs = DocumentRepository(conn)
        existing_tag = TagRepository(conn).find(path)
        tag_path = existing_tag.path if existing_tag is not None else path
        by_doc: dict[int, list[tuple[int, int, int, int]]] = {}  # doc → (match start, end, passage start, end)
        titles: dict[int, str] = {}
        matches = 0
        for hit in result.hits:
            titles[hit.doc_id] = hit.title
            for a, b in _joined(hit.matches, docs, hit.doc_id):
                by_doc.setdefault(hit.doc_id, []).append((a, b, hit.start, hit.end))
                matches += 1
        spans: list[PlannedSpan] = []
        shas: dict[int, str] = {}
        annotations = AnnotationRepository(conn)
        for doc_id in sorted(by_doc):
            text = docs.text(doc_id)
            shas[doc_id] = docs.info(doc_id).text_sha256
            units = _units(text, by_doc[doc_id], unit, docs.blocks(doc_id) if unit != "match" else [])
            held = [(r, existing_tag is not None and existing_tag.id in r.tag_ids)
                    for r in annotations.for_document(doc_id) if r.status == "anchored"]
            for start, end, count in units:
                spans.append(_state(PlannedSpan(doc_id, titles[doc_id], start, end, text[start:end], count, "new"),
                                    held))
        return AutocodePlan(query, tag_path, unit, matches, spans, shas, list(result.warnings))
    finally:
        conn.close()


def _joined(matches: list[tuple[int, int]], docs: DocumentRepository, doc_id: int) -> list[tuple[int, int]]:
    """The hit's match spans, those with only spaces between them joined."""
    out: list[list[int]] = []
    for a, b in sorted(matches):
        if out and a - out[-1][1] <= _JOIN_GAP and not docs.text_range(doc_id, out[-1][1], a).strip():
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _units(text: str, found: list[tuple[int, int, int, int]], unit: str, blocks) -> list[tuple[int, int, int]]:
    """(start, end, matches inside) for each span of ``unit`` holding a match, overlaps merged."""
    if unit == "match":
        spans = [(a, b) for a, b, _, _ in found]
    elif unit == "passage":
        spans = [(ps, pe) for _, _, ps, pe in found]
    elif unit == "paragraph":
        spans = [_paragraph(blocks, a, b) or (a, b) for a, b, _, _ in found]
    else:
        spans = _sentences(text, found, blocks)
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        a, b = _trim(text, a, b)
        out.append((a, b, sum(1 for m, n, _, _ in found if a <= m and n <= b)))
    return out


def _sentences(text: str, found: list[tuple[int, int, int, int]], blocks) -> list[tuple[int, int]]:
    """The Korean sentence holding each match: Kiwi splits each paragraph with
    a match once (a sentence ends at 다/요/…, not at a full stop alone). The
    paragraph, not the search passage: a long paragraph's passages are cut at
    a size, and a sentence split inside one began mid-word ("개의 최첨단 …")."""
    kiwi = get_kiwi()
    by_block: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for a, b, ps, pe in found:
        by_block.setdefault(_paragraph(blocks, a, b) or (ps, pe), []).append((a, b))
    spans = []
    for (bs, be), inside in by_block.items():
        sentences = [(bs + s.start, bs + s.end) for s in kiwi.split_into_sents(text[bs:be])]
        for a, b in inside:
            covering = [(s, e) for s, e in sentences if s < b and a < e]
            spans.append((min(covering[0][0], a), max(covering[-1][1], b)) if covering else (a, b))
    return spans


def _paragraph(blocks, a: int, b: int) -> tuple[int, int] | None:
    """The block (paragraph, heading, list item, table) holding the match, if one does."""
    i = bisect_right([block.start for block in blocks], a) - 1
    if i >= 0 and a < blocks[i].end:
        return blocks[i].start, max(blocks[i].end, b)
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _state(span: PlannedSpan, held: list[tuple[AnnotationRow, bool]]) -> PlannedSpan:
    for row, has_tag in held:
        if has_tag and row.start <= span.start and span.end <= row.end:
            span.state, span.annotation_id = "tagged", row.id
            return span
    for row, has_tag in held:
        if (row.start, row.end) == (span.start, span.end):
            span.state, span.annotation_id = "add-tag", row.id
            return span
    return span


def apply_plan(project: Project, plan: AutocodePlan) -> Outcome[AutocodeResult]:
    """Tag what ``plan`` says, in one transaction. Refused, with nothing
    written, if a document's text changed since the plan was made."""
    with project.writing() as conn:
        docs = DocumentRepository(conn)
        for doc_id, sha in plan.text_shas.items():
            if docs.info(doc_id).text_sha256 != sha:
                title = docs.info(doc_id).title
                raise StaleTextError(
                    f"“{title}” changed after the preview; preview the auto-code again",
                    f"미리 보기 뒤에 「{title}」 문서가 바뀌었습니다. 자동 코딩을 다시 미리 보세요")
        refs, created_tag = resolve_tags(conn, ["/" + plan.tag])
        who = analyst_name(project, conn)
        repo = AnnotationRepository(conn)
        created, extended, before = [], [], []
        texts: dict[int, str] = {}
        for span in plan.to_tag:
            if span.state == "add-tag":
                row = repo.get(span.annotation_id)
                if row is None or (row.start, row.end) != (span.start, span.end):
                    span.state = "new"
                else:
                    before.append(row)
                    repo.add_tags(row.id, refs, by=who)
                    repo.update(row.id, updated_by=who)
                    extended.append(row.id)
                    continue
            text = texts.setdefault(span.doc_id, docs.text(span.doc_id))
            sel = selector(text, span.start, span.end)
            created.append(repo.add(span.doc_id, span.start, span.end, sel.quote, sel.prefix, sel.suffix,
                                    plan.text_shas[span.doc_id], "", refs, created_by=who))
        after = [repo.get(i) for i in created + extended]
        changes = Changes.of(annotations=created + extended, annotation_docs={s.doc_id for s in plan.to_tag},
                             codebook=created_tag)
        return Outcome(AutocodeResult(plan, created, extended, before, after), changes)


def autocode(project: Project, query: str, tag: str, unit: str = "match") -> Outcome[AutocodeResult]:
    """Plan and apply in one go (the command line without ``--dry-run``)."""
    return apply_plan(project, plan_autocode(project, query, tag, unit))

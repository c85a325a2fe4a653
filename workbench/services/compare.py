"""Compare two documents of the project (a bill and its amendment, this
year's plan and last year's) and write the comparison as a 신구조문대비표."""

from __future__ import annotations

from pathlib import Path

from workbench.compare.diff import compare_texts
from workbench.core.comparison import Comparison, Side
from workbench.core.errors import WorkbenchError
from workbench.store.documents import DocumentRepository
from workbench.store.metadata import effective_metadata

TABLE_FORMATS = (".xlsx", ".hwpx", ".docx")


def compare_documents(project, old: int | str, new: int | str) -> Comparison:
    """The comparison of document ``old`` (the 현행) with ``new`` (the 개정안),
    each an id or anything `workbench docs` names a document by."""
    conn = project.connect()
    try:
        docs = DocumentRepository(conn)
        old_id, new_id = (ref if isinstance(ref, int) else docs.resolve(str(ref)) for ref in (old, new))
        if old_id == new_id:
            raise WorkbenchError("Choose two different documents to compare",
                                 "비교할 문서 두 개를 서로 다르게 고르세요")
        metas = effective_metadata(conn, [old_id, new_id])
        sides = []
        for doc_id in (old_id, new_id):
            info, meta = docs.info(doc_id), metas.get(doc_id)
            sides.append(Side(doc_id, info.title, info.source, meta.date if meta else ""))
        texts = [(docs.text(i), docs.blocks(i)) for i in (old_id, new_id)]
    finally:
        conn.close()
    return compare_texts(texts[0][0], texts[0][1], texts[1][0], texts[1][1], sides[0], sides[1])


def write_comparison(comparison: Comparison, out: Path, language: str = "ko", context: bool = False) -> dict:
    """The comparison as a 신구조문대비표 (현행 | 개정안) in .xlsx, .hwpx or
    .docx: every changed, deleted and inserted unit, the changed words
    struck through on the old side and underlined on the new. ``context``
    adds the unchanged units too."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise WorkbenchError(f"A comparison table is written to {', '.join(TABLE_FORMATS)}, "
                             f"not {suffix or 'a name without extension'}",
                             f"대비표는 {', '.join(TABLE_FORMATS)} 형식으로만 쓸 수 있습니다")
    from workbench.export.compare_table import table_rows

    rows = table_rows(comparison, language, context)
    if suffix == ".xlsx":
        from workbench.export.compare_xlsx import write_compare_xlsx

        write_compare_xlsx(comparison, rows, out, language)
    elif suffix == ".hwpx":
        from workbench.export.compare_hwpx import write_compare_hwpx

        write_compare_hwpx(comparison, rows, out, language)
    else:
        from workbench.export.compare_docx import write_compare_docx

        write_compare_docx(comparison, rows, out, language)
    return {"path": str(out), "format": suffix[1:], "rows": len(rows), **comparison.summary()}

"""The briefing's Summary counts the tagged passages by the documents'
publisher, type and month too, as the chart does; counts made by hand."""

from __future__ import annotations

from openpyxl import load_workbook

from workbench.services import annotations as svc
from workbench.services.export import export_briefing
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.metadata import set_document_metadata


def _table(ws, heading: str) -> list[list]:
    """The rows of the crosstab under ``heading``: its header, its tags, its total."""
    rows = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(rows) if row[0] == heading) + 1
    out = []
    for row in rows[start:]:
        if row[0] is None:
            break
        out.append([c for c in row if c is not None])
    return out


def test_summary_counts_tags_by_publisher_type_and_month(project, tmp_path):
    texts = {"a.txt": "가나다 라마바 사아자", "b.txt": "하나 둘 셋 넷", "c.txt": "일 이 삼 사 오"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [tmp_path / n for n in texts], entities=False))
    set_document_metadata(project, "a.txt", publisher="과기정통부", date="2024-03-05", doc_type="press_release")
    set_document_metadata(project, "b.txt", publisher="과기정통부", date="2024-04-20", doc_type="report")
    set_document_metadata(project, "c.txt", publisher="", date="2023", doc_type="report")
    svc.tag_passage(project, "a.txt", ["정책"], quote="가나다")
    svc.tag_passage(project, "a.txt", ["정책", "산업"], quote="라마바")
    svc.tag_passage(project, "b.txt", ["정책"], quote="하나")
    svc.tag_passage(project, "c.txt", ["산업"], quote="삼")

    out = tmp_path / "briefing.xlsx"
    export_briefing(project, out, language="ko")
    summary = load_workbook(out)["요약"]
    assert _table(summary, "태그 × 발행처") == [
        ["태그", "과기정통부", "(없음)", "합계"], ["산업", 1, 1, 2], ["정책", 3, 0, 3], ["합계", 3, 1, 4]]
    assert _table(summary, "태그 × 문서 유형") == [
        ["태그", "보고서", "보도자료", "합계"], ["산업", 1, 1, 2], ["정책", 1, 2, 3], ["합계", 2, 2, 4]]
    assert _table(summary, "태그 × 월") == [
        ["태그", "2024-03", "2024-04", "(없음)", "합계"], ["산업", 1, 0, 1, 2], ["정책", 2, 1, 0, 3],
        ["합계", 2, 1, 1, 4]]

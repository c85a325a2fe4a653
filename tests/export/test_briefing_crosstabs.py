"""The briefing's Summary counts the tagged passages by the documents'
publisher, type and month too, as the chart does; counts made by hand."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.helpers.crosstab_project import tagged_documents
from workbench.services.export import export_briefing


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
    tagged_documents(project, tmp_path, b_date="2024-04-20", policy="정책")

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

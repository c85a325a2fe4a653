"""The briefing's Memos sheet (issue 25): the journal, the documents' memos
and the tags' definitions and memos, with authors and times, in the
briefing's language — and no such sheet when the project has no memos."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook

from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services import memos
from workbench.services.analyst import set_analyst
from workbench.services.export import export_briefing
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job

TEXT = "과학기술정보통신부는 인공지능 기본법 시행령을 발표했다.\n\n전문가들은 규제 완화가 필요하다고 봤다."


@pytest.fixture
def tagged(project, tmp_path):
    path = tmp_path / "기사.txt"
    path.write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [path], index=False, entities=False))
    svc.tag_passage(project, "기사.txt", ["정책 / 규제"], quote="규제 완화")
    return project


def _rows(path, sheet):
    return [[c.value for c in row] for row in load_workbook(path)[sheet].iter_rows()]


def test_the_memos_sheet_lists_journal_document_and_tag_memos_with_authors_and_times(tagged, tmp_path):
    set_analyst(tagged, "김분석")
    entry = memos.add_journal_entry(tagged, "=1+1 코딩 원칙을 정함").value  # formula-like text stays text
    memos.set_document_memo(tagged, "기사.txt", "검토 필요")
    set_analyst(tagged, "이검토")
    memos.set_tag_memo(tagged, "정책 / 규제", "완화도 규제에 넣음", definition="규제를 만들거나 푸는 조치")
    books.create_tag(tagged, "전망", description="앞날을 말하는 문장")  # a definition without a memo
    out = tmp_path / "b.xlsx"
    export_briefing(tagged, out)
    assert load_workbook(out).sheetnames[-1] == "Memos"
    rows = _rows(out, "Memos")
    assert rows[0][:5] == ["Kind", "About", "Definition and rules", "Memo", "Written by"]
    assert rows[0][5].startswith("Written (") and rows[0][6] == "Last changed by"
    body = [r[:5] + [r[6]] for r in rows[1:]]
    assert body == [["Journal", None, None, "=1+1 코딩 원칙을 정함", "김분석", "김분석"],
                    ["Document", TEXT.split("\n")[0], None, "검토 필요", "김분석", "김분석"],
                    ["Tag", "전망", "앞날을 말하는 문장", None, None, None],  # the codebook's order
                    ["Tag", "정책 / 규제", "규제를 만들거나 푸는 조치", "완화도 규제에 넣음", "이검토", "이검토"]]
    written = rows[1][5]
    assert isinstance(written, datetime)
    stored = datetime.fromisoformat(entry.created_at).astimezone().replace(tzinfo=None)
    assert written == stored  # local time, as the header's zone says
    assert load_workbook(out)["Memos"]["D2"].data_type == "s"


def test_the_memos_sheet_speaks_korean_in_a_korean_briefing(tagged, tmp_path):
    memos.add_journal_entry(tagged, "첫 일지")
    out = tmp_path / "k.xlsx"
    export_briefing(tagged, out, language="ko")
    rows = _rows(out, "메모")
    assert rows[0][:5] == ["종류", "대상", "정의와 규칙", "메모", "작성자"] and rows[1][0] == "연구 일지"


def test_no_memos_no_sheet(tagged, tmp_path):
    out = tmp_path / "plain.xlsx"
    export_briefing(tagged, out)
    assert load_workbook(out).sheetnames == ["Passages", "정책", "Summary", "Entities", "Sources"]

"""Document metadata as a use case: effective values and where they came from,
the analyst's corrections (kept across re-ingest), the search filters date:,
publisher:, author:, doctype: (an edit counts at once, without re-indexing),
the briefing's Sources sheet, the CLI, and the migration of older projects."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from workbench.core.changes import Changes
from workbench.core.errors import WorkbenchError
from workbench.search.query import QueryError
from workbench.services import annotations as annotation_service
from workbench.services.export import export_briefing
from workbench.services.ingest import UPDATED, ingest
from workbench.services.jobs import run_job
from workbench.services.metadata import document_meta, document_metadata, set_document_metadata
from workbench.services.projects import open_project
from workbench.services.search import index_state, search, update_index
from workbench.store import schema
from workbench.store.documents import DocumentRepository

NEWS = ("AI 기본법 시행령 입법예고\n입력 2024.03.05 17:03\n\n"
        "과학기술정보통신부가 인공지능 기본법 시행령을 공개했다. 업계는 환영했다.\n\n"
        "김지선 기자 river@etnews.com")
PRESS = ("보도자료\n보도시점\t2024. 6. 21.(금) 11:00\t배포\t2024. 6. 21.(금) 09:00\n\n디지털 행정 혁신 추진\n\n"
         "□ 행정안전부(장관 이상민)는 21일 인공지능 기반 행정 서비스를 발표했다.")
REPORT = ("2023년 인공지능 산업 동향 연구\n\n홍길동/김철수\n\n2023. 12.\n\n인공지능 산업이 빠르게 성장했다.\n\n"
          "이 보고서는 소프트웨어정책연구소에서 수행한 연구보고서입니다.")
MEMO = "회의 메모\n\n인공지능 도입 방안을 논의했다. 날짜는 적지 않았다."
FILES = {"news.txt": NEWS, "press.txt": PRESS, "report.txt": REPORT, "memo.txt": MEMO}


def _make(root, index=True):
    project = open_project(root / "p")
    folder = root / "docs"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [folder], index=index))
    conn = project.connect()
    try:
        ids = {d.file_name: d.id for d in DocumentRepository(conn).list()}
    finally:
        conn.close()
    return project, folder, ids


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Read-only: four documents, indexed."""
    return _make(tmp_path_factory.mktemp("meta"))


@pytest.fixture
def writable(tmp_path):
    return _make(tmp_path)


def _found(project, query) -> list[int]:
    return sorted(d.doc_id for d in search(project, query, limit=None, docs=True).docs)


def test_effective_metadata_and_sources(corpus):
    project, _, ids = corpus
    meta = document_metadata(project)
    news = meta[ids["news.txt"]]
    assert news.values == {"date": "2024-03-05", "publisher": "전자신문", "author": "김지선", "doc_type": "news"}
    assert set(news.sources.values()) == {"inferred"}
    assert meta[ids["press.txt"]].values == {"date": "2024-06-21", "publisher": "행정안전부",
                                             "doc_type": "press_release"}
    assert meta[ids["report.txt"]].values == {"date": "2023-12", "publisher": "소프트웨어정책연구소",
                                              "author": "홍길동, 김철수", "doc_type": "report"}
    assert meta[ids["memo.txt"]].values == {}
    assert set(document_metadata(project, [ids["memo.txt"]])) == {ids["memo.txt"]}


def test_edit_clear_and_refuse(writable):
    project, _, ids = writable
    memo = ids["memo.txt"]
    outcome = set_document_metadata(project, memo, date="2024년 3월 10일", publisher="내부 회의", type="회의록")
    assert outcome.changes == Changes(documents_meta=frozenset({memo}))
    assert not outcome.changes.searchable  # nothing to re-index
    assert outcome.value.values == {"date": "2024-03-10", "publisher": "내부 회의", "doc_type": "minutes"}
    assert outcome.value.sources == {"date": "analyst", "publisher": "analyst", "doc_type": "analyst"}
    for written, stored in (("2024", "2024"), ("2024-03", "2024-03"), ("2024.3.5", "2024-03-05"),
                            ("2024. 3. 5.", "2024-03-05"), ("2024-03-05", "2024-03-05")):
        assert set_document_metadata(project, memo, date=written).value.date == stored

    # Correct an inferred value, then clear the correction: the text's value shows again.
    news = ids["news.txt"]
    assert set_document_metadata(project, news, publisher="전자신문 온라인").value.source("publisher") == "analyst"
    cleared = set_document_metadata(project, "news.txt", publisher="")
    assert (cleared.value.publisher, cleared.value.source("publisher")) == ("전자신문", "inferred")
    assert cleared.changes.documents_meta == {news}
    assert set_document_metadata(project, news, publisher="").changes == Changes()  # nothing left to clear

    with pytest.raises(WorkbenchError) as refused:
        set_document_metadata(project, news, date="2024-13-01", author="누군가")
    assert "2024-13-01" in refused.value.message and "not a date" in refused.value.message
    assert "날짜가 아닙니다" in refused.value.message_ko
    assert document_meta(project, news).author == "김지선"  # nothing of the refused edit was written
    with pytest.raises(WorkbenchError, match="Unknown document field"):
        set_document_metadata(project, news, colour="red")


def test_edit_survives_reingest(writable):
    project, folder, ids = writable
    news = ids["news.txt"]
    set_document_metadata(project, news, author="김지선, 이순신")
    (folder / "news.txt").write_text(NEWS.replace("2024.03.05", "2024.04.01") + "\n\n추가 문단.", encoding="utf-8")
    report = run_job(ingest(project, [folder / "news.txt"], index=False))
    [changed] = report.files
    assert (changed.status, changed.doc_id) == (UPDATED, news)  # same document, new text
    meta = document_meta(project, news)
    assert (meta.author, meta.source("author")) == ("김지선, 이순신", "analyst")  # the correction stays
    assert (meta.date, meta.source("date")) == ("2024-04-01", "inferred")  # the new text's own date
    assert meta.automatic("author") == "김지선"


def test_search_filters(corpus):
    project, _, ids = corpus
    news, press, report, memo = (ids[n] for n in ("news.txt", "press.txt", "report.txt", "memo.txt"))
    assert _found(project, "인공지능") == sorted([news, press, report, memo])
    assert _found(project, "인공지능 date:2024") == sorted([news, press])
    assert _found(project, "인공지능 date:2024-01..2024-03") == [news]  # months inclusive
    assert _found(project, "인공지능 date:2024-03-05") == [news]
    assert _found(project, "인공지능 date:2024-06-21..2024-06-21") == [press]
    assert _found(project, "인공지능 date:..2023-12") == [report]
    assert _found(project, "인공지능 date:2024-01..") == sorted([news, press])
    assert _found(project, "인공지능 date:2023-12..2024-06") == sorted([news, press, report])
    assert _found(project, "인공지능 date:2023-11-01..2023-12-15") == []  # "2023-12" is not wholly inside
    assert _found(project, "인공지능 (date:2024 OR date:2023)") == sorted([news, press, report])  # never undated
    assert _found(project, "인공지능 -date:2024") == sorted([report, memo])
    assert _found(project, "인공지능 publisher:전자신문") == [news]
    assert _found(project, "인공지능 publisher:정책연구소") == [report]  # part of the name
    assert _found(project, "인공지능 publisher:행안부") == [press]  # another name of the same ministry
    assert _found(project, 'publisher:"소프트웨어 정책연구소"') == [report]  # spacing ignored
    assert _found(project, "인공지능 author:김철수") == [report]
    assert _found(project, "인공지능 doctype:보도자료") == [press]
    assert _found(project, "인공지능 doctype:report") == [report]
    assert _found(project, "date:2024 publisher:전자신문") == [news]  # filters alone list documents


def test_an_edit_counts_in_search_at_once(writable):
    project, _, ids = writable
    memo, news = ids["memo.txt"], ids["news.txt"]
    assert index_state(project) == "ready"
    assert _found(project, "인공지능 date:2024-03") == [news]
    set_document_metadata(project, memo, date="2024.3.10", publisher="전자신문")
    assert index_state(project) == "ready"  # no re-indexing needed, none done
    assert _found(project, "인공지능 date:2024-03") == sorted([memo, news])
    assert _found(project, "인공지능 publisher:전자신문") == sorted([memo, news])
    set_document_metadata(project, news, date="2023-01-02")
    assert _found(project, "인공지능 date:2024-03") == [memo]


@pytest.mark.parametrize("query,problem,problem_ko", [
    ("인공지능 date:2024-13", '"2024-13" in "date:2024-13" is not a date', "날짜가 아닙니다"),
    ("인공지능 date:어제", "is not a date", "날짜가 아닙니다"),
    ("인공지능 date:2024-06..2024-01", "ends before it begins", "끝이 시작보다 앞섭니다"),
    ("인공지능 date:..", "is not a date range", "올바른 날짜 범위가 아닙니다"),
    ("인공지능 OR date:2024", "filter whole documents", "문서 전체를 거르는 필터"),
])
def test_malformed_filters_are_explained(corpus, query, problem, problem_ko):
    project, _, _ = corpus
    with pytest.raises(QueryError) as error:
        search(project, query)
    assert problem in error.value.message
    assert problem_ko in error.value.message_ko


def test_briefing_sources_sheet(writable, tmp_path):
    project, _, ids = writable
    set_document_metadata(project, ids["memo.txt"], date="2024-03", publisher="내부", url="https://example.org/m")
    annotation_service.tag_passage(project, str(ids["news.txt"]), ["정책"], quote="인공지능 기본법")
    annotation_service.tag_passage(project, str(ids["memo.txt"]), ["정책"], quote="인공지능 도입")
    out = tmp_path / "brief.xlsx"
    export_briefing(project, out)
    sheet = load_workbook(out)["Sources"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:8] == ["Document", "Source path", "Format", "Date", "Publisher", "Author", "URL", "Type"]
    assert rows[0][8].startswith("Ingested (") and rows[0][9] == "SHA-256"  # the time zone is named
    by_title = {r[0]: r for r in rows[1:]}
    news = by_title["AI 기본법 시행령 입법예고"]
    assert news[2:8] == ["txt", "2024-03-05", "전자신문", "김지선", None, "News article"]
    memo = by_title["회의 메모"]
    assert memo[2:8] == ["txt", "2024-03", "내부", None, "https://example.org/m", None]


def test_cli_meta(writable, capsys):
    from workbench.cli import main

    project, _, ids = writable
    root = str(project.root)
    assert main(["meta", str(ids["news.txt"]), "--project", root, "--set", "date=2024년 3월 6일",
                 "--set", "type=보도자료", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["date"], shown["doc_type"], shown["publisher"]) == ("2024-03-06", "press_release", "전자신문")
    assert shown["sources"] == {"date": "analyst", "publisher": "inferred", "author": "inferred",
                                "doc_type": "analyst"}
    assert main(["meta", "news.txt", "--project", root]) == 0
    assert "2024-03-06  [analyst]" in capsys.readouterr().out
    assert main(["meta", "news.txt", "--project", root, "--set", "date=2024-99"]) == 2
    assert "not a date" in capsys.readouterr().err
    assert main(["meta", "news.txt", "--project", root, "--set", "date"]) == 2


def test_older_projects_get_their_metadata_read(tmp_path):
    project, _, ids = _make(tmp_path, index=False)
    news = ids["news.txt"]
    conn = project.connect()
    try:  # a v6 project: the file's own metadata only, no corrections table
        conn.execute("UPDATE documents SET metadata = ? WHERE id = ?", (json.dumps({"author": "user"}), news))
        conn.execute("DROP TABLE document_meta_edits")
        for column in ("created_by", "updated_by"):  # v9's
            conn.execute(f"ALTER TABLE annotations DROP COLUMN {column}")
        for column in ("applied_by", "applied_at"):  # v10's
            conn.execute(f"ALTER TABLE annotation_tags DROP COLUMN {column}")
        conn.execute("DROP TABLE memos")  # v11's, with its triggers
        for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'memos_%'"
                                       ).fetchall():
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("PRAGMA user_version = 6")
    finally:
        conn.close()
    reopened = open_project(project.root)
    conn = reopened.connect()
    try:
        assert schema.version(conn) == schema.LATEST
        stored = json.loads(conn.execute("SELECT metadata FROM documents WHERE id = ?", (news,)).fetchone()[0])
    finally:
        conn.close()
    assert stored["file_author"] == "user"
    meta = document_meta(reopened, news)
    assert meta.values == {"date": "2024-03-05", "publisher": "전자신문", "author": "김지선", "doc_type": "news"}
    assert set_document_metadata(reopened, news, date="2024-03-04").value.date == "2024-03-04"


def test_update_index_is_not_needed_after_an_edit(writable):
    project, _, ids = writable
    before = run_job(update_index(project))
    set_document_metadata(project, ids["press.txt"], publisher="행정안전부 디지털정부국")
    after = run_job(update_index(project))
    assert before.indexed == 0 and after.indexed == 0  # the index holds no metadata

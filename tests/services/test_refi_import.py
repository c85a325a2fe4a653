"""Importing a REFI-QDA project: our own export comes back whole into a new
project (texts, codebook paths and colours, passages with their text, tags,
notes and dates), a tool that counted UTF-16 units is converted and said so,
what cannot be placed exactly is skipped and listed, and a damaged file
writes nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services.export import export_briefing
from workbench.services.analyst import set_analyst
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.services.refi_import import import_qdpx
from workbench.store.documents import DocumentRepository

TEXT_A = "정부는 인공지능 기본법 시행령을 발표했다.\n\n기업들은 규제 완화를 요구했다.\n\n전문가들은 신중론을 폈다."
TEXT_EMOJI = "반응 😀😀 이모지 뒤: 예산이 늘었다 🎉.\n\n둘째 문단에도 😀 규제 이야기."
NS = "urn:QDA-XML:project:1.0"


def _import(project, path, **kw):
    return run_job(import_qdpx(project, path, index=False, entities=False, **kw))


def _documents(project) -> dict[int, str]:
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        return {info.id: repo.text(info.id) for info in repo.list()}
    finally:
        conn.close()


def _passages(project) -> set[tuple]:
    texts = _documents(project)
    return {(texts[a.doc_id], texts[a.doc_id][a.start:a.end], tuple(a.tags), a.note, a.created_at, a.created_by,
             a.updated_at, a.updated_by) for a in svc.list_annotations(project)}


def _titles(project) -> dict[str, str]:
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        return {repo.text(info.id): info.title for info in repo.list()}
    finally:
        conn.close()


@pytest.fixture
def source(tmp_path):
    """Documents (one with emoji before its tagged passages, one with a title
    no file name can hold), nested tags with colours, a top-level tag sharing
    a nested one's name, notes, two analysts (one passage tagged by one and
    changed later by the other)."""
    project = open_project(tmp_path / "source")
    for name, text in (("a.txt", TEXT_A), ("emoji.txt", TEXT_EMOJI)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [tmp_path / "a.txt", tmp_path / "emoji.txt"], index=False, entities=False))
    with project.writing() as conn:
        DocumentRepository(conn).set_title(DocumentRepository(conn).resolve("a.txt"), "AI/ML 정책: 2024/2025 전망?")
    books.create_tag(project, "정책 / 규제", color="#E15759", description="법·제도")
    books.create_tag(project, "규제", color="#59A14F")
    books.create_tag(project, "정책", color="#112233")
    set_analyst(project, "김분석")
    svc.tag_passage(project, "a.txt", ["정책 / 규제"], quote="인공지능 기본법 시행령", note="핵심 근거\n둘째 줄")
    svc.tag_passage(project, "a.txt", ["규제", "기업"], quote="기업들은 규제 완화를 요구했다.")
    changed = svc.tag_passage(project, "emoji.txt", ["예산"], quote="예산이 늘었다 🎉", note="이모지 뒤").value
    set_analyst(project, "Lee Analyst")
    svc.tag_passage(project, "emoji.txt", ["정책 / 규제"], quote="규제 이야기")
    with project.writing() as conn:  # tagged a day ago, changed today by the other analyst
        conn.execute("UPDATE annotations SET created_at = '2026-01-02T03:04:05+00:00' WHERE id = ?", (changed.id,))
    svc.update_annotation(project, changed.id, note="이모지 뒤, 고쳐 씀")
    return project, tmp_path


def test_round_trip_into_a_new_project_gives_the_same_sources_codebook_and_passages(source, tmp_path):
    project, root = source
    export_briefing(project, root / "out.qdpx")
    target = open_project(tmp_path / "target")
    report = _import(target, root / "out.qdpx")

    assert sorted(_documents(target).values()) == sorted(_documents(project).values())
    assert report.count("source", "added") == 2 and not report.skipped
    book = {t.path: (t.color, t.description) for t in books.codebook(target)}
    assert book == {t.path: (t.color, t.description) for t in books.codebook(project)}
    assert _passages(target) == _passages(project)
    assert report.count("selection", "imported") == 4
    assert sorted(report.users) == ["Lee Analyst", "김분석"]
    # Who tagged and who changed each passage, and when, came across (compared in _passages), with a change
    # by another analyst than the one who tagged it; the titles too, a file name's forbidden characters and all.
    passages = {p[1]: p[4:] for p in _passages(target)}
    created_at, created_by, updated_at, updated_by = passages["예산이 늘었다 🎉"]
    assert (created_at, created_by, updated_by) == ("2026-01-02T03:04:05+00:00", "김분석", "Lee Analyst")
    assert updated_at > created_at
    assert passages["규제 이야기"][1::2] == ("Lee Analyst", "Lee Analyst")
    assert _titles(target) == _titles(project) and "AI/ML 정책: 2024/2025 전망?" in _titles(target).values()
    assert len(report.changes.documents_meta) == 2
    changes = report.changes
    assert changes.codebook and len(changes.annotations) == 4 and len(changes.documents_added) == 2
    json = report.to_json()
    assert json["summary"]["selection"] == {"imported": 4}
    # The imported sources live inside the project, as any document's file does.
    assert all(Path(p).is_relative_to(target.root / "imported") for p in _sources(target))


def _sources(project) -> list[str]:
    conn = project.connect()
    try:
        return [info.source for info in DocumentRepository(conn).list()]
    finally:
        conn.close()


def test_importing_again_merges_everything_and_adds_nothing(source, tmp_path):
    project, root = source
    export_briefing(project, root / "out.qdpx")
    # Into the project it came from: every source is a document already there.
    report = _import(project, root / "out.qdpx")
    assert report.count("source", "merged") == 2 and report.count("source", "added") == 0
    assert report.count("code", "created") == 0 and report.count("code", "reused") == 5
    assert report.count("selection", "present") == 4
    assert len(svc.list_annotations(project)) == 4
    assert not (project.root / "imported").exists() or not any((project.root / "imported").rglob("*.txt"))


def test_a_top_level_code_never_merges_into_a_nested_tag_and_colours_are_kept(tmp_path):
    target = open_project(tmp_path / "target")
    books.create_tag(target, "정책 / 규제", color="#000000")
    path = _qdpx(tmp_path / "codes.qdpx", "한 문장의 원문입니다.", [
        ('guid="10000000-0000-4000-8000-000000000001" name="규제" color="#FF0000"', []),
        ('guid="10000000-0000-4000-8000-000000000002" name="정책" color="#00FF00"',
         ['guid="10000000-0000-4000-8000-000000000003" name="규제" color="#0000FF"']),
    ], [])
    report = _import(target, path)
    book = {t.path: t.color for t in books.codebook(target)}
    assert set(book) == {"규제", "정책", "정책 / 규제"}
    assert book["규제"] == "#FF0000"  # created top-level with the file's colour
    assert book["정책 / 규제"] == "#000000" and book["정책"] != "#00FF00"  # reused: the project's colours stay
    assert report.count("code", "created") == 1 and report.count("code", "reused") == 2


def _qdpx(path: Path, text: str, codes: list, selections: list, extra_sources: str = "",
          name: str = "doc.txt", member: str | None = "sources/s1.txt") -> Path:
    """A hand-made .qdpx: codes as (attrs, [child attrs]); selections as
    (start, end, name, code guid)."""
    code_xml = "".join(f'<Code {attrs} isCodable="true">' + "".join(f'<Code {c} isCodable="true"/>' for c in kids)
                       + "</Code>" for attrs, kids in codes)
    sel_xml = "".join(
        f'<PlainTextSelection guid="20000000-0000-4000-8000-{i:012d}" name="{quote}" startPosition="{s}" '
        f'endPosition="{e}" creationDateTime="2024-03-05T01:02:03Z"><Coding guid="30000000-0000-4000-8000-{i:012d}">'
        f'<CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
        for i, (s, e, quote, code) in enumerate(selections))
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS}" name="hand" origin="Hand">'
           f'<Users><User guid="40000000-0000-4000-8000-000000000001" name="colleague"/></Users>'
           + (f"<CodeBook><Codes>{code_xml}</Codes></CodeBook>" if code_xml else "")
           + f'<Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="{name}" '
             f'plainTextPath="internal://s1.txt">{sel_xml}</TextSource>{extra_sources}</Sources></Project>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        if member:
            archive.writestr(member, text.encode("utf-8"))
    return path


CODE = '10000000-0000-4000-8000-000000000001'


def test_utf16_positions_are_converted_and_reported(tmp_path):
    text = "😀😀 앞의 이모지 두 개, 그 뒤의 예산 문장. 🎉 끝의 규제 문장."
    quote = "예산 문장"
    start = text.index(quote)
    units = lambda i: len(text[:i].encode("utf-16-le")) // 2  # noqa: E731 - how a UTF-16 tool counts
    second = text.index("규제 문장")
    path = _qdpx(tmp_path / "u16.qdpx", text, [(f'guid="{CODE}" name="코드"', [])], [
        (units(start), units(start + len(quote)), quote, CODE),
        # No quote here: the file's other selection showed the tool counts UTF-16.
        (units(second), units(second + 5), "", CODE)])
    target = open_project(tmp_path / "target")
    report = _import(target, path)
    texts = _documents(target)
    got = sorted(texts[a.doc_id][a.start:a.end] for a in svc.list_annotations(target))
    assert got == sorted([quote, "규제 문장"])
    converted = [i for i in report.items if i.status == "converted"]
    assert len(converted) == 2 and all("UTF-16" in i.message for i in converted)
    assert all(a.created_at == "2024-03-05T01:02:03+00:00" for a in svc.list_annotations(target))


def test_out_of_range_and_mismatched_selections_are_skipped_with_reasons(tmp_path):
    text = "짧은 원문입니다. 두 번째 문장."
    path = _qdpx(tmp_path / "bad.qdpx", text, [(f'guid="{CODE}" name="코드"', [])], [
        (0, 5, "짧은 원문", CODE),
        (10, 500, "", CODE),  # past the end
        (3, 7, "전혀 다른 인용문", CODE),  # the quote is not there
        (7, 7, "", CODE),  # empty
    ])
    target = open_project(tmp_path / "target")
    report = _import(target, path)
    assert report.count("selection", "imported") == 1
    reasons = {i.name.rsplit(": ", 1)[1]: i.message for i in report.skipped}
    assert "ends at 500, past the end" in reasons["10-500"] and "quote" in reasons["3-7"] and "empty" in reasons["7-7"]
    assert all(i.message_ko for i in report.skipped)
    [row] = svc.list_annotations(target)
    assert (row.start, row.end) == (0, 5)


def test_a_missing_source_file_and_other_source_types_are_reported(tmp_path):
    path = _qdpx(tmp_path / "missing.qdpx", "", [(f'guid="{CODE}" name="코드"', [])], [(0, 3, "", CODE)],
                 extra_sources='<PDFSource guid="60000000-0000-4000-8000-000000000001" name="scan.pdf" '
                               'path="internal://scan.pdf"/>', member=None)
    target = open_project(tmp_path / "target")
    report = _import(target, path)
    skipped = {i.name: i.message for i in report.skipped}
    assert "not in the archive" in skipped["doc.txt"] and "1 coded selections" in skipped["doc.txt"]
    assert "PDFSource" in skipped["scan.pdf"]
    assert _documents(target) == {}
    assert report.count("code", "created") == 1  # the codebook still comes in


def test_text_normalised_on_storing_keeps_exact_offsets(tmp_path):
    """CR LF line ends, a decomposed syllable and a zero-width space before the
    passage: stored as NFC with LF, the passage still lands on its text."""
    text = "첫 줄\r\n\u1100\u1161나다 라\u200b마\r\n\r\n\r\n셋째 줄의 규제 문장.\r\n"
    quote = "규제 문장"
    start = text.index(quote)
    path = _qdpx(tmp_path / "crlf.qdpx", text, [(f'guid="{CODE}" name="코드"', [])], [
        (start, start + len(quote), quote, CODE),
        (text.index("\u1161"), text.index("\u1161") + 2, "", CODE),  # starts inside the decomposed 가
    ])
    target = open_project(tmp_path / "target")
    report = _import(target, path)
    [row] = svc.list_annotations(target)
    assert _documents(target)[row.doc_id][row.start:row.end] == quote
    [skipped] = report.skipped
    assert "normalised" in skipped.message


@pytest.mark.parametrize("content, problem", [
    (b"not a zip at all", "not a .qdpx"),
    (None, "not well-formed XML"),
    ("no-qde", "no project.qde"),
    ("wrong-root", "not a REFI-QDA <Project>"),
])
def test_a_malformed_file_gives_a_clear_error_and_writes_nothing(tmp_path, content, problem):
    path = tmp_path / "broken.qdpx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("project.qde", "<Project xmlns='urn:QDA-XML:project:1.0' name='x'><Sources>")
            archive.writestr("sources/a.txt", "본문")
    elif content == "no-qde":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("sources/a.txt", "본문")
    elif content == "wrong-root":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("project.qde", "<CodeBook xmlns='urn:QDA-XML:codebook:1.0'/>")
    else:
        path.write_bytes(content)
    target = open_project(tmp_path / "target")
    books.create_tag(target, "기존")
    before = (books.codebook_snapshot(target), _documents(target))
    with pytest.raises(WorkbenchError) as caught:
        _import(target, path)
    assert "broken.qdpx" in caught.value.message and problem in caught.value.message
    assert caught.value.message_ko != caught.value.message and "broken.qdpx" in caught.value.message_ko
    assert (books.codebook_snapshot(target), _documents(target)) == before
    assert not (target.root / "imported").exists()


def test_without_a_quote_code_points_are_taken_and_the_doubt_is_reported(tmp_path):
    text = "😀 이모지 뒤의 예산 문장."
    start = text.index("예산")
    path = _qdpx(tmp_path / "noquote.qdpx", text, [(f'guid="{CODE}" name="코드"', [])],
                 [(start, start + 2, "", CODE)])
    target = open_project(tmp_path / "target")
    report = _import(target, path)
    [row] = svc.list_annotations(target)
    assert _documents(target)[row.doc_id][row.start:row.end] == "예산"
    [item] = [i for i in report.items if i.kind == "selection"]
    assert item.status == "imported" and "no quote" in item.message and "UTF-16" in item.message_ko

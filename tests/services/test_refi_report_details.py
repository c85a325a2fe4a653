"""What a REFI-QDA import says and keeps besides the passages: a file where
two codes or two users share a GUID is refused (every reference to it would
be a guess), two sources or selections sharing one are imported and said;
each out-of-bounds selection has its own reason; a source's creator and
dates in the other program are kept in the document's metadata and said;
every element kind Workbench has no place for is counted in the report, and
so is every change normalising a source's text made."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.services.test_refi_import import _documents as _texts
from workbench.core.errors import WorkbenchError
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services.jobs import run_job
from workbench.services.metadata import document_metadata
from workbench.services.projects import open_project
from workbench.services.refi_import import import_qdpx, normalisation_changes
from workbench.store.documents import DocumentRepository

NS = "urn:QDA-XML:project:1.0"
C1, C2 = "10000000-0000-4000-8000-000000000001", "10000000-0000-4000-8000-000000000002"
U1, U2 = "40000000-0000-4000-8000-000000000001", "40000000-0000-4000-8000-000000000002"
S1, S2 = "50000000-0000-4000-8000-000000000001", "50000000-0000-4000-8000-000000000002"
P1 = "20000000-0000-4000-8000-000000000001"


def _selection(guid: str, start: int, end: int, code: str = C1) -> str:
    return (f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}">'
            f'<Coding guid="3{guid[1:]}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>')


def _write(path: Path, body: str, members: dict[str, str], users: str = "", codes: str = "") -> Path:
    users = users or f'<User guid="{U1}" name="김연구"/>'
    codes = codes or f'<Code guid="{C1}" name="정책" isCodable="true"/>'
    qde = (f'<Project xmlns="{NS}" name="x" origin="Somebody 1.0"><Users>{users}</Users>'
           f'<CodeBook><Codes>{codes}</Codes></CodeBook>{body}</Project>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        for name, text in members.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


def _import(tmp_path, path, name="p"):
    project = open_project(tmp_path / name)
    return project, run_job(import_qdpx(project, path, index=False, entities=False))


TEXT = "첫 문장은 정책 이야기다. 둘째 문장은 규제 이야기다."


@pytest.mark.parametrize("users, codes, guid, names", [
    (f'<User guid="{U1}" name="김연구"/><User guid="{U1}" name="Lee"/>', "", U1, ("김연구", "Lee")),
    ("", f'<Code guid="{C1}" name="정책" isCodable="true"><Code guid="{C1}" name="규제" isCodable="true"/></Code>',
     C1, ("정책", "정책 / 규제")),
])
def test_two_codes_or_two_users_with_one_guid_refuse_the_file(tmp_path, users, codes, guid, names):
    body = f'<Sources><TextSource guid="{S1}" name="t" plainTextPath="internal://t.txt">' \
           f'{_selection(P1, 0, 2)}</TextSource></Sources>'
    path = _write(tmp_path / "dup.qdpx", body, {"sources/t.txt": TEXT}, users=users, codes=codes)
    project = open_project(tmp_path / "p")
    with pytest.raises(WorkbenchError) as caught:
        run_job(import_qdpx(project, path, index=False, entities=False))
    message = caught.value.message
    assert guid in message and all(repr(n) in message for n in names) and "nothing was imported" in message
    assert guid in caught.value.message_ko and "GUID" in caught.value.message_ko
    assert books.codebook(project) == [] and not (project.root / "imported").exists()


def test_two_sources_or_selections_sharing_a_guid_are_each_imported_and_said(tmp_path):
    other = "다른 원문이다. 여기에도 정책이 있다."
    body = (f'<Sources><TextSource guid="{S1}" name="one" plainTextPath="internal://a.txt">'
            f'{_selection(P1, 0, 2)}{_selection(P1, 16, 18)}</TextSource>'
            f'<TextSource guid="{S1}" name="two" plainTextPath="internal://b.txt">{_selection(P1, 0, 2)}'
            f'</TextSource></Sources>')
    project, report = _import(tmp_path, _write(tmp_path / "d.qdpx", body, {"sources/a.txt": TEXT,
                                                                            "sources/b.txt": other}))
    assert report.count("source", "added") == 2 and len(svc.list_annotations(project)) == 3
    noted = {i.kind: i for i in report.items if i.status == "noted"}
    assert set(noted) == {"source", "selection"}
    assert S1 in noted["source"].message and "'one'" in noted["source"].message and "'two'" in noted["source"].message
    assert P1 in noted["selection"].message and "3 selections share" in noted["selection"].message
    assert S1 in noted["source"].message_ko and not report.skipped


def test_each_out_of_bounds_selection_has_its_own_reason(tmp_path):
    n = len(TEXT)
    cases = {(-3, 4): "a negative position (-3-4)", (8, 2): "a reversed selection (8-2)",
             (5, 5): "an empty selection (5-5)", (4, 5000): f"ends at 5000, past the end of the text ({n} characters)",
             (n + 10, n + 20): f"starts at {n + 10}, past the end of the text ({n} characters)"}
    body = (f'<Sources><TextSource guid="{S1}" name="t" plainTextPath="internal://t.txt">'
            + "".join(_selection(f"2000000{i}-0000-4000-8000-000000000001", s, e) for i, (s, e) in enumerate(cases))
            + _selection("29999999-0000-4000-8000-000000000001", 0, 2) + "</TextSource></Sources>")
    project, report = _import(tmp_path, _write(tmp_path / "b.qdpx", body, {"sources/t.txt": TEXT}))
    reasons = {i.name.rsplit(": ", 1)[1]: (i.message, i.message_ko) for i in report.skipped}
    for (s, e), reason in cases.items():
        assert reasons[f"{s}-{e}"][0].startswith(reason), (s, e, reasons[f"{s}-{e}"])
    assert "5000에서 끝나 원문의 끝" in reasons["4-5000"][1]
    assert report.count("selection", "imported") == 1


def test_past_the_end_counts_utf16_units_where_a_tool_may_have(tmp_path):
    text = "😀😀 두 개의 이모지 뒤 문장."
    units = len(text.encode("utf-16-le")) // 2
    body = (f'<Sources><TextSource guid="{S1}" name="t" plainTextPath="internal://t.txt">'
            f'{_selection(P1, 5, units)}{_selection("20000000-0000-4000-8000-000000000002", 5, units + 1)}'
            "</TextSource></Sources>")
    _project, report = _import(tmp_path, _write(tmp_path / "u.qdpx", body, {"sources/t.txt": text}))
    [skipped] = report.skipped
    assert skipped.message == f"ends at {units + 1}, past the end of the text ({len(text)} characters; {units} in UTF-16 units)"


def test_the_source_creator_and_dates_are_kept_and_said(tmp_path):
    body = (f'<Sources><TextSource guid="{S1}" name="인터뷰" plainTextPath="internal://t.txt" creatingUser="{U1}" '
            f'creationDateTime="2019-05-06T07:08:09Z" modifyingUser="{U2}" modifiedDateTime="2020-01-02T03:04:05+09:00">'
            f'{_selection(P1, 0, 2)}</TextSource>'
            f'<TextSource guid="{S2}" name="남의 것" plainTextPath="internal://u.txt" creatingUser="unknown-user"/>'
            "</Sources>")
    users = f'<User guid="{U1}" name="김연구"/><User guid="{U2}" name="Lee"/>'
    project, report = _import(tmp_path, _write(tmp_path / "m.qdpx", body, {"sources/t.txt": TEXT,
                                                                            "sources/u.txt": "둘째 원문."}, users=users))
    conn = project.connect()
    try:
        ids = {info.title or info.source: info.id for info in DocumentRepository(conn).list()}
        added = {info.id: info.ingested_at for info in DocumentRepository(conn).list()}
    finally:
        conn.close()
    meta = {doc_id: m.stored for doc_id, m in document_metadata(project).items()}
    first = meta[ids["인터뷰"]]
    assert first["refi_created_by"] == "김연구" and first["refi_created_at"] == "2019-05-06T07:08:09+00:00"
    assert first["refi_modified_by"] == "Lee" and first["refi_modified_at"] == "2020-01-01T18:04:05+00:00"
    assert meta[ids["남의 것"]]["refi_created_by"] == "unknown-user (m.qdpx)"
    assert all(at > "2024" for at in added.values())  # the import's own time stays where it was
    line = next(i for i in report.items if i.name == "인터뷰")
    assert "created by 김연구 on 2019-05-06T07:08:09+00:00 in Somebody 1.0" in line.message
    assert "last changed on 2020-01-01T18:04:05+00:00 by Lee" in line.message
    assert "김연구이(가) 2019-05-06T07:08:09+00:00에 만듦" in line.message_ko
    assert set(report.changes.documents_meta) == set(ids.values())


def test_elements_workbench_has_no_place_for_are_counted_in_the_report(tmp_path):
    body = (f'<Variables><Variable guid="v1" name="나이" typeOfVariable="Integer"/>'
            f'<Variable guid="v2" name="성별" typeOfVariable="Text"/></Variables>'
            f'<Cases><Case guid="k1" name="사례 1"><MemberSource targetGUID="{S1}"/>'
            f'<VariableValue><VariableRef targetGUID="v1"/><IntegerValue>40</IntegerValue></VariableValue></Case></Cases>'
            f'<Sources><TextSource guid="{S1}" name="t" plainTextPath="internal://t.txt">{_selection(P1, 0, 2)}'
            f'<Coding guid="c9"><CodeRef targetGUID="{C1}"/></Coding></TextSource>'
            '<PictureSource guid="p9" name="사진.jpg" path="internal://p.jpg"/></Sources>'
            '<Notes><Note guid="n1" name="memo"><PlainTextContent>구절 메모</PlainTextContent></Note></Notes>'
            f'<Links><Link guid="l1" originGUID="n1" targetGUID="{P1}"/>'
            f'<Link guid="l2" originGUID="{C1}" targetGUID="{S1}"/><Link guid="l3" originGUID="n1" targetGUID="p9"/>'
            '</Links>'
            f'<Sets><Set guid="st1" name="A"><MemberSource targetGUID="{S1}"/></Set><Set guid="st2" name="B"/></Sets>'
            '<Graphs><Graph guid="g1" name="망"/></Graphs>')
    project, report = _import(tmp_path, _write(tmp_path / "e.qdpx", body, {"sources/t.txt": TEXT}))
    lines = {(i.kind, i.name): i for i in report.skipped}
    assert "2 sets" in lines[("set", "Set × 2")].message
    assert "1 graph " in lines[("graph", "Graph × 1")].message
    assert "2 links between items" in lines[("link", "Link × 2")].message  # l1 is the passage's note
    assert "2 variables" in lines[("variable", "Variable × 2")].message
    assert "1 value of a variable" in lines[("variable", "VariableValue × 1")].message
    assert "1 case" in lines[("case", "Case × 1")].message
    assert all("가져오지 않았습니다" in i.message_ko for (kind, _), i in lines.items() if "×" in _)
    assert "1 codes on the whole source" in lines[("selection", "t")].message
    assert "PictureSource" in lines[("source", "사진.jpg")].message
    [passage] = svc.list_annotations(project)
    assert passage.note == "구절 메모"


def test_every_normalisation_is_counted_per_source(tmp_path):
    raw = ("\n\n제목 줄   \r\n\u200b첫 문단\u200b에 폭 없는\u200b 공백.\r\n\r\n\r\n\r\n"
           "\u1100\u1161\u11a8 분해된 글자와 \u212b.\r\n둘째\u00ad줄\u200e.\r\n\n\n\n끝.\n\n\n")
    body = f'<Sources><TextSource guid="{S1}" name="t" plainTextPath="internal://t.txt"/></Sources>'
    path = tmp_path / "n.qdpx"
    _write(path, body, {})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("sources/t.txt", b"\xef\xbb\xbf" + raw.encode("utf-8"))
    project, report = _import(tmp_path, path)
    [line] = [i for i in report.items if i.kind == "source"]
    said = line.message.split("text normalised: ", 1)[1]
    expected = ["a byte-order mark removed", "3 zero-width spaces removed",
                "1 invisible mark removed (direction marks, word joiners)", "1 soft hyphen removed",
                "7 CR LF line ends made LF", "2 characters composed to their standard form (NFC)",
                "spaces removed at the end of 1 line", "2 runs of blank lines collapsed to one",
                "4 blank lines at the start or end removed"]
    assert said == ", ".join(expected)
    assert "폭 없는 공백 3개 제거" in line.message_ko and "연속된 빈 줄 2곳을 한 줄로 줄임" in line.message_ko
    stored = next(iter(_texts(project).values()))
    assert "\u200b" not in stored and "\r" not in stored and "\n\n\n" not in stored and "각" in stored


def test_a_text_stored_as_it_is_reports_no_normalisation():
    assert normalisation_changes("한 줄.\n둘째 줄.\n", "한 줄.\n둘째 줄.") == []
    assert normalisation_changes("가\u200b나", "가나") == [("1 zero-width space removed", "폭 없는 공백 1개 제거")]

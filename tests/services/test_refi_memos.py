"""Memos in REFI-QDA (issue 25): the export writes the journal, document
memos and tag memos as <Note>s with their users and dates, pointed to by the
project's, the source's and the code's <NoteRef>, valid against the
schema; importing the file into a fresh project gives back the same memos,
authors and dates; and a real ATLAS.ti export's free memos land in the
journal, counted from its XML independently."""

from __future__ import annotations

import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

from workbench.core.ids import user_guid
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services import memos
from workbench.services.analyst import set_analyst
from workbench.services.export import export_briefing
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.services.refi_import import import_qdpx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "refi"
ATLAS = FIXTURES / "atlasti84_refi_standard.qdpx"
NS = {"q": "urn:QDA-XML:project:1.0"}
TEXT = "😀 정부는 인공지능 기본법 시행령을 발표했다.\n\n기업들은 규제 완화를 요구했다."


@pytest.fixture
def with_memos(tmp_path):
    project = open_project(tmp_path / "p")
    path = tmp_path / "기사.txt"
    path.write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [path], index=False, entities=False))
    set_analyst(project, "김분석")
    svc.tag_passage(project, "기사.txt", ["정책 / 규제"], quote="규제 완화", note="구절 메모")
    memos.add_journal_entry(project, "첫째 날: 코딩 원칙\n둘째 줄")
    memos.set_document_memo(project, "기사.txt", "검토 필요")
    set_analyst(project, "이검토")
    memos.add_journal_entry(project, "둘째 날")
    memos.set_tag_memo(project, "정책 / 규제", "완화도 규제에 넣음", definition="규제를 만들거나 푸는 조치")
    memos.set_document_memo(project, "기사.txt", "검토 끝")  # 김분석's memo, changed by 이검토
    return project


def _qde(path: Path):
    with zipfile.ZipFile(path) as archive:
        [member] = [n for n in archive.namelist() if n.lower().endswith(".qde")]
        return etree.fromstring(archive.read(member))


def _z(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_export_writes_memos_as_notes_with_references_users_and_dates(with_memos, tmp_path):
    out = tmp_path / "m.qdpx"
    result = export_briefing(with_memos, out)
    assert result["memos"] == 4
    root = _qde(out)
    schema = etree.XMLSchema(etree.parse(str(FIXTURES / "Project-mrt2019.xsd")))
    assert schema.validate(root), "\n".join(str(e) for e in schema.error_log)
    notes = {n.get("guid"): n for n in root.findall("q:Notes/q:Note", NS)}
    text = {g: n.findtext("q:PlainTextContent", namespaces=NS) for g, n in notes.items()}
    users = {u.get("guid"): u.get("name") for u in root.findall("q:Users/q:User", NS)}
    assert {"김분석", "이검토"} <= set(users.values())
    # Every NoteRef names a note in the file.
    refs = [r.get("targetGUID") for r in root.iter("{urn:QDA-XML:project:1.0}NoteRef")]
    assert refs and set(refs) <= set(notes)
    journal = [r.get("targetGUID") for r in root.findall("q:NoteRef", NS)]  # the project's own
    assert [text[g] for g in journal] == ["첫째 날: 코딩 원칙\n둘째 줄", "둘째 날"]
    assert notes[journal[0]].get("name") == "첫째 날: 코딩 원칙"
    [source] = root.findall("q:Sources/q:TextSource", NS)
    [doc_ref] = source.findall("q:NoteRef", NS)
    assert text[doc_ref.get("targetGUID")] == "검토 끝"
    doc_note = notes[doc_ref.get("targetGUID")]
    assert users[doc_note.get("creatingUser")] == "김분석" and users[doc_note.get("modifyingUser")] == "이검토"
    memo = memos.document_memo(with_memos, "기사.txt")
    assert (doc_note.get("creationDateTime"), doc_note.get("modifiedDateTime")) == (_z(memo.created_at),
                                                                                   _z(memo.updated_at))
    [code] = [c for c in root.iter("{urn:QDA-XML:project:1.0}Code") if c.get("name") == "규제"]
    assert code.findtext("q:Description", namespaces=NS) == "규제를 만들거나 푸는 조치"
    [code_ref] = code.findall("q:NoteRef", NS)
    assert text[code_ref.get("targetGUID")] == "완화도 규제에 넣음"
    assert notes[code_ref.get("targetGUID")].get("creatingUser") == user_guid("이검토")
    # the passage's note is still the selection's, not a memo
    [selection] = source.findall("q:PlainTextSelection", NS)
    assert text[selection.find("q:NoteRef", NS).get("targetGUID")] == "구절 메모"
    again = tmp_path / "again.qdpx"
    export_briefing(with_memos, again)
    assert set(notes) == {n.get("guid") for n in _qde(again).findall("q:Notes/q:Note", NS)}  # stable GUIDs


def test_memos_round_trip_through_a_qdpx_with_their_authors_and_dates(with_memos, tmp_path):
    out = tmp_path / "m.qdpx"
    export_briefing(with_memos, out)
    fresh = open_project(tmp_path / "fresh")
    set_analyst(fresh, "다른사람")  # the importer is not taken for the memos' author
    report = run_job(import_qdpx(fresh, out, index=False, entities=False))
    assert report.changes.memos and not report.skipped
    assert report.summary()["note"] == {"imported": 4}
    assert "4 memos imported" in report.headline("en") and "메모 4개 가져옴" in report.headline("ko")

    def shape(project):
        return [(v.memo.kind, v.target, v.memo.text, v.memo.author, v.memo.modifier, v.memo.created_at,
                 v.memo.updated_at) for v in memos.list_memos(project)]

    assert shape(fresh) == shape(with_memos)
    assert {t.path: t.description for t in books.codebook(fresh)}["정책 / 규제"] == "규제를 만들거나 푸는 조치"
    [row] = svc.list_annotations(fresh)
    assert row.note == "구절 메모"  # not a memo
    again = run_job(import_qdpx(fresh, out, index=False, entities=False))  # the same file again adds nothing
    assert again.summary()["note"] == {"present": 4} and shape(fresh) == shape(with_memos)


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def test_a_real_atlas_ti_exports_free_memos_become_journal_entries(tmp_path):
    """ATLAS.ti writes its memos as <Note>s no NoteRef points to (one is linked
    to a quotation whose text is not in the archive): each is a journal entry
    with its author and dates."""
    root = _qde(ATLAS)
    users = {u.get("guid"): u.get("name") for u in root.iter() if _local(u) == "User"}
    referenced = {r.get("targetGUID") for r in root.iter() if _local(r) == "NoteRef"}
    expected = []
    for note in (n for n in root.iter() if _local(n) == "Note"):
        content = "".join(c.text or "" for c in note if _local(c) == "PlainTextContent").strip()
        if content and note.get("guid") not in referenced:
            expected.append((content, users[note.get("creatingUser")], note.get("creationDateTime"),
                             note.get("modifiedDateTime"), note.get("guid")))
    assert len(expected) == 2  # what the file is: two free memos

    project = open_project(tmp_path / "p")
    report = run_job(import_qdpx(project, ATLAS, index=False, entities=False))
    entries = memos.journal(project)
    assert [(e.text, e.author, _z(e.created_at), _z(e.updated_at), e.guid) for e in entries] == expected
    notes = [i for i in report.items if i.kind == "note"]
    assert [i.status for i in notes] == ["imported"] * 2
    assert {i.name for i in notes} == {n.get("name") for n in root.iter() if _local(n) == "Note"}

"""REFI-QDA files other tools trust: the .qde and the .qdc validate against
the official schemas (tests/fixtures/refi), name the analyst, date every
source, selection and coding, keep their GUIDs from one export to the next and
between the .qdc and the .qdpx, give sources file-name-safe names and carry
notes as REFI notes."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from workbench.core.ids import user_guid
from workbench.export.filenames import safe_file_name
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services.export import export_briefing
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "refi"
NS = {"q": "urn:QDA-XML:project:1.0", "c": "urn:QDA-XML:codebook:1.0"}
HOSTILE = "AI/ML 정책: 2024/2025 전망?"
TEXT_A = "정부는 인공지능 기본법 시행령을 발표했다.\n\n기업들은 규제 완화를 요구했다.\n\n전문가들은 신중론을 폈다."
TEXT_B = "두 번째 문서: 예산이 늘었다.\n\n반응은 엇갈렸다."


@pytest.fixture(scope="module")
def schemas():
    return {name: etree.XMLSchema(etree.parse(str(FIXTURES / name)))
            for name in ("Project-mrt2019.xsd", "Codebook.xsd")}


@pytest.fixture
def tagged(tmp_path, monkeypatch):
    """Two documents that both carry the hostile title, nested tags, a note."""
    from workbench.services.projects import open_project

    monkeypatch.setattr("getpass.getuser", lambda: "분석가")
    project = open_project(tmp_path / "p")
    for name, text in (("a.txt", TEXT_A), ("b.txt", TEXT_B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [tmp_path / "a.txt", tmp_path / "b.txt"], index=False, entities=False))
    with project.writing() as conn:
        conn.execute("UPDATE documents SET title = ?", (HOSTILE,))
    books.create_tag(project, "정책 / 규제", color="#E15759", description="법·제도")
    books.create_tag(project, "규제", color="#59A14F")  # a top-level tag of the same name: another code
    svc.tag_passage(project, "a.txt", ["정책 / 규제"], quote="인공지능 기본법 시행령", note="핵심 근거\n둘째 줄")
    svc.tag_passage(project, "a.txt", ["규제", "기업"], quote="기업들은 규제 완화를 요구했다.")
    svc.tag_passage(project, "b.txt", ["예산"], quote="예산이 늘었다")
    return project, tmp_path


def _qde(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def _assert_valid(schema: etree.XMLSchema, root: etree._Element) -> None:
    assert schema.validate(root), "\n".join(str(e) for e in schema.error_log)


def test_qde_and_qdc_validate_against_the_refi_schemas(tagged, schemas):
    project, root = tagged
    export_briefing(project, root / "p.qdpx")
    books.export_codebook(project, root / "book.qdc")
    _assert_valid(schemas["Project-mrt2019.xsd"], _qde(root / "p.qdpx"))
    _assert_valid(schemas["Codebook.xsd"], etree.parse(str(root / "book.qdc")).getroot())


def test_schemas_catch_what_we_guard_against(schemas):
    """The schemas are not vacuous: a code with a creation date (which
    CodeType does not allow) or a bad GUID fails."""
    bad = etree.fromstring(
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>'
        b'<Code guid="not-a-guid" name="a" isCodable="true" creationDateTime="2024-01-01T00:00:00Z"/>'
        b'</Codes></CodeBook></Project>')
    assert not schemas["Project-mrt2019.xsd"].validate(bad)


def test_users_and_who_and_when_on_every_source_selection_and_coding(tagged):
    project, root = tagged
    export_briefing(project, root / "p.qdpx")
    qde = _qde(root / "p.qdpx")
    [user] = qde.iterfind("q:Users/q:User", NS)
    assert user.get("name") == "분석가" and user.get("guid") == user_guid("분석가")
    assert qde.get("creatingUserGUID") == user.get("guid") and qde.get("creationDateTime").endswith("Z")
    stamped = [*qde.iterfind(".//q:TextSource", NS), *qde.iterfind(".//q:PlainTextSelection", NS),
               *qde.iterfind(".//q:Coding", NS), *qde.iterfind(".//q:Note", NS)]
    assert len(stamped) == 2 + 3 + 4 + 1
    for element in stamped:
        assert element.get("creatingUser") == user.get("guid")
        assert element.get("creationDateTime").endswith("Z")
    for element in (*qde.iterfind(".//q:TextSource", NS), *qde.iterfind(".//q:PlainTextSelection", NS)):
        assert element.get("modifyingUser") == user.get("guid") and element.get("modifiedDateTime").endswith("Z")
    # The dates are the rows' own, in UTC.
    row = next(r for r in svc.list_annotations(project) if r.note)
    selection = next(s for s in qde.iterfind(".//q:PlainTextSelection", NS) if s.find("q:NoteRef", NS) is not None)
    assert selection.get("creationDateTime") == row.created_at.replace("+00:00", "Z")


def test_the_analyst_comes_from_the_project_setting_when_set(tagged):
    project, root = tagged
    earlier = {r.id for r in svc.list_annotations(project)}
    with project.writing() as conn:
        project.set_meta(conn, "analyst", "김연구")
    svc.tag_passage(project, "b.txt", ["나중"], start=0, end=3)
    export_briefing(project, root / "named.qdpx")
    qde = _qde(root / "named.qdpx")
    users = {u.get("name"): u.get("guid") for u in qde.iterfind("q:Users/q:User", NS)}
    assert users["김연구"] == user_guid("김연구") and qde.get("creatingUserGUID") == users["김연구"]
    # Passages keep who tagged them: those from before the setting name the computer's user, the new one 김연구.
    coders = [s.get("creatingUser") for s in qde.iterfind(".//q:PlainTextSelection", NS)]
    assert coders.count(users["김연구"]) == 1 and len(users) == 2 and len(coders) == len(earlier) + 1


def test_the_analyst_is_set_from_the_command_line_and_checked(tagged, capsys):
    from workbench.cli.main import main

    project, root = tagged
    assert main(["analyst", "박분석", "--project", str(project.root)]) == 0
    export_briefing(project, root / "cli.qdpx")
    qde = _qde(root / "cli.qdpx")
    assert qde.get("creatingUserGUID") == user_guid("박분석")
    assert "박분석" in {u.get("name") for u in qde.iterfind("q:Users/q:User", NS)}
    assert main(["analyst", "박\x07분석", "--project", str(project.root)]) == 2
    err = capsys.readouterr().err
    assert "one line" in err or "한 줄" in err
    assert main(["analyst", "", "--project", str(project.root)]) == 0  # back to the computer's user name
    export_briefing(project, root / "os.qdpx")
    [user] = _qde(root / "os.qdpx").iterfind("q:Users/q:User", NS)
    assert user.get("name") not in ("", "박분석")


def _guids(root: etree._Element) -> set[str]:
    return {e.get("guid") for e in root.iter() if isinstance(e.tag, str) and e.get("guid")}


def test_guids_are_stable_across_exports_and_shared_with_the_qdc(tagged):
    project, root = tagged
    export_briefing(project, root / "one.qdpx")
    export_briefing(project, root / "two.qdpx")
    one, two = _qde(root / "one.qdpx"), _qde(root / "two.qdpx")
    assert _guids(one) == _guids(two) and len(_guids(one)) > 10
    books.export_codebook(project, root / "book.qdc")
    qdc = etree.parse(str(root / "book.qdc")).getroot()
    qdc_codes = {c.get("name"): c.get("guid") for c in qdc.iterfind(".//c:Code", NS)}
    qde_codes = {c.get("name"): c.get("guid") for c in one.iterfind(".//q:Code", NS)}
    assert {c.get("guid") for c in qdc.iterfind(".//c:Code", NS)} == {c.get("guid") for c in one.iterfind(".//q:Code", NS)}
    assert qdc_codes["기업"] == qde_codes["기업"]
    # Each coding points at a code of the codebook; GUIDs are unique in the file.
    all_guids = [e.get("guid") for e in one.iter() if isinstance(e.tag, str) and e.get("guid")]
    assert len(all_guids) == len(set(all_guids))
    codes = {c.get("guid") for c in one.iterfind(".//q:Code", NS)}
    assert all(ref.get("targetGUID") in codes for ref in one.iterfind(".//q:CodeRef", NS))


def test_another_project_gets_other_guids(tagged, tmp_path):
    import shutil

    from workbench.services.projects import open_project

    project, root = tagged
    export_briefing(project, root / "mine.qdpx")
    copy = tmp_path / "copy"
    shutil.copytree(project.root, copy)
    other = open_project(copy)
    with other.writing() as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'project_id'", (str(uuid.uuid4()),))
    export_briefing(other, root / "other.qdpx")
    shared = _guids(_qde(root / "mine.qdpx")) & _guids(_qde(root / "other.qdpx"))
    assert shared == {user_guid("분석가")}  # only the analyst, who is the same person in both


def test_hostile_title_becomes_a_safe_unique_source_name_and_stays_the_description(tagged):
    project, root = tagged
    export_briefing(project, root / "p.qdpx")
    sources = list(_qde(root / "p.qdpx").iterfind(".//q:TextSource", NS))
    names = [s.get("name") for s in sources]
    assert names == ["AI ML 정책 2024 2025 전망", "AI ML 정책 2024 2025 전망 (2)"]
    assert all(s.find("q:Description", NS).text == HOSTILE for s in sources)
    for name in names:  # usable as a file name on Windows, macOS and Linux
        assert not set(name) & set('/\\:*?"<>|') and name == name.strip()
        (root / f"{name}.txt").write_text("ok", encoding="utf-8")


def test_safe_file_name_rules():
    taken: set[str] = set()
    assert safe_file_name(HOSTILE, taken) == "AI ML 정책 2024 2025 전망"
    assert safe_file_name("ai ml 정책 2024 2025 전망", taken) == "ai ml 정책 2024 2025 전망 (2)"  # case-insensitive
    assert safe_file_name("탭\t과\x07 벨\u202e", taken) == "탭 과 벨"
    assert safe_file_name("CON", taken) == "CON_"
    assert safe_file_name(" ...", taken) == "source"
    long = safe_file_name("가" * 200, taken)
    assert len(long.encode("utf-8")) <= 120 and set(long) == {"가"}
    again = safe_file_name("가" * 200, taken)
    assert again.endswith(" (2)") and len(again.encode("utf-8")) <= 120


def test_notes_are_refi_notes_and_the_coding_memo(tagged):
    project, root = tagged
    export_briefing(project, root / "p.qdpx")
    qde = _qde(root / "p.qdpx")
    [selection] = [s for s in qde.iterfind(".//q:PlainTextSelection", NS) if s.find("q:NoteRef", NS) is not None]
    [note] = qde.iterfind("q:Notes/q:Note", NS)
    assert selection.find("q:NoteRef", NS).get("targetGUID") == note.get("guid")
    assert note.find("q:PlainTextContent", NS).text == "핵심 근거\n둘째 줄" and note.get("name") == "핵심 근거"
    assert selection.find("q:Description", NS).text == "핵심 근거\n둘째 줄"  # what QualCoder reads as the memo
    # The schema's order: Description, then Coding, then NoteRef.
    assert [etree.QName(e).localname for e in selection] == ["Description", "Coding", "NoteRef"]

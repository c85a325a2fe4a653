"""Who coded: the <Coding>'s creatingUser is the coder (NVivo writes the
selection's own user as whoever marked the text), and two analysts' passages
on one span stay two passages — after a round trip through our own .qdpx they
came back as one passage by the first analyst with both notes glued together."""

from __future__ import annotations

import zipfile
from pathlib import Path

from workbench.services import annotations as svc
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.services.refi import export_qdpx
from workbench.services.refi_import import import_qdpx
from workbench.store.annotations import AnnotationRepository, TagRepository
from workbench.store.documents import DocumentRepository
from workbench.store.project import transaction

NS = "urn:QDA-XML:project:1.0"
CODE_A, CODE_B = "30000000-0000-4000-8000-00000000000a", "30000000-0000-4000-8000-00000000000b"
TEXT = "정부는 규제 완화를 약속했다. 업계는 환영했다."


def _qdpx(path: Path, codings: str) -> Path:
    qde = (f'<Project xmlns="{NS}" name="t" origin="NVivo for Mac 12.7.0">'
           '<Users><User guid="u-mark" name="표시한 사람"/><User guid="u-kim" name="김연구"/>'
           '<User guid="u-lee" name="이분석"/></Users>'
           f'<CodeBook><Codes><Code guid="{CODE_A}" name="규제" isCodable="true"/>'
           f'<Code guid="{CODE_B}" name="반응" isCodable="true"/></Codes></CodeBook><Sources>'
           '<TextSource guid="50000000-0000-4000-8000-000000000001" name="기사" plainTextPath="internal://a.txt">'
           '<PlainTextSelection guid="40000000-0000-4000-8000-000000000001" name="s" startPosition="0" '
           'endPosition="16" creatingUser="u-mark" creationDateTime="2020-01-01T00:00:00Z">'
           f"{codings}</PlainTextSelection></TextSource></Sources></Project>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        archive.writestr("Sources/a.txt", TEXT.encode("utf-8"))
    return path


def _coding(n: int, code: str, user: str, when: str) -> str:
    return (f'<Coding guid="60000000-0000-4000-8000-00000000000{n}" creatingUser="{user}" '
            f'creationDateTime="{when}"><CodeRef targetGUID="{code}"/></Coding>')


def test_the_coding_s_user_and_date_are_the_passage_s(tmp_path):
    path = _qdpx(tmp_path / "a.qdpx", _coding(1, CODE_A, "u-kim", "2021-05-06T07:08:09Z"))
    project = open_project(tmp_path / "p")
    run_job(import_qdpx(project, path, index=False, entities=False))
    [row] = svc.list_annotations(project)
    assert (row.created_by, row.created_at) == ("김연구", "2021-05-06T07:08:09+00:00")  # not 표시한 사람, 2020


def test_two_coders_on_one_selection_keep_each_tag_s_coder_and_date(tmp_path):
    path = _qdpx(tmp_path / "b.qdpx", _coding(1, CODE_A, "u-kim", "2021-05-06T07:08:09Z")
                 + _coding(2, CODE_B, "u-lee", "2022-01-02T03:04:05Z"))
    project = open_project(tmp_path / "p")
    run_job(import_qdpx(project, path, index=False, entities=False))
    [row] = svc.list_annotations(project)
    assert (row.start, row.end, row.created_by, row.tags) == (0, 16, "김연구", ["규제", "반응"])
    assert [row.applied(i) for i in range(2)] == [("김연구", "2021-05-06T07:08:09+00:00"),
                                                  ("이분석", "2022-01-02T03:04:05+00:00")]


def test_a_round_trip_keeps_two_analysts_apart(tmp_path):
    source = tmp_path / "기사.txt"
    source.write_text(TEXT, encoding="utf-8")
    first = open_project(tmp_path / "first")
    from workbench.services.ingest import ingest

    run_job(ingest(first, [source], index=False, entities=False))
    conn = first.connect()
    try:
        docs, tags, notes = DocumentRepository(conn), TagRepository(conn), AnnotationRepository(conn)
        [doc] = docs.list()
        sha = docs.info(doc.id).text_sha256
        with transaction(conn):
            tag = tags.add("규제", None, "#4E79A7", "")
            for who, note in (("김연구", "정책 신호"), ("이분석", "과장된 표현")):
                notes.add(doc.id, 0, 16, TEXT[:16], "", TEXT[16:30], sha, note, [(tag, "규제")], created_by=who)
    finally:
        conn.close()
    out = tmp_path / "two.qdpx"
    export_qdpx(first, out, svc.list_annotations(first))
    second = open_project(tmp_path / "second")
    run_job(import_qdpx(second, out, index=False, entities=False))
    rows = sorted(svc.list_annotations(second), key=lambda r: r.created_by)
    assert [(r.created_by, r.note) for r in rows] == [("김연구", "정책 신호"), ("이분석", "과장된 표현")]


def test_a_tag_a_colleague_added_keeps_its_coder_through_a_round_trip(tmp_path):
    """김연구's passage with a tag 이분석 added to it, and 이분석's own passage on
    the same span: the export's <Coding> names each tag's coder and date, and the
    import gives back two passages with each tag's coder and each note apart."""
    import lxml.etree as etree

    from workbench.services.analyst import set_analyst
    from workbench.services.ingest import ingest

    source = tmp_path / "기사.txt"
    source.write_text(TEXT, encoding="utf-8")
    first = open_project(tmp_path / "first")
    run_job(ingest(first, [source], index=False, entities=False))
    set_analyst(first, "김연구")
    kim = svc.tag_passage(first, "기사.txt", ["규제"], start=0, end=16, note="정책 신호").value
    set_analyst(first, "이분석")
    svc.update_annotation(first, kim.id, tags=["규제", "반응"])
    svc.tag_passage(first, "기사.txt", ["규제"], start=0, end=16, note="과장된 표현")
    out = tmp_path / "colleagues.qdpx"
    export_qdpx(first, out, svc.list_annotations(first))

    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{{{NS}}}User")}
    codes = {c.get("guid"): c.get("name") for c in root.iter(f"{{{NS}}}Code")}
    written = sorted((users[sel.get("creatingUser")], codes[c.find(f"{{{NS}}}CodeRef").get("targetGUID")],
                      users[c.get("creatingUser")]) for sel in root.iter(f"{{{NS}}}PlainTextSelection")
                     for c in sel.iter(f"{{{NS}}}Coding"))
    assert written == [("김연구", "규제", "김연구"), ("김연구", "반응", "이분석"), ("이분석", "규제", "이분석")]

    second = open_project(tmp_path / "second")
    run_job(import_qdpx(second, out, index=False, entities=False))
    rows = sorted(svc.list_annotations(second), key=lambda r: r.created_by)
    assert [(r.created_by, r.note, {a["tag"]: a["by"] for a in r.to_json()["tag_applied"]}) for r in rows] == [
        ("김연구", "정책 신호", {"규제": "김연구", "반응": "이분석"}),
        ("이분석", "과장된 표현", {"규제": "이분석"})]
    originals = {(r.created_by, tuple(r.tags)): r for r in svc.list_annotations(first)}
    for row in rows:  # and when each tag was applied, to the second
        before = originals[(row.created_by, tuple(row.tags))]
        assert [at[:19] for _, at in map(row.applied, range(len(row.tags)))] == \
            [at[:19] for _, at in map(before.applied, range(len(before.tags)))]


def test_a_source_s_creator_and_date_from_another_program_go_out_again_on_export(tmp_path):
    """Kept on import (the document's metadata), and written back on the
    exported <TextSource>, not replaced by the time Workbench ingested it."""
    import lxml.etree as etree

    qde = (f'<Project xmlns="{NS}" name="t" origin="MAXQDA 24">'
           '<Users><User guid="u-kim" name="김연구"/></Users>'
           f'<CodeBook><Codes><Code guid="{CODE_A}" name="규제" isCodable="true"/></Codes></CodeBook><Sources>'
           '<TextSource guid="50000000-0000-4000-8000-000000000001" name="기사" plainTextPath="internal://a.txt" '
           'creatingUser="u-kim" creationDateTime="2019-03-04T05:06:07Z">'
           '<PlainTextSelection guid="40000000-0000-4000-8000-000000000001" name="s" startPosition="0" '
           f'endPosition="16" creatingUser="u-kim">{_coding(1, CODE_A, "u-kim", "2021-05-06T07:08:09Z")}'
           "</PlainTextSelection></TextSource></Sources></Project>")
    path = tmp_path / "m.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        archive.writestr("Sources/a.txt", TEXT.encode("utf-8"))
    project = open_project(tmp_path / "p")
    run_job(import_qdpx(project, path, index=False, entities=False))
    out = tmp_path / "again.qdpx"
    export_qdpx(project, out, svc.list_annotations(project))
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{{{NS}}}User")}
    [source] = root.iter(f"{{{NS}}}TextSource")
    assert (users[source.get("creatingUser")], source.get("creationDateTime")) == ("김연구", "2019-03-04T05:06:07Z")

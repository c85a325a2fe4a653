"""Tags are their place in the tree, not their last part: 정책 / 규제 and
산업 / 규제 stay apart in the tag: filter, --tag, the workbook, the CSV and
the REFI-QDA project; a bare 규제 is refused with the candidates listed."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
import zipfile

import pytest
from lxml import etree
from openpyxl import load_workbook

from workbench.core.errors import AmbiguousTagError, WorkbenchError
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services.export import export_briefing
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.search import search_in_step

POLICY = "과학기술정보통신부는 인공지능 기본법 시행령을 발표했다."
INDUSTRY = "반도체 업계는 수출 규제 완화를 요구했다."


@pytest.fixture
def two_tags(project, tmp_path):
    (tmp_path / "policy.txt").write_text(POLICY, encoding="utf-8")
    (tmp_path / "industry.txt").write_text(INDUSTRY, encoding="utf-8")
    run_job(ingest(project, [tmp_path / "policy.txt", tmp_path / "industry.txt"], entities=False))
    a = svc.tag_passage(project, "policy.txt", ["정책 / 규제"], quote="인공지능 기본법 시행령").value
    b = svc.tag_passage(project, "industry.txt", ["산업 / 규제"], quote="수출 규제 완화").value
    return project, tmp_path, a, b


def test_same_last_part_stays_apart_in_the_service_and_search(two_tags):
    project, _, a, b = two_tags
    assert (a.tags, b.tags) == (["정책 / 규제"], ["산업 / 규제"]) and a.tag_ids != b.tag_ids
    assert [r.id for r in svc.list_annotations(project, tag="정책 / 규제")] == [a.id]
    assert [r.id for r in svc.list_annotations(project, tag="산업/규제")] == [b.id]  # spacing of / does not matter
    assert [r.id for r in svc.list_annotations(project, tag="정책")] == [a.id]  # a parent covers its children
    hits = search_in_step(project, 'tag:"정책 / 규제"').hits
    assert {h.doc_id for h in hits} == {a.doc_id}
    assert {h.doc_id for h in search_in_step(project, 'tag:"산업 / 규제"').hits} == {b.doc_id}
    with pytest.raises(AmbiguousTagError) as info:
        search_in_step(project, "tag:규제")
    assert "산업 / 규제" in info.value.message and "정책 / 규제" in info.value.message
    assert "전체 경로" in info.value.message_ko
    with pytest.raises(AmbiguousTagError):
        svc.tag_passage(project, "policy.txt", ["규제"], quote="발표했다")


def test_same_last_part_stays_apart_in_exports(two_tags):
    project, root, a, b = two_tags
    export_briefing(project, root / "brief.xlsx")
    wb = load_workbook(root / "brief.xlsx")
    ws = wb["Passages"]
    by_text = {ws.cell(row=r, column=6).value: ws.cell(row=r, column=7).value for r in range(2, ws.max_row + 1)}
    assert by_text == {"인공지능 기본법 시행령": "정책 / 규제", "수출 규제 완화": "산업 / 규제"}
    assert wb["정책"].max_row == 2 and wb["산업"].max_row == 2  # one passage under each top-level tag
    only = export_briefing(project, root / "one.csv", tags=["산업 / 규제"])
    assert only["passages"] == 1
    with open(root / "one.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Passage"], r["Tags"]) for r in rows] == [("수출 규제 완화", "산업 / 규제")]
    with pytest.raises(AmbiguousTagError):
        export_briefing(project, root / "x.csv", tags=["규제"])

    export_briefing(project, root / "p.qdpx")
    with zipfile.ZipFile(root / "p.qdpx") as z:
        qde = etree.fromstring(z.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    paths = {}
    for code in qde.iterfind(".//q:Code", ns):
        parent = code.getparent()
        paths[code.get("guid")] = (parent.get("name") + " / " if parent.tag.endswith("Code") else "") + code.get("name")
    coded = {}
    for selection in qde.iterfind(".//q:PlainTextSelection", ns):
        refs = [paths[r.get("targetGUID")] for r in selection.iterfind(".//q:CodeRef", ns)]
        coded[selection.get("name")] = refs
    assert coded == {"인공지능 기본법 시행령": ["정책 / 규제"], "수출 규제 완화": ["산업 / 규제"]}


def test_same_last_part_stays_apart_on_the_command_line(two_tags):
    project, root, a, b = two_tags

    def run(*args):
        return subprocess.run([sys.executable, "-m", "workbench", *args, "--project", str(project.root)],
                              capture_output=True, text=True, timeout=120)

    listed = run("annotations", "--tag", "정책 / 규제", "--json")
    assert listed.returncode == 0 and [r["id"] for r in json.loads(listed.stdout)] == [a.id]
    out = root / "cli.xlsx"
    exported = run("export", "--out", str(out), "--tag", "산업 / 규제", "--json")
    assert exported.returncode == 0 and json.loads(exported.stdout)["passages"] == 1
    assert load_workbook(out)["Passages"].cell(row=2, column=7).value == "산업 / 규제"
    refused = run("export", "--out", str(root / "x.xlsx"), "--tag", "규제")
    assert refused.returncode == 2 and "산업 / 규제" in refused.stderr and "정책 / 규제" in refused.stderr


def test_siblings_cannot_share_a_name(two_tags):
    project, _, _, _ = two_tags
    books.create_tag(project, "정책 / 예산")
    with pytest.raises(WorkbenchError, match="already a tag"):
        books.rename_tag(project, "정책 / 예산", "규제")
    books.create_tag(project, "규제")  # a top-level 규제 is another place: allowed
    with pytest.raises(WorkbenchError, match="already a tag"):
        books.move_tag(project, "규제", "정책")
    colours = books.tag_colors(project)
    assert len(colours) == len({t.id for t in books.codebook(project)}) == 6


def test_migration_keeps_clashing_siblings_apart(tmp_path):
    """A project from before v5 may hold two siblings with one name: both are
    kept (renamed "규제 (2)"), each with its own passages."""
    from workbench.services.projects import open_project
    from workbench.store import schema

    root = tmp_path / "old"
    root.mkdir()
    conn = sqlite3.connect(root / "workbench.sqlite")
    schema.migrate(conn, up_to=4)
    conn.execute("INSERT INTO documents (id, source, title, format, size_bytes, file_sha256, text_sha256, text, chars, "
                 "sections, ingested_at, updated_at) VALUES (1, '/a.txt', 'a', 'txt', 3, 'x', 'y', 'abc', 3, 0, 't', 't')")
    conn.executemany("INSERT INTO tags (id, name, parent_id, created_at) VALUES (?, ?, ?, 't')",
                     [(1, "규제", None), (2, "규제", None), (3, "정책", None)])
    for ann, tag in ((1, 1), (2, 2)):
        conn.execute("INSERT INTO annotations (id, doc_id, start, end, quote, text_sha256, created_at, updated_at) "
                     "VALUES (?, 1, 0, 1, 'a', 'y', 't', 't')", (ann,))
        conn.execute("INSERT INTO annotation_tags VALUES (?, ?, '규제')", (ann, tag))
    conn.commit()
    conn.close()
    project = open_project(root)
    assert [t.path for t in books.codebook(project)] == ["규제", "규제 (2)", "정책"]
    rows = {r.id: r.tags for r in svc.list_annotations(project)}
    assert rows == {1: ["규제"], 2: ["규제 (2)"]}

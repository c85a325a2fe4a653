"""Control characters never crash a file and never get into a new tag; times
are written in the analyst's time zone, the zone named (xlsx) or the offset
given (CSV)."""

from __future__ import annotations

import csv
import json
import time
import zipfile
from datetime import datetime, timedelta, timezone

import pytest
from lxml import etree
from openpyxl import load_workbook

from workbench.cli.main import main
from workbench.core.errors import WorkbenchError
from workbench.export.rows import zone_label
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services.export import export_briefing
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job

TEXT = "정부는 인공지능 기본법 시행령을 발표했다.\n\n기업들은 규제 완화를 요구했다."


@pytest.fixture
def project_with_a_passage(tmp_path):
    from workbench.services.projects import open_project

    project = open_project(tmp_path / "p")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [tmp_path / "a.txt"], index=False, entities=False))
    row = svc.tag_passage(project, "a.txt", ["정책"], quote="인공지능 기본법 시행령", note="메모").value
    return project, tmp_path, row


@pytest.fixture
def seoul(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _bell_tag(project, row) -> None:
    """What an older project can hold: a tag whose name has a control character."""
    with project.writing() as conn:
        tag_id = conn.execute("INSERT INTO tags (name, parent_id, color, description, created_at) "
                              "VALUES ('경고\x07', NULL, '#E15759', '설명\x01', '2024-01-01T00:00:00+00:00')").lastrowid
        conn.execute("INSERT INTO annotation_tags (annotation_id, tag_id, tag_name) VALUES (?, ?, '경고\x07')",
                     (row.id, tag_id))


def test_a_tag_with_a_control_character_no_longer_crashes_any_export(project_with_a_passage):
    project, root, row = project_with_a_passage
    _bell_tag(project, row)
    args = ["--project", str(project.root)]
    assert main(["export", "--out", str(root / "x.xlsx"), *args]) == 0  # was: ValueError, XML compatible
    assert main(["codebook", "export", str(root / "x.qdc"), *args]) == 0  # was: the same crash
    assert "경고" in load_workbook(root / "x.xlsx").sheetnames
    names = {c.get("name") for c in etree.parse(str(root / "x.qdc")).getroot().iter("{*}Code")}
    assert names == {"정책", "경고"}
    for out in ("x.csv", "x.qdpx"):
        export_briefing(project, root / out)
    books.export_codebook(project, root / "book.csv")
    assert "\x07" not in (root / "x.csv").read_text(encoding="utf-8-sig")
    assert "\x07" not in (root / "book.csv").read_text(encoding="utf-8-sig")
    with zipfile.ZipFile(root / "x.qdpx") as archive:
        qde = etree.fromstring(archive.read("project.qde"))
    assert "경고" in {c.get("name") for c in qde.iter("{*}Code")}


@pytest.mark.parametrize("name", ["규제\x07", "a\x1fb", "줄\n바꿈", "탭\t안"])
def test_a_new_tag_with_a_control_character_is_refused_in_both_languages(project_with_a_passage, name):
    project, _, row = project_with_a_passage
    for attempt in (lambda: books.create_tag(project, name),
                    lambda: books.create_tag(project, f"정책 / {name}"),
                    lambda: svc.tag_passage(project, "a.txt", [name], quote="기업들은"),
                    lambda: svc.update_annotation(project, row.id, tags=[name]),
                    lambda: books.rename_tag(project, "정책", name)):
        with pytest.raises(WorkbenchError) as info:
            attempt()
        assert "control characters" in info.value.message and "제어 문자" in info.value.message_ko
    assert [t.path for t in books.codebook(project)] == ["정책"]  # nothing half-made


def test_times_are_local_with_the_zone_named(project_with_a_passage, seoul, capsys):
    project, root, row = project_with_a_passage
    with project.writing() as conn:
        conn.execute("UPDATE annotations SET created_at = '2024-03-05T01:02:00+00:00', "
                     "updated_at = '2024-03-05T23:30:00+00:00' WHERE id = ?", (row.id,))
    export_briefing(project, root / "t.xlsx")
    ws = load_workbook(root / "t.xlsx")["Passages"]
    headers = [c.value for c in ws[1]]
    assert "Created (KST, UTC+09:00)" in headers and "Modified (KST, UTC+09:00)" in headers
    created = ws.cell(row=2, column=headers.index("Created (KST, UTC+09:00)") + 1).value
    modified = ws.cell(row=2, column=headers.index("Modified (KST, UTC+09:00)") + 1).value
    assert created == datetime(2024, 3, 5, 10, 2) and modified == datetime(2024, 3, 6, 8, 30)  # the next day in Seoul
    export_briefing(project, root / "t-ko.xlsx", language="ko")
    assert "작성일시 (KST, UTC+09:00)" in [c.value for c in load_workbook(root / "t-ko.xlsx")["구절"][1]]
    export_briefing(project, root / "t.csv")
    with (root / "t.csv").open(encoding="utf-8-sig", newline="") as handle:
        [record] = list(csv.DictReader(handle))
    assert record["Created"] == "2024-03-05T10:02:00+09:00" and record["Modified"] == "2024-03-06T08:30:00+09:00"
    assert datetime.fromisoformat(record["Created"]) == datetime(2024, 3, 5, 1, 2, tzinfo=timezone.utc)
    capsys.readouterr()
    assert main(["annotations", "--json", "--project", str(project.root)]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["created_at"] == "2024-03-05T10:02:00+09:00"  # JSON: ISO 8601 with the analyst's offset


def test_a_zone_label_names_both_sides_of_a_daylight_saving_change(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        winter = datetime(2024, 1, 10, 12, tzinfo=timezone.utc).astimezone()
        summer = datetime(2024, 7, 10, 12, tzinfo=timezone.utc).astimezone()
        assert zone_label([winter]) == "CET, UTC+01:00"
        assert zone_label([winter, summer, None]) == "CET/CEST, UTC+01:00/+02:00"
        assert zone_label([datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=-3, minutes=-30)))]) == "UTC-03:30"
        assert zone_label([datetime(2024, 1, 1, tzinfo=timezone.utc)]) == "UTC"
    finally:
        monkeypatch.undo()
        time.tzset()

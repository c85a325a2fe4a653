"""The codebook moves to and from Taguette and spreadsheets: our CSV is one
Taguette's importer accepts, Taguette's CSV and .qdc come in with top-level
tags kept top-level and the project's colours kept when the file has none."""

from __future__ import annotations

import csv
import io

import pytest

from workbench.cli.main import main
from workbench.core.errors import WorkbenchError
from workbench.services import codebook as books

# What Taguette writes (taguette/export.py: codebook_csv, codebook_xml).
TAGUETTE_CSV = ("tag,description,number of highlights,number of documents\r\n"
                "규제,Taguette에서 쓴 설명,3,2\r\n"
                "예산,,1,1\r\n"
                "interview.quotes,Quotes,0,0\r\n")
TAGUETTE_QDC = (b'<?xml version="1.0" encoding="utf-8"?>\n'
                b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1"><Codes>'
                b'<Code guid="0A6C3E3B-5D1A-5B39-9C3F-1A1B2C3D4E5F" name="\xea\xb7\x9c\xec\xa0\x9c" isCodable="true"/>'
                b'<Code guid="1B7D4F4C-6E2B-5C4A-8D40-2B2C3D4E5F60" name="\xec\x98\x88\xec\x82\xb0" isCodable="true"/>'
                b'</Codes><Sets/></CodeBook>')


@pytest.fixture
def coded(project):
    books.create_tag(project, "정책 / 규제", color="#E15759", description="법·제도")
    books.create_tag(project, "예산", color="#59A14F", description="돈")
    return project


def _taguette_accepts(header: list[str]) -> bool:
    """Taguette's rule (taguette/import_codebook.py): exactly one of tag, name, path."""
    header = [h.lower() for h in header]
    return ("tag" in header) + ("name" in header) + ("path" in header) == 1


def test_codebook_csv_is_one_taguette_and_spreadsheets_read(coded, tmp_path):
    books.export_codebook(coded, tmp_path / "book.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "book.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["tag", "description", "color"] and _taguette_accepts(rows[0])
    assert ["정책 / 규제", "법·제도", "#E15759"] in rows  # tag: the full path, as Taguette writes its own
    assert [r[:2] for r in rows[1:]] == [["예산", "돈"], ["정책", ""], ["정책 / 규제", "법·제도"]]


def test_taguette_csv_imports_top_level_and_keeps_colours(coded, tmp_path):
    (tmp_path / "taguette.csv").write_text(TAGUETTE_CSV, encoding="utf-8")
    assert main(["codebook", "import", str(tmp_path / "taguette.csv"), "--project", str(coded.root)]) == 0
    tags = {t.path: t for t in books.codebook(coded)}
    assert set(tags) == {"정책", "정책 / 규제", "규제", "예산", "interview.quotes"}
    assert tags["규제"].parent_id is None and tags["규제"].description == "Taguette에서 쓴 설명"
    assert (tags["정책 / 규제"].color, tags["정책 / 규제"].description) == ("#E15759", "법·제도")  # untouched
    assert (tags["예산"].color, tags["예산"].description) == ("#59A14F", "돈")  # the file says nothing: kept


def test_taguette_qdc_imports_top_level_and_keeps_colours(coded, tmp_path):
    (tmp_path / "taguette.qdc").write_bytes(TAGUETTE_QDC)
    assert books.import_codebook(coded, tmp_path / "taguette.qdc").value == 2
    tags = {t.path: t for t in books.codebook(coded)}
    assert tags["규제"].parent_id is None and "정책 / 규제" in tags  # not merged into the nested one
    assert tags["정책 / 규제"].color == "#E15759" and tags["예산"].color == "#59A14F"  # <Sets/> and no colour


def test_spreadsheet_csv_with_a_path_column_and_korean_excel_encoding(coded, tmp_path):
    """A spreadsheet user's file: tag (last part) and path (full), saved by a
    Korean Excel in CP949; the path names the place."""
    text = "tag,path,color,description\r\n규제,산업 / 규제,#76B7B2,산업 규제\r\n규제,규제,,\r\n"
    (tmp_path / "sheet.csv").write_bytes(text.encode("cp949"))
    books.import_codebook(coded, tmp_path / "sheet.csv")
    tags = {t.path: t for t in books.codebook(coded)}
    assert tags["산업 / 규제"].color == "#76B7B2" and tags["산업 / 규제"].description == "산업 규제"
    assert tags["규제"].parent_id is None and tags["정책 / 규제"].color == "#E15759"


def test_a_csv_without_a_name_column_is_refused(coded, tmp_path):
    (tmp_path / "bad.csv").write_text("colour,notes\r\n#fff,x\r\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as info:
        books.import_codebook(coded, tmp_path / "bad.csv")
    assert "'tag'" in info.value.message and "코드북" in info.value.message_ko


def test_an_empty_codebook_is_not_written_as_an_invalid_qdc(project, tmp_path):
    with pytest.raises(WorkbenchError):
        books.export_codebook(project, tmp_path / "empty.qdc")
    assert not (tmp_path / "empty.qdc").exists()

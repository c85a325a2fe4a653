"""Real exports from other programs (tests/fixtures/refi/README.md has their
provenance): what the import keeps and what it reports is checked against
counts and values this test reads from each file's own XML with lxml, never
against our reader.

* ATLAS.ti 8.4's "standard project": its text sources are not in the archive
  (each skipped with its reason), its pictures, PDFs, audio and video are
  named as skipped, and its sets, graph and links are counted in the report.
* MAXQDA 24: ten text sources and 307 codes with colours and descriptions.
* ATLAS.ti 23.4 and Taguette 1.4.1 codebooks (.qdc) through the codebook
  import, ATLAS.ti's code group said to be left out."""

from __future__ import annotations

import json
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from workbench.cli.main import main as cli
from workbench.services import codebook as books
from workbench.services.jobs import run_job
from workbench.services.metadata import document_metadata
from workbench.services.projects import open_project
from workbench.services.refi_import import import_qdpx
from workbench.store.documents import DocumentRepository

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "refi"
ATLAS = FIXTURES / "atlasti84_refi_standard.qdpx"
MAXQDA = FIXTURES / "maxqda24_ICLS_just10.qdpx"
ATLAS_QDC = FIXTURES / "atlasti234_requal_test.qdc"
TAGUETTE_QDC = FIXTURES / "taguette141_uto_tag_codebook.qdc"


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _qde(path: Path):
    with zipfile.ZipFile(path) as archive:
        [name] = [n for n in archive.namelist() if n.lower().endswith(".qde")]
        return etree.fromstring(archive.read(name)), {n.lower() for n in archive.namelist()}


def _all(root, name: str) -> list:
    return [e for e in root.iter() if _local(e) == name]


def _codes(root) -> dict[str, tuple[str | None, str]]:
    """Each code's path (names joined by " / ") → (colour, description), from the XML."""
    out: dict[str, tuple[str | None, str]] = {}

    def walk(element, path: tuple[str, ...]) -> None:
        for code in element:
            if _local(code) == "Code":
                here = (*path, code.get("name"))
                text = "".join("".join(d.itertext()) for d in code if _local(d) == "Description").strip()
                out[" / ".join(here)] = (code.get("color"), text)
                walk(code, here)

    for holder in _all(root, "Codes"):
        walk(holder, ())
    return out


def _import(tmp_path, path):
    project = open_project(tmp_path / "p")
    return project, run_job(import_qdpx(project, path, index=False, entities=False))


def test_atlas_ti_standard_project_reports_what_it_cannot_bring(tmp_path):
    root, members = _qde(ATLAS)
    text_sources = _all(root, "TextSource")
    not_text = Counter(_local(e) for holder in _all(root, "Sources") for e in holder
                       if _local(e) and _local(e) != "TextSource")
    notes = {n.get("guid") for n in _all(root, "Note")}
    selections = {s.get("guid") for s in _all(root, "PlainTextSelection")}
    other_links = sum(1 for link in _all(root, "Link")
                      if not {link.get("originGUID"), link.get("targetGUID")} & notes
                      or not {link.get("originGUID"), link.get("targetGUID")} & selections)
    sets, graphs = len(_all(root, "Set")), len(_all(root, "Graph"))
    # what the file is: text sources whose files were not put in the archive, and more
    assert len(text_sources) == 6 and sets == 16 and graphs == 1 and other_links == 1
    assert not any(e.get("plainTextPath", "").split("//")[-1].lower() in {m.rsplit("/", 1)[-1] for m in members}
                   for e in text_sources)

    project, report = _import(tmp_path, ATLAS)
    skipped = {i.name: i for i in report.skipped if i.kind == "source"}
    for element in text_sources:  # each text source: skipped, with its reason and its selections counted
        item = skipped[element.get("name")]
        assert f"{element.get('plainTextPath')} is not in the archive" in item.message
        marked = len([s for s in element if _local(s) == "PlainTextSelection"])
        assert (f"its {marked} coded selections were not imported" in item.message) == bool(marked)
    elements = Counter(i.message.split(":")[0].removeprefix("a ") for i in skipped.values()
                       if "only text sources" in i.message)
    assert elements == not_text  # each picture, PDF, recording and video named
    dropped = {i.kind: i for i in report.skipped if "×" in i.name}
    assert dropped["set"].name == f"Set × {sets}" and f"{sets} sets" in dropped["set"].message
    assert dropped["graph"].name == f"Graph × {graphs}" and "1 graph " in dropped["graph"].message
    assert dropped["link"].name == f"Link × {other_links}"
    assert set(dropped) == {"set", "graph", "link"}
    assert report.count("source", "added") == 0 and report.count("code", "created") == len(_codes(root))
    book = {t.path: (t.color, t.description) for t in books.codebook(project)}
    assert set(book) == set(_codes(root))  # "Coke::diet Coke" stays one name, as ATLAS.ti wrote it
    for code_path, (color, description) in _codes(root).items():
        assert book[code_path][1] == description and (color is None or book[code_path][0] == color)


def test_maxqda_sources_and_codebook_come_in_whole(tmp_path):
    root, _members = _qde(MAXQDA)
    users = {u.get("guid"): u.get("name") for u in _all(root, "User")}
    sources = {s.get("name"): s for s in _all(root, "TextSource")}
    codes = _codes(root)
    assert len(sources) == 10 and len(codes) == 307
    assert all(color and description for color, description in codes.values())

    project, report = _import(tmp_path, MAXQDA)
    assert report.count("source", "added") == 10 and report.count("code", "created") == 307
    book = {t.path: (t.color, t.description) for t in books.codebook(project)}
    assert book == codes  # every path, colour and description as the file gives them
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        by_title = {info.title: (info.id, repo.text(info.id)) for info in repo.list()}
    finally:
        conn.close()
    assert set(by_title) == set(sources)  # titled by their MAXQDA names
    meta = {doc_id: m.stored for doc_id, m in document_metadata(project).items()}
    with zipfile.ZipFile(MAXQDA) as archive:
        for name, element in sources.items():
            doc_id, stored = by_title[name]
            member = "sources/" + element.get("plainTextPath").removeprefix("internal://")
            raw = archive.read(member).decode("utf-8-sig")
            # the stored text is the file's, normalised: the same words in the same order
            assert stored.split() == unicodedata.normalize("NFC", raw).split()
            kept = meta[doc_id]
            assert kept["refi_created_by"] == users[element.get("creatingUser")]
            assert kept["refi_created_at"] == element.get("creationDateTime").replace("Z", "+00:00")
            assert kept["refi_modified_at"] == element.get("modifiedDateTime").replace("Z", "+00:00")
    sets = len(_all(root, "Set"))
    [dropped] = [i for i in report.skipped if "×" in i.name]
    assert dropped.name == f"Set × {sets}" and report.skipped == [dropped]


@pytest.mark.parametrize("path", [ATLAS_QDC, TAGUETTE_QDC], ids=["atlas.ti", "taguette"])
def test_qdc_codebooks_through_the_codebook_import(tmp_path, path):
    root = etree.parse(str(path)).getroot()
    codes = _codes(root)
    sets = len(_all(root, "Set"))
    project = open_project(tmp_path / "p")
    assert books.import_codebook(project, path).value == len(codes)
    book = {t.path: (t.color, t.description) for t in books.codebook(project)}
    assert set(book) == set(codes)
    for code_path, (color, description) in codes.items():
        assert book[code_path][1] == description
        if color:  # Taguette gives none: the palette's next colour is taken
            assert book[code_path][0].lower() == color.lower()
    # The command line says what it left out (ATLAS.ti's code group) and exits 1 for it.
    rc = cli(["import", str(path), "--project", str(tmp_path / "cli"), "--json"])
    assert rc == (1 if sets else 0)


def test_the_command_line_names_the_atlas_code_group_it_left_out(tmp_path, capsys):
    assert cli(["import", str(ATLAS_QDC), "--project", str(tmp_path / "p"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "1 codes read" in out and "1 sets (code groups) in the file were not imported" in out
    assert cli(["import", str(ATLAS_QDC), "--project", str(tmp_path / "q"), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["dropped"] == {"Set": 1}

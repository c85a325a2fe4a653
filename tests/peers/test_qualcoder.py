"""QualCoder reads our exports and keeps every code and coding when the codes
have unique names (issue 23).

QualCoder keeps one code per name: its ``code_name`` table is
``unique(name)`` and ``RefiImport.sub_codes`` skips a code whose insert
fails, so every coding that points at a skipped code arrives with no code.
Our codebook (tests/helpers/same_names: ``정책 / 규제``, ``산업 / 규제``,
``국제 / 미국 / 규제`` and a top-level ``규제``, 22 codings) is exported
with ``--unique-code-names`` and without, as a .qdpx and as a .qdc.

* ``test_qualcoder_s_own_importer_*`` run QualCoder's importer itself
  (tests/peers/qualcoder_import.py, in a subprocess with PyQt6, offscreen)
  into a new QualCoder project and count what its database holds. They need
  a QualCoder checkout named by ``WORKBENCH_QUALCODER`` and a Python with
  PyQt6 (``make peers`` builds .venv-peers; or ``WORKBENCH_PEER_PYTHON``);
  they are skipped, saying so, without them. QualCoder is not on PyPI and
  none of its code is kept here.
* ``test_qualcoder_s_rule_*`` run everywhere: the same counts from a model
  of that rule (QualCoder c3204641, src/qualcoder/refi.py ``sub_codes`` and
  ``load_codings_for_text``; the schema in ``__main__.py`` ``new_project``).

Measured with QualCoder c3204641 (2026-08-22): option on, 8 of 8 codes and
22 of 22 codings with their code; off, 5 codes, and 10 of 22 codings with
no code (the first 규제 in the file, under 국제 / 미국, takes the name; the
top-level one and the other two are dropped).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pytest

from tests.helpers.same_names import CODINGS, PASSAGE_TAGS, SENTENCES, TEXT, TOP, same_name_project
from workbench.services.codebook import write_codebook
from workbench.services.export import export_briefing

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ALL_CODES = {"정책", "규제 (정책)", "산업", "규제 (산업)", "국제", "미국", "규제 (미국)", "규제"}
PARENTS = {"규제 (정책)": "정책", "규제 (산업)": "산업", "규제 (미국)": "미국", "미국": "국제"}


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """The same project exported four ways: .qdpx and .qdc, with unique names and without."""
    root = tmp_path_factory.mktemp("peer")
    project = same_name_project(root)
    files = {}
    for unique in (True, False):
        files["qdpx", unique] = export_briefing(project, root / f"u{unique:d}.qdpx", unique_code_names=unique)["path"]
        write_codebook(project, root / f"u{unique:d}.qdc", unique)
        files["qdc", unique] = str(root / f"u{unique:d}.qdc")
    return {key: Path(value) for key, value in files.items()}


def _expected_code(tag: str) -> str:
    """The name QualCoder should show for a tag of the fixture, with unique names."""
    if tag == TOP:
        return "규제"
    parts = tag.split(" / ")
    return f"규제 ({parts[-2]})" if parts[-1] == "규제" else parts[-1]


def _expected_codings() -> list[tuple[int, int, str]]:
    out = []
    for sentence, tags in zip(SENTENCES, PASSAGE_TAGS):
        start = TEXT.index(sentence)
        out += [(start, start + len(sentence), _expected_code(tag)) for tag in tags]
    return sorted(out)


# --- QualCoder itself ---------------------------------------------------------------------------

def _peer() -> tuple[Path, str]:
    source = os.environ.get("WORKBENCH_QUALCODER")
    if not source or not any((Path(source) / below / "qualcoder" / "refi.py").is_file() for below in ("src", ".")):
        pytest.skip("QualCoder's importer is run from a checkout named by WORKBENCH_QUALCODER "
                    "(github ccbogel/QualCoder; not on PyPI, not kept here): none given")
    python = os.environ.get("WORKBENCH_PEER_PYTHON") or str(ROOT / ".venv-peers" / "bin" / "python")
    if not Path(python).exists():
        pytest.skip("QualCoder needs PyQt6 in a Python of its own: run `make peers` (.venv-peers) "
                    "or name one with WORKBENCH_PEER_PYTHON")
    return Path(source), python


def _qualcoder_import(file: Path, workdir: Path) -> dict:
    source, python = _peer()
    workdir.mkdir()
    result = workdir / "result.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "QT_API"))}
    proc = subprocess.run([python, str(HERE / "qualcoder_import.py"), str(source), str(file), str(workdir),
                           str(result)], capture_output=True, text=True, timeout=240,
                          env={**env, "QT_QPA_PLATFORM": "offscreen"}, cwd=workdir)
    assert proc.returncode == 0 and result.exists(), proc.stdout[-2000:] + proc.stderr[-4000:]
    return json.loads(result.read_text(encoding="utf-8"))


def _codings_by_name(found: dict) -> list[tuple[int, int, str | None]]:
    names = {c["cid"]: c["name"] for c in found["codes"]}
    return sorted((c["pos0"], c["pos1"], names.get(c["cid"])) for c in found["codings"])


@pytest.mark.slow
def test_qualcoder_s_own_importer_keeps_every_code_and_coding_with_unique_names(exports, tmp_path):
    found = _qualcoder_import(exports["qdpx", True], tmp_path / "on")
    names = {c["cid"]: c["name"] for c in found["codes"]}
    assert set(names.values()) == ALL_CODES and len(names) == len(ALL_CODES)
    assert len(found["codings"]) == CODINGS and all(c["cid"] in names for c in found["codings"])
    assert _codings_by_name(found) == _expected_codings()  # each on the code of its tag
    parents = {c["name"]: names.get(c["supercid"]) for c in found["codes"] if c["supercid"] is not None}
    assert parents == PARENTS  # nested as in our codebook


@pytest.mark.slow
def test_qualcoder_s_own_importer_drops_codes_without_the_option(exports, tmp_path):
    """The control: the same project, names as written."""
    found = _qualcoder_import(exports["qdpx", False], tmp_path / "off")
    names = [c["name"] for c in found["codes"]]
    assert len(names) == 5 and names.count("규제") == 1
    assert len(found["codings"]) == CODINGS
    assert sum(1 for c in found["codings"] if c["cid"] is None) == 10


@pytest.mark.slow
def test_qualcoder_s_own_codebook_import_keeps_every_code_with_unique_names(exports, tmp_path):
    on = _qualcoder_import(exports["qdc", True], tmp_path / "on")
    assert {c["name"] for c in on["codes"]} == ALL_CODES and len(on["codes"]) == len(ALL_CODES)
    off = _qualcoder_import(exports["qdc", False], tmp_path / "off")
    assert len(off["codes"]) == 5


# --- the rule, everywhere -------------------------------------------------------------------------

def _rule_import(file: Path) -> tuple[list[str], list[str | None]]:
    """What QualCoder keeps, by its rule: codes are inserted depth-first in the
    file's order into a table with ``unique(name)`` (SQLite compares names
    exactly); a code whose insert fails is skipped, so no GUID leads to it and
    each coding on it gets no code. Returns the kept names and, per coding,
    its code's name or None."""
    if file.suffix == ".qdpx":
        with zipfile.ZipFile(file) as archive:
            root = ElementTree.fromstring(archive.read("project.qde"))
    else:
        root = ElementTree.parse(file).getroot()
    ns = root.tag.split("}")[0] + "}"
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE code_name (cid integer primary key, name text, supercid integer, unique(name))")
    by_guid: dict[str, int] = {}

    def walk(code, parent):
        cid = None
        try:
            cid = conn.execute("INSERT INTO code_name (name, supercid) VALUES (?, ?)",
                               (code.get("name"), parent)).lastrowid
            by_guid[code.get("guid")] = cid
        except sqlite3.IntegrityError:
            cid = conn.execute("SELECT cid FROM code_name WHERE name = ?", (code.get("name"),)).fetchone()[0]
        for child in code.findall(f"{ns}Code"):
            walk(child, cid)

    for code in root.find(f".//{ns}Codes").findall(f"{ns}Code"):
        walk(code, None)
    names = {cid: name for cid, name in conn.execute("SELECT cid, name FROM code_name")}
    codings = [names.get(by_guid.get(ref.get("targetGUID"))) for ref in root.iter(f"{ns}CodeRef")]
    return sorted(names.values()), codings


def test_qualcoder_s_rule_keeps_every_coding_with_unique_names(exports):
    names, codings = _rule_import(exports["qdpx", True])
    assert set(names) == ALL_CODES and len(names) == len(ALL_CODES)
    assert len(codings) == CODINGS and None not in codings
    assert sorted(codings) == sorted(_expected_code(t) for tags in PASSAGE_TAGS for t in tags)
    book, _ = _rule_import(exports["qdc", True])
    assert set(book) == ALL_CODES


def test_qualcoder_s_rule_drops_codes_without_the_option(exports):
    names, codings = _rule_import(exports["qdpx", False])
    assert len(names) == 5 and codings.count(None) == 10
    book, _ = _rule_import(exports["qdc", False])
    assert len(book) == 5

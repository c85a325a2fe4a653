"""``--unique-code-names``: a .qdpx (``export``) or .qdc (``codebook
export``) whose codes all have different names, for QualCoder, which keeps
one code per name and dropped three of 정책 / 규제, 산업 / 규제,
국제 / 미국 / 규제 and 규제 with their codings (issue 23). Off by default:
names as the analyst wrote them, nested. Each change is printed and is in
the JSON."""

from __future__ import annotations

import json
import zipfile

import pytest
from lxml import etree

from tests.helpers.same_names import CODINGS, PASSAGE_TAGS, SENTENCES, TOP, same_name_project
from workbench.cli.main import main

NS = {"q": "urn:QDA-XML:project:1.0", "c": "urn:QDA-XML:codebook:1.0"}
UNIQUE = {"정책", "규제 (정책)", "산업", "규제 (산업)", "국제", "미국", "규제 (미국)", "규제"}
RENAMED = [{"path": "국제 / 미국 / 규제", "name": "규제 (미국)"}, {"path": "산업 / 규제", "name": "규제 (산업)"},
           {"path": "정책 / 규제", "name": "규제 (정책)"}]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return same_name_project(tmp_path_factory.mktemp("same-names"))


def _qde(path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def _code_paths(root, ns: str) -> dict[str, tuple[str, ...]]:
    """Each code's GUID → the names from the top down to it, as the file nests them."""
    paths = {}

    def walk(element, above):
        for code in element.findall(f"{ns}:Code", NS):
            here = (*above, code.get("name"))
            paths[code.get("guid")] = here
            walk(code, here)

    walk(root.find(f".//{ns}:Codes", NS), ())
    return paths


def _run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_option_names_every_code_apart_and_lists_the_changes(project, tmp_path, capsys):
    out = tmp_path / "x.qdpx"
    code, stdout, _ = _run(capsys, "export", "--out", str(out), "--unique-code-names", "--project",
                           str(project.root), "--lang", "en")
    assert code == 0
    root = _qde(out)
    paths = _code_paths(root, "q")
    names = [p[-1] for p in paths.values()]
    assert sorted(names) == sorted(UNIQUE) and len(set(names)) == len(names)
    # Still nested as in the codebook: only the names changed.
    assert ("정책", "규제 (정책)") in paths.values() and ("국제", "미국", "규제 (미국)") in paths.values()
    assert ("규제",) in paths.values()
    # Every coding points at the code of its tag, under its new name.
    wanted = {s: sorted(_renamed(t) for t in tags) for s, tags in zip(SENTENCES, PASSAGE_TAGS)}
    got = {}
    for selection in root.iter(f"{{{NS['q']}}}PlainTextSelection"):
        refs = [c.get("targetGUID") for c in selection.iter(f"{{{NS['q']}}}CodeRef")]
        got[selection.get("name")] = sorted(paths[r][-1] for r in refs)
    assert got == {s[:60]: names for s, names in wanted.items()}
    assert sum(len(v) for v in got.values()) == CODINGS
    lines = stdout.splitlines()
    assert lines[1] == "3 code names changed so that no two codes share one (QualCoder keeps one code per name):"
    assert sorted(lines[2:]) == sorted(f"  {r['path']} → {r['name']}" for r in RENAMED)


def _renamed(tag: str) -> str:
    if tag == TOP:
        return "규제"
    parts = tag.split(" / ")
    return f"규제 ({parts[-2]})" if parts[-1] == "규제" else parts[-1]


def test_the_json_has_the_changes(project, tmp_path, capsys):
    code, stdout, _ = _run(capsys, "export", "--out", str(tmp_path / "x.qdpx"), "--unique-code-names", "--json",
                           "--project", str(project.root))
    assert code == 0
    result = json.loads(stdout)
    assert result["unique_code_names"] is True
    assert sorted(result["renamed_codes"], key=lambda r: r["path"]) == RENAMED


def test_off_by_default_the_names_are_the_analyst_s(project, tmp_path, capsys):
    out = tmp_path / "x.qdpx"
    code, stdout, _ = _run(capsys, "export", "--out", str(out), "--json", "--project", str(project.root))
    assert code == 0
    assert json.loads(stdout)["renamed_codes"] == []
    names = [p[-1] for p in _code_paths(_qde(out), "q").values()]
    assert names.count("규제") == 4


def test_korean_output_lists_the_changes(project, tmp_path, capsys):
    code, stdout, _ = _run(capsys, "export", "--out", str(tmp_path / "x.qdpx"), "--unique-code-names",
                           "--project", str(project.root), "--lang", "ko")
    assert code == 0
    assert "코드 이름 3개를 서로 겹치지 않게 바꿨습니다" in stdout and "  정책 / 규제 → 규제 (정책)" in stdout


def test_nothing_to_change_is_said(tmp_path, capsys):
    from workbench.services.annotations import tag_passage
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job
    from workbench.services.projects import open_project

    project = open_project(tmp_path / "p")
    (tmp_path / "a.txt").write_text("정부는 규제를 풀었다.", encoding="utf-8")
    run_job(ingest(project, [tmp_path / "a.txt"], index=False, entities=False))
    tag_passage(project, "1", ["정책 / 규제"], quote="규제")
    code, stdout, _ = _run(capsys, "export", "--out", str(tmp_path / "x.qdpx"), "--unique-code-names",
                           "--project", str(project.root), "--lang", "en")
    assert code == 0 and "Every code's name was already unique: none was changed" in stdout


def test_a_table_export_refuses_the_option(project, tmp_path, capsys):
    code, _, stderr = _run(capsys, "export", "--out", str(tmp_path / "x.xlsx"), "--unique-code-names",
                           "--project", str(project.root), "--lang", "en")
    assert code != 0 and ".qdpx" in stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_the_codebook_qdc_takes_the_option_with_the_qdpx_s_guids(project, tmp_path, capsys):
    _run(capsys, "export", "--out", str(tmp_path / "x.qdpx"), "--unique-code-names", "--project", str(project.root))
    code, stdout, _ = _run(capsys, "codebook", "export", str(tmp_path / "book.qdc"), "--unique-code-names",
                           "--project", str(project.root), "--lang", "en")
    assert code == 0
    assert "3 code names changed" in stdout and "  산업 / 규제 → 규제 (산업)" in stdout
    book = _code_paths(etree.parse(str(tmp_path / "book.qdc")).getroot(), "c")
    assert book == _code_paths(_qde(tmp_path / "x.qdpx"), "q")  # same GUIDs, same names, same nesting
    code, stdout, _ = _run(capsys, "codebook", "export", str(tmp_path / "book2.qdc"), "--unique-code-names",
                           "--json", "--project", str(project.root))
    assert sorted(json.loads(stdout)["renamed_codes"], key=lambda r: r["path"]) == RENAMED
    _run(capsys, "codebook", "export", str(tmp_path / "plain.qdc"), "--project", str(project.root))
    plain = [p[-1] for p in _code_paths(etree.parse(str(tmp_path / "plain.qdc")).getroot(), "c").values()]
    assert plain.count("규제") == 4


def test_the_codebook_option_is_for_a_qdc_export_only(project, tmp_path, capsys):
    code, _, stderr = _run(capsys, "codebook", "export", str(tmp_path / "book.csv"), "--unique-code-names",
                           "--project", str(project.root), "--lang", "en")
    assert code != 0 and ".qdc" in stderr
    code, _, stderr = _run(capsys, "codebook", "list", "--unique-code-names", "--project", str(project.root),
                           "--lang", "en")
    assert code == 2 and "codebook export FILE.qdc" in stderr

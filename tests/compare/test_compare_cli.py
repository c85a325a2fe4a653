"""``workbench compare OLD NEW``: the JSON lists each aligned pair with its
kind and changed words; ``--out`` writes a 신구조문대비표 whose cells carry
the marks; misuse is refused in both languages."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText

from tests.compare.test_compare import DELETED_SENTENCE, INSERTED_SENTENCE, edited_article
from workbench.cli.main import main
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.projects import open_project


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    old, new = edited_article()
    (root / "기사_원본.txt").write_text(old, encoding="utf-8")
    (root / "기사_수정본.txt").write_text(new, encoding="utf-8")
    project = open_project(root / "p")
    run_job(ingest(project, [root / "기사_원본.txt", root / "기사_수정본.txt"], index=False, entities=False))
    return root


def test_compare_json_gives_each_pair_its_kind_and_changed_words(folder, capsys):
    assert main(["compare", "기사_원본.txt", "기사_수정본.txt", "--project", str(folder / "p"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["old"]["title"] and data["new"]["title"]
    kinds = [p["kind"] for p in data["pairs"]]
    assert kinds.count("changed") == 3 and set(kinds) == {"equal", "changed"}
    words = [(c["old"], c["new"]) for p in data["pairs"] for c in p["changes"]]
    assert words == [(DELETED_SENTENCE, ""), ("", INSERTED_SENTENCE), ("110억원을", "150억원을")]
    assert data["summary"] == {"equal": len(kinds) - 3, "changed": 3, "deleted": 0, "inserted": 0, "word_changes": 3}


def test_compare_out_writes_the_table_with_struck_and_underlined_words(folder, capsys):
    out = folder / "대비표.xlsx"
    assert main(["compare", "기사_원본.txt", "기사_수정본.txt", "--project", str(folder / "p"), "--out", str(out),
                 "--lang", "ko"]) == 0
    printed = capsys.readouterr().out
    assert "110억원을 → 150억원을" in printed and "3개 바뀜" in printed
    sheet = load_workbook(out, rich_text=True).active
    assert sheet["A3"].value.startswith("현 행") and sheet["B3"].value.startswith("개 정 안")
    rows = [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in range(4, sheet.max_row + 1)]
    assert len(rows) == 3

    def marked(value, flag: str) -> list[str]:
        assert isinstance(value, CellRichText)
        return [b.text for b in value if not isinstance(b, str) and getattr(b.font, flag)]

    assert marked(rows[0][0], "strike") == [DELETED_SENTENCE]
    assert marked(rows[1][1], "u") == [INSERTED_SENTENCE]
    assert marked(rows[2][0], "strike") == ["110억원을"] and marked(rows[2][1], "u") == ["150억원을"]
    assert "".join(str(b) if isinstance(b, str) else b.text for b in rows[2][1]).count("150억원을") == 1


def test_compare_refuses_the_same_document_twice_and_an_unknown_format(folder, capsys):
    p = ["--project", str(folder / "p")]
    assert main(["compare", "기사_원본.txt", "기사_원본.txt", *p, "--lang", "ko"]) != 0
    assert "비교할 문서 두 개" in capsys.readouterr().err
    assert main(["compare", "기사_원본.txt", "기사_수정본.txt", *p, "--out", str(folder / "x.pdf")]) != 0
    err = capsys.readouterr().err
    assert ".xlsx" in err and not (folder / "x.pdf").exists()


@pytest.mark.parametrize("suffix", [".hwpx", ".docx"])
def test_compare_out_writes_hangul_and_word_tables(folder, capsys, suffix):
    from workbench.corpus.extract import extract_file

    out = folder / f"대비표{suffix}"
    assert main(["compare", "기사_원본.txt", "기사_수정본.txt", "--project", str(folder / "p"), "--out", str(out),
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["written"]["format"] == suffix[1:] and data["written"]["rows"] == 3
    text = extract_file(out).text
    assert "110억원을" in text and "150억원을" in text and INSERTED_SENTENCE in text

"""``workbench memo`` (issue 25): set, show and delete a document's memo, a
tag's definition and memo and journal entries; ``memo list --json`` gives
them back with authors and dates; misuse is refused in both languages."""

from __future__ import annotations

import json

import pytest

from workbench.cli.main import main
from workbench.services.analyst import set_analyst
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.projects import open_project


@pytest.fixture
def folder(tmp_path):
    project = open_project(tmp_path / "p")
    path = tmp_path / "기사.txt"
    path.write_text("정부는 규제 완화를 약속했다.", encoding="utf-8")
    run_job(ingest(project, [path], index=False, entities=False))
    set_analyst(project, "김분석")
    from workbench.services.codebook import create_tag

    create_tag(project, "정책 / 규제")
    return str(tmp_path / "p")


def _json(capsys, *argv) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_memo_set_show_list_and_delete_with_json(folder, capsys):
    p = ("--project", folder)
    made = _json(capsys, "memo", "set", "--doc", "기사.txt", "검토 필요", *p)["memo"]
    assert (made["kind"], made["text"], made["author"], made["updated_by"]) == ("document", "검토 필요", "김분석",
                                                                            "김분석")
    assert _json(capsys, "memo", "show", "--doc", str(made["target_id"]), *p)["memo"]["id"] == made["id"]
    tag = _json(capsys, "memo", "set", "--tag", "정책 / 규제", "완화도 넣음", *p)
    assert tag["memo"]["text"] == "완화도 넣음" and tag["definition"] == ""
    defined = _json(capsys, "memo", "define", "--tag", "규제", "규제 조항", *p)  # the unique last part names it
    assert defined["definition"] == "규제 조항" and defined["memo"]["text"] == "완화도 넣음"
    first = _json(capsys, "memo", "set", "--journal", "- 첫 일지: 원칙", *p)["memo"]  # a text may start with a dash
    _json(capsys, "memo", "set", "--journal", "둘째 일지", *p)
    listed = _json(capsys, "memo", "list", *p)["memos"]
    assert [(m["kind"], m["target"], m["text"]) for m in listed] == [
        ("project", "", "- 첫 일지: 원칙"), ("project", "", "둘째 일지"),
        ("document", "정부는 규제 완화를 약속했다.", "검토 필요"), ("tag", "정책 / 규제", "완화도 넣음")]
    assert all(m["created_at"] and m["updated_at"] and m["author"] == "김분석" for m in listed)
    edited = _json(capsys, "memo", "set", "--journal", "--entry", str(first["id"]), "첫 일지 (고침)", *p)["memo"]
    assert edited["id"] == first["id"] and edited["created_at"] == first["created_at"]
    assert _json(capsys, "memo", "delete", "--journal", "--entry", str(first["id"]), *p)["deleted"]["id"] == first["id"]
    assert [m["text"] for m in _json(capsys, "memo", "show", "--journal", *p)["memos"]] == ["둘째 일지"]
    assert _json(capsys, "memo", "delete", "--doc", "기사.txt", *p)["memo"] is None
    assert _json(capsys, "memo", "show", "--doc", "기사.txt", *p)["memo"] is None


def test_memo_human_output_and_refusals(folder, capsys):
    assert main(["memo", "set", "--journal", "일지\x1b[31m 빨강", "--project", folder, "--lang", "ko"]) == 0
    out = capsys.readouterr().out
    assert "김분석" in out and "\x1b" not in out  # the terminal control is shown, not obeyed
    assert main(["memo", "show", "--project", folder, "--lang", "ko"]) != 0
    assert "어느 메모인지 밝히세요" in capsys.readouterr().err
    assert main(["memo", "delete", "--journal", "--project", folder]) != 0
    assert "--entry N" in capsys.readouterr().err
    assert main(["memo", "set", "--tag", "없는 태그", "x", "--project", folder]) != 0
    assert "No tag" in capsys.readouterr().err

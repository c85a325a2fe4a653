"""The command line under a Korean locale speaks Korean: status words,
summaries and messages, as the window does (its words: resources/i18n/ko.tsv),
and the files it exports are Korean too. ``--lang`` overrides the locale;
``--json`` is for programs and does not change with either."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from workbench.cli.main import main
from tests.helpers.passages import many_passages

KOREAN = {"LANG": "ko_KR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_ingest_reports_statuses_and_summary_in_korean(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "ok.txt").write_text("정상적인 문서입니다.", encoding="utf-8")
    project = str(tmp_path / "p")
    proc = run("ingest", str(folder), "--project", project, env=KOREAN)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("실패") and "빈 파일" in lines[0]  # the status word, then the message
    assert re.match(r"추가됨 1개, 실패 1개; 색인 1개, [\d.]+초 — 프로젝트 ", lines[-1]), lines[-1]
    assert not re.search(r"\b(failed|added|indexed|project)\b", proc.stdout), proc.stdout
    again = run("ingest", str(folder / "ok.txt"), "--project", project, env=KOREAN)
    assert again.stdout.startswith("변경 없음 1개 — 프로젝트")


def test_json_stays_machine_readable_under_korean(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    proc = run("ingest", str(tmp_path / "empty.txt"), "--project", str(tmp_path / "p"), "--json", env=KOREAN)
    report = json.loads(proc.stdout)
    assert report["summary"]["failed"] == 1 and report["files"][0]["status"] == "failed"


def test_lang_option_and_lc_messages(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    english = run("ingest", str(tmp_path / "empty.txt"), "--project", str(tmp_path / "p"), "--lang", "en", env=KOREAN)
    assert english.stdout.startswith("failed") and "1 failed — project" in english.stdout
    messages = run("ingest", str(tmp_path / "empty.txt"), "--project", str(tmp_path / "p"),
                   env={"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "ko_KR.UTF-8", "LANGUAGE": ""})
    assert "실패 1개 — 프로젝트" in messages.stdout
    forced = run("ingest", str(tmp_path / "empty.txt"), "--project", str(tmp_path / "p"), "--lang", "ko",
                 env={"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""})
    assert "실패 1개 — 프로젝트" in forced.stdout


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    return many_passages(tmp_path_factory.mktemp("cli-ko"), 3)


def _clear_locale(monkeypatch, **env):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def korean(monkeypatch):
    _clear_locale(monkeypatch, LANG="ko_KR.UTF-8")


def test_commands_speak_korean(tagged, korean, capsys, tmp_path):
    project = str(tagged.root)
    assert main(["docs", "--project", project]) == 0
    out = capsys.readouterr().out
    assert out.split()[:3] == ["번호", "형식", "글자"]
    assert main(["annotations", "--project", project]) == 0
    out = capsys.readouterr().out
    assert " 문서 1 " in out and "정상" in out and "anchored" not in out
    assert main(["export", "--out", str(tmp_path / "b.xlsx"), "--project", project]) == 0
    assert capsys.readouterr().out.startswith("문서 1개의 구절 3개를 ")
    assert main(["show", "no-such-doc", "--project", project]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench: ") and "No document" not in err and re.search("[가-힣]", err)
    assert main(["alias", "add", "하나", "--project", project]) == 2
    assert "이름이 둘 이상" in capsys.readouterr().err
    assert main(["meta", "1", "--project", project]) == 0
    out = capsys.readouterr().out
    assert "유형 (doc_type)" in out and "보고서 (report)" in out


def test_commands_stay_english_with_lang_en(tagged, korean, capsys):
    assert main(["annotations", "--project", str(tagged.root), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert " doc 1 " in out and "anchored" in out


def test_cli_export_under_a_korean_locale(tagged, tmp_path, monkeypatch):
    project = tagged
    _clear_locale(monkeypatch, LANG="ko_KR.UTF-8")
    assert main(["export", "--out", str(tmp_path / "a.xlsx"), "--project", str(project.root)]) == 0
    assert load_workbook(tmp_path / "a.xlsx").sheetnames[0] == "구절"
    _clear_locale(monkeypatch, LC_MESSAGES="ko_KR.UTF-8")
    assert main(["export", "--out", str(tmp_path / "b.xlsx"), "--project", str(project.root)]) == 0
    assert load_workbook(tmp_path / "b.xlsx")["개체"]["A1"].value == "유형"


def test_cli_lang_option_overrides_the_locale(tagged, tmp_path, monkeypatch):
    project = tagged
    _clear_locale(monkeypatch, LANG="en_US.UTF-8")
    assert main(["export", "--out", str(tmp_path / "k.xlsx"), "--lang", "ko", "--project", str(project.root)]) == 0
    assert load_workbook(tmp_path / "k.xlsx").sheetnames[-3:] == ["요약", "개체", "출처"]
    _clear_locale(monkeypatch, LANG="ko_KR.UTF-8")
    assert main(["export", "--out", str(tmp_path / "e.xlsx"), "--lang", "en", "--project", str(project.root)]) == 0
    assert load_workbook(tmp_path / "e.xlsx").sheetnames[-3:] == ["Summary", "Entities", "Sources"]
    queries = tmp_path / "q.txt"
    queries.write_text("인공지능\n", encoding="utf-8")
    assert main(["batch-search", str(queries), "--out", str(tmp_path / "h.xlsx"), "--lang", "ko",
                 "--project", str(project.root)]) == 0
    assert load_workbook(tmp_path / "h.xlsx").sheetnames == ["검색 결과", "검색어"]

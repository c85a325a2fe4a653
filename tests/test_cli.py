"""The workbench command, run as a user would: a real process, --json on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import SEEDS
from tests.helpers import files


def run(*args, env=None, check_code=None):
    proc = subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)
    if check_code is not None:
        assert proc.returncode == check_code, proc.stderr
    return proc


@pytest.mark.slow
def test_ingest_docs_show_json(tmp_path):
    project = tmp_path / "p"
    proc = run("ingest", str(SEEDS), "--project", str(project), "--json", check_code=0)
    report = json.loads(proc.stdout)
    assert report["summary"]["added"] == 5
    assert all(f["status"] == "added" and f["message"] for f in report["files"])

    docs = json.loads(run("docs", "--project", str(project), "--json", check_code=0).stdout)
    assert len(docs) == 5
    doc = next(d for d in docs if d["source"].endswith("004_2c1d2e21fcbb52ad.txt"))
    assert {"id", "title", "source", "format", "chars", "blocks", "sections"} <= doc.keys()

    shown = json.loads(run("show", str(doc["id"]), "--project", str(project), "--json", check_code=0).stdout)
    usa = next(b for b in shown["blocks"] if b["text"] == "제1절 미국")
    assert usa["kind"] == "heading" and usa["section"] == "제3장 주요국 인공지능 정책 동향 › 제1절 미국"
    assert all(shown["text"][b["start"]:b["end"]] == b["text"] for b in shown["blocks"])
    # by file name too
    by_name = json.loads(run("show", "004_2c1d2e21fcbb52ad.txt", "--project", str(project), "--json").stdout)
    assert by_name["id"] == doc["id"]


def test_failed_files_set_exit_code_and_are_listed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("정상", encoding="utf-8")
    (folder / "empty.txt").write_text("")
    files.make_pdf(folder / "locked.pdf", password="x")
    proc = run("ingest", str(folder), "--project", str(tmp_path / "p"), "--json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    status = {f["path"].rsplit("/", 1)[1]: f["status"] for f in report["files"]}
    assert status == {"ok.txt": "added", "empty.txt": "failed", "locked.pdf": "failed"}
    plain = run("ingest", str(folder), "--project", str(tmp_path / "p"))
    assert plain.returncode == 1 and "locked.pdf" in plain.stdout and "password" in plain.stdout


def test_korean_messages_under_korean_locale(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    proc = run("ingest", str(tmp_path / "empty.txt"), "--project", str(tmp_path / "p"),
               env={"LANG": "ko_KR.UTF-8", "LC_ALL": "ko_KR.UTF-8"})
    assert "빈 파일" in proc.stdout


def test_unknown_document_and_usage_errors(tmp_path):
    project = str(tmp_path / "p")
    proc = run("show", "no-such-doc", "--project", project)
    assert proc.returncode == 2 and "No document matches" in proc.stderr and "Traceback" not in proc.stderr
    assert run("frobnicate").returncode == 2


@pytest.mark.slow
def test_default_project_seeds_itself(tmp_path):
    proc = run("docs", "--json", env={"WORKBENCH_HOME": str(tmp_path / "home")}, check_code=0)
    assert len(json.loads(proc.stdout)) == 5
    assert (tmp_path / "home" / "default" / "workbench.sqlite").exists()


@pytest.mark.slow
def test_second_writer_process_is_refused(tmp_path):
    from workbench.store.project import Project

    project = Project.open(tmp_path / "p")
    (tmp_path / "a.txt").write_text("문서", encoding="utf-8")
    with project.write_lock():
        proc = run("ingest", str(tmp_path / "a.txt"), "--project", str(project.root))
    assert proc.returncode == 2
    assert "another Workbench process" in proc.stderr
    assert run("ingest", str(tmp_path / "a.txt"), "--project", str(project.root)).returncode == 0


def test_search_json_has_the_documented_fields(tmp_path):
    project = str(tmp_path / "p")
    run("ingest", str(SEEDS / "002_94c9759865f86656.txt"), "--project", project, check_code=0)
    data = json.loads(run("search", "과기정통부가", "--project", project, "--json", "--limit", "5",
                          check_code=0).stdout)
    assert data["expansions"]["과기정통부가"][0] == "과학기술정보통신부"
    assert data["parsed"] == "과기정통부가" and data["total"] >= 1
    hit = data["hits"][0]
    assert {"doc_id", "source", "title", "section", "score", "start", "end", "snippet", "matches"} <= hit.keys()
    shown = json.loads(run("show", str(hit["doc_id"]), "--project", project, "--json").stdout)
    for start, end in hit["matches"]:
        assert shown["text"][start:end] in ("과기정통부", "과학기술정보통신부")
    docs = json.loads(run("search", "AI", "--docs", "--project", project, "--json", check_code=0).stdout)
    assert docs["documents"][0]["hits"] >= 1
    bad = run("search", '"AI 기본법', "--project", project)
    assert bad.returncode == 2 and "never closed" in bad.stderr and "Traceback" not in bad.stderr


def test_ingest_says_which_document_a_same_text_file_repeats_without_verbose(tmp_path):
    """A file whose text is already a document's is added, and the plain output
    (not only -v or --json) names the document it repeats."""
    text = "보도자료\n과기정통부는 반도체 연구개발에 1조 원을 투자한다고 밝혔다.\n"
    (tmp_path / "원본.txt").write_text(text, encoding="utf-8")
    (tmp_path / "사본.txt").write_text(text, encoding="utf-8")
    project = str(tmp_path / "p")
    run("ingest", str(tmp_path / "원본.txt"), "--project", project, "--lang", "en", check_code=0)
    out = run("ingest", str(tmp_path / "사본.txt"), "--project", project, "--lang", "en", check_code=0).stdout
    assert "사본.txt" in out and "same text as a document already in the project: 원본.txt" in out, out
    out = run("ingest", str(tmp_path / "사본.txt"), "--project", project, "--lang", "ko", check_code=0).stdout
    assert "사본.txt" not in out  # unchanged on the second run: nothing new to say


def test_codebook_color_takes_the_colour_as_help_shows_it(tmp_path):
    """`codebook color PATH --color #hex` (the --color option `--help` lists) was a usage error (exit 2)."""
    import json
    import subprocess
    import sys

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "workbench", *args, "--project", str(tmp_path / "p")],
                              capture_output=True, text=True, timeout=120)

    assert cli("codebook", "add", "정책").returncode == 0
    done = cli("codebook", "color", "정책", "--color", "#FF0000", "--json")
    assert done.returncode == 0, done.stderr
    assert [t["color"].lower() for t in json.loads(done.stdout) if t["path"] == "정책"] == ["#ff0000"]
    assert cli("codebook", "color", "정책", "#00FF00").returncode == 0  # the positional form still works


def test_tag_can_make_a_top_level_tag_beside_nested_ones_of_that_name(tmp_path):
    """With 정책 / 규제 in the codebook, --tag 규제 means that tag (its unique last part);
    a top-level 규제 could not be made at all. /규제 names the top level."""
    import json
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("정부는 규제 완화를 약속했다.", encoding="utf-8")

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "workbench", *args, "--project", str(tmp_path / "p")],
                              capture_output=True, text=True, timeout=180)

    assert cli("ingest", str(tmp_path / "a.txt")).returncode == 0
    assert cli("codebook", "add", "정책 / 규제").returncode == 0
    nested = json.loads(cli("tag", "1", "--start", "0", "--end", "3", "--tag", "규제", "--json").stdout)
    assert nested["tags"] == ["정책 / 규제"]  # the one tag ending in 규제
    assert cli("codebook", "add", "산업 / 규제").returncode == 0
    ambiguous = cli("tag", "1", "--start", "0", "--end", "3", "--tag", "규제")
    assert ambiguous.returncode != 0 and "/규제" in ambiguous.stderr  # the message says how to name the top level
    top = json.loads(cli("tag", "1", "--start", "4", "--end", "6", "--tag", "/규제", "--json").stdout)
    assert top["tag_ids"] != nested["tag_ids"]
    paths = {t["path"] for t in json.loads(cli("codebook", "list", "--json").stdout)}
    assert {"규제", "정책 / 규제", "산업 / 규제"} <= paths

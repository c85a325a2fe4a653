"""What other tools' .qdpx files do, imported as the analyst expects:
QualCoder's one selection per code on the same span, quotes with line
breaks, notes by reference, an upper-case ``Sources/`` folder, a source
beside the file (``relative://``); a cancelled import keeps what it added
and a second run completes it; ``workbench import`` dispatches a ``.qdc`` to
the codebook import."""

from __future__ import annotations

import argparse
import html
import zipfile
from pathlib import Path

from workbench.core.progress import CancelToken
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services import memos
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.services.refi_import import import_qdpx

from tests.services.test_refi_import import _documents as _texts

NS = "urn:QDA-XML:project:1.0"
A, B = "10000000-0000-4000-8000-00000000000a", "10000000-0000-4000-8000-00000000000b"
TEXT = "첫 문단은 배경이다.\n둘째 문단에서 정부는\n규제 완화를 약속했다.\n셋째 문단."




def _selection(i: int, text: str, quote: str, code: str, extra: str = "") -> str:
    start = text.index(quote)
    return (f'<PlainTextSelection guid="20000000-0000-4000-8000-{i:012d}" name="{html.escape(quote)}" '
            f'startPosition="{start}" endPosition="{start + len(quote)}" creatingUser="u1" '
            f'creationDateTime="2023-01-02T03:04:05Z">{extra}<Coding guid="30000000-0000-4000-8000-{i:012d}">'
            f'<CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>')


def _write(path: Path, qde: str, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        for name, text in members.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


def _qualcoder_like(tmp_path: Path) -> Path:
    quote = "정부는\n규제 완화를 약속했다."
    selections = (_selection(1, TEXT, quote, A, "<Description>정책 신호</Description>")
                  + _selection(2, TEXT, quote, B, '<NoteRef targetGUID="70000000-0000-4000-8000-000000000001"/>'))
    (tmp_path / "beside.txt").write_text("파일 옆의 원문입니다. 규제 이야기.", encoding="utf-8")
    qde = (f'<Project xmlns="{NS}" name="qc" origin="QualCoder">'
           f'<Users><User guid="u1" name="colleague"/></Users>'
           f'<CodeBook><Codes><Code guid="{A}" name="정책" isCodable="true" color="#123456"/>'
           f'<Code guid="{B}" name="AI/ML" isCodable="true"/></Codes></CodeBook><Sources>'
           f'<TextSource guid="50000000-0000-4000-8000-000000000001" name="interview.txt" '
           f'plainTextPath="internal://one.txt">{selections}</TextSource>'
           '<TextSource guid="50000000-0000-4000-8000-000000000002" name="beside" plainTextPath="relative://beside.txt">'
           + _selection(3, "파일 옆의 원문입니다. 규제 이야기.", "규제 이야기", A) + '</TextSource>'
           '</Sources><Notes><Note guid="70000000-0000-4000-8000-000000000001" name="n">'
           '<PlainTextContent>참고 메모</PlainTextContent></Note>'
           '<Note guid="70000000-0000-4000-8000-000000000002" name="journal"><PlainTextContent>프로젝트 일지'
           '</PlainTextContent></Note></Notes></Project>')
    return _write(tmp_path / "qc.qdpx", qde, {"Sources/one.txt": TEXT})


def test_one_selection_per_code_becomes_one_passage_with_both_tags_and_notes(tmp_path):
    project = open_project(tmp_path / "p")
    report = run_job(import_qdpx(project, _qualcoder_like(tmp_path), index=False, entities=False,
                                 sources_from=tmp_path))
    texts = _texts(project)
    rows = svc.list_annotations(project)
    assert len(rows) == 2
    joined = next(r for r in rows if "정부는" in r.quote)
    assert texts[joined.doc_id][joined.start:joined.end] == "정부는\n규제 완화를 약속했다."
    assert joined.tags == ["AI／ML", "정책"] and joined.note == "정책 신호\n\n참고 메모"
    assert joined.created_at == joined.updated_at == "2023-01-02T03:04:05+00:00"
    assert joined.created_by == joined.updated_by == "colleague"
    assert report.count("selection", "merged") == 1 and report.count("source", "added") == 2
    renamed = [i for i in report.items if i.status == "renamed"]
    assert [i.name for i in renamed] == ["AI／ML"] and "'AI/ML'" in renamed[0].message
    assert {t.path: t.color for t in books.codebook(project)}["정책"] == "#123456"
    [journal] = [i for i in report.items if i.kind == "note"]  # a note on no passage: kept in the journal
    assert journal.status == "imported" and journal.name == "journal"
    assert [(e.text, e.author, e.guid) for e in memos.journal(project)] == [
        ("프로젝트 일지", "? (qc.qdpx)", "70000000-0000-4000-8000-000000000002")]
    assert report.users == ["colleague"]
    added = {i.name: i.message for i in report.items if i.status == "added"}
    assert "beside.txt" in added["beside"]  # read from outside the archive: the report says where
    assert added["interview.txt"] == "added as interview.txt"  # not interview.txt.txt


def test_who_coded_is_read_from_the_coding_when_the_selection_names_no_one(tmp_path):
    """A coder named only on the Coding (as some tools write it) is the
    passage's; a file naming no one is never taken for this project's analyst."""
    text = "첫째 구간입니다. 둘째 구간입니다."
    first = _selection(1, text, "첫째 구간", A).replace('creatingUser="u1" ', "").replace(
        "<Coding ", '<Coding creatingUser="u2" ')
    second = _selection(2, text, "둘째 구간", A).replace('creatingUser="u1" ', "")
    qde = (f'<Project xmlns="{NS}" name="x"><Users><User guid="u2" name="박연구"/></Users>'
           f'<CodeBook><Codes><Code guid="{A}" name="정책" isCodable="true"/></Codes></CodeBook><Sources>'
           f'<TextSource guid="50000000-0000-4000-8000-000000000001" name="t" plainTextPath="internal://t.txt">'
           f'{first}{second}</TextSource></Sources></Project>')
    project = open_project(tmp_path / "p")
    run_job(import_qdpx(project, _write(tmp_path / "who.qdpx", qde, {"sources/t.txt": text}), index=False,
                        entities=False))
    by_quote = {r.quote: r for r in svc.list_annotations(project)}
    assert by_quote["첫째 구간"].created_by == "박연구"
    assert by_quote["둘째 구간"].created_by == "? (who.qdpx)"


def test_a_cancelled_import_keeps_its_documents_and_a_second_run_completes_it(tmp_path):
    project = open_project(tmp_path / "p")
    path = _qualcoder_like(tmp_path)
    token = CancelToken()

    def cancel_after_first(progress) -> None:
        if progress.stage == "read" and progress.done == 1:
            token.cancel()

    report = run_job(import_qdpx(project, path, cancel=token, index=False, entities=False, sources_from=tmp_path),
                     cancel_after_first)
    assert report.cancelled and len(_texts(project)) == 1
    assert svc.list_annotations(project) == [] and books.codebook(project) == []
    assert len(list((project.root / "imported").rglob("*.txt"))) == 1  # the unadded source's file is gone
    again = run_job(import_qdpx(project, path, index=False, entities=False, sources_from=tmp_path))
    assert not again.cancelled and again.count("source", "merged") == 1 and again.count("source", "added") == 1
    assert len(svc.list_annotations(project)) == 2


def test_the_import_command_sends_a_qdc_to_the_codebook_import(tmp_path, capsys):
    from workbench.cli.importing import cmd_import

    qdc = tmp_path / "book.qdc"
    qdc.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="c1" name="규제" isCodable="true">'
                   '<Code guid="c2" name="세부" isCodable="true" color="#ABCDEF"/></Code></Codes></CodeBook>',
                   encoding="utf-8")
    project_dir = tmp_path / "p"
    code = cmd_import(argparse.Namespace(file=str(qdc), project=str(project_dir), json=False, verbose=False))
    assert code == 0 and "2 codes" in capsys.readouterr().out
    assert {t.path: t.color for t in books.codebook(open_project(project_dir))}["규제 / 세부"] == "#ABCDEF"


def test_the_import_command_reports_a_qdpx_and_exits_1_when_something_was_skipped(tmp_path, capsys):
    import json

    from workbench.cli.importing import cmd_import

    path = _qualcoder_like(tmp_path)
    args = argparse.Namespace(file=str(path), project=str(tmp_path / "p"), json=True, verbose=False,
                              sources_from=str(tmp_path))
    code = cmd_import(args)
    out = json.loads(capsys.readouterr().out)
    assert code == 0  # the project journal note is kept as a journal entry now (issue 25)
    assert out["summary"]["source"] == {"added": 2} and out["summary"]["note"] == {"imported": 1}


def test_source_paths_as_other_tools_write_them(tmp_path):
    """``internal://Sources/x.txt`` (the folder repeated), a path with no
    scheme that is in the archive, and a 3-digit colour."""
    code = '<CodeBook><Codes><Code guid="c" name="코드" isCodable="true" color="#f00"/></Codes></CodeBook>'
    sources = "".join(
        f'<TextSource guid="s{i}" name="n{i}" plainTextPath="{ref}">'
        f'<PlainTextSelection guid="p{i}" startPosition="0" endPosition="2"><Coding><CodeRef targetGUID="c"/>'
        f'</Coding></PlainTextSelection></TextSource>'
        for i, ref in enumerate(("internal://Sources/one.txt", "two.txt")))
    path = _write(tmp_path / "paths.qdpx", f'<Project xmlns="{NS}" name="p">{code}<Sources>{sources}</Sources></Project>',
                  {"Sources/one.txt": "첫째 원문.", "sources/two.txt": "둘째 원문."})
    project = open_project(tmp_path / "p")
    report = run_job(import_qdpx(project, path, index=False, entities=False))
    assert report.count("source", "added") == 2 and report.count("selection", "imported") == 2
    assert sorted(_texts(project).values()) == ["둘째 원문.", "첫째 원문."]
    assert [t.color for t in books.codebook(project)] == ["#f00"]


def test_a_note_linked_to_a_selection_as_nvivo_does_becomes_its_note(tmp_path):
    code = '<CodeBook><Codes><Code guid="c" name="코드" isCodable="true"/></Codes></CodeBook>'
    source = ('<TextSource guid="s" name="n" plainTextPath="internal://one.txt"><PlainTextSelection guid="p" '
              'startPosition="0" endPosition="2"><Coding><CodeRef targetGUID="c"/></Coding></PlainTextSelection>'
              '</TextSource>')
    notes = '<Notes><Note guid="m" name="memo"><PlainTextContent>연결된 메모</PlainTextContent></Note></Notes>'
    links = '<Links><Link guid="l" originGUID="m" targetGUID="p"/></Links>'
    path = _write(tmp_path / "links.qdpx",
                  f'<Project xmlns="{NS}" name="p">{code}<Sources>{source}</Sources>{notes}{links}</Project>',
                  {"sources/one.txt": "첫째 원문."})
    project = open_project(tmp_path / "p")
    report = run_job(import_qdpx(project, path, index=False, entities=False))
    [row] = svc.list_annotations(project)
    assert row.note == "연결된 메모" and not report.skipped

"""How each producer counts selection positions: NVivo in UTF-16 code units,
the standard in code points. Read as code points, every NVivo selection after
the first emoji landed on shifted text ("itikusoknak kötemező…" for "A
Politikusoknak kötemező…") and the import said nothing. Without a quote to
check against, the counting is the producer's, or the one under which the
selections start and end between words."""

from __future__ import annotations

import zipfile
from pathlib import Path

from workbench.services import annotations as svc
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.services.refi_import import import_qdpx
from tests.services.test_refi_import import _documents

NVIVO = Path(__file__).resolve().parents[1] / "fixtures" / "refi" / "nvivo_mac127_OltasSzkepticizmus.qdpx"
NS = "urn:QDA-XML:project:1.0"
CODE = "30000000-0000-4000-8000-000000000001"




def test_nvivo_selections_land_on_the_text_nvivo_selected(tmp_path):
    project = open_project(tmp_path / "p")
    report = run_job(import_qdpx(project, NVIVO, index=False, entities=False))
    rows = svc.list_annotations(project)
    texts = _documents(project)
    assert len(rows) > 150
    # A selection in NVivo starts where the analyst's drag began: a line or a word,
    # never inside one (read as code points, 11 of 187 started at a line start).
    line_starts = sum(1 for r in rows if r.start == 0 or texts[r.doc_id][r.start - 1] == "\n")
    inside_words = [r.quote[:30] for r in rows if r.start > 0
                    and texts[r.doc_id][r.start - 1].isalnum() and texts[r.doc_id][r.start].isalnum()]
    assert line_starts >= 0.9 * len(rows) and len(inside_words) <= 1, inside_words
    converted = [i for i in report.items if i.kind == "selection" and i.status == "converted"]
    assert converted and all("UTF-16" in i.message for i in converted)  # the report says how it read them


def _qdpx(folder: Path, origin: str, text: str, spans: list[tuple[int, int]]) -> Path:
    selections = "".join(
        f'<PlainTextSelection guid="40000000-0000-4000-8000-{n:012d}" name="label {n}" startPosition="{s}" '
        f'endPosition="{e}"><Coding guid="60000000-0000-4000-8000-{n:012d}"><CodeRef targetGUID="{CODE}"/>'
        f"</Coding></PlainTextSelection>" for n, (s, e) in enumerate(spans))
    qde = (f'<Project xmlns="{NS}" name="t" origin="{origin}"><CodeBook><Codes>'
           f'<Code guid="{CODE}" name="반응" isCodable="true"/></Codes></CodeBook><Sources>'
           f'<TextSource guid="50000000-0000-4000-8000-000000000001" name="posts" plainTextPath="internal://a.txt">'
           f"{selections}</TextSource></Sources></Project>")
    path = folder / f"{origin or 'unknown'}.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        archive.writestr("Sources/a.txt", text.encode("utf-8"))
    return path


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


POSTS = "좋아요 😀 정말 좋네요\n🇰🇷 한국 최고 👍 반도체\n규제는 풀어야 합니다 😡\n다음 주에 봐요"
WORDS = ["정말", "한국", "반도체", "규제는", "다음"]


def _spans(counting) -> list[tuple[int, int]]:
    return [(counting(POSTS, POSTS.index(w)), counting(POSTS, POSTS.index(w) + len(w))) for w in WORDS]


def test_an_unknown_producer_counting_utf16_is_read_by_the_word_boundaries(tmp_path):
    project = open_project(tmp_path / "p")
    run_job(import_qdpx(project, _qdpx(tmp_path, "", POSTS, _spans(_utf16)), index=False, entities=False))
    assert sorted(r.quote for r in svc.list_annotations(project)) == sorted(WORDS)


def test_code_points_stay_code_points(tmp_path):
    project = open_project(tmp_path / "p")
    run_job(import_qdpx(project, _qdpx(tmp_path, "", POSTS, _spans(lambda t, i: i)), index=False, entities=False))
    assert sorted(r.quote for r in svc.list_annotations(project)) == sorted(WORDS)


def test_nvivo_is_read_in_utf16_units(tmp_path):
    project = open_project(tmp_path / "p")
    path = _qdpx(tmp_path, "NVivo for Mac 12.7.0", POSTS, _spans(_utf16)[:1])  # one selection: too few to judge
    run_job(import_qdpx(project, path, index=False, entities=False))
    assert [r.quote for r in svc.list_annotations(project)] == [WORDS[0]]


def test_negative_and_reversed_positions_are_refused_by_name(tmp_path):
    """-5..10 was imported as "converted from CRLF as one" (the CR LF reading clamped -5 to 0),
    and 12..4 was called "empty"."""
    text = "가나다\r\n라마바\r\n사아자 차카타 파하"
    path = _qdpx(tmp_path, "", text, [(-5, 10), (12, 4), (3, 3), (0, 3)])
    project = open_project(tmp_path / "p")
    report = run_job(import_qdpx(project, path, index=False, entities=False))
    skipped = {i.message for i in report.items if i.kind == "selection" and i.status == "skipped"}
    assert any("negative position (-5-10)" in m for m in skipped)
    assert any("reversed selection (12-4)" in m for m in skipped)
    assert any("empty selection (3-3)" in m for m in skipped)
    assert [r.quote for r in svc.list_annotations(project)] == ["가나다"]


def test_sources_are_titled_by_their_names_in_the_other_program(tmp_path):
    """Both NVivo sources begin with a table header and were both titled "video_id"."""
    from workbench.services.documents import list_documents

    project = open_project(tmp_path / "p")
    run_job(import_qdpx(project, NVIVO, index=False, entities=False))
    assert sorted(d.title for d in list_documents(project)) == ["videos_10_selected", "videos_selection"]


def test_two_sources_with_one_guid_keep_their_own_selections(tmp_path):
    """Selections were matched to documents by the source's GUID: a GUID given twice
    put the first source's selections on the second document's text."""
    def source(name: str, member: str, start: int, end: int) -> str:
        return (f'<TextSource guid="50000000-0000-4000-8000-000000000001" name="{name}" '
                f'plainTextPath="internal://{member}"><PlainTextSelection guid="4{start}000000-0000-4000-8000-'
                f'000000000001" name="x" startPosition="{start}" endPosition="{end}"><Coding guid="6{start}000000-'
                f'0000-4000-8000-000000000001"><CodeRef targetGUID="{CODE}"/></Coding></PlainTextSelection>'
                "</TextSource>")

    qde = (f'<Project xmlns="{NS}" name="t" origin="test"><CodeBook><Codes><Code guid="{CODE}" name="반응" '
           f'isCodable="true"/></Codes></CodeBook><Sources>{source("첫째", "a.txt", 0, 3)}'
           f'{source("둘째", "b.txt", 4, 6)}</Sources></Project>')
    path = tmp_path / "dup.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        archive.writestr("Sources/a.txt", "가나다 첫 문서".encode("utf-8"))
        archive.writestr("Sources/b.txt", "라마바 둘째 문서".encode("utf-8"))
    project = open_project(tmp_path / "p")
    run_job(import_qdpx(project, path, index=False, entities=False))
    assert sorted(r.quote for r in svc.list_annotations(project)) == ["가나다", "둘째"]

"""Coder agreement on a real project: two analysts tag passages (the analyst
name set between tagging calls, as two people at one computer would), and
the figures per tag, per document and in total are the ones worked out by
hand below; then the command's --json and --out workbook say the same."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from workbench.cli.main import main
from workbench.core.errors import WorkbenchError
from workbench.services import annotations as svc
from workbench.services.agreement import agreement, list_coders
from workbench.services.analyst import set_analyst
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.store.documents import DocumentRepository

A, B, C = "김분석", "이검토", "박제삼"
# An emoji first: offsets are code points, so 😀 is one character (two in Qt's UTF-16).
ONE = "😀" + "가나다라마바사아자차" * 9 + "카타파하끝오육칠팔"  # 1 + 90 + 9 = 100 characters
TWO = "정책 규제 완화 검토안" * 5  # 12 × 5 = 60 characters, coded with 규제 by A only
THREE = "아무도 규제로 코딩하지 않은 문서" * 4  # nobody codes 규제 here; C codes 기타


@pytest.fixture
def coded(project, tmp_path):
    for name, text in (("one.txt", ONE), ("two.txt", TWO), ("three.txt", THREE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        run_job(ingest(project, [tmp_path / name], index=False))
    conn = project.connect()
    docs = DocumentRepository(conn)
    ids = {Path_name(d.source): d.id for d in docs.list()}
    texts = {name: docs.text(i) for name, i in ids.items()}
    conn.close()
    assert [len(texts[n]) for n in ("one.txt", "two.txt", "three.txt")] == [100, 60, 72]
    set_analyst(project, A)
    svc.tag_passage(project, "one.txt", ["정책 / 규제"], start=10, end=30)
    svc.tag_passage(project, "one.txt", ["정책 / 규제"], start=15, end=20)  # nested in A's own: counted once
    svc.tag_passage(project, "one.txt", ["정책"], start=0, end=10)
    svc.tag_passage(project, "two.txt", ["정책 / 규제"], start=0, end=12)
    set_analyst(project, B)
    svc.tag_passage(project, "one.txt", ["정책 / 규제", "정책"], start=20, end=40)  # one passage, two tags
    set_analyst(project, C)
    svc.tag_passage(project, "three.txt", ["기타"], start=0, end=5)
    return project, ids, texts


def Path_name(source: str) -> str:
    from pathlib import Path

    return Path(source).name


def test_coders_are_who_applied_the_tags(coded):
    project, _, _ = coded
    assert [(c.name, c.codings, c.documents) for c in list_coders(project)] == [(A, 4, 2), (B, 2, 1), (C, 1, 1)]


def test_per_tag_per_document_and_total_by_hand(coded):
    project, ids, texts = coded
    report = agreement(project, A, B)
    rows = {(r.tag, r.doc_id): r for r in report.documents}
    # 규제 in one.txt (N = 100): A 10–30 (15–20 inside it) = 20, B 20–40 = 20, both 20–30 = 10,
    # neither 100 − 20 − 20 + 10 = 70. agreement 80/100 = 80 %.
    # pA = pB = 0.2; pe = 0.04 + 0.64 = 0.68; po = 0.8; kappa = 0.12 / 0.32 = 0.375
    one = rows[("정책 / 규제", ids["one.txt"])]
    assert (one.counts.a, one.counts.b, one.counts.both) == (20, 20, 10)
    assert one.agreement == pytest.approx(80.0) and one.kappa == pytest.approx(0.375)
    # 규제 in two.txt (N = 60): A 0–12, B nothing. agreement 48/60 = 80 %; pA = 0.2, pB = 0;
    # pe = 0 + 0.8 × 1 = 0.8; po = 0.8 → kappa 0
    two = rows[("정책 / 규제", ids["two.txt"])]
    assert two.agreement == pytest.approx(80.0) and two.kappa == pytest.approx(0.0)
    # 정책 (the parent, on its own: 규제's codings are not its) in one.txt: A 0–10, B 20–40; both 0,
    # neither 70 → 70 %; pA = 0.1, pB = 0.2; pe = 0.02 + 0.72 = 0.74; kappa = (0.7 − 0.74)/0.26
    parent = rows[("정책", ids["one.txt"])]
    assert (parent.counts.a, parent.counts.b, parent.counts.both) == (10, 20, 0)
    assert parent.agreement == pytest.approx(70.0) and parent.kappa == pytest.approx(-0.04 / 0.26)
    # three.txt: neither A nor B coded anything there, so no row counts it.
    assert {r.doc_id for r in report.documents} == {ids["one.txt"], ids["two.txt"]}
    # 규제's total: N = 160, a = 32, b = 20, both = 10, neither = 160 − 32 − 20 + 10 = 118.
    # agreement = 128/160 = 80 %; pA = 32/160 = 0.2, pB = 20/160 = 0.125; po = 0.8
    tags = {r.tag: r for r in report.tags}
    pb = 20 / 160
    pe = 0.2 * pb + 0.8 * (1 - pb)
    assert tags["정책 / 규제"].documents == 2
    assert tags["정책 / 규제"].agreement == pytest.approx(80.0)
    assert tags["정책 / 규제"].kappa == pytest.approx((0.8 - pe) / (1 - pe))
    # Overall: 규제 (160, 32, 20, 10) + 정책 (100, 10, 20, 0) = N 260, a 42, b 40, both 10,
    # neither 260 − 42 − 40 + 10 = 188; agreement 198/260.
    po, pa, pb = 198 / 260, 42 / 260, 40 / 260
    pe = pa * pb + (1 - pa) * (1 - pb)
    assert report.agreement == pytest.approx(100 * po) and report.kappa == pytest.approx((po - pe) / (1 - pe))
    # Where they differ in one.txt on 규제: only A 10–20, only B 30–40, both 20–30, with the text.
    spans = [(s.who, s.start, s.end, s.quote) for s in report.spans_of(tags["정책 / 규제"].tag_id, ids["one.txt"])]
    t = texts["one.txt"]
    assert spans == [("A", 10, 20, t[10:20]), ("both", 20, 30, t[20:30]), ("B", 30, 40, t[30:40])]


def test_all_documents_counts_the_uncoded_ones_as_qualcoder_does(coded):
    project, _, _ = coded
    report = agreement(project, A, B, tag="규제", all_documents=True)
    # 규제 over all three documents: N = 100 + 60 + 72 = 232, a 32, b 20, both 10, neither 190.
    (row,) = report.tags
    assert row.agreement == pytest.approx(100 * 200 / 232)
    po, pa, pb = 200 / 232, 32 / 232, 20 / 232
    pe = pa * pb + (1 - pa) * (1 - pb)
    assert row.kappa == pytest.approx((po - pe) / (1 - pe))


def test_tag_and_document_narrow_it(coded):
    project, ids, _ = coded
    report = agreement(project, A, B, tag="정책")  # the parent and the tag under it, each its own row
    assert [r.tag for r in report.tags] == ["정책", "정책 / 규제"]
    report = agreement(project, B, A, doc="one.txt", tag="정책 / 규제")
    assert [(r.tag, r.doc_id) for r in report.documents] == [("정책 / 규제", ids["one.txt"])]
    assert report.agreement == pytest.approx(80.0) and report.kappa == pytest.approx(0.375)  # symmetric


def test_a_coder_without_codings_is_named_with_those_who_have(coded):
    project, _, _ = coded
    with pytest.raises(WorkbenchError) as caught:
        agreement(project, A, "최없음")
    assert "최없음" in caught.value.message and A in caught.value.message and B in caught.value.message
    assert "코딩한 코더" in caught.value.message_ko and C in caught.value.message_ko
    with pytest.raises(WorkbenchError):
        agreement(project, A, A)


def test_cli_json_and_workbook(coded, tmp_path, capsys):
    project, ids, texts = coded
    out = tmp_path / "agreement.xlsx"
    assert main(["agreement", "--coders", A, B, "--json", "--out", str(out), "--lang", "ko",
                 "--project", str(project.root)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["coders"] == {"A": A, "B": B}
    tags = {r["tag"]: r for r in data["tags"]}
    assert tags["정책 / 규제"]["agreement"] == pytest.approx(80.0)
    assert tags["정책"]["kappa"] == pytest.approx(-0.04 / 0.26)
    assert data["total"]["agreement"] == pytest.approx(100 * 198 / 260)
    assert {(d["tag"], d["doc_id"]) for d in data["documents"]} == {
        ("정책 / 규제", ids["one.txt"]), ("정책 / 규제", ids["two.txt"]), ("정책", ids["one.txt"])}
    only_a = [d for d in data["disagreements"] if d["who"] == "A" and d["doc_id"] == ids["two.txt"]]
    assert [(d["start"], d["end"], d["quote"], d["coder"]) for d in only_a] == [(0, 12, texts["two.txt"][:12], A)]

    wb = load_workbook(out)
    assert wb.sheetnames == ["요약", "문서별", "불일치 구간"]
    summary = [list(r) for r in wb["요약"].iter_rows(values_only=True)]
    assert summary[0][:4] == ["태그", "문서별", "일치율(%)", "카파"]
    by_tag = {r[0]: r for r in summary[1:4]}
    assert by_tag["정책 / 규제"][2] == pytest.approx(80.0)
    assert list(by_tag["정책 / 규제"][5:9]) == [160, 32, 20, 10]  # characters, A, B, both
    assert by_tag["합계"][2] == pytest.approx(round(100 * 198 / 260, 2))
    assert by_tag["정책"][4] == "일치 없음"  # kappa below 0
    spans = [r for r in wb["불일치 구간"].iter_rows(min_row=2, values_only=True)]
    assert [s[1:] for s in spans if s[3] == 0 and s[2] == f"{A}만" and s[1] == "정책 / 규제" and s[4] == 12] == [
        ("정책 / 규제", f"{A}만", 0, 12, texts["two.txt"][:12])]
    assert len(list(wb["문서별"].iter_rows(min_row=2))) == 3


def test_cli_lists_coders_and_refuses_an_unknown_one(coded, capsys):
    project, _, _ = coded
    assert main(["agreement", "--project", str(project.root), "--lang", "en"]) == 2
    out = capsys.readouterr().out
    assert A in out and B in out and C in out and "--coders A B" in out
    assert main(["agreement", "--coders", A, "최없음", "--project", str(project.root), "--lang", "ko"]) != 0
    err = capsys.readouterr().err
    assert "코딩한 코더" in err and A in err


def test_unnamed_codings_are_the_analysts_and_orphans_are_left_out(coded):
    project, ids, _ = coded
    conn = project.connect()
    with conn:
        # A row from before v10 (no applied_by) on a passage from before v9 (no creator): the analyst's,
        # who is C now (the last name set).
        passage = conn.execute("SELECT id FROM annotations WHERE created_by = ?", (B,)).fetchone()[0]
        conn.execute("UPDATE annotation_tags SET applied_by = '' WHERE annotation_id = ?", (passage,))
        conn.execute("UPDATE annotations SET created_by = '' WHERE id = ?", (passage,))
        # A passage whose place in a changed text was lost does not count.
        conn.execute("UPDATE annotations SET status = 'orphaned' WHERE doc_id = ?", (ids["two.txt"],))
    conn.close()
    assert [(c.name, c.codings) for c in list_coders(project)] == [(A, 3), (C, 3)]  # ties by name
    report = agreement(project, A, C, tag="정책 / 규제")
    assert [r.doc_id for r in report.documents] == [ids["one.txt"]]
    assert report.agreement == pytest.approx(80.0) and report.kappa == pytest.approx(0.375)  # as A against B before

"""A long document's progress moves while Kiwi analyses it. The bar counted
whole documents: one 4 M-character report (the largest accepted) sat at 0 for
a minute, looking hung. Now the index phase reports how far into the document
Kiwi has got."""

from __future__ import annotations

from workbench.corpus import kiwi
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job

PARAGRAPH = "정부는 인공지능 기본법 시행령을 발표했다. 업계는 환영했고 전문가들은 규제 완화가 필요하다고 봤다."


def test_the_index_phase_reports_progress_inside_one_long_document(project, tmp_path, monkeypatch):
    monkeypatch.setattr(kiwi, "PARTIAL_EVERY", 0.0)  # every line a report (4 a second in the app)
    source = tmp_path / "report.txt"
    source.write_text("\n\n".join(f"{n}. {PARAGRAPH}" for n in range(400)), encoding="utf-8")
    steps = []
    report = run_job(ingest(project, [source]), steps.append)
    assert report.index["indexed"] == 1
    inside = [s for s in steps if s.stage == "index" and s.done == 0 and s.bytes_done > 0]
    assert len(inside) >= 3, [(s.stage, s.done, s.bytes_done) for s in steps]
    done = [s.bytes_done for s in inside]
    assert done == sorted(done) and done[-1] < inside[-1].bytes_total  # forward, and not yet the end
    assert all(s.total == 1 and s.message for s in inside)  # named: the document being analysed
    assert [s for s in steps if s.stage == "index"][-1].bytes_done == inside[-1].bytes_total

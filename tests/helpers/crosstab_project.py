"""Three small documents with the details a crosstab groups by, and four
tagged passages: the case the chart's and the briefing's crosstab tests count
by hand. a.txt: 과기정통부, press release, 2024-03-05, two passages (one with
two tags); b.txt: 과기정통부, report, ``b_date``, one passage; c.txt: no
publisher, report, dated only "2023", one passage tagged 산업."""

from __future__ import annotations

from pathlib import Path

from workbench.services import annotations as svc
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.metadata import set_document_metadata


def tagged_documents(project, folder: Path, b_date: str, policy: str) -> None:
    texts = {"a.txt": "가나다 라마바 사아자", "b.txt": "하나 둘 셋 넷", "c.txt": "일 이 삼 사 오"}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [folder / n for n in texts], entities=False))
    set_document_metadata(project, "a.txt", publisher="과기정통부", date="2024-03-05", doc_type="press_release")
    set_document_metadata(project, "b.txt", publisher="과기정통부", date=b_date, doc_type="report")
    set_document_metadata(project, "c.txt", publisher="", date="2023", doc_type="report")
    svc.tag_passage(project, "a.txt", [policy], quote="가나다")
    svc.tag_passage(project, "a.txt", [policy, "산업"], quote="라마바")
    svc.tag_passage(project, "b.txt", [policy], quote="하나")
    svc.tag_passage(project, "c.txt", ["산업"], quote="삼")

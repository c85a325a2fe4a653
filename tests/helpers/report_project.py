"""A copy of the seeded project with passages tagged as an analyst would for
a report: two top-level tags on one passage, a note over two lines with an
emoji and a control character, a passage across two paragraphs, a publisher
and a date on one source. The session's seeded project stays untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

# (file, quote, tags, note); the quotes are the seeds' own words.
PASSAGES = [
    ("000_9cac13f2b16803be.txt", "미국 정부가 최근 인공지능(AI) 기업들과 연이어 대규모 계약을 체결하며",
     ["정책 / 조달", "기업"], "미국 사례 😀\n국내와 비교할 것\x07"),
    ("001_430102f8735eb5df.txt", "한국형 정부 전용 초거대 AI 구축", ["정책 / 공공"], ""),
    ("002_94c9759865f86656.txt", "독자 AI 파운데이션 모델 개발 사업 본격화", ["기업 / 투자"], "후속 보도 확인"),
    ("003_218482a578deb0a4.txt", "오픈소스 AI를 통한 기술주권 확보", ["정책"], ""),
]
REPORT_FILE = "004_2c1d2e21fcbb52ad.txt"


def tagged_copy(seeded_project, root: Path):
    """The copy, opened, with PASSAGES tagged and one passage of the long
    report that runs over a paragraph break (tagged 반응)."""
    from workbench.services import annotations as svc
    from workbench.services.documents import show_document
    from workbench.services.metadata import set_document_metadata
    from workbench.services.projects import open_project

    shutil.copytree(seeded_project.root, root)
    project = open_project(root)
    for name, quote, tags, note in PASSAGES:
        svc.tag_passage(project, name, tags, quote=quote, note=note)
    text = show_document(project, REPORT_FILE).text
    start = text.index("이 보고서는")
    end = text.index("\n\n", start) + 2
    end = text.index("\n", end + 1) if "\n" in text[end + 1:end + 200] else end + 40
    svc.tag_passage(project, REPORT_FILE, ["반응"], start=start, end=end, note="두 문단에 걸친 구절")
    set_document_metadata(project, PASSAGES[0][0], publisher="전자신문", date="2025-10-20")
    return project

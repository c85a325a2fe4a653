"""A project whose codebook repeats a name across the tree, as issue 23
measured it: ``정책 / 규제``, ``산업 / 규제``, ``국제 / 미국 / 규제`` and a
top-level ``규제``, on eleven passages with 22 codings, 9 of them on the three
nested 규제 codes (the ones QualCoder dropped)."""

from __future__ import annotations

from pathlib import Path

SENTENCES = [f"{n}번째 문장은 규제와 산업 정책을 다룬다." for n in range(1, 12)]
TEXT = "\n".join(SENTENCES)
TOP = "/규제"  # the top-level 규제 (services.annotations: a leading / names the top level)
PASSAGE_TAGS = [
    ["정책 / 규제", "정책"], ["정책 / 규제", TOP], ["정책 / 규제", "산업"],
    ["산업 / 규제", "산업"], ["산업 / 규제", "국제"], ["산업 / 규제", TOP],
    ["국제 / 미국 / 규제", "국제 / 미국"], ["국제 / 미국 / 규제", "정책"], ["국제 / 미국 / 규제", TOP],
    [TOP, "국제"], ["정책", "산업"],
]
CODINGS = sum(len(tags) for tags in PASSAGE_TAGS)  # 22
NESTED_NAMESAKES = sum(1 for tags in PASSAGE_TAGS for t in tags if t.endswith(" / 규제"))  # 9


def same_name_project(root: Path):
    """The project, its document ingested and every passage tagged."""
    from workbench.services.annotations import tag_passage
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job
    from workbench.services.projects import open_project

    project = open_project(root / "p")
    source = root / "규제 기사.txt"
    source.write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [source], index=False, entities=False))
    for sentence, tags in zip(SENTENCES, PASSAGE_TAGS):
        tag_passage(project, "1", tags, quote=sentence)
    return project

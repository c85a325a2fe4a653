"""A project with many tagged passages, made straight through the
repositories (tagging 500 passages one by one through the service would
take most of a test's time): enough rows for several export batches."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from tests.conftest import REPORT


def many_passages(root: Path, count: int = 500, seed: int = 5):
    from workbench.annotations.anchoring import selector
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job
    from workbench.services.projects import open_project
    from workbench.store.annotations import AnnotationRepository, TagRepository
    from workbench.store.documents import DocumentRepository
    from workbench.store.project import transaction

    project = open_project(root / "p")
    shutil.copy(REPORT, root / "report.txt")
    run_job(ingest(project, [root / "report.txt"], index=False))
    rng = random.Random(seed)
    conn = project.connect()
    try:
        docs = DocumentRepository(conn)
        text, sha = docs.text(1), docs.info(1).text_sha256
        with transaction(conn):
            repo = TagRepository(conn)
            parents = [repo.add(name, None, "#4E79A7", "") for name in ("정책", "산업")]
            tags = [(repo.add(f"태그{i}", parents[i % 2], "#F28E2B", ""), f"태그{i}") for i in range(4)]
            for _ in range(count):
                start = rng.randrange(0, len(text) - 400)
                sel = selector(text, start, start + rng.randrange(50, 300))
                AnnotationRepository(conn).add(1, sel.start, sel.end, sel.quote, sel.prefix, sel.suffix, sha,
                                               "메모: " + sel.quote[:30], rng.sample(tags, 2))
    finally:
        conn.close()
    return project

"""Helpers shared by the benchmark scripts: timing, memory, the machine, a corpus."""

from __future__ import annotations

import os
import platform
import random
import resource
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
            f"Python {platform.python_version()}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def timer():
    box = {}
    start = time.perf_counter()
    yield box
    box["seconds"] = time.perf_counter() - start


def generate_corpus(folder: Path, target_mb: float, seed: int = 7) -> int:
    """Write ~target_mb of realistic Korean text: seed lines reshuffled into
    report-sized files with chapter/section headings. Returns bytes written."""
    rng = random.Random(seed)
    lines = [l for f in sorted(SEEDS.glob("*.txt")) for l in f.read_text(encoding="utf-8").split("\n") if l.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    written, n = 0, 0
    while written < target_mb * 1024 * 1024:
        out = [f"합성 보고서 {n}", ""]
        for chapter in range(1, 6):
            out += [f"제{chapter}장 합성 장 {chapter}", ""]
            for section in range(1, 5):
                out += [f"제{section}절 합성 절 {section}", ""]
                out += [rng.choice(lines) for _ in range(120)]
                out.append("")
        data = "\n".join(out).encode("utf-8")
        (folder / f"synthetic_{n:04d}.txt").write_bytes(data)
        written += len(data)
        n += 1
    return written


def median_ms_and_result(call) -> tuple[float, object]:
    """The median of three runs of ``call`` in ms, and what the last returned."""
    import statistics
    import time

    times, result = [], None
    for _ in range(3):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


TAGS = ["정책 / 규제", "정책 / 예산", "산업 / 반도체", "산업 / 인공지능", "국제 / 미국", "국제 / 중국"]


def build_tagged(folder: Path, mb: float, project) -> None:
    """A generated corpus of ``mb`` MB in ``folder``, ingested into ``project``,
    with 2,000 passages tagged at random: the project the charts, keyword in
    context and coder agreement are timed on."""
    from workbench.services.annotations import tag_passage
    from workbench.services.documents import list_documents
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job

    generate_corpus(folder, mb)
    started = time.perf_counter()
    run_job(ingest(project, [folder]))
    print(f"built the project in {time.perf_counter() - started:.0f} s")
    rng = random.Random(3)
    docs = list_documents(project)
    for _ in range(2000):
        doc = rng.choice(docs)
        start = rng.randrange(0, max(1, doc.chars - 200))
        tag_passage(project, str(doc.id), [rng.choice(TAGS)], start, start + rng.randrange(20, 200))


def tagged_project(given: str | None, scratch: Path, mb: float = 50):
    """The project named by ``--project`` (built by an earlier run, e.g.
    ``charts.py --project DIR``), or one built now in ``scratch``."""
    from workbench.store.project import Project

    root = Path(given) if given else scratch / "built"
    if not (root / "workbench.sqlite").exists():
        print(f"building a {mb:.0f} MB project in {root} (give --project to reuse one)")
        build_tagged(scratch / "corpus", mb, Project.open(root))
    return root

"""`workbench chart …`: the numbers as JSON (per document id where the chart
is per document) and the picture as PNG or SVG, headless."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from workbench.services import charts


def run(project, *args):
    proc = subprocess.run([sys.executable, "-m", "workbench", "chart", *args, "--project", str(project.root)],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


@pytest.mark.slow
def test_chart_numbers_and_pictures_headless(seeded_project, tmp_path):
    data = json.loads(run(seeded_project, "distribution", "--entity", "과기정통부", "--json").stdout)
    frame = charts.distribution(seeded_project, charts.source_of(entity="과기정통부"))
    assert {r["doc_id"]: r["count"] for r in data["rows"]} == dict(zip(frame.doc_id, frame["count"]))
    out = tmp_path / "cooc.json"
    run(seeded_project, "cooccurrence", "--type", "ORG", "--top", "6", "--out", str(out))
    matrix = json.loads(out.read_text(encoding="utf-8"))
    expected = charts.cooccurrence(seeded_project, "ORG", 6)
    assert matrix["rows"] == list(expected.index) and matrix["values"] == expected.to_numpy().tolist()
    png, svg = tmp_path / "dist.png", tmp_path / "disp.svg"
    run(seeded_project, "distribution", "--query", "인공지능", "--relative", "--lang", "ko", "--out", str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
    report = max(frame.doc_id, key=lambda d: frame.set_index("doc_id").loc[d, "chars"])
    run(seeded_project, "dispersion", "--doc", str(report), "--query", "반도체", "--entity", "미국", "--out", str(svg))
    assert "<svg" in svg.read_text(encoding="utf-8")


def test_a_bad_chart_request_is_refused_clearly(seeded_project, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "workbench", "chart", "dispersion", "--query", "x",
                           "--project", str(seeded_project.root)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "--doc" in proc.stderr


TRANSCRIPT = Path(__file__).resolve().parent / "fixtures" / "realfiles" / "text" / "의대증원찬성_utf8.txt"


def test_timeline_of_a_transcript_with_a_leap_day_draws_and_says_what_it_left_out(project, tmp_path):
    # The transcript says "d-day를 2월 29일까지" and gives no year; it used to become 2022-02-29 and exit 70.
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job

    shutil.copy(TRANSCRIPT, tmp_path / TRANSCRIPT.name)
    run_job(ingest(project, [tmp_path / TRANSCRIPT.name]))
    data = json.loads(run(project, "timeline", "--json").stdout)
    for row in data["rows"]:
        date.fromisoformat(row["date"] if row["date"].count("-") == 2 else row["date"] + "-01")
    assert data["unresolved"] >= 10 and data["undated_documents"] == 1
    png = tmp_path / "timeline.png"
    proc = run(project, "timeline", "--lang", "ko", "--out", str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"본문의 날짜 {data['unresolved']}개는 제외했습니다" in proc.stdout  # --lang ko
    proc = run(project, "timeline", "--lang", "en")
    assert f"{data['unresolved']} date mentions left out" in proc.stdout and "undated documents: 1" in proc.stdout

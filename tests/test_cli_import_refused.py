"""A refused .qdpx leaves nothing behind: it created an empty project."""

from __future__ import annotations

import subprocess
import sys


def _import(*args):
    return subprocess.run([sys.executable, "-m", "workbench", "import", *args], capture_output=True, text=True,
                          timeout=120)


def test_a_refused_qdpx_creates_no_project(tmp_path):
    bad = tmp_path / "broken.qdpx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    proc = _import(str(bad), "--project", str(tmp_path / "new"))
    assert proc.returncode == 2 and "broken.qdpx" in proc.stderr
    assert not (tmp_path / "new").exists()


def test_a_refused_qdpx_leaves_an_existing_project_as_it_was(tmp_path):
    from workbench.services.projects import open_project

    project = open_project(tmp_path / "old")
    before = sorted(p.name for p in project.root.iterdir())
    bad = tmp_path / "broken.qdpx"
    bad.write_bytes(b"garbage")
    assert _import(str(bad), "--project", str(project.root)).returncode == 2
    assert sorted(p.name for p in project.root.iterdir()) == before

"""Shared fixtures. Expensive things (a project holding the seeds) are built
once per session and shared read-only; tests that write get their own project.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REPORT = SEEDS / "004_2c1d2e21fcbb52ad.txt"


@pytest.fixture(scope="session", autouse=True)
def _isolated_home(tmp_path_factory):
    """Point the default project (and any settings) at a temp folder."""
    home = tmp_path_factory.mktemp("workbench-home")
    old = os.environ.get("WORKBENCH_HOME")
    os.environ["WORKBENCH_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("WORKBENCH_HOME", None)
    else:
        os.environ["WORKBENCH_HOME"] = old


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeded_project(tmp_path_factory):
    """A project with the five seed files ingested. Treat as read-only."""
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job
    from workbench.services.projects import open_project

    project = open_project(tmp_path_factory.mktemp("seeded") / "project")
    report = run_job(ingest(project, [SEEDS]))
    assert report.summary()["added"] == 5, report.to_json()
    return project


@pytest.fixture
def project(tmp_path):
    from workbench.services.projects import open_project

    return open_project(tmp_path / "project")


def pytest_addoption(parser):
    parser.addoption("--reverse-order", action="store_true",
                     help="run the collected tests in reverse order (to catch tests that depend on order)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--reverse-order"):
        items.reverse()

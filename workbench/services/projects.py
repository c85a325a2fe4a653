"""Opening projects: the default one in the user data folder, or any folder.

The default project lives in ``platformdirs.user_data_dir("Workbench")/default``
(``$WORKBENCH_HOME`` overrides the parent, which tests and portable installs
use). The first time it is opened it ingests the bundled sample corpus, so a
new user sees documents without configuring anything.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

from platformdirs import user_data_dir

from workbench.core.progress import CancelToken, Progress
from workbench.core.resources import seeds_dir
from workbench.store.project import Project, now_iso

SEEDED_KEY = "seeded_at"


def workbench_home() -> Path:
    env = os.environ.get("WORKBENCH_HOME")
    return Path(env).expanduser() if env else Path(user_data_dir("Workbench", appauthor=False))


def default_project_dir() -> Path:
    return workbench_home() / "default"


def open_project(path: Path | str | None = None) -> Project:
    """Open (creating if needed) the project at ``path``, or the default one."""
    return Project.open(Path(path) if path else default_project_dir())


def needs_seeding(project: Project) -> bool:
    """True for the default project before its first seeding (never again after)."""
    if project.root != Project(default_project_dir()).root:
        return False
    conn = project.connect()
    try:
        return project.get_meta(conn, SEEDED_KEY) is None
    finally:
        conn.close()


def seed_default_project(project: Project, cancel: CancelToken | None = None) -> Generator[Progress, None, object]:
    """Ingest the bundled sample corpus and remember that it was done."""
    from workbench.services.ingest import ingest

    report = yield from ingest(project, [seeds_dir()], cancel=cancel)
    if not report.cancelled:  # a cancelled first run seeds again next time
        with project.writing() as conn:
            project.set_meta(conn, SEEDED_KEY, now_iso())
    return report


def component_versions() -> dict[str, str]:
    """The versions an About box and a bug report name (the GUI adds Qt's)."""
    import importlib.metadata as metadata
    import platform

    from workbench import __version__

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    return {"Workbench": __version__, "Python": platform.python_version(),
            "Whoosh": version("whoosh-reloaded"), "Kiwi (kiwipiepy)": version("kiwipiepy"),
            "Kiwi model": version("kiwipiepy_model"), "openpyxl": version("openpyxl"), "pandas": version("pandas")}

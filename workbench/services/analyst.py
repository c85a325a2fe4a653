"""Who the analyst is: the name Workbench stores on the passages they tag
and change, and exports give as the user in REFI-QDA ``<Users>``.

It is the project's ``analyst`` setting when one is set, else the account's
user name (getpass): Workbench has no sign-in, and the OS user is the person
at the keyboard far more often than not.
"""

from __future__ import annotations

import getpass

from workbench.core.changes import NOTHING, Outcome
from workbench.core.errors import WorkbenchError
from workbench.core.xmltext import control_characters
from workbench.store.project import Project

ANALYST_KEY = "analyst"


def analyst_name(project: Project, conn) -> str:
    name = (project.get_meta(conn, ANALYST_KEY) or "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "analyst"
    except Exception:  # no user name in the environment (some containers): still a valid file
        return "analyst"


def set_analyst(project: Project, name: str) -> Outcome[str]:
    """The name exports give as who coded (``<Users>``); empty goes back to
    the computer's user name. One line of visible text, like a tag name."""
    name = name.strip()
    found = control_characters(name)
    if found or len(name) > 100:
        raise WorkbenchError(
            f"An analyst's name is one line of at most 100 visible characters (got {name[:40]!r})",
            f"분석자 이름은 보이는 글자 100자 이내의 한 줄이어야 합니다({name[:40]!r})")
    with project.writing() as conn:
        project.set_meta(conn, ANALYST_KEY, name)
        shown = analyst_name(project, conn)
    return Outcome(shown, NOTHING)

"""Run QualCoder's own REFI-QDA importer headless on one file and say what it kept.

    python qualcoder_import.py QUALCODER FILE.qdpx|FILE.qdc WORKDIR RESULT.json

Run by tests/peers/test_qualcoder.py in a subprocess, with a Python that has
PyQt6 (QualCoder's toolkit: it must not share a process with PySide6) and
``QT_QPA_PLATFORM=offscreen``. QUALCODER is a QualCoder checkout (its root or
its ``src``); nothing of it is kept in this repository.

What is QualCoder's own, unchanged: ``qualcoder/refi.py`` (class
``RefiImport``: the codebook, sources and codings, and the ``sqlite3``
inserts that keep or drop a code), ``qualcoder/color_selector.py``, the
``GUI`` forms they import, and the database schema, read from the ``CREATE
TABLE`` statements of ``MainWindow.new_project`` in ``qualcoder/__main__.py``
(parsed, not run). What stands in for the rest of the application:

* ``qualcoder.helpers`` (which pulls in PyMuPDF, Pillow and VLC) is replaced
  by a ``Message`` whose ``exec()`` returns at once and records the text;
* the application object is a plain one with the connection and settings
  the importer reads;
* the file dialog the importer opens answers with FILE.

The result is JSON: every code (``code_name``) and coding (``code_text``)
in the new project, the importer's log and its messages.
"""

from __future__ import annotations

import ast
import json
import os
import sqlite3
import sys
import types
from pathlib import Path


def _package_root(qualcoder: Path) -> Path:
    for candidate in (qualcoder / "src", qualcoder):
        if (candidate / "qualcoder" / "refi.py").is_file():
            return candidate
    raise SystemExit(f"no qualcoder/refi.py under {qualcoder}")


def _schema(main_py: Path) -> list[str]:
    """The CREATE TABLE statements QualCoder runs for a new project, in its order."""
    tree = ast.parse(main_py.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "new_project":
            statements = [(call.lineno, call.args[0].value) for call in ast.walk(node)
                          if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                          and call.func.attr == "execute" and call.args
                          and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
                          and call.args[0].value.lstrip().upper().startswith("CREATE TABLE")]
            if statements:
                return [statement for _line, statement in sorted(statements)]
    raise SystemExit(f"no CREATE TABLE statements in new_project of {main_py}")


def main() -> None:
    qualcoder, file, workdir, out = (Path(arg) for arg in sys.argv[1:5])
    root = _package_root(qualcoder)
    sys.path.insert(0, str(root))
    messages: list[str] = []

    import qualcoder as package  # noqa: F401 - its __init__ installs gettext's _ as a builtin

    helpers = types.ModuleType("qualcoder.helpers")

    class Message:
        def __init__(self, app, title, text, icon=None, *args, **kwargs):
            messages.append(f"{title}: {text}")

        def exec(self):
            return 0

    helpers.Message = Message
    sys.modules["qualcoder.helpers"] = helpers

    from PyQt6 import QtWidgets

    from qualcoder.refi import RefiImport

    qt_app = QtWidgets.QApplication([])  # noqa: F841 - the importer opens a progress dialog
    project_path = workdir / "peer.qda"
    for folder in ("images", "audio", "video", "documents"):
        (project_path / folder).mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(project_path / "data.qda")
    for statement in _schema(root / "qualcoder" / "__main__.py"):
        conn.execute(statement)
    conn.commit()

    class App:
        def __init__(self):
            self.conn = conn
            self.project_path = str(project_path)
            self.project_name = project_path.name
            self.settings = {"directory": str(workdir), "codername": "default", "ai_enable": "False"}
            self.ai_models = []
            self.project_events = None

        def write_config_ini(self, settings, ai_models):
            pass

    class Log:
        def __init__(self):
            self.lines: list[str] = []

        def append(self, text):
            self.lines.append(str(text))

    QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *args, **kwargs: (str(file), "REFI-QDA"))
    log = Log()
    RefiImport(App(), log, "qdc" if file.suffix.lower() == ".qdc" else "qdpx")

    codes = [dict(zip(("cid", "name", "supercid", "catid"), row))
             for row in conn.execute("SELECT cid, name, supercid, catid FROM code_name ORDER BY cid")]
    codings = [dict(zip(("cid", "fid", "pos0", "pos1", "seltext", "owner"), row))
               for row in conn.execute("SELECT cid, fid, pos0, pos1, seltext, owner FROM code_text ORDER BY ctid")]
    out.write_text(json.dumps({"codes": codes, "codings": codings, "log": log.lines, "messages": messages},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    conn.close()
    os._exit(0)  # skip Qt's teardown of widgets the importer left behind


if __name__ == "__main__":
    main()

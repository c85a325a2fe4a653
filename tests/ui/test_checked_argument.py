"""PySide passes ``clicked``/``triggered`` their ``checked`` argument to any slot
that can take one: ``clicked.connect(self.export_to_excel)`` once passed False as
the file name. In these files every such connection goes through a lambda that
takes no argument, or names it and ignores it (``lambda _checked=False: …``);
``toggled`` may take the state it is about."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILES = ["workbench/ui/controllers/project.py", "workbench/ui/controllers/status.py", "workbench/ui/library.py",
         "workbench/ui/ingest_dialog.py", "workbench/ui/report_dialog.py", "workbench/ui/import_dialog.py",
         "workbench/ui/help.py", "workbench/ui/i18n.py", "workbench/ui/main_window.py", "workbench/ui/widgets.py"]


def connections(tree: ast.AST):
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr in ("clicked", "triggered", "toggled")):
            yield node.func.value.attr, node.args[0], node.lineno


def test_no_slot_receives_checked_by_accident():
    wrong = []
    for name in FILES:
        for signal, slot, line in connections(ast.parse((ROOT / name).read_text(encoding="utf-8"))):
            if not isinstance(slot, ast.Lambda):
                wrong.append(f"{name}:{line}: {signal} → {ast.unparse(slot)}")
                continue
            args = slot.args
            required = len(args.args) - len(args.defaults)
            if required > (1 if signal == "toggled" else 0):
                wrong.append(f"{name}:{line}: {signal} → {ast.unparse(slot)}")
    assert not wrong, wrong


def test_the_check_finds_a_bound_method():
    tree = ast.parse("self.button.clicked.connect(self.export_to_excel)\nb.clicked.connect(lambda _=False: f())")
    assert [(s, ast.unparse(slot)) for s, slot, _ in connections(tree)] == [
        ("clicked", "self.export_to_excel"), ("clicked", "lambda _=False: f()")]

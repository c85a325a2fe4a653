"""Every string the UI passes through tr() has a Korean translation."""

from __future__ import annotations

import re
from pathlib import Path

from workbench.core.resources import resources_dir

UI = Path(__file__).resolve().parents[2] / "workbench" / "ui"


def test_every_tr_string_is_translated():
    sources = set()
    for path in UI.rglob("*.py"):
        sources |= set(re.findall(r'(?:self\.tr|_tr)\("((?:[^"\\]|\\.)*)"\)', path.read_text(encoding="utf-8")))
        sources |= set(re.findall(r"(?:self\.tr|_tr)\('((?:[^'\\]|\\.)*)'\)", path.read_text(encoding="utf-8")))
    table = {}
    for line in (resources_dir() / "i18n" / "ko.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, _, target = line.partition("\t")
            table[source] = target
    missing = sorted(s for s in sources if s not in table)
    assert not missing, missing
    assert all(table[s] for s in sources)


def test_each_english_string_has_one_korean_line():
    """A second line for a string silently overrode the first (two sessions
    appending at once left "용례 보기(KWIC)" and "용례 보기…" for one string)."""
    seen: dict[str, int] = {}
    twice = []
    lines = (resources_dir() / "i18n" / "ko.tsv").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if line and not line.startswith("#"):
            source = line.partition("\t")[0]
            if source in seen:
                twice.append((source, seen[source], number))
            seen[source] = number
    assert twice == []


# Words that stay as they are in Korean: product and format names, key names.
ALLOWED = {"workbench", "excel", "csv", "pdf", "refi", "qda", "qdpx", "xlsx", "qdc", "ctrl", "shift", "enter",
           "alt", "tab", "backspace", "esc", "nvivo", "maxqda", "atlas", "english", "kiwi", "whoosh", "python",
           "pyside", "kiwipiepy", "openpyxl", "pandas", "png", "svg", "qualcoder", "hwp", "hwpx", "docx",
           "section", "entity", "tag", "date", "publisher"}  # query syntax


def _english(text: str) -> list[str]:
    import re

    return [w for w in re.findall(r"[A-Za-z]{3,}", text or "") if w.casefold() not in ALLOWED]


def _texts(root) -> list[str]:
    """What an analyst reads in a window or dialog: labels, buttons, menus, placeholders,
    headers and tooltips — not document data (titles, names, paths)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton, QAbstractItemView, QComboBox, QDockWidget, QLabel, QLineEdit, QMenu, QPlainTextEdit,
    )

    data_labels = {"search-status", "status-message"}  # mix translated words with paths, queries, names
    out = [root.windowTitle()]
    for w in root.findChildren(QLabel):
        if w.objectName() not in data_labels and not w.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            out.append(w.text())
    for w in root.findChildren(QAbstractButton):
        out += [w.text(), w.toolTip()]
    for w in root.findChildren(QLineEdit):
        out.append(w.placeholderText())
    for w in root.findChildren(QPlainTextEdit):
        out.append(w.placeholderText())
    for w in root.findChildren(QDockWidget):
        out.append(w.windowTitle())
    for w in root.findChildren(QMenu):
        out.append(w.title())
        if w.objectName() != "recent-projects":  # folder paths: data
            out += [a.text() for a in w.actions()]
    for w in root.findChildren(QAbstractItemView):
        header = getattr(w, "horizontalHeader", None)
        if header is not None and w.model() is not None:
            out += [str(w.model().headerData(c, Qt.Orientation.Horizontal) or "") for c in range(header().count())]
        out.append(w.toolTip())
    for w in root.findChildren(QComboBox):
        out.append(w.toolTip())
    return out


def test_korean_mode_shows_no_english(qtbot, seeded_project, tmp_path):
    from workbench.services.ingest import FileReport, IngestReport
    from workbench.ui.export_dialog import ExportDialog
    from workbench.ui.help import GuideDialog, ShortcutsDialog, about_text
    from workbench.ui.i18n import apply_language
    from workbench.ui.ingest_dialog import IngestReportDialog
    from workbench.ui.main_window import MainWindow
    from workbench.ui.tag_picker import TagPickerDialog
    from workbench.ui.tasks import InlinePool, TaskRunner

    apply_language("ko")
    try:
        win = MainWindow(seeded_project, TaskRunner(pool=InlinePool()))
        qtbot.addWidget(win)
        win.start()
        texts = _texts(win)
        menu = win.left.view.createStandardContextMenu()  # Qt's own strings: Copy, Select All
        texts += [a.text() for a in menu.actions()]
        report = IngestReport([FileReport("/x/a.txt", "added", "a.txt: added", message_ko="a.txt: 추가됨"),
                               FileReport("/x/b.txt", "failed", "b.txt: empty", "empty", message_ko="b.txt: 비어 있음")])
        dialogs = [ExportDialog(seeded_project, win.runner, "", win), TagPickerDialog(["정책"], "인용", parent=win),
                   IngestReportDialog(report, "ko", win), GuideDialog("ko", win),
                   ShortcutsDialog([a for a in win.actions() if a.shortcuts()], win)]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            texts += _texts(dialog)
        dialog = dialogs[2]
        texts += [dialog.model.item(r, 0).text() for r in range(dialog.model.rowCount())]
        texts += [dialogs[4].table.item(r, 0).text() for r in range(dialogs[4].table.rowCount())]
        texts.append(about_text().split("<table>")[0])
        here = (str(seeded_project.root), seeded_project.root.name)  # the project's own folder is data
        found = sorted({t for t in texts if _english(t.replace(here[0], "").replace(here[1], ""))})
        assert not found, found
    finally:
        apply_language("en")

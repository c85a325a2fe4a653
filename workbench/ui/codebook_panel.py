"""The codebook: hierarchical tags with colour and description (a tag's
definition and rules; its tooltip shows it, then the tag's memo, and
"Definition and memo…" edits both through ui.memos_tool). New, rename,
recolour, move, merge and delete (which asks first) run as undoable
commands; import and export take CSV or REFI-QDA .qdc. Each change carries
the words the status bar says once it is done (:class:`CodebookChange`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QColorDialog, QFileDialog, QHBoxLayout, QInputDialog, QMenu, QMessageBox, QPushButton,
    QTreeView, QVBoxLayout, QWidget,
)

from workbench.services import codebook as svc

PathRole = Qt.ItemDataRole.UserRole + 11
TagIdRole = Qt.ItemDataRole.UserRole + 12


@dataclass(frozen=True)
class CodebookChange:
    """A codebook service call and what to say once it is done, from the service's value."""

    run: Callable[[Any], Any]  # project -> the service's Outcome (an export: its count)
    done: Callable[[Any], str]

    def __call__(self, project):
        return self.run(project)


def _with_suffix(path: str, chosen_filter: str) -> str:
    """A name typed without .qdc or .csv gets the chosen filter's extension (``… (*.csv)``), as the chart
    export does."""
    if path.lower().endswith((".qdc", ".csv")):
        return path
    match = re.search(r"\(\*(\.[A-Za-z0-9]+)", chosen_filter or "")
    return path + (match.group(1) if match else ".qdc")


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class CodebookPanel(QWidget):
    command = Signal(str, object)  # label, a callable(project) that changes the codebook (a service call)
    search_tag = Signal(str)
    memo_requested = Signal(str)  # a tag's path: edit its definition and memo (ui.memos_tool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.doubleClicked.connect(lambda index: self.search_tag.emit(index.data(PathRole)))
        # clicked and triggered send ``checked``: every slot here takes it and ignores it,
        # so it never reaches a parameter (a False path once broke another panel's export).
        self.new_button = QPushButton()
        self.new_button.clicked.connect(lambda _checked=False: self.new_tag(self.current()))
        self.import_button = QPushButton()
        self.import_button.clicked.connect(lambda _checked=False: self.import_codebook())
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda _checked=False: self.export_codebook())
        buttons = QHBoxLayout()
        for b in (self.new_button, self.import_button, self.export_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        self.paths: list[str] = []
        self.colours: dict[str, str] = {}  # by path: the colour dialog opens on the tag's own
        self.memos: dict[int, str] = {}  # tag id → its memo as the tooltip says it (set_memos)
        self.tags: list = []
        self.retranslate()

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New tag…"))
        self.import_button.setText(self.tr("Import…"))
        self.export_button.setText(self.tr("Export…"))
        self.tree.setToolTip(self.tr("Right-click to rename, recolour, move, merge or delete; double-click to search"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_tags(self, tags) -> None:
        self.model.clear()
        items: dict[str, QStandardItem] = {}
        for tag in sorted(tags, key=lambda t: t.path):
            item = QStandardItem(_swatch(tag.color), tag.name)
            item.setData(tag.path, PathRole)
            item.setData(tag.id, TagIdRole)
            item.setToolTip(self._tooltip(tag))
            parent_path = tag.path.rsplit(" / ", 1)[0] if " / " in tag.path else None
            (items[parent_path] if parent_path in items else self.model).appendRow(item)
            items[tag.path] = item
        self.tree.expandAll()
        self.paths = [t.path for t in tags]
        self.colours = {t.path: t.color for t in tags}
        self.tags = list(tags)

    def _tooltip(self, tag) -> str:
        """The tag's definition and rules (its description), then its memo."""
        parts = [tag.description or tag.path]
        if tag.id in self.memos:
            parts.append(self.memos[tag.id][:800])
        return "\n\n".join(parts)

    def set_memos(self, memos: dict[int, str]) -> None:
        """Each tag's memo, as its tooltip shows it after the definition."""
        self.memos = dict(memos)
        by_id = {t.id: t for t in self.tags}
        items = [self.model.item(r) for r in range(self.model.rowCount())]
        while items:
            item = items.pop()
            items += [item.child(r) for r in range(item.rowCount())]
            tag = by_id.get(item.data(TagIdRole))
            if tag is not None:
                item.setToolTip(self._tooltip(tag))

    def current(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(PathRole) if index.isValid() else None

    def _menu(self, point) -> None:
        path = self.current()
        menu = QMenu(self)
        menu.addAction(self.tr("New tag…"), lambda _checked=False: self.new_tag(path))
        if path:
            menu.addAction(self.tr("Definition and memo…"), lambda _checked=False: self.memo_requested.emit(path))
            menu.addAction(self.tr("Rename…"), lambda _checked=False: self.rename(path))
            menu.addAction(self.tr("Colour…"), lambda _checked=False: self.recolour(path))
            menu.addAction(self.tr("Move under…"), lambda _checked=False: self.move(path))
            menu.addAction(self.tr("Merge into…"), lambda _checked=False: self.merge(path))
            menu.addAction(self.tr("Delete…"), lambda _checked=False: self.delete(path))
        menu.exec(self.tree.viewport().mapToGlobal(point))

    def new_tag(self, parent: str | None) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New tag"), self.tr("Name (A / B makes B under A)"))
        if ok and name.strip():
            path = f"{parent} / {name.strip()}" if parent and " / " not in name else name.strip()
            self.command.emit(self.tr("new tag “{0}”").format(path), CodebookChange(
                lambda p: svc.create_tag(p, path),
                lambda tag: self.tr("Created the tag “{0}”").format(getattr(tag, "path", path))))

    def rename(self, path: str) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Rename tag"), self.tr("New name"),
                                        text=path.rsplit(" / ", 1)[-1])
        if ok and name.strip():
            self.command.emit(self.tr("rename tag “{0}”").format(path), CodebookChange(
                lambda p: svc.rename_tag(p, path, name.strip()),
                lambda _: self.tr("Renamed the tag “{0}” to “{1}”").format(path, name.strip())))

    def recolour(self, path: str) -> None:
        # The dialog opens on the tag's own colour: a small change stays a small change.
        colour = QColorDialog.getColor(QColor(self.colours.get(path, "#4E79A7")), self,
                                       self.tr("Colour of “{0}”").format(path))
        if colour.isValid():
            self.command.emit(self.tr("recolour tag “{0}”").format(path), CodebookChange(
                lambda p: svc.recolor_tag(p, path, colour.name()),
                lambda _: self.tr("Changed the colour of the tag “{0}”").format(path)))

    def move(self, path: str) -> None:
        top = self.tr("(top level, no parent)")
        choices = [top] + [p for p in self.paths if p != path and not p.startswith(path + " / ")]
        target, ok = QInputDialog.getItem(self, self.tr("Move tag"),
                                          self.tr("Parent tag of “{0}”").format(path), choices, 0, False)
        if ok:
            parent = None if target == top else target
            self.command.emit(self.tr("move tag “{0}”").format(path), CodebookChange(
                lambda p: svc.move_tag(p, path, parent),
                lambda _: self.tr("Moved the tag “{0}” under “{1}”").format(path, parent) if parent
                else self.tr("Moved the tag “{0}” to the top level").format(path)))

    def merge(self, path: str) -> None:
        choices = [p for p in self.paths if p != path]
        if not choices:
            return
        target, ok = QInputDialog.getItem(self, self.tr("Merge tag"),
                                          self.tr("Move the passages of “{0}” to").format(path), choices, 0, False)
        if ok:
            self.command.emit(self.tr("merge tag “{0}” into “{1}”").format(path, target), CodebookChange(
                lambda p: svc.merge_tags(p, path, target),
                lambda moved: self.tr("Merged the tag “{0}” into “{1}” ({2} passages)")
                .format(path, target, moved or 0)))

    def delete(self, path: str) -> None:
        answer = QMessageBox.question(
            self, self.tr("Delete tag"),
            self.tr("Delete “{0}”? Its passages stay, labelled “{0}” as a record; Undo brings the tag back.")
            .format(path))
        if answer == QMessageBox.StandardButton.Yes:
            self.command.emit(self.tr("delete tag “{0}”").format(path), CodebookChange(
                lambda p: svc.delete_tag(p, path),
                lambda used: self.tr("Deleted the tag “{0}”; its {1} passages keep its name (Ctrl+Z to undo)")
                .format(path, used or 0)))

    def import_codebook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a codebook"), "",
                                              self.tr("Codebook") + " (*.qdc *.csv)")
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Add the tags of a .qdc or CSV codebook (File ▸ Import sends a .qdc here too)."""
        self.command.emit(self.tr("import codebook"), CodebookChange(
            lambda p: svc.import_codebook(p, path),
            lambda count: self.tr("Imported {0} tags").format(count or 0)))

    def export_codebook(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the codebook"), "codebook.qdc",
            ";;".join((self.tr("REFI-QDA codebook") + " (*.qdc)", self.tr("CSV codebook") + " (*.csv)")))
        if path:
            path = _with_suffix(path, chosen)
            self.command.emit("", CodebookChange(  # not a change: no undo
                lambda p: svc.export_codebook(p, path),
                lambda count: self.tr("Exported {0} tags to {1}").format(count or 0, path)))

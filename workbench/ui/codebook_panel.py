"""The codebook: hierarchical tags with colour and description. New, rename,
recolour, move, merge and delete (which asks first) run as undoable
commands; import and export take CSV or REFI-QDA .qdc."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QColorDialog, QFileDialog, QHBoxLayout, QInputDialog, QMenu, QMessageBox, QPushButton,
    QTreeView, QVBoxLayout, QWidget,
)

from workbench.services import codebook as svc

PathRole = Qt.ItemDataRole.UserRole + 11


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class CodebookPanel(QWidget):
    command = Signal(str, object)  # label, a callable(project) that changes the codebook (a service call)
    search_tag = Signal(str)

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
            item.setToolTip(tag.description or tag.path)
            parent_path = tag.path.rsplit(" / ", 1)[0] if " / " in tag.path else None
            (items[parent_path] if parent_path in items else self.model).appendRow(item)
            items[tag.path] = item
        self.tree.expandAll()
        self.paths = [t.path for t in tags]
        self.colours = {t.path: t.color for t in tags}

    def current(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(PathRole) if index.isValid() else None

    def _menu(self, point) -> None:
        path = self.current()
        menu = QMenu(self)
        menu.addAction(self.tr("New tag…"), lambda _checked=False: self.new_tag(path))
        if path:
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
            self.command.emit(self.tr("new tag"), lambda p: svc.create_tag(p, path))

    def rename(self, path: str) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Rename tag"), self.tr("New name"),
                                        text=path.rsplit(" / ", 1)[-1])
        if ok and name.strip():
            self.command.emit(self.tr("rename tag"), lambda p: svc.rename_tag(p, path, name.strip()))

    def recolour(self, path: str) -> None:
        # The dialog opens on the tag's own colour: a small change stays a small change.
        colour = QColorDialog.getColor(QColor(self.colours.get(path, "#4E79A7")), self,
                                       self.tr("Colour of “{0}”").format(path))
        if colour.isValid():
            self.command.emit(self.tr("recolour tag"), lambda p: svc.recolor_tag(p, path, colour.name()))

    def move(self, path: str) -> None:
        choices = [self.tr("(top level)")] + [p for p in self.paths if p != path and not p.startswith(path + " / ")]
        target, ok = QInputDialog.getItem(self, self.tr("Move tag"), self.tr("Under"), choices, 0, False)
        if ok:
            parent = None if target == choices[0] else target
            self.command.emit(self.tr("move tag"), lambda p: svc.move_tag(p, path, parent))

    def merge(self, path: str) -> None:
        choices = [p for p in self.paths if p != path]
        if not choices:
            return
        target, ok = QInputDialog.getItem(self, self.tr("Merge tag"),
                                          self.tr("Move the passages of “{0}” to").format(path), choices, 0, False)
        if ok:
            self.command.emit(self.tr("merge tags"), lambda p: svc.merge_tags(p, path, target))

    def delete(self, path: str) -> None:
        answer = QMessageBox.question(
            self, self.tr("Delete tag"),
            self.tr("Delete “{0}”? Its passages stay, labelled “{0}” as a record; Undo brings the tag back.")
            .format(path))
        if answer == QMessageBox.StandardButton.Yes:
            self.command.emit(self.tr("delete tag"), lambda p: svc.delete_tag(p, path))

    def import_codebook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a codebook"), "",
                                              "Codebook (*.qdc *.csv)")
        if path:
            self.command.emit(self.tr("import codebook"), lambda p: svc.import_codebook(p, path))

    def export_codebook(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the codebook"), "codebook.qdc",
                                              "REFI-QDA (*.qdc);;CSV (*.csv)")
        if path:
            self.command.emit("", lambda p: svc.export_codebook(p, path))  # not a change: no undo

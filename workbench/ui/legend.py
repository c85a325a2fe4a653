"""The entity legend: one coloured toggle per type; switching a type off hides
its highlights in both panes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QWidget

from workbench.ui.palette import ENTITY_COLOURS
from workbench.ui.widgets import FlowLayout

TYPES = tuple(ENTITY_COLOURS)


class Legend(QWidget):
    changed = Signal(set)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_label = lambda kind: kind
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.caption = QLabel()
        self.buttons: dict[str, QToolButton] = {}
        layout = FlowLayout(self)  # wraps on a narrow window instead of widening it
        layout.addWidget(self.caption)
        for kind in TYPES:
            button = QToolButton()
            button.setCheckable(True)
            button.setChecked(True)
            button.setObjectName(f"legend-{kind}")
            c = QColor(ENTITY_COLOURS[kind])
            button.setStyleSheet(
                f"QToolButton {{ border: 1px solid #bbb; border-radius: 3px; padding: 1px 6px; color: #777; }}"
                f"QToolButton:checked {{ background: rgba({c.red()}, {c.green()}, {c.blue()}, 80); "
                f"border-color: {ENTITY_COLOURS[kind]}; color: black; }}")
            button.toggled.connect(lambda _=False: self.changed.emit(self.enabled()))
            self.buttons[kind] = button
            layout.addWidget(button)
        self.retranslate()

    def enabled(self) -> set[str]:
        return {kind for kind, button in self.buttons.items() if button.isChecked()}

    def set_enabled(self, kind: str, on: bool) -> None:
        self.buttons[kind].setChecked(on)

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Entities:"))
        for kind, button in self.buttons.items():
            button.setText(self.type_label(kind))
            button.setToolTip(self.tr("Show or hide this type's highlights"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

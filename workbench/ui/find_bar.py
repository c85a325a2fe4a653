"""Find in document (Ctrl+F in a reader pane).

Typed quickly into the 423K-character report, a search on every keystroke
kept the GUI thread busy for a tenth of a second or more, and an input
method dropped what came meanwhile (``인공지능`` arrived as ``인능``). So:

- the search waits for a pause in typing (a short timer), and Enter runs it
  at once;
- the document is folded once, and a needle that grows only narrows the
  matches found (:class:`workbench.core.textfind.Finder`);
- only the matches on screen are coloured (the highlighter's stale blocks
  are coloured as they scroll into view).

The first match shown is the first at or after the top of what is on
screen (wrapping), as in a browser, not the first in the document. While a
shown match is on screen, typing on searches from the same place and Enter
goes to the next match; once the analyst has scrolled it out of view, both
start from the screen again.

Enter (or ↓) goes to the next match and Shift+Enter (or ↑) to the previous
one, wrapping at either end, as in a browser.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from workbench.core.textfind import Finder
from workbench.ui.highlighter import MatchLayer


class FindBar(QWidget):
    searched = Signal()  # the matches of the typed text are found and the first is shown
    DELAY_MS = 80  # a pause in typing this long starts the search

    def __init__(self, pane) -> None:
        super().__init__()
        self.pane = pane
        self.finder = Finder("")
        self.index = -1  # the match shown
        self._origin = 0  # code-point offset the search starts from
        self._shown: tuple[int, int] | None = None  # the match shown (code points)
        self.box = QLineEdit()
        self.box.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.DELAY_MS)
        self.timer.timeout.connect(self.search)
        self.box.textChanged.connect(lambda _text: self.timer.start())
        self.box.returnPressed.connect(self._enter)
        self.box.installEventFilter(self)  # Shift+Enter: the previous match (QLineEdit takes it as Enter)
        self.prev = QToolButton()
        self.prev.setText("↑")
        self.prev.clicked.connect(lambda _checked=False: self.step(-1))
        self.next = QToolButton()
        self.next.setText("↓")
        self.next.clicked.connect(lambda _checked=False: self.step(1))
        self.count = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.prev)
        layout.addWidget(self.next)
        layout.addWidget(self.count)
        self.hide()
        self.retranslate()

    @property
    def matches(self):
        """The current needle's matches (a :class:`workbench.core.textfind.Matches`)."""
        return self.finder.matches

    def retranslate(self) -> None:
        self.box.setPlaceholderText(self.tr("Find in document (Enter: next, Shift+Enter: previous)"))
        self.prev.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.next.setToolTip(self.tr("Next match (Enter)"))
        self._show_count()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if (watched is self.box and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.step(-1)
            return True
        return super().eventFilter(watched, event)

    # --- the document ---------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """A document was loaded: search it for what is in the box, from its top."""
        self.finder = Finder(text)
        self.index, self._origin, self._shown = -1, 0, None
        if self.box.text():
            self.search()
        else:
            self._show_count()

    def open(self) -> None:
        self.show()
        self.box.setFocus()
        self.box.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.box.clear()
        self.search()  # nothing: the marks go
        self.pane.view.setFocus()

    # --- searching --------------------------------------------------------------------

    def search(self) -> None:
        """Find the typed text and show the first match from the place the search starts."""
        self.timer.stop()
        pane = self.pane
        matches = self.finder.find(self.box.text())
        pane.highlighter.set_finds(MatchLayer(matches, pane.map.to_qt, pane.map.from_qt))
        if not self._shown_on_screen():
            self._origin = pane.first_visible_offset()
        self.index = matches.first_from(self._origin)
        if self.index >= 0:
            self._show_match()
        self._show_count()
        self.searched.emit()

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) match, wrapping."""
        if self.timer.isActive():
            self.search()  # typed but not searched yet: the first match is the next one
            return
        count = len(self.matches)
        if not count:
            return
        if self._shown_on_screen():
            self.index = (self.index + direction) % count
        else:  # scrolled away: the first match on or below the screen's top, or the last above it
            first = self.matches.first_from(self.pane.first_visible_offset())
            self.index = first if direction > 0 else (first - 1) % count
        self._origin = self.matches[self.index][0]  # typing on searches from here
        self._show_match()
        self._show_count()

    def _shown_on_screen(self) -> bool:
        """Whether the match shown last is still in view (the analyst has not scrolled away)."""
        if self._shown is None or self.index < 0:
            return False
        top, bottom = self.pane.visible_range()
        return top <= self._shown[0] < bottom

    def _enter(self) -> None:
        self.step(1)

    def _show_match(self) -> None:
        self._shown = a, b = self.matches[self.index]
        self.pane.goto(a, b)

    def _show_count(self) -> None:
        if not self.box.text():
            self.count.setText("")
        elif not self.matches:
            self.count.setText(self.tr("not found"))
        else:
            self.count.setText(f"{self.index + 1}/{len(self.matches)}")

"""Start the GUI: the QApplication, a Korean-capable font, the language, the window.

``workbench gui --open DOC [DOC] --query Q --screenshot FILE.png`` opens the
documents side by side, runs the query, waits until everything is loaded,
saves a grab of the window and exits 0, printing how long each document took
to open — for docs, checks and benchmarks, offscreen or on a display.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from workbench import __version__
from workbench.core.errors import WorkbenchError
from workbench.core.resources import resources_dir
from workbench.services.documents import show_document
from workbench.services.projects import open_project
from workbench.ui import crash_dialog
from workbench.ui.collector import GuiThreadCollector
from workbench.ui.i18n import apply_language

_KOREAN_FONTS = ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "NanumBarunGothic", "Malgun Gothic",
                 "Apple SD Gothic Neo", "UnDotum", "Baekmuk Gulim")


def choose_korean_font(app: QApplication) -> str | None:
    """Use a font that has Hangul when the system default may not."""
    families = set(QFontDatabase.families())
    for name in _KOREAN_FONTS:
        if name in families:
            font = QFont(name)
            font.setPointSize(max(app.font().pointSize(), 10))
            app.setFont(font)
            return name
    return None


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("Workbench")
        app.setOrganizationName("Workbench")
        app.setApplicationVersion(__version__)
        icon = resources_dir() / "icons" / "workbench.svg"
        if icon.is_file():
            app.setWindowIcon(QIcon(str(icon)))
        choose_korean_font(app)
        GuiThreadCollector(app)  # cycles collected in the GUI thread only (see collector.py)
    return app  # type: ignore[return-value]


def run_gui(project: str | None = None, screenshot: str | None = None, open_docs: list[str] | None = None,
            query: str | None = None, language: str | None = None, quit_when_shown: bool = False) -> int:
    app = ensure_app()
    apply_language(language)
    crash_dialog.install()
    from workbench.ui.main_window import MainWindow

    try:
        proj = open_project(project)
    except WorkbenchError as exc:
        print(f"workbench: {exc.message}", file=sys.stderr)
        return 2
    doc_ids: list[int] = []
    window = MainWindow(proj)
    window.show()
    if quit_when_shown:  # start-up checks: the window is on screen and painted; nothing else waited for
        app.processEvents()
        window.repaint()
        print("window shown", flush=True)
        window.runner.cancel_all()
        return 0
    state = {"search_done": query is None}

    def grab() -> None:
        app.processEvents()
        window.grab().save(str(Path(screenshot)))
        frame, screen = window.frameGeometry(), window.screen().availableGeometry()
        fits = screen.contains(frame)
        print(f"screenshot saved to {screenshot}; window {frame.width()}x{frame.height()} at "
              f"({frame.x()}, {frame.y()}) on a screen of {screen.width()}x{screen.height()}: "
              f"{'fits' if fits else 'DOES NOT FIT'}")
        app.quit()

    def maybe_grab() -> None:
        """Grab once the query is answered and no task is left running (once)."""
        if not screenshot or state.get("grabbing"):
            return
        if state["search_done"] and not window.runner.active:
            state["grabbing"] = True
            QTimer.singleShot(300, grab)
        else:
            QTimer.singleShot(100, maybe_grab)

    def on_search(_result) -> None:
        state["search_done"] = True
        hits = getattr(_result, "hits", None)
        if hits and len(doc_ids) < 2:
            window.reading.show_hit(hits[0], "right")
        maybe_grab()

    def loaded() -> None:
        try:  # after first-launch seeding, so the sample documents can be named
            doc_ids.extend(show_document(proj, ref).info.id for ref in (open_docs or []))
        except WorkbenchError as exc:
            print(f"workbench: {exc.message}", file=sys.stderr)
            app.exit(2)
            return
        for side, doc_id in zip(("left", "right"), doc_ids):
            started = time.perf_counter()
            window.reading.open_in(side, doc_id)
            print(f"opened document {doc_id} in the {side} pane in {(time.perf_counter() - started) * 1000:.0f} ms")
        if query:
            window.search_panel.finished.connect(on_search)
            window.run_search(query)
        maybe_grab()

    window.ready.connect(loaded, type=Qt.ConnectionType.SingleShotConnection)
    QTimer.singleShot(0, window.start)
    return app.exec()

"""Start the GUI: the QApplication, a Korean-capable font, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from workbench.core.errors import WorkbenchError
from workbench.services.projects import open_project

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
        choose_korean_font(app)
    return app  # type: ignore[return-value]


def run_gui(project: str | None = None, screenshot: str | None = None) -> int:
    app = ensure_app()
    from workbench.ui.main_window import MainWindow

    try:
        proj = open_project(project)
    except WorkbenchError as exc:
        print(f"workbench: {exc.message}", file=sys.stderr)
        return 2
    window = MainWindow(proj)
    window.show()
    if screenshot:
        def grab() -> None:
            app.processEvents()
            window.grab().save(str(Path(screenshot)))
            print(f"screenshot saved to {screenshot}")
            app.quit()

        window.ready.connect(lambda: QTimer.singleShot(200, grab))
    QTimer.singleShot(0, window.start)
    return app.exec()

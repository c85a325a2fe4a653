"""Render the app icon (resources/icons/workbench.svg) into what each
platform's build needs, at build time, so only the SVG is kept in git:

* ``png/<size>.png`` for Linux (hicolor theme sizes) and the window icon,
* ``workbench.ico`` for the Windows executables,
* ``workbench.icns`` for the macOS bundle.

Usage: ``python packaging/make_icons.py OUT_DIR`` (Qt draws offscreen).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "workbench.svg"


def render(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # drawing needs one
    renderer = QSvgRenderer(str(SVG), app)
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    (out / "png").mkdir(parents=True, exist_ok=True)
    made = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        path = out / "png" / f"{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"could not write {path}")
        made.append(path)
    biggest = Image.open(out / "png" / "512.png")
    biggest.save(out / "workbench.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    biggest.save(out / "workbench.icns")
    return [*made, out / "workbench.ico", out / "workbench.icns"]


if __name__ == "__main__":
    for path in render(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")):
        print(path)

"""Build the double-clickable app: icons, PyInstaller, platform extras, archive.

    python packaging/build.py [--dist DIR] [--work DIR]

1. Render the icons from resources/icons/workbench.svg (make_icons.py).
2. Run PyInstaller on packaging/workbench.spec: ``DIST/workbench/`` holds
   ``workbench`` (CLI), ``workbench-gui`` and ``_internal/``.
3. Linux: add the ``.desktop`` file, the hicolor icons and
   ``install-desktop.sh``; then write
   ``DIST/workbench-<version>-linux-<machine>.tar.gz`` whose top folder is
   ``workbench-<version>/``. (Windows and macOS: see packaging/README.md.)

Prints the folder's and the archive's sizes. `make package` runs it.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def version() -> str:
    return re.search(r'__version__ = "([^"]+)"', (ROOT / "workbench" / "__init__.py").read_text()).group(1)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def linux_extras(app: Path, icons: Path) -> None:
    share = app / "share"
    for png in sorted((icons / "png").glob("*.png")):
        size = png.stem
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, target / "workbench.png")
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(PACKAGING / "linux" / "workbench.desktop", share / "applications" / "workbench.desktop")
    shutil.copy2(PACKAGING / "linux" / "install-desktop.sh", app / "install-desktop.sh")


def archive(app: Path, dist: Path) -> Path:
    name = f"workbench-{version()}-{sys.platform}-{platform.machine()}"
    out = dist / f"{name}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(app, arcname=f"workbench-{version()}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--no-archive", action="store_true", help="leave out the .tar.gz (quicker checks)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    icons = args.work / "icons"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), str(icons)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(args.dist), "--workpath", str(args.work / "pyinstaller"),
                    str(PACKAGING / "workbench.spec")], check=True, env={**env, "WORKBENCH_ICONS": str(icons)})
    app = args.dist / "workbench"
    if sys.platform.startswith("linux"):
        linux_extras(app, icons)
    print(f"built {app} in {time.perf_counter() - started:.0f} s: {folder_size(app) / 1e6:.0f} MB")
    if sys.platform.startswith("linux") and not args.no_archive:
        out = archive(app, args.dist)
        print(f"archive {out}: {out.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The double-clickable app: `make package`'s build, unpacked from its
archive into another folder, runs on a machine without Python — its CLI
ingests, searches and exports, its window opens the default project made
from the bundled seeds and fits 1366×768 — and its .desktop file and
installer are valid. Slow (a PyInstaller build, ~1.5 min in all): the
figures themselves come from `make package` (packaging/check_frozen.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile

import pytest

from tests.conftest import ROOT
from workbench import __version__

# A PyInstaller build takes 1.5 min on a free machine and more when the other worker is busy.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    work = tmp_path_factory.mktemp("package")
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(work / "dist"),
                    "--work", str(work / "build")], check=True, capture_output=True, timeout=900)
    [archive] = (work / "dist").glob("*.tar.gz")
    assert archive.name == f"workbench-{__version__}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(archive) as tar:
        tar.extractall(work / "laptop", filter="tar")
    app = work / "laptop" / f"workbench-{__version__}"
    shutil.rmtree(work / "dist")  # the unpacked copy must stand alone
    return app


def test_the_frozen_cli_and_window_work_without_python(unpacked):
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "check_frozen.py"), str(unpacked), "--json",
                           "--startup-runs", "1"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["cli"]["version"] == f"workbench {__version__}"
    assert report["cli"]["search_hits"] > 0 and report["cli"]["exports"] == ["xlsx", "qdpx", "hwpx", "docx"]
    assert report["startup"]["runs"] == 1  # the time itself is a figure, not a test (`make package`, README)


def test_the_build_carries_what_it_needs_and_not_more(unpacked):
    internal = unpacked / "_internal"
    assert (internal / "seeds" / "004_2c1d2e21fcbb52ad.txt").is_file()
    assert (internal / "resources" / "i18n" / "ko.tsv").is_file()
    assert (internal / "kiwipiepy_model" / "cong.mdl").is_file()  # Kiwi's model: nothing to download
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert {p.name for p in (plugins / "platforms").iterdir()} >= {"libqxcb.so", "libqoffscreen.so"}
    lib = internal / "PySide6" / "Qt" / "lib"
    assert not list(lib.glob("libQt6Quick*")) and not list(lib.glob("libQt6WebEngine*"))
    assert not (plugins / "platforminputcontexts" / "libqtvirtualkeyboardplugin.so").exists()


def test_the_desktop_entry_is_valid_and_installs_for_the_user(unpacked, tmp_path):
    desktop = unpacked / "share" / "applications" / "workbench.desktop"
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert done.returncode == 0 and "error" not in done.stdout, done.stdout
    assert (unpacked / "share" / "icons" / "hicolor" / "256x256" / "apps" / "workbench.png").is_file()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    subprocess.run(["sh", str(unpacked / "install-desktop.sh")], check=True, env=env, capture_output=True)
    installed = (tmp_path / "data" / "applications" / "workbench.desktop").read_text(encoding="utf-8")
    assert f'Exec="{unpacked}/workbench-gui"' in installed and "Name[ko]=워크벤치" in installed
    assert (tmp_path / "data" / "icons" / "hicolor" / "48x48" / "apps" / "workbench.png").is_file()
    subprocess.run(["sh", str(unpacked / "install-desktop.sh"), "--remove"], check=True, env=env, capture_output=True)
    assert not (tmp_path / "data" / "applications" / "workbench.desktop").exists()

"""Where a Workbench process keeps its temporary files, so that a process
killed mid-export leaves nothing behind for long.

A killed xlsx export left zero-byte ``.<name>-XXXX.xlsx`` files beside the
target and openpyxl's worksheet files in the system's temp folder (160 MB
after 14 kills), and nothing ever removed them. Now each process:

* makes a folder of its own under ``<Workbench home>/tmp/`` and points
  Python's ``tempfile`` there (openpyxl, OCR and every library that asks for
  a temporary file use it);
* holds a lock file in it for as long as it runs (the OS releases it when the
  process dies, however it dies);
* notes there every temporary file it starts beside a target
  (export.atomic), and crosses it off when the file is renamed or removed.

At start, every other process folder whose lock can be taken belongs to a
process that is gone: the files it noted are removed, then the folder.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from filelock import FileLock, Timeout

from workbench.export import atomic
from workbench.services.projects import workbench_home

ALIVE = ".alive"
PARTIALS = "partials.txt"

_own: tuple[Path, FileLock] | None = None


def scratch_root() -> Path:
    return workbench_home() / "tmp"


def begin() -> Path:
    """Give this process its temp folder and clear what dead processes left.
    Idempotent; returns the folder. Never raises for a folder it cannot make
    (a read-only home): the system's temp folder is used as before."""
    global _own
    if _own is not None:
        return _own[0]
    try:
        clean_stale()
        folder = scratch_root() / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        folder.mkdir(parents=True)
        lock = FileLock(str(folder / ALIVE), thread_local=False)
        lock.acquire(timeout=0)
    except (OSError, Timeout):
        return Path(tempfile.gettempdir())
    _own = (folder, lock)
    tempfile.tempdir = str(folder)
    atomic.on_temp_file = _note
    atexit.register(_end)  # a clean exit leaves nothing; a killed one is cleared by the next start
    return folder


def _end() -> None:
    global _own
    if _own is None:
        return
    folder, lock = _own
    _own = None
    atomic.on_temp_file = None
    tempfile.tempdir = None
    lock.release()
    shutil.rmtree(folder, ignore_errors=True)


def clean_stale() -> int:
    """Remove the folders (and the partial files they noted) of processes that
    are gone; returns how many files were removed."""
    removed = 0
    root = scratch_root()
    if not root.is_dir():
        return 0
    for folder in root.iterdir():
        if not folder.is_dir() or (_own is not None and folder == _own[0]):
            continue
        lock = FileLock(str(folder / ALIVE), thread_local=False)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue  # its process is still running
        except OSError:
            continue
        try:
            removed += _remove_partials(folder / PARTIALS)
            removed += sum(1 for p in folder.rglob("*") if p.is_file() and p.name != ALIVE)
        finally:
            lock.release()
        shutil.rmtree(folder, ignore_errors=True)
    return removed


def _remove_partials(journal: Path) -> int:
    """Remove the files the journal shows started and never finished."""
    try:
        lines = journal.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    except OSError:
        return 0
    open_files: dict[str, None] = {}
    for line in lines:
        state, _, name = line.partition(" ")
        if state == "+":
            open_files[name] = None
        elif state == "-":
            open_files.pop(name, None)
    removed = 0
    for name in open_files:
        path = Path(name)
        if path.name.startswith(".") and path.is_file():  # only export.atomic's ".<stem>-XXXX" names
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def _note(path: Path, started: bool) -> None:
    """Journal a temporary file beside a target: "+" when started, "-" when done."""
    if _own is None:
        return
    try:
        with open(_own[0] / PARTIALS, "a", encoding="utf-8", errors="surrogateescape") as journal:
            journal.write(f"{'+' if started else '-'} {path}\n")
    except OSError:
        pass

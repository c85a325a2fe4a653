"""Which files an ingest may read: only regular files the analyst chose.

A folder is untrusted: an unpacked archive or a shared drive may hold a link
``shadow.txt`` → the system's password file, a link to a folder that loops
back on itself, or a FIFO whose read blocks forever. So, walking a folder:

* a regular file is read;
* a link is followed only when its target is a regular file inside the
  chosen folder (its real path, so ``..`` and link chains cannot leave it),
  and then read once under that real path;
* links to folders are never walked (no loops, no way out): they are
  reported, as are links out of the folder, broken links and devices, FIFOs
  and sockets — checked with ``lstat``/``stat`` before anything is opened.

A file named on the command line was chosen by the analyst: a link is
followed, but it must still end at a regular file.

What is refused comes back as a :class:`Refusal` with its reason in English
and Korean; the ingest report shows it like any other file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.core.shown import shown_path
from workbench.corpus.extract import is_supported

SKIPPED, FAILED = "skipped", "failed"


@dataclass(frozen=True, slots=True)
class Refusal:
    """A path not read, and why (``path`` is printable: see core.shown)."""

    path: str
    status: str
    code: str
    message: str
    message_ko: str


def is_hidden(path: Path) -> bool:
    return path.name.startswith((".", "~$"))


def _refuse(path: Path, code: str, english: str, korean: str, status: str = SKIPPED) -> Refusal:
    name = shown_path(path.name)
    return Refusal(shown_path(path), status, code, f"{name}: {english}", f"{name}: {korean}")


def not_regular(path: Path, status: str = SKIPPED) -> Refusal:
    return _refuse(path, "not_regular", "not a regular file (a device, FIFO or socket): not read",
                   "일반 파일이 아닙니다(장치, FIFO, 소켓). 읽지 않았습니다", status)


def walk(root: Path) -> Iterator[Path | Refusal]:
    """The files to read under ``root`` (a real path: resolved), in name
    order, and a :class:`Refusal` for each thing in it that is not read."""
    problems: list[Refusal] = []

    def unlistable(error: OSError) -> None:
        folder = Path(error.filename or root)
        problems.append(_refuse(folder, "unreadable", f"cannot list folder ({error.strerror})",
                                "폴더를 읽을 수 없습니다", FAILED))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlistable):  # followlinks=False
        yield from problems
        problems.clear()
        here = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            folder = here / name
            if is_hidden(folder):
                continue
            if folder.is_symlink():
                yield _folder_link(root, folder)
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            child = here / name
            if not is_hidden(child):
                yield _file_in(root, child)
    yield from problems


def _folder_link(root: Path, link: Path) -> Refusal:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        target = None
    if target is not None and target.is_relative_to(root):
        return _refuse(link, "link_folder", "a link to a folder in this folder: its files are read there, "
                       "not through the link", "이 폴더 안의 폴더를 가리키는 링크입니다. 파일은 그 폴더에서 읽습니다")
    return _refuse(link, "link_outside", "a link to a folder outside the chosen folder: not read",
                   "고른 폴더 밖의 폴더를 가리키는 링크입니다. 읽지 않았습니다")


def _file_in(root: Path, child: Path) -> Path | Refusal:
    """``child`` (or, for a link, its real path) if it may be read, else why not."""
    try:
        mode = os.lstat(child).st_mode
        path = child
        if stat.S_ISLNK(mode):
            try:
                path = child.resolve(strict=True)
            except (OSError, RuntimeError):  # no target, or a loop of links
                return _refuse(child, "broken_link", "a link that leads to no file: not read",
                               "가리키는 파일이 없는 링크입니다. 읽지 않았습니다")
            if not path.is_relative_to(root):
                return _refuse(child, "link_outside", "a link to a file outside the chosen folder: not read",
                               "고른 폴더 밖의 파일을 가리키는 링크입니다. 읽지 않았습니다")
            mode = os.stat(path).st_mode
    except OSError as exc:
        return _refuse(child, "unreadable", f"cannot be read ({exc.strerror})", "읽을 수 없습니다", FAILED)
    if not stat.S_ISREG(mode):
        return not_regular(child)
    if not is_supported(path):
        return _refuse(child, "unsupported", "not a supported document type", "지원하지 않는 문서 형식")
    return path


def chosen_file(path: Path) -> Path | Refusal:
    """A file named by the analyst (already resolved: links followed): it must be a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _refuse(path, "unreadable", f"cannot be read ({exc.strerror})", "읽을 수 없습니다", FAILED)
    return path if stat.S_ISREG(mode) else not_regular(path, FAILED)


def still_regular(path: Path) -> Refusal | None:
    """Just before reading: ``path`` is still a regular file, not a link or a FIFO put
    in its place since it was listed (an ``lstat``, so nothing is opened)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return _refuse(path, "unreadable", f"cannot be read ({exc.strerror})", "읽을 수 없습니다", FAILED)
    return None if stat.S_ISREG(mode) else not_regular(path, FAILED)

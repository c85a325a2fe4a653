"""Write a file so that a failure leaves no half-written file in its place:
write beside it under a temporary name, then rename over it in one step."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.core.errors import WorkbenchError

# Told of every temporary file started beside a target (True) and of its end
# (False): services.scratch journals them, so the next start removes those a
# killed process left.
on_temp_file: Callable[[Path, bool], None] | None = None


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    with atomic_file(path) as temp:
        write(temp)


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """The temporary path to write; renamed over ``path`` when the block ends
    normally. Any exception (a full disk, or a cancel thrown into a long
    export) removes the temporary file and leaves the old one untouched."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WorkbenchError(f"The folder {folder} does not exist", f"폴더 {folder}이(가) 없습니다")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=folder)
        os.close(handle)
    except OSError as exc:
        raise _error(path, exc) from exc
    temp = Path(temp_name)
    if on_temp_file is not None:
        on_temp_file(temp, True)
    try:
        yield temp
        # mkstemp makes the file private (0600); give it the mode a new file
        # would have (or the old file's), so shared briefing folders stay readable.
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        raise _error(path, exc) from exc
    finally:
        if temp.exists():
            temp.unlink()
        if on_temp_file is not None:
            on_temp_file(temp, False)


def _error(path: Path, exc: OSError) -> WorkbenchError:
    if exc.errno == errno.ENOSPC:
        return WorkbenchError(f"The disk is full: {path.name} was not written (nothing was changed)",
                              f"디스크가 가득 찼습니다: {path.name}을(를) 쓰지 못했습니다(아무것도 바뀌지 않음)")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EBUSY):
        return WorkbenchError(
            f"Cannot write {path}: the folder is read-only or the file is open in another program "
            f"(close it and try again)",
            f"{path}에 쓸 수 없습니다: 폴더가 읽기 전용이거나 다른 프로그램에서 파일이 열려 있습니다(닫고 다시 시도하세요)")
    return WorkbenchError(f"Cannot write {path}: {exc.strerror or exc}", f"{path}에 쓸 수 없습니다: {exc.strerror or exc}")

"""Crash reports: what went wrong when something nobody caught stopped a
command or a window action, written where a user can find it and send it.

A report is ``<log folder>/crash-YYYYMMDD-HHMMSS-<pid>.txt`` holding the
versions (Workbench, Python, Qt where the GUI adds it, Whoosh, Kiwi…), the
system, the traceback and the last lines of the log. It holds no document
text: tracebacks show code, not variables; the exception's message keeps
its wording but anything quoted in it (where Python puts values, e.g.
``KeyError('정부는…')``) is replaced by ``…``, and the log never records
document text (services.logs).
"""

from __future__ import annotations

import logging
import os
import platform
import re
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from workbench.services.logs import log_dir, log_file
from workbench.services.projects import component_versions

LOG_LINES = 60
_QUOTED_RE = re.compile(r"""(['"])(?:(?!\1).)*\1""", re.DOTALL)
log = logging.getLogger("workbench.crash")


def redact(message: str) -> str:
    """The message with quoted values blanked and its length bounded."""
    return _QUOTED_RE.sub(lambda m: f"{m.group(1)}…{m.group(1)}", message)[:500]


def _frames(tb) -> list[str]:
    lines = []
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    return lines


def _exception_lines(exc: BaseException) -> list[str]:
    """The traceback of the exception and of what it was raised from, with messages redacted."""
    chain, seen, current = [], set(), exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    lines = []
    for n, item in enumerate(reversed(chain)):
        if n:
            lines += ["", "The above exception led to:", ""]
        lines += ["Traceback (most recent call last):", *_frames(item.__traceback__),
                  f"{type(item).__module__}.{type(item).__qualname__}: {redact(str(item))}"]
    return lines


def _last_log_lines(n: int = LOG_LINES) -> list[str]:
    try:
        with open(log_file(), encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in handle.readlines()[-n:]]
    except OSError:
        return ["(no log file)"]


def write_report(exc: BaseException, where: str = "", extra_versions: dict[str, str] | None = None) -> Path | None:
    """Write a crash report; returns its path, or None when the log folder
    cannot be written (then the report goes to stderr)."""
    stamp = datetime.now()
    versions = {**component_versions(), **(extra_versions or {})}
    lines = [f"Workbench crash report, {stamp.astimezone().isoformat(timespec='seconds')}",
             f"where: {where or 'unknown'}", "",
             "versions:", *(f"  {name}: {value}" for name, value in versions.items()),
             f"  system: {platform.platform()} ({platform.machine()})",
             f"  frozen: {bool(getattr(sys, 'frozen', False))}", "",
             *_exception_lines(exc), "",
             f"last {LOG_LINES} lines of {log_file().name}:", *_last_log_lines()]
    text = "\n".join(lines) + "\n"
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
        path.write_text(text, encoding="utf-8")
    except OSError:
        sys.stderr.write(text)
        return None
    log.error("crash report written to %s (%s: %s)", path, type(exc).__name__, redact(str(exc)))
    return path


def install(notify: Callable[[Path | None, BaseException], None] | None = None,
            extra_versions: dict[str, str] | None = None) -> None:
    """Report every uncaught exception — the main thread's, a worker
    thread's, and (in the GUI) a Qt slot's, which PySide6 hands to
    ``sys.excepthook`` — then call ``notify(path, exc)`` so the user is told
    where the report is. Ctrl+C stays a plain interruption."""

    def handle(exc: BaseException, where: str) -> None:
        path = write_report(exc, where, extra_versions)
        if notify is not None:
            try:
                notify(path, exc)
            except Exception:  # telling the user must not crash in turn
                log.exception("could not show the crash report's place")

    def excepthook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        handle(exc if exc is not None else exc_type(), "main thread")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        handle(args.exc_value, f"thread {args.thread.name if args.thread else '?'}")

    sys.excepthook = excepthook
    threading.excepthook = thread_hook


def tell_on_stderr(path: Path | None, exc: BaseException) -> None:
    """The command line's notice: one line in English and one in Korean."""
    where = str(path) if path is not None else "stderr"
    sys.stderr.write(f"workbench: an unexpected error ({type(exc).__name__}); a report was written to {where}\n"
                     f"workbench: 예기치 않은 오류({type(exc).__name__}). 보고서를 {where}에 저장했습니다\n")

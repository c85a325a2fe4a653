"""A project is a folder: ``workbench.sqlite`` plus the derived ``index/``.

Connections are opened per thread (each worker thread opens its own), in WAL
mode so readers never block the writer.

One write path. SQLite allows one writer at a time; Workbench serialises its
writes before SQLite has to:

- inside a process, one gate per project folder (a re-entrant lock shared by
  every thread and every ``Project`` object for that folder): a tag from the
  window waits for an ingest's current transaction, never fails;
- across processes, an OS file lock that belongs to the process, not to a
  thread, taken with the gate and released with it. Another process that
  holds it longer than ``wait`` seconds gets :class:`ProjectLockedError`
  naming that process.

Long jobs take the gate only around their writing transactions (see
:meth:`Project.writing`); reading files, Kiwi and the search index happen
outside it. The index has a lock of its own (:meth:`Project.index_lock`).
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout

from workbench.core.errors import (
    DiskFullError, IndexBusyError, ProjectBusyError, ProjectError, ProjectLockedError,
)
from workbench.store import schema

DB_NAME = "workbench.sqlite"
INDEX_DIR = "index"
LOCK_NAME = ".workbench.lock"
INDEX_LOCK_NAME = ".index.lock"
# How long a write waits for this process's other writers (their transactions are short).
IN_PROCESS_WAIT = 60.0
# How long a write waits for another Workbench process before saying who holds the project.
CROSS_PROCESS_WAIT = 10.0


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def connect(db_path: Path, readonly: bool = False) -> sqlite3.Connection:
    uri = f"file:{db_path}?mode={'ro' if readonly else 'rwc'}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10, check_same_thread=True)
    except sqlite3.OperationalError as exc:
        raise ProjectError(f"Cannot open the project database {db_path}: {exc}",
                           f"프로젝트 데이터베이스를 열 수 없습니다 {db_path}: {exc}") from exc
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything in it lands, or nothing does."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:  # SQLite rolls back by itself on some errors (a full disk)
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def disk_full(exc: BaseException) -> bool:
    """Whether an error says the disk (or the database's allowed size) is full."""
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(exc)
    return isinstance(exc, OSError) and exc.errno == errno.ENOSPC


def disk_full_error(where: Path, what_en: str, what_ko: str) -> DiskFullError:
    return DiskFullError(
        f"The disk is full: {what_en} could not be written to {where}; nothing was changed. "
        "Free some space and try again",
        f"디스크가 가득 찼습니다: {what_ko}을(를) {where}에 쓰지 못했습니다. 아무것도 바뀌지 않았습니다. "
        "공간을 비운 뒤 다시 하세요")


class _Gate:
    """The write gate of one project folder in this process."""

    def __init__(self, root: Path) -> None:
        self.mutex = threading.RLock()
        self.depth = 0  # nesting of the thread that holds ``mutex``
        self.file_lock = FileLock(str(root / LOCK_NAME), thread_local=False)
        self.index_mutex = threading.RLock()
        # Held by whichever process writes the index, for the whole build: two
        # processes building at once removed each other's folders (exit 70).
        self.index_file_lock = FileLock(str(root / INDEX_LOCK_NAME), thread_local=False)


_GATES: dict[Path, _Gate] = {}
_GATES_GUARD = threading.Lock()


def _gate(root: Path) -> _Gate:
    with _GATES_GUARD:
        if root not in _GATES:
            _GATES[root] = _Gate(root)
        return _GATES[root]


class Project:
    """Handle on a project folder. Cheap to create; opens nothing until asked."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).expanduser().resolve()
        self._gate = _gate(self.root)
        # Called (on the waiting thread) when a write has to wait for another
        # writer, so a window can say so before it blocks.
        self.on_wait: Callable[[], None] | None = None

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def index_dir(self) -> Path:
        return self.root / INDEX_DIR

    @classmethod
    def open(cls, root: Path, create: bool = True) -> "Project":
        project = cls(root)
        if not project.root.exists():
            if not create:
                raise ProjectError(f"No project folder at {project.root}",
                                   f"프로젝트 폴더가 없습니다: {project.root}")
            try:
                project.root.mkdir(parents=True)
            except OSError as exc:
                raise ProjectError(f"Cannot create the project folder {project.root}: {exc.strerror or exc}",
                                   f"프로젝트 폴더를 만들 수 없습니다 {project.root}: {exc.strerror or exc}") from exc
        elif not project.root.is_dir():
            raise ProjectError(f"{project.root} is a file, not a project folder",
                               f"{project.root}은(는) 폴더가 아니라 파일입니다")
        if not project.db_path.exists() and not create:
            raise ProjectError(f"{project.root} is not a Workbench project (no {DB_NAME})",
                               f"{project.root}은(는) Workbench 프로젝트가 아닙니다({DB_NAME} 없음)")
        conn = project.connect()
        try:
            if schema.version(conn) < schema.LATEST:
                with project.write_lock():
                    schema.migrate(conn)
                    with transaction(conn):
                        conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('created_at', ?)", (now_iso(),))
            else:
                schema.migrate(conn)  # refuses a newer schema with a clear message
        finally:
            conn.close()
        return project

    def connect(self, readonly: bool = False) -> sqlite3.Connection:
        return connect(self.db_path, readonly=readonly)

    @contextmanager
    def write_lock(self, wait: float | None = None) -> Iterator[None]:
        """Hold the project's write gate (re-entrant on one thread).

        Waits up to ``wait`` seconds for another process (default
        :data:`CROSS_PROCESS_WAIT`) and up to :data:`IN_PROCESS_WAIT` for
        this process's other threads; then fails saying who holds it.
        """
        gate = self._gate
        if not gate.mutex.acquire(blocking=False):
            self._waiting()
            if not gate.mutex.acquire(timeout=IN_PROCESS_WAIT if wait is None else max(wait, 0.0)):
                raise ProjectBusyError(
                    "Workbench is still saving another change to this project; try again in a moment",
                    "Workbench가 이 프로젝트에 다른 변경을 저장하는 중입니다. 잠시 뒤 다시 시도하세요")
        try:
            if gate.depth == 0:
                self._acquire_file_lock(CROSS_PROCESS_WAIT if wait is None else wait)
            gate.depth += 1
            try:
                yield
            finally:
                gate.depth -= 1
                if gate.depth == 0:
                    self._release_file_lock()
        finally:
            gate.mutex.release()

    def _waiting(self) -> None:
        if self.on_wait is not None:
            try:
                self.on_wait()
            except Exception:  # a notice must never stop the write
                pass

    def _acquire_file_lock(self, wait: float) -> None:
        lock = self._gate.file_lock
        try:
            lock.acquire(timeout=0)
        except Timeout:
            self._waiting()
            try:
                lock.acquire(timeout=max(wait, 0.0))
            except Timeout as exc:
                raise ProjectLockedError(
                    f"The project {self.root} is being changed by another Workbench process ({self._holder()}); "
                    "try again when it has finished",
                    f"다른 Workbench 프로세스가 프로젝트를 수정하고 있습니다({self._holder()}). 끝난 뒤 다시 시도하세요",
                ) from exc
        try:
            self._owner_file().write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                                      "since": now_iso()}))
        except OSError:
            pass

    def _release_file_lock(self) -> None:
        try:
            self._owner_file().unlink()
        except OSError:
            pass
        self._gate.file_lock.release()

    def _owner_file(self) -> Path:
        return self.root / (LOCK_NAME + ".owner")

    @contextmanager
    def writing(self, conn: sqlite3.Connection | None = None,
                wait: float | None = None) -> Iterator[sqlite3.Connection]:
        """One write: the gate, a connection (the caller's, or a new one closed
        afterwards) and one transaction. If taking the gate, connecting or
        beginning fails, everything taken so far is released."""
        with self.write_lock(wait):
            own = conn is None
            active = self.connect() if own else conn
            try:
                with transaction(active):
                    yield active
            except (sqlite3.Error, OSError) as exc:
                if disk_full(exc):  # the transaction was rolled back: say so, not "unexpected error"
                    raise disk_full_error(self.root, "the change", "변경 내용") from exc
                raise
            finally:
                if own:
                    active.close()

    @contextmanager
    def index_lock(self, wait: float | None = None) -> Iterator[None]:
        """Serialise the writers of the search index (Whoosh allows one): this
        process's threads, and other Workbench processes on the same folder.
        Waits ``wait`` seconds for another process (None: as long as it takes;
        a build of a large corpus takes minutes) and raises
        :class:`IndexBusyError` after that, so a job can say it is waiting and
        look at its cancel button between tries. Re-entrant on one thread."""
        with self._gate.index_mutex:
            lock = self._gate.index_file_lock
            try:
                lock.acquire(timeout=-1 if wait is None else max(wait, 0.0))
            except Timeout:
                raise IndexBusyError("Another Workbench process is building the search index; waiting for it",
                                     "다른 워크벤치 프로세스가 검색 색인을 만들고 있어 기다립니다") from None
            try:
                yield
            finally:
                lock.release()

    def _holder(self) -> str:
        try:
            info = json.loads(self._owner_file().read_text())
            return f"pid {info['pid']} on {info['host']} since {info['since']}"
        except (OSError, ValueError, KeyError):
            return "unknown process"

    def get_meta(self, conn: sqlite3.Connection, key: str) -> str | None:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (key, value))


def project_uuid(conn: sqlite3.Connection) -> uuid.UUID:
    """The project's own id (schema v8), from which exported GUIDs are derived."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'project_id'").fetchone()
    if row is None:  # only a database opened without migrating (never through Project.open)
        raise ProjectError("This project has no id yet: open it with this version of Workbench first",
                           "이 프로젝트에는 아직 ID가 없습니다. 이 버전의 Workbench로 먼저 여세요")
    return uuid.UUID(row[0])

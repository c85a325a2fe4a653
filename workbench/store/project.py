"""A project is a folder: ``workbench.sqlite`` plus the derived ``index/``.

Connections are opened per thread (each worker thread opens its own), in WAL
mode so readers never block the writer. Writing is serialised across
processes by an OS file lock held for the length of a write job: a second
process that wants to write gets :class:`ProjectLockedError` with the holder's
pid, not a half-written database.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout

from workbench.core.errors import ProjectError, ProjectLockedError
from workbench.store import schema

DB_NAME = "workbench.sqlite"
INDEX_DIR = "index"
LOCK_NAME = ".workbench.lock"


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
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


class Project:
    """Handle on a project folder. Cheap to create; opens nothing until asked."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).expanduser().resolve()
        self._lock = FileLock(str(self.root / LOCK_NAME))

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
    def write_lock(self) -> Iterator[None]:
        """Hold the project's write lock, or fail at once saying who holds it."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout as exc:
            raise ProjectLockedError(
                f"The project {self.root} is being changed by another Workbench process ({self._holder()}); "
                "try again when it has finished",
                f"다른 Workbench 프로세스가 프로젝트를 수정하고 있습니다({self._holder()}). 끝난 뒤 다시 시도하세요",
            ) from exc
        owner = self.root / (LOCK_NAME + ".owner")
        try:
            owner.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": now_iso()}))
        except OSError:
            pass
        try:
            yield
        finally:
            try:
                owner.unlink()
            except OSError:
                pass
            self._lock.release()

    def _holder(self) -> str:
        try:
            info = json.loads((self.root / (LOCK_NAME + ".owner")).read_text())
            return f"pid {info['pid']} on {info['host']} since {info['since']}"
        except (OSError, ValueError, KeyError):
            return "unknown process"

    def get_meta(self, conn: sqlite3.Connection, key: str) -> str | None:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (key, value))

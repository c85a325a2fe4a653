"""A project's own aliases, kept in the database beside the bundled list."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from workbench.store.project import now_iso


@dataclass(frozen=True, slots=True)
class UserAlias:
    id: int
    canonical: str
    type: str
    aliases: tuple[str, ...]


class AliasRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def list(self) -> list[UserAlias]:
        rows = self.conn.execute("SELECT id, canonical, type, aliases FROM user_aliases ORDER BY id").fetchall()
        return [UserAlias(r["id"], r["canonical"], r["type"], tuple(a for a in r["aliases"].split("|") if a))
                for r in rows]

    def add(self, canonical: str, kind: str, aliases: list[str]) -> int:
        cur = self.conn.execute(
            "INSERT INTO user_aliases (canonical, type, aliases, created_at) VALUES (?, ?, ?, ?)",
            (canonical, kind, "|".join(aliases), now_iso()),
        )
        return int(cur.lastrowid)

    def remove(self, alias_id: int) -> bool:
        return self.conn.execute("DELETE FROM user_aliases WHERE id = ?", (alias_id,)).rowcount > 0

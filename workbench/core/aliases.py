"""The alias list: names of the same thing (과기정통부 = 과학기술정보통신부 = MSIT).

It lives in ``resources/aliases.tsv`` (canonical name, type, aliases joined by
``|``) and is shared with the entity gazetteer. A project adds its own lines in
the database. The index marks every name of a group with one token for the
group (``search/alias_tokens.py``), and a query for any name is that token.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.resources import resources_dir

ALIASES_FILE = "aliases.tsv"
TYPES = ("ORG", "PERSON", "LOCATION", "PRODUCT", "LAW")
# Names of these types become Kiwi user words (laws are compounds Kiwi splits well).
USER_WORD_TYPES = ("ORG", "PERSON", "PRODUCT", "LOCATION")
# Proper names of 2-5 syllables become Kiwi user words (과기정통부 would
# otherwise split into 과기 + 정통부). Longer names and laws are compounds
# Kiwi splits well; as single user words they would hide their parts.
_USER_WORD_RE = re.compile(r"^[가-힣]{2,5}$")


def is_user_word(name: str) -> bool:
    return bool(_USER_WORD_RE.match(unicodedata.normalize("NFC", name.strip())))


def name_key(name: str) -> str:
    """How names are compared: NFC, case-folded, spaces removed."""
    return "".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(slots=True)
class AliasGroup:
    canonical: str
    type: str
    names: list[str] = field(default_factory=list)  # canonical first
    origin: str = "resources"


class AliasTable:
    def __init__(self, groups: list[AliasGroup] | None = None) -> None:
        self.groups: list[AliasGroup] = []
        self._by_key: dict[str, list[AliasGroup]] = {}
        for group in groups or []:
            self.add(group)

    def add(self, group: AliasGroup) -> None:
        self.groups.append(group)
        for name in group.names:
            bucket = self._by_key.setdefault(name_key(name), [])
            if group not in bucket:
                bucket.append(group)

    def lookup(self, term: str) -> list[AliasGroup]:
        return self._by_key.get(name_key(term), [])

    def expansions(self, term: str) -> list[str]:
        """Other names of ``term`` (not including itself), in file order."""
        key = name_key(term)
        out: list[str] = []
        for group in self.lookup(term):
            for name in group.names:
                if name_key(name) != key and name not in out:
                    out.append(name)
        return out

    def names(self) -> list[str]:
        return [n for g in self.groups for n in g.names]

    def user_words(self) -> list[str]:
        """Names Kiwi should know as single proper nouns (see analysis)."""
        return sorted({n for g in self.groups if g.type in USER_WORD_TYPES for n in g.names if is_user_word(n)})

    def user_word_signature(self) -> str:
        """Changes when the user words change: the morpheme index depends on them."""
        digest = hashlib.sha256()
        for name in self.user_words():
            digest.update(name.encode("utf-8") + b"\0")
        return digest.hexdigest()[:16]


def parse_aliases(text: str, origin: str) -> tuple[list[AliasGroup], list[str]]:
    """Parse the TSV text; returns (groups, problems with line numbers)."""
    groups, problems = [], []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if len(cells) < 2 or not cells[0]:
            problems.append(f"{origin}:{number}: expected 'canonical<TAB>type<TAB>alias|alias'")
            continue
        kind = cells[1].upper() or "ORG"
        if kind not in TYPES:
            problems.append(f"{origin}:{number}: unknown type {cells[1]!r} (use one of {', '.join(TYPES)})")
            continue
        aliases = [a.strip() for a in (cells[2] if len(cells) > 2 else "").split("|") if a.strip()]
        names = [unicodedata.normalize("NFC", n) for n in [cells[0], *aliases]]
        groups.append(AliasGroup(names[0], kind, list(dict.fromkeys(names)), origin))
    return groups, problems


def resource_aliases_stamp(path: Path | None = None) -> tuple[int, int]:
    """Changes when the bundled list's file does (modification time, size)."""
    stat = (path or resources_dir() / ALIASES_FILE).stat()
    return stat.st_mtime_ns, stat.st_size


def load_resource_aliases(path: Path | None = None) -> AliasTable:
    path = path or resources_dir() / ALIASES_FILE
    groups, _ = parse_aliases(path.read_text(encoding="utf-8"), path.name)
    return AliasTable(groups)

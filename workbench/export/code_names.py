"""Code names that a tool keeping one code per name can tell apart.

Workbench's codebook is a tree, and names repeat across it: ``정책 / 규제``,
``산업 / 규제``, ``국제 / 미국 / 규제`` and a top-level ``규제`` are four
codes. NVivo, MAXQDA and ATLAS.ti keep them apart by their place in the tree;
QualCoder does not. Its ``code_name`` table is ``unique(name)`` (SQLite's
BINARY collation: the exact string, case-sensitive, nothing stripped), and
its REFI-QDA importer (``RefiImport.sub_codes``) skips a code whose name is
taken, so the codings pointing at it arrive with no code.

:func:`unique_names` gives each code a name no other code has, by its path:

* a name no other code has stays as it is;
* of several codes with one name, the top-level one keeps it (the first, if
  there are two), and each nested one gets the shortest run of its nearest
  parents that no namesake shares: ``규제 (정책)``, ``규제 (산업)``,
  ``규제 (미국)`` — or ``규제 (국제 / 미국)`` where ``미국`` alone repeats;
* the result is checked against every other name, kept or made, and made
  longer (more parents, then `` (2)``, `` (3)``…) until it is unique.

Names are compared as the file will hold them, that is after
:func:`workbench.core.xmltext.clean` (what XML cannot hold is left out), and
exactly, as QualCoder's SQLite compares them. A name with nothing visible in
it is written ``(unnamed)``. Pure: nothing is read or written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.xmltext import clean

SEPARATOR = " / "
UNNAMED = "(unnamed)"


@dataclass(frozen=True, slots=True)
class Renamed:
    path: tuple[str, ...]  # the code's place in the tree, as the analyst named it
    name: str  # the name written instead of the last part

    def to_json(self) -> dict[str, str]:
        return {"path": SEPARATOR.join(self.path), "name": self.name}


@dataclass(frozen=True, slots=True)
class UniqueNames:
    names: list[str]  # one per path given, in the same order
    renamed: list[Renamed]  # the codes whose name changed, in the same order


def unique_names(paths: Sequence[Sequence[str]]) -> UniqueNames:
    """A name for each code (given by its path from the top), unique among all of them."""
    written = [tuple(clean(part) for part in path) for path in paths]
    own = [path[-1] if path and path[-1].strip() else UNNAMED for path in written]
    namesakes: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(own):
        namesakes[name].append(i)

    result: list[str | None] = [None] * len(own)
    taken: set[str] = set()
    for name, members in namesakes.items():  # first the names that stay
        keeper = members[0] if len(members) == 1 else next((i for i in members if len(written[i]) <= 1), None)
        if keeper is not None:
            result[keeper] = name
            taken.add(name)

    for i, name in enumerate(own):  # then the others, in order, each against all taken so far
        if result[i] is not None:
            continue
        parents = written[i][:-1]
        rivals = [written[j][:-1] for j in namesakes[name] if j != i]
        # A run of k nearest parents distinguishes when no namesake has the same k nearest parents.
        choices = [f"{name} ({SEPARATOR.join(parents[-k:])})" for k in range(1, len(parents) + 1)
                   if all(rival[-k:] != parents[-k:] for rival in rivals)]
        if not choices and parents:  # the same path twice: its full parents, then a number
            choices = [f"{name} ({SEPARATOR.join(parents)})"]
        chosen = next((c for c in choices if c not in taken), None)
        base, n = (choices[0] if choices else name), 2
        while chosen is None:
            if f"{base} ({n})" not in taken:
                chosen = f"{base} ({n})"
            n += 1
        result[i] = chosen
        taken.add(chosen)

    names = [name for name in result if name is not None]
    renamed = [Renamed(tuple(path), name) for path, original, name in zip(paths, written, names)
               if not original or name != original[-1]]
    return UniqueNames(names, renamed)

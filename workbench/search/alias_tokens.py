"""Names of one thing indexed as one word: 과기정통부 = 과학기술정보통신부 = MSIT.

Where a name from the alias list occurs in a passage, the index holds one
more token, ``§`` + the group's canonical key, at the name's first position
and spanning the whole name. A query for any of the names is then that one
term: scored as one word (a passage naming the ministry MSIT weighs the same
as one writing 과기정통부) and fast (one posting list, not an OR of phrases
over common words like "Ministry", "of", "and").

Names are matched on morpheme *units*, so spacing and particles do not
matter (과학기술 정보통신부는 is a match). A unit is a morpheme, or a whole
letters-and-digits name where the index stacks one (GPT-4): so GPT-4 never
matches inside GPT-4o.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from workbench.core.aliases import AliasGroup, AliasTable, name_key
from workbench.search.analysis import Morph

ALIAS_MARK = "§"
_END = ""  # trie key marking where a name ends (no unit is empty)


def group_token(group: AliasGroup) -> str:
    """The index token standing for every name of ``group``."""
    return ALIAS_MARK + name_key(group.canonical)


def units(morphs: list[Morph]) -> list[tuple[str, int, int, int]]:
    """(unit, index of its first morpheme, start, end) from a morpheme list
    where a stacked whole name follows its first part (see ``analysis``)."""
    out: list[tuple[str, int, int, int]] = []
    i, n = 0, len(morphs)
    while i < n:
        m = morphs[i]
        if i + 1 < n and morphs[i + 1].stacked:
            whole = morphs[i + 1]
            j = i + 2
            while j < n and not morphs[j].stacked and morphs[j].end <= whole.end:
                j += 1
            out.append((whole.form, i, whole.start, whole.end))
            i = j
            continue
        if not m.stacked:
            out.append((m.form, i, m.start, m.end))
        i += 1
    return out


def names_signature(table: AliasTable) -> str:
    """Changes when a name or group the matcher would hold changes, read from
    the alias list itself, without Kiwi: with Kiwi's version and the user
    words, it decides :meth:`AliasMatcher.signature` (cheap enough to ask on
    the GUI thread whether the index is in step)."""
    digest = hashlib.sha256()
    for token, names in sorted((group_token(g), sorted(g.names)) for g in table.groups if len(g.names) > 1):
        digest.update((token + "\x1e" + "\x1f".join(names) + "\x1d").encode("utf-8"))
    return digest.hexdigest()[:16]


class AliasMatcher:
    """A trie over the unit sequences of every name in a group of two or more."""

    def __init__(self, table: AliasTable, analyse: Callable[[str], list[Morph]]) -> None:
        self.trie: dict = {}
        self.entries: list[tuple[tuple[str, ...], str]] = []
        for group in table.groups:
            if len(group.names) < 2:
                continue  # a name with no other name: nothing to join
            token = group_token(group)
            for name in group.names:
                seq = tuple(u[0] for u in units(analyse(name)))
                if not seq:
                    continue
                node = self.trie
                for unit in seq:
                    node = node.setdefault(unit, {})
                tokens = node.setdefault(_END, [])
                if token not in tokens:
                    tokens.append(token)
                    self.entries.append((seq, token))

    def signature(self) -> str:
        """Changes when any name or group changes: the index depends on it."""
        digest = hashlib.sha256()
        for seq, token in sorted(self.entries):
            digest.update(("\x1f".join(seq) + "\x1e" + token + "\x1d").encode("utf-8"))
        return digest.hexdigest()[:16]

    def find(self, seq: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
        """(group token, index of the first morpheme, start, end) of every name
        occurring in the unit sequence ``seq``, in order of where they start."""
        found = []
        trie = self.trie
        for i, (unit, first, start, _) in enumerate(seq):
            node = trie.get(unit)
            j = i
            while node is not None:
                tokens = node.get(_END)
                if tokens:
                    end = seq[j][3]
                    for token in tokens:
                        found.append((token, first, start, end))
                j += 1
                if j >= len(seq):
                    break
                node = node.get(seq[j][0])
        return found

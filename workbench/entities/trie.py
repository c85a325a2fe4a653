"""One regex for a list of names, shaped as a trie so it is fast.

Python's ``re`` tries the branches of ``a|b|c…`` one after the other at every
position of the text: with a few hundred names (and ``re.IGNORECASE``) that
was most of the gazetteer's time. A trie pattern shares prefixes
(``오픈(?:AI(?: 코리아)?)?``), so one position costs one step per character.

It matches exactly what the plain alternation of the names, longest first,
matches: at a position the names that fit are prefixes of one another, the
trie tries the longer continuation before stopping (a greedy ``(?:…)?``),
and when what follows the pattern fails (the particle look-ahead) it
backtracks to the next shorter name, as the plain alternation would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key that marks "a name ends here" (never a character)


def _key(char: str, ignore_case: bool) -> str:
    """Characters that match each other under IGNORECASE share one branch."""
    if not ignore_case:
        return char
    low = char.lower()
    return low if len(low) == 1 and re.fullmatch(re.escape(low), char, re.IGNORECASE) else char


def trie_alternation(names: Iterable[str], ignore_case: bool = False) -> str:
    """A non-capturing regex equivalent to ``(?:n1|n2|…)`` with the names
    sorted longest first (compile it with IGNORECASE when ``ignore_case``)."""
    names = list(names)
    root: dict = {}
    for name in names:
        if not name:
            raise ValueError("empty name")
        node = root
        for char in name:
            node = node.setdefault(_key(char, ignore_case), {})
        node[_END] = True
    if not root:
        return "(?!)"
    if ignore_case and _ambiguous(root):
        # Some exotic case pair (ſ/s, ı/i) shares no branch: the plain form is right, if slower.
        return "(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"
    return _emit(root)


def first_chars(names: Iterable[str]) -> str:
    """A look-ahead for the names' first characters. It adds nothing to what
    matches, but put at the very start of a pattern it lets ``re`` skip the
    positions no name can start at (5x faster on a long report)."""
    chars = sorted({name[0] for name in names if name})
    return "(?=[" + "".join(re.escape(c) for c in chars) + "])" if chars else "(?!)"


def _ambiguous(node: dict) -> bool:
    """Under IGNORECASE one text character must fit at most one branch, or
    the trie could stop at a shorter name while a longer one fits."""
    keys = [k for k in node if k != _END]
    for i, a in enumerate(keys):
        if any(re.fullmatch(re.escape(a), b, re.IGNORECASE) for b in keys[i + 1:]):
            return True
    return any(_ambiguous(node[k]) for k in keys)


def _emit(node: dict) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in node.items() if char != _END]
    if not branches:
        return ""
    if _END in node:
        return "(?:" + "|".join(branches) + ")?"  # greedy: the longer name first
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

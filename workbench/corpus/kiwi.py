"""The process's one Kiwi (kiwipiepy), shared by search and entity extraction.

Loading takes a few seconds and ~0.5 GB, so it happens once, lazily, on first
use (off the GUI thread), and the object is shared between threads (the
maintainers' advice). Short proper names from the alias list are user words,
so 과기정통부가 splits as 과기정통부 + 가.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from collections.abc import Iterable

from workbench.core.aliases import is_user_word, load_resource_aliases

_kiwi = None
_kiwi_lock = threading.Lock()
_user_words: set[str] = set()


def _new_kiwi():
    from kiwipiepy import Kiwi

    # Two workers: batch tokenisation (indexing) runs ~1.6x faster on two cores.
    kiwi = Kiwi(num_workers=min(2, os.cpu_count() or 1))
    for name in load_resource_aliases().user_words():
        _add_word(kiwi, name)
    return kiwi


def _add_word(kiwi, name: str) -> None:
    name = unicodedata.normalize("NFC", name.strip())
    if is_user_word(name) and name not in _user_words:
        kiwi.add_user_word(name, "NNP", 0.0)
        _user_words.add(name)


def get_kiwi():
    """The process's Kiwi, loaded on first use (call it off the GUI thread)."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                _kiwi = _new_kiwi()
    return _kiwi


def kiwi_loaded() -> bool:
    return _kiwi is not None


def add_user_words(names: Iterable[str]) -> None:
    """Teach Kiwi project names (e.g. a project's own aliases)."""
    kiwi = get_kiwi()
    with _kiwi_lock:
        for name in names:
            _add_word(kiwi, name)

"""The process's one Kiwi (kiwipiepy), shared by search and entity extraction.

Loading takes a few seconds and ~0.5 GB, so it happens once, lazily, on first
use (off the GUI thread), and the object is shared between threads (the
maintainers' advice). Short proper names from the alias list are user words,
so 과기정통부가 splits as 과기정통부 + 가.
"""

from __future__ import annotations

import os
import queue
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

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


# --- one Kiwi pass per document, shared by entity extraction and indexing ---

# Kiwi slows down on very long strings (44K characters/s on one 840 KB string,
# ~125K a line): lines longer than this are cut at a space near the limit.
MAX_LINE_CHARS = 3000


class Tok(NamedTuple):
    """A Kiwi token with its offset in the whole document (Kiwi's own token
    objects carry offsets into the line that was analysed)."""

    form: str
    tag: str
    start: int
    len: int


class DocumentTokens:
    """Kiwi's analysis of one document, line by line: ``lines`` holds
    (offset of the line in the text, Kiwi's tokens of that line)."""

    __slots__ = ("lines", "_flat")

    def __init__(self, lines: list[tuple[int, list]]) -> None:
        self.lines = lines
        self._flat: list[Tok] | None = None

    def tokens(self) -> list[Tok]:
        """Every token, offsets into the whole text."""
        if self._flat is None:
            self._flat = [Tok(t.form, t.tag, offset + t.start, t.len) for offset, toks in self.lines for t in toks]
        return self._flat

    def proper_nouns(self) -> list[Tok]:
        """The proper nouns (NNP), offsets into the whole text: all that entity
        extraction reads of the tokens (building every token costs seconds on
        a long report; these are a few hundred)."""
        return [Tok(t.form, t.tag, offset + t.start, t.len)
                for offset, toks in self.lines for t in toks if t.tag == "NNP"]


def text_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of the lines worth analysing: not blank, not too long."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            start = 0
            while len(line) - start > MAX_LINE_CHARS:
                cut = line.rfind(" ", start + MAX_LINE_CHARS // 2, start + MAX_LINE_CHARS)
                cut = cut + 1 if cut > start else start + MAX_LINE_CHARS
                yield pos + start, line[start:cut]
                start = cut
            yield pos + start, line[start:]
        pos += len(line) + 1


def tokenize_documents(texts: Iterable[str], cancelled=lambda: False,
                       on_line: Callable[[int, int], None] | None = None) -> Iterator[DocumentTokens]:
    """Tokenise many documents in one stream of lines through Kiwi's worker
    pool, yielding each document's tokens in order as soon as its last line is
    done. Kiwi works ahead on the next lines while the caller handles a
    document (Kiwi releases the GIL), so both cores stay busy. ``cancelled``
    is asked between lines; when it says so, the stream ends without the
    document it was in (never a document's tokens cut short). ``on_line``
    hears (document number, offset of the line) as each line is analysed."""
    kiwi = get_kiwi()
    pending: list[tuple[int, int]] = []  # (document number, line offset), in the order fed to Kiwi
    counts: list[int] = []  # lines per document, filled as documents are read
    stopped: list[int] = []  # the document the stream was cancelled in

    def feed() -> Iterator[str]:
        for n, text in enumerate(texts):
            count = 0
            for offset, line in text_lines(text):
                if cancelled():
                    stopped.append(n)
                    return
                pending.append((n, offset))
                count += 1
                yield line
            counts.append(count)

    current: list[tuple[int, list]] = []
    doc = 0
    for i, tokens in enumerate(kiwi.tokenize(feed())):
        n, offset = pending[i]
        if on_line is not None:
            on_line(n, offset)
        while doc < n:  # documents without lines, or finished ones
            if stopped and doc >= stopped[0]:
                return
            yield DocumentTokens(current)
            current, doc = [], doc + 1
        current.append((offset, tokens))
    # Whatever follows the last analysed line: its document, then the empty ones.
    while doc < len(counts) and not (stopped and doc >= stopped[0]):
        yield DocumentTokens(current)
        current, doc = [], doc + 1


class _Failed(NamedTuple):
    error: BaseException


class Analysing(NamedTuple):
    """How far Kiwi has got into the document ``key``: the offset of the line
    it analysed last (a 4 M-character document takes a minute)."""
    key: object
    chars: int


PARTIAL_EVERY = 0.25  # seconds between two Analysing reports


_DONE = object()


def tokenize_in_background(items: Callable[[], Iterable[tuple[object, str]]],
                           cancelled=lambda: False, partial: bool = False,
                           ) -> Iterator[tuple[object, str, DocumentTokens] | Analysing]:
    """(key, text, tokens) for each (key, text) of ``items()``, tokenised in a
    background thread so Kiwi keeps both cores busy while the caller works on
    the previous document. ``items`` is called in that thread (open any
    database connection there). At most two documents wait in memory.
    ``partial``: also an :class:`Analysing` now and then while the caller
    waits, so a long document's progress moves."""
    results: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()

    def run() -> None:
        try:
            pending: list = []
            last = [time.monotonic()]

            def texts() -> Iterator[str]:
                for key, text in items():
                    pending.append((key, text))
                    yield text

            def on_line(n: int, offset: int) -> None:
                now = time.monotonic()
                if now - last[0] >= PARTIAL_EVERY and results.empty():  # only while the caller waits
                    last[0] = now
                    try:
                        results.put_nowait(Analysing(pending[n][0], offset))
                    except queue.Full:
                        pass

            lines = on_line if partial else None
            for n, tokens in enumerate(tokenize_documents(texts(), lambda: stop.is_set() or cancelled(), lines)):
                key, text = pending[n]
                pending[n] = None
                while not stop.is_set():
                    try:
                        results.put((key, text, tokens), timeout=0.2)
                        break
                    except queue.Full:
                        continue
        except BaseException as exc:  # handed to the caller's thread
            results.put(_Failed(exc))
        finally:
            results.put(_DONE)

    worker = threading.Thread(target=run, name="kiwi-documents", daemon=True)
    worker.start()
    try:
        while True:
            item = results.get()
            if item is _DONE:
                break
            if isinstance(item, _Failed):
                raise item.error
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # let it finish its put and end
            try:
                results.get(timeout=0.1)
            except queue.Empty:
                pass
        worker.join()

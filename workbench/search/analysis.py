"""Korean analysis for the index: Kiwi morphemes and character bigrams.

Two fields are indexed from the same passage text and queried together
(see KOREAN_SEARCH.md for the measurements behind this):

* ``morph`` — Kiwi morphemes: nouns, verb/adjective stems (lemmas), roots,
  Latin (lower-cased), Hanja, numbers and Kiwi's URL/e-mail/serial tags.
  Particles and endings are dropped, so 과기정통부가 and 과기정통부는 both
  index 과기정통부; compounds split, so 인공지능기본법 and 인공지능 기본법 give
  the same tokens. Names from the alias list are Kiwi user words.
* ``bigram`` — overlapping Hangul syllable pairs with spaces ignored (so
  spacing variants share bigrams), whole Latin words and whole numbers. It
  finds what the morphological analysis splits differently.

Kiwi is loaded once per process, lazily (a few seconds, ~0.5 GB), and shared
between threads. The Whoosh tokenizers hold no Kiwi object, because Whoosh
pickles the schema into the index.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from whoosh.analysis import Token, Tokenizer

from workbench.corpus.kiwi import get_kiwi

MORPH_TAGS = frozenset({
    "NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "XR", "SL", "SH", "SN",
    "W_URL", "W_EMAIL", "W_HASHTAG", "W_MENTION", "W_SERIAL",
})

_pretokenized = threading.local()


class Morph(NamedTuple):
    form: str
    start: int
    end: int
    stacked: bool = False  # shares the position of the token before it


# Model and product names: letters and digits in one run (GPT-4, GPT-4o, B200,
# Llama-3, SB1047). Kiwi splits them (gpt / 4 / o); the whole name is indexed
# too, at the same position, so GPT-4 can be told from GPT-4o.
COMPOUND_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+(?:[-.]?[0-9][A-Za-z0-9]*)(?:[-.][A-Za-z0-9]+)*(?![A-Za-z0-9])")
_NOUNISH = ("NNG", "NNP", "NR", "NP", "XR", "SL", "SH")


def _morphs(tokens, text: str) -> list[Morph]:
    out: list[Morph] = []
    tags: list[str] = []
    for tok in tokens:
        start, end = tok.start, tok.start + tok.len
        # A noun suffix (저작+권, 디지털+화) stays on its noun: 저작권 is not 저작물.
        # The plural 들 does not: 기업들 is still 기업.
        if tok.tag == "XSN" and tok.form != "들" and out and tags[-1] in _NOUNISH and out[-1].end == start:
            prev = out.pop()
            tags.pop()
            out.append(Morph(prev.form + tok.form.lower(), prev.start, end))
            tags.append("NNG")
            continue
        if tok.tag in MORPH_TAGS:
            out.append(Morph(tok.form.lower(), start, end))
            tags.append(tok.tag)
    if any(t in ("SL", "SN") for t in tags):
        out = _stack_compounds(out, text)
    return out


def _stack_compounds(morphs: list[Morph], text: str) -> list[Morph]:
    matches = [m for m in COMPOUND_RE.finditer(text)]
    if not matches:
        return morphs
    result: list[Morph] = []
    i = 0
    for match in matches:
        start, end = match.span()
        while i < len(morphs) and morphs[i].start < start:
            result.append(morphs[i])
            i += 1
        j = i
        while j < len(morphs) and morphs[j].end <= end:
            j += 1
        result.extend(morphs[i:j])
        if j - i > 1:  # the name is split: index it whole at its first part's position
            result.insert(len(result) - (j - i) + 1, Morph(match.group(0).lower(), start, end, True))
        i = j
    result.extend(morphs[i:])
    return result


def morph_tokens(text: str) -> list[Morph]:
    """The indexable morphemes of ``text`` with their character offsets."""
    cache = getattr(_pretokenized, "cache", None)
    if cache is not None and text in cache:
        return cache[text]
    if not text.strip():
        return []
    return _morphs(get_kiwi().tokenize(text), text)


@contextmanager
def pretokenized(texts: list[str]) -> Iterator[None]:
    """Tokenise many texts in one Kiwi call (its worker pool), for a writer.

    Whoosh calls the analyzer once per field per document; batching the Kiwi
    work first roughly doubles indexing speed on two cores.
    """
    unique = [t for t in dict.fromkeys(texts) if t.strip()]
    results = get_kiwi().tokenize(unique) if unique else []
    _pretokenized.cache = {text: _morphs(tokens, text) for text, tokens in zip(unique, results)}
    try:
        yield
    finally:
        _pretokenized.cache = None


# Hangul runs continue across single spaces: 인공지능 기본법 and 인공지능기본법
# give the same bigrams. \w would match Hangul and glue 오픈AI가 together, so the
# classes are spelled out.
_BIGRAM_RUN_RE = re.compile(
    r"[가-힣ㄱ-ㅎㅏ-ㅣ]+(?: [가-힣ㄱ-ㅎㅏ-ㅣ]+)*"
    r"|[0-9]+(?:[.,][0-9]+)*"
    r"|[A-Za-z\u00c0-\u024f]+"
    r"|[\u3400-\u4dbf\u4e00-\u9fff]+"
)


def bigram_tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end): Hangul/Hanja bigrams (a lone syllable as itself),
    whole Latin words lower-cased, whole numbers."""
    out: list[tuple[str, int, int]] = []
    for match in _BIGRAM_RUN_RE.finditer(text):
        run = match.group(0)
        first = run[0]
        if "0" <= first <= "9" or first.isascii() or "\u00c0" <= first <= "\u024f":
            out.append((run.lower(), match.start(), match.end()))
            continue
        # Syllables with their positions, skipping the spaces inside the run.
        chars = [(ch, match.start() + i) for i, ch in enumerate(run) if ch != " "]
        if len(chars) == 1:
            out.append((chars[0][0], chars[0][1], chars[0][1] + 1))
            continue
        for (a, sa), (b, sb) in zip(chars, chars[1:]):
            out.append((a + b, sa, sb + 1))
    return out


class _OffsetTokenizer(Tokenizer):
    """Turns a (text, start, end[, stacked]) token function into a Whoosh tokenizer."""

    def tokens(self, value: str) -> list:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # Prefix and wildcard terms reach us untokenised (KOREAN_SEARCH pitfall 6).
            token.original = token.text = value.lower()
            token.boost, token.stopped = 1.0, False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        pos = start_pos - 1
        for tok in self.tokens(value):
            text, start, end = tok[0], tok[1], tok[2]
            if len(tok) < 4 or not tok[3]:
                pos += 1
            token.text = text
            token.boost, token.stopped = 1.0, False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


class KiwiTokenizer(_OffsetTokenizer):
    def tokens(self, value: str) -> list[Morph]:
        return morph_tokens(value)


class BigramTokenizer(_OffsetTokenizer):
    def tokens(self, value: str) -> list[tuple[str, int, int]]:
        return bigram_tokens(value)

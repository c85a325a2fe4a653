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
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from whoosh.analysis import Token, Tokenizer

from workbench.corpus.kiwi import get_kiwi

MORPH_TAGS = frozenset({
    "NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "XR", "SL", "SH", "SN",
    "W_URL", "W_EMAIL", "W_HASHTAG", "W_MENTION", "W_SERIAL",
})

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


def is_word_start(tag: str) -> bool:
    """Whether a word can begin with a morpheme of this Kiwi tag: not a
    particle, an ending, a suffix, the copula or punctuation."""
    start = _WORD_START.get(tag)
    if start is None:
        first = tag[:1]
        start = not (first in ("J", "E", "Z") or tag.startswith("XS") or tag == "VCP"
                     or (first == "S" and tag not in ("SL", "SH", "SN")))
        _WORD_START[tag] = start
    return start


_WORD_START: dict[str, bool] = {}
# Kiwi knows some long names whole (개인정보보호위원회, 정보통신산업진흥원): every
# syllable of one may begin a word part, so 개인정보 보호 still finds them.
LONG_NAME = 6


def _morphs(lines: Iterable[tuple[int, Iterable]], text: str, starts: set[int] | None = None) -> list[Morph]:
    """The indexable morphemes of ``text`` from Kiwi's tokens of its lines
    ((offset of the line in ``text``, tokens)). With ``starts``, also collects
    where words or word parts begin (see :func:`is_word_start`)."""
    out: list[Morph] = []
    tags: list[str] = []
    word_start = _WORD_START
    latin = None  # (start, end, form, index in out) of the Latin token just before
    new = tuple.__new__  # Morph(...) without NamedTuple's Python-level __new__: this loop is hot
    for offset, tokens in lines:
        for tok in tokens:
            tag = tok.tag
            start = offset + tok.start
            end = start + tok.len
            if starts is not None:
                first = word_start.get(tag)
                if first is None:
                    first = is_word_start(tag)
                if first:
                    starts.add(start)
                    if tag == "NNP" and tok.len >= LONG_NAME:
                        starts.update(range(start + 1, end))
            if tag == "SL":
                form = tok.form
                if latin is not None and latin[1] == start:
                    # Kiwi split one Latin word (Singapore. as Sing + apore.): join it again.
                    first_start, _, first_form, first_at = latin
                    del out[first_at:], tags[first_at:]
                    form, start = first_form + form, first_start
                latin = (start, end, form, len(out))
                _add_latin(out, tags, form, start)
                continue
            latin = None
            if tag in MORPH_TAGS:
                out.append(new(Morph, (tok.form.lower(), start, end, False)))
                tags.append(tag)
            # A noun suffix (저작+권, 디지털+화) stays on its noun: 저작권 is not 저작물.
            # The plural 들 does not: 기업들 is still 기업.
            elif tag == "XSN" and out and tags[-1] in _NOUNISH and out[-1].end == start and tok.form != "들":
                prev = out.pop()
                out.append(new(Morph, (prev.form + tok.form.lower(), prev.start, end, False)))
                tags[-1] = "NNG"
    if any(t in ("SL", "SN") for t in tags):
        out = _stack_compounds(out, text)
    return out


def _add_latin(out: list[Morph], tags: list[str], form: str, start: int) -> None:
    """A Latin word (lower-cased, a trailing full stop dropped); a dotted name
    also as its parts, the whole stacked on the first (Zhipu.AI)."""
    word = form.rstrip(".") or form
    end = start + len(word)
    parts = _dotted_parts(word, start) if "." in word else None
    if parts:
        out += [parts[0], Morph(word.lower(), start, end, True), *parts[1:]]
        tags += ["SL"] * (len(parts) + 1)
    else:
        out.append(Morph(word.lower(), start, end))
        tags.append("SL")


def _dotted_parts(form: str, start: int) -> list[Morph] | None:
    """The letter parts of a dotted Latin token Kiwi keeps whole (Zhipu.AI,
    node.js, U.S.), so Zhipu finds Zhipu.AI; None for addresses and anything
    with digits (GPT-4.5 is a model name, see COMPOUND_RE)."""
    parts = form.split(".")
    if len([p for p in parts if p]) < 2 or not all(p.isalpha() for p in parts if p) or is_address(form):
        return None
    out, offset = [], start
    for part in parts:
        if part:
            out.append(Morph(part.lower(), offset, offset + len(part)))
        offset += len(part) + 1
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
    if not text.strip():
        return []
    return _morphs([(0, get_kiwi().tokenize(text))], text)


# Hangul runs continue across single spaces: 인공지능 기본법 and 인공지능기본법
# give the same bigrams. \w would match Hangul and glue 오픈AI가 together, so the
# classes are spelled out.
_BIGRAM_RUN_RE = re.compile(
    r"[가-힣ㄱ-ㅎㅏ-ㅣ]+(?: [가-힣ㄱ-ㅎㅏ-ㅣ]+)*"
    r"|[0-9]+(?:[.,][0-9]+)*"
    r"|[A-Za-z\u00c0-\u024f]+"
    r"|[\u3400-\u4dbf\u4e00-\u9fff]+"
)


# Web and e-mail addresses are not prose: MSIT must not match www.msit.go.kr.
# A bare name with one dot (Zhipu.AI, node.js, google.com) is a name, not an
# address: only schemes, www., e-mail, three or more labels or a path count.
_ADDRESS_RE = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>\"'가-힣]*"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|(?<![A-Za-z0-9.])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+){2,}(?![A-Za-z0-9])(?:/[^\s<>\"'가-힣]*)?"
    r"|(?<![A-Za-z0-9.])[A-Za-z0-9-]+\.[A-Za-z]{2,}/[^\s<>\"'가-힣]*",
    re.IGNORECASE,
)


def is_address(text: str) -> bool:
    return _ADDRESS_RE.fullmatch(text) is not None


WORD_START_MARK = "^"


def _without_addresses(text: str) -> str:
    """``text`` with web and e-mail addresses blanked out (same length, so offsets hold)."""
    if "." not in text:
        return text
    return _ADDRESS_RE.sub(lambda m: "\0" * len(m.group(0)), text)


def bigram_tokens(text: str, starts: set[int] | None = None) -> list[tuple[str, int, int]]:
    """(token, start, end): Hangul/Hanja bigrams (a lone syllable as itself),
    whole Latin words lower-cased, whole numbers; nothing from web addresses.

    With ``starts`` (offsets where Kiwi found a word or word part beginning,
    see ``is_word_start``), a bigram whose first syllable begins one is
    written ``^xy``: a query's first bigram must be such a one, so 의대 is
    not found in 문의대응 or 계층의 대표성, nor 과장 in "…과 장관". The
    positions are the same with or without marks (highlighting relies on it).
    """
    out: list[tuple[str, int, int]] = []
    mark = WORD_START_MARK
    for match in _BIGRAM_RUN_RE.finditer(_without_addresses(text)):
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
        if starts is None:
            for (a, sa), (b, sb) in zip(chars, chars[1:]):
                out.append((a + b, sa, sb + 1))
        else:
            for (a, sa), (b, sb) in zip(chars, chars[1:]):
                out.append((mark + a + b if sa in starts else a + b, sa, sb + 1))
    return out


def bigram_groups(text: str, starts: set[int]) -> tuple[dict[str, list[int]], int]:
    """What :func:`bigram_tokens` gives with ``starts``, for the index: each
    token's positions, and the token count. (The same tokens at the same
    positions — a test holds them together — built without a tuple per token.)"""
    terms: list[str] = []
    mark = WORD_START_MARK
    for match in _BIGRAM_RUN_RE.finditer(_without_addresses(text)):
        run = match.group(0)
        first = run[0]
        if "0" <= first <= "9" or first.isascii() or "\u00c0" <= first <= "\u024f":
            terms.append(run.lower())
        elif len(run) == 1:
            terms.append(run)
        else:
            base = match.start()
            if " " in run:
                at = [i for i, ch in enumerate(run) if ch != " "]
                if len(at) == 1:
                    terms.append(run[at[0]])
                else:
                    terms += [mark + run[a] + run[b] if base + a in starts else run[a] + run[b]
                              for a, b in zip(at, at[1:])]
            else:
                terms += [mark + run[i:i + 2] if base + i in starts else run[i:i + 2] for i in range(len(run) - 1)]
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for pos, term in enumerate(terms):
        groups[term].append(pos)
    return groups, len(terms)


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

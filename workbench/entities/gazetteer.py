"""Find gazetteer names in text: the alias list (resources/aliases.tsv) plus a
project's own entities.

One compiled alternation per script, longest names first (shaped as a trie
for speed, see trie.py). A Hangul name must not sit inside a longer word:
what follows it is a particle (앤트로픽이 → 앤트로픽, 구글과의 → 구글),
punctuation or a space — so 메타버스 is not 메타. Latin names stand as whole
words; short all-capital names (EU, MS, KT) must match
their case, so "us" in English prose is not a country.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from workbench.core.aliases import AliasTable
from workbench.entities.trie import first_chars, trie_alternation
from workbench.entities.types import EntityType

# Particles and particle pairs that may follow a name inside one word.
PARTICLES = (
    "에서의|에게서|으로부터|로부터|에서는|에서도|에게는|과의|와의|으로의|로의|에는|에도|에서|에게|한테|께서|"
    "으로|로|이라는|라는|이라고|라고|이란|란|이며|이고|이나|나|이다|였다|이었다|"
    "까지|부터|처럼|보다|만큼|마저|조차|밖에|뿐|만의|만이|만은|만을|만|도|은|는|이|가|을|를|의|에|와|과|랑|이랑|측|등|社|사"
)
# After the particle: not more Hangul, and not Latin glued on (한국IT… is not 한국).
_AFTER_HANGUL = rf"(?=(?:{PARTICLES})?(?![가-힣A-Za-z]))"
_END = rf"(?=(?:{PARTICLES})?(?![가-힣A-Za-z]))"


# A product name goes on through its version and tier (그록4 패스트, Llama 3-8B,
# 챗GPT 엔터프라이즈); a company through its local arm (오픈AI 코리아).
_TIERS = ("Pro|Ultra|Flash|Mini|mini|Nano|Guard|Turbo|Fast|Enterprise|Sonnet|Haiku|Opus|Vision|"
          "프로|울트라|플래시|미니|나노|패스트|엔터프라이즈|소네트|하이쿠|오퍼스|터보")
_EXTENSIONS = {
    EntityType.PRODUCT: re.compile(
        rf"(?:\s?[0-9][0-9A-Za-z]*(?:[.\-][0-9A-Za-z]+)*)?(?:\s(?:{_TIERS}){_END})?"),
    EntityType.ORG: re.compile(rf"(?:\s(?:코리아|Korea|재팬|Japan|차이나|China){_END})?"),
}
# An organisation's acronym in parentheses right after it: 예산관리국(OMB).
_ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    canonical: str
    type: EntityType
    origin: str = "resources"


class Gazetteer:
    def __init__(self, table: AliasTable, min_len: int = 2) -> None:
        self.entries: dict[str, GazetteerEntry] = {}
        # A project's own lines come last in the table but must win.
        for group in sorted(table.groups, key=lambda g: g.origin != "project"):
            kind = EntityType(group.type)
            for name in group.names:
                if len(name) >= min_len and name not in self.entries:
                    self.entries[name] = GazetteerEntry(name, group.canonical, kind, group.origin)
        self._folded = {name.casefold(): e for name, e in self.entries.items()}
        names = sorted(self.entries, key=len, reverse=True)
        hangul = [n for n in names if re.match(r"[가-힣]", n)]
        latin_exact = [n for n in names if not re.match(r"[가-힣]", n) and len(n) <= 3 and n.isupper()]
        latin = [n for n in names if not re.match(r"[가-힣]", n) and n not in latin_exact]
        # Each pattern matches what "|".join(names, longest first) would; the
        # trie shape and the first-character look-ahead only make it faster.
        self._patterns = []
        if hangul:
            alt = trie_alternation(hangul)
            self._patterns.append(re.compile(rf"{first_chars(hangul)}(?<![가-힣])(?:{alt}){_AFTER_HANGUL}"))
        if latin:
            alt = trie_alternation(latin, ignore_case=True)
            self._patterns.append(re.compile(rf"{first_chars(latin)}(?<![A-Za-z0-9])(?:{alt})(?![A-Za-z0-9])",
                                             re.IGNORECASE))
        if latin_exact:
            alt = trie_alternation(latin_exact)
            self._patterns.append(re.compile(rf"{first_chars(latin_exact)}(?<![A-Za-z0-9])(?:{alt})(?![A-Za-z0-9])"))

    def lookup(self, name: str) -> GazetteerEntry | None:
        return self.entries.get(name) or self._folded.get(name.casefold())

    def find(self, text: str) -> Iterator[tuple[int, int, GazetteerEntry]]:
        for pattern in self._patterns:
            for match in pattern.finditer(text):
                entry = self.lookup(match.group(0))
                if entry is None:
                    continue
                end = match.end()
                extra = _EXTENSIONS.get(entry.type)
                if extra is not None:
                    grown = extra.match(text, end)
                    if grown and grown.end() > end:
                        end = grown.end()
                yield match.start(), end, entry
                acronym = _ACRONYM_RE.match(text, end)
                if acronym and entry.type is EntityType.ORG:
                    yield acronym.start(1), acronym.end(1), GazetteerEntry(acronym.group(1), entry.canonical, entry.type,
                                                                           entry.origin)

"""Find gazetteer names in text: the alias list (resources/aliases.tsv) plus a
project's own entities.

One compiled alternation per script, longest names first. A Hangul name must
not sit inside a longer word: what follows it is a particle (앤트로픽이 →
앤트로픽, 구글과의 → 구글), punctuation or a space — so 메타버스 is not 메타. Latin
names stand as whole words; short all-capital names (EU, MS, KT) must match
their case, so "us" in English prose is not a country.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from workbench.entities.types import EntityType
from workbench.core.aliases import AliasTable

# Particles and particle pairs that may follow a name inside one word.
PARTICLES = (
    "에서의|에게서|으로부터|로부터|에서는|에서도|에게는|과의|와의|으로의|로의|에는|에도|에서|에게|한테|께서|"
    "으로|로|이라는|라는|이라고|라고|이란|란|이며|이고|이나|나|이다|였다|이었다|"
    "까지|부터|처럼|보다|만큼|마저|조차|밖에|뿐|만의|만|도|은|는|이|가|을|를|의|에|와|과|랑|이랑|측|등|社|사"
)
_AFTER_HANGUL = rf"(?=(?:{PARTICLES})?(?![가-힣]))"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    canonical: str
    type: EntityType


class Gazetteer:
    def __init__(self, table: AliasTable, min_len: int = 2) -> None:
        self.entries: dict[str, GazetteerEntry] = {}
        for group in table.groups:
            kind = EntityType(group.type)
            for name in group.names:
                if len(name) >= min_len and name not in self.entries:
                    self.entries[name] = GazetteerEntry(name, group.canonical, kind)
        self._folded = {name.casefold(): e for name, e in self.entries.items()}
        names = sorted(self.entries, key=len, reverse=True)
        hangul = [n for n in names if re.match(r"[가-힣]", n)]
        latin_exact = [n for n in names if not re.match(r"[가-힣]", n) and len(n) <= 3 and n.isupper()]
        latin = [n for n in names if not re.match(r"[가-힣]", n) and n not in latin_exact]
        self._patterns = []
        if hangul:
            alt = "|".join(re.escape(n) for n in hangul)
            self._patterns.append(re.compile(rf"(?<![가-힣])(?:{alt}){_AFTER_HANGUL}"))
        if latin:
            alt = "|".join(re.escape(n) for n in latin)
            self._patterns.append(re.compile(rf"(?<![A-Za-z0-9])(?:{alt})(?![A-Za-z0-9])", re.IGNORECASE))
        if latin_exact:
            alt = "|".join(re.escape(n) for n in latin_exact)
            self._patterns.append(re.compile(rf"(?<![A-Za-z0-9])(?:{alt})(?![A-Za-z0-9])"))

    def lookup(self, name: str) -> GazetteerEntry | None:
        return self.entries.get(name) or self._folded.get(name.casefold())

    def find(self, text: str) -> Iterator[tuple[int, int, GazetteerEntry]]:
        for pattern in self._patterns:
            for match in pattern.finditer(text):
                entry = self.lookup(match.group(0))
                if entry is not None:
                    yield match.start(), match.end(), entry

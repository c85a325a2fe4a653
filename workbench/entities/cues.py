"""Korean cues for people and organisations the gazetteer does not know.

* A person: a name followed — directly, or after an affiliation of up to three
  words — by a title (장관, 과장, 부총리, 대표, 의원, 기자, 회장, CEO, …). The
  name is a Korean full name (a common surname and two syllables: 장은영) or
  one or two words Kiwi tags as proper nouns (제이슨 권, 바이든, 리창).
* An organisation: one word ending in an organisation suffix (…위원회,
  …연구원, …공사, …협회, …재단, …대학교, …부/청/처 for ministries and
  agencies), long enough not to be the common noun itself (위원회, 정부).

Generic words (관계자, 정부, 기업, 전문가들) are never people or organisations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from workbench.entities.gazetteer import PARTICLES
from workbench.entities.types import EntityType

TITLES = (
    "부총리|총리|대통령|부통령|장관|차관|차관보|청장|처장|원장|부원장|위원장|부위원장|의장|부의장|총재|"
    "실장|국장|과장|팀장|본부장|센터장|소장|단장|기획총괄과장|총괄과장|사무총장|사무차장|대변인|"
    "대표|대표이사|회장|부회장|사장|부사장|전무|상무|이사|이사장|CEO|CTO|CSO|CFO|COO|의원|상원의원|하원의원|"
    "기자|특파원|논설위원|교수|부교수|박사|연구위원|선임연구원|책임연구원|수석연구원|변호사|창업자|공동창업자"
)
SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염"
    "여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉"
)
GENERIC = {
    "정부", "관계자", "업계", "전문가", "전문가들", "기업", "기업들", "위원회", "연구원", "부처", "관계부처",
    "정부부처", "중앙부처", "당국", "기관", "회사", "업체", "국회", "의회", "국가", "대통령", "장관",
}

_NAME3_RE = re.compile(r"(?<![가-힣])([가-힣]{3})(?=(?:\([^)\n]{1,12}\))?\s)")
_WORD = r"[가-힣A-Za-z·&]+"  # an affiliation word: no digits (dates are not affiliations)
# The title may end an organisation's name: 최현택 한국IT서비스산업협회장.
_AFTER_NAME_RE = re.compile(
    rf"(?:\([^)\n]{{1,12}}\))?\s(?:{_WORD}\s){{0,3}}?"
    rf"(?:{TITLES}|[가-힣A-Za-z]+(?:회장|원장|청장|처장|소장|국장|실장|단장))(?=(?:{PARTICLES})?(?![가-힣A-Za-z]))"
)
_ENDS_WITH_PARTICLE_RE = re.compile(r"(?:은|는|이|가|을|를|의|에|와|과|도|로)$")
_NNP_NAME_RE = re.compile(r"(?<![가-힣])([가-힣]{1,5}(?: [가-힣]{1,5})?)(?=(?:\([^)\n]{1,12}\))?\s)")
_HANGUL_RUN_RE = re.compile(r"[가-힣]+")
# _NAME3_RE's matches are whole words, so look-aheads can narrow them to the
# ones that start with a surname and stand before a title (checks the loop
# made) without changing which survive: on the long report a few dozen words
# reach Python instead of 18,000.
_NAME3_TITLED_RE = re.compile(rf"(?=[{''.join(sorted(SURNAMES))}]){_NAME3_RE.pattern}(?={_AFTER_NAME_RE.pattern})")

# Suffix → the shortest word that is a name rather than the common noun.
_ORG_MIN_LEN = {"위원회": 5, "협의회": 5, "연구원": 5, "연구소": 5, "진흥원": 5, "진흥회": 5, "공사": 4, "공단": 4,
                "협회": 4, "재단": 4, "대학교": 5, "학회": 4, "포럼": 4, "센터": 5, "은행": 4, "그룹": 4,
                "기구": 5, "연합회": 5, "연맹": 4, "사무국": 5, "자문회의": 7, "硏": 3}
_ORG_SUFFIXES = tuple(_ORG_MIN_LEN)
_SHORT_SUFFIXES = ("부", "청", "처", "원", "국", "성")
_ORG_STOP_ENDINGS = ("위원", "의원", "직원", "인원", "회원", "지원", "자원", "재원", "요원", "사원", "정부", "부처",
                     "요청", "신청", "안전성", "신뢰성", "가능성", "필요성", "중요성", "투명성", "효율성", "다양성",
                     "성장성", "접근성", "공정성", "책임성", "확장성", "안정성", "연구성", "전문성", "방향성",
                     "정체성", "생산성", "경쟁력", "국가", "강국", "각국", "회원국", "주요국", "선진국", "개도국",
                     "참가국", "당사국", "동맹국", "상대국", "일부", "전부", "본부", "내부", "외부", "세부", "부부", "상부",
                     "하부", "여부", "간부", "대부", "흉부", "수도권", "교육원", "구성원", "연구원들", "소속",
                     "공무원", "대학원", "인력", "도상국", "데이터센터", "콜센터", "결국", "당국", "전국", "약국", "시국", "난국", "정국", "국국")
_WORD_RE = re.compile(r"(?<![가-힣A-Za-z0-9])[가-힣A-Za-z0-9]*[가-힣]")
_ORG_START_RE = re.compile(r"[가-힣A-Z]")
# The suffix tests run on every word of a document, so they are set lookups
# on the last character before any str.endswith.
_ALL_SUFFIXES = _ORG_SUFFIXES + _SHORT_SUFFIXES
_SUFFIX_FINALS = frozenset(s[-1] for s in _ALL_SUFFIXES)
_LONG_SUFFIXES_BY_FINAL = {c: tuple(s for s in _ORG_SUFFIXES if s[-1] == c) for c in _SUFFIX_FINALS}
_PARTICLE_SET = frozenset(PARTICLES.split("|"))
_LONGEST_PARTICLE = max(map(len, _PARTICLE_SET))


def person_spans(text: str, is_proper: Callable[[int, int], bool], known: Callable[[str], bool],
                 ) -> Iterator[tuple[int, int, EntityType, str]]:
    """Names before titles. ``is_proper(start, end)`` says whether Kiwi tagged
    the span as proper noun(s) (if it has ``prepare(spans)``, it is first told
    every span it will be asked about); ``known(name)`` whether the gazetteer
    has it."""
    seen: set[tuple[int, int]] = set()
    for match in _NAME3_TITLED_RE.finditer(text):  # a surname first and a title after
        name = match.group(1)
        if (name not in GENERIC and not known(name) and not _org_like(name)
                and not _ENDS_WITH_PARTICLE_RE.search(name)):
            seen.add(match.span(1))
            yield match.start(1), match.end(1), EntityType.PERSON, "cue:name+title"
    # Which of these spans are proper nouns is Kiwi's answer: gather the
    # candidates first so it can tokenise all their lines in one batch.
    candidates = []
    for match in _NNP_NAME_RE.finditer(text):
        start, end = match.span(1)
        if (start, end) in seen:
            continue
        if not _AFTER_NAME_RE.match(text, end):  # the rarest condition first: most words are not before a title
            continue
        name = match.group(1)
        if (name in GENERIC or known(name) or _org_like(name.split()[-1]) or len(name.replace(" ", "")) < 2
                or _ENDS_WITH_PARTICLE_RE.search(name)):
            continue
        candidates.append((start, end, name))
    prepare = getattr(is_proper, "prepare", None)
    if prepare is not None:
        prepare((start, end) for start, end, _ in candidates)
    for start, end, name in candidates:
        if all(is_proper(start + m.start(), start + m.end()) for m in _HANGUL_RUN_RE.finditer(name)):
            yield start, end, EntityType.PERSON, "kiwi:nnp+title"


def _org_like(word: str) -> bool:
    return len(word) >= 3 and word.endswith(_ALL_SUFFIXES)


def _org_word(word: str, known: Callable[[str], bool]) -> bool:
    # Most words end in no suffix's last character: one set lookup says no.
    if not word or word[-1] not in _SUFFIX_FINALS:
        return False
    if word in GENERIC or known(word) or word.endswith(_ORG_STOP_ENDINGS):
        return False
    long_suffix = next((s for s in _LONG_SUFFIXES_BY_FINAL.get(word[-1], ()) if word.endswith(s)), None)
    if long_suffix:
        return len(word) >= _ORG_MIN_LEN[long_suffix]
    return word.endswith(_SHORT_SUFFIXES) and len(word) >= 4 and bool(_ORG_START_RE.match(word))


def _particle_start(word: str) -> int | None:
    """Where the longest particle ending ``word`` starts (what a regex search
    for ``(?:PARTICLES)$`` finds: its leftmost match), without the regex's
    scan of every position of every word."""
    for i in range(max(0, len(word) - _LONGEST_PARTICLE), len(word)):
        if word[i:] in _PARTICLE_SET:
            return i
    return None


def org_spans(text: str, known: Callable[[str], bool]) -> Iterator[tuple[int, int, EntityType, str]]:
    for match in _WORD_RE.finditer(text):
        word = match.group(0)
        if word[-1] in _SUFFIX_FINALS and _org_word(word, known):  # (the first test of _org_word, inlined)
            yield match.start(), match.end(), EntityType.ORG, "cue:org-suffix"
            continue
        # 연구원이 → 연구원; only worth a look if a suffix could end just before the particle.
        if _SUFFIX_FINALS.isdisjoint(word[-_LONGEST_PARTICLE - 1:-1]):
            continue
        cut = _particle_start(word)
        if cut and _org_word(word[:cut], known):
            yield match.start(), match.start() + cut, EntityType.ORG, "cue:org-suffix"

"""What a document is: its date, publisher, author, URL and type, read from
what the file says about itself and from its text, the way a Korean analyst
would read them off the page.

Each value comes with where it came from: ``"file"`` (the file's own
metadata: an HTML page's og:site_name, a Word file's author, a file's
creation date) or ``"inferred"`` (read from the text). Only what is found is
returned; nothing is guessed from nothing.

- **date** (ISO ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when only that is
  known): an HTML page's publication date; a labelled date (보도시점, 배포,
  발의연월일, 입력, 기사입력, 작성일, 등록일, 일시, Date, Published…); the
  time stamp in a Naver news image's file name; the first full date (or a
  line that is only a date, such as a report cover's "2025. 4.") near the
  top; last, the file's own creation date.
- **publisher**: the page's og:site_name; a wire dateline "(서울=연합뉴스)";
  a copyright line "저작권자 © 전자신문"; a byline's e-mail domain or the
  document's URL through ``resources/publishers.tsv``; a press release's
  "행정안전부(장관 윤호중)는"; a header line that is only an organisation's
  name; "이 보고서는 소프트웨어정책연구소에서 수행한"; a bill or Assembly
  minutes → 국회.
- **author**: a byline ("김지선 기자"); a bill's 대표발의 member; a report
  cover's names line ("이해수/유재흥/안미소/안성원"); a labelled author; else
  the file's author unless it is a computer's account name ("user",
  "Administrator", "Owner"…).
- **url**: the page's own address; a labelled address (원문, 출처, URL…).
- **doc_type**: a code of :data:`DOC_TYPES` from strong cues only.

Pure Python: no Qt, no database.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date as _date
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from workbench.core.resources import resources_dir

FIELDS = ("date", "publisher", "author", "url", "doc_type")
FILE, INFERRED, ANALYST = "file", "inferred", "analyst"

# Type code → (English label, Korean label). An analyst may also type their own.
DOC_TYPES: dict[str, tuple[str, str]] = {
    "press_release": ("Press release", "보도자료"),
    "report": ("Report", "보고서"),
    "news": ("News article", "기사"),
    "bill": ("Bill", "법률안"),
    "minutes": ("Minutes", "회의록"),
    "plan": ("Government plan", "정부 계획"),
}
_TYPE_WORDS = {
    "press release": "press_release", "press": "press_release", "보도참고자료": "press_release", "보도": "press_release",
    "release": "press_release", "연구보고서": "report", "리포트": "report", "이슈페이퍼": "report", "백서": "report",
    "article": "news", "news": "news", "뉴스": "news", "신문기사": "news", "기사문": "news",
    "의안": "bill", "법안": "bill", "개정안": "bill", "법률안": "bill", "bill": "bill",
    "회의록": "minutes", "속기록": "minutes", "minutes": "minutes",
    "계획": "plan", "정책계획": "plan", "plan": "plan",
}

# What the store keeps besides the file's own keys: which of FIELDS were read
# from the text ("date,publisher"), and the file's value of a field that
# inference replaced or refused (file_author: "user").
INFERRED_KEY = "inferred"

HEAD_CHARS = 4000  # labels, bylines and covers are at the top…
TAIL_CHARS = 1500  # …or at the bottom (bylines, copyright lines, colophons)
KST = timezone(timedelta(hours=9))

# --- dates -------------------------------------------------------------------------------

_Y = r"(?P<y>(?:19|20)\d{2})"
# One way of writing a date throughout: 2024년 3월 5일, 2024. 3. 5., 2024-03-05, 2024/3/5.
# Mixed ("2022년 6.8%": a year, then a percentage) or followed by % it is no date.
_FULL = (_Y + r"\s*(?:(?P<k>년)|(?P<sep>[.\-/]))\s*(?P<m>\d{1,2})\s*(?(k)월|(?P=sep))\s*(?P<d>\d{1,2})(?!\d)"
         r"\s*(?(k)일?|\.?)(?!\s*%)")
_YM = _Y + r"\s*(?:(?P<k2>년)|[.\-/])\s*(?P<m>\d{1,2})(?!\d)\s*(?(k2)월?|\.?)(?!\s*%)(?![.\-/]?\d)"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# "May 27, 2024" and "27 May 2024" (English pages' "Published:" lines)
_EN_FULL = (r"(?:(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?\s+(?P<d3>\d{1,2}),?\s+(?P<y3>(?:19|20)\d{2})"
            r"|(?P<d4>\d{1,2})\s+(?P<mon4>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?,?\s+(?P<y4>(?:19|20)\d{2}))")
_FULL_RE = re.compile(r"(?<![\d.])" + _FULL)
_DATE_LINE_RE = re.compile(r"^[\s(\[<〈]*(?:" + _FULL + "|" + _YM.replace("?P<y>", "?P<y2>").replace("?P<m>", "?P<m2>")
                           + r")[\s.)\]>〉]*(?:\((?:[월화수목금토일])\))?\s*$")
_ISO_RE = re.compile(r"^\s*(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?\s*$")
_YEAR_ONLY_RE = re.compile(r"^\s*(?P<y>\d{4})\s*(?:년|\.)?\s*$")


def _spaced(word: str) -> str:
    """A Hangul label also when written with spaces between its letters (일 시, 보 도 시 점)."""
    return r"\s?".join(re.escape(ch) for ch in word)


# Labelled dates, most telling first: when it was made public, then when it was written.
_DATE_LABELS = ("보도시점", "보도일시", "보도일자", "보도일", "배포일시", "배포일자", "배포", "발의연월일", "제안연월일",
                "기사입력", "최초입력", "입력", "발행일자", "발행일", "발간일", "게재일", "게시일", "작성일자", "작성일",
                "등록일자", "등록일", "승인", "회의일시", "일시")
_EN_DATE_LABELS = ("Date", "Published", "Posted", "Publication date", "Issued")
_DATE_LABEL_RE = re.compile(
    r"(?:(?<![가-힣])(?:" + "|".join(_spaced(w) for w in _DATE_LABELS) + r")(?![가-힣])"
    r"|\b(?:" + "|".join(re.escape(w) for w in _EN_DATE_LABELS) + r")\b)"
    r"[\s:：|\-\]\)>]*(?:\([^)\d\n]{0,8}\)\s*)?"
    r"(?:" + _FULL + "|" + _EN_FULL + "|" + _YM.replace("?P<y>", "?P<y2>").replace("?P<m>", "?P<m2>") + ")",
    re.IGNORECASE,
)
# Naver news images: <article id>_<n>_<yyyymmddhhmmss…>.png — the time of publication.
_NAVER_IMAGE_RE = re.compile(r"(?<!\d)\d{10}_\d{3}_(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})\d{6,9}\.(?:png|jpe?g|gif|webp)",
                             re.IGNORECASE)


def _ymd(y: str, m: str | None = None, d: str | None = None) -> str | None:
    """ISO text for a valid year[, month[, day]], else None."""
    year = int(y)
    if not 1900 <= year <= 2100:
        return None
    if m is None:
        return f"{year:04d}"
    month = int(m)
    if not 1 <= month <= 12:
        return None
    if d is None:
        return f"{year:04d}-{month:02d}"
    try:
        return _date(year, month, int(d)).isoformat()
    except ValueError:
        return None


def _from_match(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups.get("y"):
        return _ymd(groups["y"], groups.get("m"), groups.get("d"))
    if groups.get("y2"):
        return _ymd(groups["y2"], groups.get("m2"))
    for y, mon, d in (("y3", "mon", "d3"), ("y4", "mon4", "d4")):
        if groups.get(y):
            return _ymd(groups[y], str(_MONTHS.index(groups[mon][:3].casefold()) + 1), groups[d])
    return None


def normalise_date(value: str | None) -> str | None:
    """"2024", "2024-03", "2024-03-05", "2024.3.5", "2024. 3. 5.", "2024/03/05",
    "2024년 3월 5일", "2024년 3월" or an ISO date-time → ISO text; None if it is
    not a real date. A date-time with a zone is read in Korean time."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    if "T" in text or re.search(r"\d:\d", text):
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                moment = moment.astimezone(KST)
            return moment.date().isoformat()
    match = _ISO_RE.match(text)
    if match:
        return _ymd(match["y"], match["m"], match["d"])
    match = _YEAR_ONLY_RE.match(text)
    if match:
        return _ymd(match["y"])
    match = re.fullmatch(r"\s*" + _FULL + r"\s*(?:\([월화수목금토일]\))?\s*", text)
    if match:
        return _from_match(match)
    match = re.fullmatch(r"\s*" + _YM + r"\s*", text)
    if match:
        return _from_match(match)
    match = re.fullmatch(r"\s*" + _EN_FULL + r"\s*", text, re.IGNORECASE)
    if match:
        return _from_match(match)
    return None


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day an ISO date (of any precision) stands for:
    "2024" → ("2024-01-01", "2024-12-31"), "2024-02" → ("2024-02-01", "2024-02-29")."""
    parts = value.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(parts[1])
    if len(parts) == 2:
        following = _date(year + (month == 12), month % 12 + 1, 1)
        return f"{year:04d}-{month:02d}-01", (following - timedelta(days=1)).isoformat()
    return value, value


# --- publishers ---------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _publisher_table(path: str | None = None) -> tuple[dict[str, tuple[str, str]], frozenset[str]]:
    """domain → (name, scope) and the set of every publisher name, from publishers.tsv."""
    file = Path(path) if path else resources_dir() / "publishers.tsv"
    domains: dict[str, tuple[str, str]] = {}
    names: set[str] = set()
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for raw in lines:
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if len(cells) < 2 or not cells[1]:
            continue
        name = unicodedata.normalize("NFC", cells[1])
        names.add(name)
        if cells[0] and cells[0] != "-":
            domains[cells[0].lower().lstrip(".")] = (name, (cells[2].lower() if len(cells) > 2 else "") or "any")
    return domains, frozenset(names)


def publisher_for_domain(host: str, email: bool = False) -> str | None:
    """The publisher of a web host or e-mail domain (subdomains included; the longest match wins)."""
    domains, _ = _publisher_table()
    host = host.lower().strip().rstrip(".")
    host = host.split("@")[-1].split(":")[0]
    labels = host.split(".")
    for i in range(len(labels) - 1):
        found = domains.get(".".join(labels[i:]))
        if found and not (email and found[1] == "url"):
            return found[0]
    return None


@lru_cache(maxsize=1)
def _org_names() -> dict[str, str]:
    """Spacing-free, case-free name → canonical name of every known organisation:
    publishers.tsv's names and the ORG lines of aliases.tsv (행안부 → 행정안전부)."""
    from workbench.core.aliases import load_resource_aliases, name_key

    out: dict[str, str] = {}
    try:
        table = load_resource_aliases()
    except (OSError, FileNotFoundError):
        table = None
    if table is not None:
        for group in table.groups:
            if group.type == "ORG":
                for name in group.names:
                    out.setdefault(name_key(name), group.canonical)
    for name in _publisher_table()[1]:
        out[name_key(name)] = name
    return out


def _canonical_org(name: str) -> str:
    from workbench.core.aliases import name_key

    return _org_names().get(name_key(name), name)


# --- people ---------------------------------------------------------------------------------

_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예봉경사부")
_NOT_NAMES = {"사진", "취재", "담당", "출입", "기획", "전문", "객원", "수습", "인턴", "선임", "수석", "영상", "편집", "온라인",
              "디지털", "뉴스", "경제", "정치", "사회", "국제", "문화", "산업", "기자", "특파원", "현장", "기사", "본지", "기자단",
              "공동", "동행", "사진기자", "인터넷"}
_GENERIC_AUTHORS = {"user", "users", "admin", "administrator", "administrators", "owner", "pc", "hp", "samsung", "lg",
                    "microsoft", "windows", "windows user", "microsoft office user", "registered user", "unknown",
                    "author", "guest", "test", "사용자", "관리자", "작성자", "소유자", "assembly", "default", "none",
                    "customer", "hancom", "office"}
_BYLINE_RE = re.compile(
    r"(?<![가-힣])(?P<name>[가-힣]{2,4})\s?(?:선임|수석|전문|객원|인턴|수습|편집)?\s?(?:기자|특파원|논설위원|편집위원)"
    r"(?![가-힣])(?P<after>[ \t]*(?:=|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+))?)")
_NAMES_LINE_RE = re.compile(r"^\s*[가-힣]{2,4}(?:\s*[/·ㆍ,]\s*[가-힣]{2,4})+\s*$")
_AUTHOR_LABEL_RE = re.compile(
    r"(?<![가-힣])(?:작성자|저자|집필자?|연구책임자|글쓴이|글)\s*[:：]\s*"
    r"(?P<names>[가-힣]{2,4}(?:\s*[,/·ㆍ]\s*[가-힣]{2,4})*)(?![가-힣])")
_SPONSOR_RE = re.compile(r"\(\s*(?P<name>[가-힣]{2,4})\s*의원\s*대표\s*발의\s*\)")


def _is_name(word: str) -> bool:
    return 2 <= len(word) <= 4 and word[0] in _SURNAMES and word not in _NOT_NAMES


def is_generic_author(value: str) -> bool:
    """An account name a computer filled in ("user", "Administrator", "Owner1"), not a person."""
    key = " ".join(value.casefold().split())
    return not key or key in _GENERIC_AUTHORS or re.sub(r"[\d_\-.]+$", "", key) in _GENERIC_AUTHORS


def _names(text: str) -> list[str] | None:
    parts = [p.strip() for p in re.split(r"[/·ㆍ,]", text) if p.strip()]
    if parts and all(_is_name(p) for p in parts):
        return parts
    return None


# --- the rest of the cues ---------------------------------------------------------------------

_DATELINE_RE = re.compile(r"\((?:[가-힣]{1,8})\s?=\s?(?P<name>[가-힣A-Za-z0-9]{2,12})\)")
_COPYRIGHT_RE = re.compile(r"(?:저작권자|copyright)?\s*(?:\(c\)|ⓒ|©)\s*(?P<name>[^,<>\n()]{2,30}?)\s*(?:[,&<>.]|무단|all\s+rights|$)",
                           re.IGNORECASE | re.MULTILINE)
_COPYRIGHT_LINE_RE = re.compile(r"무단|전재|재배포|rights|copyright|저작권", re.IGNORECASE)
_HEAD_AGENCY_RE = re.compile(
    r"(?P<name>[가-힣]{2,20}(?:부|처|청|위원회|원|실|본부|공사|공단))\s*\(\s*(?:장관|차관|처장|청장|위원장|원장|실장|본부장|총장|"
    r"대표|이사장|사장)[\s·]*[가-힣]{2,4}\s*\)\s*(?:은|는|이|가|와|과)")
_REPORT_BY_RE = re.compile(
    r"(?:이\s*(?:보고서|책|자료|연구)(?:는|의)\s*\[?(?P<name>[가-힣A-Za-z·\s]{2,30}?)\]?\s*(?:에서|이|가)\s*(?:수행|발간|발행|작성|펴낸)"
    r"|\[(?P<name2>[가-힣A-Za-z·\s]{2,30})\]\s*에\s*의해\s*작성)")
_PUBLISHER_LABEL_RE = re.compile(
    r"(?<![가-힣])(?:발행처|발행기관|발간기관|펴낸곳|발행|발간)\s*[:：]\s*(?P<name>[가-힣A-Za-z()·\s]{2,30}?)\s*(?:$|\n|[,|\t])",
    re.MULTILINE)
_EMAIL_RE = re.compile(r"[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)")
_URL_LABEL_RE = re.compile(r"(?:원문|출처|기사\s*원문|기사\s*주소|기사\s*URL|URL|Source|링크|주소)\s*[:：]?\s*[<(]?"
                           r"(?P<url>https?://[^\s<>()\"']+)", re.IGNORECASE)
_URL_LINE_RE = re.compile(r"^\s*<?(?P<url>https?://[^\s<>\"']+)>?\s*$")
_PRESS_RE = re.compile(r"보\s?도\s?(?:참\s?고\s?)?자\s?료|press\s+release", re.IGNORECASE)
_PRESS_LABEL_RE = re.compile(r"(?<![가-힣])(?:" + _spaced("보도시점") + "|" + _spaced("보도일시") + r")(?![가-힣])")
_MINUTES_RE = re.compile(r"회\s?의\s?록|속\s?기\s?록")
_BILL_RE = re.compile(r"발의연월일|제안연월일|대표\s?발의|의\s?안\s?번\s?호")
_BILL_TITLE_RE = re.compile(r"(?:법률안|개정안|법안|제정안|결의안)\s*$")
_REPORT_TITLE_RE = re.compile(r"보고서|연구|동향|백서|이슈\s?페이퍼|리포트|브리프|분석|실태조사|Report|Review|Brief", re.IGNORECASE)
_PLAN_TITLE_RE = re.compile(r"(?:계획|전략|방안|대책|로드맵)(?:\s*\(안\))?\s*$")
_NEWS_RE = re.compile(r"무단\s?전재|재배포\s?금지|무단\s?복제")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _strip_url(url: str) -> str:
    return url.rstrip(").,>]}'\"")


def _host(url: str) -> str:
    match = re.match(r"https?://([^/:?#]+)", url.strip(), re.IGNORECASE)
    return match.group(1) if match else ""


def _title_of(text: str, blocks, title: str | None) -> str:
    if title:
        return title
    for block in blocks or ():
        if str(getattr(block, "kind", "")) == "title":
            return text[block.start:block.end].strip()
    lines = _lines(text[:500])
    return lines[0] if lines else ""


def _first(*candidates):
    for candidate in candidates:
        if candidate:
            return candidate
    return None


class _Reader:
    """The cues of one document, read once."""

    def __init__(self, text: str, blocks, file_metadata: dict, file_name: str, title: str | None) -> None:
        text = unicodedata.normalize("NFC", text or "")
        self.head = text[:HEAD_CHARS]
        self.tail = text[-TAIL_CHARS:] if len(text) > HEAD_CHARS else ""
        self.meta = {k: str(v) for k, v in (file_metadata or {}).items() if v is not None}
        self.suffix = Path(file_name or "").suffix.lower()
        self.title = _title_of(text, blocks, title)
        self.head_lines = _lines(self.head)
        self.bylines = self._bylines()

    # --- the pieces --------------------------------------------------------------

    def _bylines(self) -> list[tuple[str, str | None]]:
        """(name, e-mail) of the reporters named at the top or the bottom."""
        found: list[tuple[str, str | None]] = []
        for region in (self.head[:600], self.tail[-700:] if self.tail else self.head[-700:]):
            for match in _BYLINE_RE.finditer(region):
                name = match["name"]
                if not _is_name(name):
                    continue
                line_start = region.rfind("\n", 0, match.start()) + 1
                line_end = region.find("\n", match.end())
                line = region[line_start: line_end if line_end >= 0 else len(region)].strip()
                if match["email"] or "=" in (match["after"] or "") or len(line) <= 40:
                    if name not in [n for n, _ in found]:
                        found.append((name, match["email"]))
        return found

    def doc_type(self) -> str | None:
        top = "\n".join(self.head_lines[:4])[:300]
        # "보도자료" as a header line of its own (a body sentence may mention press releases too)
        if any(len(line) <= 40 and _PRESS_RE.match(line.lstrip(" \t[<〈(【※□■◆")) for line in self.head_lines[:4]) \
                or _PRESS_LABEL_RE.search("\n".join(self.head_lines[:8])):
            return "press_release"
        if _MINUTES_RE.search(self.title) or _MINUTES_RE.search(top):
            return "minutes"
        if _BILL_RE.search(self.head[:800]) or _BILL_TITLE_RE.search(self.title):
            return "bill"
        if self.bylines or _NAVER_IMAGE_RE.search(self.head[:400]) or _DATELINE_RE.search(self.head[:400]) \
                or _NEWS_RE.search(self.tail or self.head[-700:]):
            return "news"
        if _REPORT_TITLE_RE.search(self.title):
            return "report"
        if _PLAN_TITLE_RE.search(self.title):
            return "plan"
        return None

    def date(self) -> tuple[str, str] | None:
        created = normalise_date(self.meta.get("created"))
        if created and self.suffix in (".html", ".htm"):
            return created, FILE  # the page's own publication time (article:published_time)
        best: tuple[int, str] | None = None
        for region in (self.head, self.tail):
            for match in _DATE_LABEL_RE.finditer(region):
                value = _from_match(match)
                # A label heads a line or a cell ("입력 2024.05.27", "배포\t2024. 6. 21."), or
                # sits on a short line: "국회 승인 2024년 3월…" in a sentence is no label.
                line_start = region.rfind("\n", 0, match.start()) + 1
                line_end = region.find("\n", match.end())
                before = region[line_start:match.start()]
                line = region[line_start: line_end if line_end >= 0 else len(region)]
                if not (not before.strip() or before.rstrip(" ")[-1:] in ("\t", "|", "·", "[", "(", ")", "]")
                        or len(line.strip()) <= 60):
                    continue
                if value:
                    label = re.sub(r"\s", "", match.group(0)).casefold()
                    rank = next((i for i, w in enumerate(_DATE_LABELS + _EN_DATE_LABELS)
                                 if label.startswith(w.casefold().replace(" ", ""))), len(_DATE_LABELS) + 9)
                    if best is None or rank < best[0]:
                        best = (rank, value)
        if best:
            return best[1], INFERRED
        match = _NAVER_IMAGE_RE.search(self.head[:600])
        if match and (value := _from_match(match)):
            return value, INFERRED
        for line in self.head_lines[:20]:
            whole = _DATE_LINE_RE.match(line)
            if whole and (value := _from_match(whole)):
                return value, INFERRED
            match = _FULL_RE.search(line)
            if match and (value := _from_match(match)):
                return value, INFERRED
        if created:
            return created, FILE
        return None

    def publisher(self, doc_type: str | None, url: str | None) -> tuple[str, str] | None:
        if self.meta.get("publisher", "").strip():
            return self.meta["publisher"].strip(), FILE
        if doc_type == "news" or self.bylines:
            match = _DATELINE_RE.search(self.head[:400])
            if match and not match["name"].isdigit():
                return _canonical_org(match["name"]), INFERRED
        for region in (self.tail or self.head[-700:],):
            for line in region.splitlines()[-12:]:
                if _COPYRIGHT_LINE_RE.search(line):
                    match = _COPYRIGHT_RE.search(line)
                    if match:
                        name = re.sub(r"^(?:\d{4}[\s\-–~]*)+", "", match["name"]).strip(" .·")
                        by_domain = publisher_for_domain(name) if "." in name else None
                        if by_domain or (name and not re.fullmatch(r"[\d\s]+", name)):
                            return by_domain or _canonical_org(name), INFERRED
        for _, email in self.bylines:
            if email and (name := publisher_for_domain(email, email=True)):
                return name, INFERRED
        if url and (name := publisher_for_domain(_host(url))):
            return name, FILE if url == self.meta.get("url") else INFERRED
        if doc_type == "press_release":
            match = _HEAD_AGENCY_RE.search(self.head[:3000])
            if match:
                return _canonical_org(match["name"]), INFERRED
        orgs = _org_names()
        from workbench.core.aliases import name_key

        for line in self.head_lines[:8]:
            if len(line) <= 30 and (name := orgs.get(name_key(line))):
                return name, INFERRED
        for region in (self.tail, self.head):
            match = _PUBLISHER_LABEL_RE.search(region)
            if match:
                return _canonical_org(match["name"].strip()), INFERRED
            match = _REPORT_BY_RE.search(region)
            if match:
                name = " ".join((match["name"] or match["name2"]).split())
                return _canonical_org(name), INFERRED
        if doc_type in ("bill", "minutes") and (doc_type == "bill" or "국회" in self.title):
            return "국회", INFERRED
        return None

    def author(self, doc_type: str | None) -> tuple[str, str] | None:
        if self.bylines:
            return ", ".join(n for n, _ in self.bylines), INFERRED
        if doc_type == "bill":
            match = _SPONSOR_RE.search(self.head[:800])
            if match and _is_name(match["name"]):
                return match["name"], INFERRED
        for region in (self.head, self.tail):
            match = _AUTHOR_LABEL_RE.search(region)
            if match and (names := _names(match["names"])):
                return ", ".join(names), INFERRED
        for line in self.head_lines[:12]:
            if _NAMES_LINE_RE.match(line) and (names := _names(line)):
                return ", ".join(names), INFERRED
        author = self.meta.get("author", "").strip()
        if author and not is_generic_author(author):
            return author, FILE
        return None

    def url(self) -> tuple[str, str] | None:
        own = self.meta.get("url", "").strip()
        if re.match(r"https?://", own, re.IGNORECASE):
            return own, FILE
        for region in (self.head[:1500], self.tail):
            match = _URL_LABEL_RE.search(region)
            if match:
                return _strip_url(match["url"]), INFERRED
        lines = self.head_lines[:3] + (_lines(self.tail)[-3:] if self.tail else [])
        for line in lines:
            match = _URL_LINE_RE.match(line)
            if match:
                return _strip_url(match["url"]), INFERRED
        return None


def infer_with_sources(text: str, blocks, file_metadata: dict | None, file_name: str = "",
                       title: str | None = None) -> dict[str, tuple[str, str]]:
    """Each field found → (value, "file" | "inferred")."""
    reader = _Reader(text, blocks, file_metadata or {}, file_name, title)
    out: dict[str, tuple[str, str]] = {}
    kind = reader.doc_type()
    if kind:
        out["doc_type"] = (kind, INFERRED)
    for name, found in (("date", reader.date()), ("url", reader.url())):
        if found:
            out[name] = found
    publisher = reader.publisher(kind, out.get("url", (None,))[0])
    if publisher:
        out["publisher"] = publisher
    author = reader.author(kind)
    if author:
        out["author"] = author
    return out


def infer_metadata(text: str, blocks, file_metadata: dict | None, file_name: str = "",
                   title: str | None = None) -> dict[str, str]:
    """The document's date, publisher, author, url and doc_type, each only when found."""
    return {k: v for k, (v, _) in infer_with_sources(text, blocks, file_metadata, file_name, title).items()}


def merge_metadata(file_metadata: dict, found: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The file's own metadata with the fields found merged in, as the store keeps it.

    A field's stored value is the one found (a file value that was better,
    such as a real URL, was found as "file"); the file's own value of a field
    that inference replaced or refused ("user" as author) is kept as
    ``file_<field>``. ``inferred`` lists the fields read from the text.
    """
    out = {k: v for k, v in (file_metadata or {}).items() if k != INFERRED}
    inferred = []
    for name in FIELDS:
        own = out.get(name)
        if name in found:
            value, source = found[name]
            if own is not None and own != value:
                out[f"file_{name}"] = own
            out[name] = value
            if source == INFERRED:
                inferred.append(name)
        elif own is not None:
            out[f"file_{name}"] = own
            del out[name]
    out[INFERRED] = ",".join(inferred)
    return out


def stored_sources(metadata: dict) -> dict[str, str]:
    """Where each of FIELDS in stored metadata came from ("file" or "inferred")."""
    inferred = set(filter(None, str(metadata.get(INFERRED, "")).split(",")))
    return {name: (INFERRED if name in inferred else FILE) for name in FIELDS if metadata.get(name)}


def normalise_doc_type(value: str) -> str:
    """A type code for a known type in either language ("보도자료", "Press release",
    "press_release"); anything else as the analyst wrote it."""
    text = " ".join(str(value).split())
    key = text.casefold()
    if key.replace(" ", "_") in DOC_TYPES:
        return key.replace(" ", "_")
    for code, (english, korean) in DOC_TYPES.items():
        if key in (english.casefold(), korean.casefold(), korean.replace(" ", "")):
            return code
    return _TYPE_WORDS.get(key, _TYPE_WORDS.get(key.replace(" ", ""), text))


def doc_type_label(value: str, language: str = "en") -> str:
    if value in DOC_TYPES:
        english, korean = DOC_TYPES[value]
        return korean if language.startswith("ko") else english
    return value

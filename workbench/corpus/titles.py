"""The title an analyst recognises a document by.

Files carry titles like "제목 없음", "Microsoft Word - 보고서.doc", "2010",
"문서 이력 정보" or "붙임 2. 계약특수조건" — Hangul and Word keep the summary
title of the template or of the document a file was copied from, so it often
names another document, an attachment, or nothing. A document's first line is
often boilerplate too: "보도자료", "[ 세 목 ]", a date, a department, a
document-number table, a sign-off box, "(RFP: Request For Proposal)".

:func:`choose_title` reads the top of the document the way an analyst does —
lines of the text and of the boxes (one-cell tables) Korean documents put
their titles in — and passes over labels, dates, departments and glosses. The
file's own title counts when the text bears it out, or when the text has no
title line of its own (a report that starts at "제1장 서론"); an HTML page's
``<title>`` is written for the page and always counts. Letter-spaced titles
("통 합 재 정 통 계") are collapsed; a title broken over two lines is joined;
a bare document type ("제안요청서") is completed by the subject under it.

A stored title is at most :data:`TITLE_LIMIT` characters, cut at a sentence's
end or between two words and never marked: "…" belongs to the display
(:func:`shorten`, or the widget's own eliding), not to the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import islice
from pathlib import PurePath

TITLE_LIMIT = 100

_HEAD_BLOCKS = 80  # how far into a document a title is looked for
_HEAD_CHARS = 8000

# --- what a title is not ------------------------------------------------------------------------

_GENERIC = {
    "제목없음", "제목", "무제", "untitled", "document", "문서", "문서1", "새문서", "noname", "title",
    "문서이력정보", "microsoftword", "슬라이드1", "presentation", "powerpointpresentation",
    # document-type labels printed at the top of government documents
    "보도자료", "보도참고자료", "보도설명자료", "보도해명자료", "설명자료", "해명자료", "참고자료", "붙임", "별첨", "목차",
    "차례", "순서", "요약", "요약문", "보도", "공개", "공개용", "비공개", "대외비", "내부용", "관계부처합동", "합동",
    "발간등록번호", "등록번호", "문서번호", "관리번호",
    # a template's or a part's name left as the file's title: "개정본문", "문 내용", "서식"
    "본문", "개정본문", "본문내용", "내용", "문내용", "공문", "공문서", "기안문", "시행문", "서식", "양식", "개정문",
    "신구조문대비표", "조문대비표",
}
_APP_PREFIX_RE = re.compile(r"^(microsoft\s+(word|powerpoint|excel)\s*-\s*|한글\s*-\s*)", re.IGNORECASE)
_FILE_NAME_RE = re.compile(r"\.(hwpx?|docx?|pdf|txt|html?|xlsx?|pptx?)$", re.IGNORECASE)
# A file name or an identifier left as the title: "distribution_doc", "000_9cac13f2b16803be".
# The separator in the repeated group is not optional: "(?:[-.]?[A-Za-z0-9]+)*" split a
# run of letters every possible way before failing, and a 50-letter word never returned.
_IDENTIFIER_RE = re.compile(r"^[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*(?:_[A-Za-z0-9]+)+$|^[0-9a-f]{8,}$"
                            r"|^\S+\.(?:png|jpe?g|gif|bmp|svg|webp|tiff?)(?:\?\S*)?$", re.IGNORECASE)
# An attachment's label: the title of a part, not of the document ("붙임 2. 계약특수조건", "별첨", "부록 A").
_ATTACHMENT_RE = re.compile(
    r"^[\[［【<〈(（]?\s*(?:붙\s*임|별\s*첨|첨\s*부|별\s*지|별\s*표|부\s*록|참\s*고(?=\s*\d))"
    r"\s*(?:제?\s*\d+(?:\s*[-.]\s*\d+)?\s*(?:호|번)?(?:\s*의\s*\d+)?)?\s*(?:서\s*식)?\s*[\]］】>〉)）]?"
    r"(?=$|[\s.:：)\-–—\]］】>〉]|[A-Za-z0-9])")
# A form's header names the law that prescribes it before its own name:
# "■ 여권법 시행규칙 [별지 제1호서식] <개정 2026. 6. 1.> 여권발급신청서".
_FORM_REF_RE = re.compile(
    r"^.{0,40}?[\[［]\s*별\s*[지표]\s*(?:제?\s*\d+\s*호(?:\s*의\s*\d+)?)?\s*(?:서\s*식)?\s*[\]］]\s*"
    r"(?:[<〈(]\s*(?:개정|신설|제정|전문개정)[^>〉)]*[>〉)]\s*)*")
# Lines that label something else: "보도시점 : …", "연구책임자: 차우규(한국교원대)".
_LABEL_LINE_RE = re.compile(
    r"^(?:보도시점|보도일시|배포일시|배포|일시|장소|연구책임자|공동연구자|연구보조자|연구협력관|연구기관|작성자|작성일|"
    r"담당자|담당부서|담당|문의|수신|발신|참조|경유|문서번호|등록일자|결재일자|공개여부|시행일자|접수|발간등록번호|등록번호|"
    r"관리번호|핵심목표|목표|단위|자료|출처)\s*[:：]")
# A subject named by a label: "[사업명 : 생성형 AI 서비스 시범 도입]", "과제명<TAB>…", "[ 제 목 ]" then the title.
_SUBJECT_LABELS = ("제목", "사업명", "과제명", "연구과제명", "과업명", "용역명", "건명", "품목명", "총괄품목명", "공고명",
                   "안건명", "사업명칭")
_SUBJECT_LINE_RE = re.compile(
    r"^[\[［【<〈(]?\s*(?:[□■○◦•·-]\s*)?(?P<label>" + "|".join(_SUBJECT_LABELS) + r")\s*[:：]\s*(?P<value>.+?)\s*"
    r"[\]］】>〉)]?$")
_SUBJECT_LABEL_SET = set(_SUBJECT_LABELS)
_TITLE_LABEL_RE = re.compile(r"^[\[［【<〈(]?\s*제\s*목\s*[\]］】>〉)]?\s*[:：]?$")
# Departments, organisations and the people who sign: "교통실 (보행자전거과)", "국토안전관리원 원장".
_ROLE_WORDS = {"장관", "차관", "원장", "청장", "처장", "국장", "과장", "팀장", "사장", "의장", "위원장", "부장", "차장",
               "주무관", "사무관", "실장", "본부장", "대표", "위원", "합동", "국회", "정부", "관계부처"}
_ORG_WORD_RE = re.compile(r"^[가-힣]{2,}(?:부|처|청|원|회|과|실|국|단|공사|공단|재단|센터|학교|의회|위원회|본부|사무국|사무처)$")
# A byline or an address: "김지선 기자 river@etnews.com".
_CONTACT_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.|\s기자(?:\s|$)")
_BULLET_RE = re.compile(r"^(?:[□■○●◦•∙◎◇◆◈▶▷▸►※☆★❖➢➤✓√\-–—*]+|ㅇ(?=\s))\s*")
_SECTION_RE = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|\(\d{1,2}\)|[IVX]{1,4}\.|[Ⅰ-Ⅻ]\s*\.?|[가-하]\s*[.)]|제\s*\d+\s*[장절편관조])"
    r"(?=\s|[가-힣(])")
# A sentence's end: a period after a word (not "2025. 1."), or a polite or note-style ending.
_SENTENCE_END_RE = re.compile(r"(?<=[가-힣A-Za-z)\]”’\"'」』])[.!?。](?=\s|$)")
_NOTE_END_RE = re.compile(r"(?:니다|\s(?:함|음|임))$")
# A line that stops mid-phrase: a topic or object particle, a connective, "및", a number before its unit.
_DANGLING_RE = re.compile(
    r"(?:[가-힣]{2,}(?:은|는|을|를)|[가-힣](?:와|및|또는|하고|하며|하여|이며|거나|지만|으나|는데|면서|에서|에)|[,·‧ㆍ]"
    r"|\d[\d.,]*\s*[억만조천백])$")
# A document type alone ("제안요청서", "규제영향분석서"): its subject is on the next line.
_BARE_TYPE_RE = re.compile(r"^[가-힣]{0,10}(?:요청서|분석서|계획서|보고서|신청서|지시서|설명서|제안서|명세서|내용서|"
                           r"공고문?|지침|계획|결과서|평가서|검토서)$")
_OPENERS = {"(": ")", "（": "）", "[": "]", "［": "］", "<": ">", "〈": "〉", "《": "》", "【": "】", "「": "」", "『": "』"}
_LETTER_RE = re.compile(r"[가-힣ᄀ-ᇿA-Za-z]")
_HANGUL_RE = re.compile(r"[가-힣]")
# Three or more Hangul syllables, each a word of its own, one space apart: "통 합 재 정 통 계".
_SPACED_RE = re.compile(r"(?<![^\s(\[「『“‘<〈《【\"'])[가-힣](?: [가-힣]){2,}(?![\w])")


def collapse_letter_spacing(text: str) -> str:
    """ "통 합 재 정 통 계" → "통합재정통계": runs of three or more single syllables one space apart
    are one letter-spaced word. Two or more spaces part words, and so do two-syllable runs
    ("구 분" stays), so real words are never glued. Applying it twice changes nothing."""
    return _SPACED_RE.sub(lambda m: m.group(0).replace(" ", ""), text)


def _squeeze(text: str) -> str:
    return " ".join(collapse_letter_spacing(text.replace("\x00", " ")).split())


def _compact(text: str) -> str:
    return re.sub(r"[\W_]", "", text).casefold()


def _wrapped(text: str) -> bool:
    """Is the whole of ``text`` inside one pair of brackets — "(RFP: Request For Proposal)"?"""
    close = _OPENERS.get(text[:1])
    if not close or not text.endswith(close) or len(text) < 2:
        return False
    depth = 0
    for i, ch in enumerate(text):
        if ch == text[0]:
            depth += 1
        elif ch == close:
            depth -= 1
            if depth == 0 and i < len(text) - 1:
                return False
    return True


def starts_with_label(text: str) -> bool:
    """Does ``text`` start with an attachment's or a form's label ("붙임 2.", "별첨", "[별지 제1호서식]")?"""
    return bool(_ATTACHMENT_RE.match(text.strip()))


def clean_title(title: str | None) -> str | None:
    """The title with an editor's prefix, a file extension and letter-spacing removed, or None
    if what is left says nothing: empty, generic, a number, a label, an attachment's or form's
    label, a gloss in brackets, an identifier."""
    if not title:
        return None
    text = _APP_PREFIX_RE.sub("", _squeeze(title))
    text = _FILE_NAME_RE.sub("", text).strip(" -_")
    form = _FORM_REF_RE.match(text)
    if form and form.end() < len(text):  # a form's header: keep the form's own name
        text = text[form.end():].strip()
    compact = _compact(text)
    if len(compact) < 2 or compact.isdigit() or _wrapped(text) or starts_with_label(text):
        return None
    if compact in _GENERIC or re.sub(r"[\dⅰ-ⅻⅠ-Ⅻ]+$", "", compact) in _GENERIC:
        return None
    if _IDENTIFIER_RE.match(text) or not _LETTER_RE.search(text) or _CONTACT_RE.search(text):
        return None
    if _LABEL_LINE_RE.match(text.replace(" ", "")) or _is_org(text) or text.endswith((":", "：")):
        return None
    return text


def fit(title: str, limit: int = TITLE_LIMIT) -> str:
    """``title`` in at most ``limit`` characters: whole when it fits, else up to the end of its
    first sentence, else up to the last space before the limit (a word is never cut in two,
    unless a run longer than half the limit has no space at all). Never marked with "…"."""
    text = " ".join(title.split())
    if len(text) <= limit:
        return text
    end = next((m.end() for m in _SENTENCE_END_RE.finditer(text, 0, limit) if m.end() >= 20), None)
    if end:
        return text[:end]
    space = text.rfind(" ", 0, limit + 1)
    if space >= limit // 2:
        cut = text[:space].rstrip(" ,·‧ㆍ-–—/")
        opened = max(cut.rfind(o) for o in _OPENERS)
        if opened >= limit // 2 and _OPENERS[cut[opened]] not in cut[opened:]:
            cut = cut[:opened].rstrip(" ,·‧ㆍ-–—/")  # not an unclosed bracket at the end
        if cut:
            return cut
    return text[:limit]


def shorten(title: str, width: int) -> str:
    """``title`` for a place ``width`` characters wide: cut between two words and marked "…"."""
    text = " ".join(title.split())
    if len(text) <= width:
        return text
    head = fit(text, max(1, width - 1))
    if len(head) > width - 1 or head == text:
        head = text[: width - 1]
    return head.rstrip() + "…"


# --- reading the top of a document --------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    text: str
    source: str  # a block kind ("title", "heading", "paragraph", "list_item"), or "box", "caption", "subject"
    wraps: bool = False  # the next line follows with a single newline (a hard-wrapped paragraph)


def _kind(block) -> str:
    return str(getattr(block.kind, "value", block.kind))


_LINE_CHARS = 2000


def _head_lines(text: str, blocks) -> list[_Line]:
    """The lines at the top of a document an analyst would read a title from, in order."""
    lines: list[_Line] = []
    for block in list(blocks or ())[:_HEAD_BLOCKS]:
        if block.start > _HEAD_CHARS:
            break
        kind = _kind(block)
        if kind in ("toc", "footnote", "source") or block.meta.get("junk"):
            continue
        if kind == "table":
            lines += _table_lines(block, text)
            continue
        # A title is a line of a few dozen characters: the head of a block is enough, and a
        # 3 MB text on one line was cleaned and graded whole, for minutes.
        body = text[block.start:min(block.end, block.start + _LINE_CHARS)]
        after = text[block.end:block.end + 2] if block.end - block.start <= _LINE_CHARS else ""
        parts = body.split("\n")
        for n, part in enumerate(parts):
            if part.strip():
                # the next line follows after one newline, not after a blank line
                wraps = n < len(parts) - 1 or (after[:1] == "\n" and after[1:2] not in ("\n", ""))
                lines.append(_Line(part, kind, wraps=wraps))
    return lines


def _table_lines(block, text: str) -> list[_Line]:
    """A box's lines (a one-column table: Korean documents put titles in them), a table's caption
    rows, and its labelled subject rows ("사업명 | …")."""
    rows = block.meta.get("rows") or [row.split("\t") for row in text[block.start:block.end].split("\n")]
    # A cell made of a table nested in it (an approval box: 문서번호 | … | 결재일자 | …) reads as that
    # table, not as a line of text: it gives no title line.
    tabular = {(spec.get("row"), spec.get("col")) for spec in block.meta.get("nested") or ()
               if isinstance(spec, dict) and sum(bool(c) for r in spec.get("rows") or () for c in r) > 1}
    rows = [["" if (r, c) in tabular else cell for c, cell in enumerate(row)] for r, row in enumerate(rows)]
    filled = [[cell for cell in row if cell.strip()] for row in rows]
    lines: list[_Line] = []
    if all(len(cells) <= 1 for cells in filled):  # a box: its lines read as text
        for cells in filled:
            for cell in cells:
                lines += [_Line(part, "box") for part in cell.split("\n") if part.strip()]
        return lines
    for row, cells in zip(rows[:3], filled[:3]):  # caption rows across the top of the table
        if not (row and row[0].strip() and len(cells) == 1):
            break
        lines += [_Line(part, "caption") for part in row[0].split("\n")[:2] if part.strip()]
    for cells in filled[:40]:
        if len(cells) >= 2 and _compact(_squeeze(cells[0])) in _SUBJECT_LABEL_SET:
            lines.append(_Line(cells[1].split("\n")[0], "subject"))
    return lines


def _merge(lines: list[_Line]) -> list[_Line]:
    """Join a hard-wrapped paragraph's lines, and a title line broken mid-phrase with the next."""
    merged: list[_Line] = []
    i = 0
    while i < len(lines):
        line = _Line(_squeeze(lines[i].text), lines[i].source, lines[i].wraps)
        i += 1
        run = _wrapped_run(lines, i, line)
        if run:
            line, i = run
        while i < len(lines) and len(line.text) < 2 * TITLE_LIMIT and _continues(line, lines[i]):
            line = _Line(f"{line.text} {_squeeze(lines[i].text)}", line.source, lines[i].wraps)
            i += 1
        merged.append(line)
    return merged


def _wrapped_run(lines: list[_Line], i: int, first: _Line) -> tuple[_Line, int] | None:
    """``first`` and the lines after it as one paragraph, when they are a hard-wrapped one: each
    runs to the wrap column (about as long as the next; a headline over an unwrapped paragraph is
    far shorter than the paragraph's one long line), and the run reaches the end of a sentence —
    a headline over its sub-headlines never does."""
    line, width = first, len(first.text)
    while i < len(lines) and len(line.text) < 2 * TITLE_LIMIT:
        nxt = _squeeze(lines[i].text)
        if not (line.source in ("paragraph", "title", "list_item") and line.wraps and width >= 20
                and lines[i].source in (line.source, "paragraph") and len(nxt) <= 1.3 * width + 5
                and not _SENTENCE_END_RE.search(line.text[-2:] + " ")):
            break
        line, width, i = _Line(f"{line.text} {nxt}", line.source, lines[i].wraps), len(nxt), i + 1
        if _SENTENCE_END_RE.search(line.text, len(first.text)):
            return line, i
    return None


def _continues(line: _Line, nxt_line: _Line) -> bool:
    """Does ``line`` stop mid-phrase ("…해외직접투자는 141.5억") and ``nxt_line`` carry it on?"""
    nxt = _squeeze(nxt_line.text)
    return bool(line.source != "subject" and _DANGLING_RE.search(line.text) and len(nxt) <= 80
                and nxt_line.source in (line.source, "paragraph" if line.source == "title" else line.source)
                and _HANGUL_RE.match(nxt[:1] or " ") and not (_BULLET_RE.match(nxt) and nxt[:1] != "-")
                and not _SECTION_RE.match(nxt) and clean_title(nxt))


# How much a line reads as a title, best first: a title line; a sentence of the body; a bulleted
# point; a numbered section ("1) 배경 및 필요성" names a part, not the document); a word or two.
_STRONG, _SENTENCE, _BULLET, _SECTION, _SHORT = range(5)


def _grade(line: _Line) -> tuple[int, str] | None:
    """How much a line reads as a title, and the title it gives; None if it is no title at all."""
    text = line.text[:_LINE_CHARS]  # a title is short; some patterns cost the square of a long run
    bullet = _BULLET_RE.match(text)
    if bullet:
        text = text[bullet.end():]
    cleaned = clean_title(text)
    if not cleaned:
        return None
    if bullet and _FORM_REF_RE.match(text):
        bullet = None  # "■ 여권법 시행규칙 [별지 제1호서식] 여권발급신청서": a form's header names the form
    head = clean_title(re.split(r"\s+※", cleaned)[0])  # "여권발급신청서 ※ 뒤쪽의 유의사항을…"
    cleaned = re.sub(r"\s*\((?:앞|뒤)쪽\)$", "", head or cleaned)
    letters = len(_LETTER_RE.findall(cleaned))
    if letters < 2 or (letters < 3 and not re.search(r"\d", cleaned)):  # "시 민" in a sign-off box
        return _SHORT, cleaned
    if _SECTION_RE.match(cleaned):
        return _SECTION, cleaned
    if bullet:
        return _BULLET, _first_sentence(cleaned)
    if _is_sentence(cleaned) or len(cleaned) > TITLE_LIMIT:
        return _SENTENCE, _first_sentence(cleaned)
    if line.source != "subject" and _DANGLING_RE.search(cleaned):  # still mid-phrase: a fragment
        return _SENTENCE, cleaned
    return _STRONG, cleaned


def _is_org(text: str) -> bool:
    words = re.findall(r"[가-힣A-Za-z0-9]+", text)
    return 1 <= len(words) <= 4 and all(w in _ROLE_WORDS or _ORG_WORD_RE.match(w) for w in words)


def _is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END_RE.search(text) or _NOTE_END_RE.search(text))


def _first_sentence(text: str) -> str:
    end = next((m.end() for m in _SENTENCE_END_RE.finditer(text) if m.end() >= 10), None)
    return fit(text[:end] if end else text)


def _subject(line: _Line) -> str | None:
    """The value of a labelled subject line ("[사업명 : X]"), or of a subject table row."""
    if line.source == "subject":
        return clean_title(line.text)
    match = _SUBJECT_LINE_RE.match(_squeeze(line.text))
    return clean_title(match["value"]) if match else None


def _complete(doc_type: str, index: int, lines: list[_Line], graded) -> str:
    """"제안요청서" + "[사업명 : 생성형 AI 서비스 시범 도입]" → "생성형 AI 서비스 시범 도입 제안요청서"."""
    for line in lines[index + 1:index + 4]:
        subject = _subject(line)
        if subject:
            return fit(f"{subject} {doc_type}")
    if lines[index].source in ("box", "caption", "subject") or index + 1 >= len(lines):
        return doc_type
    grade = graded[index + 1]
    if grade is None or grade[0] != _STRONG or len(grade[1]) > 40 or _BARE_TYPE_RE.match(grade[1]):
        return doc_type
    subject = grade[1]
    for line, more in zip(lines[index + 2:index + 4], graded[index + 2:index + 4]):
        word = _squeeze(line.text)  # "도심 복합개발 지원에 관한 법률" / "시행령"
        if more is None or " " in word or len(word) > 8 or not re.fullmatch(r"[가-힣]+", word):
            break
        subject = f"{subject} {word}"
    return fit(f"{subject} {doc_type}")


def _borne_out(title: str, text: str, candidates) -> bool:
    """Does the document's text say what its file's title says (spacing and punctuation aside)?"""
    compact = _compact(title)
    if not compact:
        return False
    if compact in _compact(text[:_HEAD_CHARS]):
        return True
    for candidate in islice(candidates, 12):  # the title area, where a file's title would be printed
        other = _compact(candidate)
        if other and other in compact and len(other) >= 0.6 * len(compact):
            return True
        similar = SequenceMatcher(None, compact, other)
        if other and similar.real_quick_ratio() >= 0.8 and similar.quick_ratio() >= 0.8 and similar.ratio() >= 0.8:
            return True
    return False


def _file_title(file_name: str | None) -> str | None:
    """A file name an analyst would read as a title: "수소정책_연구보고서.pdf" → "수소정책 연구보고서"."""
    if not file_name:
        return None
    stem = PurePath(file_name).stem.replace("_", " ")
    cleaned = clean_title(stem)
    return fit(cleaned) if cleaned and _HANGUL_RE.search(cleaned) else None


class _Grades:
    """Each line's grade, worked out when first asked for: the title is usually in the first few."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines, self.done = lines, []

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.lines)))]
        while len(self.done) <= index:
            self.done.append(_grade(self.lines[len(self.done)]))
        return self.done[index]

    def __iter__(self):
        return (self[i] for i in range(len(self.lines)))


def choose_title(file_title: str | None, text: str, blocks, file_name: str | None = None,
                 trust_file_title: bool = False) -> str | None:
    """The title an analyst recognises the document by (see the module's docstring), or None.

    In order: the line after a "[ 제 목 ]" label; the file's own title when the text bears it
    out, or when the text has no title line (always, with ``trust_file_title``: an HTML
    ``<title>``); the first line at the top that reads as a title, above the body; the first
    sentence; the file name when it has Hangul in it; the first bullet, numbered section or
    short line; the first heading anywhere."""
    own = clean_title(file_title)
    lines = _merge(_head_lines(text, blocks))
    graded = _Grades(lines)
    for line, nxt in zip(lines, lines[1:]):
        if _TITLE_LABEL_RE.match(_squeeze(line.text)):  # "[ 제 목 ]" then the title
            labelled = clean_title(nxt.text)
            if labelled:
                return fit(labelled)
    strong = None
    body = 0  # lines of the body read so far: a title is above the body, not in it
    for index, (line, grade) in enumerate(zip(lines, graded)):
        subject = _subject(line)
        if subject and line.source != "subject":
            grade = (_STRONG, subject)
        if grade and grade[0] == _STRONG:
            strong = _complete(grade[1], index, lines, graded) if _BARE_TYPE_RE.match(grade[1]) else fit(grade[1])
            break
        if grade and grade[0] in (_SENTENCE, _BULLET, _SECTION):
            body += 1
            if body >= 3 or (grade[0] == _SENTENCE and line.source != "box"):
                break
    if own and (_DANGLING_RE.search(own) or (strong and _is_sentence(own))):
        own = None  # a clause or a body sentence left in the file's title: the text has better
    if own and (trust_file_title or not strong or _borne_out(own, text, (g[1] for g in graded if g))):
        return fit(own)
    if strong:
        return strong
    opening = next((g for g in graded if g and g[0] in (_SENTENCE, _BULLET)), None)
    if opening and opening[0] == _SENTENCE:  # a news text without a headline: its first sentence
        return opening[1]
    named = _file_title(file_name)
    if named:
        return named
    for found in (opening, next((g for g in graded if g and g[0] in (_SECTION, _SHORT)), None)):
        if found:
            return found[1]
    for block in blocks or ():
        if _kind(block) in ("title", "heading"):
            grade = _grade(_Line(_squeeze(text[block.start:block.end]), "heading"))
            if grade:
                return grade[1]
    return None

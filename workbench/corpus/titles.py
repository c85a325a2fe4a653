"""Is a title from a file's own metadata worth showing?

Files carry titles like "제목 없음", "Microsoft Word - 보고서.doc", "2010" or
"문서 이력 정보" (a template's leftover); a document's first line is often
boilerplate too ("[ 세 목 ]" on every tax ruling). The library shows the
first title that says something about the document.
"""

from __future__ import annotations

import re

_GENERIC = {
    "제목없음", "제목", "무제", "untitled", "document", "문서", "문서1", "새문서", "noname", "title",
    "문서이력정보", "microsoftword", "슬라이드1", "presentation", "powerpointpresentation",
    # document-type labels printed at the top of government documents
    "보도자료", "보도참고자료", "설명자료", "해명자료", "참고자료", "붙임", "별첨", "목차", "요약", "요약문",
}
_APP_PREFIX_RE = re.compile(r"^(microsoft\s+(word|powerpoint|excel)\s*-\s*|한글\s*-\s*)", re.IGNORECASE)
_FILE_NAME_RE = re.compile(r"\.(hwpx?|docx?|pdf|txt|html?|xlsx?|pptx?)$", re.IGNORECASE)
_BRACKETED_RE = re.compile(r"^[\[［【<〈(（]\s*[^\]］】>〉)）]{0,12}[\]］】>〉)）]$")


def clean_title(title: str | None) -> str | None:
    """The title with an editor's prefix and a file extension removed, or None
    if what is left says nothing (empty, generic, a number, a bracketed label)."""
    if not title:
        return None
    text = " ".join(title.replace("\x00", " ").split())
    text = _APP_PREFIX_RE.sub("", text)
    text = _FILE_NAME_RE.sub("", text).strip(" -_")
    compact = re.sub(r"[\s_\-.]", "", text).casefold()
    if len(compact) < 2 or compact in _GENERIC or compact.isdigit() or _BRACKETED_RE.match(text):
        return None
    if not re.search(r"[가-힣A-Za-z]", text):
        return None
    return text

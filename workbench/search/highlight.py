"""Match offsets and snippets from the character offsets stored in the index.

The morpheme and bigram fields store each token's position and character
span (``chars=True``), so marking a hit never re-analyses text: we read the
postings of the query's tokens for that one passage and keep the spans where
a phrase's tokens stand at consecutive positions. It costs the same on the
last page of an 840 KB report as on the first.
"""

from __future__ import annotations

import html

from whoosh.reading import TermNotFound

from workbench.search.compile import Highlight

MAX_PREFIX_TERMS = 200


def _occurrences(searcher, fieldname: str, text: str, docnum: int) -> dict[int, tuple[int, int]]:
    try:
        matcher = searcher.postings(fieldname, text)
    except TermNotFound:
        return {}
    matcher.skip_to(docnum)
    if not matcher.is_active() or matcher.id() != docnum:
        return {}
    return {pos: (start, end) for pos, start, end in matcher.value_as("characters")}


def match_spans(searcher, docnum: int, highlights: list[Highlight]) -> list[tuple[int, int]]:
    """Character spans (relative to the passage) of everything the query matched."""
    spans: list[tuple[int, int]] = []
    reader = searcher.reader()
    for h in highlights:
        if h.prefix:
            for n, term in enumerate(reader.expand_prefix(h.field, h.tokens[0])):
                if n >= MAX_PREFIX_TERMS:
                    break
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                spans.extend(_occurrences(searcher, h.field, word, docnum).values())
            continue
        occ = [_occurrences(searcher, h.field, tok, docnum) for tok in h.tokens]
        if not all(occ):
            continue
        for pos, (start, _) in occ[0].items():
            if all(pos + i in occ[i] for i in range(1, len(occ))):
                spans.append((start, occ[-1][pos + len(occ) - 1][1]))
    return merge_spans(spans)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, spans: list[tuple[int, int]], width: int = 160) -> str:
    """An HTML-escaped excerpt of ``text`` around the first match, matches in <mark>."""
    if spans:
        first = spans[0][0]
        start = max(0, first - width // 3)
    else:
        start = 0
    end = min(len(text), start + width)
    if end - start < width:
        start = max(0, end - width)
    # Snap to spaces so words are not cut in half.
    if start > 0:
        space = text.find(" ", start, min(start + 15, end))
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", max(end - 15, start), end)
        end = space if space > start else end
    out = ["…" if start > 0 else ""]
    pos = start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        out.append(html.escape(text[pos:a]))
        out.append(f"<mark>{html.escape(text[a:b])}</mark>")
        pos = b
    out.append(html.escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out).replace("\n", " ").replace("\t", " ")


def plain_snippet(html_snippet: str, mark_open: str = "[", mark_close: str = "]") -> str:
    """The snippet for a terminal: marks as brackets (or ANSI codes), no escapes."""
    return html.unescape(html_snippet.replace("<mark>", mark_open).replace("</mark>", mark_close))

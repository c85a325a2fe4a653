"""Match offsets and snippets from the character offsets stored in the index.

The morpheme field stores each token's position and character span
(``chars=True``), so marking a hit never re-analyses text with Kiwi: we read
the postings of the query's tokens for the hits and keep the spans where a
phrase's tokens stand at consecutive positions. It costs the same on the
last page of an 840 KB report as on the first. Bigram matches come with
their positions (see ``tiers``), mapped to characters by the bigram regex.
"""

from __future__ import annotations

import html

from whoosh.reading import TermNotFound

from workbench.search.analysis import bigram_tokens
from workbench.search.compile import Highlight

MAX_PREFIX_TERMS = 200


def _postings_for(searcher, fieldname: str, text: str, docnums: list[int]) -> dict[int, dict[int, tuple[int, int]]]:
    """{docnum: {position: (start, end)}} of one term, for the given sorted docnums.

    One matcher walks forward through all hits: opening a matcher per hit and
    token was the main cost of a search.
    """
    try:
        matcher = searcher.postings(fieldname, text)
    except TermNotFound:
        return {}
    found: dict[int, dict[int, tuple[int, int]]] = {}
    for docnum in docnums:
        if not matcher.is_active():
            break
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
            if not matcher.is_active():
                break
        if matcher.id() == docnum:
            found[docnum] = {pos: (start, end) for pos, start, end in matcher.value_as("characters")}
    return found


def spans_for_hits(searcher, docnums: list[int], highlights: list[Highlight]) -> dict[int, list[tuple[int, int]]]:
    """Character spans (relative to each passage) of everything the query matched."""
    order = sorted(set(docnums))
    reader = searcher.reader()
    postings: dict[tuple[str, str], dict[int, dict[int, tuple[int, int]]]] = {}

    def term(fieldname: str, text: str) -> dict[int, dict[int, tuple[int, int]]]:
        key = (fieldname, text)
        if key not in postings:
            postings[key] = _postings_for(searcher, fieldname, text, order)
        return postings[key]

    spans: dict[int, list[tuple[int, int]]] = {d: [] for d in order}
    for h in highlights:
        if h.field != "morph":
            continue  # bigram matches: see gram_spans
        if h.prefix:
            for n, raw in enumerate(reader.expand_prefix(h.field, h.tokens[0])):
                if n >= MAX_PREFIX_TERMS:
                    break
                word = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                for docnum, occ in term(h.field, word).items():
                    spans[docnum].extend(occ.values())
            continue
        per_token = [term(h.field, tok) for tok in h.tokens]
        for docnum in order:
            occ = [p.get(docnum) for p in per_token]
            if not all(occ):
                continue
            for pos, (start, _) in occ[0].items():
                if all(pos + i in occ[i] for i in range(1, len(occ))):
                    spans[docnum].append((start, occ[-1][pos + len(occ) - 1][1]))
    return {d: merge_spans(s) for d, s in spans.items()}


def gram_spans(text: str, positions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of bigram matches given as (first, last) token
    positions: the bigram regex is re-run on the passage (microseconds, no
    Kiwi), which gives the same positions the index holds."""
    if not positions:
        return []
    tokens = bigram_tokens(text)
    return [(tokens[a][1], tokens[b][2]) for a, b in positions if b < len(tokens)]


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

"""HTML pages (saved news articles, exported reports).

We walk the element tree with lxml and keep what a reader sees: headings,
paragraphs, list items, tables as rows of cells. Scripts, styles, navigation
chrome in ``<nav>``/``<footer>`` and comments are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from workbench.core.errors import ReadError
from workbench.core.models import BlockKind
from workbench.corpus.decode import decode_text
from workbench.corpus.readers import ReaderResult
from workbench.corpus.structure import RawPart
from workbench.corpus.titles import clean_title

_DROP = {"script", "style", "noscript", "template", "head", "nav", "footer", "iframe", "svg",
         "form", "button", "select", "textarea", "object", "embed"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "aside", "blockquote", "pre",
           "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "address", "center",
           "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr", "body", "html", "caption"}
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET_RE.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("euc-kr", "ks_c_5601-1987", "ksc5601", "x-windows-949"):
            name = "cp949"  # what every browser really uses for these labels
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, path.name)


class _Walker:
    def __init__(self) -> None:
        self.parts: list[RawPart] = []
        self.buffer: list[str] = []
        self.hint: BlockKind | None = None
        self.level = 0

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text:
            self.parts.append(RawPart(text, self.hint or BlockKind.PARAGRAPH, self.level))
        self.buffer = []
        self.hint, self.level = None, 0

    def walk(self, el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _DROP:
            if el.tail:
                self.buffer.append(el.tail)
            return
        if tag == "table":
            self.flush()
            self.parts.append(RawPart(rows=_table_rows(el)))
        elif tag in _BLOCKS:
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.hint, self.level = BlockKind.HEADING, int(tag[1])
            elif tag == "li":
                self.hint = BlockKind.LIST_ITEM
            if el.text:
                self.buffer.append(el.text)
            for child in el:
                self.walk(child)
            self.flush()
        elif tag == "br":
            self.flush()
        else:
            if el.text:
                self.buffer.append(el.text)
            for child in el:
                self.walk(child)
        if el.tail:
            self.buffer.append(el.tail)


def _table_rows(table: etree._Element) -> list[list[str]]:
    rows = []
    for tr in table.iter("tr"):
        if _nearest_table(tr) is not table:
            continue  # a row of a nested table: its text is in the outer cell
        cells = [" ".join(td.text_content().split()) for td in tr if isinstance(td.tag, str)
                 and td.tag.lower() in ("td", "th")]
        rows.append(cells)
    return rows


def _nearest_table(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def read_html(path: Path, data: bytes) -> ReaderResult:
    text, encoding = _decode(path, data)
    if not text.strip():
        raise ReadError("empty", f"{path.name}: the file is empty", f"{path.name}: 빈 파일입니다")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError("damaged", f"{path.name}: not readable as HTML ({exc})",
                        f"{path.name}: HTML로 읽을 수 없습니다") from exc
    title_el = root.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    for comment in root.xpath("//comment()"):
        parent = comment.getparent()
        if parent is not None:
            parent.remove(comment) if not comment.tail else _drop_keep_tail(comment)
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    metadata = {"title": title} if title else {}
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        target = {"author": "author", "description": "comments", "keywords": "keywords", "og:url": "url",
                  "og:site_name": "publisher", "article:published_time": "created", "date": "created",
                  "article:modified_time": "modified"}.get(key)
        if target and (meta.get("content") or "").strip() and target not in metadata:
            metadata[target] = " ".join(meta.get("content").split())
    return ReaderResult(walker.parts, paragraph_gap=True, encoding=encoding, title=clean_title(title),
                        metadata=metadata)


def _drop_keep_tail(node: etree._Element) -> None:
    parent = node.getparent()
    prev = node.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + node.tail
    else:
        parent.text = (parent.text or "") + node.tail
    parent.remove(node)

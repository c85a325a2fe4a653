"""The query language, parsed into a small tree before anything touches Whoosh.

    인공지능 기본법          both words (AND is the default)
    오픈AI OR 앤트로픽       either
    NOT 중국, -중국          without
    "AI 기본법"              a phrase (across morphemes and spacing)
    인공*                    a prefix
    doc:004  section:미국  title:"동향 연구"   filters
    entity:과기정통부  type:PERSON (or type:인물)      entity filters
    tag:규제  note:검토                               passages tagged so / whose note says so (filters)
    date:2024-01..2024-06  date:2024  date:..2024-06  documents dated so (the analyst's date, else the file's)
    publisher:전자신문  author:김지선  doctype:보도자료   documents published / written so, of that type
    memo:검토                documents whose memo says so (spacing and case ignored)
    (구글 OR 메타) 투자      grouping

Our own parser, because Whoosh's never complains: a malformed query there
silently means something else. Here it gets a message naming the problem
and where it is, in English and Korean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.core.errors import WorkbenchError

FIELDS = ("doc", "section", "title", "entity", "type", "tag", "note", "date", "publisher", "author", "doctype",
          "memo")
# Filters on whole documents: their effective date, publisher, author and type, and their memo.
DOC_FIELDS = ("date", "publisher", "author", "doctype", "memo")
LATER_FIELDS: tuple[str, ...] = ()


class QueryError(WorkbenchError):
    code = "query"

    def __init__(self, message: str, message_ko: str, position: int | None = None) -> None:
        where = f" (at character {position + 1})" if position is not None else ""
        where_ko = f" ({position + 1}번째 글자)" if position is not None else ""
        super().__init__(message + where, message_ko + where_ko)
        self.position = position


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    field: str | None = None
    prefix: bool = False

    def __str__(self) -> str:
        return f"{self.field + ':' if self.field else ''}{self.text}{'*' if self.prefix else ''}"


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    field: str | None = None

    def __str__(self) -> str:
        return f'{self.field + ":" if self.field else ""}"{self.text}"'


@dataclass(frozen=True, slots=True)
class Not:
    node: "Node"

    def __str__(self) -> str:
        return f"NOT {self.node}"


@dataclass(frozen=True, slots=True)
class And:
    nodes: tuple["Node", ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.nodes)) + ")"


@dataclass(frozen=True, slots=True)
class Or:
    nodes: tuple["Node", ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return "(" + " OR ".join(map(str, self.nodes)) + ")"


Node = Term | Phrase | Not | And | Or

MAX_QUERY_CHARS = 2000
MAX_TERMS = 64
MAX_DEPTH = 32

_TOKEN_RE = re.compile(r'\s+|\(|\)|"[^"]*"?|[^\s()"]+')
_FIELD_RE = re.compile(r"^([A-Za-z]+):(.*)$", re.DOTALL)


@dataclass(slots=True)
class _Tok:
    kind: str  # WORD PHRASE LPAREN RPAREN AND OR NOT MINUS FIELD
    value: str
    pos: int


def _lex(query: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for match in _TOKEN_RE.finditer(query):
        text, pos = match.group(0), match.start()
        if text.isspace():
            continue
        if text == "(":
            toks.append(_Tok("LPAREN", text, pos))
        elif text == ")":
            toks.append(_Tok("RPAREN", text, pos))
        elif text.startswith('"'):
            if len(text) == 1 or not text.endswith('"'):
                raise QueryError('The quote " is never closed', '따옴표(")가 닫히지 않았습니다', pos)
            toks.append(_Tok("PHRASE", text[1:-1], pos))
        elif text in ("AND", "OR", "NOT"):
            toks.append(_Tok(text, text, pos))
        elif text == "-" and query[pos + 1:pos + 2] in ('"', "("):
            toks.append(_Tok("MINUS", "-", pos))  # -"중국 정부", -(구글 OR 메타): the lexer splits at the quote
        else:
            if text.startswith("-") and len(text) > 1:
                toks.append(_Tok("MINUS", "-", pos))
                text, pos = text[1:], pos + 1
            match_field = _FIELD_RE.match(text)
            if match_field and not match_field.group(2).startswith("//"):
                name = match_field.group(1).lower()
                if name in LATER_FIELDS:
                    raise QueryError(f'The filter "{name}:" is not available yet',
                                     f'"{name}:" 필터는 아직 지원하지 않습니다', pos)
                if name not in FIELDS:
                    raise QueryError(
                        f'Unknown filter "{match_field.group(1)}:"; filters are '
                        + ", ".join(f + ":" for f in FIELDS),
                        f'알 수 없는 필터 "{match_field.group(1)}:"입니다. 사용할 수 있는 필터: '
                        + ", ".join(f + ":" for f in FIELDS), pos)
                toks.append(_Tok("FIELD", name, pos))
                rest = match_field.group(2)
                if rest:
                    toks.append(_Tok("WORD", rest, pos + len(name) + 1))
                continue
            toks.append(_Tok("WORD", text, pos))
    return toks


class _Parser:
    def __init__(self, toks: list[_Tok], query: str) -> None:
        self.toks = toks
        self.i = 0
        self.query = query
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:
            raise QueryError('There is a ")" without a matching "("', '짝이 맞는 "(" 없이 ")"가 있습니다', tok.pos)
        return node

    def or_expr(self) -> Node:
        nodes = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            if self.peek() is None or self.peek().kind in ("RPAREN", "OR", "AND"):
                raise QueryError("OR needs a term after it", "OR 뒤에 검색어가 있어야 합니다", tok.pos)
            nodes.append(self.and_expr())
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def and_expr(self) -> Node:
        nodes = []
        while (tok := self.peek()) is not None and tok.kind not in ("OR", "RPAREN"):
            if tok.kind == "AND":
                self.take()
                if not nodes:
                    raise QueryError("AND needs a term before it", "AND 앞에 검색어가 있어야 합니다", tok.pos)
                nxt = self.peek()
                if nxt is None or nxt.kind in ("OR", "AND", "RPAREN"):
                    raise QueryError("AND needs a term after it", "AND 뒤에 검색어가 있어야 합니다", tok.pos)
                continue
            nodes.append(self.unary())
        if not nodes:
            tok = self.peek()
            if tok is not None and tok.kind == "OR":
                raise QueryError("OR needs a term before it", "OR 앞에 검색어가 있어야 합니다", tok.pos)
            if tok is not None and tok.kind == "RPAREN":
                if self.depth == 0:
                    raise QueryError('There is a ")" without a matching "("', '짝이 맞는 "(" 없이 ")"가 있습니다', tok.pos)
                raise QueryError("Empty parentheses", "괄호 안이 비어 있습니다", tok.pos)
            raise QueryError("The query is empty", "검색어가 비어 있습니다")
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def unary(self) -> Node:
        tok = self.take()
        if tok.kind in ("NOT", "MINUS"):
            if self.peek() is None or self.peek().kind in ("OR", "AND", "RPAREN"):
                raise QueryError(f"{tok.value} needs a term after it", f"{tok.value} 뒤에 검색어가 있어야 합니다",
                                 tok.pos)
            return Not(self.unary())
        if tok.kind == "LPAREN":
            if self.peek() is None:
                raise QueryError('The "(" is never closed', '"("가 닫히지 않았습니다', tok.pos)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"Parentheses nest deeper than {MAX_DEPTH} levels",
                                 f"괄호가 {MAX_DEPTH}단계보다 깊게 겹쳐 있습니다", tok.pos)
            node = self.or_expr()
            self.depth -= 1
            close = self.peek()
            if close is None or close.kind != "RPAREN":
                raise QueryError('The "(" is never closed', '"("가 닫히지 않았습니다', tok.pos)
            self.take()
            return node
        if tok.kind == "FIELD":
            value = self.peek()
            if value is None or value.kind not in ("WORD", "PHRASE", "LPAREN") or value.pos > tok.pos + len(tok.value) + 1:
                raise QueryError(f'"{tok.value}:" needs a value, e.g. {tok.value}:미국',
                                 f'"{tok.value}:" 뒤에 값이 있어야 합니다. 예: {tok.value}:미국', tok.pos)
            return _with_field(self.unary(), tok.value)
        if tok.kind == "PHRASE":
            if not tok.value.strip():
                raise QueryError("Empty phrase", "빈 따옴표입니다", tok.pos)
            return Phrase(" ".join(tok.value.split()))
        if tok.kind == "WORD":
            text = tok.value
            if text.endswith("*"):
                stem = text.rstrip("*")
                if not stem or "*" in stem:
                    raise QueryError("A * must follow at least one letter, as in 인공*",
                                     "*는 글자 뒤에 써야 합니다. 예: 인공*", tok.pos)
                return Term(stem, prefix=True)
            if "*" in text:
                raise QueryError("* is only allowed at the end of a word", "*는 단어 끝에만 쓸 수 있습니다",
                                 tok.pos + text.index("*"))
            return Term(text)
        raise QueryError(f"Unexpected {tok.value}", f"예상하지 못한 {tok.value}", tok.pos)


def _with_field(node: Node, name: str) -> Node:
    if isinstance(node, Term):
        return Term(node.text, name, node.prefix)
    if isinstance(node, Phrase):
        return Phrase(node.text, name)
    if isinstance(node, Not):
        return Not(_with_field(node.node, name))
    if isinstance(node, And):
        return And(tuple(_with_field(n, name) for n in node.nodes))
    return Or(tuple(_with_field(n, name) for n in node.nodes))


def positive_terms(node: Node) -> bool:
    """Whether the query has anything to match (not only exclusions)."""
    if isinstance(node, Not):
        return False
    if isinstance(node, (And, Or)):
        return any(positive_terms(n) for n in node.nodes) if isinstance(node, And) else all(
            positive_terms(n) for n in node.nodes)
    return True


def words_after(query: str, field: str, value: str) -> list[str]:
    """The plain words typed right after ``field:value`` (the first such filter),
    up to the next operator, filter, phrase or parenthesis: what the analyst
    may have meant as part of the value (tag:AI 기본법 for tag:"AI 기본법")."""
    try:
        toks = _lex(query)
    except QueryError:
        return []
    for i, tok in enumerate(toks[:-1]):
        if tok.kind == "FIELD" and tok.value == field and toks[i + 1].kind == "WORD" and toks[i + 1].value == value:
            words = []
            for after in toks[i + 2:]:
                if after.kind != "WORD" or _FIELD_RE.match(after.value):
                    break
                words.append(after.value)
            return words
    return []


def parse_query(query: str) -> Node:
    if not query or not query.strip():
        raise QueryError("The query is empty", "검색어가 비어 있습니다")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"The query is {len(query):,} characters long; the limit is {MAX_QUERY_CHARS:,}",
                         f"검색어가 {len(query):,}자입니다. 최대 {MAX_QUERY_CHARS:,}자까지 쓸 수 있습니다")
    bad = next((i for i, ch in enumerate(query) if "\ud800" <= ch <= "\udfff"), None)
    if bad is not None:  # a byte that is not UTF-8 (the terminal's encoding), carried as a lone surrogate
        raise QueryError("The query holds a byte that is not UTF-8 text; type it again or check the "
                         "terminal's encoding (UTF-8)",
                         "검색어에 UTF-8 글자가 아닌 바이트가 있습니다. 다시 입력하거나 터미널 인코딩(UTF-8)을 "
                         "확인하세요", bad)
    tokens = _lex(query)
    words = sum(1 for t in tokens if t.kind in ("WORD", "PHRASE"))
    if words > MAX_TERMS:
        raise QueryError(f"The query has {words} terms; the limit is {MAX_TERMS}",
                         f"검색어가 {words}개입니다. 최대 {MAX_TERMS}개까지 쓸 수 있습니다")
    node = _Parser(tokens, query).parse()
    if not positive_terms(node):
        raise QueryError("A query needs at least one term that is not excluded (NOT/-)",
                         "제외(NOT/-)가 아닌 검색어가 하나 이상 있어야 합니다")
    return node

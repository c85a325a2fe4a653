"""Turn a parsed query into a Whoosh query over the morpheme and bigram fields.

Every word is analysed as the index analysed the text: Kiwi morphemes (a
word that is several morphemes becomes a phrase of them, so 인공지능기본법
matches 인공지능 기본법) OR-ed with the bigrams of its stem (particles cut off by
Kiwi, so 과기정통부가 matches 과기정통부는 on both fields). The morpheme side
weighs more. A word that is a name in the alias list also matches every other
name of the same thing; the expansions applied are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as wq

from workbench.core.aliases import AliasTable
from workbench.core.models import ENTITY_TYPES
from workbench.corpus.doc_meta import DOC_TYPES, date_bounds, normalise_date, normalise_doc_type
from workbench.search.analysis import COMPOUND_RE, bigram_tokens, morph_tokens
from workbench.search.query import DOC_FIELDS, And, Node, Not, Or, Phrase, QueryError, Term
from workbench.search.schema import BIGRAM_BOOST, MORPH_BOOST


@dataclass(frozen=True, slots=True)
class Highlight:
    """What to mark in a hit: consecutive tokens of one field, or a prefix."""

    field: str
    tokens: tuple[str, ...]
    prefix: bool = False


def _squash(text: str) -> str:
    return "".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class DocFilter:
    """One condition on a document's effective metadata.

    ``date``: the document's date (of any precision: 2024, 2024-03, 2024-03-05)
    lies wholly within [first, last] (either end open); a document without a
    date never matches. ``publisher`` / ``author``: the value contains one of
    ``names`` (case and spacing ignored). ``doctype``: the type is ``names[0]``
    (a code), or contains it when it is the analyst's own word.
    """

    field: str
    text: str  # as written, for messages
    names: tuple[str, ...] = ()
    first: str | None = None
    last: str | None = None

    def matches(self, values: dict[str, str]) -> bool:
        if self.field == "date":
            value = values.get("date")
            if not value:
                return False
            try:
                start, end = date_bounds(value)
            except ValueError:
                return False
            return (self.first is None or start >= self.first) and (self.last is None or end <= self.last)
        if self.field == "doctype":
            value = values.get("doc_type", "")
            code = self.names[0]
            return value == code if code in DOC_TYPES else _squash(code) in _squash(value)
        value = _squash(values.get(self.field, ""))
        return bool(value) and any(_squash(n) in value for n in self.names)


@dataclass(frozen=True, slots=True)
class DocFilterGroup:
    """Filters joined by OR (date:2024 OR date:2025); ``negated``: documents matching none."""

    alternatives: tuple[DocFilter, ...]
    negated: bool = False

    def matches(self, values: dict[str, str]) -> bool:
        hit = any(f.matches(values) for f in self.alternatives)
        return not hit if self.negated else hit


def parse_date_filter(value: str) -> tuple[str | None, str | None]:
    """date:2024, date:2024-03-05, date:2024-01..2024-06, date:..2024-06, date:2024-01.. →
    the first and last day (inclusive; either may be open). Raises QueryError."""
    example = "date:2024, date:2024-03, date:2024-03-05, date:2024-01..2024-06, date:..2024-06"
    text = value.strip()
    if ".." in text:
        start_text, _, end_text = text.partition("..")
        if ".." in end_text or (not start_text.strip() and not end_text.strip()):
            raise QueryError(f'"date:{value}" is not a date range; write e.g. {example}',
                             f'"date:{value}"은(는) 올바른 날짜 범위가 아닙니다. 예: {example}')
    else:
        start_text = end_text = text
    bounds: list[str | None] = []
    for part, side in ((start_text.strip().rstrip("."), 0), (end_text.strip().rstrip("."), 1)):
        if not part:
            bounds.append(None)
            continue
        normal = normalise_date(part)
        if normal is None:
            raise QueryError(f'"{part}" in "date:{value}" is not a date; write e.g. {example}',
                             f'"date:{value}"의 "{part}"은(는) 날짜가 아닙니다. 예: {example}')
        bounds.append(date_bounds(normal)[side])
    first, last = bounds
    if first is not None and last is not None and first > last:
        raise QueryError(f'"date:{value}" ends before it begins', f'"date:{value}"은(는) 끝이 시작보다 앞섭니다')
    return first, last


@dataclass(slots=True)
class Compiled:
    query: wq.Query
    expansions: dict[str, list[str]] = field(default_factory=dict)
    highlights: list[Highlight] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)  # canonical names asked for by entity: filters
    tags: list[str] = field(default_factory=list)  # tag: filters, applied to the whole query
    notes: list[str] = field(default_factory=list)  # note: filters, likewise
    # date:, publisher:, author:, doctype: — conditions on documents, applied to the whole query
    doc_filters: list[DocFilterGroup] = field(default_factory=list)


_TYPE_NAMES = {n.casefold(): n for n in ENTITY_TYPES} | {
    "인물": "PERSON", "사람": "PERSON", "기관": "ORG", "기업": "ORG", "조직": "ORG", "장소": "LOCATION", "국가": "LOCATION",
    "날짜": "DATE", "금액": "MONEY", "비율": "PERCENT", "수량": "QUANTITY", "제품": "PRODUCT", "모델": "PRODUCT",
    "법": "LAW", "법률": "LAW", "정책": "LAW",
}


def _seq(fieldname: str, tokens: list[str], boost: float) -> wq.Query:
    if len(tokens) == 1:
        return wq.Term(fieldname, tokens[0], boost=boost)
    return wq.Phrase(fieldname, tokens, boost=boost)


class _Compiler:
    def __init__(self, aliases: AliasTable) -> None:
        self.aliases = aliases
        self.out = Compiled(wq.NullQuery)

    def text_query(self, text: str, highlight: bool = True) -> wq.Query | None:
        """One word or phrase on the body fields; None if nothing is searchable."""
        morphs = morph_tokens(text)
        if morphs:
            # The bigram side uses the stem: from the first to the last kept morpheme.
            core = text[morphs[0].start:morphs[-1].end]
        else:
            core = text
        compound = COMPOUND_RE.fullmatch(core.strip())
        if compound:
            # GPT-4 means GPT-4, not GPT-4o: match the whole name only.
            name = compound.group(0).lower()
            if highlight:
                self.out.highlights.append(Highlight("morph", (name,)))
            return wq.Term("morph", name, boost=MORPH_BOOST)
        bigrams = [t for t, _, _ in bigram_tokens(core)]
        parts = []
        if morphs:
            tokens = [m.form for m in morphs if not m.stacked]
            parts.append(_seq("morph", tokens, MORPH_BOOST))
            if highlight:
                self.out.highlights.append(Highlight("morph", tuple(tokens)))
        if bigrams:
            parts.append(_seq("bigram", bigrams, BIGRAM_BOOST))
            if highlight:
                self.out.highlights.append(Highlight("bigram", tuple(bigrams)))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def with_aliases(self, text: str, highlight: bool) -> wq.Query | None:
        names = self.aliases.expansions(text)
        if not names:
            morphs = morph_tokens(text)
            if len(morphs) == 1 and morphs[0].form != text.lower():
                stem = text[morphs[0].start:morphs[0].end]  # 과기정통부가 → 과기정통부
                names = self.aliases.expansions(stem)
        variants = [q for q in (self.text_query(v, highlight) for v in [text, *names]) if q is not None]
        if names and highlight:
            self.out.expansions.setdefault(text, [])
            self.out.expansions[text] += [n for n in names if n not in self.out.expansions[text]]
        if not variants:
            return None
        return variants[0] if len(variants) == 1 else wq.Or(variants)

    def join_names(self, nodes: tuple[Node, ...]) -> list[Node]:
        """Consecutive words that together are a name in the alias list (AI 안전연구소)
        are searched as that name — a phrase, with its aliases."""
        out: list[Node] = []
        i = 0
        while i < len(nodes):
            for j in range(len(nodes), i + 1, -1):
                run = nodes[i:j]
                if all(isinstance(n, Term) and not n.field and not n.prefix for n in run):
                    name = " ".join(n.text for n in run)
                    if self.aliases.lookup(name):
                        out.append(Phrase(name))
                        i = j
                        break
            else:
                out.append(nodes[i])
                i += 1
        return out

    def doc_filter(self, node: Term | Phrase) -> DocFilter:
        value = node.text.strip()
        if node.field == "date":
            first, last = parse_date_filter(value)
            return DocFilter("date", value, first=first, last=last)
        if node.field == "doctype":
            return DocFilter("doctype", value, (normalise_doc_type(value),))
        names = [value]
        if node.field == "publisher":  # publisher:과기정통부 = publisher:과학기술정보통신부
            names += [n for g in self.aliases.lookup(value) for n in g.names]
        return DocFilter(node.field, value, tuple(dict.fromkeys(names)))

    def doc_filter_nodes(self, node: Node) -> list[Term | Phrase] | None:
        """The metadata filters ``node`` consists of (one, or several joined by OR), else None."""
        if isinstance(node, (Term, Phrase)) and node.field in DOC_FIELDS:
            return [node]
        if isinstance(node, Or):
            parts = [self.doc_filter_nodes(n) for n in node.nodes]
            if all(p is not None for p in parts):
                return [n for p in parts for n in p]
            if any(p is not None for p in parts):
                raise QueryError("date:, publisher:, author: and doctype: filter whole documents; "
                                 "join them with OR only to one another, in parentheses: "
                                 "인공지능 (date:2024 OR date:2025)",
                                 "date:, publisher:, author:, doctype:는 문서 전체를 거르는 필터라 OR로는 "
                                 "이 필터끼리만 괄호로 묶어 이을 수 있습니다: 인공지능 (date:2024 OR date:2025)")
        return None

    def field_query(self, node: Term | Phrase) -> wq.Query:
        value = node.text
        if node.field == "doc":
            # doc:5 is document 5; doc:004 or doc:report match file names.
            if value.isdigit() and not value.startswith("0"):
                return wq.Term("doc", value)
            name = value.lower().replace("?", "").replace("*", "")
            return wq.Wildcard("docname", f"*{name}*")
        if node.field == "entity":
            # Any name of the thing finds it: entity:과기정통부 = entity:과학기술정보통신부.
            groups = self.aliases.lookup(value)
            names = {value} | {g.canonical for g in groups}
            self.out.entities |= {n.casefold() for n in names}
            return wq.Or([wq.Term("entity", n.casefold()) for n in sorted(names)])
        if node.field in ("tag", "note"):
            (self.out.tags if node.field == "tag" else self.out.notes).append(value)
            return wq.Every()
        if node.field == "type":
            kind = _TYPE_NAMES.get(value.casefold())
            if kind is None:
                raise QueryError(f'Unknown entity type "{value}"; use one of {", ".join(ENTITY_TYPES)}',
                                 f'알 수 없는 개체 유형 "{value}"입니다. {", ".join(ENTITY_TYPES)} 중 하나를 쓰세요')
            return wq.Term("etype", kind.casefold())
        fieldname = node.field
        if isinstance(node, Term) and node.prefix:
            return wq.Prefix(fieldname, value.lower())
        tokens = [m.form for m in morph_tokens(value) if not m.stacked]
        if not tokens:
            raise QueryError(f'Nothing searchable in "{node}"', f'"{node}"에는 검색할 수 있는 말이 없습니다')
        return _seq(fieldname, tokens, 1.0)

    def compile(self, node: Node, highlight: bool = True) -> wq.Query | None:
        filters = self.doc_filter_nodes(node.node if isinstance(node, Not) else node)
        if filters is not None:
            # Document filters narrow the whole query (like tag:), computed from the
            # database when searching: an analyst's correction counts at once.
            self.out.doc_filters.append(DocFilterGroup(tuple(self.doc_filter(n) for n in filters),
                                                       negated=isinstance(node, Not)))
            return None if isinstance(node, Not) else wq.Every()
        if isinstance(node, (Term, Phrase)):
            if node.field:
                return self.field_query(node)
            if isinstance(node, Term) and node.prefix:
                stem = node.text.lower()
                if highlight:
                    self.out.highlights.append(Highlight("morph", (stem,), prefix=True))
                parts = [wq.Prefix("morph", stem, boost=MORPH_BOOST)]
                if len(stem) >= 2:
                    parts.append(wq.Prefix("bigram", stem[:2] if not stem.isascii() else stem, boost=BIGRAM_BOOST))
                return wq.Or(parts)
            result = self.with_aliases(node.text, highlight)
            if result is None:
                self.out.ignored.append(str(node))
            return result
        if isinstance(node, Not):
            inner = self.compile(node.node, highlight=False)
            return wq.Not(inner) if inner is not None else None
        nodes = self.join_names(node.nodes) if isinstance(node, And) else node.nodes
        children = [c for c in (self.compile(n, highlight) for n in nodes) if c is not None]
        if not children:
            return None
        if len(children) == 1:
            return children[0]
        if isinstance(node, Or):
            return wq.Or(children)
        positives = [c for c in children if not isinstance(c, wq.Not)]
        negatives = [c.query for c in children if isinstance(c, wq.Not)]
        if not positives:
            return None
        base = positives[0] if len(positives) == 1 else wq.And(positives)
        for neg in negatives:
            base = wq.AndNot(base, neg)
        return base


def compile_query(node: Node, aliases: AliasTable) -> Compiled:
    compiler = _Compiler(aliases)
    result = compiler.compile(node)
    if result is None or isinstance(result, wq.Not):
        raise QueryError("Nothing searchable in the query (only punctuation or particles?)",
                         "검색할 수 있는 말이 없습니다(문장부호나 조사만 있나요?)")
    compiler.out.query = result
    return compiler.out

"""Turn a parsed query into a plan: each word's morpheme query and bigram
sequences (see ``plan``), filters, and what to mark in the hits.

Every word is analysed as the index analysed the text. Its morphemes become
a term or a phrase on the morpheme field (particles dropped, so 과기정통부가
is 과기정통부; compounds split, so 인공지능기본법 is 인공지능 기본법). A word
that is a name in the alias list is its group's one ``§`` token — every name
of the thing, scored as one word — and the expansions are reported. Its
bigrams (of the stem: particles cut off by Kiwi) are the second way to find
it, checked only where the morphemes did not match.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh import query as wq

from workbench.core.aliases import AliasTable, name_key
from workbench.core.models import ENTITY_TYPES
from workbench.corpus.doc_meta import normalise_doc_type
from workbench.search.alias_tokens import group_token
from workbench.search.analysis import COMPOUND_RE, WORD_START_MARK, bigram_tokens, morph_tokens
from workbench.search.doc_filters import DocFilter, DocFilterGroup, memo_key, parse_date_filter
from workbench.search.plan import AllOf, AnyOf, GramSequence, Leaf, Plan, Word, morph_query
from workbench.search.query import DOC_FIELDS, And, Node, Not, Or, Phrase, QueryError, Term
from workbench.search.schema import MORPH_BOOST


@dataclass(frozen=True, slots=True)
class Highlight:
    """What to mark in a hit: consecutive tokens of one field, or a prefix."""

    field: str
    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(slots=True)
class Lookup:
    """What the compiler reads besides the query: the project's documents
    (id, title, file name) for title: and doc:NAME, and the index's section
    terms for section:. Called only when the query has such a filter."""

    documents: Callable[[], list[tuple[int, str, str]]] = lambda: []
    sections: Callable[[], list[str]] = lambda: []


@dataclass(slots=True)
class Compiled:
    plan: Plan
    query: wq.Query  # the plan with every word found as morphemes (what Whoosh scores)
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


def _is_syllable_pair(token: str) -> bool:
    return len(token) == 2 and not token.isascii() and not any("\u00c0" <= ch <= "\u024f" for ch in token)


def gram_sequence(text: str) -> GramSequence | None:
    """The bigram sequence that finds ``text`` spaced or analysed otherwise:
    its first bigram must begin a word or word part; later ones may or may
    not. None when the text has no syllable pair (Latin words and numbers
    are whole tokens on the morpheme field already)."""
    tokens = [t for t, _, _ in bigram_tokens(text)]
    if not any(_is_syllable_pair(t) for t in tokens):
        return None
    out = []
    for i, token in enumerate(tokens):
        if not _is_syllable_pair(token):
            out.append((token,))
        elif i == 0:
            out.append((WORD_START_MARK + token,))
        else:
            out.append((token, WORD_START_MARK + token))
    return tuple(out)


class _Compiler:
    def __init__(self, aliases: AliasTable, lookup: Lookup) -> None:
        self.aliases = aliases
        self.lookup = lookup
        self.out = Compiled(Leaf(wq.NullQuery), wq.NullQuery)

    def _form(self, text: str, highlight: bool) -> tuple[wq.Query | None, GramSequence | None, tuple[str, ...]]:
        """One written form: its morpheme query, bigram sequence and morphemes."""
        morphs = morph_tokens(text)
        # The bigram side uses the stem: from the first to the last kept morpheme.
        core = text[morphs[0].start:morphs[-1].end] if morphs else text
        compound = COMPOUND_RE.fullmatch(core.strip())
        if compound:
            # GPT-4 means GPT-4, not GPT-4o: match the whole name only.
            name = compound.group(0).lower()
            if highlight:
                self.out.highlights.append(Highlight("morph", (name,)))
            return wq.Term("morph", name, boost=MORPH_BOOST), None, (name,)
        tokens = tuple(m.form for m in morphs if not m.stacked)
        if tokens and highlight:
            self.out.highlights.append(Highlight("morph", tokens))
        query = _seq("morph", list(tokens), MORPH_BOOST) if tokens else None
        return query, gram_sequence(core), tokens

    def word(self, text: str, highlight: bool) -> Word | None:
        """A word or phrase on the body, with the other names of its alias group."""
        groups = [g for g in self.aliases.lookup(text) if len(g.names) > 1]
        if not groups:
            morphs = morph_tokens(text)
            if len(morphs) == 1 and morphs[0].form != text.lower():
                stem = text[morphs[0].start:morphs[0].end]  # 과기정통부가 → 과기정통부
                groups = [g for g in self.aliases.lookup(stem) if len(g.names) > 1]
        query, grams, tokens = self._form(text, highlight)
        sequences = [grams] if grams else []
        if not groups:
            if query is None and not sequences:
                return None
            return Word(text, query, sequences, tokens)
        # Every name of the group is the group's one token (see alias_tokens):
        # one term, every name scored alike. The typed form's own morpheme
        # phrase is not searched as well: it cost a phrase match over every
        # passage holding its common parts (오픈, ai: 188 -> 60 ms at 10 MB) and
        # found nothing more; a passage where Kiwi split a name otherwise is
        # still found through the names' bigrams, after the others.
        own = name_key(text)
        names = [n for g in groups for n in g.names if name_key(n) != own]
        alternatives = [wq.Term("morph", group_token(g), boost=MORPH_BOOST) for g in groups]
        for name in names:  # their bigrams find spelling and spacing variants
            seq = gram_sequence(name)
            if seq and seq not in sequences:
                sequences.append(seq)
        if highlight:
            self.out.highlights += [Highlight("morph", (group_token(g),)) for g in groups]
            self.out.expansions.setdefault(text, [])
            self.out.expansions[text] += [n for n in dict.fromkeys(names) if n not in self.out.expansions[text]]
        morph = alternatives[0] if len(alternatives) == 1 else wq.DisjunctionMax(alternatives)
        return Word(text, morph, sequences, (group_token(groups[0]),))

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
        if node.field == "memo":
            if not memo_key(value):
                raise QueryError('"memo:" needs a word to find in the documents\' memos, e.g. memo:검토',
                                 '"memo:" 뒤에 문서 메모에서 찾을 말을 써야 합니다. 예: memo:검토')
            morphs = morph_tokens(value)  # the stem too, without a particle: memo:검토를 finds 검토 필요
            stem = value[morphs[0].start:morphs[-1].end] if morphs else value
            return DocFilter("memo", value, tuple(dict.fromkeys(n for n in (value, stem) if memo_key(n))))
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
                raise QueryError("date:, publisher:, author:, doctype: and memo: filter whole documents; "
                                 "join them with OR only to one another, in parentheses: "
                                 "인공지능 (date:2024 OR date:2025)",
                                 "date:, publisher:, author:, doctype:, memo:는 문서 전체를 거르는 필터라 OR로는 "
                                 "이 필터끼리만 괄호로 묶어 이을 수 있습니다: 인공지능 (date:2024 OR date:2025)")
        return None

    def _documents(self, wanted) -> wq.Query:
        ids = [doc_id for doc_id, title, name in self.lookup.documents() if wanted(title, name)]
        return wq.Or([wq.Term("doc", str(i)) for i in ids]) if ids else wq.NullQuery

    def field_query(self, node: Term | Phrase) -> wq.Query:
        value = node.text
        squashed = name_key(value.replace("*", "").replace("?", ""))
        if node.field == "doc":
            # doc:5 is document 5; doc:004 or doc:report match file names.
            if value.isdigit() and not value.startswith("0"):
                return wq.Term("doc", value)
            return self._documents(lambda title, name: squashed in name_key(name))
        if node.field == "title":  # the title as the library shows it (spacing and case ignored)
            return self._documents(lambda title, name: squashed in name_key(title))
        if node.field == "section":  # any level of the section path
            keys = [k for k in self.lookup.sections() if squashed and squashed in k]
            return wq.Or([wq.Term("section", k) for k in keys]) if keys else wq.NullQuery
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
        raise QueryError(f'Unknown filter "{node.field}:"', f'알 수 없는 필터 "{node.field}:"')

    def compile(self, node: Node, highlight: bool = True) -> Plan | None:
        filters = self.doc_filter_nodes(node.node if isinstance(node, Not) else node)
        if filters is not None:
            # Document filters narrow the whole query (like tag:), computed from the
            # database when searching: an analyst's correction counts at once.
            self.out.doc_filters.append(DocFilterGroup(tuple(self.doc_filter(n) for n in filters),
                                                       negated=isinstance(node, Not)))
            return None if isinstance(node, Not) else Leaf(wq.Every())
        if isinstance(node, (Term, Phrase)):
            if node.field:
                return Leaf(self.field_query(node))
            if isinstance(node, Term) and node.prefix:
                stem = node.text.lower()
                if highlight:
                    self.out.highlights.append(Highlight("morph", (stem,), prefix=True))
                seq = gram_sequence(stem)  # the stem's bigrams, whatever follows them
                return Word(str(node), wq.Prefix("morph", stem, boost=MORPH_BOOST), [seq] if seq else [])
            result = self.word(node.text, highlight)
            if result is None:
                self.out.ignored.append(str(node))
            return result
        if isinstance(node, Not):
            inner = self.compile(node.node, highlight=False)
            return None if inner is None else AllOf([], [inner])
        nodes = self.join_names(node.nodes) if isinstance(node, And) else node.nodes
        children = [c for c in (self.compile(n, highlight) for n in nodes) if c is not None]
        if not children:
            return None
        if isinstance(node, Or):
            return children[0] if len(children) == 1 else AnyOf(children)
        positives = [c for c in children if not (isinstance(c, AllOf) and not c.parts)]
        negatives = [n for c in children if isinstance(c, AllOf) and not c.parts for n in c.without]
        if not positives:
            return None
        if len(positives) == 1 and not negatives:
            return positives[0]
        return AllOf(positives, negatives)


def compile_query(node: Node, aliases: AliasTable, lookup: Lookup | None = None) -> Compiled:
    compiler = _Compiler(aliases, lookup or Lookup())
    plan = compiler.compile(node)
    if plan is None or (isinstance(plan, AllOf) and not plan.parts):
        raise QueryError("Nothing searchable in the query (only punctuation or particles?)",
                         "검색할 수 있는 말이 없습니다(문장부호나 조사만 있나요?)")
    compiler.out.plan = plan
    compiler.out.query = morph_query(plan)
    return compiler.out

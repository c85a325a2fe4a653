"""Recall and precision of search on the seeds and real HWP files, against two baselines.

Relevant passages are those containing any evidence string of the query
(benchmarks/queries.py). Three systems search the same passages:

* workbench — our index (Kiwi morphemes + bigrams + aliases), as the app runs it;
* bigram-only — the same bigram field alone, each word a bigram phrase, no aliases;
* whoosh-default — Whoosh's StandardAnalyzer and QueryParser, out of the box.

Recall = relevant found / relevant; precision = relevant found / found (all
hits, no cut-off); P@10 over the first ten. Usage: python benchmarks/relevance.py
"""

from __future__ import annotations

import re
import statistics
import tempfile
from pathlib import Path

from common import SEEDS, machine

from whoosh import index as windex
from whoosh import query as wq
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.qparser import QueryParser

from benchmarks.queries import QUERIES, RANKING
from workbench.search.analysis import BigramTokenizer, bigram_tokens
from workbench.search.passages import make_passages
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.search import search
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project


# Web addresses are blanked before matching evidence: they are not prose.
ADDRESS_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|kr|org|net|gov|io|ai)/\S*", re.IGNORECASE)
REAL_HWP = SEEDS.parent / "tests" / "fixtures" / "realfiles" / "hwp"


def prose(text: str) -> str:
    return ADDRESS_RE.sub(lambda m: " " * len(m.group(0)), text)


def evidence_matcher(evidence: list[str]):
    parts = []
    for e in evidence:
        escaped = re.escape(e)
        if e.isascii():
            parts.append(rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])")
        elif e[0].isdigit():
            parts.append(rf"(?<![0-9.,]){escaped}")
        else:
            parts.append(escaped)
    return re.compile("|".join(parts), re.IGNORECASE)


def passages_of(project: Project) -> dict[tuple[int, int], str]:
    conn = project.connect()
    repo = DocumentRepository(conn)
    out = {}
    for info in repo.list():
        text = repo.text(info.id)
        for p in make_passages(text, repo.blocks(info.id)):
            out[(info.id, p.seq)] = text[p.start:p.end]
    conn.close()
    return out


def build_baseline(folder: Path, passages: dict, analyzer) -> windex.Index:
    folder.mkdir(parents=True)
    ix = windex.create_in(str(folder), Schema(pid=ID(stored=True), body=TEXT(analyzer=analyzer), raw=STORED()))
    writer = ix.writer()
    for (doc, seq), text in passages.items():
        writer.add_document(pid=f"{doc}:{seq}", body=text)
    writer.commit()
    return ix


def bigram_query(q: str) -> wq.Query:
    words = [w.strip('"') for w in q.split()]
    parts = []
    for word in words:
        toks = [t for t, _, _ in bigram_tokens(word)]
        if toks:
            parts.append(wq.Term("body", toks[0]) if len(toks) == 1 else wq.Phrase("body", toks))
    return wq.And(parts) if len(parts) > 1 else parts[0]


def run_baseline(ix, q) -> set[tuple[int, int]]:
    with ix.searcher() as s:
        return {tuple(map(int, hit["pid"].split(":"))) for hit in s.search(q, limit=None)}


def scores(found: list[tuple[int, int]], relevant: set) -> tuple[float, float, float]:
    hits = [p for p in found if p in relevant]
    recall = len(set(hits)) / len(relevant) if relevant else 1.0
    precision = len(hits) / len(found) if found else (1.0 if not relevant else 0.0)
    top = found[:10]
    p10 = sum(1 for p in top if p in relevant) / len(top) if top else (1.0 if not relevant else 0.0)
    return recall, precision, p10


def main() -> None:
    print(f"Machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = Project.open(work / "project")
        run_job(ingest(project, [SEEDS, REAL_HWP]))
        passages = passages_of(project)
        bigram_ix = build_baseline(work / "bigram", passages, BigramTokenizer())
        default_ix = build_baseline(work / "default", passages, StandardAnalyzer())
        parser = QueryParser("body", default_ix.schema)
        rows = []
        print(f"{len(QUERIES)} queries over {len(passages)} passages of the seeds and real HWP files\n")
        print("| query | relevant | workbench R / P / P@10 | bigram-only R / P | whoosh-default R / P |")
        print("|---|---|---|---|---|")
        for q, evidence in QUERIES:
            matcher = evidence_matcher(evidence)
            relevant = {pid for pid, text in passages.items() if matcher.search(prose(text))}
            ours = search(project, q, limit=None)
            ours_found = [(h.doc_id, h.passage) for h in ours.hits]
            bigram_found = sorted(run_baseline(bigram_ix, bigram_query(q)))
            default_found = sorted(run_baseline(default_ix, parser.parse(q)))
            row = (scores(ours_found, relevant), scores(bigram_found, relevant), scores(default_found, relevant))
            rows.append(row)
            (r1, p1, t1), (r2, p2, _), (r3, p3, _) = row
            print(f"| {q} | {len(relevant)} | {r1:.2f} / {p1:.2f} / {t1:.2f} | {r2:.2f} / {p2:.2f} | {r3:.2f} / {p3:.2f} |")
        print()
        for name, i in (("workbench", 0), ("bigram-only", 1), ("whoosh-default", 2)):
            r = statistics.mean(row[i][0] for row in rows)
            p = statistics.mean(row[i][1] for row in rows)
            t = statistics.mean(row[i][2] for row in rows)
            f1 = 2 * r * p / (r + p) if r + p else 0
            print(f"{name:15} mean recall {r:.3f}  mean precision {p:.3f}  F1 {f1:.3f}  P@10 {t:.3f}")
        print()
        ranking(project, passages)


def ranking(project: Project, passages: dict) -> None:
    """Where the first passage of a kind lands among the hits (1 = first)."""
    print("| query | looking for | its first rank | in the top 10 / in all hits |")
    print("|---|---|---|---|")
    for q, want, but_not, what in RANKING:
        wanted = evidence_matcher(want)
        unwanted = evidence_matcher(but_not) if but_not else None
        ranks = [i + 1 for i, h in enumerate(search(project, q, limit=None).hits)
                 if wanted.search(prose(passages[(h.doc_id, h.passage)]))
                 and not (unwanted and unwanted.search(prose(passages[(h.doc_id, h.passage)])))]
        first = ranks[0] if ranks else "—"
        print(f"| {q} | {what} | {first} | {sum(1 for r in ranks if r <= 10)} / {len(ranks)} |")


if __name__ == "__main__":
    main()

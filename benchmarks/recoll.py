"""Workbench beside Recoll (Xapian) on the same generated corpus.

Usage: python benchmarks/recoll.py [--mb 10] [--repeat 3] [--no-relevance]

The corpus is the one benchmarks/search.py generates (common.generate_corpus),
the queries are its 38 (benchmarks/queries.py). Measured:

* Recoll — ``recollindex -c CONFDIR`` (wall time, CPU time and peak RSS of the
  process); per query ``recollq -c CONFDIR -n 0-20 -q QUERY`` as a whole
  process (``-n first-count``: 20 results); and in-process through Recoll's
  Python module (Debian ``python3-recoll``, built for the system Python, so it
  runs in a ``/usr/bin/python3 -I`` child): the query and 20 results, then the
  same with Recoll's synthetic abstract (its snippets) for each result.
  Recoll runs twice: as it comes, one document per file (these files are
  ~0.5 MB), and with ``textfilepagekbs = 2``, which cuts text files into
  ~2 KB documents, nearer the grain of Workbench's passages (a section's
  blocks, up to ~2K characters; shorter in this corpus, whose shuffled lines
  often start new sections).
* Workbench — the public services, in process: ``ingest`` end to end (read,
  entities, index), then ``search`` with 20 passage hits, snippets and match
  offsets, warm (Kiwi loaded before timing).
* Kiwi alone — ``get_kiwi().tokenize(list_of_lines)`` over the same text with
  two workers: the ceiling for any Kiwi-based indexer on two cores.

Recoll indexes Hangul as overlapping character bigrams (``cjkngramlen = 2``,
the default; no Korean morphology unless ``hangultagger`` names a KoNLPy
tagger, which Debian does not package). A query word becomes a phrase of its
bigrams, so particles (과기정통부가) and spacing (인공지능기본법 vs 인공지능 기본법)
change what it finds; it has no Korean stemmer, and its synonym files (``-T``)
do not reach Hangul terms, so our alias list cannot be given to it that way.
So the script also scores, unless ``--no-relevance``, Workbench, Recoll, and
Recoll with each word's aliases typed as an OR group, on the seeds' passages
against the judged evidence of benchmarks/queries.py (relevance.py's method).

The generated corpus reshuffles the seeds' lines: fine for throughput and
latency, but a stage that caches per line or per sentence would look better
here than on real text.

Without Recoll (``apt-get install recollcmd python3-recoll``) the script says
so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import SEEDS, generate_corpus, machine, peak_rss_mb
from search import percentile

from benchmarks.queries import QUERIES

INDEX_RUNS = 3  # recollindex runs per configuration

# Runs under the system Python with Recoll's module: reads a job as JSON on
# stdin, answers JSON on stdout. -I keeps this folder (and our recoll.py) off
# its sys.path.
_RECOLL_WORKER = r"""
import json, sys, time
from recoll import recoll

job = json.load(sys.stdin)
db = recoll.connect(confdir=job["confdir"])
out = {"documents": 0, "plain": [], "snippets": [], "counts": {}, "ranked": {}}
q = db.query()
out["documents"] = q.execute("mime:text/plain")


def top(qs, abstracts):
    q = db.query()
    n = q.execute(qs)
    docs = q.fetchmany(20)
    if abstracts:
        for d in docs:
            q.makedocabstract(d)
    return n


if job["mode"] == "timing":
    for qs in job["queries"]:  # warm Xapian's and the OS's caches
        top(qs, job["warm_abstracts"])
    for _ in range(job["repeat"]):
        for qs in job["queries"]:
            t = time.perf_counter()
            out["counts"][qs] = top(qs, False)
            out["plain"].append((time.perf_counter() - t) * 1000)
    for _ in range(job["snippet_repeat"]):
        for qs in job["queries"]:
            t = time.perf_counter()
            top(qs, True)
            out["snippets"].append((time.perf_counter() - t) * 1000)
else:  # every result, best first (file names only)
    for qs in job["queries"]:
        q = db.query()
        q.execute(qs)
        names = []
        while True:
            batch = q.fetchmany(500)
            if not batch:
                break
            names += [d["filename"] for d in batch]
        out["ranked"][qs] = names
json.dump(out, sys.stdout)
"""


def find_recoll_python() -> str | None:
    """A system Python that has Recoll's module (python3-recoll), if any."""
    for exe in ("/usr/bin/python3", *sorted(Path("/usr/bin").glob("python3.[0-9]*"))):
        exe = str(exe)
        if os.access(exe, os.X_OK) and subprocess.run(
                [exe, "-I", "-c", "from recoll import recoll"], capture_output=True, cwd="/").returncode == 0:
            return exe
    return None


def recoll_worker(python: str, job: dict) -> dict:
    done = subprocess.run([python, "-I", "-c", _RECOLL_WORKER], input=json.dumps(job), capture_output=True,
                          text=True, cwd="/", check=False)
    if done.returncode != 0:
        raise RuntimeError(f"python3-recoll worker failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def write_config(confdir: Path, corpus: Path, page_kb: int | None) -> None:
    confdir.mkdir(parents=True)
    lines = [
        f'topdirs = "{corpus}"',
        "indexstemminglanguages =",  # no Korean stemmer exists; don't expand Latin words either
        "nocjk = 0",
        "cjkngramlen = 2",  # Hangul as overlapping character bigrams (the default)
        "noaspell = 1",  # no spelling dictionary (and no aspell warning)
        "loglevel = 1",
    ]
    if page_kb is not None:
        lines.append(f"textfilepagekbs = {page_kb}")
    (confdir / "recoll.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")


def recollindex(confdir: Path) -> dict:
    """Index with recollindex; wall time, CPU time and peak RSS of that process."""
    log = confdir / "recollindex.log"
    peak_kb = 0
    with log.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(["recollindex", "-c", str(confdir)], stdout=subprocess.DEVNULL, stderr=err)
        while True:
            # The child's ru_maxrss would count this (large) process as it was when forked;
            # VmHWM of the running recollindex is its own peak.
            done, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if done:
                break
            peak_kb = max(peak_kb, _vm_hwm_kb(proc.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or not (confdir / "xapiandb").is_dir():
        raise RuntimeError(f"recollindex failed ({proc.returncode}): {log.read_text(errors='replace')[-2000:]}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": peak_kb / 1024,
            "size_mb": dir_mb(confdir / "xapiandb")}


def _vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


_RESULTS = re.compile(r"^(\d+) results", re.MULTILINE)
_PARSED = re.compile(r"^Recoll query: (.*)$", re.MULTILINE)


def recollq(confdir: Path, query: str) -> tuple[float, int, str]:
    """One whole recollq process for 20 results: (milliseconds, count, Recoll's parsed query)."""
    started = time.perf_counter()
    done = subprocess.run(["recollq", "-c", str(confdir), "-n", "0-20", "-q", query], capture_output=True,
                          text=True, check=False)
    ms = (time.perf_counter() - started) * 1000
    text = done.stdout + done.stderr
    count = _RESULTS.search(text)
    parsed = _PARSED.search(text)
    if done.returncode != 0 or parsed is None:
        raise RuntimeError(f"recollq failed on {query!r}: {text.strip()[-1000:]}")
    return ms, int(count.group(1)) if count else 0, parsed.group(1)


def dir_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def p50_p95(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"{statistics.median(values):.0f} / {percentile(values, 0.95):.0f} ms"


def bench_recoll(label: str, corpus: Path, work: Path, page_kb: int | None, python: str | None,
                 queries: list[str], repeat: int) -> dict:
    runs = []
    for n in range(INDEX_RUNS):  # cheap, so indexed a few times; the median is reported
        confdir = work / f"recoll-{label}-{n}"
        write_config(confdir, corpus, page_kb)
        runs.append(recollindex(confdir))
    out = {"seconds": statistics.median(r["seconds"] for r in runs),
           "cpu": statistics.median(r["cpu"] for r in runs),
           "rss_mb": max(r["rss_mb"] for r in runs), "size_mb": runs[-1]["size_mb"],
           "runs": [r["seconds"] for r in runs]}
    for q in queries:  # warm
        recollq(confdir, q)
    out["process"], out["counts"], out["parsed"] = [], {}, {}
    for _ in range(repeat):
        for q in queries:
            ms, count, parsed = recollq(confdir, q)
            out["process"].append(ms)
            out["counts"][q], out["parsed"][q] = count, parsed
    out["inproc"], out["snippets"], out["documents"] = [], [], None
    if python:
        # Abstracts of 20 half-megabyte files take about a second a query: once is enough there.
        res = recoll_worker(python, {"mode": "timing", "confdir": str(confdir), "queries": queries,
                                     "repeat": repeat, "snippet_repeat": 1 if page_kb is None else repeat,
                                     "warm_abstracts": page_kb is not None})
        out["inproc"], out["snippets"], out["documents"] = res["plain"], res["snippets"], res["documents"]
    print(f"  Recoll ({label}): indexed in {out['seconds']:.1f} s, {out['size_mb']:.1f} MB; "
          f"recollq {p50_p95(out['process'])}", flush=True)
    return out


def bench_workbench(corpus: Path, work: Path, queries: list[str], repeat: int) -> dict:
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job
    from workbench.services.search import search
    from workbench.store.project import Project

    project = Project.open(work / "workbench")
    marks: dict[str, float] = {}

    def on_progress(p) -> None:
        marks.setdefault(p.stage, time.perf_counter())

    cpu = cpu_seconds()
    started = time.perf_counter()
    report = run_job(ingest(project, [corpus]), on_progress)
    total = time.perf_counter() - started
    cpu = cpu_seconds() - cpu
    if report.failed:
        raise RuntimeError(f"Workbench ingest failed: {report.to_json()}")
    index_s = float(report.index["seconds"])
    read_s = marks.get("index", started + total - index_s) - started
    # Entities are extracted inside the index job, from its Kiwi tokens.
    entities_s = float(report.index.get("phases", {}).get("entities", 0.0))
    out = {"seconds": total, "cpu": cpu, "read": read_s, "index": index_s, "entities": entities_s,
           "size_mb": dir_mb(project.index_dir), "counts": {}, "search": [], "passages": None}
    try:  # how many passages the index holds (relevance.py's helper; internal API, so optional)
        from relevance import passages_of

        texts = passages_of(project).values()
        out["passages"] = len(texts)
        out["passage_chars"] = sum(len(t) for t in texts) / max(1, len(texts))
    except Exception:  # noqa: BLE001 - a count for the table only
        pass
    for q in queries:  # warm the OS cache and Whoosh's
        search(project, q, limit=20)
    for _ in range(repeat):
        for q in queries:
            t = time.perf_counter()
            result = search(project, q, limit=20)
            out["search"].append((time.perf_counter() - t) * 1000)
            out["counts"][q] = result.total
    print(f"  Workbench: ingested in {total:.1f} s; search {p50_p95(out['search'])}", flush=True)
    return out


def bench_kiwi(corpus: Path) -> dict:
    from workbench.corpus.kiwi import get_kiwi

    lines = [line for f in sorted(corpus.glob("*.txt"))
             for line in f.read_text(encoding="utf-8").split("\n") if line.strip()]
    kiwi = get_kiwi()
    cpu = cpu_seconds()
    started = time.perf_counter()
    for _ in kiwi.tokenize(lines):
        pass
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu
    chars = sum(len(line) for line in lines)
    mb = sum(len(line.encode("utf-8")) + 1 for line in lines) / 1024 / 1024
    print(f"  Kiwi: {chars:,} characters in {len(lines):,} lines tokenised in {seconds:.1f} s", flush=True)
    return {"seconds": seconds, "cpu": cpu, "chars": chars, "mb": mb}


def cpu_seconds() -> float:
    """CPU time of this process, all threads (Kiwi's workers included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def relevance(work: Path, python: str) -> None:
    """Recall and precision on the seeds' passages (relevance.py's method), Recoll beside Workbench."""
    try:
        from relevance import evidence_matcher, passages_of, prose, scores
    except ImportError as exc:  # relevance.py follows the search code; don't let it stop this script
        print(f"\n(Relevance skipped: benchmarks/relevance.py cannot be imported: {exc})")
        return
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job
    from workbench.services.search import alias_table, search
    from workbench.store.project import Project

    project = Project.open(work / "seeds-project")
    run_job(ingest(project, [SEEDS]))
    passages = passages_of(project)
    folder = work / "seed-passages"
    folder.mkdir()
    for (doc, seq), text in passages.items():
        (folder / f"p{doc}_{seq}.txt").write_text(text, encoding="utf-8")
    confdir = work / "recoll-seed-passages"
    write_config(confdir, folder, None)
    recollindex(confdir)
    table = alias_table(project)
    expanded = {q: with_aliases(q, table) for q, _ in QUERIES}
    ranked = recoll_worker(python, {"mode": "all", "confdir": str(confdir),
                                    "queries": sorted({q for q, _ in QUERIES} | set(expanded.values()))})["ranked"]
    name = re.compile(r"^p(\d+)_(\d+)\.txt$")

    def found(q: str) -> list[tuple[int, int]]:
        return [tuple(map(int, m.groups())) for m in map(name.match, ranked[q]) if m]

    print(f"\nRelevance on the seeds: {len(QUERIES)} queries over the same {len(passages)} passages "
          "(one file each for Recoll); relevant = contains the query's judged evidence (benchmarks/queries.py). "
          "'Recoll + aliases' is Recoll given each word's other names from our alias list as an OR group, "
          "as a Recoll user would type them (its synonym files do not reach Hangul terms).\n")
    print("| query | relevant | Workbench R / P | Recoll R / P | Recoll + aliases R / P |")
    print("|---|---|---|---|---|")
    rows = []
    for q, evidence in QUERIES:
        matcher = evidence_matcher(evidence)
        relevant = {pid for pid, text in passages.items() if matcher.search(prose(text))}  # addresses are not prose
        ours = [(h.doc_id, h.passage) for h in search(project, q, limit=None).hits]
        row = (scores(ours, relevant), scores(found(q), relevant), scores(found(expanded[q]), relevant))
        rows.append(row)
        print(f"| {q} | {len(relevant)} | " + " | ".join(f"{r:.2f} / {p:.2f}" for r, p, _ in row) + " |")
    print()
    print("| system | mean recall | mean precision | F1 | P@10 |")
    print("|---|---|---|---|---|")
    for label, i in (("Workbench (morphemes + bigrams + aliases)", 0), ("Recoll (Xapian, Hangul bigrams)", 1),
                     ("Recoll + aliases typed as OR groups", 2)):
        r = statistics.mean(row[i][0] for row in rows)
        p = statistics.mean(row[i][1] for row in rows)
        t = statistics.mean(row[i][2] for row in rows)
        f1 = 2 * r * p / (r + p) if r + p else 0.0
        print(f"| {label} | {r:.3f} | {p:.3f} | {f1:.3f} | {t:.3f} |")


def with_aliases(query: str, table) -> str:
    """The query in Recoll's language with each word's other names OR-ed in:
    앤트로픽 → (앤트로픽 OR Anthropic OR 앤스로픽). Quoted phrases stay as they are."""
    if query.startswith('"'):
        return query
    words = []
    for word in query.split():
        names = [word, *table.expansions(word)]
        quoted = [f'"{n}"' if " " in n else n for n in names]
        words.append(f"({' OR '.join(quoted)})" if len(quoted) > 1 else word)
    return " ".join(words)


def ratio(ours: float, theirs: float) -> str:
    if not theirs:
        return "—"
    x = ours / theirs
    return f"{x:.0f}×" if x >= 10 else f"{x:.1f}×" if x >= 0.095 else f"{x:.2f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10, help="size of the generated corpus (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the queries (default 3)")
    parser.add_argument("--no-relevance", dest="relevance", action="store_false",
                        help="skip recall/precision on the seeds")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    load = os.getloadavg()
    missing = [tool for tool in ("recollindex", "recollq") if shutil.which(tool) is None]
    if missing:
        print(f"Note: Recoll is not installed ({', '.join(missing)} not found): skipping the Recoll comparison. "
              "On Debian/Ubuntu: apt-get install recollcmd python3-recoll (make bench does so as root).")
        return
    usage = subprocess.run(["recollindex", "-h"], capture_output=True, text=True)
    version = re.search(r"Recoll version: (.*)", usage.stdout + usage.stderr)
    python = find_recoll_python()
    print(f"Recoll: {version.group(1).strip() if version else 'recollindex'}; Python module: "
          f"{python + ' (python3-recoll)' if python else 'not installed (python3-recoll): in-process figures skipped'}")
    queries = [q for q, _ in QUERIES]

    from workbench.corpus.kiwi import get_kiwi

    t = time.perf_counter()
    get_kiwi().tokenize("과학기술정보통신부가 인공지능 기본법 시행령을 발표했다")  # load + first call, not timed below
    kiwi_load = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        size = generate_corpus(corpus, args.mb)
        mb = size / 1024 / 1024
        files = sum(1 for _ in corpus.glob("*.txt"))
        print(f"Corpus: {files} generated files, {mb:.1f} MB; {len(queries)} queries x {args.repeat}, "
              "20 results each", flush=True)
        r_file = bench_recoll("per file", corpus, work, None, python, queries, args.repeat)
        r_page = bench_recoll("2 KB pages", corpus, work, 2, python, queries, args.repeat)
        kiwi = bench_kiwi(corpus)
        wb = bench_workbench(corpus, work, queries, args.repeat)
        wb_rss = peak_rss_mb()

        def mbmin(seconds: float) -> str:
            return f"{mb / seconds * 60:,.1f} MB/min"

        def both(ours: float, key: str) -> str:
            return f"{ratio(ours, r_file[key])} / {ratio(ours, r_page[key])}"

        def cpu(r: dict) -> str:
            return f"{r['cpu']:.1f} s"

        def med(values: list[float]) -> float:
            return statistics.median(values) if values else 0.0

        def both_med(ours: list[float], key: str) -> str:
            return f"{ratio(med(ours), med(r_file[key]))} / {ratio(med(ours), med(r_page[key]))}"

        kiwi_mbmin = kiwi["mb"] / kiwi["seconds"] * 60
        print(f"\n## Workbench vs Recoll vs the Kiwi limit ({mb:.1f} MB of generated Korean text, {files} files)\n")
        print("| | Workbench | Recoll, a document per file | Recoll, 2 KB pages | Kiwi alone (2 workers) "
              "| Workbench / Recoll (file / pages) |")
        print("|---|---|---|---|---|---|")
        print(f"| ingest, end to end | {wb['seconds']:.1f} s = {mbmin(wb['seconds'])} (read {wb['read']:.1f} s, "
              f"then one Kiwi pass for entities and index {wb['index']:.1f} s, of which entities {wb['entities']:.1f} s) | {r_file['seconds']:.1f} s = "
              f"{mbmin(r_file['seconds'])} | {r_page['seconds']:.1f} s = {mbmin(r_page['seconds'])} | "
              f"{kiwi['seconds']:.1f} s = {kiwi_mbmin:.1f} MB/min (tokenise only, {kiwi['chars'] / kiwi['seconds'] / 1000:.0f}K chars/s) "
              f"| {both(wb['seconds'], 'seconds')} |")
        print(f"| the entities + index job | {wb['index']:.1f} s = {mbmin(wb['index'])} | {r_file['seconds']:.1f} s "
              f"| {r_page['seconds']:.1f} s | — | {both(wb['index'], 'seconds')} |")
        print(f"| CPU time of the ingest (user + sys) | {wb['cpu']:.1f} s | {cpu(r_file)} | {cpu(r_page)} "
              f"| {kiwi['cpu']:.1f} s | {both(wb['cpu'], 'cpu')} |")
        print(f"| index size | {wb['size_mb']:.1f} MB | {r_file['size_mb']:.1f} MB | {r_page['size_mb']:.1f} MB "
              f"| — | {both(wb['size_mb'], 'size_mb')} |")
        print(f"| query, whole process (recollq -n 0-20) | — (in-process only; a CLI process adds Kiwi's "
              f"{kiwi_load:.1f} s load) | {p50_p95(r_file['process'])} | {p50_p95(r_page['process'])} | — | — |")
        print(f"| query in process, 20 results, no snippets | — | {p50_p95(r_file['inproc'])} "
              f"| {p50_p95(r_page['inproc'])} | — | — |")
        print(f"| query in process, 20 results with snippets p50 / p95 | {p50_p95(wb['search'])} (passages, "
              f"snippets, match offsets) | {p50_p95(r_file['snippets'])} (abstracts) "
              f"| {p50_p95(r_page['snippets'])} (abstracts) | — | {both_med(wb['search'], 'snippets')} (p50) |")
        print(f"| peak RSS | {wb_rss:.0f} MB (one process: Kiwi, ingest, index, search) | "
              f"{r_file['rss_mb']:.0f} MB (recollindex) | {r_page['rss_mb']:.0f} MB (recollindex) | (in Workbench's) | — |")
        docs_page = f"{r_page['documents']:,}" if r_page["documents"] is not None else "n/a"
        docs_file = f"{r_file['documents']:,}" if r_file["documents"] is not None else "n/a"
        passages = (f"{wb['passages']:,} passages (mean {wb['passage_chars']:,.0f} chars)" if wb["passages"]
                    else "passages")
        print(f"| documents in the index | {passages} | {docs_file} | {docs_page} | — | — |")
        print("\nRatios above 1× mean Workbench takes longer (or more space). Kiwi loaded in "
              f"{kiwi_load:.1f} s before timing. Recoll's indexing: median of {INDEX_RUNS} runs "
              f"({', '.join(f'{x:.1f}' for x in r_file['runs'])} s per file; "
              f"{', '.join(f'{x:.1f}' for x in r_page['runs'])} s in pages). Load average at the start: "
              f"{load[0]:.2f}, at the end: {os.getloadavg()[0]:.2f} (this machine is shared; wall times "
              "move with it, CPU times less).")

        print("\nMatches per query (not a relevance judgement: Workbench counts passages and expands aliases; "
              "Recoll counts its documents and turns Hangul into a bigram phrase):\n")
        print("| query | Workbench passages | Recoll 2 KB pages | Recoll files | Recoll's query |")
        print("|---|---|---|---|---|")
        for q in queries:
            print(f"| {q} | {wb['counts'].get(q, 0):,} | {r_page['counts'].get(q, 0):,} "
                  f"| {r_file['counts'].get(q, 0):,} | `{r_page['parsed'].get(q, '')}` |")

        if args.relevance and python:
            relevance(work, python)
        elif args.relevance:
            print("\n(Relevance on the seeds skipped: it needs python3-recoll.)")


if __name__ == "__main__":
    main()

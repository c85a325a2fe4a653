"""Commands on documents, search and entities: ingest, docs, show, search,
reindex, alias, entities, facets, entity corrections, document metadata."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import cli_project, language, print_json, progress_bar
from workbench.services.documents import list_documents, show_document
from workbench.services.ingest import FAILED, REMOVED, SKIPPED, ingest
from workbench.services.jobs import run_job
from workbench.services.search import add_alias, list_aliases, remove_alias, search_in_step, update_index


def cmd_ingest(args: argparse.Namespace) -> int:
    project = cli_project(args)
    bar, update = progress_bar(True)
    report = run_job(ingest(project, args.paths), update)
    if bar is not None:
        bar.close()
    if args.json:
        print_json({"project": str(project.root), **report.to_json()})
    else:
        ko = language() == "ko"
        for f in report.files:
            if f.status in (FAILED, REMOVED, SKIPPED) or args.verbose:
                print(f"{f.status:9} {f.message_ko if ko and f.message_ko else f.message}")
        summary = ", ".join(f"{n} {s}" for s, n in report.summary().items() if n)
        if report.index.get("indexed"):
            summary += f"; indexed {report.index['indexed']} in {report.index['seconds']} s"
        if report.cancelled:
            summary += " (cancelled)"
        print(f"{summary or 'nothing to do'} — project {project.root}")
    return 1 if report.failed else 0


def cmd_docs(args: argparse.Namespace) -> int:
    project = cli_project(args)
    docs = list_documents(project)
    if args.json:
        print_json([d.to_json() for d in docs])
        return 0
    if not docs:
        print(f"No documents in {project.root}; add some with `workbench ingest PATH`.")
        return 0
    print(f"{'id':>4}  {'format':6} {'chars':>8} {'blocks':>6} {'sect':>4}  title / source")
    for d in docs:
        flag = " (missing)" if d.missing else ""
        print(f"{d.id:>4}  {d.format:6} {d.chars:>8} {d.blocks:>6} {d.sections:>4}  {d.title[:60]}{flag}")
        print(f"{'':>33}{d.source}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    project = cli_project(args)
    view = show_document(project, args.doc)
    if args.json:
        print_json(view.to_json())
        return 0
    info = view.info
    print(f"{info.title}\n{info.source}  [{info.format}, {info.chars} chars, {info.blocks} blocks, "
          f"{info.sections} headings]\n")
    if args.text:
        print(view.text)
        return 0
    for b in view.blocks:
        snippet = view.text[b.start:b.end].replace("\n", " ⏎ ").replace("\t", " ⇥ ")
        level = f"h{b.level}" if b.level else "  "
        print(f"{b.seq:>5} {b.kind.value:10}{level} {b.start:>7}-{b.end:<7} {snippet[:70]}")
        if b.kind.value == "heading":
            print(f"{'':>35}§ {b.section}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from workbench.search.highlight import plain_snippet

    project = cli_project(args)
    bar, update = progress_bar(not args.json)
    result = search_in_step(project, args.query, limit=args.limit, docs=args.docs, on_progress=update)
    if bar is not None:
        bar.close()
    if args.json:
        print_json(result.to_json(docs=args.docs))
        return 0
    for warning in result.warnings:
        print(f"note: {warning}", file=sys.stderr)
    for term, names in result.expansions.items():
        print(f"{term} → also {', '.join(names)}")
    bold, reset = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")
    if args.docs:
        print(f"{len(result.docs)} documents ({result.total} passages) in {result.milliseconds:.0f} ms")
        for d in result.docs:
            print(f"\n{d.doc_id:>4}  {d.title[:70]}  ({d.hits} passages, score {d.score:.2f})")
            print(f"      {plain_snippet(d.best.snippet, bold, reset)}")
        return 0
    print(f"{result.total} passages in {result.milliseconds:.0f} ms")
    for h in result.hits:
        print(f"\n{h.doc_id:>4}  {h.title[:60]}  [{h.start}-{h.end}] {h.score:.2f}")
        if h.section:
            print(f"      § {h.section}")
        print(f"      {plain_snippet(h.snippet, bold, reset)}")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    project = cli_project(args)
    bar, update = progress_bar(not args.json)
    report = run_job(update_index(project, rebuild=True), update)
    if bar is not None:
        bar.close()
    data = {"indexed": report.indexed, "seconds": round(report.seconds, 2)}
    if args.json:
        print_json(data)
    else:
        print(f"Rebuilt the index of {report.indexed} documents in {report.seconds:.1f} s")
    return 0


def cmd_alias(args: argparse.Namespace) -> int:
    project = cli_project(args)
    if args.action == "add":
        if len(args.names) < 2:
            print("workbench: alias add NAME OTHER_NAME... (at least two names)", file=sys.stderr)
            return 2
        new_id = add_alias(project, args.names[0], args.names[1:], args.type).value
        if args.json:
            print_json({"id": new_id})
        else:
            print(f"Added alias {new_id}: {' = '.join(args.names)} (the index is rebuilt on the next search)")
        return 0
    if args.action == "remove":
        if len(args.names) != 1 or not args.names[0].isdigit():
            print("workbench: alias remove ID", file=sys.stderr)
            return 2
        ok = remove_alias(project, int(args.names[0])).value
        print("removed" if ok else "no such alias")
        return 0 if ok else 2
    rows = list_aliases(project)
    if args.json:
        print_json([{"id": r.id, "canonical": r.canonical, "type": r.type, "aliases": list(r.aliases)}
                     for r in rows])
    else:
        for r in rows:
            print(f"{r.id:>4}  {r.type:8} {r.canonical} = {' = '.join(r.aliases)}")
        if not rows:
            print("No project aliases (the bundled list is resources/aliases.tsv).")
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from workbench.services.entities import entities_of

    project = cli_project(args)
    about, mentions = entities_of(project, args.doc)
    rows = [{"text": m.text, "type": m.type if isinstance(m.type, str) else m.type.value, "start": m.start,
             "end": m.end, "canonical": m.canonical, "evidence": m.evidence} for m in mentions]
    if args.type:
        rows = [r for r in rows if r["type"] == args.type.upper()]
    if args.json:
        print_json(rows)
        return 0
    where = "" if about["in_project"] else " (not in the project: analysed on the fly)"
    print(f"{about['title']}{where}\n{len(rows)} mentions")
    for r in rows:
        canonical = f" → {r['canonical']}" if r["canonical"] != r["text"] else ""
        print(f"{r['start']:>8}-{r['end']:<8} {r['type']:9} {r['text']}{canonical}")
    return 0


def cmd_facets(args: argparse.Namespace) -> int:
    from workbench.services.entities import facets

    project = cli_project(args)
    rows = facets(project, args.doc, args.type)
    if args.json:
        print_json(rows)
        return 0
    for r in rows[: args.limit]:
        print(f"{r['type']:9} {r['mentions']:>6} in {r['documents']:>3} docs  {r['canonical']}")
    return 0


def cmd_entity(args: argparse.Namespace) -> int:
    from workbench.services import entities as svc

    project = cli_project(args)
    action, values = args.action, args.values
    usage = {
        "add": "entity add NAME --type TYPE [--alias OTHER ...]",
        "type": "entity type NAME TYPE",
        "merge": "entity merge NAME INTO_NAME",
        "reject": "entity reject NAME | entity reject --doc DOC --start N --end N",
    }
    if action == "add" and len(values) == 1 and args.type:
        svc.add_entity(project, values[0], args.type, args.alias)
    elif action == "type" and len(values) == 2:
        svc.set_type(project, values[0], values[1])
    elif action == "merge" and len(values) == 2:
        svc.merge_names(project, values[0], values[1])
    elif action == "reject" and len(values) == 1:
        svc.reject_name(project, values[0])
    elif action == "reject" and not values and args.doc and args.start is not None and args.end is not None:
        svc.reject_span(project, args.doc, args.start, args.end)
    else:
        print(f"workbench: usage: workbench {usage[action]}", file=sys.stderr)
        return 2
    print("saved; entities re-extracted (the index catches up on the next search)")
    return 0


def cmd_meta(args: argparse.Namespace) -> int:
    from workbench.services.metadata import FIELDS, document_meta, field_name, set_document_metadata

    project = cli_project(args)
    if args.set:
        fields = {}
        for item in args.set:
            name, sep, value = item.partition("=")
            if not sep:
                print(f"workbench: --set wants FIELD=VALUE (FIELD one of {', '.join(FIELDS)}; an empty VALUE "
                      f"removes your correction), not {item!r}", file=sys.stderr)
                return 2
            fields[field_name(name)] = value
        meta = set_document_metadata(project, args.doc, **fields).value
    else:
        meta = document_meta(project, args.doc)
    if args.json:
        print_json(meta.to_json())
        return 0
    ko = language() == "ko"
    for name in FIELDS:
        value = meta.get(name)
        if name == "doc_type" and value:
            value = f"{meta.type_label('ko' if ko else 'en')} ({value})" if meta.type_label() != value else value
        print(f"{name:10} {value or '-'}" + (f"  [{meta.source(name)}]" if value else ""))
    return 0

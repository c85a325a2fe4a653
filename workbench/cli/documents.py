"""Commands on documents, search and entities: ingest, docs, show, search,
reindex, alias, entities, facets, entity corrections, document metadata.

Every text a file or a person supplied (names, titles, quotes, notes) is
printed through ``safe`` (common.terminal_safe): it never drives the terminal."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import cli_project, pad, print_json, progress_bar, speaker
from workbench.cli.common import terminal_safe as safe
from workbench.services.documents import list_documents, show_document
from workbench.services.ingest import FAILED, REMOVED, SKIPPED, ingest
from workbench.services.jobs import run_job
from workbench.services.search import add_alias, list_aliases, remove_alias, search_in_step, update_index

# Where a document's date, publisher… came from (services.metadata), as `meta` says it.
SOURCES_KO = {"file": "파일", "inferred": "본문에서 추정", "analyst": "분석가가 고침"}
FIELDS_KO = {"date": "날짜", "publisher": "발행처", "author": "작성자", "url": "웹 주소", "doc_type": "유형"}


def cmd_ingest(args: argparse.Namespace) -> int:
    project = cli_project(args)
    say = speaker(args)
    bar, update = progress_bar(True, say.lang)
    report = run_job(ingest(project, args.paths), update)
    if bar is not None:
        bar.close()
    if args.json:
        print_json({"project": str(project.root), **report.to_json()})
    else:
        for f in report.files:
            # A file with the text of a document already there is added, and always said so.
            if f.status in (FAILED, REMOVED, SKIPPED) or f.duplicate_of is not None or args.verbose:
                print(f"{pad(say.status(f.status), 9)} {safe(f.message_ko if say.ko and f.message_ko else f.message)}")
        summary = ", ".join(say(f"{n} {s}", f"{say.status(s)} {n}개") for s, n in report.summary().items() if n)
        if report.index.get("indexed"):
            indexed, seconds = report.index["indexed"], report.index["seconds"]
            summary += say(f"; indexed {indexed} in {seconds} s", f"; 색인 {indexed}개, {seconds}초")
        if report.cancelled:
            summary += say(" (cancelled)", " (취소됨)")
        print(f"{summary or say('nothing to do', '바뀐 것 없음')} — {say('project', '프로젝트')} {safe(project.root)}")
    return 1 if report.failed else 0


def cmd_docs(args: argparse.Namespace) -> int:
    project = cli_project(args)
    docs = list_documents(project)
    if args.json:
        print_json([d.to_json() for d in docs])
        return 0
    say = speaker(args)
    if not docs:
        root = safe(project.root)
        print(say(f"No documents in {root}; add some with `workbench ingest PATH`.",
                  f"{root}에 문서가 없습니다. `workbench ingest 경로`로 추가하세요."))
        return 0
    print(f"{pad(say('id', '번호'), 4, True)}  {pad(say('format', '형식'), 6)} {pad(say('chars', '글자 수'), 8, True)} "
          f"{pad(say('blocks', '블록'), 6, True)} {pad(say('sect', '절'), 4, True)}  {say('title / source', '제목 / 원본')}")
    for d in docs:
        flag = say(" (missing)", " (파일 없음)") if d.missing else ""
        print(f"{d.id:>4}  {d.format:6} {d.chars:>8} {d.blocks:>6} {d.sections:>4}  {safe(d.title[:60])}{flag}")
        print(f"{'':>33}{safe(d.source)}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    project = cli_project(args)
    view = show_document(project, args.doc)
    if args.json:
        print_json(view.to_json())
        return 0
    info = view.info
    say = speaker(args)
    print(f"{safe(info.title)}\n{safe(info.source)}  [{info.format}, "
          + say(f"{info.chars} chars, {info.blocks} blocks, {info.sections} headings",
                f"{info.chars}자, 블록 {info.blocks}개, 제목 {info.sections}개") + "]\n")
    if args.text:
        print(safe(view.text, one_line=False))
        return 0
    for b in view.blocks:
        snippet = view.text[b.start:b.end].replace("\n", " ⏎ ").replace("\t", " ⇥ ")
        level = f"h{b.level}" if b.level else "  "
        print(f"{b.seq:>5} {b.kind.value:10}{level} {b.start:>7}-{b.end:<7} {safe(snippet[:70])}")
        if b.kind.value == "heading":
            print(f"{'':>35}§ {safe(b.section)}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from workbench.search.highlight import plain_snippet

    project = cli_project(args)
    say = speaker(args)
    bar, update = progress_bar(not args.json, say.lang)
    result = search_in_step(project, args.query, limit=args.limit, docs=args.docs, on_progress=update)
    if bar is not None:
        bar.close()
    if args.json:
        print_json(result.to_json(docs=args.docs))
        return 0
    for warning in result.warnings:
        print(f"{say('note', '참고')}: {safe(warning)}", file=sys.stderr)
    for term, names in result.expansions.items():
        print(f"{safe(term)} → {say('also', '함께 찾음:')} {safe(', '.join(names))}")
    marks = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")

    def snippet(html: str) -> str:
        """The passage escaped, then our own marks (ANSI bold on a terminal) put in."""
        return safe(plain_snippet(html, "\ue000", "\ue001")).replace("\ue000", marks[0]).replace("\ue001", marks[1])

    ms = f"{result.milliseconds:.0f} ms"
    if args.docs:
        print(say(f"{len(result.docs)} documents ({result.total} passages) in {ms}",
                  f"문서 {len(result.docs)}개 (단락 {result.total}개), {ms}"))
        for d in result.docs:
            print(f"\n{d.doc_id:>4}  {safe(d.title[:70])}  "
                  + say(f"({d.hits} passages, score {d.score:.2f})", f"(단락 {d.hits}개, 점수 {d.score:.2f})"))
            print(f"      {snippet(d.best.snippet)}")
        return 0
    print(say(f"{result.total} passages in {ms}", f"단락 {result.total}개, {ms}"))
    for h in result.hits:
        print(f"\n{h.doc_id:>4}  {safe(h.title[:60])}  [{h.start}-{h.end}] {h.score:.2f}")
        if h.section:
            print(f"      § {safe(h.section)}")
        print(f"      {snippet(h.snippet)}")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    project = cli_project(args)
    say = speaker(args)
    bar, update = progress_bar(not args.json, say.lang)
    report = run_job(update_index(project, rebuild=True), update)
    if bar is not None:
        bar.close()
    data = {"indexed": report.indexed, "seconds": round(report.seconds, 2), "entities_extracted": report.extracted}
    if args.json:
        print_json(data)
        return 0
    print(say(f"Rebuilt the index of {report.indexed} documents in {report.seconds:.1f} s",
              f"문서 {report.indexed}개의 색인을 {report.seconds:.1f}초 만에 다시 만들었습니다"))
    if report.extracted:
        count = len(report.extracted)
        print(say(f"Found the entities of {count} documents an interrupted ingest had left",
                  f"중단된 가져오기가 남긴 문서 {count}개의 개체명을 찾았습니다"))
    return 0


def cmd_alias(args: argparse.Namespace) -> int:
    project = cli_project(args)
    say = speaker(args)
    if args.action == "add":
        if len(args.names) < 2:
            print(say("workbench: alias add NAME OTHER_NAME... (at least two names)",
                      "workbench: alias add 이름 다른_이름... (이름이 둘 이상 필요합니다)"), file=sys.stderr)
            return 2
        new_id = add_alias(project, args.names[0], args.names[1:], args.type).value
        if args.json:
            print_json({"id": new_id})
        else:
            names = safe(" = ".join(args.names))
            print(say(f"Added alias {new_id}: {names} (the index is rebuilt on the next search)",
                      f"별칭 {new_id} 추가: {names} (다음 검색 때 색인을 다시 만듭니다)"))
        return 0
    if args.action == "remove":
        if len(args.names) != 1 or not args.names[0].isdigit():
            print(say("workbench: alias remove ID", "workbench: alias remove 번호"), file=sys.stderr)
            return 2
        ok = remove_alias(project, int(args.names[0])).value
        print(say("removed", "삭제했습니다") if ok else say("no such alias", "그런 별칭이 없습니다"))
        return 0 if ok else 2
    rows = list_aliases(project)
    if args.json:
        print_json([{"id": r.id, "canonical": r.canonical, "type": r.type, "aliases": list(r.aliases)}
                     for r in rows])
    else:
        for r in rows:
            print(f"{r.id:>4}  {safe(r.type):8} {safe(r.canonical)} = {safe(' = '.join(r.aliases))}")
        if not rows:
            print(say("No project aliases (the bundled list is resources/aliases.tsv).",
                      "이 프로젝트의 별칭이 없습니다 (기본 목록은 resources/aliases.tsv)."))
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
    say = speaker(args)
    where = "" if about["in_project"] else say(" (not in the project: analysed on the fly)",
                                               " (프로젝트에 없는 파일: 바로 분석함)")
    print(f"{safe(about['title'])}{where}\n" + say(f"{len(rows)} mentions", f"언급 {len(rows)}개"))
    for r in rows:
        canonical = f" → {safe(r['canonical'])}" if r["canonical"] != r["text"] else ""
        print(f"{r['start']:>8}-{r['end']:<8} {safe(r['type']):9} {safe(r['text'])}{canonical}")
    return 0


def cmd_facets(args: argparse.Namespace) -> int:
    from workbench.services.entities import facets

    project = cli_project(args)
    rows = facets(project, args.doc, args.type)
    if args.json:
        print_json(rows)
        return 0
    say = speaker(args)
    for r in rows[: args.limit]:
        mentions, documents = r["mentions"], r["documents"]
        counts = say(f"{mentions:>6} in {documents:>3} docs", f"언급 {mentions:>5}번, 문서 {documents:>3}개")
        print(f"{safe(r['type']):9} {counts}  {safe(r['canonical'])}")
    return 0


def cmd_entity(args: argparse.Namespace) -> int:
    from workbench.services import entities as svc

    project = cli_project(args)
    say = speaker(args)
    action, values = args.action, args.values
    usage = {
        "add": say("entity add NAME --type TYPE [--alias OTHER ...]", "entity add 이름 --type 유형 [--alias 다른_이름 ...]"),
        "type": say("entity type NAME TYPE", "entity type 이름 유형"),
        "merge": say("entity merge NAME INTO_NAME", "entity merge 이름 합칠_이름"),
        "reject": say("entity reject NAME | entity reject --doc DOC --start N --end N",
                      "entity reject 이름 | entity reject --doc 문서 --start N --end N"),
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
        print(f"workbench: {say('usage', '사용법')}: workbench {usage[action]}", file=sys.stderr)
        return 2
    print(say("saved; entities re-extracted (the index catches up on the next search)",
              "저장했습니다. 개체를 다시 추출했습니다 (색인은 다음 검색 때 따라옵니다)"))
    return 0


def cmd_meta(args: argparse.Namespace) -> int:
    from workbench.services.metadata import FIELDS, document_meta, field_name, set_document_metadata

    project = cli_project(args)
    say = speaker(args)
    if args.set:
        fields = {}
        for item in args.set:
            name, sep, value = item.partition("=")
            if not sep:
                print(say(f"workbench: --set wants FIELD=VALUE (FIELD one of {', '.join(FIELDS)}; an empty VALUE "
                          f"removes your correction), not {safe(repr(item))}",
                          f"workbench: --set에는 항목=값을 주세요 (항목은 {', '.join(FIELDS)} 중 하나, 값을 비우면 "
                          f"고친 값이 지워집니다). {safe(repr(item))}은(는) 그 형식이 아닙니다"), file=sys.stderr)
                return 2
            fields[field_name(name)] = value
        meta = set_document_metadata(project, args.doc, **fields).value
    else:
        meta = document_meta(project, args.doc)
    if args.json:
        print_json(meta.to_json())
        return 0
    for name in FIELDS:
        value = meta.get(name)
        if name == "doc_type" and value:
            value = f"{meta.type_label(say.lang)} ({value})" if meta.type_label() != value else value
        source = SOURCES_KO.get(meta.source(name), meta.source(name)) if say.ko else meta.source(name)
        # The name --set takes; in Korean after the window's word for it.
        label = f"{FIELDS_KO.get(name, name)} ({name})" if say.ko else name
        print(f"{pad(label, 20 if say.ko else 10)} {safe(value or '-')}" + (f"  [{source}]" if value else ""))
    return 0

"""What an import did, item by item, in the analyst's two languages.

Every source, code and selection of the file ends as one line of the report
— added, merged into what the project had, renamed, converted or skipped
with its reason — so nothing the colleague coded is dropped without a word.
The window shows it as a table; ``workbench import --json`` prints it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from workbench.core.changes import NOTHING, Changes

# Sources: added, merged (same text as a document already there), skipped.
# Codes: created, reused (same full path), renamed (name changed to fit), skipped.
# Selections: imported, converted (other counting), present (already there), skipped.
# Noted: imported, but with something the analyst should know (two sources sharing a GUID).
# Notes on no passage: imported as memos (the journal, a document's or a tag's), or present.
# Elements Workbench has no place for (sets, graphs, links, variables, cases) are skipped,
# one line per kind with its count.
ADDED, MERGED, CREATED, REUSED, RENAMED = "added", "merged", "created", "reused", "renamed"
IMPORTED, CONVERTED, PRESENT, SKIPPED, NOTED = "imported", "converted", "present", "skipped", "noted"


@dataclass(slots=True)
class ImportItem:
    kind: str  # "source", "code", "selection", "note"; "set", "graph", "link", "variable", "case"
    name: str  # the source's name, the code's path, "source: start-end"
    status: str
    message: str = ""
    message_ko: str = ""
    doc_id: int | None = None
    annotation_id: int | None = None
    tag_id: int | None = None

    def localized(self, lang: str = "en") -> str:
        return self.message_ko if lang.startswith("ko") and self.message_ko else self.message


@dataclass(slots=True)
class ImportReport:
    path: str
    project_name: str = ""
    origin: str = ""  # the program that wrote the file
    users: list[str] = field(default_factory=list)
    items: list[ImportItem] = field(default_factory=list)
    cancelled: bool = False
    ingest: dict = field(default_factory=dict)  # the ingest report's summary for the new documents
    changes: Changes = NOTHING
    titles: dict[int, str] = field(default_factory=dict)  # doc id → the title its source gave
    # doc id → what the other program knew of its source (refi_created_by, refi_created_at,
    # refi_modified_by, refi_modified_at), kept in the document's metadata
    source_meta: dict[int, dict[str, str]] = field(default_factory=dict)

    def add(self, kind: str, name: str, status: str, en: str = "", ko: str = "", **ids) -> ImportItem:
        item = ImportItem(kind, name, status, en, ko or en, **ids)
        self.items.append(item)
        return item

    def count(self, kind: str, status: str) -> int:
        return sum(1 for i in self.items if i.kind == kind and i.status == status)

    def summary(self) -> dict[str, dict[str, int]]:
        counts: dict[str, Counter] = {}
        for item in self.items:
            counts.setdefault(item.kind, Counter())[item.status] += 1
        return {kind: dict(sorted(c.items())) for kind, c in sorted(counts.items())}

    @property
    def skipped(self) -> list[ImportItem]:
        return [i for i in self.items if i.status == SKIPPED]

    @property
    def noted(self) -> list[ImportItem]:
        return [i for i in self.items if i.status == NOTED]

    def headline(self, lang: str = "en") -> str:
        s = self.count
        sources = (s("source", ADDED), s("source", MERGED))
        codes = (s("code", CREATED), s("code", REUSED) + s("code", RENAMED))
        passages = s("selection", IMPORTED) + s("selection", CONVERTED)
        memos = s("note", IMPORTED)  # the journal, documents' and tags' memos (services.refi_memos)
        skipped = len(self.skipped)
        if lang.startswith("ko"):
            text = (f"문서 {sources[0]}개 추가, {sources[1]}개 기존 문서와 합침; 코드 {codes[0]}개 생성, "
                    f"{codes[1]}개 재사용; 구간 {passages}개 가져옴; " + (f"메모 {memos}개 가져옴; " if memos else "")
                    + f"{skipped}개 건너뜀")
            return text + (" — 취소됨" if self.cancelled else "")
        text = (f"{sources[0]} documents added, {sources[1]} merged with existing ones; {codes[0]} codes created, "
                f"{codes[1]} reused; {passages} passages imported; " + (f"{memos} memos imported; " if memos else "")
                + f"{skipped} skipped")
        return text + (" — cancelled" if self.cancelled else "")

    def to_json(self) -> dict:
        return {"path": self.path, "project": self.project_name, "origin": self.origin, "users": self.users,
                "summary": self.summary(), "cancelled": self.cancelled, "ingest": self.ingest,
                "changes": self.changes.to_json(), "items": [asdict(i) for i in self.items]}

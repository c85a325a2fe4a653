"""A REFI-QDA file's notes that are not on a passage become memos
(services.memos), with the file's users and dates: a note a source points
to is its document's memo, a note a code points to its tag's memo, and a
note on the project (the project's ``<NoteRef>``) or on nothing at all
(ATLAS.ti's free memos) a project journal entry. They were reported as
"skipped" before memos existed.

One document or tag has one memo: several notes on one become one memo
(in order, a blank line apart), with the first note's author and dates.
Importing the same file twice adds nothing: a note whose GUID a memo
already keeps, or whose text the memo already holds, is "present". A note
on a source whose text could not be imported goes to the journal, named
after the source, rather than being lost. Runs inside the import's one
transaction (services.refi_import).
"""

from __future__ import annotations

from pathlib import Path

from workbench.export.qdpx_read import RefiNote, RefiProject
from workbench.services.import_report import IMPORTED, PRESENT, ImportReport
from workbench.store.annotations import TagRepository
from workbench.store.documents import DocumentRepository
from workbench.store.memos import DOCUMENT, PROJECT, TAG, MemoRepository, normal
from workbench.core.times import utc_iso
from workbench.store.project import now_iso


class _MemoWriter:
    def __init__(self, conn, parsed: RefiProject, report: ImportReport) -> None:
        self.conn, self.parsed, self.report = conn, parsed, report
        self.repo = MemoRepository(conn)
        self.file_name = Path(report.path).name
        self.wrote = False

    def who(self, guid: str) -> str:
        """The file's name for a user; a GUID it does not list, or none, with the file's name (never this
        project's analyst), as the passages' coders are."""
        return self.parsed.users.get(guid, "").strip() or f"{guid or '?'} ({self.file_name})"

    def _label(self, guid: str, text: str) -> str:
        detail = self.parsed.note_details.get(guid)
        first = next((line for line in text.splitlines() if line.strip()), "")
        return (detail.name if detail is not None and detail.name.strip() else first)[:60] or guid

    def _stamp(self, guid: str) -> tuple[str, str, str, str]:
        """(author, created, modifier, modified) of a note, as the file gives them."""
        detail = self.parsed.note_details.get(guid) or RefiNote(guid, "")
        author = self.who(detail.created_by or detail.modified_by)
        created = utc_iso(detail.created) or utc_iso(detail.modified) or now_iso()
        modifier = self.who(detail.modified_by) if detail.modified_by else author
        return author, created, modifier, utc_iso(detail.modified) or created

    def _present(self, guid: str, text: str, en: str, ko: str) -> None:
        self.report.add("note", self._label(guid, text), PRESENT, f"already {en}", f"이미 {ko}")

    def journal(self, guid: str, text: str, en: str = "added to the project journal",
                ko: str = "연구 일지에 추가") -> None:
        text = normal(text)
        author, created, modifier, modified = self._stamp(guid)
        if self.repo.by_guid(guid) is not None or any(
                m.text == text and m.created_at == created for m in self.repo.list(PROJECT)):
            self._present(guid, text, "in the project journal", "연구 일지에 있음")
            return
        self.repo.add(PROJECT, 0, text, author, created, modified, modifier, guid)
        self.wrote = True
        self.report.add("note", self._label(guid, text), IMPORTED, en, ko)

    def on_target(self, kind: str, target_id: int, guids: list[str], en: str, ko: str) -> None:
        """The notes of one document or tag, as its one memo."""
        texts = [(g, normal(self.parsed.notes.get(g, ""))) for g in guids]
        texts = [(g, t) for g, t in texts if t]
        if not texts:
            return
        memo = self.repo.for_target(kind, target_id)
        new = [(g, t) for g, t in texts if memo is None or not (
            memo.guid.lower() == g.lower() or t in memo.text)]
        for guid, text in texts:
            if (guid, text) not in new:
                self._present(guid, text, en, ko)
        if not new:
            return
        joined = "\n\n".join(t for _, t in new)
        author, created, modifier, modified = self._stamp(new[0][0])
        if memo is None:
            self.repo.add(kind, target_id, joined, author, created, modified, modifier, new[0][0])
        else:
            self.repo.update(memo.id, f"{memo.text}\n\n{joined}", modifier, max(memo.updated_at, modified))
        self.wrote = True
        for guid, text in new:
            self.report.add("note", self._label(guid, text), IMPORTED, en, ko)


def write_memos(conn, parsed: RefiProject, docs: dict[int, tuple[int, str]], tag_ids: dict[str, int],
                report: ImportReport) -> bool:
    """The file's notes that are not a passage's, as memos, inside the caller's
    transaction; whether any was written. ``docs``: each imported source's
    document (by the source element's id()), ``tag_ids``: each code's tag by GUID."""
    writer = _MemoWriter(conn, parsed, report)
    notes = parsed.notes
    used = {g for source in parsed.sources for sel in source.selections for g in sel.note_guids}
    titles = {doc_id: title for doc_id, title, _ in DocumentRepository(conn).names()}
    for source in parsed.sources:
        guids = [g for g in dict.fromkeys(source.note_guids) if g in notes and g not in used]
        used.update(guids)
        if not guids:
            continue
        if id(source) in docs:
            doc_id = docs[id(source)][0]
            title = titles.get(doc_id, source.name)
            writer.on_target(DOCUMENT, doc_id, guids, f"as the memo of the document “{title}”",
                             f"문서 “{title}”의 메모로")
        else:
            name = source.name or source.guid
            for guid in guids:
                if notes[guid]:
                    writer.journal(guid, f"[{name}] {notes[guid]}",
                                   f"the memo of “{name}”, whose text was not imported: added to the project journal",
                                   f"원문을 가져오지 못한 “{name}”의 메모: 연구 일지에 추가")
    paths = TagRepository(conn).paths()
    for code in parsed.codes:
        guids = [g for g in dict.fromkeys(code.note_guids) if g in notes and g not in used]
        used.update(guids)
        if guids and code.guid in tag_ids and tag_ids[code.guid] in paths:
            path = paths[tag_ids[code.guid]]
            writer.on_target(TAG, tag_ids[code.guid], guids, f"as the memo of the tag “{path}”",
                             f"태그 “{path}”의 메모로")
    # The project's own notes first, in the file's order, then the notes nothing points to.
    rest = [g for g in parsed.project_notes if g in notes] + list(notes)
    for guid in dict.fromkeys(rest):
        if guid not in used and notes[guid]:
            used.add(guid)
            writer.journal(guid, notes[guid])
    return writer.wrote

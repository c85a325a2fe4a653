"""REFI-QDA project (.qdpx) for NVivo, MAXQDA, ATLAS.ti and QualCoder: a zip
holding ``project.qde`` (``urn:QDA-XML:project:1.0``) with the analyst, the
codebook, the text sources, the codings as character positions and the notes,
and each source's text under ``sources/``.

What the other tools need, checked against the REFI-QDA schema
(Project-mrt2019.xsd, shipped in tests/fixtures/refi) and QualCoder's importer:

* GUIDs are given by the caller, stable across exports (core.ids).
* Who and when: ``<Users>`` holds the analyst and everyone who tagged or
  changed an exported passage; sources and selections carry
  ``creatingUser``/``creationDateTime``/``modifyingUser``/``modifiedDateTime``,
  codings ``creatingUser``/``creationDateTime`` (the schema allows no
  modification on a coding, and no user or date at all on a code). Dates are
  UTC with ``Z``: QualCoder strips the ``T`` and the ``Z`` and keeps the rest.
* A source's name is a safe file name (export.filenames); its title is the
  source's Description.
* A passage's note is a REFI ``<Note>`` the selection points to with
  ``<NoteRef>`` (NVivo, ATLAS.ti), and also the selection's Description, which
  is where QualCoder and MAXQDA read a coding memo (QualCoder ignores a
  selection's NoteRef, so it does not see the note twice).
* Memos (services.memos) are ``<Note>``s too, with their author and dates:
  the project journal's entries are pointed to by the project's own
  ``<NoteRef>`` (the schema's "notes that apply to the project as a whole";
  ATLAS.ti writes such free memos with no reference at all, and the import
  reads both as the journal), a document's memo by its ``<TextSource>``'s
  ``<NoteRef>``, a tag's memo by its ``<Code>``'s ``<NoteRef>``; a tag's
  definition is the code's ``<Description>``.
* Element order follows the schema's sequences: Users, CodeBook, Sources,
  Notes, then the project's NoteRefs; in a code Description, NoteRef, Code;
  in a source Description, selections, NoteRef; in a selection Description,
  Coding, NoteRef.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from workbench.export.atomic import write_atomically
from workbench.export.safety import clean

NS = "urn:QDA-XML:project:1.0"
_RGB_RE = re.compile(r"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")


@dataclass(slots=True)
class QdaUser:
    guid: str
    name: str


@dataclass(slots=True)
class QdaCode:
    key: tuple  # what codings refer to it by (the tag's id: names repeat across the tree)
    path: tuple[str, ...]
    color: str | None
    description: str
    guid: str = ""
    name: str | None = None  # the name written; None: the path's last part (export.code_names makes them unique)


@dataclass(slots=True)
class QdaSource:
    doc_id: int
    name: str  # a safe file name (export.filenames)
    text: str
    guid: str = ""
    title: str = ""  # the document's own title, kept in the Description
    created: str | None = None  # ISO 8601 as stored
    modified: str | None = None
    creator: QdaUser | None = None  # who brought it into a QDA program (kept from an import); None: the analyst


@dataclass(slots=True)
class QdaCoding:
    doc_id: int
    start: int  # code points
    end: int
    codes: list[tuple]  # keys of QdaCode
    note: str
    guid: str = ""  # the selection's
    coding_guids: dict[tuple, str] = field(default_factory=dict)  # code key → the coding's GUID
    note_guid: str = ""
    created: str | None = None
    modified: str | None = None
    creator: QdaUser | None = None  # who tagged it; None: the project's analyst
    modifier: QdaUser | None = None  # who last changed it; None: the creator
    # Who applied each code and when (a colleague may add one to the passage): <Coding>'s own user.
    applied: dict[tuple, tuple[QdaUser, str | None]] = field(default_factory=dict)


@dataclass(slots=True)
class QdaMemo:
    """A memo as a REFI ``<Note>``: on the project (the journal), a source or a code."""

    guid: str
    text: str
    on: tuple | None  # ("source", doc_id), ("code", a QdaCode key), None: the project as a whole
    creator: QdaUser
    modifier: QdaUser
    created: str | None = None
    modified: str | None = None


def refi_datetime(value: str | None) -> str | None:
    """A stored ISO time as xsd:dateTime in UTC (``2024-03-05T01:02:03Z``);
    None for a missing or unreadable one (older rows), so no invalid date is written."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # the database stores UTC
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def valid_color(value: str | None) -> str | None:
    """The colour if the schema's RGBType accepts it, else None (left out)."""
    return value if value and _RGB_RE.fullmatch(value) else None


def _who_and_when(user: QdaUser, created: str | None, modified: str | None, modifying: bool = True,
                  modifier: QdaUser | None = None) -> dict[str, str]:
    attrs = {"creatingUser": user.guid}
    if (stamp := refi_datetime(created)) is not None:
        attrs["creationDateTime"] = stamp
    if modifying:
        attrs["modifyingUser"] = (modifier or user).guid
        if (stamp := refi_datetime(modified)) is not None:
            attrs["modifiedDateTime"] = stamp
    return attrs


def _el(parent, tag: str, **attrs) -> etree._Element:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})


def _codebook(root, codes: list[QdaCode], notes: dict[tuple, list[str]] | None = None) -> None:
    if not codes:  # the schema wants at least one Code in a CodeBook: leave it out
        return
    code_parent = _el(_el(root, "CodeBook"), "Codes")
    elements: dict[tuple[str, ...], etree._Element] = {}
    for code in sorted(codes, key=lambda c: len(c.path)):
        # Nested under its parent's element: the parent is the live tag with the path one shorter.
        parent = elements.get(code.path[:-1], code_parent) if code.key[0] == "tag" else code_parent
        name = code.path[-1] if code.name is None else code.name
        element = _el(parent, "Code", guid=code.guid, name=clean(name), isCodable="true",
                      color=valid_color(code.color))
        if code.description:
            _el(element, "Description").text = clean(code.description)
        for guid in (notes or {}).get(code.key, []):  # before any child code, as the schema orders them
            _el(element, "NoteRef", targetGUID=guid)
        if code.key[0] == "tag":
            elements[code.path] = element


def build_project(name: str, user: QdaUser, codes: list[QdaCode], sources: list[QdaSource],
                  codings: list[QdaCoding], created: str | None = None,
                  memos: list[QdaMemo] | None = None) -> tuple[bytes, dict[str, str]]:
    memos = list(memos or [])
    code_keys = {code.key for code in codes}
    doc_ids = {source.doc_id for source in sources}
    # A memo whose code or source is not in the file has nothing to hang on: it goes with the project.
    on = {id(m): m.on if m.on is None or (m.on[0] == "code" and m.on[1] in code_keys)
          or (m.on[0] == "source" and m.on[1] in doc_ids) else None for m in memos}
    now = datetime.now(timezone.utc).isoformat()
    root = etree.Element(f"{{{NS}}}Project", nsmap={None: NS})
    for key, value in (("name", clean(name)), ("origin", "Workbench"), ("creatingUserGUID", user.guid),
                       ("creationDateTime", refi_datetime(created or now)), ("modifyingUserGUID", user.guid),
                       ("modifiedDateTime", refi_datetime(now))):
        if value is not None:
            root.set(key, value)
    users_el = _el(root, "Users")
    listed: set[str] = set()
    people = [p for c in codings for p in (c.creator, c.modifier, *(who for who, _ in c.applied.values()))]
    people += [source.creator for source in sources]
    people += [p for m in memos for p in (m.creator, m.modifier)]
    for person in [user] + [p for p in people if p is not None]:
        if person.guid not in listed:
            listed.add(person.guid)
            _el(users_el, "User", guid=person.guid, name=clean(person.name))
    code_notes: dict[tuple, list[str]] = {}
    source_notes: dict[int, list[str]] = {}
    for memo in memos:
        target = on[id(memo)]
        if target is not None and target[0] == "code":
            code_notes.setdefault(target[1], []).append(memo.guid)
        elif target is not None:
            source_notes.setdefault(target[1], []).append(memo.guid)
    _codebook(root, codes, code_notes)
    guids = {code.key: code.guid for code in codes}
    files: dict[str, str] = {}
    by_doc: dict[int, list[QdaCoding]] = {}
    for coding in codings:
        by_doc.setdefault(coding.doc_id, []).append(coding)
    noted: list[QdaCoding] = []
    sources_el = _el(root, "Sources")
    for source in sources:
        files[f"sources/{source.guid}.txt"] = source.text
        text_el = _el(sources_el, "TextSource", guid=source.guid, name=clean(source.name),
                      plainTextPath=f"internal://{source.guid}.txt",
                      **_who_and_when(source.creator or user, source.created, source.modified, modifier=user))
        if source.title:
            _el(text_el, "Description").text = clean(source.title)
        for coding in by_doc.get(source.doc_id, []):
            creator = coding.creator or user
            selection = _el(text_el, "PlainTextSelection", guid=coding.guid,
                            name=clean(source.text[coding.start:coding.end][:60]),
                            startPosition=str(coding.start), endPosition=str(coding.end),
                            **_who_and_when(creator, coding.created, coding.modified, modifier=coding.modifier))
            if coding.note:  # the coding memo QualCoder and MAXQDA read
                _el(selection, "Description").text = clean(coding.note)
            for key in coding.codes:
                if key in guids:
                    who, when = coding.applied.get(key, (creator, coding.created))
                    coding_el = _el(selection, "Coding", guid=coding.coding_guids[key],
                                    **_who_and_when(who, when, None, modifying=False))
                    _el(coding_el, "CodeRef", targetGUID=guids[key])
            if coding.note:
                _el(selection, "NoteRef", targetGUID=coding.note_guid)
                noted.append(coding)
        for guid in source_notes.get(source.doc_id, []):
            _el(text_el, "NoteRef", targetGUID=guid)
    if noted or memos:
        notes_el = _el(root, "Notes")
        for coding in noted:
            note = _el(notes_el, "Note", guid=coding.note_guid, name=clean(coding.note.splitlines()[0][:60]),
                       **_who_and_when(coding.creator or user, coding.created, coding.modified,
                                       modifier=coding.modifier))
            _el(note, "PlainTextContent").text = clean(coding.note)
        for memo in memos:
            first = next((line for line in memo.text.splitlines() if line.strip()), "")
            note = _el(notes_el, "Note", guid=memo.guid, name=clean(first.strip()[:60]),
                       **_who_and_when(memo.creator, memo.created, memo.modified, modifier=memo.modifier))
            _el(note, "PlainTextContent").text = clean(memo.text)
    for memo in memos:  # the journal: notes that apply to the project as a whole
        if on[id(memo)] is None:
            _el(root, "NoteRef", targetGUID=memo.guid)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True), files


def write_qdpx(path: Path, name: str, user: QdaUser, codes: list[QdaCode], sources: list[QdaSource],
               codings: list[QdaCoding], created: str | None = None, memos: list[QdaMemo] | None = None) -> None:
    xml, files = build_project(name, user, codes, sources, codings, created, memos)

    def write(temp: Path) -> None:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", xml)
            for member, text in files.items():
                archive.writestr(member, text.encode("utf-8"))

    write_atomically(Path(path), write)

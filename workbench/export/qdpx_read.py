"""Read a REFI-QDA project (``.qdpx``) into plain rows, before anything is
written: a damaged zip, a missing or malformed ``project.qde`` or a file that
is not a REFI-QDA project raises :class:`WorkbenchError` naming the file and
the problem, so an import either starts with a whole, checked file or does
not start at all.

What real files do, learned from QualCoder's importer (``refi.py``) and the
schema (Project-mrt2019.xsd):

* MAXQDA writes ``sources/``, NVivo ``Sources/``: members are found without
  regard to case. ``internal://`` names a member of that folder;
  ``relative://`` a file in a folder, ``absolute://`` a path.
* Nothing outside the archive is read unless the analyst chose a folder for
  such texts (``sources_from``): the file is untrusted, and its basePath, an
  absolute path, ``../`` or a link could otherwise name any file the analyst
  can read (an SSH key, a system file), which would be stored in the project
  and ship in the next export. With a folder chosen, ``relative://x`` is
  ``DIR/x`` and any other path is read only when its real path (links
  resolved) is a regular file inside ``DIR`` — never a device, FIFO or socket
  (checked before opening; opened without blocking). The file's own
  ``basePath`` is where the texts were on the machine that wrote it and is
  never followed. :func:`outside_sources` lists such texts cheaply, so the
  window can ask before the import starts. A source whose text cannot be
  found or is refused is kept with a reason, to be reported — never a crash.
* Sizes are counted while inflating, in chunks, never trusting the zip's
  header (a header saying 100 bytes over 300 MB of data cost 2.2 GB when the
  member was read whole): one text source may be at most
  :data:`MAX_TEXT_BYTES`, ``project.qde`` :data:`MAX_QDE_BYTES`, and all that
  one import reads :data:`MAX_TOTAL_BYTES`. Reading yields progress (stage
  ``"read"``, in bytes) and stops at a cancel.
* Two codes or two users with one GUID make every reference to it
  ambiguous: the file is refused, naming the GUID and both names. Two
  sources, selections or notes sharing one are kept by element and listed
  (:attr:`RefiProject.duplicates`) for the report.
* Elements are matched by local name (QualCoder builds the namespace from a
  version number), so ``urn:QDA-XML:project:1.0`` and a namespace-less file
  read alike.
* A selection's ``name`` is often the quoted text (Workbench, QualCoder) but
  may be a label; whether it is a quote is decided by the caller, per file.
* Sources other than text (PDF, picture, audio, video) are listed as
  unsupported so the report can say what was left out.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from workbench.core.errors import ReadError, WorkbenchError
from workbench.core.progress import Cancelled, CancelToken, Progress
from workbench.corpus.decode import decode_text

MB = 1024 * 1024
# One text source, as a member or a file in the chosen folder: a year of interview
# transcripts is a few MB; the ingest then holds the text several times over, and
# 64 MB is what a laptop's memory stands for one document.
MAX_TEXT_BYTES = 64 * MB
# project.qde: the XML tree lxml builds takes several times the file's size.
MAX_QDE_BYTES = 128 * MB
# Everything one import reads (the .qde, texts and notes), counted as inflated.
MAX_TOTAL_BYTES = 512 * MB
MAX_MEMBER_BYTES = MAX_TEXT_BYTES  # the name an earlier version used
CHUNK = MB


@dataclass(slots=True)
class RefiCode:
    guid: str
    path: tuple[str, ...]  # names from the top of the codebook, as written in the file
    color: str | None
    description: str
    note_guids: list[str] = field(default_factory=list)  # the code's <NoteRef>s: its memos


@dataclass(slots=True)
class RefiNote:
    """A ``<Note>``'s who and when, as written (its text is in RefiProject.notes)."""

    guid: str
    name: str
    created_by: str = ""  # GUID
    created: str | None = None  # xsd:dateTime as written
    modified_by: str = ""
    modified: str | None = None


@dataclass(slots=True)
class RefiSelection:
    guid: str
    start: str  # as written: the caller checks they are integers
    end: str
    name: str
    description: str
    code_guids: list[str]
    note_guids: list[str]
    user: str  # the creating user's GUID: the selection's, else its first coding's, else the modifying user's
    created: str | None  # xsd:dateTime as written (creation, else modification)
    modifying_user: str = ""  # GUID; "" when the file names none
    modified: str | None = None
    # Who applied each code and when, by code GUID: the <Coding>'s creatingUser and
    # creationDateTime (a colleague may have added a code to another's selection).
    coders: dict[str, tuple[str, str | None]] = field(default_factory=dict)


@dataclass(slots=True)
class RefiSource:
    guid: str
    name: str
    description: str
    text: str | None  # None: not found (see ``problem``)
    problem: tuple[str, str] | None  # (English, Korean) when the text is missing
    selections: list[RefiSelection]
    source_codings: int = 0  # codes on the whole source, which Workbench has no place for
    bom: bool = False  # the file began with a byte-order mark (not counted in positions)
    outside: str = ""  # the path the text was read from when it is not in the archive (said in the report)
    outside_ref: str = ""  # the file's own reference to a text outside the archive, read or not
    created_by: str = ""  # the creating user's GUID
    created: str | None = None  # xsd:dateTime as written
    modified_by: str = ""
    modified: str | None = None
    note_guids: list[str] = field(default_factory=list)  # the source's own <NoteRef>s: a document memo


@dataclass(slots=True)
class RefiProject:
    name: str
    origin: str
    users: dict[str, str]  # GUID → name
    codes: list[RefiCode]
    sources: list[RefiSource]
    notes: dict[str, str]  # GUID → text
    other_sources: list[tuple[str, str]] = field(default_factory=list)  # (element, name)
    # (kind: "source", "selection" or "note", GUID, the names of the elements sharing it)
    duplicates: list[tuple[str, str, list[str]]] = field(default_factory=list)
    # What Workbench has no place for, by element: "Set", "Graph", "Link" (other than a
    # note's), "Variable", "VariableValue", "Case" → how many the file holds
    dropped: dict[str, int] = field(default_factory=dict)
    # Each <Note>'s users and dates by GUID, and the project's own <NoteRef>s (notes on the project as a whole)
    note_details: dict[str, RefiNote] = field(default_factory=dict)
    project_notes: list[str] = field(default_factory=list)


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child) == name]


def _text_of(element, name: str) -> str:
    return "".join("".join(child.itertext()) for child in _children(element, name))


def _error(path: Path, en: str, ko: str) -> WorkbenchError:
    return WorkbenchError(f"{path.name}: {en}; nothing was imported",
                          f"{path.name}: {ko}. 아무것도 가져오지 않았습니다")


class _Refused(Exception):
    """One text (a member or a file) that is not read: args are (English, Korean)."""


def _megabytes(n: int) -> str:
    return f"{n // MB} MB"


class _Archive:
    """The zip's members by lower-cased name. Everything read goes through
    :meth:`stream` or :meth:`read_file`: in chunks, counted as it inflates,
    with progress and the cancel checked between chunks."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, cancel: CancelToken | None = None) -> None:
        self.path, self.archive, self.cancel = path, archive, cancel
        self.members = {info.filename.replace("\\", "/").lower(): info
                        for info in archive.infolist() if not info.is_dir()}
        self.done = 0  # bytes read so far, as inflated
        self.expected = 0  # bytes this import means to read (the headers' word: for the progress bar only)

    def find(self, name: str) -> zipfile.ZipInfo | None:
        return self.members.get(name.replace("\\", "/").lower())

    def progress(self, label: str) -> Progress:
        total = max(self.expected, self.done)
        return Progress(self.done, total, label, self.done, total, "read")

    def _chunks(self, stream, limit: int, what: tuple[str, str], label: str) -> Generator[Progress, None, bytes]:
        parts: list[bytes] = []
        size = 0
        while True:
            if self.cancel is not None and self.cancel.cancelled:
                raise Cancelled()
            chunk = stream.read(CHUNK)
            if not chunk:
                return b"".join(parts)
            size += len(chunk)
            self.done += len(chunk)
            if size > limit:
                raise _Refused(f"{label} is over the {_megabytes(limit)} limit for {what[0]} "
                               f"(more than {size:,} bytes when unpacked)",
                               f"{label}이(가) {what[1]} 한도 {_megabytes(limit)}를 넘습니다"
                               f"(풀면 {size:,}바이트 이상)")
            if self.done > MAX_TOTAL_BYTES:
                raise _error(self.path, f"it unpacks to more than {_megabytes(MAX_TOTAL_BYTES)}, the most one import "
                             "reads", f"풀면 한 번에 가져올 수 있는 {_megabytes(MAX_TOTAL_BYTES)}를 넘습니다")
            parts.append(chunk)
            yield self.progress(label)

    def stream(self, info: zipfile.ZipInfo, limit: int, what: tuple[str, str]) -> Generator[Progress, None, bytes]:
        """A member's bytes. :class:`_Refused` when it is over ``limit`` (by its
        header, or while inflating whatever the header says) or a link;
        :class:`WorkbenchError` for a damaged archive or one over the total."""
        name = info.filename
        if stat.S_ISLNK(info.external_attr >> 16):
            raise _Refused(f"{name} is a link in the archive, not a file", f"{name}은(는) 파일이 아니라 링크입니다")
        if info.file_size > limit:
            raise _Refused(f"{name} is over the {_megabytes(limit)} limit for {what[0]} "
                           f"({info.file_size:,} bytes by the archive's header)",
                           f"{name}이(가) {what[1]} 한도 {_megabytes(limit)}를 넘습니다"
                           f"(압축 파일 머리글에 {info.file_size:,}바이트)")
        try:
            with self.archive.open(info) as member:
                return (yield from self._chunks(member, limit, what, name))
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error, NotImplementedError) as exc:
            # A CRC error here is also a header that lies about the size: zipfile stops at the
            # size the header gives, and the data read so far does not check out.
            raise _error(self.path, f"{name} cannot be read from the archive: its data does not match the "
                         f"archive's record of its size and checksum, or it is encrypted ({exc})",
                         f"압축 파일에서 {name}을(를) 읽을 수 없습니다. 내용이 압축 파일에 적힌 크기·검사값과 "
                         f"맞지 않거나 암호가 걸려 있습니다({exc})") from exc

    def read_file(self, real: Path, limit: int, label: str) -> Generator[Progress, None, bytes]:
        """A regular file's bytes (``real``: links already resolved). A device,
        FIFO or socket is refused before it is opened, and the file is opened
        without blocking and checked again, so nothing can make the import wait."""
        try:
            info = os.stat(real)
        except OSError as exc:
            raise _Refused(f"{label}: the file is not there ({real})", f"{label}: 파일이 없습니다({real})") from exc
        if not stat.S_ISREG(info.st_mode):
            raise _Refused(f"{label}: {real} is not a regular file (a folder, device, pipe or socket); not read",
                           f"{label}: {real}은(는) 일반 파일이 아닙니다(폴더, 장치, 파이프, 소켓). 읽지 않았습니다")
        if info.st_size > limit:
            raise _Refused(f"{label} is over the {_megabytes(limit)} limit for one text source ({info.st_size:,} bytes)",
                           f"{label}이(가) 원문 하나의 한도 {_megabytes(limit)}를 넘습니다({info.st_size:,}바이트)")
        self.expected += info.st_size
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(real, flags)
        with os.fdopen(fd, "rb", buffering=0) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since the check
                raise _Refused(f"{label}: {real} is not a regular file; not read",
                               f"{label}: {real}은(는) 일반 파일이 아닙니다. 읽지 않았습니다")
            return (yield from self._chunks(handle, limit, ("one text source", "원문 하나의"), label))

    def project_member(self) -> str:
        qde = sorted((n for n in self.members if n.endswith(".qde")), key=lambda n: (n != "project.qde", len(n)))
        if not qde:
            raise _error(self.path, "no project.qde inside: not a REFI-QDA project",
                         "안에 project.qde가 없습니다. REFI-QDA 프로젝트가 아닙니다")
        return qde[0]


TEXT = ("one text source", "원문 하나의")


def _decode(data: bytes, label: str) -> tuple[str, bool]:
    """REFI-QDA text is UTF-8; a BOM is not part of the text positions count."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8-sig"), bom
    except UnicodeDecodeError:
        text, _encoding = decode_text(data, label)  # an older tool's CP949 or UTF-16 file
        return text.lstrip("\ufeff"), bom


# Where a source's text is: its own PlainTextContent, a member of the archive, outside it, or nowhere.
CONTENT, MEMBER, OUTSIDE, MISSING, NONE, UNKNOWN = "content", "member", "outside", "missing", "none", "unknown"


def _where(archive: _Archive, folder: str, element) -> tuple[str, str]:
    """(where, detail): the member's name for MEMBER, else the reference as written."""
    if _children(element, "PlainTextContent"):
        return CONTENT, ""
    ref = (element.get("plainTextPath") or "").strip()
    if not ref:
        return NONE, ""
    scheme = ref.split("://", 1)[0].lower() if "://" in ref else ""
    if scheme in ("internal", ""):  # a path without a scheme is looked for in the archive first
        name = ref.split("://", 1)[1].lstrip("/") if scheme else ref.lstrip("/")
        for candidate in (f"{folder}sources/{name}", f"sources/{name}", name):
            if (info := archive.find(candidate)) is not None:
                return MEMBER, info.filename
        return (MISSING, ref) if scheme else (OUTSIDE, ref)
    if scheme in ("relative", "absolute"):
        return OUTSIDE, ref
    return UNKNOWN, ref


def _outside_target(ref: str, folder: Path) -> Path:
    """Where a reference outside the archive points, with ``folder`` the
    analyst's chosen folder: ``relative://x`` is folder/x; an absolute path is
    itself (and must turn out to be inside the folder)."""
    if ref.startswith("relative://"):
        return folder / ref[len("relative://"):].lstrip("/")
    if ref.startswith("absolute://"):
        return Path(ref[len("absolute://"):])
    path = Path(ref)
    return path if path.is_absolute() else folder / ref


def _not_read(ref: str) -> tuple[str, str]:
    return (f"{ref}: not read — the text is outside the archive, and only the archive's own files are read. "
            "If you have the texts, choose the folder that holds them: in the window, answer the question the "
            "import asks; on the command line, workbench import FILE.qdpx --sources-from FOLDER",
            f"{ref}: 읽지 않았습니다 — 원문이 압축 파일 밖에 있고, 압축 파일 안의 파일만 읽습니다. 원문이 있다면 "
            "그 폴더를 고르세요: 창에서는 가져올 때 묻는 질문에 답하고, 명령줄에서는 "
            "workbench import FILE.qdpx --sources-from 폴더")


def _outside_refusal(ref: str, target: Path, folder: Path) -> tuple[Path | None, tuple[str, str] | None]:
    """(the real path, None) when a text named outside the archive may be read,
    else (None, why not): the real file (links followed) must be inside
    ``folder``, the folder the analyst chose for the texts."""
    try:
        real, inside = target.resolve(), folder.resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop, a name the OS refuses
        real, inside = None, folder
    if real is None or not real.is_relative_to(inside):
        return None, (f"{ref}: not read — it names a file outside the chosen folder ({folder}), through an absolute "
                      "path, ../ or a link; only files inside that folder are read",
                      f"{ref}: 읽지 않았습니다 — 고른 폴더({folder}) 밖의 파일을 가리킵니다(절대 경로, ../ 또는 링크). "
                      "그 폴더 안의 파일만 읽습니다")
    return real, None


def _source_text(archive: _Archive, folder: str, element, source: RefiSource,
                 sources_from: Path | None) -> Generator[Progress, None, None]:
    """Fill in the source's text, or the reason it has none."""
    where, detail = _where(archive, folder, element)
    if where == CONTENT:
        source.text = "".join(_children(element, "PlainTextContent")[0].itertext())
        return
    ref = detail
    if where == NONE:
        source.problem = ("no text: neither plainTextPath nor PlainTextContent",
                          "텍스트가 없습니다(plainTextPath도 PlainTextContent도 없음)")
        return
    if where == MISSING:
        source.problem = (f"{ref} is not in the archive's sources folder",
                          f"{ref}이(가) 압축 파일의 sources 폴더에 없습니다")
        return
    if where == UNKNOWN:
        source.problem = (f"{ref}: not a path Workbench reads (internal://, relative:// or absolute://)",
                          f"{ref}: Workbench가 읽는 경로가 아닙니다(internal://, relative://, absolute://)")
        return
    try:
        if where == MEMBER:
            data = yield from archive.stream(archive.find(detail), MAX_TEXT_BYTES, TEXT)
            label = detail
        else:
            source.outside_ref = ref
            if sources_from is None:
                source.problem = _not_read(ref)
                return
            real, refusal = _outside_refusal(ref, _outside_target(ref, sources_from), sources_from)
            if refusal is not None:
                source.problem = refusal
                return
            data = yield from archive.read_file(real, MAX_TEXT_BYTES, ref)
            label = real.name
            source.outside = str(real)
        source.text, source.bom = _decode(data, label)
    except _Refused as refused:
        source.problem = refused.args
    except ReadError as exc:  # binary data, an undecodable text
        source.problem = (f"{ref}: {exc.message}", f"{ref}: {exc.message_ko}")
    except OSError as exc:  # an unreadable file, a name the OS refuses
        source.problem = (f"{ref}: the file cannot be read ({exc.strerror or exc})",
                          f"{ref}: 파일을 읽을 수 없습니다({exc.strerror or exc})")
    if source.problem is not None:
        source.outside = ""


def _codes(element, path: tuple[str, ...], out: list[RefiCode]) -> None:
    for code in _children(element, "Code"):
        here = (*path, code.get("name", ""))
        out.append(RefiCode(code.get("guid", ""), here, code.get("color"), _text_of(code, "Description").strip(),
                            _note_refs(code)))
        _codes(code, here, out)


def _note_refs(element) -> list[str]:
    return [ref.get("targetGUID", "") for ref in _children(element, "NoteRef") if ref.get("targetGUID")]


def _selection(element) -> RefiSelection:
    """A selection with who applied each of its codes, and when: the <Coding>'s
    creatingUser (NVivo writes the selection's own user as whoever marked the
    text; a colleague's code on a selection is the colleague's). The passage's
    coder is the selection's user when one of its codings is theirs, else the
    first coding's: the coder on <Coding> wins over the selection's."""
    codings = _children(element, "Coding")
    own_user = element.get("creatingUser") or ""
    own_date = element.get("creationDateTime")
    coders: dict[str, tuple[str, str | None]] = {}
    for coding in codings:
        who, when = coding.get("creatingUser") or own_user, coding.get("creationDateTime") or own_date
        for ref in _children(coding, "CodeRef"):
            coders.setdefault(ref.get("targetGUID", ""), (who, when))
    users = [who for who, _ in coders.values()]
    user = own_user if own_user in users or not users else users[0]
    # When: the selection's own date when it is the coder's selection, else the coder's first coding's.
    created = (own_date if user == own_user else None) or next(
        (when for who, when in coders.values() if who == user and when), None)
    return RefiSelection(element.get("guid", ""), element.get("startPosition", ""),
                         element.get("endPosition", ""), element.get("name", ""),
                         _text_of(element, "Description").strip(), list(coders),
                         [ref.get("targetGUID", "") for ref in _children(element, "NoteRef")],
                         user or element.get("modifyingUser") or "",
                         created or own_date or element.get("modifiedDateTime"),
                         element.get("modifyingUser") or "", element.get("modifiedDateTime"), coders)


def _notes(archive: _Archive, folder: str, root) -> Generator[Progress, None, tuple[dict[str, str], list]]:
    """The notes by GUID, and the note elements (for duplicate GUIDs)."""
    notes: dict[str, str] = {}
    elements = [note for container in _children(root, "Notes") for note in _children(container, "Note")]
    for note in elements:
        text = _text_of(note, "PlainTextContent")
        ref = note.get("plainTextPath") or ""
        if not text and ref.startswith("internal://"):
            info = archive.find(f"{folder}sources/{ref[len('internal://'):].lstrip('/')}")
            if info is not None:
                try:
                    text = _decode((yield from archive.stream(info, MAX_TEXT_BYTES, TEXT)), ref)[0]
                except (_Refused, ReadError):  # a note too large or not text: kept as its description
                    text = ""
        notes[note.get("guid", "")] = (text or _text_of(note, "Description")).strip()
    return notes, elements


def _linked_notes(root, notes: dict[str, str], sources: list[RefiSource]) -> int:
    """NVivo ties a note to a selection with a ``<Link>`` rather than a
    ``NoteRef`` (QualCoder's importer learned this): treat it as one. Returns
    how many links were something else (between codes, sources, pictures…)."""
    selections: dict[str, list[RefiSelection]] = {}
    for source in sources:
        for sel in source.selections:
            selections.setdefault(sel.guid, []).append(sel)
    other = 0
    for holder in _children(root, "Links"):
        for link in _children(holder, "Link"):
            ends = (link.get("originGUID", ""), link.get("targetGUID", ""))
            used = False
            for note, target in (ends, ends[::-1]):
                if note in notes and target in selections:
                    used = True
                    for sel in selections[target]:
                        if note not in sel.note_guids:
                            sel.note_guids.append(note)
            other += not used
    return other


def _duplicates(kind: str, pairs: list[tuple[str, str]]) -> list[tuple[str, str, list[str]]]:
    """(kind, guid, names) for each GUID given to more than one element."""
    names: dict[str, list[str]] = {}
    for guid, name in pairs:
        if guid:
            names.setdefault(guid, []).append(name)
    return [(kind, guid, found) for guid, found in names.items() if len(found) > 1]


def _refuse_shared_guids(path: Path, users: list, codes: list[RefiCode]) -> None:
    """Two users or two codes with one GUID: every coding naming it is ambiguous."""
    for _kind, guid, names in _duplicates("user", [(u.get("guid", ""), u.get("name", "")) for u in users]):
        raise _error(path, f"two users share the GUID {guid} ({names[0]!r} and {names[1]!r}): whose work each "
                     "coding is would be a guess",
                     f"사용자 두 명이 같은 GUID {guid}를 씁니다({names[0]!r}, {names[1]!r}). 어느 코딩이 누구의 "
                     "것인지 알 수 없습니다")
    paths = [(c.guid, " / ".join(c.path)) for c in codes]
    for _kind, guid, names in _duplicates("code", paths):
        raise _error(path, f"two codes share the GUID {guid} ({names[0]!r} and {names[1]!r}): which code a "
                     "coding means would be a guess",
                     f"코드 두 개가 같은 GUID {guid}를 씁니다({names[0]!r}, {names[1]!r}). 코딩이 어느 코드를 "
                     "가리키는지 알 수 없습니다")


def _dropped(root, other_links: int) -> dict[str, int]:
    """What the file holds that Workbench has no place for, by element."""
    counts: Counter = Counter()
    for element in root.iter():
        kind = _local(element)
        if kind in ("Set", "Graph", "Variable", "Case", "VariableValue"):
            counts[kind] += 1
    if other_links:
        counts["Link"] = other_links
    return dict(counts)


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise WorkbenchError(f"{path}: no such file", f"{path}: 파일이 없습니다") from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise _error(path, f"not a .qdpx (zip) archive ({exc})", f".qdpx(zip) 압축 파일이 아닙니다({exc})") from exc


def _project_root(archive: _Archive) -> Generator[Progress, None, tuple[str, object]]:
    """The checked <Project> element of the archive's .qde, and the folder it is in."""
    path = archive.path
    member = archive.project_member()
    info = archive.members[member]
    archive.expected += info.file_size
    yield archive.progress(info.filename)
    try:
        data = yield from archive.stream(info, MAX_QDE_BYTES, ("the project file", "프로젝트 파일의"))
    except _Refused as refused:
        raise _error(path, *refused.args) from None
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise _error(path, f"{member} is not well-formed XML ({exc})",
                     f"{member}이(가) 올바른 XML이 아닙니다({exc})") from exc
    if _local(root) != "Project":
        raise _error(path, f"{member} holds <{_local(root) or root.tag}>, not a REFI-QDA <Project>",
                     f"{member}에 REFI-QDA <Project>가 아니라 <{_local(root) or root.tag}>이(가) 있습니다")
    folder = member.rsplit("/", 1)[0] + "/" if "/" in member else ""
    return folder, root


def read_qdpx_job(path: Path | str, sources_from: Path | str | None = None,
                  cancel: CancelToken | None = None) -> Generator[Progress, None, RefiProject]:
    """Parse and check the whole file, yielding progress (stage ``"read"``, in
    bytes) while it reads; raises :class:`WorkbenchError` if it is not a
    readable REFI-QDA project, :class:`Cancelled` at a cancel. Texts outside
    the archive are read only from ``sources_from``, a folder the analyst chose."""
    path = Path(path)
    folder_chosen = Path(sources_from) if sources_from is not None else None
    if folder_chosen is not None and not folder_chosen.is_dir():
        raise WorkbenchError(f"{folder_chosen}: no such folder to read the texts from",
                             f"{folder_chosen}: 원문을 읽을 폴더가 없습니다")
    with _open(path) as archive_file:
        archive = _Archive(path, archive_file, cancel)
        folder, root = yield from _project_root(archive)
        user_elements = [u for us in _children(root, "Users") for u in _children(us, "User")]
        users = {u.get("guid", ""): u.get("name", "") for u in user_elements}
        codes: list[RefiCode] = []
        for book in _children(root, "CodeBook"):
            for holder in _children(book, "Codes"):
                _codes(holder, (), codes)
        _refuse_shared_guids(path, user_elements, codes)
        elements = [element for holder in _children(root, "Sources") for element in holder if _local(element)]
        for element in elements:  # what the progress bar expects to read
            where, detail = _where(archive, folder, element)
            if _local(element) == "TextSource" and where == MEMBER:
                archive.expected += archive.find(detail).file_size
        sources, others, selection_elements = [], [], []
        for element in elements:
            kind = _local(element)
            if kind != "TextSource":
                others.append((kind, element.get("name", "")))
                continue
            marked = _children(element, "PlainTextSelection")
            selection_elements += [(s.get("guid", ""), f"{element.get('name', '')}: {s.get('startPosition', '')}-"
                                    f"{s.get('endPosition', '')}") for s in marked]
            source = RefiSource(
                element.get("guid", ""), element.get("name", ""), _text_of(element, "Description").strip(),
                None, None, [_selection(s) for s in marked], len(_children(element, "Coding")),
                created_by=element.get("creatingUser") or "", created=element.get("creationDateTime"),
                modified_by=element.get("modifyingUser") or "", modified=element.get("modifiedDateTime"),
                note_guids=_note_refs(element))
            yield from _source_text(archive, folder, element, source, folder_chosen)
            sources.append(source)
        notes, note_elements = yield from _notes(archive, folder, root)
        other_links = _linked_notes(root, notes, sources)
        duplicates = (_duplicates("source", [(e.get("guid", ""), e.get("name", "") or _local(e)) for e in elements])
                      + _duplicates("selection", selection_elements)
                      + _duplicates("note", [(n.get("guid", ""), n.get("name", "")) for n in note_elements]))
        yield archive.progress(path.name)
    details = {n.get("guid", ""): RefiNote(n.get("guid", ""), n.get("name", ""), n.get("creatingUser") or "",
                                           n.get("creationDateTime"), n.get("modifyingUser") or "",
                                           n.get("modifiedDateTime")) for n in note_elements}
    return RefiProject(root.get("name", path.stem), root.get("origin", ""), users, codes, sources, notes, others,
                       duplicates, _dropped(root, other_links), details, _note_refs(root))


def read_qdpx(path: Path | str, sources_from: Path | str | None = None) -> RefiProject:
    """:func:`read_qdpx_job` run to its end."""
    job = read_qdpx_job(path, sources_from)
    while True:
        try:
            next(job)
        except StopIteration as stop:
            return stop.value


def outside_sources(path: Path | str) -> list[str]:
    """The references (as the file writes them) of the text sources whose text
    is outside the archive — what the window asks about before an import.
    Reads only project.qde; raises :class:`WorkbenchError` as :func:`read_qdpx`."""
    path = Path(path)
    with _open(path) as archive_file:
        archive = _Archive(path, archive_file)
        job = _project_root(archive)
        while True:
            try:
                next(job)
            except StopIteration as stop:
                folder, root = stop.value
                break
        found = []
        for holder in _children(root, "Sources"):
            for element in _children(holder, "TextSource"):
                where, ref = _where(archive, folder, element)
                if where == OUTSIDE:
                    found.append(ref)
        return found


def codebook_dropped(path: Path | str) -> dict[str, int]:
    """What a codebook (``.qdc``) holds besides its codes that Workbench has no
    place for (ATLAS.ti writes code groups as ``<Sets>``), by element; {} for a
    file that is not XML (the codebook import says what is wrong with it)."""
    try:
        data = Path(path).read_bytes()
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError, ValueError):
        return {}
    counts = Counter(_local(e) for e in root.iter() if _local(e) in ("Set",))
    return dict(counts)


def member_name(name: str) -> str:
    """A source's name as a plain file stem: some tools put a path in it, most
    the original file's extension (``interview.docx``), which the stored
    ``.txt`` copy does not need twice."""
    path = PurePosixPath(name.replace("\\", "/"))
    return path.stem if path.suffix.lower() in _DOCUMENT_SUFFIXES else path.name


_DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".html", ".htm", ".hwp", ".hwpx")

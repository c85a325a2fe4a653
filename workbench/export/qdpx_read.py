"""Read a REFI-QDA project (``.qdpx``) into plain rows, before anything is
written: a damaged zip, a missing or malformed ``project.qde`` or a file that
is not a REFI-QDA project raises :class:`WorkbenchError` naming the file and
the problem, so an import either starts with a whole, checked file or does
not start at all.

What real files do, learned from QualCoder's importer (``refi.py``) and the
schema (Project-mrt2019.xsd):

* MAXQDA writes ``sources/``, NVivo ``Sources/``: members are found without
  regard to case. ``internal://`` names a member of that folder;
  ``relative://`` a file beside the ``.qdpx`` (the file's own ``basePath`` is
  where the texts were on the machine that wrote it, and is not followed);
  ``absolute://`` a path. Only a regular file inside the folder of the
  ``.qdpx`` is read: the file is untrusted, and a path, ``../`` or a link
  could otherwise name any file the analyst can read. A source whose text
  cannot be found or is refused is kept with a reason, to be reported —
  never a crash.
* Elements are matched by local name (QualCoder builds the namespace from a
  version number), so ``urn:QDA-XML:project:1.0`` and a namespace-less file
  read alike.
* A selection's ``name`` is often the quoted text (Workbench, QualCoder) but
  may be a label; whether it is a quote is decided by the caller, per file.
* Sources other than text (PDF, picture, audio, video) are listed as
  unsupported so the report can say what was left out.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from workbench.core.errors import WorkbenchError
from workbench.corpus.decode import decode_text

MAX_MEMBER_BYTES = 256 * 1024 * 1024  # as for an ingested file: larger is a mislabelled archive


@dataclass(slots=True)
class RefiCode:
    guid: str
    path: tuple[str, ...]  # names from the top of the codebook, as written in the file
    color: str | None
    description: str


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


@dataclass(slots=True)
class RefiProject:
    name: str
    origin: str
    users: dict[str, str]  # GUID → name
    codes: list[RefiCode]
    sources: list[RefiSource]
    notes: dict[str, str]  # GUID → text
    other_sources: list[tuple[str, str]] = field(default_factory=list)  # (element, name)


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child) == name]


def _text_of(element, name: str) -> str:
    return "".join("".join(child.itertext()) for child in _children(element, name))


def _error(path: Path, en: str, ko: str) -> WorkbenchError:
    return WorkbenchError(f"{path.name}: {en}; nothing was imported",
                          f"{path.name}: {ko}. 아무것도 가져오지 않았습니다")


class _Archive:
    """The zip's members by lower-cased name; reading is size-checked."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path, self.archive = path, archive
        self.members = {info.filename.replace("\\", "/").lower(): info
                        for info in archive.infolist() if not info.is_dir()}

    def read(self, name: str) -> bytes | None:
        info = self.members.get(name.replace("\\", "/").lower())
        if info is None:
            return None
        if info.file_size > MAX_MEMBER_BYTES:
            raise _error(self.path, f"{info.filename} is too large ({info.file_size} bytes)",
                         f"{info.filename}이(가) 너무 큽니다({info.file_size}바이트)")
        try:
            return self.archive.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:  # CRC error, encrypted member
            raise _error(self.path, f"{info.filename} cannot be read from the archive ({exc})",
                         f"압축 파일에서 {info.filename}을(를) 읽을 수 없습니다({exc})") from exc

    def project_member(self) -> str:
        qde = sorted((n for n in self.members if n.endswith(".qde")), key=lambda n: (n != "project.qde", len(n)))
        if not qde:
            raise _error(self.path, "no project.qde inside: not a REFI-QDA project",
                         "안에 project.qde가 없습니다. REFI-QDA 프로젝트가 아닙니다")
        return qde[0]


def _decode(data: bytes, label: str) -> tuple[str, bool]:
    """REFI-QDA text is UTF-8; a BOM is not part of the text positions count."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8-sig"), bom
    except UnicodeDecodeError:
        text, _encoding = decode_text(data, label)  # an older tool's CP949 or UTF-16 file
        return text.lstrip("\ufeff"), bom


def _source_text(archive: _Archive, folder: str, base: Path, element, source: RefiSource) -> None:
    """Fill in the source's text, or the reason it has none."""
    content = _children(element, "PlainTextContent")
    if content:
        source.text = "".join(content[0].itertext())
        return
    ref = (element.get("plainTextPath") or "").strip()
    if not ref:
        source.problem = ("no text: neither plainTextPath nor PlainTextContent",
                          "텍스트가 없습니다(plainTextPath도 PlainTextContent도 없음)")
        return
    scheme = ref.split("://", 1)[0] if "://" in ref else ""
    if scheme in ("internal", ""):  # a path without a scheme is looked for in the archive first
        name = ref[len("internal://"):].lstrip("/") if scheme else ref.lstrip("/")
        data = None
        for candidate in (f"{folder}sources/{name}", f"sources/{name}", name):
            data = archive.read(candidate)
            if data is not None:
                break
        if data is not None:
            source.text, source.bom = _decode(data, name)
            return
        if scheme:
            source.problem = (f"{ref} is not in the archive's sources folder",
                              f"{ref}이(가) 압축 파일의 sources 폴더에 없습니다")
            return
    # Outside the archive: only a regular file in the folder of the .qdpx (or below
    # it) is read. The file is untrusted: its basePath, an absolute:// path, "../"
    # or a link could name any file the analyst can read (an SSH key, a system file).
    if ref.startswith("relative://"):
        target = base / ref[len("relative://"):].lstrip("/")
    elif ref.startswith("absolute://"):
        target = Path(ref[len("absolute://"):])
    else:
        target = base / ref
    refusal = _outside_refusal(ref, target, base)
    if refusal is not None:
        source.problem = refusal
        return
    try:
        if not target.is_file() or target.stat().st_size > MAX_MEMBER_BYTES:
            source.problem = (f"{ref}: the file is not there ({target})", f"{ref}: 파일이 없습니다({target})")
            return
        data = target.read_bytes()
    except (OSError, ValueError) as exc:  # an unreadable file, a name the OS refuses
        source.problem = (f"{ref}: the file cannot be read ({exc.strerror or exc})",
                          f"{ref}: 파일을 읽을 수 없습니다({exc.strerror or exc})")
        return
    source.text, source.bom = _decode(data, target.name)
    source.outside = str(target)


def _outside_refusal(ref: str, target: Path, folder: Path) -> tuple[str, str] | None:
    """Why a text named outside the archive is not read, or None when it may be:
    the real file (links followed) must be a regular file inside ``folder``, the
    folder the analyst chose the .qdpx from."""
    try:
        real, inside = target.resolve(), folder.resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop, a name the OS refuses
        real, inside = None, folder
    if real is None or not real.is_relative_to(inside):
        return (f"{ref}: not read — it names a file outside the folder of the .qdpx ({folder}); "
                "copy the text beside the .qdpx if it belongs to the project",
                f"{ref}: 읽지 않았습니다 — .qdpx가 있는 폴더({folder}) 밖의 파일을 가리킵니다. "
                "프로젝트의 원문이라면 .qdpx 옆에 복사해 두세요")
    return None


def _codes(element, path: tuple[str, ...], out: list[RefiCode]) -> None:
    for code in _children(element, "Code"):
        here = (*path, code.get("name", ""))
        out.append(RefiCode(code.get("guid", ""), here, code.get("color"), _text_of(code, "Description").strip()))
        _codes(code, here, out)


def _selections(element) -> list[RefiSelection]:
    """One selection per coder: who applied a code is the <Coding>'s creatingUser
    (NVivo and QualCoder write it there; the selection's own user is who marked
    the text), so two coders' codes on one selection become two passages, each
    with its coder and date. A selection without codings (a memo) stays one."""
    codings = _children(element, "Coding")
    notes = [ref.get("targetGUID", "") for ref in _children(element, "NoteRef")]
    own_user = element.get("creatingUser") or ""
    own_date = element.get("creationDateTime")
    groups: dict[str, list] = {}
    for coding in codings:
        groups.setdefault(coding.get("creatingUser") or own_user, []).append(coding)

    def make(user: str, group: list) -> RefiSelection:
        codes = [ref.get("targetGUID", "") for coding in group for ref in _children(coding, "CodeRef")]
        coded = next((c.get("creationDateTime") for c in group if c.get("creationDateTime")), None)
        return RefiSelection(element.get("guid", ""), element.get("startPosition", ""),
                             element.get("endPosition", ""), element.get("name", ""),
                             _text_of(element, "Description").strip(), codes, notes,
                             user or element.get("modifyingUser") or "",
                             coded or own_date or element.get("modifiedDateTime"),
                             element.get("modifyingUser") or "", element.get("modifiedDateTime"))

    if not groups:
        return [make(own_user, [])]
    return [make(user, group) for user, group in groups.items()]


def _notes(archive: _Archive, folder: str, root) -> dict[str, str]:
    notes: dict[str, str] = {}
    for container in _children(root, "Notes"):
        for note in _children(container, "Note"):
            text = _text_of(note, "PlainTextContent")
            ref = note.get("plainTextPath") or ""
            if not text and ref.startswith("internal://"):
                data = archive.read(f"{folder}sources/{ref[len('internal://'):].lstrip('/')}")
                text = _decode(data, ref)[0] if data is not None else ""
            notes[note.get("guid", "")] = (text or _text_of(note, "Description")).strip()
    return notes


def _linked_notes(root, notes: dict[str, str], sources: list[RefiSource]) -> None:
    """NVivo ties a note to a selection with a ``<Link>`` rather than a
    ``NoteRef`` (QualCoder's importer learned this): treat it as one."""
    selections = {sel.guid: sel for source in sources for sel in source.selections}
    for holder in _children(root, "Links"):
        for link in _children(holder, "Link"):
            ends = (link.get("originGUID", ""), link.get("targetGUID", ""))
            for note, target in (ends, ends[::-1]):
                if note in notes and target in selections and note not in selections[target].note_guids:
                    selections[target].note_guids.append(note)


def read_qdpx(path: Path) -> RefiProject:
    """Parse and check the whole file; raises :class:`WorkbenchError` if it is
    not a readable REFI-QDA project."""
    path = Path(path)
    try:
        archive_file = zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise WorkbenchError(f"{path}: no such file", f"{path}: 파일이 없습니다") from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise _error(path, f"not a .qdpx (zip) archive ({exc})", f".qdpx(zip) 압축 파일이 아닙니다({exc})") from exc
    with archive_file:
        archive = _Archive(path, archive_file)
        member = archive.project_member()
        folder = member.rsplit("/", 1)[0] + "/" if "/" in member else ""
        data = archive.read(member) or b""
        try:
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            raise _error(path, f"{member} is not well-formed XML ({exc})",
                         f"{member}이(가) 올바른 XML이 아닙니다({exc})") from exc
        if _local(root) != "Project":
            raise _error(path, f"{member} holds <{_local(root) or root.tag}>, not a REFI-QDA <Project>",
                         f"{member}에 REFI-QDA <Project>가 아니라 <{_local(root) or root.tag}>이(가) 있습니다")
        # The file's own basePath is where its texts were on the machine that wrote it; here
        # only the folder of the .qdpx is trusted (see _outside_refusal).
        base = path.parent
        users = {u.get("guid", ""): u.get("name", "") for us in _children(root, "Users") for u in _children(us, "User")}
        codes: list[RefiCode] = []
        for book in _children(root, "CodeBook"):
            for holder in _children(book, "Codes"):
                _codes(holder, (), codes)
        sources, others = [], []
        for holder in _children(root, "Sources"):
            for element in holder:
                kind = _local(element)
                if kind == "TextSource":
                    source = RefiSource(
                        element.get("guid", ""), element.get("name", ""), _text_of(element, "Description").strip(),
                        None, None, [sel for s in _children(element, "PlainTextSelection") for sel in _selections(s)],
                        len(_children(element, "Coding")))
                    _source_text(archive, folder, base, element, source)
                    sources.append(source)
                elif kind:
                    others.append((kind, element.get("name", "")))
        notes = _notes(archive, folder, root)
        _linked_notes(root, notes, sources)
    return RefiProject(root.get("name", path.stem), root.get("origin", ""), users, codes, sources, notes, others)


def member_name(name: str) -> str:
    """A source's name as a plain file stem: some tools put a path in it, most
    the original file's extension (``interview.docx``), which the stored
    ``.txt`` copy does not need twice."""
    path = PurePosixPath(name.replace("\\", "/"))
    return path.stem if path.suffix.lower() in _DOCUMENT_SUFFIXES else path.name


_DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".html", ".htm", ".hwp", ".hwpx")

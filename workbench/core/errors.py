"""Errors a user can cause, each with a message written for that user.

Every error carries an English message and, where it matters to the analyst,
a Korean one; the UI picks by locale, the CLI prints the English one unless the
locale is Korean.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base of every error that is reported to the user rather than crashing."""

    code = "error"

    def __init__(self, message: str, message_ko: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_ko = message_ko or message

    def localized(self, lang: str = "en") -> str:
        return self.message_ko if lang.startswith("ko") else self.message


class ReadError(WorkbenchError):
    """A file could not be turned into text. ``code`` names the reason."""

    def __init__(self, code: str, message: str, message_ko: str | None = None) -> None:
        super().__init__(message, message_ko)
        self.code = code


class ProjectError(WorkbenchError):
    code = "project"


class ProjectLockedError(ProjectError):
    code = "locked"


class SchemaTooNewError(ProjectError):
    code = "schema_too_new"


class DocumentNotFoundError(WorkbenchError):
    code = "not_found"


class ProjectBusyError(ProjectError):
    """This process's other writer held the project for longer than a write may wait."""

    code = "busy"


class DiskFullError(ProjectError):
    """The disk filled up during a write; the write was undone."""

    code = "disk_full"


class IndexBusyError(ProjectError):
    """Another process is writing the search index (see Project.index_lock)."""

    code = "index_busy"


class StaleTextError(WorkbenchError):
    """A tag or edit was made on text that is no longer the document's stored text."""

    code = "stale_text"


class AmbiguousTagError(WorkbenchError):
    """A tag named by its last part only, where several tags end that way."""

    code = "ambiguous_tag"

    def __init__(self, name: str, candidates: list[str]) -> None:
        listed = ", ".join(candidates)
        super().__init__(f"{name!r} could be any of {len(candidates)} tags: {listed}; give the full path "
                         f"(or /{name} for a tag of that name at the top level)",
                         f"{name!r}에 해당하는 태그가 {len(candidates)}개입니다: {listed}. 전체 경로를 쓰세요"
                         f"(맨 위의 같은 이름 태그는 /{name})")
        self.name = name
        self.candidates = candidates


class IndexNotReadyError(WorkbenchError):
    """The search index is missing or unreadable and must be (re)built before searching."""

    code = "index_not_ready"

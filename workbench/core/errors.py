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

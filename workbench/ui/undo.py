"""Undo and redo for annotation and codebook changes (QUndoStack commands).

Each command runs writing services through :meth:`ProjectEvents.apply` (so
every view hears of the change) and keeps what it needs to reverse it. A
command whose write fails reports the error and makes itself obsolete, so
QUndoStack drops it: a failed tag never stays on the stack waiting to break
the next Ctrl+Z. Commands name what they change (“delete passage “…””), and
:class:`UndoStack` says in the status bar what Undo or Redo just did, so the
message of the change itself never stays there after it was undone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.core.changes import Outcome
from workbench.services import annotations as svc
from workbench.services import autocode as autocode_svc
from workbench.services import codebook as codebook_svc
from workbench.ui.events import ProjectEvents

ErrorHandler = Callable[[BaseException], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("undo", text)


class UndoStack(QUndoStack):
    """The window's undo stack; ``announced`` says what an undo or redo did
    ("Undone: delete passage “…”"), from the command's own text. A push says
    nothing (its caller says what it did), nor does an undo that failed (its
    error is shown, and the command is gone from the stack)."""

    announced = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seen: list[QUndoCommand] = []  # the commands on the stack at the last index change
        self._index = 0
        self.indexChanged.connect(self._index_changed)

    def _index_changed(self, index: int) -> None:
        before, old = self._seen, self._index
        now = [self.command(i) for i in range(self.count())]
        self._seen, self._index = now, index

        def same(i: int) -> bool:  # the same command at i before and after: moved over, not pushed or dropped
            return i < len(now) and i < len(before) and now[i] is before[i]

        if index == old - 1 and same(index):
            self.announced.emit(_tr("Undone: {0}").format(now[index].text()))
        elif index == old + 1 and same(old):
            self.announced.emit(_tr("Redone: {0}").format(now[old].text()))


class ServiceCommand(QUndoCommand):
    def __init__(self, label: str, events: ProjectEvents, on_error: ErrorHandler) -> None:
        super().__init__()
        self.setText(label)
        self.events, self.on_error = events, on_error

    def _run(self, step: Callable[[], object]) -> bool:
        try:
            step()
        except Exception as exc:  # the error is the user's to read, not the stack's to keep
            self.setObsolete(True)
            self.on_error(exc)
            return False
        return True


class TagCommand(ServiceCommand):
    def __init__(self, events: ProjectEvents, doc_id: int, start: int, end: int, tags: list[str], note: str,
                 seen_sha: str, on_error: ErrorHandler, quote: str = "") -> None:
        super().__init__(_tr("tag the passage “{0}”").format(quote), events, on_error)
        self.args = (doc_id, start, end, tags, note, seen_sha)
        self.row = None

    def redo(self) -> None:
        if self.row is None:
            doc_id, start, end, tags, note, seen_sha = self.args

            def tag() -> None:
                self.row = self.events.apply(svc.tag_passage, str(doc_id), tags, start, end, note=note,
                                             seen_sha=seen_sha)
            self._run(tag)
        else:
            self._run(lambda: self.events.apply(svc.restore_annotation, self.row))

    def undo(self) -> None:
        def delete() -> None:
            self.row = self.events.apply(svc.delete_annotation, self.row.id)
        self._run(delete)


class DeleteCommand(ServiceCommand):
    """Delete a passage; Edit ▸ Undo names it (“delete passage “…””)."""

    def __init__(self, events: ProjectEvents, annotation_id: int, quote: str, on_error: ErrorHandler) -> None:
        super().__init__(_tr("delete passage “{0}”").format(quote), events, on_error)
        self.annotation_id = annotation_id
        self.row = None

    def redo(self) -> None:
        def delete() -> None:
            self.row = self.events.apply(svc.delete_annotation, self.annotation_id)
        self._run(delete)

    def undo(self) -> None:
        self._run(lambda: self.events.apply(svc.restore_annotation, self.row))


class EditCommand(ServiceCommand):
    def __init__(self, events: ProjectEvents, annotation_id: int, old: tuple[list[str], str],
                 new: tuple[list[str], str], seen_sha: str, on_error: ErrorHandler, quote: str = "") -> None:
        super().__init__(_tr("edit the passage “{0}”").format(quote), events, on_error)
        self.annotation_id, self.old, self.new, self.seen_sha = annotation_id, old, new, seen_sha
        self.before = None  # the passage as it was: undo puts back who applied each tag, and when

    def redo(self) -> None:
        # The first time, the passage must still be anchored where the analyst saw it.
        seen, self.seen_sha = self.seen_sha, None

        def edit() -> None:
            self.before = svc.get_annotation(self.events.project, self.annotation_id)
            self.events.apply(svc.update_annotation, self.annotation_id, note=self.new[1], tags=self.new[0],
                              seen_sha=seen)
        self._run(edit)

    def undo(self) -> None:
        if self.before is not None:
            self._run(lambda: self.events.apply(svc.restore_annotation, self.before))
        else:
            self._run(lambda: self.events.apply(svc.update_annotation, self.annotation_id, note=self.old[1],
                                                tags=self.old[0]))


class ReattachCommand(ServiceCommand):
    def __init__(self, events: ProjectEvents, annotation_id: int, start: int, end: int, seen_sha: str,
                 on_error: ErrorHandler, quote: str = "") -> None:
        super().__init__(_tr("re-attach the passage “{0}”").format(quote), events, on_error)
        self.annotation_id, self.span, self.seen_sha = annotation_id, (start, end), seen_sha
        self.before = None

    def redo(self) -> None:
        def reattach() -> None:
            self.before = svc.get_annotation(self.events.project, self.annotation_id)  # to put it back on undo
            self.events.apply(svc.reattach, self.annotation_id, *self.span, seen_sha=self.seen_sha)
        self._run(reattach)

    def undo(self) -> None:
        self._run(lambda: self.events.apply(svc.restore_annotation, self.before))


class AutocodeCommand(ServiceCommand):
    """An auto-code run (services/autocode.py): every span of the preview
    tagged in one transaction; undo takes the whole run back (the new passages
    go, the passages that got the tag are put back as they were)."""

    def __init__(self, events: ProjectEvents, plan, on_error: ErrorHandler) -> None:
        super().__init__(_tr("auto-code “{0}” with “{1}”").format(plan.query, plan.tag), events, on_error)
        self.plan = plan
        self.result = None

    def redo(self) -> None:
        if self.result is None:
            def run() -> None:
                self.result = self.events.apply(autocode_svc.apply_plan, self.plan)
            self._run(run)
        else:
            self._run(lambda: self.events.apply(svc.put_back, [], self.result.after))

    def undo(self) -> None:
        self._run(lambda: self.events.apply(svc.put_back, self.result.created, self.result.before))


class CodebookCommand(ServiceCommand):
    """Any codebook change: redo runs it; undo restores the codebook (and the
    passages' tags) as they were just before."""

    def __init__(self, events: ProjectEvents, label: str, change: Callable[[object], Outcome],
                 on_error: ErrorHandler) -> None:
        super().__init__(label, events, on_error)
        self.change = change
        self.before = None
        self.value = None  # what the service returned the last time it ran (a count, a tag)

    def redo(self) -> None:
        def change() -> None:
            self.before = codebook_svc.codebook_snapshot(self.events.project)
            self.value = self.events.apply(lambda project: self.change(project))
        self._run(change)

    def undo(self) -> None:
        self._run(lambda: self.events.apply(codebook_svc.restore_codebook, self.before))

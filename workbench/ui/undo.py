"""Undo and redo for annotation changes (QUndoStack commands over services).

Each command runs a service call (one transaction) and keeps what it needs to
reverse it: the created annotation's id, or the deleted annotation itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from workbench.services import annotations as svc


class TagCommand(QUndoCommand):
    def __init__(self, project, doc_id: int, start: int, end: int, tags: list[str], note: str,
                 after: Callable[[], None]) -> None:
        super().__init__()
        self.setText("tag passage")
        self.project, self.args, self.after = project, (doc_id, start, end, tags, note), after
        self.row = None

    def redo(self) -> None:
        if self.row is None:
            doc_id, start, end, tags, note = self.args
            self.row = svc.tag_passage(self.project, str(doc_id), tags, start, end, note=note)
        else:
            svc.restore_annotation(self.project, self.row)
        self.after()

    def undo(self) -> None:
        self.row = svc.delete_annotation(self.project, self.row.id)
        self.after()


class DeleteCommand(QUndoCommand):
    def __init__(self, project, annotation_id: int, after: Callable[[], None]) -> None:
        super().__init__()
        self.setText("delete annotation")
        self.project, self.annotation_id, self.after = project, annotation_id, after
        self.row = None

    def redo(self) -> None:
        self.row = svc.delete_annotation(self.project, self.annotation_id)
        self.after()

    def undo(self) -> None:
        svc.restore_annotation(self.project, self.row)
        self.after()


class EditCommand(QUndoCommand):
    def __init__(self, project, annotation_id: int, old: tuple[list[str], str], new: tuple[list[str], str],
                 after: Callable[[], None]) -> None:
        super().__init__()
        self.setText("edit annotation")
        self.project, self.annotation_id, self.old, self.new, self.after = project, annotation_id, old, new, after

    def redo(self) -> None:
        svc.update_annotation(self.project, self.annotation_id, note=self.new[1], tags=self.new[0])
        self.after()

    def undo(self) -> None:
        svc.update_annotation(self.project, self.annotation_id, note=self.old[1], tags=self.old[0])
        self.after()


class CodebookCommand(QUndoCommand):
    """Any codebook change: redo runs it; undo restores the codebook (and the
    passages' tags) as they were just before."""

    def __init__(self, project, label: str, change: Callable[[], object], after: Callable[[], None],
                 on_error: Callable[[Exception], None] | None = None) -> None:
        super().__init__()
        self.setText(label)
        self.project, self.change, self.after, self.on_error = project, change, after, on_error
        self.before = None
        self.result = None

    def redo(self) -> None:
        self.before = svc.codebook_snapshot(self.project)
        try:
            self.result = self.change()
        except Exception as exc:  # a refused change (e.g. a cycle) leaves nothing to undo
            self.setObsolete(True)
            if self.on_error is not None:
                self.on_error(exc)
            return
        self.after()

    def undo(self) -> None:
        svc.restore_codebook(self.project, self.before)
        self.after()


class ReattachCommand(QUndoCommand):
    def __init__(self, project, annotation_id: int, start: int, end: int, after: Callable[[], None]) -> None:
        super().__init__()
        self.setText("re-attach annotation")
        self.project, self.annotation_id, self.span, self.after = project, annotation_id, (start, end), after
        self.before = None

    def redo(self) -> None:
        self.before = svc.get_annotation(self.project, self.annotation_id)  # to put it back on undo
        svc.reattach(self.project, self.annotation_id, *self.span)
        self.after()

    def undo(self) -> None:
        svc.delete_annotation(self.project, self.annotation_id)
        svc.restore_annotation(self.project, self.before)
        self.after()

"""Print a reader's document, or save it as PDF, with what the reader shows:
headings, entity colours (the types switched on), tagged passages
underlined in their tag's colour, and a header with the title, the source
and a legend.

The reader's colours live in its syntax highlighter, which a printed copy
of the document does not carry, so the printable document is built here
with the formats applied directly (one edit block: ~40 ms for the 840 KB
report's thousands of spans).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import (
    QColor, QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextCharFormat, QTextCursor, QTextDocument, QTextOption,
)

from workbench.ui.palette import ENTITY_COLOURS, HEADING_COLOUR, background
from workbench.ui.reader_document import build_document


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


# Korean fonts in order of preference for PDF. Some (NanumGothic, NanumSquare)
# come out of Qt's PDF writer with spaces that copy as U+0001, so text pasted
# from the PDF would lose its word breaks; these keep them.
PRINT_FONTS = ("Noto Sans CJK KR", "Noto Sans KR", "NanumBarunGothic", "Malgun Gothic", "Apple SD Gothic Neo",
               "NanumMyeongjo")


def print_font(fallback: QFont) -> QFont:
    families = set(QFontDatabase.families())
    font = next((QFont(f) for f in PRINT_FONTS if f in families), QFont(fallback))
    font.setPointSizeF(10)
    return font


def printable_document(pane, type_label) -> QTextDocument:
    """A copy of the pane's document with its highlights as real formats:
    the same document the reader draws (tables as tables), built afresh, with
    a header inserted before it — every position of the reader's highlights
    moves by the header's length."""
    doc, _ = build_document(pane.text, pane.blocks)
    doc.setDefaultFont(print_font(pane.view.font()))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    title = QTextCharFormat()
    title.setFontPointSize(15)
    title.setFontWeight(QFont.Weight.Bold)
    cursor.insertText(pane.title.text(), title)
    small = QTextCharFormat()
    small.setFontPointSize(8)
    small.setForeground(QColor("#555555"))
    cursor.insertBlock()
    cursor.insertText(pane.title.toolTip().split("\n")[-1], small)
    enabled = pane.highlighter.enabled
    present = [k for k in ENTITY_COLOURS if k in enabled and any(s.kind == k for s in pane.highlighter.entities.spans)]
    if present:
        cursor.insertBlock()
        cursor.insertText(_tr("Entities:") + " ", small)
        for kind in present:
            chip = QTextCharFormat(small)
            chip.setBackground(background(kind))
            cursor.insertText(f" {type_label(kind)} ", chip)
            cursor.insertText(" ", small)
    if pane.annotations:
        cursor.insertBlock()
        cursor.insertText(_tr("Tagged passages are underlined in their tag's colour."), small)
    cursor.insertBlock()
    cursor.insertBlock()
    body = cursor.position()  # the reader's position 0
    layers = ((pane.highlighter.headings, _heading), (pane.highlighter.entities, _entity),
              (pane.highlighter.notes, _tagged))
    for layer, make in layers:
        for span in layer.spans:
            if layer is pane.highlighter.entities and span.kind not in enabled:
                continue
            cursor.setPosition(body + span.start)
            cursor.setPosition(body + span.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(make(span.kind))
    cursor.endEditBlock()
    return doc


def _heading(kind: str) -> QTextCharFormat:
    level = int(kind.split(":")[1] or 1)
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setForeground(QColor(HEADING_COLOUR))
    fmt.setFontPointSize(10 + max(0, 3 - level))
    return fmt


def _entity(kind: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(background(kind))
    return fmt


def _tagged(kind: str) -> QTextCharFormat:
    _, colour, depth = kind.split(":")
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline if depth == "1"
                          else QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor(colour))
    return fmt


def pdf_name(title: str) -> str:
    """The file name offered for a document's PDF: its title without the characters
    file systems refuse, and without the dots and spaces a title may end with
    (a title that is a sentence, "…조치입니다.", was offered as "…조치입니다..pdf")."""
    name = " ".join("".join(c for c in title if c not in '\\/:*?"<>|').split())[:80]
    return (name.rstrip(". ") or "document") + ".pdf"


def pdf_path(path: Path | str) -> Path:
    """``path`` ending in ".pdf" once: "name." and "name..pdf" become "name.pdf", and a
    name typed without the extension gets it."""
    path = Path(path)
    name = path.name
    if name.lower().endswith(".pdf"):
        stem, suffix = name[:-4], name[-4:]
        return path.with_name(stem.rstrip(". ") + suffix) if stem.endswith((".", " ")) and stem.strip(". ") else path
    return path.with_name((name.rstrip(". ") or "document") + ".pdf")


def save_pdf(pane, path: Path, type_label) -> Path:
    """Write the pane's document to an A4 PDF with its highlights; returns the path
    written (with its ".pdf", see :func:`pdf_path`)."""
    path = pdf_path(path)
    writer = QPdfWriter(str(path))
    writer.setTitle(pane.title.text())
    writer.setCreator("Workbench")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    printable_document(pane, type_label).print_(writer)  # paginated to the writer's page
    return path


def print_pane(pane, parent, type_label) -> bool:
    """The system's print dialog, then the document with its highlights."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(pane.title.text())
    dialog = QPrintDialog(printer, parent)
    accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
    dialog.deleteLater()  # one dialog per print, not one more child of the window each time
    if not accepted:
        return False
    printable_document(pane, type_label).print_(printer)
    return True

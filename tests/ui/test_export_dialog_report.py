"""File → Export as a report: the analyst picks "Hangul report (.hwpx)" or
"Word report (.docx)" in the real export dialog, the columns list goes
quiet (a report has none), Save picks the file, and the file written holds
every quote of the selection."""

from __future__ import annotations

import zipfile

import docx
import pytest
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from tests.helpers.report_project import PASSAGES, tagged_copy
from workbench.ui.export_dialog import ExportDialog
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def project(seeded_project, tmp_path_factory):
    return tagged_copy(seeded_project, tmp_path_factory.mktemp("report-dialog") / "p")


@pytest.fixture
def dialog(qtbot, project):
    dialog = ExportDialog(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(qtbot, dialog, label: str) -> None:
    """Pick a format in the combo with the keyboard, as the analyst would."""
    combo = dialog.format
    combo.setFocus()
    target = combo.findText(label)
    assert target >= 0, [combo.itemText(i) for i in range(combo.count())]
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def _save_as(dialog, monkeypatch, path) -> dict:
    """Save, the file dialog answered with ``path``, "Open the folder?" with No."""
    asked = {}

    def save_name(parent, caption, name, filters, selected=""):
        asked.update(name=name, selected=selected)
        return str(path), selected

    monkeypatch.setattr("workbench.ui.export_dialog.QFileDialog.getSaveFileName", save_name)
    monkeypatch.setattr("workbench.ui.export_dialog.QMessageBox.question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.No)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return asked


def _hwpx_text(path) -> str:
    with zipfile.ZipFile(path) as archive:
        section = etree.fromstring(archive.read("Contents/section0.xml"))
    return "\n".join(t.text or "" for t in section.iter("{http://www.hancom.co.kr/hwpml/2011/paragraph}t"))


def test_a_hangul_report_from_the_dialog(qtbot, dialog, monkeypatch, tmp_path):
    _choose(qtbot, dialog, "Hangul report (.hwpx)")
    assert dialog.chosen_format() == ".hwpx"
    assert not dialog.columns.isEnabled() and "columns are for the tables" in dialog.columns.toolTip()
    asked = _save_as(dialog, monkeypatch, tmp_path / "주간 보고.hwpx")
    assert asked["name"].endswith("briefing.hwpx") and asked["selected"] == "HWPX (*.hwpx)"
    out = tmp_path / "주간 보고.hwpx"
    assert out.exists() and dialog.result["format"] == "hwpx" and dialog.result["passages"] == 5
    text = _hwpx_text(out)
    for _, quote, _, _ in PASSAGES:
        assert f"○ “{quote}”" in text
    assert "5 passages written to" in dialog.message


def test_a_word_report_from_the_dialog_even_with_every_column_unticked(qtbot, dialog, monkeypatch, tmp_path):
    for i in range(dialog.columns.count()):
        dialog.columns.item(i).setCheckState(Qt.CheckState.Unchecked)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # a table needs a column…
    _choose(qtbot, dialog, "Word report (.docx)")
    assert save.isEnabled() and not dialog.columns.isEnabled()  # …a report has none
    headers = [dialog.preview_model.horizontalHeaderItem(c).text() for c in range(dialog.preview_model.columnCount())]
    assert headers == ["No.", "Document", "Location", "Passage", "Tags", "Note"]  # what the report says of each
    _save_as(dialog, monkeypatch, tmp_path / "report.docx")
    paragraphs = [p.text for p in docx.Document(tmp_path / "report.docx").paragraphs]
    for _, quote, _, _ in PASSAGES:
        assert f"○ “{quote}”" in paragraphs
    _choose(qtbot, dialog, "Excel workbook (.xlsx)")
    assert dialog.columns.isEnabled() and dialog.columns.toolTip() == "" and not save.isEnabled()


def test_korean(qtbot, project, korean):
    dialog = ExportDialog(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(dialog)
    labels = [dialog.format.itemText(i) for i in range(dialog.format.count())]
    assert labels[-2:] == ["한글 보고서 (.hwpx)", "Word 보고서 (.docx)"]
    dialog.set_format(".hwpx")
    assert dialog.columns.toolTip().startswith("보고서는 구절마다 인용문과 출처, 메모를 적습니다")

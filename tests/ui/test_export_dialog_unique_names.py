"""File → Export for QualCoder: the dialog asks for the format, and for a
REFI-QDA project offers "Unique code names (for QualCoder)" — off by default,
its tooltip saying why — and after the export says which codes it renamed."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from tests.helpers.same_names import same_name_project
from workbench.ui.export_dialog import ExportDialog
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return same_name_project(tmp_path_factory.mktemp("same-names"))


@pytest.fixture
def dialog(qtbot, project):
    dialog = ExportDialog(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _names(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    return [code.get("name") for code in root.iter("{urn:QDA-XML:project:1.0}Code")]


def test_the_checkbox_is_shown_for_a_refi_qda_project_only_and_off(dialog):
    box = dialog.unique_names
    assert dialog.chosen_format() == ".xlsx" and not box.isVisible()
    dialog.set_format(".csv")
    assert not box.isVisible()
    dialog.set_format(".qdpx")
    assert box.isVisible() and not box.isChecked()
    assert "QualCoder" in box.text() and "QualCoder" in box.toolTip() and "규제 (정책)" in box.toolTip()
    dialog.set_format(".xlsx")
    assert not box.isVisible()


def test_the_file_dialog_opens_on_the_chosen_format(dialog, monkeypatch, tmp_path):
    asked = {}

    def save_name(parent, caption, name, filters, selected=""):
        asked.update(name=name, filters=filters, selected=selected)
        return str(tmp_path / "for-qualcoder.qdpx"), selected

    monkeypatch.setattr("workbench.ui.export_dialog.QFileDialog.getSaveFileName", save_name)
    monkeypatch.setattr(dialog, "export_to", lambda path: asked.update(path=path))
    dialog.set_format(".qdpx")
    dialog.choose_file()
    assert asked["name"].endswith("briefing.qdpx") and asked["selected"] == "REFI-QDA (*.qdpx)"
    assert "Excel (*.xlsx)" in asked["filters"]  # the others can still be picked there
    assert asked["path"].name == "for-qualcoder.qdpx"


def test_a_name_typed_with_another_extension_is_that_format(dialog, monkeypatch, tmp_path):
    monkeypatch.setattr("workbench.ui.export_dialog.QFileDialog.getSaveFileName",
                        lambda *args: (str(tmp_path / "x.qdpx"), "Excel (*.xlsx)"))
    monkeypatch.setattr(dialog, "export_to", lambda path: None)
    dialog.choose_file()
    assert dialog.chosen_format() == ".qdpx" and dialog.unique_names.isVisible()


def test_checked_the_names_are_unique_and_the_message_lists_the_changes(dialog, tmp_path):
    dialog.set_format(".qdpx")
    dialog.unique_names.setChecked(True)
    out = tmp_path / "x.qdpx"
    task = dialog.export_to(out, ask_to_open=False)
    assert task.outcome == "finished"
    names = _names(out)
    assert len(set(names)) == len(names) == 8 and "규제 (정책)" in names and "규제" in names
    assert [r["path"] for r in dialog.result["renamed_codes"]] == ["국제 / 미국 / 규제", "산업 / 규제", "정책 / 규제"]
    lines = dialog.message.splitlines()
    assert "3 code names were changed so that no two codes share one (QualCoder keeps one code per name):" in lines
    assert {"국제 / 미국 / 규제 → 규제 (미국)", "산업 / 규제 → 규제 (산업)", "정책 / 규제 → 규제 (정책)"} <= set(lines)


def test_unchecked_the_names_are_the_analyst_s(dialog, tmp_path):
    dialog.set_format(".qdpx")
    out = tmp_path / "x.qdpx"
    dialog.export_to(out, ask_to_open=False)
    assert _names(out).count("규제") == 4
    assert dialog.result["renamed_codes"] == [] and "code names" not in dialog.message


def test_the_choice_does_not_reach_a_table(dialog, tmp_path):
    dialog.set_format(".qdpx")
    dialog.unique_names.setChecked(True)
    task = dialog.export_to(tmp_path / "x.xlsx", ask_to_open=False)  # a table names tags by their full paths
    assert task.outcome == "finished" and (tmp_path / "x.xlsx").exists()


def test_a_long_list_is_cut_with_a_count(dialog):
    renamed = [{"path": f"상위{n} / 규제", "name": f"규제 (상위{n})"} for n in range(25)]
    message = dialog.done_message({"passages": 3, "path": "/x/y.qdpx", "unique_code_names": True,
                                   "renamed_codes": renamed})
    assert "25 code names were changed" in message and message.endswith("…and 5 more")
    assert "상위19 / 규제 → 규제 (상위19)" in message and "상위20 / 규제" not in message


def test_korean(qtbot, project, korean):
    dialog = ExportDialog(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(dialog)
    assert dialog.unique_names.text() == "코드 이름 겹치지 않게(QualCoder용)"
    assert dialog.unique_names.toolTip().startswith("QualCoder는 이름이 같은 코드를 하나만 남기고")
    message = dialog.done_message({"passages": 3, "path": "/x/y.qdpx", "unique_code_names": True,
                                   "renamed_codes": [{"path": "정책 / 규제", "name": "규제 (정책)"}]})
    assert message.splitlines()[2] == "코드 이름 1개를 서로 겹치지 않게 바꿨습니다(QualCoder는 이름마다 코드를 하나만 둡니다):"
    assert "형식:" in [label.text() for label in dialog.findChildren(type(dialog.count))]

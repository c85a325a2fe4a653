"""A tag name with a space typed without quotes (tag:AI 기본법) reads as the
tag "AI" and the word 기본법. The search panel then says how to write it —
tag:"AI 기본법" — in the window's language, and never sends the analyst to a
command-line command."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from tests.ui.test_search_panel import run_typed
from workbench.core.errors import WorkbenchError
from workbench.services.annotations import tag_passage
from workbench.services.documents import list_documents
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.ui.i18n import apply_language
from workbench.ui.search_panel import HISTORY_KEY, SearchPanel
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui

NEWS = ("AI 기본법 시행령 입법예고\n\n과학기술정보통신부가 인공지능 기본법 시행령을 공개했다. 업계는 환영했다.\n\n"
        "정책 / 규제 쪽에서는 반도체 수출 규제를 논의했다.")


@pytest.fixture(scope="module")
def tagged_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("tag-message")
    (root / "docs").mkdir()
    (root / "docs" / "news.txt").write_text(NEWS, encoding="utf-8")
    project = open_project(root / "p")
    run_job(ingest(project, [root / "docs"]))
    doc = str(list_documents(project)[0].id)
    tag_passage(project, doc, ["AI 기본법"], quote="인공지능 기본법 시행령")
    tag_passage(project, doc, ["정책 / 수출 규제"], quote="반도체 수출 규제")
    return project


@pytest.fixture
def panel(qtbot, tagged_project):
    QSettings().setValue(HISTORY_KEY, [])
    panel = SearchPanel(TaskRunner(pool=InlinePool()))
    qtbot.addWidget(panel)
    panel.set_project(tagged_project)
    panel.resize(420, 500)
    panel.show()
    qtbot.waitExposed(panel)
    yield panel
    apply_language("en")


def test_the_quoted_tag_finds_the_tagged_passage(qtbot, panel):
    result = run_typed(qtbot, panel, 'tag:"AI 기본법"')
    assert not isinstance(result, Exception) and result.total == 1


@pytest.mark.parametrize("language, said", [
    ("en", 'No tag "AI" in the codebook. A tag name with a space goes in quotes: tag:"AI 기본법"'),
    ("ko", '코드북에 "AI" 태그가 없습니다. 띄어 쓴 태그 이름은 따옴표로 묶으세요: tag:"AI 기본법"'),
])
def test_an_unquoted_tag_name_with_a_space_is_shown_with_quotes(qtbot, panel, language, said):
    apply_language(language)
    result = run_typed(qtbot, panel, "tag:AI 기본법")
    assert isinstance(result, WorkbenchError)
    assert panel.status.text() == said
    assert "workbench" not in panel.status.text()


@pytest.mark.parametrize("query, said", [
    ("tag:수출 규제 반도체", 'tag:"수출 규제"'),  # the last part of 정책 / 수출 규제, then a search word
    ("tag:정책/수출 규제", 'tag:"정책/수출 규제"'),  # a path as typed
])
@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_quoted_fix_names_the_tag_the_words_make(qtbot, panel, language, query, said):
    apply_language(language)
    result = run_typed(qtbot, panel, query)
    assert isinstance(result, WorkbenchError)
    assert panel.status.text().endswith(said) and "workbench" not in panel.status.text()


@pytest.mark.parametrize("language, said", [
    ("en", 'No tag "검토" in the codebook. If the tag\'s name has a space, put it in quotes: tag:"검토 필요"'),
    ("ko", '코드북에 "검토" 태그가 없습니다. 태그 이름에 띄어쓰기가 있으면 따옴표로 묶으세요: tag:"검토 필요"'),
])
def test_an_unknown_tag_followed_by_a_word_is_offered_quotes_as_a_maybe(qtbot, panel, language, said):
    apply_language(language)
    result = run_typed(qtbot, panel, "tag:검토 필요")
    assert isinstance(result, WorkbenchError)
    assert panel.status.text() == said


@pytest.mark.parametrize("language, said", [
    ("en", 'No tag "없는태그" in the codebook'),
    ("ko", '코드북에 "없는태그" 태그가 없습니다'),
])
def test_an_unknown_tag_alone_is_named_without_a_command(qtbot, panel, language, said):
    apply_language(language)
    result = run_typed(qtbot, panel, "tag:없는태그")
    assert isinstance(result, WorkbenchError)
    assert panel.status.text() == said

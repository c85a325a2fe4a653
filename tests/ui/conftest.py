import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(tmp_path_factory):
    """QSettings (layout, language, history) go to a temp folder, not the user's."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("Workbench-tests")
    QCoreApplication.setApplicationName("Workbench-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("qsettings")))
    yield


@pytest.fixture(autouse=True)
def _collect_in_gui_thread():
    """Cycles are collected here, in the GUI thread, never by a job's thread:
    the app does the same with workbench.ui.collector. Without this, a
    collection triggered in a pool thread ran the destructors of an earlier
    test's menus there and deadlocked the suite."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if was_enabled:
        gc.enable()


@pytest.fixture
def korean():
    """The interface in Korean for one test (widgets already made retranslate), then English again."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from workbench.ui.i18n import apply_language

    apply_language("ko")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    yield
    apply_language("en")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

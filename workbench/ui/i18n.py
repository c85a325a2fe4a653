"""Korean and English UI through Qt's own mechanism (tr() + an installed
QTranslator), with the translations kept as a plain TSV in resources/i18n/
instead of compiled .qm files: editable, diffable, nothing binary in git.

Strings are written in English in the code; ``ko.tsv`` maps them to Korean.
Qt's own strings come from ``qtbase_ko.qm`` (shipped with PySide6), except
those it cannot answer: it was made for Qt 5, and Qt 6's file dialog asks for
"&Look in:", "Files of &type:" and QAbstractFileIconProvider's "Folder",
which it does not have. ``qtbase.ko.tsv`` fills those in, by context.
The language follows the system locale unless the user picks one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from workbench.core.resources import resources_dir

LANGUAGE_KEY = "ui/language"  # "system", "ko" or "en"


def _rows(name: str, columns: int) -> list[list[str]]:
    """The rows of a TSV file in resources/i18n (``\\n`` stands for a newline)."""
    path = resources_dir() / "i18n" / name
    if not path.is_file():
        return []
    return [[cell.replace("\\n", "\n") for cell in line.split("\t", columns - 1)]
            for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#") and line.count("\t") >= columns - 1]


class TsvTranslator(QTranslator):
    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.table: dict[str, str] = {source: target for source, target in _rows(f"{language}.tsv", 2)}
        # Qt's strings its own catalogue misses, by (context, source): see the module's docstring.
        self.qt_gaps: dict[tuple[str, str], str] = {
            (context, source): target for context, source, target in _rows(f"qtbase.{language}.tsv", 3)}

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 - Qt's signature
        return self.qt_gaps.get((context, source_text)) or self.table.get(source_text) or None

    def isEmpty(self) -> bool:  # noqa: N802
        return not self.table


_installed: TsvTranslator | None = None
_qt_installed: QTranslator | None = None


def _qt_translator(language: str) -> QTranslator | None:
    """Qt's own Korean for its standard strings (Copy, Select All, Save, Cancel…):
    qtbase_ko.qm ships with PySide6; nothing of it is kept in git."""
    translator = QTranslator()
    if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return translator
    return None


def effective_language(choice: str | None = None) -> str:
    choice = choice or QSettings().value(LANGUAGE_KEY, "system")
    if choice in ("ko", "en"):
        return choice
    return "ko" if QLocale.system().name().startswith("ko") else "en"


def apply_language(choice: str | None = None) -> str:
    """Install the translator for ``choice`` (or the saved/system choice); returns "ko" or "en"."""
    global _installed, _qt_installed
    app = QCoreApplication.instance()
    if choice is not None:
        QSettings().setValue(LANGUAGE_KEY, choice)
    language = effective_language(choice)
    for translator in (_installed, _qt_installed):
        if translator is not None:
            app.removeTranslator(translator)
    _installed = _qt_installed = None
    if language != "en":
        _qt_installed = _qt_translator(language)
        if _qt_installed is not None:
            app.installTranslator(_qt_installed)
        _installed = TsvTranslator(language)  # installed last: asked first
        app.installTranslator(_installed)
    QLocale.setDefault(QLocale(QLocale.Language.Korean if language == "ko" else QLocale.Language.English))
    return language

"""An unexpected error leaves a report a user can send — versions, the
traceback, the last log lines, no document text — and the command line says
where it is instead of dumping a traceback."""

from __future__ import annotations

import importlib
import json
import logging
import sys

import pytest

from workbench.services import crash
from workbench.services.logs import configure_logging, log_dir

cli_main = importlib.import_module("workbench.cli.main")  # the package exports a main() that hides the module


TEXT = "정부는 인공지능 기본법 시행령을 발표했다"


def _raise_nested(text: str):
    try:
        {}[text]
    except KeyError as exc:
        raise ValueError(f"could not place {text[:9]!r}") from exc


def test_a_report_holds_versions_traceback_and_log_but_no_document_text():
    configure_logging()
    logging.getLogger("workbench.test").warning("a line before the crash")
    try:
        _raise_nested(TEXT)
    except ValueError as exc:
        path = crash.write_report(exc, "test", {"Qt": "6.x"})
    text = path.read_text(encoding="utf-8")
    assert path.parent == log_dir() and path.name.startswith("crash-")
    assert "Workbench: " in text and "Kiwi (kiwipiepy): " in text and "Qt: 6.x" in text
    assert "_raise_nested" in text and "KeyError" in text and "ValueError: could not place '…'" in text
    assert "The above exception led to:" in text
    assert "a line before the crash" in text
    assert "정부는" not in text and "인공지능" not in text


def test_the_command_line_names_the_report_and_exits_70(monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_main, "cmd_about", broken)
    assert cli_main.main(["about"]) == 70
    err = capsys.readouterr().err
    assert "a report was written to" in err and "보고서를" in err
    report = err.split("written to ", 1)[1].split("\n", 1)[0]
    assert "RuntimeError: boom" in open(report, encoding="utf-8").read()


def test_an_uncaught_exception_in_a_thread_is_reported(monkeypatch):
    import threading

    told = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash.install(lambda path, exc: told.append((path, type(exc).__name__)))
    worker = threading.Thread(target=lambda: 1 / 0, name="indexer")
    worker.start()
    worker.join()
    [(path, kind)] = told
    assert kind == "ZeroDivisionError" and "where: thread indexer" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("message, shown", [
    ("KeyError('정부는')", "KeyError('…')"),
    ('no tag "규제" in "정책"', 'no tag "…" in "…"'),
    ("plain words stay", "plain words stay"),
])
def test_quoted_values_are_blanked(message, shown):
    assert crash.redact(message) == shown


def test_about_names_versions_and_folders(capsys):
    assert cli_main.main(["about", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["versions"]["Workbench"] and info["versions"]["Whoosh"] != "?"
    assert info["log_folder"] == str(log_dir()) and info["frozen"] is False

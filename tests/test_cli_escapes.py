"""What the command line prints for a person never drives the terminal
(issue 24, item 10): a file named ``a\\x1b[31mred.txt`` or a note holding
``\\x1b]0;title\\x07`` (set the window title) is shown escaped by
``ingest -v``, ``docs`` and ``annotations``; ``--json`` is left to json.dumps.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from workbench.cli.common import terminal_safe

pytestmark = pytest.mark.skipif(os.name != "posix", reason="an ESC in a file name needs a POSIX file system")

ENV = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
NAME = "a\x1b[31mred.txt"
NOTE = "see \x1b]0;title\x07 here\u202eevil"


def cli(tmp_path, *args):
    proc = subprocess.run([sys.executable, "-m", "workbench", *args, "--project", str(tmp_path / "p")],
                          capture_output=True, text=True, env=ENV, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0
            or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]


def test_terminal_safe_escapes_controls_and_bidi_overrides():
    assert terminal_safe("a\x1b[31mred") == "a\\x1b[31mred"
    assert terminal_safe("x\x07\x9b\x7fy") == "x\\x07\\x9b\\x7fy"
    assert terminal_safe("\u202eevil\u2066") == "\\u202eevil\\u2066"
    assert terminal_safe("one\ntwo\r") == "one⏎two\\r"
    assert terminal_safe("one\ntwo\tthree", one_line=False) == "one\ntwo\tthree"
    assert terminal_safe("정책 / 규제 — 'AI' 法") == "정책 / 규제 — 'AI' 法"
    assert terminal_safe("caf\udce9") == "caf\\xe9"  # a name that is not UTF-8 (core.shown)


def test_ingest_docs_and_annotations_escape_names_and_notes(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / NAME).write_text("정부는 규제 완화를 약속했다.", encoding="utf-8")
    printed = cli(tmp_path, "ingest", str(folder), "-v")
    assert not raw_controls(printed) and "a\\x1b[31mred.txt" in printed

    printed = cli(tmp_path, "docs")
    assert not raw_controls(printed) and "a\\x1b[31mred.txt" in printed

    tagged = cli(tmp_path, "tag", "1", "--start", "0", "--end", "2", "--tag", "정책", "--note", NOTE)
    assert not raw_controls(tagged)
    printed = cli(tmp_path, "annotations")
    assert not raw_controls(printed)
    assert "\\x1b]0;title\\x07" in printed and "\\u202e" in printed

    rows = json.loads(cli(tmp_path, "annotations", "--json"))  # JSON keeps the note as it is
    assert rows[0]["note"] == NOTE
    docs = json.loads(cli(tmp_path, "docs", "--json"))
    assert docs[0]["source"].endswith(NAME)


def test_an_error_naming_a_hostile_file_is_escaped(tmp_path):
    """An error message holds the file's name; it reached the terminal raw."""
    import subprocess
    import sys

    bad = tmp_path / "a\x1b[31mred.qdpx"
    bad.write_bytes(b"not a zip")
    proc = subprocess.run([sys.executable, "-m", "workbench", "import", str(bad), "--project", str(tmp_path / "p")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "\x1b" not in proc.stderr and "\\x1b[31mred.qdpx" in proc.stderr, proc.stderr

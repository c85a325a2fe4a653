"""A process killed in the middle of an xlsx export left a zero-byte
``.<name>-XXXX.xlsx`` beside the target and openpyxl's worksheet files in the
system's temp folder, forever. Now they are in places the next start clears."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

KILLED_EXPORT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from openpyxl import Workbook
    from workbench.export.atomic import atomic_file
    from workbench.services import scratch

    scratch.begin()
    target = Path(sys.argv[1])
    with atomic_file(target) as temp:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("passages")
        for n in range(2000):
            sheet.append([n, "과기정통부가 인공지능 기본법 시행령을 발표했다", "x" * 50])
        print(temp, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # as a kill -9 in the middle of the export
""")


def _env(home: Path) -> dict:
    return {**os.environ, "WORKBENCH_HOME": str(home), "LANG": "C.UTF-8"}


def test_what_a_killed_export_leaves_is_removed_at_the_next_start(tmp_path):
    home, out = tmp_path / "home", tmp_path / "out"
    out.mkdir()
    system_temp_before = set(Path(tempfile.gettempdir()).glob("openpyxl.*"))
    proc = subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(out / "briefing.xlsx")], capture_output=True,
                          text=True, env=_env(home), timeout=120)
    assert proc.returncode == -9, proc.stderr
    partial = Path(proc.stdout.strip())
    assert partial.parent == out and partial.exists()  # what the kill left beside the target
    left = [p for p in (home / "tmp").rglob("openpyxl.*")]
    assert left, "openpyxl's worksheet file should be in Workbench's own temp folder"
    assert set(Path(tempfile.gettempdir()).glob("openpyxl.*")) == system_temp_before  # not in the system's
    # The next start of any command clears them.
    subprocess.run([sys.executable, "-m", "workbench", "about"], check=True, capture_output=True, env=_env(home),
                   timeout=120)
    assert not partial.exists() and not [p for p in (home / "tmp").rglob("openpyxl.*")]
    assert sorted(out.iterdir()) == []
    assert sorted((home / "tmp").iterdir()) == []  # and a clean exit leaves no folder of its own


def test_a_running_process_s_files_are_left_alone(tmp_path):
    """A second window or a CLI export running at the same time keeps its files."""
    from workbench.services import scratch

    home = tmp_path / "home"
    folder = home / "tmp" / "12345-abcdef00"
    folder.mkdir(parents=True)
    (folder / "openpyxl.sheet.xml").write_text("<x/>")
    partial = tmp_path / ".briefing-xyz.xlsx"
    partial.write_bytes(b"")
    (folder / scratch.PARTIALS).write_text(f"+ {partial}\n")
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from filelock import FileLock; "
                               f"l = FileLock({str(folder / scratch.ALIVE)!r}); l.acquire(); print('held', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        subprocess.run([sys.executable, "-m", "workbench", "about"], check=True, capture_output=True,
                       env=_env(home), timeout=120)
        assert (folder / "openpyxl.sheet.xml").exists() and partial.exists()
    finally:
        holder.kill()
        holder.wait()
    subprocess.run([sys.executable, "-m", "workbench", "about"], check=True, capture_output=True, env=_env(home),
                   timeout=120)
    assert not folder.exists() and not partial.exists()

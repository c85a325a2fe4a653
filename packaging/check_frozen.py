"""Check a build the way an analyst's laptop would run it, and measure it.

    python packaging/check_frozen.py [DIST/workbench] [--json]

The frozen programs run with an environment holding no Python: ``PATH`` is
a folder with nothing in it, ``PYTHONPATH``/``PYTHONHOME`` are unset, and
``HOME`` and the data folder are new and empty — so the first run creates
the default project from the bundled seeds, as on a new laptop.

* CLI: ``--version``, ``about --json`` (versions read from the bundle, not
  "?"), ``ingest`` of real files (a seed and an HWP), ``search --json``
  (hits with offsets into the text), ``tag`` and ``export`` (.xlsx, .qdpx).
* GUI: ``workbench-gui --screenshot`` on the default project with a query,
  on Xvfb at 1366×768 when there is one (the bundled xcb plugin), else
  offscreen; the PNG is written and the window fits.
* Start-up: ``workbench-gui --quit-when-shown`` five times, from launch to
  the window painted (Kiwi loads later, behind the window); median and worst.
* Size of the folder.

Exits 1 with the failed check named; prints the figures (``--json`` too).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "004_2c1d2e21fcbb52ad.txt"
HWP = ROOT / "tests" / "fixtures" / "realfiles" / "hwp" / "2024_1Q_해외직접투자_보도자료.hwp"


class CheckFailed(Exception):
    pass


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """No Python anywhere: an empty PATH folder, no PYTHON* variables."""
    empty = home / "empty-path"
    empty.mkdir(parents=True, exist_ok=True)
    env = {"HOME": str(home), "PATH": str(empty), "LANG": "C.UTF-8", "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_CONFIG_HOME": str(home / ".config")}
    env.update(extra)
    return env


def run(cmd: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise CheckFailed(f"{' '.join(cmd[:3])}… exited {done.returncode}:\n{done.stderr[-2000:]}")
    return done


class Xvfb:
    """A virtual screen at 1366×768 if Xvfb is installed (else None: offscreen)."""

    def __enter__(self) -> str | None:
        self.proc = None
        binary = shutil.which("Xvfb")
        if binary is None:
            return None
        read, write = os.pipe()
        self.proc = subprocess.Popen([binary, "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten",
                                      "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        return f":{number}" if number else None

    def __exit__(self, *exc) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)


def check_cli(app: Path, work: Path) -> dict:
    cli = str(app / "workbench")
    env = clean_env(work / "home")
    out: dict = {}
    version = run([cli, "--version"], env).stdout.strip()
    out["version"] = version
    about = json.loads(run([cli, "about", "--json"], env).stdout)
    unknown = [name for name, value in about["versions"].items() if value == "?"]
    if unknown or not about["frozen"]:
        raise CheckFailed(f"about: versions unknown in the bundle {unknown} or not frozen ({about['frozen']})")
    files = work / "files"
    files.mkdir()
    shutil.copy2(SEED, files)
    if HWP.is_file():
        shutil.copy2(HWP, files)
    project = work / "project"
    started = time.perf_counter()
    ingest = json.loads(run([cli, "ingest", str(files), "--project", str(project), "--json"], env).stdout)
    out["ingest_seconds"] = round(time.perf_counter() - started, 1)
    added = ingest["summary"]["added"]
    if added != len(list(files.iterdir())) or ingest["summary"]["failed"]:
        raise CheckFailed(f"ingest: {ingest['summary']}")
    found = json.loads(run([cli, "search", "인공지능 반도체", "--project", str(project), "--json"], env).stdout)
    hits = found["hits"]
    if not hits or not all(hit["matches"] for hit in hits):
        raise CheckFailed(f"search: {found.get('total')} hits, matches {[h.get('matches') for h in hits[:3]]}")
    text = json.loads(run([cli, "show", SEED.name, "--text", "--json", "--project", str(project)], env).stdout)["text"]
    seed_hits = [hit for hit in hits if Path(hit["source"]).name == SEED.name]
    marked = {text[s:e] for hit in seed_hits for s, e in hit["matches"]}
    if not seed_hits or not marked <= {"인공지능", "반도체"}:
        raise CheckFailed(f"search: the match offsets do not hold the words searched for: {sorted(marked)[:5]}")
    out["search_hits"] = found["total"]
    run([cli, "tag", SEED.name, "--quote", "인공지능", "--tag", "정책 / 반도체", "--note", "frozen check",
         "--project", str(project)], env)
    for name in ("briefing.xlsx", "briefing.qdpx"):
        run([cli, "export", "--out", str(work / name), "--project", str(project)], env)
    with zipfile.ZipFile(work / "briefing.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    if "frozen check" not in sheet and "인공지능" not in sheet:
        raise CheckFailed("export: the tagged passage is not in the workbook")
    with zipfile.ZipFile(work / "briefing.qdpx") as qdpx:
        if "정책" not in qdpx.read("project.qde").decode("utf-8"):
            raise CheckFailed("export: the codebook is not in the .qdpx")
    # The reports' writers (hwpforge, python-docx) and the comparison's (rapidfuzz) are in the bundle.
    for name, member in (("briefing.hwpx", "Contents/section0.xml"), ("briefing.docx", "word/document.xml")):
        run([cli, "export", "--out", str(work / name), "--project", str(project)], env)
        with zipfile.ZipFile(work / name) as report:
            if "인공지능" not in report.read(member).decode("utf-8"):
                raise CheckFailed(f"export: the tagged passage is not in {name}")
    out["exports"] = ["xlsx", "qdpx", "hwpx", "docx"]
    if HWP.is_file():
        compared = json.loads(run([cli, "compare", SEED.name, HWP.name, "--out", str(work / "대비표.docx"), "--json",
                                   "--project", str(project)], env).stdout)
        if not compared["pairs"] or not (work / "대비표.docx").is_file():
            raise CheckFailed(f"compare: {compared.get('summary')}")
        out["compare"] = compared["summary"]
    return out


def check_gui(app: Path, work: Path, display: str | None) -> dict:
    gui = str(app / "workbench-gui")
    extra = {"DISPLAY": display} if display else {"QT_QPA_PLATFORM": "offscreen"}
    env = clean_env(work / "gui-home", **extra)
    shot = work / "window.png"
    started = time.perf_counter()
    done = run([gui, "--lang", "ko", "--query", "반도체", "--screenshot", str(shot)], env, timeout=600)
    seconds = time.perf_counter() - started
    if not shot.is_file() or shot.stat().st_size < 10_000:
        raise CheckFailed(f"gui: no screenshot ({done.stdout[-500:]})")
    if display and "fits" not in done.stdout.split("screenshot saved", 1)[-1].split("DOES NOT FIT")[0]:
        raise CheckFailed(f"gui: the window does not fit 1366x768: {done.stdout[-300:]}")
    default = work / "gui-home" / ".local/share" / "Workbench" / "default"
    if not (default / "workbench.sqlite").is_file():
        raise CheckFailed(f"gui: no default project made in {default}")
    return {"screenshot": str(shot), "first_run_with_seeding_seconds": round(seconds, 1),
            "platform": "xcb (Xvfb 1366x768)" if display else "offscreen"}


def startup(app: Path, work: Path, display: str | None, runs: int = 5) -> dict:
    gui = str(app / "workbench-gui")
    extra = {"DISPLAY": display} if display else {"QT_QPA_PLATFORM": "offscreen"}
    env = clean_env(work / "gui-home", **extra)  # the project made by check_gui: a returning user
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen([gui, "--quit-when-shown"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        for line in proc.stdout:
            if line.strip() == "window shown":
                times.append(time.perf_counter() - started)
                break
        proc.wait(60)
        if proc.returncode != 0 or len(times) < _ + 1:
            raise CheckFailed(f"start-up: exit {proc.returncode}: {proc.stderr.read()[-1000:]}")
    return {"window_shown_median_s": round(statistics.median(times), 2), "window_shown_max_s": round(max(times), 2),
            "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("app", nargs="?", type=Path, default=ROOT / "dist" / "workbench")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--startup-runs", type=int, default=5,
                        help="times the window is started for the start-up figure (the test needs one)")
    args = parser.parse_args(argv)
    app = args.app.resolve()
    size = sum(p.stat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())
    report: dict = {"app": str(app), "size_mb": round(size / 1e6)}
    with tempfile.TemporaryDirectory(prefix="wb-frozen-") as tmp, Xvfb() as display:
        work = Path(tmp)
        try:
            report["cli"] = check_cli(app, work)
            report["gui"] = check_gui(app, work, display)
            if (ROOT / "build").is_dir():  # kept to look at
                shutil.copy2(report["gui"]["screenshot"], ROOT / "build" / "frozen-window.png")
            report["startup"] = startup(app, work, display, max(1, args.startup_runs))
        except (CheckFailed, subprocess.TimeoutExpired) as exc:
            print(f"FROZEN CHECK FAILED: {exc}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"{report['cli']['version']}, {report['size_mb']} MB in {app}")
        print(f"CLI without Python on PATH: ingest {report['cli']['ingest_seconds']} s, search "
              f"{report['cli']['search_hits']} hits, export {', '.join(report['cli']['exports'])}: ok")
        print(f"GUI ({report['gui']['platform']}): first run seeded the default project and answered a search in "
              f"{report['gui']['first_run_with_seeding_seconds']} s: ok")
        print(f"start-up to the window shown: median {report['startup']['window_shown_median_s']} s, worst "
              f"{report['startup']['window_shown_max_s']} s over {report['startup']['runs']} runs (limit 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

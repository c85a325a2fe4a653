"""Time and peak memory of reading the largest files Workbench accepts, and of
refusing ones built to exhaust memory (issue 24); then of ingesting the longest
document accepted, Kiwi and the index included (`workbench ingest`), which is
what the per-document limit (MAX_DOCUMENT_CHARS) is set by. Each case runs in
a fresh process so its peak RSS is its own.

Usage: python benchmarks/hostile.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from common import machine

MB = 1024 * 1024
PARAGRAPH = "정부는 인공지능 기본법 시행령을 발표했다. 업계는 환영했고 전문가들은 규제 완화가 필요하다고 봤다. "

MEASURE = """
import resource, sys, time
from pathlib import Path
from workbench.core.errors import ReadError
from workbench.corpus.extract import extract_file
start = time.perf_counter()
try:
    doc = extract_file(Path(sys.argv[1]))
    outcome = f"read, {len(doc.text) / 1e6:.1f} M characters, {len(doc.blocks):,} blocks"
except ReadError as exc:
    outcome = f"refused ({exc.code})"
print(f"{time.perf_counter() - start:.1f}\\t{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}\\t{outcome}")
"""


def text_file(folder: Path, mb: float, chars: int | None = None) -> Path:
    """``mb`` MB of Korean paragraphs (or ``chars`` characters of them)."""
    path = folder / (f"big-{mb}.txt" if chars is None else f"chars-{chars}.txt")
    block = (PARAGRAPH * 3 + "\n\n") * 200
    with path.open("w", encoding="utf-8") as out:
        if chars is not None:
            out.write((block * (chars // len(block) + 1))[:chars])
        while chars is None and out.tell() < mb * MB:
            out.write(block)
    return path


def hwpx(folder: Path, name: str, paragraphs: int, padding_mb: int = 0) -> Path:
    """An HWPX whose one section holds ``paragraphs`` paragraphs (and ``padding_mb``
    of spaces after its root: what a zip bomb inflates to)."""
    path = folder / name
    head = ('<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
            'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">')
    para = f'<hp:p><hp:run><hp:t>{PARAGRAPH * 2}</hp:t></hp:run></hp:p>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip")
        z.writestr("Contents/content.hpf", '<?xml version="1.0"?><opf:package xmlns:opf="http://www.idpf.org/2007/opf/">'
                   '<opf:manifest><opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/>'
                   '</opf:manifest><opf:spine><opf:itemref idref="section0"/></opf:spine></opf:package>')
        entry = zipfile.ZipInfo("Contents/section0.xml")
        entry.compress_type = zipfile.ZIP_DEFLATED
        with z.open(entry, "w", force_zip64=True) as out:
            out.write(head.encode())
            block = (para * 100).encode()
            for _ in range(paragraphs // 100):
                out.write(block)
            out.write(b"</hs:sec>")
            for _ in range(padding_mb):
                out.write(b" " * MB)
    return path


def ingest(path: Path, folder: Path) -> str:
    """A row for ingesting ``path`` into a new project with the CLI: time and peak RSS (GNU time)."""
    timed = subprocess.run(["/usr/bin/time", "-f", "%e\t%M", sys.executable, "-m", "workbench", "ingest", str(path),
                            "--project", str(folder / f"project-{path.stem}"), "--json"],
                           capture_output=True, text=True, check=True)
    seconds, peak_kb = timed.stderr.strip().splitlines()[-1].split("\t")
    index = json.loads(timed.stdout)["index"]
    return (f"| {path.name} | {path.stat().st_size / MB:.1f} MB | {float(seconds):.0f} s | {int(peak_kb) / 1024:.0f} MB "
            f"| {index['indexed']} document indexed |")


def main() -> None:
    from workbench.corpus.extract import MAX_DOCUMENT_CHARS

    print(f"Machine: {machine()}\n")
    print("Reading (decode and structure, no Kiwi):\n")
    print("| file | on disk | time | peak RSS | outcome |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        longest = text_file(folder, 0, chars=MAX_DOCUMENT_CHARS - 1000)
        cases = [(f"text, {MAX_DOCUMENT_CHARS - 1000:,} characters (longest accepted)", longest),
                 ("text, 63 MB (26 M characters)", text_file(folder, 63)),
                 ("text, 200 MB", text_file(folder, 200)),
                 ("HWPX, 30,000 paragraphs (3.4 M characters)", hwpx(folder, "long.hwpx", 30_000)),
                 ("HWPX, 60 MB section (13.6 M characters)", hwpx(folder, "big.hwpx", 120_000)),
                 ("HWPX zip bomb, 1 GB section", hwpx(folder, "bomb.hwpx", 100, padding_mb=1024))]
        for label, path in cases:
            out = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True,
                                 check=True).stdout.strip().splitlines()[-1]
            seconds, peak, outcome = out.split("\t")
            print(f"| {label} | {path.stat().st_size / MB:.1f} MB | {seconds} s | {peak} MB | {outcome} |")
        print("\nIngesting the longest document accepted (read, entities, index: `workbench ingest`):\n")
        print("| file | on disk | time | peak RSS | outcome |\n|---|---|---|---|---|")
        print(ingest(longest, folder))


if __name__ == "__main__":
    main()

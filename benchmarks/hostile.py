"""Time and peak memory of reading the largest files Workbench accepts, and of
refusing ones built to exhaust memory (issue 24). Each case runs in a fresh
process so its peak RSS is its own.

Usage: python benchmarks/hostile.py
"""

from __future__ import annotations

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


def text_file(folder: Path, mb: int) -> Path:
    path = folder / f"big-{mb}.txt"
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < mb * MB:
            out.write((PARAGRAPH * 3 + "\n\n") * 200)
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


def main() -> None:
    print(f"Machine: {machine()}\n")
    print("| file | on disk | time | peak RSS | outcome |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [("text, 32 MB", text_file(folder, 32)), ("text, 63 MB (largest accepted)", text_file(folder, 63)),
                 ("text, 200 MB", text_file(folder, 200)),
                 ("HWPX, 60 MB section (largest accepted)", hwpx(folder, "big.hwpx", 120_000)),
                 ("HWPX zip bomb, 1 GB section", hwpx(folder, "bomb.hwpx", 100, padding_mb=1024))]
        for label, path in cases:
            out = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True,
                                 check=True).stdout.strip().splitlines()[-1]
            seconds, peak, outcome = out.split("\t")
            print(f"| {label} | {path.stat().st_size / MB:.1f} MB | {seconds} s | {peak} MB | {outcome} |")


if __name__ == "__main__":
    main()

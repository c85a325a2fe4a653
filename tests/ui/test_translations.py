"""Every string the UI passes through tr() has a Korean translation."""

from __future__ import annotations

import re
from pathlib import Path

from workbench.core.resources import resources_dir

UI = Path(__file__).resolve().parents[2] / "workbench" / "ui"


def test_every_tr_string_is_translated():
    sources = set()
    for path in UI.rglob("*.py"):
        sources |= set(re.findall(r'(?:self\.tr|_tr)\("((?:[^"\\]|\\.)*)"\)', path.read_text(encoding="utf-8")))
        sources |= set(re.findall(r"self\.tr\('((?:[^'\\]|\\.)*)'\)", path.read_text(encoding="utf-8")))
    table = {}
    for line in (resources_dir() / "i18n" / "ko.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, _, target = line.partition("\t")
            table[source] = target
    missing = sorted(s for s in sources if s not in table)
    assert not missing, missing
    assert all(table[s] for s in sources)

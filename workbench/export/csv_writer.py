"""The passages as CSV: UTF-8 with a byte-order mark so Excel reads Korean
right, one row per passage, formula-like cells neutralised."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from workbench.export.atomic import write_atomically
from workbench.export.rows import COLUMNS, Briefing, cell_value
from workbench.export.safety import csv_safe


def write_csv(briefing: Briefing, path: Path, columns: list[str] | None = None) -> None:
    columns = columns or list(COLUMNS)

    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([COLUMNS[c] for c in columns])
            for row in briefing.passages:
                values = []
                for key in columns:
                    value = cell_value(row, key)
                    if isinstance(value, datetime):
                        value = value.strftime("%Y-%m-%d %H:%M")
                    values.append(csv_safe(value) if isinstance(value, str) else value)
                writer.writerow(values)

    write_atomically(Path(path), write)

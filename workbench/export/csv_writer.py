"""The passages as CSV: UTF-8 with a byte-order mark so Excel reads Korean
right, one row per passage, formula-like cells neutralised, times as ISO 8601
with the analyst's UTC offset (``2024-03-05T10:02:03+09:00``) — CSV has no
types, so the offset travels in the value instead of a header. A cell over
Excel's 32,767 characters is cut as in the .xlsx (safety.fit, the same
marker): Excel would cut it too, but without saying so."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from workbench.export.atomic import write_atomically
from workbench.export.rows import COLUMNS, Briefing, cell_value, column_labels
from workbench.export.safety import csv_safe, fit


def write_csv(briefing: Briefing, path: Path, columns: list[str] | None = None) -> None:
    """The header row in the briefing's language, as the workbook's."""
    columns = columns or list(COLUMNS)
    labels = column_labels(briefing.language)

    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([labels[c] for c in columns])
            for row in briefing.passages:
                values = []
                for key in columns:
                    value = cell_value(row, key)
                    if isinstance(value, datetime):
                        value = value.isoformat(timespec="seconds")
                    values.append(fit(csv_safe(value), language=briefing.language) if isinstance(value, str) else value)
                writer.writerow(values)

    write_atomically(Path(path), write)

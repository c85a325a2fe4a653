"""Update a flat Qt model's rows in place, by key, instead of resetting it.

A reset loses the selection, the scroll position and the current row; after
one tag is added the tagged-passages panel should keep them. Rows are
matched by key: gone rows are removed, changed rows announced with
``dataChanged``, new rows appended (a sort proxy puts them in place).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex


def sync_rows(model: QAbstractItemModel, rows: list[Any], new_rows: list[Any],
              key: Callable[[Any], Hashable]) -> None:
    """Make ``rows`` (the model's own list) hold ``new_rows``, telling the views row by row."""
    wanted = {key(r): r for r in new_rows}
    for i in range(len(rows) - 1, -1, -1):  # bottom up: indices stay valid
        if key(rows[i]) not in wanted:
            model.beginRemoveRows(QModelIndex(), i, i)
            del rows[i]
            model.endRemoveRows()
    last_column = max(model.columnCount() - 1, 0)
    have = {}
    for i, row in enumerate(rows):
        k = key(row)
        have[k] = i
        if wanted[k] != row:
            rows[i] = wanted[k]
            model.dataChanged.emit(model.index(i, 0), model.index(i, last_column))
    added = [r for r in new_rows if key(r) not in have]
    if added:
        model.beginInsertRows(QModelIndex(), len(rows), len(rows) + len(added) - 1)
        rows.extend(added)
        model.endInsertRows()

"""The geometry the PDF reader hands to the layout: positioned lines, ruled
tables and pages. Coordinates are points from the top-left corner of the
displayed page, y downwards."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Line:
    """A run of text on one baseline; ``size`` in points (0 = unknown), ``font`` any hashable.
    ``cells`` is set only on the stand-in for a table (see :mod:`workbench.corpus.pdf_tables`)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float = 0.0
    font: object = None
    bold: bool = False
    cells: object = None
    # Set when the text is single glyphs spread evenly ("운 영 위 원 장"): the gaps between them, in points.
    spread: tuple[float, ...] | None = None

    @property
    def em(self) -> float:
        return self.size if self.size > 0 else max(self.y1 - self.y0, 1.0) / 1.2


@dataclass(slots=True)
class Table:
    """A ruled grid: per cell (row, column, x0, y0, x1, y1), merged cells counted
    once; ``nested`` holds, per cell index, a table drawn inside that cell."""

    cells: list[tuple[int, int, float, float, float, float]]
    nested: dict[int, list["Table"]] = field(default_factory=dict)


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    ocr: bool = False  # the lines were read by OCR from the page's image

"""Draw a chart without a window: ``workbench chart … --out FILE.png|.svg``.

The CLI computes the frame (no Qt) and hands it here through the entry point
(``workbench.app``), which is allowed to know the GUI; this draws it with
the same chart widgets the window uses, offscreen, in Korean or English.
"""

from __future__ import annotations

import os
from pathlib import Path

SIZES = {"distribution": (1000, 700), "dispersion": (1100, 420), "tags": (1100, 700),
         "cooccurrence": (900, 800), "timeline": (1200, 420)}


def render_chart(kind: str, frame, out: Path, language: str | None = None, relative: bool = False) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.ui.app import ensure_app
    from workbench.ui.charts.views import DispersionChart, DistributionChart, HeatmapChart, TimelineChart
    from workbench.ui.i18n import apply_language

    app = ensure_app()
    apply_language(language)
    chart = {"distribution": DistributionChart, "dispersion": DispersionChart, "timeline": TimelineChart,
             "tags": lambda: HeatmapChart("tags"), "cooccurrence": lambda: HeatmapChart("cooccurrence")}[kind]()
    if kind == "distribution":
        chart.relative = relative
    chart.resize(*SIZES[kind])
    chart.show_frame(frame)
    chart.show()
    app.processEvents()
    try:
        return chart.export(out)
    finally:
        chart.close()

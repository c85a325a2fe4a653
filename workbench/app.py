"""Entry point of the ``workbench`` command: the CLI, with the GUI plugged in.

``workbench`` with no arguments opens the window; ``workbench gui`` too. The
GUI is imported only when asked for, so headless commands never load Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from workbench import cli


def _launch_gui(args: argparse.Namespace) -> int:
    from workbench.ui.app import run_gui

    return run_gui(project=args.project, screenshot=args.screenshot, open_docs=args.open, query=args.query,
                   language=args.lang, quit_when_shown=args.quit_when_shown)


def _render_chart(*args, **kwargs):
    """Pictures of charts are drawn with the window's chart widgets, offscreen."""
    from workbench.ui.charts.render import render_chart

    return render_chart(*args, **kwargs)


def main(argv: Sequence[str] | None = None) -> int:
    from workbench.services.logs import configure_logging

    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        argv = ["gui"]
    configure_logging()  # errors with their tracebacks go to the user data folder's log file
    return cli.main(argv, gui=_launch_gui, renderer=_render_chart)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

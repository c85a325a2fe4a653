"""The ``workbench`` command line (see :mod:`workbench.cli.main`)."""

from workbench.cli.main import GuiLauncher, build_parser, main

__all__ = ["GuiLauncher", "build_parser", "main"]

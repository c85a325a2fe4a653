"""The analysis subcommands (autocode, kwic, agreement, memo, …): each lives
in a module of its own with an ``add_parser(sub, common)``; this list is the
one place they are registered."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from workbench.cli import autocode

from workbench.cli import agreement
from workbench.cli import compare
from workbench.cli import kwic
from workbench.cli import memo

# One line per tool: its module's add_parser.
PARSERS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = [
    autocode.add_parser,
    agreement.add_parser,
    kwic.add_parser,
    memo.add_parser,
    compare.add_parser,
]


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    for add in PARSERS:
        add(sub, common)

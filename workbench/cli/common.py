"""What every command shares: the project it works on (seeding the default
project on first use), JSON output, a terminal progress bar, the language
of messages."""

from __future__ import annotations

import argparse
import json
import locale
import os
import sys
from datetime import datetime, timezone

from workbench.services.jobs import run_job
from workbench.services.projects import needs_seeding, open_project, seed_default_project


def language() -> str:
    value = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    if not value:
        value = (locale.getlocale()[0] or "")
    return "ko" if value.lower().startswith("ko") else "en"


def local_times(record: dict, keys: tuple[str, ...] = ("created_at", "updated_at")) -> dict:
    """Stored times (UTC) as ISO 8601 in the analyst's zone with its offset
    (``2024-03-05T10:02:03+09:00``): the same instant, read as the analyst
    reads the exported files. A value that is not a time is left alone."""
    out = dict(record)
    for key in keys:
        try:
            moment = datetime.fromisoformat(out[key])
        except (KeyError, TypeError, ValueError):
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        out[key] = moment.astimezone().isoformat(timespec="seconds")
    return out


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def progress_bar(enabled: bool):
    """A terminal progress bar on stderr (only when a person is watching)."""
    if not enabled or not sys.stderr.isatty():
        return None, lambda p: None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="doc", file=sys.stderr, leave=False)

    def update(progress) -> None:
        bar.total = progress.total
        bar.n = progress.done
        bar.set_description_str({"read": "reading", "index": "indexing"}.get(progress.stage, progress.stage),
                                refresh=False)
        bar.set_postfix_str(progress.message[:40], refresh=False)
        bar.refresh()

    return bar, update


def cli_project(args: argparse.Namespace):
    project = open_project(args.project)
    if args.project is None and needs_seeding(project):
        bar, update = progress_bar(not getattr(args, "json", False))
        run_job(seed_default_project(project), update)
        if bar is not None:
            bar.close()
    return project

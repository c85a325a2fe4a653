"""What every command shares: the project it works on (seeding the default
project on first use), JSON output, a terminal progress bar, the language
of messages.

The language is decided here and only here: ``--lang`` when given, else
the locale's language for messages as gettext reads it (``LANGUAGE``, then
``LC_ALL``, ``LC_MESSAGES``, ``LANG``). Every human-readable line — status
words, summaries, messages, errors — and every exported file follow it;
``--json`` output is for programs and never changes with it.
"""

from __future__ import annotations

import argparse
import json
import locale
import os
import sys
import unicodedata
from datetime import datetime, timezone

from workbench.core.shown import shown
from workbench.services.jobs import run_job
from workbench.services.projects import needs_seeding, open_project, seed_default_project


def language(args: argparse.Namespace | None = None) -> str:
    """"ko" or "en": the command's ``--lang``, else the locale's."""
    chosen = getattr(args, "lang", None)
    if chosen in ("ko", "en"):
        return chosen
    value = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    if not value:
        value = locale.getlocale()[0] or ""
    # gettext's list of preferred languages ("ko:en") wins unless the locale is plain C.
    preferred = os.environ.get("LANGUAGE", "").split(":")[0]
    if preferred and value.split(".")[0] not in ("C", "POSIX"):
        value = preferred
    return "ko" if value.lower().startswith("ko") else "en"


class Say:
    """``say(english, korean)`` → the one in the command's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.ko = lang == "ko"

    def __call__(self, english: str, korean: str) -> str:
        return korean if self.ko else english

    def status(self, code: str) -> str:
        """A status word (ingest, import, passages) as the window shows it."""
        return STATUS_KO.get(code, code) if self.ko else code


def speaker(args: argparse.Namespace | None = None) -> Say:
    return Say(language(args))


# The window's words for them (resources/i18n/ko.tsv).
STATUS_KO = {
    "added": "추가됨", "updated": "갱신됨", "unchanged": "변경 없음", "failed": "실패", "removed": "사라짐",
    "skipped": "건너뜀", "duplicates": "중복", "anchored": "정상", "moved": "위치 이동", "orphaned": "위치 잃음",
    "merged": "합침", "created": "생성됨", "reused": "재사용", "renamed": "이름 바꿈", "imported": "가져옴",
    "converted": "변환함", "present": "이미 있음",
    "source": "문서", "code": "코드", "selection": "구간", "note": "메모",
}


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns (Hangul takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    fill = " " * max(0, width - used)
    return fill + text if right else text + fill


# Characters that drive a terminal rather than show: C0 controls (ESC starts
# the ANSI sequences that recolour, move the cursor, set the window title,
# even write to the clipboard), DEL, C1 controls (0x9B is a one-byte CSI) and
# the bidi overrides and isolates that reorder what follows (U+202A–U+202E,
# U+2066–U+2069). A file name, a document's title or an analyst's note can
# hold any of them, so each is shown as its escape (ESC as ``\x1b``).
def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ONE_LINE = {code: _escape(code) for code in _CONTROLS} | {ord("\n"): "⏎", ord("\t"): "\\t", ord("\r"): "\\r"}
_MULTI_LINE = {**_ONE_LINE, ord("\n"): "\n", ord("\t"): "\t"}


def terminal_safe(text: object, one_line: bool = True) -> str:
    """``text`` (a name, title, note, quote…: anything a file or a person
    supplied) as it may be printed for a person: terminal controls and bidi
    overrides escaped, bytes that are not UTF-8 as ``\\xNN`` (core.shown),
    and, for a one-line field, a newline shown as ⏎. Never for ``--json``:
    json.dumps escapes controls itself and programs want the value as it is."""
    return shown(str(text)).translate(_ONE_LINE if one_line else _MULTI_LINE)


# Options whose value is free text: a tag "-minus", a note "- 검토 필요", a
# quote "-3% 감소", a query "-중국" (exclude 중국) may all start with a dash.
FREE_TEXT_OPTIONS = frozenset({"--tag", "--note", "--quote", "--query", "--description"})


def free_text_values(argv: list[str]) -> list[str]:
    """``argv`` with ``--tag -minus`` written as ``--tag=-minus``.

    argparse takes any word starting with "-" for an option, so a value like
    that was refused ("expected one argument") unless joined with "=". The word
    after a free-text option is its value when it starts with a single dash
    (as getopt reads it); a word starting with "--" is still an option (such a
    value needs ``--tag=--x``), and nothing after a bare ``--`` is touched."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            return out + argv[i:]
        following = argv[i + 1] if i + 1 < len(argv) else None
        if word in FREE_TEXT_OPTIONS and following and following.startswith("-") and not following.startswith("--"):
            out.append(f"{word}={following}")
            i += 2
        else:
            out.append(word)
            i += 1
    return out


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


STAGES = {"read": ("reading", "읽는 중"), "index": ("indexing", "색인 중"), "select": ("selecting", "고르는 중"),
          "write": ("writing", "쓰는 중"), "save": ("saving", "저장 중")}


def progress_bar(enabled: bool, lang: str | None = None):
    """A terminal progress bar on stderr (only when a person is watching)."""
    if not enabled or not sys.stderr.isatty():
        return None, lambda p: None
    from tqdm import tqdm

    say = Say(lang or language())
    bar = tqdm(total=0, unit="", file=sys.stderr, leave=False)

    def update(progress) -> None:
        bar.total = progress.total
        bar.n = progress.done
        stage = STAGES.get(progress.stage)
        bar.set_description_str(say(*stage) if stage else progress.stage, refresh=False)
        postfix = terminal_safe(progress.message[:40])  # often a file's name
        if progress.bytes_total > 0 and progress.done < progress.total:  # how far into it (a long document)
            postfix += f" {round(100 * progress.bytes_done / progress.bytes_total)}%"
        bar.set_postfix_str(postfix, refresh=False)
        bar.refresh()

    return bar, update


def cli_project(args: argparse.Namespace):
    project = open_project(args.project)
    if args.project is None and needs_seeding(project):
        bar, update = progress_bar(not getattr(args, "json", False), language(args))
        run_job(seed_default_project(project), update)
        if bar is not None:
            bar.close()
    return project

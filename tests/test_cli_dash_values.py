"""A tag, note, quote or query may start with a dash (issue 24, item 12):
``--tag -minus`` used to fail with "expected one argument", because argparse
takes ``-minus`` for an option; only ``--tag=-minus`` worked."""

from __future__ import annotations

import json
import subprocess
import sys

from workbench.cli.common import free_text_values
from workbench.cli.main import build_parser


def parse(*argv):
    return build_parser().parse_args(free_text_values(list(argv)))


def test_a_value_starting_with_a_dash_is_taken_as_the_value():
    args = parse("tag", "1", "--start", "0", "--end", "2", "--tag", "-minus", "--tag", "정책", "--note", "- 검토 필요")
    assert args.tag == ["-minus", "정책"] and args.note == "- 검토 필요"
    assert parse("annotations", "--tag", "-minus").tag == "-minus"
    assert parse("export", "--out", "x.xlsx", "--tag", "-minus", "--query", "-중국").query == "-중국"
    assert parse("tag", "1", "--quote", "-3% 감소", "--tag", "t").quote == "-3% 감소"


def test_other_arguments_are_left_alone():
    argv = ["tag", "1", "--tag=-x", "--start", "-1", "--json", "--", "--tag", "-y"]
    assert free_text_values(argv) == argv
    assert free_text_values(["tag", "1", "--tag", "--json"]) == ["tag", "1", "--tag", "--json"]
    assert free_text_values(["tag", "1", "--tag"]) == ["tag", "1", "--tag"]


def test_tag_and_list_a_tag_named_minus(tmp_path):
    (tmp_path / "a.txt").write_text("정부는 규제 완화를 약속했다.", encoding="utf-8")

    def cli(*args):
        proc = subprocess.run([sys.executable, "-m", "workbench", *args, "--project", str(tmp_path / "p")],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    cli("ingest", str(tmp_path / "a.txt"))
    row = json.loads(cli("tag", "1", "--start", "0", "--end", "2", "--tag", "-minus", "--json"))
    assert row["tags"] == ["-minus"]
    listed = json.loads(cli("annotations", "--tag", "-minus", "--json"))
    assert [r["id"] for r in listed] == [row["id"]]

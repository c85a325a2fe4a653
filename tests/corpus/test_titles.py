"""Titles an analyst can tell documents apart by: the file's own title when it
says something, else the first line, else the first real heading — never a
boilerplate label such as "[ 세 목 ]" that every tax ruling starts with."""

from __future__ import annotations

import pytest

from workbench.corpus.extract import extract_file
from workbench.corpus.titles import clean_title


@pytest.mark.parametrize("raw, expected", [
    ("[ 세 목 ]", None), ("2010", None), ("문서 이력 정보", None), ("제목 없음", None), ("보도자료", None),
    ("Microsoft Word - 2025 업무계획.docx", "2025 업무계획"), ("  인공지능 기본법\x00 시행령 ", "인공지능 기본법 시행령"),
    (None, None), ("***", None),
])
def test_clean_title(raw, expected):
    assert clean_title(raw) == expected


def test_a_ruling_is_titled_by_its_subject_not_its_labels(tmp_path):
    path = tmp_path / "ruling.txt"
    path.write_text("[ 세 목 ]\n\n법인세\n\n[ 제 목 ]\n\n비거주자의 국내 부동산 양도소득 과세 여부\n\n"
                    "[ 요 지 ]\n\n비거주자가 양도한 국내 소재 부동산의 양도소득은 국내원천소득에 해당함", encoding="utf-8")
    assert extract_file(path).title == "비거주자의 국내 부동산 양도소득 과세 여부"


def test_a_boilerplate_first_line_gives_way_to_the_first_heading(tmp_path):
    path = tmp_path / "memo.md"
    path.write_text("보도자료\n\n# 2025년 반도체 수출 동향\n\n본문입니다.", encoding="utf-8")
    assert extract_file(path).title == "2025년 반도체 수출 동향"

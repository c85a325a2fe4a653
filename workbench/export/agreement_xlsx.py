"""The coder-agreement workbook: Summary (per tag, and the total),
Documents (tag × document) and Disagreements (the spans only one coder
coded, and those both did, with their text).

It takes the report as plain rows — the dictionary ``workbench agreement
--json`` prints (services.agreement.AgreementReport.to_json) — so the file
and the command's output never say different things. Cells go through the
briefing's helpers (export.xlsx ``_put``/``_header``/``_finish``): document
text is untrusted (formula-like quotes stay text, controls go, long quotes
are cut visibly), headers are styled and frozen, pages print one page wide.
The file appears only when complete (export.atomic).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from workbench.export.atomic import atomic_file
from workbench.export.sheets import sheet_name
from workbench.export.words import is_korean
from workbench.export.xlsx import _finish, _header, _put

# Landis & Koch's words (annotations.agreement.band) as a Korean analyst reads them.
READING_KO = {"poor": "일치 없음", "slight": "약간 일치", "fair": "어느 정도 일치", "moderate": "보통 일치",
              "substantial": "상당한 일치", "almost perfect": "거의 완전한 일치"}
WORDS_KO = {
    "Summary": "요약", "Documents": "문서별", "Disagreements": "불일치 구간", "Coder agreement": "코더 간 일치도",
    "Tag": "태그", "Document": "문서", "Document ID": "문서 ID", "Characters": "글자 수",
    "Agreement (%)": "일치율(%)", "Kappa": "카파", "Reading (Landis & Koch)": "해석(Landis & Koch)",
    "Coded by {}": "{} 코딩 글자", "Coded by both": "둘 다 코딩한 글자", "Coded by neither": "둘 다 코딩 안 한 글자",
    "Total": "합계", "Coder": "코더", "Start": "시작", "End": "끝", "Text": "본문",
    "only {}": "{}만", "both": "둘 다",
    "Unit: one character. Each tag on its own (a parent's figures leave out its children's codings).":
        "단위: 글자 하나. 태그마다 따로 셉니다(상위 태그에 하위 태그의 코딩은 들어가지 않음).",
    "Documents counted: those either coder coded with the tag.": "센 문서: 두 코더 중 하나라도 그 태그로 코딩한 문서.",
    "Documents counted: every document.": "센 문서: 모든 문서.",
}


def word(english: str, language: str = "en") -> str:
    return WORDS_KO[english] if is_korean(language) else english


def reading(code: str, language: str = "en") -> str:
    return READING_KO.get(code, code) if is_korean(language) else code


def who_label(span: dict, coders: dict, language: str = "en") -> str:
    if span["who"] == "both":
        return word("both", language)
    return word("only {}", language).format(coders[span["who"]])


def write_agreement_xlsx(report: dict, path: Path, language: str = "en", paper: str = "a4") -> None:
    """Write ``report`` (AgreementReport.to_json()) to ``path``."""
    coders = report["coders"]
    a, b = coders["A"], coders["B"]
    title = f"{word('Coder agreement', language)}: {a} · {b}"
    counts = [word("Characters", language), word("Coded by {}", language).format(a),
              word("Coded by {}", language).format(b), word("Coded by both", language)]
    figures = [word("Agreement (%)", language), word("Kappa", language), word("Reading (Landis & Koch)", language)]
    with atomic_file(Path(path)) as temp:
        wb = Workbook()
        wb.remove(wb.active)
        taken: set[str] = set()

        ws = wb.create_sheet(sheet_name(word("Summary", language), taken))
        _header(ws, [word("Tag", language), word("Documents", language), *figures, *counts],
                [30, 10, 12, 9, 18, 12, 14, 14, 14])
        rows = [[r["tag"], r["documents"], *_figures(r, language), *_counts(r)] for r in report["tags"]]
        total = report["total"]
        rows.append([word("Total", language), total["documents"], *_figures(total, language), *_counts(total)])
        _rows(ws, rows, language)
        for cell in ws[len(rows) + 1]:
            cell.font = Font(name="Calibri", size=11, bold=True)
        notes = ["Unit: one character. Each tag on its own (a parent's figures leave out its children's codings).",
                 "Documents counted: every document." if report["documents_counted"] == "all documents"
                 else "Documents counted: those either coder coded with the tag."]
        for i, note in enumerate(notes):
            _put(ws, len(rows) + 3 + i, 1, word(note, language), language)
        _finish(ws, len(rows) - 1, 9, title, paper, language)

        ws = wb.create_sheet(sheet_name(word("Documents", language), taken))
        _header(ws, [word("Tag", language), word("Document", language), word("Document ID", language), *figures,
                     *counts], [26, 30, 9, 12, 9, 18, 12, 14, 14, 14])
        rows = [[r["tag"], r["title"], r["doc_id"], *_figures(r, language), *_counts(r)] for r in report["documents"]]
        _rows(ws, rows, language)
        _finish(ws, len(rows), 10, title, paper, language)

        ws = wb.create_sheet(sheet_name(word("Disagreements", language), taken))
        _header(ws, [word("Document", language), word("Tag", language), word("Coder", language),
                     word("Start", language), word("End", language), word("Text", language)],
                [28, 24, 16, 9, 9, 70])
        rows = [[s["title"], s["tag"], who_label(s, coders, language), s["start"], s["end"], s["quote"]]
                for s in report["disagreements"]]
        _rows(ws, rows, language)
        _finish(ws, len(rows), 6, title, paper, language)

        wb.properties.title = title
        wb.save(temp)


def _figures(row: dict, language: str) -> list:
    return [round(row["agreement"], 2), round(row["kappa"], 4), reading(row["reading"], language)]


def _counts(row: dict) -> list:
    return [row["characters"], row["coded_a"], row["coded_b"], row["coded_both"]]


def _rows(ws, rows: list[list], language: str) -> None:
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            _put(ws, r, c, value, language)

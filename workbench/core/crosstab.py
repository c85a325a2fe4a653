"""How tagged passages are grouped by a document detail in a crosstab: the
tags × documents chart and the briefing's Summary both use these, so the
window and the workbook count alike."""

from __future__ import annotations

# The details a crosstab can group documents by.
GROUPINGS = ("document", "publisher", "type", "month")
NOT_GIVEN = ""  # the group of documents without that detail (a year-only date has no month)


def check_grouping(by: str) -> str:
    from workbench.core.errors import WorkbenchError

    if by not in GROUPINGS:
        raise WorkbenchError(f"Cannot group by {by!r}: use one of {', '.join(GROUPINGS)}",
                             f"{by!r}(으)로는 묶을 수 없습니다. {', '.join(GROUPINGS)} 가운데 하나를 쓰세요")
    return by


def group_of(by: str, publisher: str = "", doc_type: str = "", date: str = "") -> str:
    """A document's group for ``by`` (not "document"): its publisher, its type
    (the label shown), or its month ("2024-03"); NOT_GIVEN when it has none."""
    if by == "publisher":
        return publisher.strip()
    if by == "type":
        return doc_type.strip()
    if by == "month":
        return date[:7] if len(date) >= 7 else NOT_GIVEN
    raise ValueError(by)


def group_order(groups) -> list[str]:
    """Groups sorted (months in time order), the documents without the detail last."""
    return sorted(groups, key=lambda g: (g == NOT_GIVEN, g))

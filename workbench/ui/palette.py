"""Colours for entity types: the Okabe–Ito palette, safe for colour-blind readers,
used as light backgrounds so the text stays readable."""

from __future__ import annotations

from PySide6.QtGui import QColor

ENTITY_COLOURS = {
    "PERSON": "#E69F00",  # orange
    "ORG": "#56B4E9",  # sky blue
    "LOCATION": "#009E73",  # bluish green
    "DATE": "#F0E442",  # yellow
    "MONEY": "#0072B2",  # blue
    "PERCENT": "#D55E00",  # vermillion
    "QUANTITY": "#CC79A7",  # reddish purple
    "PRODUCT": "#999999",  # grey
    "LAW": "#8C6D31",  # brown
}
HIT_COLOUR = "#FFB000"
HEADING_COLOUR = "#1F3A5F"  # dark blue-grey: headings stand out without looking like a highlight
FIND_COLOUR = "#FF6E54"


def background(kind: str, alpha: int = 70) -> QColor:
    colour = QColor(ENTITY_COLOURS.get(kind, "#BBBBBB"))
    colour.setAlpha(alpha)
    return colour


def solid(kind: str) -> QColor:
    return QColor(ENTITY_COLOURS.get(kind, "#BBBBBB"))

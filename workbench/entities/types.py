"""Entity types, with the labels the UI shows in Korean and English."""

from __future__ import annotations

from enum import StrEnum

from workbench.core.models import ENTITY_TYPES

# One member per name of the shared list (core.models.ENTITY_TYPES).
EntityType = StrEnum("EntityType", {name: name for name in ENTITY_TYPES})


LABELS_KO = {
    EntityType.PERSON: "인물", EntityType.ORG: "기관·기업", EntityType.LOCATION: "장소·국가",
    EntityType.DATE: "날짜", EntityType.MONEY: "금액", EntityType.PERCENT: "비율",
    EntityType.QUANTITY: "수량", EntityType.PRODUCT: "제품·모델", EntityType.LAW: "법·정책",
}
LABELS_EN = {
    EntityType.PERSON: "Person", EntityType.ORG: "Organisation", EntityType.LOCATION: "Place",
    EntityType.DATE: "Date", EntityType.MONEY: "Money", EntityType.PERCENT: "Percent",
    EntityType.QUANTITY: "Quantity", EntityType.PRODUCT: "Product / model", EntityType.LAW: "Law / policy",
}

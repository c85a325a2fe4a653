"""Times as the database stores them: UTC, ISO 8601, whole seconds."""

from __future__ import annotations

from datetime import datetime, timezone


def utc_iso(value: str | None) -> str | None:
    """An xsd:dateTime (a REFI-QDA file's creationDateTime, …) in the database's
    form; None when absent or not a time. A time without a zone is taken as UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()

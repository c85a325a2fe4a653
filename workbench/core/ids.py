"""Stable identifiers for what leaves the project (REFI-QDA GUIDs).

Other QDA tools merge by GUID: a random GUID per export made every re-import
a duplicate. A GUID here is a UUID5 of the project's own id (stored once in
the database, see schema v8) and the kind and id of the row, so the same tag
has the same GUID in the ``.qdc`` codebook, in the ``.qde`` project and in
every later export; two projects never share one.
"""

from __future__ import annotations

import uuid

# The analyst's GUID depends on the name only, so one person is one user in
# every project they export (and a merged project does not list them twice).
USER_NAMESPACE = uuid.UUID("9b1f6f0e-5a4c-5d8e-9a57-2f1e0c6a7b31")


def stable_guid(project_id: uuid.UUID, kind: str, key: object) -> str:
    """``kind`` is what the row is ("code", "source", "selection", …), ``key`` its id."""
    return str(uuid.uuid5(project_id, f"{kind}:{key}"))


def user_guid(name: str) -> str:
    return str(uuid.uuid5(USER_NAMESPACE, name))

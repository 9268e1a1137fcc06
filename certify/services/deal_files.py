"""A deals export kept between its check (dry run) and its import, so the admin does not upload it twice.

The file is kept in private storage under the person's id and a random token; the token goes in their
session, and only that person can read it back. Importing it, or checking another file, discards it.
"""

import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from ..exceptions import PermissionRefused
from ..permissions import can_manage_certifications

SESSION_KEY = "deal_import_kept_file"


@dataclass(frozen=True)
class KeptFile:
    token: str
    name: str


def _path(actor, token: str) -> str:
    return f"deal-imports/{actor.pk}/{token}.csv"


def deal_file_keep(*, actor, session, name: str, data: bytes) -> KeptFile:
    """Keep the checked file for the real import, replacing whatever this person kept before."""
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can import deals.")
    deal_file_discard(actor=actor, session=session)
    token = secrets.token_urlsafe(18)
    storages["private"].save(_path(actor, token), ContentFile(data))
    session[SESSION_KEY] = {"token": token, "name": name}
    return KeptFile(token=token, name=name)


def deal_file_kept(*, actor, session, token: str | None = None) -> KeptFile | None:
    """The file this person checked last, if it is still there (and is the one `token` names, if given)."""
    kept = session.get(SESSION_KEY)
    if not kept or (token is not None and not secrets.compare_digest(token, kept.get("token", ""))):
        return None
    if not storages["private"].exists(_path(actor, kept["token"])):
        session.pop(SESSION_KEY, None)
        return None
    return KeptFile(token=kept["token"], name=kept["name"])


def deal_file_read(*, actor, kept: KeptFile) -> bytes:
    with storages["private"].open(_path(actor, kept.token), "rb") as handle:
        return handle.read()


def deal_file_discard(*, actor, session) -> None:
    kept = session.pop(SESSION_KEY, None)
    if kept and kept.get("token"):
        storages["private"].delete(_path(actor, kept["token"]))

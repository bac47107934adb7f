"""What a role may not do, in words for a tooltip."""
from __future__ import annotations

from typing import Any

from ...domain.ledger_messages import actor_label
from ...domain.permissions import DESCRIPTIONS, ROLE_PERMISSIONS, Permission, Role
from ..i18n import tr


def who_may(permission: Permission) -> str:
    """"Needs a manager" or "Needs the owner": the least role that may, for a tooltip."""
    needs = {Role.CASHIER: tr("Needs a cashier: {what}"), Role.MANAGER: tr("Needs a manager: {what}"),
             Role.OWNER: tr("Needs the owner: {what}")}
    for role in (Role.CASHIER, Role.MANAGER, Role.OWNER):
        if permission in ROLE_PERMISSIONS[role]:
            return needs[role].format(what=DESCRIPTIONS[permission])
    return tr("Not allowed")


def who(row: Any) -> str:
    """Who wrote a row (a ledger row, an activity, an audit line): a name, the system, the API,
    or "" for a row from before staff accounts."""
    return actor_label(getattr(row, "actor_kind", None), getattr(row, "actor_name", None))

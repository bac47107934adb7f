"""Who a command acts as, in a shop with staff: `--actor` (a staff id or name) signed in with the
PIN, read with getpass, or from the first line of standard input with `--pin-from-stdin` (for
scripts). One helper for every command that needs a person: import, export, member-data, backup
and restore. A staff id alone is never enough: anyone can type the owner's id.
"""
from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from ..errors import PermissionDenied, ValidationError
from ..services import LoyaltyService


def acting_staff(svc: LoyaltyService, user_id: str | None, actor: str | None, pin_from_stdin: bool, *,
                 whole_database: bool = False, stdin: TextIO | None = None,
                 ask_pin: Callable[[str], str] = getpass.getpass) -> int | None:
    """The staff id the command acts as: None where nobody has to sign in (the shop, or with
    `whole_database` every shop of the database, has no staff); else --actor, signed in with a PIN."""
    staffed = svc.database_has_staff() if whole_database else user_id is not None and svc.has_staff(user_id)
    if not staffed:
        return None
    if actor is None:
        raise PermissionDenied("This shop has staff accounts: give --actor (your staff id or name) and your PIN")
    if not user_id:
        raise ValidationError("Name your shop with --user-id to sign in", field="user_id")
    pin = (stdin or sys.stdin).readline().strip() if pin_from_stdin else ask_pin(f"PIN for {actor}: ")
    name_or_id: str | int = int(actor) if actor.isdigit() else actor
    return svc.sign_in(user_id, name_or_id, pin).id

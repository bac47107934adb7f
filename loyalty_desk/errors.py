"""Typed errors with messages a cashier can act on.

Lives at the package root so the database layer and the services can both
raise them; `loyalty_desk.services` re-exports every one.
"""
from __future__ import annotations

import datetime as dt


class LoyaltyError(Exception):
    """Base of every refusal. `str(error)` is the plain-words message."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        # The input field the error concerns, so a form can show it in place.
        self.field = field


class ValidationError(LoyaltyError):
    """Bad input: wrong type, out of range, unknown key or value."""


class NotFound(LoyaltyError):
    """No such row for this shop (rows of other shops are reported the same way)."""


class InsufficientPoints(LoyaltyError):
    """The member's spendable balance does not cover the request."""


class OutOfStock(LoyaltyError):
    """The reward has no units left."""


class NotEligible(LoyaltyError):
    """The member, program or reward is not in a state that allows this."""


class DuplicateReference(LoyaltyError):
    """The external reference was already used for a different request."""


class DuplicateMember(ValidationError):
    """Another member of the program already has this email or phone."""

    def __init__(self, message: str, *, field: str | None = None, existing_member_id: int) -> None:
        super().__init__(message, field=field)
        self.existing_member_id = existing_member_id


class PermissionDenied(LoyaltyError):
    """The caller may not do this: no actor where the shop has staff, an unknown or inactive one,
    a role without the permission, or a wrong name or PIN."""


class InvalidApiKey(LoyaltyError):
    """No API key, or one that is unknown or revoked (the HTTP API answers 401)."""


class InvalidWebhookSignature(LoyaltyError):
    """A web shop's webhook without a valid signature: none, a wrong or tampered one, no secret
    set, or an unknown shop, all alike (the HTTP API answers 401). Nothing was read or written."""


class BadWebOrder(ValidationError):
    """A signed web shop payload that is not the order or refund it should be: a field missing or
    of the wrong type, or an amount not written exactly ("12.50"). Nothing was written."""


class RateLimited(LoyaltyError):
    """Too many requests of one kind in a short time (the API key's enrollments per minute):
    nothing was written; try again after `retry_after` seconds."""

    def __init__(self, message: str, *, retry_after: int, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.retry_after = retry_after


class SignInLocked(PermissionDenied):
    """Too many wrong PINs for this name: refused, even with the right PIN, until `until` (aware UTC)."""

    def __init__(self, message: str, *, until: dt.datetime, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.until = until


class ApprovalRequired(PermissionDenied):
    """The action is beyond the actor's limits: it needs `approver=` (a manager or owner, not the
    actor) and `approver_pin=`. Nothing was written."""


class InvalidTransition(LoyaltyError):
    """A fulfillment status move that the workflow does not allow."""


class DatabaseRefused(LoyaltyError):
    """The database cannot be opened safely (corrupt, not a database, newer schema)."""


class DatabaseBusy(LoyaltyError):
    """Another register held the database for longer than the wait limit. Nothing was written;
    the same call can be tried again (purchases and returns with a reference stay exactly-once)."""

    def __init__(self, message: str = "The database is busy: another register is saving. Try again.", *,
                 field: str | None = None) -> None:
        super().__init__(message, field=field)


class DatabaseUnreachable(DatabaseBusy):
    """The shop's database server stopped answering (network, server down). The call can be tried
    again once it answers. `maybe_saved`: the connection broke while the commit was on its way,
    so the change may have been saved; otherwise nothing was."""

    def __init__(self, message: str, *, maybe_saved: bool = False, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.maybe_saved = maybe_saved


class DatabaseMissing(DatabaseRefused):
    """The database named does not exist yet, or is an empty file. Nothing was created: open it
    again with `create=True` (the CLI's `--create`) to start a new database there."""

    def __init__(self, message: str, *, path: str, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.path = path


class DatabaseNewer(DatabaseRefused):
    """The database (or backup) was made by a newer Loyalty Desk. Nothing was changed or copied."""


class DatabaseReadOnly(LoyaltyError):
    """The database is open read-only (a read-only file, folder or disk): nothing can be saved."""

    def __init__(self, message: str = "The database file is read-only: nothing was saved.", *,
                 field: str | None = None) -> None:
        super().__init__(message, field=field)


class DiskFull(LoyaltyError):
    """The disk (or the PostgreSQL server's) is full. Nothing was saved and nothing was lost."""

    def __init__(self, message: str = "The disk is full; nothing was saved.", *, field: str | None = None) -> None:
        super().__init__(message, field=field)


class DatabaseInUse(LoyaltyError):
    """Another register (another process) has the database open, so it cannot be replaced now."""


class BackupFailed(LoyaltyError):
    """A backup could not be made or verified, or a file is not a Loyalty Desk backup. No file was
    left behind and the database is unchanged."""

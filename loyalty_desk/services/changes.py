"""The log of settings changes: the shop's settings, programs, tiers, rewards and staff.

Member events are in the activity log and points in the ledger; this records the rest of
"who did what" (README, "Who did what"). It names the fields changed, never their values.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..models import SettingsChange
from .uow import Ctx


def record_change(ctx: Ctx, subject: str, subject_id: object, verb: str, fields: Iterable[str] = (),
                  note: str | None = None) -> None:
    """One change of `subject` ("program", "staff", "member"...): action "<subject>_<verb>", e.g.
    "tier_deleted"; `note` is the reason a person gave, where they gave one (an erasure)."""
    ctx.session.add(SettingsChange(user_id=ctx.user_id, changed_at=ctx.now, subject=subject,
                                   subject_id=str(subject_id), action=f"{subject}_{verb}",
                                   fields=sorted(str(f) for f in fields), note=note, **ctx.acted()))

"""Who may be sent which email, and when a failed one is tried again (README, "Messages").

Pure Python: the services queue and send by these rules, the views show them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .vocabulary import MessageKind

# Service messages tell a member about their own account; marketing ones need their consent.
SERVICE_KINDS = frozenset({MessageKind.WELCOME, MessageKind.TIER_CHANGED, MessageKind.POINTS_EXPIRING,
                           MessageKind.REDEMPTION_UPDATE})
MARKETING_KINDS = frozenset({MessageKind.BIRTHDAY, MessageKind.REACTIVATION, MessageKind.CAMPAIGN})

# program_rules keys (README, "Program rules") and their defaults.
MESSAGES_RULE = "messages"                      # {kind: false} turns a kind off; every kind is on by default
EXPIRY_REMINDER_RULE = "expiry_reminder_days"   # the reminder goes this many days before points expire
REACTIVATION_RULE = "reactivation_days"         # a member inactive this long hears from the shop once
# The port a mail server listens on for each kind of security, when the shop gives none.
SMTP_DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}
DEFAULT_EXPIRY_REMINDER_DAYS = 30
DEFAULT_REACTIVATION_DAYS = 60

# A temporary failure is tried again after 1, 2, 4 ... minutes, at most 6 hours apart; after
# MAX_ATTEMPTS tries the message is marked failed (Retry in the outbox puts it back).
MAX_ATTEMPTS = 12
_LONGEST_WAIT = dt.timedelta(hours=6)


def kind_enabled(rules: Mapping[str, Any] | None, kind: MessageKind) -> bool:
    """Whether a program sends this kind (its `messages` rule; on unless turned off)."""
    return bool(((rules or {}).get(MESSAGES_RULE) or {}).get(kind.value, True))


def rule_days(rules: Mapping[str, Any] | None, key: str, default: int) -> int:
    return int((rules or {}).get(key) or default)


def refusal(kind: MessageKind, *, email: str | None, opted_out: bool, consent: bool, erased: bool) -> str | None:
    """Why this member may not be sent this kind of message now, or None when they may."""
    if erased:
        return "the member's data was erased"
    if not email:
        return "the member has no email address"
    if opted_out:
        return "the member opted out of emails"
    if kind in MARKETING_KINDS and not consent:
        return "the member has not agreed to marketing emails"
    return None


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failed try before the next one."""
    return min(dt.timedelta(minutes=2 ** max(0, attempts - 1)), _LONGEST_WAIT)

"""What the desktop's Settings ▸ Messages… and its sender worker use, handed to the views by the
composition root (app.py): the views never import messaging (docs/ARCHITECTURE.md, "Layers").

The module itself is the object handed in: it matches `views.messages.mail.MailTools`.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .secrets import KeyringMissing, get_smtp_password, keyring_problem, set_smtp_password

if TYPE_CHECKING:
    from ..services import LoyaltyService, dto

__all__ = ["has_smtp_password", "keyring_problem", "send_due_messages", "send_test", "set_smtp_password"]


def has_smtp_password(user_id: str, username: str, host: str) -> bool:
    """Whether the keyring keeps a password for this shop, account and server (never the password)."""
    try:
        return get_smtp_password(user_id, username, host) is not None
    except KeyringMissing:
        return False


def send_due_messages(service: LoyaltyService, user_id: str | None = None, *,
                      should_stop: Callable[[], bool] | None = None) -> dto.SendReport:
    """messaging.sender's, loaded on first use (smtplib, ssl and email: not needed to show the window)."""
    from .sender import send_due_messages as send

    return send(service, user_id, should_stop=should_stop)


def send_test(user_id: str, settings: Mapping[str, Any], to: str, password: str | None = None) -> tuple[bool, str]:
    """One test email to `to` through the mail server as typed (`settings`: the smtp_* keys of
    `save_shop`, checked already), signed in with `password`, or the one the keyring keeps.
    Returns (delivered, the server's answer or what went wrong), in one line."""
    host, username = settings["smtp_host"], settings.get("smtp_username")
    if password is None and username:
        try:
            password = get_smtp_password(user_id, username, host)
        except KeyringMissing:
            password = None
    from .smtp import MailServer, send_test_email

    return send_test_email(MailServer.from_settings(settings, password), settings["smtp_from"], to,
                           settings.get("smtp_reply_to"), str(settings.get("shop_name") or "your shop"))

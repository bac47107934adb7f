"""What Settings ▸ Messages… and the sender worker need from the mail adapter (loyalty_desk.messaging).

The views never import messaging (docs/ARCHITECTURE.md, "Layers"): the composition root hands
`loyalty_desk.messaging.desk` in (`ShopSession.mail`), and the views see it through this protocol.
Without it (a test, or a build without the mail adapter) the dialog still shows the outbox and the
templates, and says that mail cannot be sent from here.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from ...services import LoyaltyService


class MailTools(Protocol):
    def keyring_problem(self) -> str | None:
        """Why no password can be kept on this computer, or None."""

    def has_smtp_password(self, user_id: str, username: str, host: str) -> bool: ...

    def set_smtp_password(self, user_id: str, username: str, host: str, password: str) -> None:
        """Into the OS keyring; KeyringMissing (an Exception) when there is none."""

    def send_test(self, user_id: str, settings: Mapping[str, Any], to: str,
                  password: str | None = None) -> tuple[bool, str]:
        """One test email through the server as typed: (delivered, the server's answer in one line)."""

    def send_due_messages(self, service: LoyaltyService, user_id: str | None = None, *,
                          should_stop: Callable[[], bool] | None = None) -> Any:
        """Send what is due (a SendReport: sent, retrying, failed, problem)."""

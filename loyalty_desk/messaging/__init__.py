"""The outbox's sender: SMTP, and the mail server's password in the OS keyring (README, "Messages").

An adapter beside the views, the API and dataio: it calls the facade only. `send_due_messages`
is what `loyalty-desk send-messages` runs, and what the desktop runs in a worker thread.
"""

from typing import Any

from .secrets import KeyringMissing, get_smtp_password, set_smtp_password

__all__ = ["KeyringMissing", "get_smtp_password", "send_due_messages", "set_smtp_password"]


def __getattr__(name: str) -> Any:
    # The sender (smtplib, ssl, email) is loaded when first used: the desktop's start-up does not need it.
    if name == "send_due_messages":
        from .sender import send_due_messages

        return send_due_messages
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The outbox's sender: SMTP, and the mail server's password in the OS keyring (README, "Messages").

An adapter beside the views, the API and dataio: it calls the facade only. `send_due_messages`
is what `loyalty-desk send-messages` runs, and what the desktop runs in a worker thread.
"""
from .secrets import KeyringMissing, get_smtp_password, set_smtp_password
from .sender import send_due_messages

__all__ = ["KeyringMissing", "get_smtp_password", "send_due_messages", "set_smtp_password"]

"""What the desktop's mail tests share: a REAL SMTP server (aiosmtpd on a free loopback port, as in
tests/test_send_messages.py) that can hold a message until the test lets it through. The
keyring of the test's own is tests/conftest.py's `memory_keyring`."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from ..test_send_messages import Inbox, Server, free_port, mail_shop


class HeldInbox(Inbox):
    """Holds each message at DATA until `release` is set (set from the start unless `hold()`)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.release.set()
        self.arrived = threading.Event()

    def hold(self) -> None:
        self.release.clear()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.arrived.set()
        self.release.wait(60)
        return await super().handle_DATA(server, session, envelope)


class HeldServer(Server):
    def __init__(self, port: int) -> None:
        super().__init__(port)
        self.inbox = HeldInbox()


@pytest.fixture
def smtp_server() -> Iterator[HeldServer]:
    server = HeldServer(free_port())
    server.start()
    yield server
    server.inbox.release.set()
    server.stop()


__all__ = ["HeldServer", "free_port", "mail_shop", "smtp_server"]

"""Test helpers shared by the suites: a hand-moved clock, factories, and a database snapshot."""
from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend
from sqlalchemy import inspect, text

from loyalty_desk.services import LoyaltyService

SHOP = "shop-1"
START = dt.datetime(2026, 3, 2, 15, 30, tzinfo=dt.UTC)


class FakeClock:
    """A clock the tests move by hand."""

    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now

    def set(self, moment: dt.datetime) -> None:
        self.now = moment



def file_mode(path: Path) -> int:
    """A file's permission bits, such as 0o600."""
    return stat.S_IMODE(path.stat().st_mode)


def make_program(svc: LoyaltyService, **fields: Any) -> Any:
    data = {"program_name": "Rewards", "program_type": "points", "points_per_dollar": "1"}
    data.update(fields)
    return svc.create_loyalty_program(SHOP, data)


def make_tiers(svc: LoyaltyService, program_id: int) -> list[Any]:
    """Bronze 0-499 x1, Silver 500-1999 x1.5, Gold 2000+ x2."""
    spec = [("Bronze", 1, 0, 499, "1", "1"), ("Silver", 2, 500, 1999, "1.5", "2"), ("Gold", 3, 2000, None, "2", "3")]
    return [svc.create_loyalty_tier(SHOP, program_id, {
        "tier_name": name, "tier_level": level, "min_points_required": lo, "max_points_required": hi,
        "points_multiplier": mult, "birthday_bonus_multiplier": bday}) for name, level, lo, hi, mult, bday in spec]


def enroll(svc: LoyaltyService, program_id: int, name: str = "Ada Lovelace", **fields: Any) -> Any:
    return svc.enroll_loyalty_member(SHOP, program_id, {"customer_name": name, **fields})


def database_state(svc: LoyaltyService) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for asserting that a refused call wrote nothing."""
    engine = svc.db.engine
    state: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in sorted(inspect(engine).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            state[table] = sorted((tuple(r) for r in rows), key=repr)
    return state


def shown(qtbot: Any, widget: Any, size: tuple[int, int] | None = None, *, activate: bool = False) -> Any:
    """Put a widget on screen the way every GUI test needs it: owned by qtbot, sized, exposed."""
    qtbot.addWidget(widget)
    if size:
        widget.resize(*size)
    with qtbot.waitExposed(widget):
        widget.show()
    if activate:
        with qtbot.waitActive(widget):
            widget.activateWindow()
    return widget


class TcpProxy:
    """A loopback TCP relay to a server, that a test can cut and restore: the network going down between
    a register and the shop's database server, and coming back on the same port."""

    def __init__(self, target_host: str, target_port: int) -> None:
        import socket
        import threading

        self._socket, self._threading = socket, threading
        self.target = (target_host, target_port)
        self.port = 0
        self._listener: Any = None
        self._open: list[Any] = []
        self._lock = threading.Lock()

    def start(self) -> TcpProxy:
        listener = self._socket.socket()
        listener.setsockopt(self._socket.SOL_SOCKET, self._socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: Any) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return      # stopped
            try:
                server = self._socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, server]
            for source, sink in ((client, server), (server, client)):
                self._threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: Any, sink: Any) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.close()
                except OSError:
                    pass

    def stop(self) -> None:
        """Refuse new connections and cut every open one, as a dead network does."""
        try:
            self._listener.shutdown(self._socket.SHUT_RDWR)   # wakes the accept(): close() alone does not on Linux
        except OSError:
            pass
        self._listener.close()
        with self._lock:
            opened, self._open = self._open, []
        for end in opened:
            try:
                end.shutdown(self._socket.SHUT_RDWR)
                end.close()
            except OSError:
                pass


class MemoryKeyring(KeyringBackend):
    """A keyring of the test's own, as the OS keyring behaves (a real backend is not on a CI machine)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)

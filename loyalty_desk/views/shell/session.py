"""What every tab and dialog shares: the service, the open shop, and the change signal."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from ...services import LoyaltyService
from .changes import Changes


class ShopSession(QObject):
    """The open shop. Emits `changed` with a `Changes` after any write; each screen (a `Tab`)
    decides from it whether it has anything to reload."""

    changed = Signal(object)
    # A member the counter should open (from the members table, a scan, a duplicate warning).
    openMember = Signal(int)

    def __init__(self, svc: LoyaltyService, user_id: str) -> None:
        super().__init__()
        self.svc = svc
        self.user_id = user_id
        self.currency = self._currency()

    def notify(self, changes: Changes, initiator: object | None = None) -> None:
        """Announce a write: what it changed, and (when given) who made it."""
        self.changed.emit(changes.by(initiator) if initiator is not None else changes)

    def reload_shop(self) -> None:
        """After the shop's settings changed."""
        self.currency = self._currency()

    def _currency(self) -> str:
        try:
            return self.svc.get_shop(self.user_id).currency
        except Exception:  # noqa: BLE001 - a shop known only by its programs has no settings row
            programs = self.svc.get_loyalty_programs(self.user_id)
            return programs[0].currency if programs else "USD"

    def programs(self) -> list[Any]:
        return self.svc.get_loyalty_programs(self.user_id)

    def currency_of(self, program_id: int) -> str:
        """A program's own currency: amounts are checked and shown in it, as the service records them."""
        return next((p.currency for p in self.programs() if p.id == program_id), self.currency)

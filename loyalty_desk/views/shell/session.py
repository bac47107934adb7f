"""What every tab and dialog shares: the service, the open shop, and the change signal."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from ... import shop_server
from ...domain.permissions import Permission, allows
from ...services import LoyaltyService
from ..widgets.formatting import use_shop_formats
from .changes import Changes


class ShopSession(QObject):
    """The open shop. Emits `changed` with a `Changes` after any write; each screen (a `Tab`)
    decides from it whether it has anything to reload."""

    changed = Signal(object)
    # A member the counter should open (from the members table, a scan, a duplicate warning).
    openMember = Signal(int)
    # The person at the keyboard changed: a StaffMember after a sign-in, None when locked.
    personChanged = Signal(object)

    def __init__(self, svc: LoyaltyService, user_id: str) -> None:
        super().__init__()
        self.register_name = shop_server.register_name()
        self.svc = svc
        self.user_id = user_id
        self.currency = "USD"
        self.phone_region = "US"
        self.time_zone: str | None = None
        self.paper_size = "A4"
        self.receipt_footer = ""
        self.shop: Any = None  # the shop's settings (a `Shop`), None for a shop known only by its programs
        self.person: Any = None  # the signed-in StaffMember; None when nobody is (or the shop has no staff)
        self.has_staff = False   # from the first active staff member on, every write names its actor
        # The CSV and JSON exports (dataio.export), handed in by the composition root; None: not installed.
        self.exports: Any = None
        # The mail adapter (messaging.desk, a views.messages.mail.MailTools), handed in the same way.
        self.mail: Any = None
        self.reload_shop()
        self.reload_staff()

    def notify(self, changes: Changes, initiator: object | None = None) -> None:
        """Announce a write: what it changed, and (when given) who made it."""
        if changes.shop:
            self.reload_shop()  # before any screen reloads, so it reloads in the new formats
        if changes.staff:
            self.reload_staff()
        self.changed.emit(changes.by(initiator) if initiator is not None else changes)

    def reload_shop(self) -> None:
        """Read the shop's settings, and make its locale and time zone the app's formats."""
        try:
            shop = self.svc.get_shop(self.user_id)
        except Exception:  # noqa: BLE001 - a shop known only by its programs has no settings row
            programs = self.svc.get_loyalty_programs(self.user_id)
            self.shop = None
            self.currency = programs[0].currency if programs else "USD"
            use_shop_formats(None, None)
            return
        self.shop = shop
        self.currency, self.phone_region, self.time_zone = shop.currency, shop.phone_region, shop.timezone
        self.paper_size, self.receipt_footer = shop.paper_size, shop.receipt_footer
        use_shop_formats(shop.locale, shop.timezone)

    def reload_staff(self) -> None:
        """Whether the shop has staff, and the signed-in person as stored now (a new role or a
        deactivation applies at once: a deactivated person is signed out)."""
        self.has_staff = self.svc.has_staff(self.user_id)
        if self.person is not None:
            current = {s.id: s for s in self.svc.list_staff(self.user_id, actor=self.person.id)} \
                if self.may(Permission.MANAGE_STAFF) else {}
            person = current.get(self.person.id, self.person)
            self.set_person(person if person.active and self.has_staff else None)

    @property
    def svc(self) -> LoyaltyService:
        return self._svc

    @svc.setter
    def svc(self, svc: LoyaltyService) -> None:
        """Every service this window works on (a restore opens a new one) records this register's name."""
        self._svc = svc
        svc.register_name = self.register_name

    def rename_register(self, name: str) -> None:
        """Settings ▸ This register…: kept on this computer, recorded on the rows written from now on."""
        self.svc.register_name = name        # refused (ValidationError) before anything is kept
        shop_server.set_register_name(name)
        self.register_name = shop_server.register_name()
        self.svc.register_name = self.register_name

    def reopen(self, svc: LoyaltyService) -> None:
        """Work on `svc` from now on (a restore put another database in place): every screen
        reads everything again, and whoever was signed in signs in again, against the restored
        staff list."""
        self.svc = svc
        self.person = None
        self.reload_shop()
        self.reload_staff()
        self.set_person(None)
        self.changed.emit(Changes.everything())

    def set_person(self, person: Any) -> None:
        """Who works the till from now on (None: nobody, the app is locked)."""
        self.person = person
        self.personChanged.emit(person)

    @property
    def actor(self) -> int | None:
        """The staff id every write passes as `actor=` (None in a shop without staff)."""
        return self.person.id if self.person is not None else None

    @property
    def locked(self) -> bool:
        """Nobody may use the app: the shop has staff and nobody is signed in."""
        return self.has_staff and self.person is None

    def may(self, permission: Permission) -> bool:
        """Whether the person at the keyboard may do this (anyone may, in a shop without staff)."""
        if not self.has_staff:
            return True
        return self.person is not None and allows(self.person.role, permission)

    def programs(self) -> list[Any]:
        return self.svc.get_loyalty_programs(self.user_id)

    def program_of(self, program_id: int) -> Any:
        """A program by its id (None: not one of the shop's): what its members earn and spend in."""
        return next((p for p in self.programs() if p.id == program_id), None)

    def currency_of(self, program_id: int) -> str:
        """A program's own currency: amounts are checked and shown in it, as the service records them."""
        program = self.program_of(program_id)
        return program.currency if program is not None else self.currency

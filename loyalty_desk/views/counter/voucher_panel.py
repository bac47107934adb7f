"""What a scanned voucher or a replaced card shows at the counter, with the action it allows next."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QWidget

from ...errors import LoyaltyError
from ...services.codes import format_card_number
from ..shell.changes import FULFILMENT
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.workers import report_unexpected, run_call


class VoucherPanel(QFrame):
    """A voucher (RW-…) with its reward, member and status; or "This card was replaced on DATE"."""

    openMember = Signal(int)
    say = Signal(str)

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("voucherPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.redemption: Any = None
        self.member_id: int | None = None
        self.title = build.label("voucherTitle", scale=1.2, bold=True)
        self.details = build.label("voucherDetails", wrap=True)
        self.mark_redeemed = build.button("Mark redeemed", "voucherMarkRedeemed", self._mark_redeemed)
        self.open_member = build.button("Open member", "voucherOpenMember", self._open_member)
        close = build.button("Close", "voucherClose", lambda: self.setVisible(False))
        build.column(self.title, self.details, build.row(self.mark_redeemed, self.open_member, close, None),
                     parent=self)
        self.setVisible(False)

    def show_redemption(self, redemption: Any, allowed_next: frozenset[str] | tuple[str, ...]) -> None:
        self.redemption = redemption
        self.member_id = redemption.member_id
        self.title.setText(f"Voucher {redemption.reward_code_generated}")
        self.details.setText(
            f"{redemption.reward_name} for {redemption.member_name} · {fmt.points(redemption.points_redeemed)} points"
            f" · redeemed {fmt.date_time(redemption.redemption_date)}\n"
            f"Status: {status_text(redemption.fulfillment_status)}")
        self.mark_redeemed.setVisible("redeemed" in allowed_next)
        self.open_member.setVisible(True)
        self.setVisible(True)
        (self.mark_redeemed if self.mark_redeemed.isVisible() else self.open_member).setDefault(True)

    def show_replaced_card(self, member: Any, replaced_on: dt.datetime) -> None:
        self.redemption = None
        self.member_id = member.id
        # The day on this computer's calendar (UTC midnight is another day in much of the world).
        self.title.setText(f"This card was replaced on {fmt.date(replaced_on.astimezone().date())}")
        self.details.setText(f"It belonged to {member.customer_name}, whose card is now "
                             f"{format_card_number(member.card_number)}. The old card no longer works.")
        self.mark_redeemed.setVisible(False)
        self.open_member.setVisible(True)
        self.setVisible(True)

    def reload(self) -> None:
        """After any write, the voucher's status as the database has it."""
        if not self.isVisible() or self.redemption is None:
            return
        try:
            found = self.session.svc.resolve_code(self.session.user_id, self.redemption.reward_code_generated)
        except LoyaltyError:
            return
        if found.kind == "redemption":
            self.show_redemption(found.redemption, found.allowed_next)

    def _open_member(self) -> None:
        if self.member_id is not None:
            self.setVisible(False)
            self.openMember.emit(self.member_id)

    def _mark_redeemed(self) -> None:
        if self.redemption is None:
            return
        svc, user, rid = self.session.svc, self.session.user_id, self.redemption.id
        self.mark_redeemed.setEnabled(False)

        def done(row: Any) -> None:
            self.mark_redeemed.setEnabled(True)
            self.say.emit(f"Voucher {row.reward_code_generated} marked redeemed")
            self.session.notify(FULFILMENT, self)

        def failed(error: BaseException) -> None:
            self.mark_redeemed.setEnabled(True)
            if isinstance(error, LoyaltyError):
                self.say.emit(str(error))
            else:
                report_unexpected(error)

        run_call(lambda: svc.update_redemption_status(user, rid, "redeemed", actor=self.session.actor), done, failed)


def status_text(status: str) -> str:
    return {"pending": "waiting for approval", "approved": "approved: hand the reward over",
            "shipped": "shipped", "delivered": "delivered", "redeemed": "already redeemed",
            "cancelled": "cancelled (points refunded)"}.get(status, status)

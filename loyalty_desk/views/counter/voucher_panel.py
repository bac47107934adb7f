"""What a scanned voucher or a replaced card shows at the counter, with the action it allows next."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QWidget

from ...errors import LoyaltyError
from ...services.codes import format_card_number
from ..i18n import tr
from ..refusals import refusal_words
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
        self.mark_redeemed = build.button(tr("Mark redeemed"), "voucherMarkRedeemed", self._mark_redeemed)
        self.open_member = build.button(tr("Open member"), "voucherOpenMember", self._open_member)
        close = build.button(tr("Close"), "voucherClose", lambda: self.setVisible(False))
        build.column(self.title, self.details, build.row(self.mark_redeemed, self.open_member, close, None),
                     parent=self)
        self.setVisible(False)

    def show_redemption(self, redemption: Any, allowed_next: frozenset[str] | tuple[str, ...]) -> None:
        self.redemption = redemption
        self.member_id = redemption.member_id
        self.title.setText(tr("Voucher {code}").format(code=redemption.reward_code_generated))
        self.details.setText(
            tr("{reward} for {member} · {points} points · redeemed {when}\nStatus: {status}").format(
                reward=redemption.reward_name, member=redemption.member_name,
                points=fmt.points(redemption.points_redeemed), when=fmt.date_time(redemption.redemption_date),
                status=status_text(redemption.fulfillment_status)))
        self.mark_redeemed.setVisible("redeemed" in allowed_next)
        self.open_member.setVisible(True)
        self.setVisible(True)
        (self.mark_redeemed if self.mark_redeemed.isVisible() else self.open_member).setDefault(True)

    def show_replaced_card(self, member: Any, replaced_on: dt.datetime) -> None:
        self.redemption = None
        self.member_id = member.id
        # The day on this computer's calendar (UTC midnight is another day in much of the world).
        day = fmt.date(replaced_on.astimezone().date())
        self.title.setText(tr("This card was replaced on {date}").format(date=day))
        self.details.setText(tr("It belonged to {name}, whose card is now {number}. The old card no longer "
                                "works.").format(name=member.customer_name,
                                                 number=format_card_number(member.card_number)))
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
            self.say.emit(tr("Voucher {code} marked redeemed").format(code=row.reward_code_generated))
            self.session.notify(FULFILMENT, self)

        def failed(error: BaseException) -> None:
            self.mark_redeemed.setEnabled(True)
            if isinstance(error, LoyaltyError):
                self.say.emit(refusal_words(error))
            else:
                report_unexpected(error)

        run_call(lambda: svc.update_redemption_status(user, rid, "redeemed", actor=self.session.actor), done, failed)


def status_text(status: str) -> str:
    return {"pending": tr("waiting for approval"), "approved": tr("approved: hand the reward over"),
            "shipped": tr("shipped"), "delivered": tr("delivered"), "redeemed": tr("already redeemed"),
            "cancelled": tr("cancelled (points refunded)")}.get(status, status)

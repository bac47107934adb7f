"""The counter: one lookup field, the member panel, and the cashier's actions.

It stays above the tabs on every screen. Results appear as the cashier types,
best first; Enter takes the best. A scanned card opens its member at once.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QWidget

from ...domain.permissions import Permission
from ...errors import LoyaltyError
from ...services.codes import format_card_number
from ..documents.documents import CounterSlip, Letterhead, MemberCard, RewardVoucher
from ..documents.printing import DocumentDialog
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.changes import MEMBER_RECORD
from ..shell.session import ShopSession
from ..shell.tab import Tab
from ..staff.roles import who_may
from ..widgets import build, units
from ..widgets import formatting as fmt
from ..widgets.forms import Confirm, error_label
from ..widgets.workers import report_unexpected, run_call, waiting
from . import receipts
from .camera import CameraScanDialog, camera_available
from .counter_dialogs import (
    AdjustDialog,
    CounterDialog,
    EditMemberDialog,
    EnrollDialog,
    PurchaseDialog,
)
from .counter_text import blocked_reason, looks_like_code, no_discount_on_stamps, result_text
from .discount_dialog import DiscountDialog
from .lookup_field import LookupField
from .member_panel import MemberPanel, actions
from .redeem_dialog import RedeemDialog
from .return_dialog import ReturnDialog
from .voucher_panel import VoucherPanel

# What each member button needs of the signed-in person's role (a shop without staff: nothing).
BUTTON_NEEDS = {
    "recordPurchaseButton": Permission.RECORD_PURCHASE, "redeemButton": Permission.REDEEM,
    "usePointsButton": Permission.REDEEM,
    "enrollButton": Permission.ENROLL_MEMBER, "adjustPointsButton": Permission.ADJUST_POINTS,
    "returnButton": Permission.RETURN_PURCHASE, "editMemberButton": Permission.EDIT_MEMBER,
    "suspendButton": Permission.CHANGE_MEMBERSHIP, "replaceCardButton": Permission.REPLACE_CARD,
}
ENROLL_ROLE = -1
CHECK_CODE_ROLE = -2
SEARCH_DELAY_MS = 120


class CounterBar(Tab):
    # The open member (or None): the main window enables what needs a member.
    memberChanged = Signal(object)
    # After a transaction, with the member's summary read after it: the points it earned (> 0) or
    # used (< 0), and whether they are still pending (the customer display shows them).
    pointsMoved = Signal(object, int, bool)

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("counterBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.member: Any = None
        self.summary: Any = None
        self.dialog: CounterDialog | None = None
        self.calling = False  # a suspend or card replacement in flight
        self.document: DocumentDialog | None = None

        self._build_lookup()
        self.panel = self._build_panel()
        self.voucher_panel = self._build_voucher_panel()
        self.camera_button = build.button(tr("Scan with camera"), "cameraScanButton", self.scan_with_camera,
                                          tooltip=tr("Read a member card's QR code with the webcam"))
        self.camera_button.setVisible(camera_available())
        build.column(build.row((self.lookup, 1), self.camera_button), self.lookup_error, self.voucher_panel,
                     self.panel, parent=self).setContentsMargins(8, 8, 8, 8)
        session.openMember.connect(self.open_member)
        session.personChanged.connect(self._person_changed)
        self._show_member(None)
        self._person_changed(session.person)

    def _person_changed(self, person: Any) -> None:
        """A new person at the till: what their role may not do is greyed out, and nobody's
        member stays open for the next person."""
        self.panel.denied = {name: who_may(permission) for name, permission in BUTTON_NEEDS.items()
                             if not self.session.may(permission)}
        for name, _text, tip in actions():
            if name not in self.panel.denied:
                self.panel.buttons[name].setToolTip(tip)
        if person is None and self.session.locked:
            self._show_member(None)
        else:
            self.panel.show_summary(self.summary)

    def _build_lookup(self) -> None:
        """The lookup field, its error line, and the results that float over the member panel (so a
        search never pushes the window's layout)."""
        self.lookup = LookupField()
        self.lookup_error = error_label("counterLookupError")
        self.results = QListWidget(self)
        self.results.setObjectName("counterResults")
        self.results.setVisible(False)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setFrameShape(QFrame.Shape.Box)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self._search)
        self.lookup.textEdited.connect(lambda _text: self._search_timer.start(SEARCH_DELAY_MS))
        self.lookup.returnPressed.connect(self.pick_best)
        self.lookup.moved.connect(self._move_selection)
        self.lookup.left.connect(self.hide_results)
        self.lookup.textChanged.connect(lambda text: None if text.strip() else self.hide_results())

    def _build_panel(self) -> MemberPanel:
        panel = MemberPanel({
            "recordPurchaseButton": self.record_purchase, "redeemButton": self.redeem,
            "usePointsButton": self.use_points,
            "enrollButton": lambda: self.enroll(), "adjustPointsButton": self.adjust,
            "returnButton": self.reverse, "editMemberButton": self.edit, "suspendButton": self.toggle_suspended,
            "printCardButton": self.print_card, "printSlipButton": self.print_slip,
            "replaceCardButton": self.replace_card})
        # The counter's own outputs, named here because the counter speaks through them.
        self.result_label = panel.result_label
        self.buttons = panel.buttons
        self.last_receipt: receipts.Receipt | None = None
        return panel

    def _build_voucher_panel(self) -> VoucherPanel:
        panel = VoucherPanel(self.session)
        panel.openMember.connect(self.open_member)
        panel.say.connect(self.say)
        return panel

    def _show_member(self, summary: Any) -> None:
        self.summary = summary
        self.member = summary.member if summary else None
        self.panel.show_summary(summary)
        self.memberChanged.emit(self.member)

    def say(self, text: str) -> None:
        """The counter's one-line answer to the cashier's last action."""
        self.result_label.setText(text)

    def need_member(self) -> None:
        """A shortcut that needs a member, pressed with none open."""
        self.say(tr("Find a member first (Ctrl+F)"))
        self.focus_lookup()

    # --- lookup ------------------------------------------------------------

    def _programs(self) -> dict[int, str]:
        return {p.id: p.program_name for p in self.session.programs()}

    def _search(self) -> list[Any]:
        text = self.lookup.text().strip()
        self.lookup_error.setVisible(False)
        self.results.clear()
        if not text:
            self.results.setVisible(False)
            return []
        try:
            found = self.session.svc.find_members(self.session.user_id, text, limit=8)
        except LoyaltyError as error:
            self.lookup_error.setText(refusal_words(error))
            self.lookup_error.setVisible(True)
            self.results.setVisible(False)
            return []
        programs = self._programs() if len(found) > 0 else {}
        for member in found:
            item = QListWidgetItem(result_text(member, programs.get(member.program_id, "")))
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.results.addItem(item)
        if not found and looks_like_code(text):
            # A card or voucher code is never a new member's name: Enter checks what it is.
            item = QListWidgetItem(tr("No member has this card. Press Enter to check the code"))
            item.setData(Qt.ItemDataRole.UserRole, CHECK_CODE_ROLE)
            self.results.addItem(item)
        elif not found:
            item = QListWidgetItem(tr("No member found. Enroll new member “{text}”…").format(text=text))
            item.setData(Qt.ItemDataRole.UserRole, ENROLL_ROLE)
            self.results.addItem(item)
        self.results.setCurrentRow(0)
        self._place_results()
        self.results.setVisible(True)
        self.results.raise_()
        return found

    def _place_results(self) -> None:
        """Under the lookup field, over whatever is below it."""
        top_left = self.lookup.mapTo(self, self.lookup.rect().bottomLeft())
        rows = max(1, self.results.count())
        height = min(rows, 8) * max(self.results.sizeHintForRow(0), 22) + 2 * self.results.frameWidth() + 2
        self.results.setGeometry(top_left.x(), top_left.y() + 2, self.lookup.width(), height)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.results.isVisible():
            self._place_results()

    def _move_selection(self, step: int) -> None:
        if self.results.count():
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, self.results.currentRow() + step)))

    def hide_results(self) -> None:
        self.results.setVisible(False)

    def pick_best(self) -> None:
        """Enter in the lookup: a typed voucher or card code acts as a scan; else take the highlighted result."""
        self._search_timer.stop()
        text = self.lookup.text().strip()
        if looks_like_code(text):
            message = self._open_code(text)
            if not message:
                return  # a card or voucher of this shop
            if not self._search():  # a phone shaped like a card is still found; else say what the code is
                self.hide_results()
                self._lookup_says(message)
                return
        elif not self.results.isVisible() or self.results.count() == 0:
            self._search()
        item = self.results.currentItem()
        if item is not None:
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        member_id = item.data(Qt.ItemDataRole.UserRole)
        if member_id == CHECK_CODE_ROLE:
            self.handle_scan(self.lookup.text().strip())
            return
        if member_id == ENROLL_ROLE:
            self.enroll(self.lookup.text())
            return
        self.open_member(member_id)

    def handle_scan(self, code: str) -> None:
        """A scanned (or typed) code: a card opens its member, a reward code its redemption."""
        message = self._open_code(code)
        if message:
            self._lookup_says(message)

    def _open_code(self, code: str) -> str:
        """Act on a code; returns "" when it was one of this shop's, else what to say about it."""
        self._search_timer.stop()
        self.hide_results()
        self.lookup_error.setVisible(False)
        self.voucher_panel.setVisible(False)
        try:
            found = self.session.svc.resolve_code(self.session.user_id, code)
        except LoyaltyError as error:
            return refusal_words(error)
        if found.kind == "member" and found.member is not None:
            self.open_member(found.member.id)
        elif found.kind == "redemption" and found.redemption is not None:
            self.lookup.clear()
            self.voucher_panel.show_redemption(found.redemption, found.allowed_next)
        elif found.kind == "replaced_card" and found.member is not None and found.replaced_on is not None:
            self.lookup.clear()
            self.voucher_panel.show_replaced_card(found.member, found.replaced_on)
        else:
            if found.message:
                return refusal_words(found.message)
            return tr("“{code}” is not a card or voucher of this shop").format(code=code)
        return ""

    def _lookup_says(self, text: str) -> None:
        self.lookup_error.setText(text)
        self.lookup_error.setVisible(True)

    def open_member(self, member_id: int) -> None:
        try:
            summary = self.session.svc.get_member_summary(self.session.user_id, member_id)
        except LoyaltyError as error:
            self._lookup_says(refusal_words(error))
            return
        self.hide_results()
        self.voucher_panel.setVisible(False)
        self.lookup.clear()
        self.result_label.clear()
        if self.member is None or self.member.id != member_id:
            self.last_receipt = None
        self._show_member(summary)

    def refresh(self) -> None:
        super().refresh()
        if self.member is not None:
            try:
                self._show_member(self.session.svc.get_member_summary(self.session.user_id, self.member.id))
            except LoyaltyError:
                self._show_member(None)
        self.voucher_panel.reload()

    def focus_lookup(self) -> None:
        self.lookup.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.lookup.selectAll()

    # --- actions -----------------------------------------------------------

    def _open(self, dialog: CounterDialog) -> CounterDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._back_to_counter())
        dialog.open()
        return dialog

    def _back_to_counter(self) -> None:
        """After a dialog, the keys go to the counter again (without a window manager, nobody else
        gives the main window its activation back, and its shortcuts would stay silent)."""
        self.window().activateWindow()
        self.lookup.setFocus()

    def _can_act(self) -> bool:
        if self.member is None:
            self.need_member()
            return False
        return True

    def _can_earn_or_redeem(self) -> bool:
        if not self._can_act():
            return False
        reason = blocked_reason(self.member, self.summary.program)
        if reason is not None:
            self.say(reason)
            return False
        return True

    def _member_dialog(self, make: Callable[[ShopSession, Any, QWidget], CounterDialog],
                       after: Callable[[Any], None] | None = None, *, earns: bool = False) -> CounterDialog | None:
        """A dialog about the open member; none without one, or when they may not earn or redeem now."""
        if not (self._can_earn_or_redeem() if earns else self._can_act()):
            return None
        dialog = make(self.session, self.member, self)
        if after is not None:
            dialog.done_with.connect(after)
        return self._open(dialog)

    def record_purchase(self) -> CounterDialog | None:
        return self._member_dialog(PurchaseDialog, self._after_purchase, earns=True)

    def redeem(self) -> CounterDialog | None:
        dialog = self._member_dialog(RedeemDialog, self._after_redemption, earns=True)
        if isinstance(dialog, RedeemDialog):
            dialog.voucherRequested.connect(self.print_voucher)
            dialog.voucherScanned.connect(self.handle_scan)
        return dialog

    def use_points(self) -> CounterDialog | None:
        if self.member is not None and units.is_stamps(self._program()):
            self.say(no_discount_on_stamps())
            return None
        return self._member_dialog(DiscountDialog, self._after_discount, earns=True)

    def enroll(self, prefill: str = "") -> CounterDialog:
        dialog = EnrollDialog(self.session, prefill, self)
        dialog.done_with.connect(self._after_enroll)
        return self._open(dialog)

    def _after_enroll(self, member: Any) -> None:
        self.open_member(member.id)
        self.say(tr("Welcome, {name}! Print the card now (Ctrl+P)").format(name=member.customer_name))

    def adjust(self) -> CounterDialog | None:
        return self._member_dialog(AdjustDialog, self._after_adjustment)

    def reverse(self) -> CounterDialog | None:
        return self._member_dialog(ReturnDialog, self._after_return)

    def edit(self) -> CounterDialog | None:
        return self._member_dialog(EditMemberDialog)

    def toggle_suspended(self) -> None:
        if not self._can_act():
            return
        active = self.member.membership_status == "active"
        name = self.member.customer_name
        title, question = ((tr("Suspend membership"), tr("Suspend {name}'s membership?")) if active else
                           (tr("Reactivate membership"), tr("Reactivate {name}'s membership?")))
        if not Confirm.ask(self, title, question.format(name=name)):
            return
        svc, user, member_id = self.session.svc, self.session.user_id, self.member.id
        status = "suspended" if active else "active"
        def done(_member: Any) -> None:
            self.say("")
            self.session.notify(MEMBER_RECORD, self)

        self._start(lambda: svc.update_loyalty_member(user, member_id, {"membership_status": status},
                                                      actor=self.session.actor), done)

    def _start(self, call: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """A counter call of its own (suspend, replace card), one at a time: a second click waits."""
        if self.calling:
            self.say(tr("Still saving the last change…"))
            return
        self.calling = True
        for name in ("suspendButton", "replaceCardButton"):
            self.buttons[name].setEnabled(False)
        self.say(tr("Saving…"))

        def saved(result: Any) -> None:
            self.calling = False
            done(result)  # it announces the change, whose refresh sets the buttons again

        def failed(error: BaseException) -> None:
            self.calling = False
            self.refresh()  # buttons as the member's state says
            self._call_failed(error)

        run_call(call, saved, failed, on_waiting=lambda: self.say(waiting()))

    def _call_failed(self, error: BaseException) -> None:
        if isinstance(error, LoyaltyError):
            self.say(refusal_words(error))
        else:
            report_unexpected(error)

    # --- after an action: the database's figures ----------------------------

    # The dialogs announce their change before done_with, so the summary below is already the
    # database's (refresh() ran): the handlers read it, they do not fetch it again.

    def _remember(self, receipt: receipts.Receipt) -> None:
        """The slip of the last transaction, with the balance as read after it."""
        lines = list(receipt.lines)
        if self.summary is not None:
            lines += receipts.balance_lines(self.summary)
        self.last_receipt = receipts.Receipt(receipt.kind, receipt.when, lines)

    def _moved(self, points: int, pending: bool = False) -> None:
        if self.summary is not None:
            self.pointsMoved.emit(self.summary, points, pending)

    def _currency(self) -> str:
        return self.summary.program.currency if self.summary is not None else self.session.currency

    def _program(self) -> Any:
        """The open member's program, whose unit (points or stamps) the words name."""
        return self.summary.program if self.summary is not None else None

    def _after_purchase(self, outcome: Any) -> None:
        tx = outcome.transaction
        balance = self.member.current_points if self.member else tx.points_balance_after
        self.say(receipts.sale_message(tx, outcome.replayed, self._currency(), balance, self._program()))
        self._remember(receipts.sale(tx, self._currency(), self._program(), outcome.promotion_name))
        pending = tx.status == "pending"
        self._moved(0 if outcome.replayed else (tx.pending_points or 0) if pending else tx.points_amount, pending)

    def _after_return(self, done: Any) -> None:
        tx, order_ref = done
        balance = self.member.current_points if self.member else tx.points_balance_after
        self.say(receipts.giving_back_message(tx, order_ref, self._currency(), balance, self._program()))
        self._remember(receipts.giving_back(tx, order_ref, self._currency(), self._program()))
        self._moved(tx.points_amount)

    def _after_adjustment(self, tx: Any) -> None:
        balance = self.member.current_points if self.member else tx.points_balance_after
        self.say(tr("{change} · balance {balance}").format(change=units.signed_count(self._program(), tx.points_amount),
                                                         balance=units.balance(self._program(), balance)))
        self._remember(receipts.adjustment(tx, self._program()))
        self._moved(tx.points_amount)

    def _after_discount(self, taken: Any) -> None:
        balance = self.member.current_points if self.member else taken.transaction.points_balance_after
        self.say(receipts.discount_message(taken, balance, self._program()))
        self._remember(receipts.discount(taken, self._program()))
        self._moved(0 if taken.replayed else -taken.points)

    def _after_redemption(self, redemption: Any) -> None:
        balance = self.member.current_points if self.member else 0
        self.say(tr("{reward}: {change} · balance {balance} · code {code}").format(
            reward=redemption.reward_name, change=units.signed_count(self._program(), -redemption.points_redeemed),
            balance=units.balance(self._program(), balance), code=redemption.reward_code_generated))
        self._remember(receipts.redemption(redemption, self._program()))
        self._moved(-redemption.points_redeemed)

    # --- cards, slips, vouchers -------------------------------------------

    def _letterhead(self) -> Letterhead:
        return Letterhead.of(self.session.shop, self.session.user_id)

    def print_card(self) -> DocumentDialog | None:
        if self.summary is None:
            self.need_member()
            return None
        card = MemberCard.of(self._letterhead(), self.summary.program, self.summary.member,
                             stamp_card_size=self.summary.stamp_card_size)
        return self._show_document(DocumentDialog(card, f"card-{self.summary.member.card_number}", self))

    def print_slip(self) -> DocumentDialog | None:
        if self.summary is None or self.last_receipt is None:
            self.say(tr("No sale, return or redemption to print a slip for yet"))
            return None
        r = self.last_receipt
        lines = list(r.lines)
        member = self.summary.member
        if self.summary.program.referral_enabled and member.referral_code:
            lines.append((tr("Referral code"), member.referral_code))   # a friend enrolls with it
        slip = CounterSlip(self._letterhead(), member.customer_name, lines, r.when, r.kind,
                           footer=self.session.receipt_footer)
        return self._show_document(DocumentDialog(slip, "slip", self))

    def print_voucher(self, redemption: Any) -> DocumentDialog:
        reward = self.session.svc.get_loyalty_reward(self.session.user_id, redemption.reward_id)
        terms = reward.description or ""
        if reward.end_date:
            terms = (terms + "\n" + tr("Valid until {date}.").format(date=fmt.date(reward.end_date))).strip()
        voucher = RewardVoucher(self._letterhead(), redemption.reward_name or tr("Reward"),
                                redemption.reward_code_generated, redemption.member_name or "",
                                redemption.redemption_date, redemption.points_redeemed, terms)
        return self._show_document(DocumentDialog(voucher, f"voucher-{redemption.reward_code_generated}", self))

    def _show_document(self, dialog: DocumentDialog) -> DocumentDialog:
        self.document = dialog
        dialog.open()
        return dialog

    def export_data(self) -> None:
        """Member ▸ Export member data…: everything held about the open member, as JSON."""
        from ..members.member_data import save_member_data

        if self._can_act():
            self.say(save_member_data(self, self.session, self.member))

    def erase(self) -> CounterDialog | None:
        """Member ▸ Erase member…: the person's data goes; the counter then shows nobody."""
        from ..members.member_data import EraseDialog

        if not self._can_act():
            return None
        dialog = EraseDialog(self.session, self.member, self)
        dialog.done_with.connect(lambda _member: self._erased())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _erased(self) -> None:
        self._show_member(None)
        self.say(tr("Erased: the person's data is gone, and the card no longer works"))

    def replace_card(self) -> None:
        if not self._can_act():
            return
        if not Confirm.ask(self, tr("Replace card"), tr("Issue a new card number for {name}? The old card stops "
                                                        "working at once.").format(name=self.member.customer_name)):
            return
        svc, user, member_id = self.session.svc, self.session.user_id, self.member.id

        def done(member: Any) -> None:
            self.session.notify(MEMBER_RECORD, self)
            number = format_card_number(member.card_number)
            self.say(tr("New card {number}: print it now (Ctrl+P)").format(number=number))

        self._start(lambda: svc.replace_member_card(user, member_id, actor=self.session.actor), done)

    def scan_with_camera(self) -> None:
        dialog = CameraScanDialog(self)
        dialog.scanned.connect(self.handle_scan)
        dialog.open()

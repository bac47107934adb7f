"""The counter: one lookup field, the member panel, and the cashier's actions.

It stays above the tabs on every screen. Results appear as the cashier types,
best first; Enter takes the best. A scanned card opens its member at once.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..errors import LoyaltyError
from ..services.codes import format_card_number
from . import formatting as fmt
from .counter_dialogs import (
    AdjustDialog,
    CounterDialog,
    EditMemberDialog,
    EnrollDialog,
    PurchaseDialog,
    RedeemDialog,
    ReturnDialog,
)
from .camera import CameraScanDialog, camera_available
from .documents import CounterSlip, MemberCard, RewardVoucher
from .forms import Confirm, error_label
from .printing import DocumentDialog
from .session import ShopSession
from .theme import accent

ENROLL_ROLE = -1
SEARCH_DELAY_MS = 120


class LookupField(QLineEdit):
    """The lookup line: arrow keys move through the results without leaving the field."""

    moved = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.moved.emit(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)


class CounterBar(QFrame):
    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("counterBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.member: Any = None
        self.summary: Any = None
        self.dialog: CounterDialog | None = None
        self.document: DocumentDialog | None = None

        self.lookup = LookupField()
        self.lookup.setObjectName("counterLookup")
        self.lookup.setPlaceholderText("Scan a card, or type a phone, email, name or card number  (Ctrl+F)")
        self.lookup.setClearButtonEnabled(True)
        self.lookup.setAccessibleName("Member lookup")
        big = QFont(self.lookup.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.lookup.setFont(big)
        self.lookup_error = error_label("counterLookupError")
        self.results = QListWidget()
        self.results.setObjectName("counterResults")
        self.results.setVisible(False)
        self.results.setMaximumHeight(150)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self._search)
        self.lookup.textEdited.connect(lambda _text: self._search_timer.start(SEARCH_DELAY_MS))
        self.lookup.returnPressed.connect(self.pick_best)
        self.lookup.moved.connect(self._move_selection)

        self.panel = self._build_panel()
        self.camera_button = QPushButton("Scan with camera")
        self.camera_button.setObjectName("cameraScanButton")
        self.camera_button.setToolTip("Read a member card's QR code with the webcam")
        self.camera_button.clicked.connect(self.scan_with_camera)
        self.camera_button.setVisible(camera_available())
        lookup_row = QHBoxLayout()
        lookup_row.addWidget(self.lookup, 1)
        lookup_row.addWidget(self.camera_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(lookup_row)
        layout.addWidget(self.lookup_error)
        layout.addWidget(self.results)
        layout.addWidget(self.panel)
        session.openMember.connect(self.open_member)
        session.changed.connect(self.reload)
        self._show_member(None)

    # --- the panel ---------------------------------------------------------

    def _build_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("memberPanel")
        grid = QGridLayout(panel)
        grid.setContentsMargins(4, 4, 4, 4)
        self.name_label = QLabel()
        self.name_label.setObjectName("memberName")
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.tier_label = QLabel()
        self.tier_label.setObjectName("memberTier")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("memberTierProgress")
        self.card_label = QLabel()
        self.card_label.setObjectName("memberCard")
        self.card_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.balance_label = QLabel()
        self.balance_label.setObjectName("memberBalance")
        balance_font = QFont(self.balance_label.font())
        balance_font.setPointSizeF(balance_font.pointSizeF() * 1.8)
        balance_font.setBold(True)
        self.balance_label.setFont(balance_font)
        self.pending_label = QLabel()
        self.pending_label.setObjectName("memberPending")
        self.expiring_label = QLabel()
        self.expiring_label.setObjectName("memberExpiring")
        self.visit_label = QLabel()
        self.visit_label.setObjectName("memberLastVisit")
        self.rewards_label = QLabel()
        self.rewards_label.setObjectName("memberRewards")
        self.rewards_label.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setObjectName("counterResult")
        result_font = QFont(self.result_label.font())
        result_font.setBold(True)
        self.result_label.setFont(result_font)

        who = QVBoxLayout()
        for widget in (self.name_label, self.tier_label, self.progress_label, self.card_label, self.visit_label):
            who.addWidget(widget)
        points = QVBoxLayout()
        for widget in (self.balance_label, self.pending_label, self.expiring_label, self.result_label):
            points.addWidget(widget)
        rewards = QVBoxLayout()
        caption = QLabel("Can redeem now")
        caption.setStyleSheet(f"color: {accent('muted').name()};")
        rewards.addWidget(caption)
        rewards.addWidget(self.rewards_label)
        rewards.addStretch(1)
        grid.addLayout(who, 0, 0)
        grid.addLayout(points, 0, 1)
        grid.addLayout(rewards, 0, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, tip, slot in (
            ("recordPurchaseButton", "Record purchase", "Record a purchase (F2)", self.record_purchase),
            ("redeemButton", "Redeem reward", "Redeem a reward (F3)", self.redeem),
            ("enrollButton", "Enroll member", "Enroll a new member (F4)", lambda: self.enroll()),
            ("adjustPointsButton", "Adjust points", "Add or take points, with a reason (Ctrl+J)", self.adjust),
            ("returnButton", "Return", "Take back the points of a returned purchase (Ctrl+R)", self.reverse),
            ("editMemberButton", "Edit", "Edit the member's details (Ctrl+E)", self.edit),
            ("suspendButton", "Suspend", "Suspend or reactivate the membership", self.toggle_suspended),
            ("printCardButton", "Print card", "Print the member's card, or save it as PDF or PNG (Ctrl+P)",
             self.print_card),
            ("printSlipButton", "Slip", "Print a counter slip of the last sale or redemption (Ctrl+Shift+P)",
             self.print_slip),
            ("replaceCardButton", "Replace card", "A lost card: issue a new number; the old card stops working",
             self.replace_card),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        grid.addLayout(row, 1, 0, 1, 3)
        self.last_receipt: list[tuple[str, str]] = []
        return panel

    def _show_member(self, summary: Any) -> None:
        self.summary = summary
        self.member = summary.member if summary else None
        member_buttons = [n for n in self.buttons if n != "enrollButton"]
        for name in member_buttons:
            self.buttons[name].setEnabled(summary is not None)
        if summary is None:
            self.name_label.setText("No member open")
            for label in (self.tier_label, self.progress_label, self.card_label, self.balance_label,
                          self.pending_label, self.expiring_label, self.visit_label, self.rewards_label):
                label.clear()
            return
        m = summary.member
        status = "" if m.membership_status == "active" else f"  ({m.membership_status})"
        self.name_label.setText(m.customer_name + status)
        self.tier_label.setText(summary.tier_name or ("No tier" if summary.program.tier_system_enabled else
                                                      summary.program.program_name))
        self.tier_label.setStyleSheet(f"color: {accent('gold').name()}; font-weight: bold;")
        if summary.next_tier_name:
            self.progress_label.setText(f"{fmt.points(summary.points_to_next_tier)} points to "
                                        f"{summary.next_tier_name}")
        else:
            self.progress_label.setText("Top tier" if summary.tier_name else "")
        self.card_label.setText(f"Card {format_card_number(m.card_number)}")
        self.balance_label.setText(f"{fmt.points(m.current_points)} points")
        self.pending_label.setText(f"+{fmt.points(summary.pending_points)} pending" if summary.pending_points else "")
        if summary.expiring_points:
            self.expiring_label.setText(f"{fmt.points(summary.expiring_points)} expire from "
                                        f"{fmt.date(summary.expiring_on)}")
            self.expiring_label.setStyleSheet(f"color: {accent('bad').name()};")
        else:
            self.expiring_label.clear()
        self.visit_label.setText(f"Last visit {fmt.date_time(m.last_activity_date)}" if m.last_activity_date else "")
        names = [f"{r.reward_name} ({fmt.points(r.points_cost)})" for r in summary.affordable_rewards[:6]]
        self.rewards_label.setText("\n".join(names) or "Nothing yet")
        self.buttons["suspendButton"].setText("Reactivate" if m.membership_status != "active" else "Suspend")

    # --- lookup ------------------------------------------------------------

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
            self.lookup_error.setText(str(error))
            self.lookup_error.setVisible(True)
            self.results.setVisible(False)
            return []
        for member in found:
            tier = f" · {member.tier_name}" if member.tier_name else ""
            item = QListWidgetItem(f"{member.customer_name}{tier} · {format_card_number(member.card_number)}"
                                   f" · {fmt.points(member.current_points)} pts")
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.results.addItem(item)
        if not found:
            item = QListWidgetItem(f"No member found. Enroll new member “{text}”…")
            item.setData(Qt.ItemDataRole.UserRole, ENROLL_ROLE)
            self.results.addItem(item)
        self.results.setCurrentRow(0)
        self.results.setVisible(True)
        return found

    def _move_selection(self, step: int) -> None:
        if self.results.count():
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, self.results.currentRow() + step)))

    def pick_best(self) -> None:
        """Enter in the lookup: take the highlighted result (the best, unless the cashier moved)."""
        self._search_timer.stop()
        if not self.results.isVisible() or self.results.count() == 0:
            self._search()
        item = self.results.currentItem()
        if item is not None:
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        member_id = item.data(Qt.ItemDataRole.UserRole)
        if member_id == ENROLL_ROLE:
            self.enroll(self.lookup.text())
            return
        self.open_member(member_id)

    def handle_scan(self, code: str) -> None:
        """A scanned card: look it up and open the member, whatever had focus."""
        self.lookup.setText(code)
        found = self._search()
        if len(found) >= 1 and self.lookup_error.isHidden():
            self.open_member(found[0].id)

    def open_member(self, member_id: int) -> None:
        try:
            summary = self.session.svc.get_member_summary(self.session.user_id, member_id)
        except LoyaltyError as error:
            self.lookup_error.setText(str(error))
            self.lookup_error.setVisible(True)
            return
        self.results.setVisible(False)
        self.lookup.clear()
        self.result_label.clear()
        self._show_member(summary)

    def reload(self) -> None:
        if self.member is not None:
            try:
                self._show_member(self.session.svc.get_member_summary(self.session.user_id, self.member.id))
            except LoyaltyError:
                self._show_member(None)

    def focus_lookup(self) -> None:
        self.lookup.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.lookup.selectAll()

    # --- actions -----------------------------------------------------------

    def _open(self, dialog: CounterDialog) -> CounterDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self.lookup.setFocus())
        dialog.open()
        return dialog

    def record_purchase(self) -> CounterDialog | None:
        if self.member is None:
            return None
        dialog = PurchaseDialog(self.session, self.member, self)
        dialog.done_with.connect(lambda tx: self._after_points(tx, "Purchase"))
        return self._open(dialog)

    def redeem(self) -> CounterDialog | None:
        if self.member is None:
            return None
        dialog = RedeemDialog(self.session, self.member, self)
        dialog.voucherRequested.connect(self.print_voucher)
        dialog.done_with.connect(self._after_redemption)
        return self._open(dialog)

    def _after_redemption(self, redemption: Any) -> None:
        self.reload()
        self.last_receipt = [("Redeemed", redemption.reward_name or ""), ("Points used",
                             fmt.signed_points(-redemption.points_redeemed)),
                             ("Code", redemption.reward_code_generated),
                             ("New balance", fmt.points(self.member.current_points if self.member else 0))]

    def enroll(self, prefill: str = "") -> CounterDialog:
        dialog = EnrollDialog(self.session, prefill, self)
        dialog.done_with.connect(self._after_enroll)
        return self._open(dialog)

    def _after_enroll(self, member: Any) -> None:
        self.open_member(member.id)
        self.result_label.setText(f"Welcome, {member.customer_name}! Print the card now (Ctrl+P)")

    def adjust(self) -> CounterDialog | None:
        if self.member is None:
            return None
        dialog = AdjustDialog(self.session, self.member, self)
        dialog.done_with.connect(lambda tx: self._after_points(tx, "Adjustment"))
        return self._open(dialog)

    def reverse(self) -> CounterDialog | None:
        if self.member is None:
            return None
        dialog = ReturnDialog(self.session, self.member, self)
        dialog.done_with.connect(lambda tx: self._after_points(tx, "Return"))
        return self._open(dialog)

    def edit(self) -> CounterDialog | None:
        if self.member is None:
            return None
        return self._open(EditMemberDialog(self.session, self.member, self))

    def toggle_suspended(self) -> None:
        if self.member is None:
            return
        active = self.member.membership_status == "active"
        verb = "Suspend" if active else "Reactivate"
        if not Confirm.ask(self, f"{verb} membership", f"{verb} {self.member.customer_name}'s membership?"):
            return
        try:
            self.session.svc.update_loyalty_member(self.session.user_id, self.member.id,
                                                   {"membership_status": "suspended" if active else "active"})
        except LoyaltyError as error:
            self.result_label.setText(str(error))
            return
        self.session.changed.emit()

    # --- cards, slips, vouchers -------------------------------------------

    def _shop_name(self) -> str:
        try:
            return self.session.svc.get_shop(self.session.user_id).shop_name
        except LoyaltyError:
            return self.session.user_id

    def print_card(self) -> DocumentDialog | None:
        if self.summary is None:
            return None
        card = MemberCard.of(self._shop_name(), self.summary.program, self.summary.member)
        return self._show_document(DocumentDialog(card, f"card-{self.summary.member.card_number}", self))

    def print_slip(self) -> DocumentDialog | None:
        if self.summary is None or not self.last_receipt:
            self.result_label.setText("No sale or redemption to print a slip for yet")
            return None
        slip = CounterSlip(self._shop_name(), self.summary.member.customer_name, list(self.last_receipt))
        return self._show_document(DocumentDialog(slip, "slip", self))

    def print_voucher(self, redemption: Any) -> DocumentDialog:
        reward = next((r for r, _why in self.session.svc.reward_eligibility(self.session.user_id, redemption.member_id)
                       if r.id == redemption.reward_id), None)
        terms = (reward.description if reward else "") or ""
        if reward and reward.end_date:
            terms = f"{terms}\nValid until {fmt.date(reward.end_date)}.".strip()
        voucher = RewardVoucher(self._shop_name(), redemption.reward_name or "Reward",
                                redemption.reward_code_generated, redemption.member_name or "",
                                redemption.redemption_date, redemption.points_redeemed, terms)
        return self._show_document(DocumentDialog(voucher, f"voucher-{redemption.reward_code_generated}", self))

    def _show_document(self, dialog: DocumentDialog) -> DocumentDialog:
        self.document = dialog
        dialog.open()
        return dialog

    def replace_card(self) -> None:
        if self.member is None:
            return
        if not Confirm.ask(self, "Replace card", f"Issue a new card number for {self.member.customer_name}? "
                                                 "The old card stops working at once."):
            return
        try:
            member = self.session.svc.replace_member_card(self.session.user_id, self.member.id)
        except LoyaltyError as error:
            self.result_label.setText(str(error))
            return
        self.session.changed.emit()
        self.result_label.setText(f"New card {format_card_number(member.card_number)}: print it now (Ctrl+P)")

    def scan_with_camera(self) -> None:
        dialog = CameraScanDialog(self)
        dialog.scanned.connect(self.handle_scan)
        dialog.open()

    def _receipt(self, tx: Any) -> None:
        """What a slip shows: points moved, the balance, the next reward, what expires soon."""
        s = self.summary
        if s is None:
            return
        lines = [("Points" if tx.points_amount >= 0 else "Points used", fmt.signed_points(tx.points_amount))]
        if tx.status == "pending":
            lines = [("Points pending", fmt.points(tx.pending_points))]
        lines.append(("New balance", fmt.points(s.member.current_points)))
        dearer = [r for r in self.session.svc.get_loyalty_rewards(self.session.user_id, s.member.program_id)
                  if r.active and r.points_cost > s.member.current_points]
        if dearer:
            cheapest = min(dearer, key=lambda r: r.points_cost)
            lines.append((f"To {cheapest.reward_name}", f"{fmt.points(cheapest.points_cost - s.member.current_points)}"
                                                        " points"))
        if s.expiring_points:
            lines.append(("Expiring soon", f"{fmt.points(s.expiring_points)} from {fmt.date(s.expiring_on)}"))
        self.last_receipt = lines

    def _after_points(self, tx: Any, what: str) -> None:
        self.reload()
        balance = self.member.current_points if self.member else tx.points_balance_after
        if tx.status == "pending":
            self.result_label.setText(f"{what}: {fmt.points(tx.pending_points)} points pending · balance "
                                      f"{fmt.points(balance)}")
        else:
            self.result_label.setText(f"{fmt.signed_points(tx.points_amount)} points · balance {fmt.points(balance)}")
        self._receipt(tx)

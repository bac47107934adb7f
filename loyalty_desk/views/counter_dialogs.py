"""The counter's dialogs: purchase (F2), redeem (F3), enroll (F4), adjust, return, edit.

Each is opened with open() by the counter; the work is one service call, and
every refusal is shown next to the field it concerns.
"""
from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import DatabaseBusy, DuplicateMember, LoyaltyError, ValidationError
from ..services.codes import looks_like_card_number
from ..services.contacts import normalize_email, normalize_phone
from . import formatting as fmt
from .amount_field import AmountField
from .formatting import canonical_amount
from .forms import FieldErrors, error_label
from .session import ShopSession
from .theme import accent
from .workers import Job, report_unexpected, run_call


def new_order_ref() -> str:
    """A unique reference for a sale typed without one; made once per dialog, so a double
    confirmation replays instead of recording the sale twice."""
    return f"POS-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(5).upper()}"


class CounterDialog(QDialog):
    """A form with OK/Cancel, a general error line, and errors next to fields.

    `prepare()` checks the form on the GUI thread and returns the service call to make; the
    call runs in a worker, so the window keeps painting while another register holds the
    database. After 300 ms the dialog says it is waiting; when the service's time limit runs
    out it offers Retry, which makes the very same call again (an order reference made once
    per dialog keeps a retried sale exactly-once).
    """

    done_with = Signal(object)

    def __init__(self, session: ShopSession, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.general = error_label(f"{name}Error")
        self.errors = FieldErrors(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.retry_button = self.buttons.addButton("Retry", QDialogButtonBox.ButtonRole.ActionRole)
        self.retry_button.setObjectName(f"{name}Retry")
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self._retry)
        self.wait_label = QLabel()
        self.wait_label.setObjectName(f"{name}Waiting")
        self.wait_label.setWordWrap(True)
        self.wait_label.setVisible(False)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName(f"{name}Heading")
        self.heading.setWordWrap(True)
        self.heading.setVisible(False)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.wait_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.pending: Job | None = None

    def set_heading(self, text: str) -> None:
        """A line above the form, since window titles do not show everywhere (or in screenshots)."""
        self.heading.setText(f"<b>{text}</b>")
        self.heading.setVisible(True)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def busy(self) -> bool:
        return self.pending is not None

    def submit(self) -> None:
        if self.busy:
            return  # one Enter, one sale: the call in flight answers first
        self.errors.clear()
        try:
            call = self.prepare()
        except LoyaltyError as error:
            self.retry_button.setVisible(False)  # the form needs fixing first; OK sends it again
            self.errors.show(error)
            return
        if call is not None:
            self.run(call)

    def run(self, call: Callable[[], Any]) -> None:
        """Make a service call in a worker; `saved` gets its result on the GUI thread."""
        self.retry_button.setVisible(False)
        self.ok_button.setEnabled(False)
        self.wait_label.setVisible(False)
        self.pending = run_call(call, self._finished, self._failed, on_waiting=self._waiting)

    def _waiting(self) -> None:
        self.wait_label.setText("Waiting for the database… another register is saving")
        self.wait_label.setVisible(True)

    def _retry(self) -> None:
        """The same action again, with the form as it is now: what is on screen is what is recorded."""
        if not self.busy:
            self.submit()

    def _finished(self, result: Any) -> None:
        self.pending = None
        self.wait_label.setVisible(False)
        self.ok_button.setEnabled(True)
        self.saved(result)

    def _failed(self, error: BaseException) -> None:
        self.pending = None
        self.wait_label.setVisible(False)
        self.ok_button.setEnabled(True)
        if isinstance(error, DatabaseBusy):
            self.errors.show_text(f"{error} Nothing was saved.")
            self.retry_button.setVisible(True)
            self.retry_button.setFocus()
        elif isinstance(error, LoyaltyError):
            self.refused(error)
        else:
            report_unexpected(error)

    def refused(self, error: LoyaltyError) -> None:
        self.errors.show(error)

    def saved(self, result: Any) -> None:
        """The call went through: every view reloads from the database, then the dialog closes."""
        self.session.changed.emit()
        self.done_with.emit(result)
        self.accept()

    def reject(self) -> None:
        if self.busy:
            self._waiting()  # the call cannot be taken back half way; it answers within its time limit
            return
        super().reject()

    def prepare(self) -> Callable[[], Any] | None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError


class PurchaseDialog(CounterDialog):
    """Amount (exact, in the shop's decimal separator), order reference, and what will be recorded."""

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, f"Record purchase — {member.customer_name}", "purchaseDialog", parent)
        self.member = member
        self.set_heading(f"Purchase by {member.customer_name}")
        self.currency = session.currency_of(member.program_id)
        self.amount = AmountField(self.currency)
        self.amount.setObjectName("purchaseAmount")
        self.order_ref = QLineEdit()
        self.order_ref.setObjectName("purchaseOrderRef")
        self.order_ref.setPlaceholderText("left empty: a new reference is made")
        self.preview = QLabel("Enter the amount")
        self.preview.setObjectName("purchasePreview")
        preview_font = QFont(self.preview.font())
        preview_font.setBold(True)
        self.preview.setFont(preview_font)
        self.errors.add_row(self.form, f"Amount ({self.currency})", self.amount, "amount")
        self.errors.add_row(self.form, "Order reference", self.order_ref, "order_ref")
        self.form.addRow("Will record", self.preview)
        self.amount.show_problems_in(self.errors.labels["amount"])
        self.generated_ref = new_order_ref()
        self.amount.textChanged.connect(self._update_preview)
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(False)
        self.amount.setFocus()

    def _update_preview(self, _text: str = "") -> None:
        """The amount as it will be recorded, in the shop's currency, next to the points it earns."""
        amount = self.amount.amount()
        self.ok_button.setEnabled(amount is not None and amount > 0 and not self.busy)
        if amount is None or amount <= 0:
            self.preview.setText("Enter the amount")
            return
        try:
            points = self.session.svc.quote_purchase(self.session.user_id, self.member.program_id, self.member.id,
                                                     canonical_amount(amount))
        except LoyaltyError as error:
            self.preview.setText(str(error))
            return
        self.preview.setText(f"{fmt.money(amount, self.currency)} → {fmt.signed_points(points)} points")

    def prepare(self) -> Callable[[], Any]:
        amount = self.amount.amount()
        if amount is None or amount <= 0:
            raise ValidationError(self.amount.problem() or "Enter the amount of the purchase", field="amount")
        ref = self.order_ref.text().strip() or self.generated_ref
        svc, user, member = self.session.svc, self.session.user_id, self.member
        text = canonical_amount(amount)
        return lambda: svc.record_purchase_outcome(user, member.program_id, member.id, text, ref)


class RedeemDialog(CounterDialog):
    """Choose a reward, confirm it (reward, cost, balance after), then show the reward code.

    Nothing is ever preselected after a refusal: one more Enter must never spend points the
    customer did not ask for.
    """

    voucherRequested = Signal(object)
    voucherScanned = Signal(str)
    LIST, CONFIRM, DONE = range(3)

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, f"Redeem a reward — {member.customer_name}", "redeemDialog", parent)
        self.member = member
        self.pages = QStackedWidget()
        self.rewards = QListWidget()
        self.rewards.setObjectName("redeemRewards")
        self.rewards.setMinimumHeight(220)
        self.rewards.itemDoubleClicked.connect(lambda _item: self.submit())
        self.confirm_text = QLabel()
        self.confirm_text.setObjectName("redeemConfirmText")
        self.confirm_text.setWordWrap(True)
        self.confirm_text.setTextFormat(Qt.TextFormat.RichText)
        self.code = QLabel()
        self.code.setObjectName("rewardCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.code.font())
        font.setPointSize(26)
        font.setBold(True)
        font.setFamily("monospace")
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result_text = QLabel()
        self.result_text.setObjectName("redeemResult")
        self.result_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        done_page = QWidget()
        done_layout = QVBoxLayout(done_page)
        done_layout.addWidget(self.result_text)
        done_layout.addWidget(self.code)
        self.pages.addWidget(self.rewards)
        self.pages.addWidget(self.confirm_text)
        self.pages.addWidget(done_page)
        self.form.addRow(self.pages)
        self.redemption: Any = None
        self.balance = member.current_points
        self.voucher_button = self.buttons.addButton("Print voucher…", QDialogButtonBox.ButtonRole.ActionRole)
        self.voucher_button.setObjectName("printVoucherButton")
        self.voucher_button.clicked.connect(lambda: self.voucherRequested.emit(self.redemption))
        self.voucher_button.setVisible(False)
        self._load(preselect=True)
        self.rewards.setFocus()

    @property
    def cancel_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Cancel)

    def _load(self, *, preselect: bool) -> None:
        """The rewards and the balance, as the database has them now."""
        self.rewards.clear()
        self.balance = self.session.svc.get_loyalty_member(self.session.user_id, self.member.id).current_points
        self.set_heading(f"Rewards for {self.member.customer_name} · {fmt.points(self.balance)} points")
        choices = self.session.svc.reward_eligibility(self.session.user_id, self.member.id)
        first_ok = None
        muted = accent("muted")
        for reward, reason in choices:
            text = f"{reward.reward_name} — {fmt.points(reward.points_cost)} points"
            item = QListWidgetItem(text if reason is None else f"{text}  ({reason})")
            item.setData(Qt.ItemDataRole.UserRole, reward)
            item.setData(Qt.ItemDataRole.ToolTipRole, reason or "Available")
            if reason is not None:
                # Not selectable, but drawn in a readable muted colour rather than the faint disabled one.
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.setData(Qt.ItemDataRole.ForegroundRole, muted)
                item.setData(Qt.ItemDataRole.UserRole + 1, reason)
            elif first_ok is None:
                first_ok = item
            self.rewards.addItem(item)
        if preselect and first_ok is not None:
            self.rewards.setCurrentItem(first_ok)
        else:
            self.rewards.setCurrentRow(-1)
            self.rewards.clearSelection()
        if not choices:
            self.errors.show_text("This program has no rewards yet.")

    def chosen(self) -> Any:
        """The reward the cashier picked, or None when nothing redeemable is selected."""
        item = self.rewards.currentItem()
        if item is None or not item.isSelected() or item.data(Qt.ItemDataRole.UserRole + 1) is not None:
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def prepare(self) -> Callable[[], Any] | None:
        page = self.pages.currentIndex()
        if page == self.DONE:
            self.accept()  # Enter on the code page closes it
            return None
        reward = self.chosen()
        if reward is None:
            raise ValidationError("Choose a reward the member can redeem.")
        if page == self.LIST:
            self._ask(reward)
            return None
        svc, user, member = self.session.svc, self.session.user_id, self.member
        return lambda: svc.create_redemption(user, member.program_id, member.id, reward.id)

    def accept_scan(self, code: str) -> bool:
        """A voucher scanned while choosing: close, and let the counter show that redemption."""
        if not code.upper().startswith("RW-") or self.busy:
            return False
        CounterDialog.reject(self)  # closes from any page (this class's reject steps back a page)
        self.voucherScanned.emit(code)
        return True

    def _ask(self, reward: Any) -> None:
        after = self.balance - reward.points_cost
        self.confirm_text.setText(
            f"Redeem <b>{escape(reward.reward_name)}</b> for <b>{fmt.points(reward.points_cost)} points</b>?"
            f"<br><br>Balance now: {fmt.points(self.balance)} points<br>"
            f"Balance after: <b>{fmt.points(after)} points</b>")
        self.pages.setCurrentIndex(self.CONFIRM)
        self.ok_button.setText("Redeem")
        self.cancel_button.setText("Back")
        self.ok_button.setFocus()

    def _back_to_list(self) -> None:
        self.pages.setCurrentIndex(self.LIST)
        self.ok_button.setText("OK")
        self.cancel_button.setText("Cancel")
        self.rewards.setFocus()

    def reject(self) -> None:
        if self.pages.currentIndex() == self.CONFIRM and not self.busy:
            self._back_to_list()
            return
        super().reject()

    def refused(self, error: LoyaltyError) -> None:
        self._back_to_list()
        self._load(preselect=False)
        self.errors.show(error)

    def saved(self, result: Any) -> None:
        self.redemption = result
        self.balance = self.session.svc.get_loyalty_member(self.session.user_id, self.member.id).current_points
        self.set_heading(f"Rewards for {self.member.customer_name} · {fmt.points(self.balance)} points")
        self.session.changed.emit()
        self.done_with.emit(result)
        self.result_text.setText(f"{result.reward_name} redeemed for {fmt.points(result.points_redeemed)} points. "
                                 "Reward code:")
        self.code.setText(result.reward_code_generated)
        self.pages.setCurrentIndex(self.DONE)
        self.cancel_button.setVisible(False)
        self.ok_button.setText("Done")
        self.voucher_button.setVisible(True)
        self.ok_button.setFocus()


class EnrollDialog(CounterDialog):
    """Enroll a member. Email and phone are checked as they are typed; a duplicate offers the existing member."""

    def __init__(self, session: ShopSession, prefill: str = "", parent: QWidget | None = None) -> None:
        super().__init__(session, "Enroll a new member", "enrollDialog", parent)
        self.set_heading("Enroll a new member")
        self.program = QComboBox()
        self.program.setObjectName("enrollProgram")
        for program in session.programs():
            if program.status == "active":
                self.program.addItem(program.program_name, program.id)
        self.name = QLineEdit()
        self.name.setObjectName("enrollName")
        self.email = QLineEdit()
        self.email.setObjectName("enrollEmail")
        self.phone = QLineEdit()
        self.phone.setObjectName("enrollPhone")
        self.birthday = QLineEdit()
        self.birthday.setObjectName("enrollBirthday")
        self.birthday.setPlaceholderText("YYYY-MM-DD (optional)")
        self.referral = QLineEdit()
        self.referral.setObjectName("enrollReferral")
        self.referral.setPlaceholderText("a friend's referral code (optional)")
        if self.program.count() > 1:
            self.errors.add_row(self.form, "Program", self.program, "program_id")
        self.errors.add_row(self.form, "Name", self.name, "customer_name")
        self.errors.add_row(self.form, "Email", self.email, "email")
        self.errors.add_row(self.form, "Phone", self.phone, "phone")
        self.errors.add_row(self.form, "Birthday", self.birthday, "birthday")
        self.errors.add_row(self.form, "Referred by", self.referral, "referred_by_code")
        self.open_existing = QPushButton("Open the existing member")
        self.open_existing.setObjectName("openExistingMember")
        self.open_existing.setVisible(False)
        self.open_existing.clicked.connect(self._open_existing)
        self.form.addRow("", self.open_existing)
        self.existing_id: int | None = None
        self.email.editingFinished.connect(self._check_email)
        self.phone.editingFinished.connect(self._check_phone)
        self._prefill(prefill.strip())
        self.ok_button.setText("Enroll")
        self.name.setFocus()

    def _prefill(self, text: str) -> None:
        if "@" in text:
            self.email.setText(text)
        elif text and sum(ch.isdigit() for ch in text) >= 6:
            self.phone.setText(text)
        else:
            self.name.setText(text)

    def _check_email(self) -> None:
        self._inline(lambda: normalize_email(self.email.text()), self.email, "email")

    def _check_phone(self) -> None:
        self._inline(lambda: normalize_phone(self.phone.text(), self._region()), self.phone, "phone")

    def _region(self) -> str:
        try:
            return self.session.svc.get_shop(self.session.user_id).phone_region
        except LoyaltyError:
            return "US"

    def _inline(self, check: Any, field: QLineEdit, name: str) -> None:
        label = self.errors.labels[name]
        try:
            value = check()
        except ValidationError as error:
            label.setText(str(error))
            label.setVisible(True)
            return
        label.setVisible(False)
        if value and value != field.text():
            field.setText(value)  # show the normalised form

    def prepare(self) -> Callable[[], Any]:
        self.open_existing.setVisible(False)
        data = {"customer_name": self.name.text(), "email": self.email.text() or None,
                "phone": self.phone.text() or None, "birthday": self.birthday.text().strip() or None,
                "referred_by_code": self.referral.text().strip() or None}
        program_id = self.program.currentData()
        if program_id is None:
            raise ValidationError("There is no active program to enroll into")
        svc, user = self.session.svc, self.session.user_id
        return lambda: svc.enroll_loyalty_member(user, program_id, data)

    def refused(self, error: LoyaltyError) -> None:
        if isinstance(error, DuplicateMember):
            self.existing_id = error.existing_member_id
            self.open_existing.setVisible(True)
        super().refused(error)

    def _open_existing(self) -> None:
        if self.existing_id is not None:
            self.session.openMember.emit(self.existing_id)
            self.reject()


class AdjustDialog(CounterDialog):
    """An owner's correction: plus or minus, always with a reason."""

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, f"Adjust points — {member.customer_name}", "adjustDialog", parent)
        self.member = member
        self.set_heading(f"Adjust {member.customer_name}'s points (balance {fmt.points(member.current_points)})")
        self.points = QSpinBox()
        self.points.setObjectName("adjustPoints")
        self.points.setRange(-10_000_000, 10_000_000)
        self.reason = QLineEdit()
        self.reason.setObjectName("adjustReason")
        self.reason.setPlaceholderText("required: why the balance changes")
        self.errors.add_row(self.form, "Points (+/−)", self.points, "points_amount")
        self.errors.add_row(self.form, "Reason", self.reason, "description")
        self.points.setFocus()

    def prepare(self) -> Callable[[], Any]:
        if not self.reason.text().strip():
            raise ValidationError("Give the reason for the adjustment", field="description")
        svc, user, member = self.session.svc, self.session.user_id, self.member
        data = {"transaction_type": "manual_adjustment", "points_amount": self.points.value(),
                "description": self.reason.text()}
        return lambda: svc.add_points_transaction(user, member.program_id, member.id, data)


class ReturnDialog(CounterDialog):
    """A return: pick the sale from the member's recent purchases, or type or scan its reference.

    An empty amount returns all that is left, after a confirmation. Today's untouched sale can
    be voided instead, with a reason: a reversal in the ledger, never a delete.
    """

    FORM, CONFIRM = range(2)

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, f"Return a purchase — {member.customer_name}", "returnDialog", parent)
        self.member = member
        self.set_heading(f"Return a purchase by {member.customer_name}")
        self.currency = session.currency_of(member.program_id)
        self.purchases = QTableWidget(0, 5)
        self.purchases.setObjectName("returnPurchases")
        self.purchases.setHorizontalHeaderLabels(["Date", "Reference", "Amount", "Left to return", "Points"])
        self.purchases.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.purchases.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.purchases.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.purchases.verticalHeader().setVisible(False)
        self.purchases.horizontalHeader().setStretchLastSection(True)
        self.purchases.setMinimumHeight(170)
        self.purchases.itemSelectionChanged.connect(self._picked)
        self.order_ref = QLineEdit()
        self.order_ref.setObjectName("returnOrderRef")
        self.order_ref.setPlaceholderText("pick a sale above, or type or scan its reference")
        self.amount = AmountField(self.currency, optional=True)
        self.amount.setObjectName("returnAmount")
        self.amount.setPlaceholderText("empty: all that is left")
        self.confirm_text = QLabel()
        self.confirm_text.setObjectName("returnConfirmText")
        self.confirm_text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("voidReason")
        self.reason.setPlaceholderText("required: why the sale is voided")
        self.pages = QStackedWidget()
        form_page = QWidget()
        form_layout = QFormLayout(form_page)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addRow(self.purchases)
        self.errors.add_row(form_layout, "Order reference", self.order_ref, "order_ref")
        self.errors.add_row(form_layout, f"Amount returned ({self.currency})", self.amount, "amount")
        self.amount.show_problems_in(self.errors.labels["amount"])
        self.preview = QLabel()
        self.preview.setObjectName("returnPreview")
        form_layout.addRow("Will return", self.preview)
        self.amount.textChanged.connect(self._update_preview)
        self.order_ref.textChanged.connect(self._update_preview)
        confirm_page = QWidget()
        self.confirm_layout = QFormLayout(confirm_page)
        self.confirm_layout.addRow(self.confirm_text)
        self.errors.add_row(self.confirm_layout, "Reason", self.reason, "reason")
        self.pages.addWidget(form_page)
        self.pages.addWidget(confirm_page)
        self.form.addRow(self.pages)
        self.void_button = self.buttons.addButton("&Void sale…", QDialogButtonBox.ButtonRole.ActionRole)
        self.void_button.setObjectName("voidSaleButton")
        self.void_button.setAutoDefault(False)
        self.void_button.setToolTip("Today's sale, nothing returned yet: reverse it whole, with a reason")
        self.void_button.clicked.connect(self.ask_void)
        self.ok_button.setText("Return")
        # One key per dialog: pressing OK again after an unclear failure cannot return twice.
        self.return_ref = f"RET-{secrets.token_hex(6).upper()}"
        self.rows: list[Any] = []
        self.voiding = False
        self._load()
        self._update_preview()
        self.setMinimumWidth(620)
        (self.purchases if self.rows else self.order_ref).setFocus()

    def _load(self) -> None:
        self.rows = self.session.svc.recent_purchases(self.session.user_id, self.member.id)
        self.purchases.setRowCount(len(self.rows))
        for row, sale in enumerate(self.rows):
            cells = [fmt.date_time(sale.transaction_date), sale.order_ref, fmt.money(sale.amount, self.currency),
                     fmt.money(sale.left_to_return, self.currency), fmt.signed_points(sale.points_earned)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.purchases.setItem(row, column, item)
        self.purchases.resizeColumnsToContents()
        self.void_button.setEnabled(False)
        if not self.rows:
            self.purchases.setVisible(False)

    def _update_preview(self, _text: str = "") -> None:
        """The amount as it will be recorded, before Enter."""
        sale = self.picked()
        amount = self.amount.amount()
        if self.amount.text().strip():
            self.preview.setText(fmt.money(amount, self.currency) if amount is not None else "")
        elif sale is not None:
            self.preview.setText(f"all that is left: {fmt.money(sale.left_to_return, self.currency)}")
        else:
            self.preview.setText("all that is left of the sale")

    def picked(self) -> Any:
        """The sale chosen in the list, or the one whose reference was typed."""
        ref = self.order_ref.text().strip()
        return next((sale for sale in self.rows if sale.order_ref == ref), None)

    def _picked(self) -> None:
        rows = self.purchases.selectionModel().selectedRows()
        if rows:
            sale = self.rows[rows[0].row()]
            self.order_ref.setText(sale.order_ref)
            self.errors.labels["order_ref"].setVisible(False)
            self.void_button.setEnabled(sale.voidable)

    def accept_scan(self, code: str) -> bool:
        """A scanned receipt barcode is the order reference; a member card or a voucher is not."""
        if self.busy or self.pages.currentIndex() != self.FORM or code.upper().startswith("RW-") \
                or looks_like_card_number(code):
            return False
        self.order_ref.setText(code)
        self.errors.labels["order_ref"].setVisible(False)
        sale = self.picked()
        self.void_button.setEnabled(bool(sale and sale.voidable))
        return True

    def prepare(self) -> Callable[[], Any] | None:
        svc, user, program_id = self.session.svc, self.session.user_id, self.member.program_id
        member_id = self.member.id
        ref = self.order_ref.text().strip()
        if self.pages.currentIndex() == self.CONFIRM:
            if self.voiding:
                reason = self.reason.text().strip()
                if not reason:
                    raise ValidationError("Give the reason for the void", field="reason")
                return lambda: (svc.void_purchase(user, program_id, ref, reason, member_id=member_id), ref)
            return lambda: (svc.reverse_purchase_outcome(user, program_id, ref, None, return_ref=self.return_ref,
                                                         member_id=member_id).transaction, ref)
        if not ref:
            raise ValidationError("Pick the sale, or type or scan its order reference", field="order_ref")
        if self.amount.text().strip():
            amount = self.amount.amount()
            if amount is None:
                raise ValidationError(self.amount.problem() or "Enter the amount returned", field="amount")
            text = canonical_amount(amount)
            sale = self.picked()
            if sale is not None and amount == sale.left_to_return:
                self._confirm_whole(ref, sale)  # all that is left, typed: the same question as an empty field
                return None
            return lambda: (svc.reverse_purchase_outcome(user, program_id, ref, text, return_ref=self.return_ref,
                                                         member_id=member_id).transaction, ref)
        self._confirm_whole(ref, self.picked())
        return None

    def _confirm_whole(self, ref: str, sale: Any) -> None:
        left = f" ({fmt.money(sale.left_to_return, self.currency)} left to return)" if sale else ""
        self._confirm(f"Return <b>all that is left</b> of order <b>{escape(ref)}</b>{left}? "
                      "The points it earned are taken back.", voiding=False)

    def ask_void(self) -> None:
        sale = self.picked()
        if sale is None or not sale.voidable:
            self.errors.show_text("Only today's sale with nothing returned can be voided; use Return", "order_ref")
            return
        amount = fmt.money(sale.amount, self.currency)
        self._confirm(f"Void the sale <b>{escape(sale.order_ref)}</b> of {amount} "
                      f"at {fmt.date_time(sale.transaction_date)}? Its {fmt.points(sale.points_earned)} points "
                      "are taken back. The sale stays in the history as voided.", voiding=True)

    def _confirm(self, text: str, *, voiding: bool) -> None:
        self.errors.clear()
        self.voiding = voiding
        self.confirm_text.setText(text)
        self.reason.setVisible(voiding)
        label = self.confirm_layout.labelForField(self.reason)
        if label is not None:
            label.setVisible(voiding)
        self.pages.setCurrentIndex(self.CONFIRM)
        self.ok_button.setText("Void" if voiding else "Return all")
        self.void_button.setVisible(False)
        (self.reason if voiding else self.ok_button).setFocus()

    def reject(self) -> None:
        if self.pages.currentIndex() == self.CONFIRM and not self.busy:
            self.pages.setCurrentIndex(self.FORM)
            self.ok_button.setText("Return")
            self.void_button.setVisible(True)
            self.voiding = False
            self.order_ref.setFocus()
            return
        super().reject()

    def refused(self, error: LoyaltyError) -> None:
        if self.pages.currentIndex() == self.CONFIRM and error.field != "reason":
            self.reject()  # back to the form, where the field concerned is
        super().refused(error)


class EditMemberDialog(CounterDialog):
    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, f"Edit {member.customer_name}", "editMemberDialog", parent)
        self.member = member
        self.set_heading(f"Edit {member.customer_name}")
        self.name = QLineEdit(member.customer_name)
        self.name.setObjectName("editName")
        self.email = QLineEdit(member.email or "")
        self.email.setObjectName("editEmail")
        self.phone = QLineEdit(member.phone or "")
        self.phone.setObjectName("editPhone")
        self.birthday = QLineEdit(member.birthday.isoformat() if member.birthday else "")
        self.birthday.setObjectName("editBirthday")
        self.birthday.setPlaceholderText("YYYY-MM-DD")
        self.errors.add_row(self.form, "Name", self.name, "customer_name")
        self.errors.add_row(self.form, "Email", self.email, "email")
        self.errors.add_row(self.form, "Phone", self.phone, "phone")
        self.errors.add_row(self.form, "Birthday", self.birthday, "birthday")

    def prepare(self) -> Callable[[], Any]:
        svc, user, member_id = self.session.svc, self.session.user_id, self.member.id
        data = {"customer_name": self.name.text(), "email": self.email.text() or None,
                "phone": self.phone.text() or None, "birthday": self.birthday.text().strip() or None}
        return lambda: svc.update_loyalty_member(user, member_id, data)

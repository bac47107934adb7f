"""Redeem a reward (F3): choose, confirm once (reward, cost, balance after), then the reward code."""
from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...errors import LoyaltyError, ValidationError
from ...services.codes import parse_reward_code
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.changes import REDEMPTION
from ..shell.session import ShopSession
from ..shell.theme import accent
from ..widgets import units
from ..widgets.labels import DELIVERY_METHODS
from .counter_dialogs import CounterDialog


class RedeemDialog(CounterDialog):
    """Choose a reward, confirm it (reward, cost, balance after), then show the reward code.

    Nothing is ever preselected after a refusal: one more Enter must never spend points the
    customer did not ask for.
    """

    CHANGES = REDEMPTION

    voucherRequested = Signal(object)
    voucherScanned = Signal(str)
    LIST, CONFIRM, DONE = range(3)

    def __init__(self, session: ShopSession, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, tr("Redeem a reward — {name}").format(name=member.customer_name), "redeemDialog",
                         parent)
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
        # How the reward reaches the member (optional): Enter on the confirmation still redeems at once.
        self.delivery = QComboBox()
        self.delivery.setObjectName("redeemDelivery")
        self.delivery.setAccessibleName(tr("Delivery"))
        self.delivery.addItem(tr("Not said"), None)
        for method, text in DELIVERY_METHODS.items():
            self.delivery.addItem(text, method)
        self.address = QLineEdit()
        self.address.setObjectName("redeemAddress")
        self.address.setAccessibleName(tr("Shipping address"))
        self.address.setPlaceholderText(tr("Street, town, postcode"))
        self.address.setMaxLength(500)
        confirm_page = QWidget()
        self.confirm_form = QFormLayout(confirm_page)
        self.confirm_form.setContentsMargins(0, 0, 0, 0)
        self.confirm_form.addRow(self.confirm_text)
        self.errors.add_row(self.confirm_form, tr("Delivery"), self.delivery, "delivery_method")
        self.errors.add_row(self.confirm_form, tr("Address"), self.address, "shipping_address")
        self.delivery.currentIndexChanged.connect(lambda _i: self._delivery_changed())
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
        self.pages.addWidget(confirm_page)
        self.pages.addWidget(done_page)
        self.form.addRow(self.pages)
        self.redemption: Any = None
        self.balance = member.current_points
        self.program = session.program_of(member.program_id)   # costs and balances in its unit (points or stamps)
        self.voucher_button = self.buttons.addButton(tr("Print voucher…"), QDialogButtonBox.ButtonRole.ActionRole)
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
        try:
            self._show_balance()
            choices = self.session.svc.reward_eligibility(self.session.user_id, self.member.id)
        except LoyaltyError as error:  # the database busy, or the member gone meanwhile
            self.errors.show(error)
            return
        first_ok = None
        muted = accent("muted")
        for reward, why in choices:
            reason = None if why is None else refusal_words(why)    # "240 more points", in the app's language
            text = tr("{reward} — {cost}").format(reward=reward.reward_name,
                                                 cost=units.count(self.program, reward.points_cost))
            item = QListWidgetItem(text if reason is None else f"{text}  ({reason})")
            item.setData(Qt.ItemDataRole.UserRole, reward)
            item.setData(Qt.ItemDataRole.ToolTipRole, reason or tr("Available"))
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
            self.errors.show_text(tr("This program has no rewards yet."))

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
            raise ValidationError(tr("Choose a reward the member can redeem."))
        if page == self.LIST:
            self._ask(reward)
            return None
        svc, user, member = self.session.svc, self.session.user_id, self.member
        method = self.delivery.currentData()
        address = self.address.text().strip() if method == "ship" else None
        return lambda: svc.create_redemption(user, member.program_id, member.id, reward.id, delivery_method=method,
                                             shipping_address=address or None, **self.acting())

    def accept_scan(self, code: str) -> bool:
        """A voucher scanned while choosing: close, and let the counter show that redemption."""
        if parse_reward_code(code) is None or self.busy:
            return False
        CounterDialog.reject(self)  # closes from any page (this class's reject steps back a page)
        self.voucherScanned.emit(code)
        return True

    def _ask(self, reward: Any) -> None:
        after = self.balance - reward.points_cost
        self.confirm_text.setText(
            tr("Redeem <b>{reward}</b> for <b>{cost}</b>?<br><br>Balance now: {balance}<br>"
               "Balance after: <b>{after}</b>").format(
                reward=escape(reward.reward_name), cost=units.count(self.program, reward.points_cost),
                balance=units.count(self.program, self.balance), after=units.count(self.program, after)))
        self.pages.setCurrentIndex(self.CONFIRM)
        self._delivery_changed()
        self.ok_button.setText(tr("Redeem"))
        self.cancel_button.setText(tr("Back"))
        self.ok_button.setFocus()

    def _delivery_changed(self) -> None:
        shipped = self.delivery.currentData() == "ship"
        self.address.setVisible(shipped)
        label = self.confirm_form.labelForField(self.address)
        if label is not None:
            label.setVisible(shipped)
        if shipped:
            self.address.setFocus()

    def _back_to_list(self) -> None:
        self.pages.setCurrentIndex(self.LIST)
        self.ok_button.setText(tr("OK"))
        self.cancel_button.setText(tr("Cancel"))
        self.rewards.setFocus()

    def reject(self) -> None:
        if self.pages.currentIndex() == self.CONFIRM and not self.busy:
            self._back_to_list()
            return
        super().reject()

    def refused(self, error: LoyaltyError) -> None:
        if error.field in ("delivery_method", "shipping_address"):
            self.errors.show(error)                # the delivery is mended here, on the same reward
            return
        self._back_to_list()
        self._load(preselect=False)
        self.errors.show(error)

    def _show_balance(self) -> None:
        self.balance = self.session.svc.get_loyalty_member(self.session.user_id, self.member.id).current_points
        self.set_heading(tr("Rewards for {name} · {balance}").format(name=self.member.customer_name,
                                                                     balance=units.count(self.program, self.balance)))

    def saved(self, result: Any) -> None:
        self.redemption = result
        try:
            self._show_balance()
        except LoyaltyError:
            # the redemption stands; only the figure waits
            self.set_heading(tr("Rewards for {name}").format(name=self.member.customer_name))
        self.session.notify(self.CHANGES, self)
        self.done_with.emit(result)
        self.result_text.setText(tr("{reward} redeemed for {cost}. Reward code:").format(
            reward=result.reward_name, cost=units.count(self.program, result.points_redeemed)))
        self.code.setText(result.reward_code_generated)
        self.pages.setCurrentIndex(self.DONE)
        self.cancel_button.setVisible(False)
        self.ok_button.setText(tr("Done"))
        self.voucher_button.setVisible(True)
        self.ok_button.setFocus()

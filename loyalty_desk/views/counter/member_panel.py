"""The member panel of the counter: who the member is, their points, what they can redeem, and the
cashier's action buttons. It shows a member summary; the counter decides what the buttons do."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ...domain.ledger_rules import NO_TIER
from ...services.codes import format_card_number
from ..shell.theme import paint
from ..widgets import formatting as fmt
from .counter_text import blocked_reason

# (object name, text, tooltip) of each action button, in the order they show.
ACTIONS = (
    ("recordPurchaseButton", "Record purchase", "Record a purchase (F2)"),
    ("redeemButton", "Redeem reward", "Redeem a reward (F3)"),
    ("enrollButton", "Enroll member", "Enroll a new member (F4)"),
    ("adjustPointsButton", "Adjust points", "Add or take points, with a reason (Ctrl+J)"),
    ("returnButton", "Return", "Take back the points of a returned purchase (Ctrl+R)"),
    ("editMemberButton", "Edit", "Edit the member's details (Ctrl+E)"),
    ("suspendButton", "Suspend", "Suspend or reactivate the membership"),
    ("printCardButton", "Print card", "Print the member's card, or save it as PDF or PNG (Ctrl+P)"),
    ("printSlipButton", "Slip", "Print a counter slip of the last sale or redemption (Ctrl+Shift+P)"),
    ("replaceCardButton", "Replace card", "A lost card: issue a new number; the old card stops working"),
)


class MemberPanel(QFrame):
    def __init__(self, slots: dict[str, Callable[[], Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberPanel")
        grid = QGridLayout(self)
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

        self.status_chip = QLabel()
        self.status_chip.setObjectName("memberStatusChip")
        self.status_chip.setVisible(False)
        self.blocked_label = QLabel()
        self.blocked_label.setObjectName("memberBlockedReason")
        self.blocked_label.setWordWrap(True)
        self.blocked_label.setVisible(False)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_label)
        name_row.addWidget(self.status_chip)
        name_row.addStretch(1)
        who = QVBoxLayout()
        who.addLayout(name_row)
        for widget in (self.blocked_label, self.tier_label, self.progress_label, self.card_label, self.visit_label):
            who.addWidget(widget)
        points = QVBoxLayout()
        for widget in (self.balance_label, self.pending_label, self.expiring_label, self.result_label):
            points.addWidget(widget)
        rewards = QVBoxLayout()
        caption = QLabel("Can redeem now")
        paint(caption, "muted")
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
        for name, text, tip in ACTIONS:
            button = QPushButton(text)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.clicked.connect(slots[name])
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        grid.addLayout(row, 1, 0, 1, 3)

    def show_summary(self, summary: Any) -> None:
        """A member summary (get_member_summary), or None for no member open."""
        for name, button in self.buttons.items():
            if name != "enrollButton":
                button.setEnabled(summary is not None)
        self.status_chip.setVisible(False)
        self.blocked_label.setVisible(False)
        if summary is None:
            self.name_label.setText("No member open")
            for label in (self.tier_label, self.progress_label, self.card_label, self.balance_label,
                          self.pending_label, self.expiring_label, self.visit_label, self.rewards_label):
                label.clear()
            return
        m = summary.member
        self.name_label.setText(m.customer_name)
        self._show_status(m.membership_status, summary.program)
        self.tier_label.setText(summary.tier_name or (NO_TIER if summary.program.tier_system_enabled else
                                                      summary.program.program_name))
        paint(self.tier_label, "gold", "color: {}; font-weight: bold;")
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
            paint(self.expiring_label, "bad")
        else:
            self.expiring_label.clear()
        self.visit_label.setText(f"Last visit {fmt.date_time(m.last_activity_date)}" if m.last_activity_date else "")
        names = [f"{r.reward_name} ({fmt.points(r.points_cost)})" for r in summary.affordable_rewards[:6]]
        self.rewards_label.setText("\n".join(names) or "Nothing yet")
        self.buttons["suspendButton"].setText("Reactivate" if m.membership_status != "active" else "Suspend")

    def _show_status(self, status: str, program: Any) -> None:
        """A chip for a member who cannot earn or redeem, and the two buttons disabled with the reason."""
        reason = blocked_reason(status, program)
        for name, shortcut in (("recordPurchaseButton", "F2"), ("redeemButton", "F3")):
            button = self.buttons[name]
            button.setEnabled(reason is None)
            base = "Record a purchase" if name == "recordPurchaseButton" else "Redeem a reward"
            button.setToolTip(f"{base} ({shortcut})" if reason is None else reason)
        if status != "active":
            self.status_chip.setText(status.capitalize())
            paint(self.status_chip, "bad",
                  "background: {}; color: white; font-weight: bold; border-radius: 4px; padding: 1px 8px;")
            self.status_chip.setVisible(True)
        if reason is not None:
            self.blocked_label.setText(reason)
            self.blocked_label.setVisible(True)

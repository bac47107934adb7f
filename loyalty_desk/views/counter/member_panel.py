"""The member panel of the counter: who the member is, their points, what they can redeem, and the
cashier's action buttons. It shows a member summary; the counter decides what the buttons do."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ...domain.ledger_rules import NO_TIER
from ...services.codes import format_card_number
from ..i18n import tr
from ..shell.theme import paint
from ..widgets import build, units
from ..widgets import formatting as fmt
from .counter_text import (
    blocked_reason,
    keep_tier_text,
    lapsed_note,
    next_tier_text,
    no_discount_on_stamps,
    status_chip_text,
)


def actions() -> tuple[tuple[str, str, str], ...]:
    """(object name, text, tooltip) of each action button, in the order they show (in the language
    chosen, so made when asked, after the translation is loaded)."""
    return (
        ("recordPurchaseButton", tr("Record purchase"), tr("Record a purchase (F2)")),
        ("redeemButton", tr("Redeem reward"), tr("Redeem a reward (F3)")),
        ("usePointsButton", tr("Use points"), tr("Take points as money off the order (F6)")),
        ("enrollButton", tr("Enroll member"), tr("Enroll a new member (F4)")),
        ("adjustPointsButton", tr("Adjust points"), tr("Add or take points, with a reason (Ctrl+J)")),
        ("returnButton", tr("Return"), tr("Take back the points of a returned purchase (Ctrl+R)")),
        ("editMemberButton", tr("Edit"), tr("Edit the member's details (Ctrl+E)")),
        ("suspendButton", tr("Suspend"), tr("Suspend or reactivate the membership")),
        ("printCardButton", tr("Print card"), tr("Print the member's card, or save it as PDF or PNG (Ctrl+P)")),
        ("printSlipButton", tr("Slip"), tr("Print a counter slip of the last sale or redemption (Ctrl+Shift+P)")),
        ("replaceCardButton", tr("Replace card"), tr("A lost card: issue a new number; the old card stops working")),
    )


def balance_text(program: Any, points: int) -> str:
    """The balance as the member spends it: points or stamps, or money for cash back (a point is one cent)."""
    if units.is_cash_back(program):
        return tr("{money} to spend").format(money=units.money(program, points))
    return units.count(program, points)


class MemberPanel(QFrame):
    def __init__(self, slots: dict[str, Callable[[], Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberPanel")
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        for number, (layout, stretch) in enumerate(((self._build_who(), 3), (self._build_points(), 2),
                                                     (self._build_rewards(), 3))):
            grid.addLayout(layout, 0, number)
            grid.setColumnStretch(number, stretch)
        self.buttons: dict[str, QPushButton] = {}
        # Buttons the signed-in person's role may not use, with the reason (set by the counter).
        self.denied: dict[str, str] = {}
        for name, text, tip in actions():
            self.buttons[name] = build.button(text, name, slots[name], tooltip=tip)
            self.buttons[name].setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        grid.addLayout(build.row(*self.buttons.values(), None), 1, 0, 1, 3)

    def _build_who(self) -> QVBoxLayout:
        self.name_label = build.label("memberName", scale=1.5, bold=True)
        self.status_chip = build.label("memberStatusChip", visible=False)
        self.blocked_label = build.label("memberBlockedReason", wrap=True, visible=False)
        self.tier_label = build.label("memberTier")
        self.progress_label = build.label("memberTierProgress")
        self.card_label = build.label("memberCard", selectable=True)
        self.visit_label = build.label("memberLastVisit")
        return build.column(build.row(self.name_label, self.status_chip, None), self.blocked_label,
                            self.tier_label, self.progress_label, self.card_label, self.visit_label)

    def _build_points(self) -> QVBoxLayout:
        self.balance_label = build.label("memberBalance", scale=1.8, bold=True)
        self.pending_label = build.label("memberPending")
        self.expiring_label = build.label("memberExpiring")
        self.milestone_label = build.label("memberMilestone", bold=True, visible=False)
        self.result_label = build.label("counterResult", bold=True)
        return build.column(self.balance_label, self.pending_label, self.expiring_label, self.milestone_label,
                            self.result_label)

    def _build_rewards(self) -> QVBoxLayout:
        caption = QLabel(tr("Can redeem now"))
        paint(caption, "muted")
        self.rewards_label = build.label("memberRewards", wrap=True)
        return build.column(caption, self.rewards_label, None)

    def show_summary(self, summary: Any) -> None:
        """A member summary (get_member_summary), or None for no member open."""
        for name, button in self.buttons.items():
            if name != "enrollButton":
                button.setEnabled(summary is not None)
        self.status_chip.setVisible(False)
        self.blocked_label.setVisible(False)
        if summary is None:
            self.apply_denied()
            self.name_label.setText(tr("No member open"))
            for label in (self.tier_label, self.progress_label, self.card_label, self.balance_label,
                          self.pending_label, self.expiring_label, self.visit_label, self.rewards_label):
                label.clear()
            self.milestone_label.setVisible(False)
            return
        m = summary.member
        self.name_label.setText(m.customer_name)
        self._show_status(m, summary.program)
        self.tier_label.setText(summary.tier_name or (NO_TIER if summary.program.tier_system_enabled else
                                                      summary.program.program_name))
        paint(self.tier_label, "gold", "color: {}; font-weight: bold;")
        progress = next_tier_text(summary) or (tr("Top tier") if summary.tier_name else "")
        self.progress_label.setText("\n".join(line for line in (progress, keep_tier_text(summary)) if line))
        card = tr("Card {number}").format(number=format_card_number(m.card_number))
        if summary.program.referral_enabled and m.referral_code:   # for the member to pass on to friends
            card += tr(" · referral code {code}").format(code=m.referral_code)
        self.card_label.setText(card)
        self.balance_label.setText(balance_text(summary.program, m.current_points))
        if summary.stamp_card_size:   # the card as the member knows it: ●●●○○○○○○○
            self.balance_label.setText(f"{units.stamp_card(m.current_points, summary.stamp_card_size)}   "
                                       f"{self.balance_label.text()}")
        self.pending_label.setText(tr("+{points} pending").format(points=fmt.points(summary.pending_points))
                                   if summary.pending_points else "")
        if summary.expiring_points:
            self.expiring_label.setText(tr("{points} expire from {date}").format(
                points=fmt.points(summary.expiring_points), date=fmt.date(summary.expiring_on)))
            paint(self.expiring_label, "bad")
        else:
            self.expiring_label.clear()
        self._show_milestone(summary.milestone)
        self.visit_label.setText(tr("Last visit {when}").format(when=fmt.date_time(m.last_activity_date))
                                 if m.last_activity_date else "")
        names = [f"{r.reward_name} ({fmt.points(r.points_cost)})" for r in summary.affordable_rewards[:6]]
        self.rewards_label.setText("\n".join(names) or tr("Nothing yet"))
        self.buttons["suspendButton"].setText(tr("Reactivate") if m.membership_status != "active" else tr("Suspend"))
        self.apply_denied()

    def _show_milestone(self, milestone: tuple[str, int] | None) -> None:
        """A milestone reached today, as a small celebration line."""
        if milestone is None:
            self.milestone_label.setVisible(False)
            return
        kind, number = milestone
        text = (tr("★ Visit number {n} today: thank them!") if kind == "visits"
                else tr("★ {points} points earned in all: a milestone today!"))
        self.milestone_label.setText(text.format(n=fmt.points(number), points=fmt.points(number)))
        paint(self.milestone_label, "gold", "color: {}; font-weight: bold;")
        self.milestone_label.setVisible(True)

    def apply_denied(self) -> None:
        """Grey out what the person's role may not do, with the reason (after every state change).
        Enrolling needs no member, so it is the role alone that decides it."""
        self.buttons["enrollButton"].setEnabled("enrollButton" not in self.denied)
        for name, reason in self.denied.items():
            self.buttons[name].setEnabled(False)
            self.buttons[name].setToolTip(reason)

    def _show_status(self, member: Any, program: Any) -> None:
        """A chip for a member who is not active, and for one who cannot earn or redeem, the
        buttons that earn or spend disabled with the reason."""
        status = member.membership_status
        reason = blocked_reason(member, program)
        tips = {name: tip for name, _text, tip in actions()
                if name in ("recordPurchaseButton", "redeemButton", "usePointsButton")}
        if units.is_stamps(program):
            tips.pop("usePointsButton")
            self.buttons["usePointsButton"].setEnabled(False)
            self.buttons["usePointsButton"].setToolTip(no_discount_on_stamps())
        for name, tip in tips.items():
            button = self.buttons[name]
            button.setEnabled(reason is None)
            button.setToolTip(tip if reason is None else reason)
        if status != "active":
            self.status_chip.setText(status_chip_text(status))
            paint(self.status_chip, "bad",
                  "background: {}; color: white; font-weight: bold; border-radius: 4px; padding: 1px 8px;")
            self.status_chip.setVisible(True)
        if reason is not None:
            self.blocked_label.setText(reason)
            self.blocked_label.setVisible(True)
        elif status != "active":
            self.blocked_label.setText(lapsed_note(member))
            self.blocked_label.setVisible(True)

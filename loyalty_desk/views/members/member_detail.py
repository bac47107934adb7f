"""The selected member in detail: points history (with the balance after each row), redemptions, and the
activity timeline. Read-only; the counter is where members are changed."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.ledger_messages import done_by
from ...domain.permissions import Permission
from ...errors import LoyaltyError
from ...services.codes import format_card_number
from ...services.contacts import display_phone
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..shell.theme import accent, paint
from ..widgets import build, labels
from ..widgets import formatting as fmt
from ..widgets.tables import set_read_only
from .member_data import MergeDialog, duplicates_of

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

# Ledger row types as people say them.
TRANSACTION_TYPES = labels.TRANSACTION_TYPES


def _item(text: str, *, right: bool = False, color: QColor | None = None, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setTextAlignment(_RIGHT if right else _LEFT)
    if color is not None:
        item.setForeground(QBrush(color))
    if tooltip:
        item.setToolTip(tooltip)
    return item


class DetailTable(QTableWidget):
    """A small read-only table with fixed-height rows; the last column takes the spare width."""

    def __init__(self, name: str, headers: Sequence[str], numeric: Sequence[int] = (),
                 stretch: int | None = None) -> None:
        super().__init__(0, len(headers))
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(list(headers))
        set_read_only(self, several=True, fixed_rows=True)
        header = self.horizontalHeader()
        header.setDefaultAlignment(_LEFT)
        for column in numeric:
            item = self.horizontalHeaderItem(column)
            if item is not None:
                item.setTextAlignment(_RIGHT)
        header.setStretchLastSection(stretch is None)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def fill(self, rows: list[list[QTableWidgetItem]]) -> None:
        self.setUpdatesEnabled(False)
        try:
            self.clearContents()
            self.setRowCount(len(rows))
            for r, items in enumerate(rows):
                for c, item in enumerate(items):
                    self.setItem(r, c, item)
            self.resizeColumnsToContents()
            header = self.horizontalHeader()
            # Keep long descriptions from pushing the other columns out of sight.
            for column in range(self.columnCount()):
                header.resizeSection(column, min(max(header.sectionSize(column), 70), 420))
        finally:
            self.setUpdatesEnabled(True)


class MemberDetail(QWidget):
    """What the members table shows below the list for the selected member."""

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("memberDetail")
        self.member_id: int | None = None

        self.title = build.label("memberDetailTitle", scale=1.2, bold=True)
        self.subtitle = build.label("memberDetailSubtitle", selectable=True)
        self.error = build.label("memberDetailError", wrap=True, visible=False)

        self.history = DetailTable("memberHistoryTable",
                                   [tr("Date"), tr("Type"), tr("Points"), tr("Balance after"), tr("Reason"),
                                    tr("Status"), tr("By")],
                                   numeric=(2, 3), stretch=4)
        self.redemptions = DetailTable("memberRedemptionsTable",
                                       [tr("Date"), tr("Reward"), tr("Points"), tr("Status"), tr("Code"),
                                        tr("Tracking / notes")],
                                       numeric=(2,))
        self.activity = DetailTable("memberActivityTable",
                                    [tr("Date"), tr("Event"), tr("Description"), tr("Points"), tr("By")],
                                    numeric=(3,), stretch=2)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("memberDetailTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.history, tr("Points history"))
        self.tabs.addTab(self.redemptions, tr("Redemptions"))
        self.tabs.addTab(self.activity, tr("Activity"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        self.duplicate = build.label("memberDuplicate", wrap=True)
        self.merge_button = build.button(tr("Merge…"), "memberMergeButton", self.offer_merge,
                                         tooltip=tr("Merge the two records of this person into one"))
        self.duplicate_bar = QWidget()
        build.row((self.duplicate, 1), self.merge_button, margins=False, parent=self.duplicate_bar)
        self.duplicate_bar.setVisible(False)
        self.duplicates: list[Any] = []
        self.member: Any = None
        layout.addWidget(self.duplicate_bar)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self.show_member(None)

    def show_member(self, member_id: int | None) -> None:
        """Load everything shown for a member (None clears the view)."""
        self.member_id = member_id
        self.error.setVisible(False)
        self.duplicate_bar.setVisible(False)
        if member_id is None:
            self.title.setText(tr("No member selected"))
            self.subtitle.setText(tr("Select a member above to see their points history, redemptions and activity."))
            paint(self.subtitle, "muted")
            for table in (self.history, self.redemptions, self.activity):
                table.fill([])
            self._count_tabs(0, 0, 0)
            return
        svc, user = self.session.svc, self.session.user_id
        try:
            member = svc.get_loyalty_member(user, member_id)
            history = svc.get_member_points_history(user, member_id)
            redemptions = svc.get_member_redemptions(user, member_id)
            activity = svc.get_member_activity(user, member_id)
        except LoyaltyError as error:
            self.title.setText(tr("Member not available"))
            self.subtitle.clear()
            self.error.setText(refusal_words(error))
            paint(self.error, "bad")
            self.error.setVisible(True)
            for table in (self.history, self.redemptions, self.activity):
                table.fill([])
            self._count_tabs(0, 0, 0)
            return
        self._show_header(member)
        self._show_duplicates(member)
        self.history.fill([self._history_row(t) for t in history])
        self.redemptions.fill([self._redemption_row(r) for r in redemptions])
        self.activity.fill([self._activity_row(a) for a in activity])
        self._count_tabs(len(history), len(redemptions), len(activity))

    def reload(self) -> None:
        self.show_member(self.member_id)

    def _show_duplicates(self, member: Any) -> None:
        """Another member of the program with this phone or email: offer to merge them."""
        self.member = member
        self.duplicates = duplicates_of(self.session, member) if self.session.may(Permission.MERGE_MEMBERS) \
            and member.merged_into_id is None and member.erased_at is None else []
        if self.duplicates:
            other, shared = self.duplicates[0]
            text = {"phone": tr("{name} (card {card}) has the same phone: two records of one person?"),
                    "email": tr("{name} (card {card}) has the same email: two records of one person?"),
                    "name": tr("{name} (card {card}) has the same name: two records of one person?")}[shared]
            self.duplicate.setText(text.format(name=other.customer_name, card=format_card_number(other.card_number)))
            paint(self.duplicate, "gold")
            self.duplicate_bar.setVisible(True)

    def offer_merge(self) -> MergeDialog | None:
        if not self.duplicates:
            return None
        self.merge_dialog = MergeDialog(self.session, self.member, self.duplicates[0][0], self)
        self.merge_dialog.done_with.connect(lambda kept: self.show_member(kept.id))
        self.merge_dialog.open()
        return self.merge_dialog

    # --- pieces --------------------------------------------------------------

    def _show_header(self, m: Any) -> None:
        status = "" if m.membership_status == "active" else f"  ({m.membership_status})"
        self.title.setText(m.customer_name + status)
        parts = [tr("Card {card}").format(card=format_card_number(m.card_number))]
        if m.tier_name:
            parts.append(m.tier_name)
        if m.phone:
            parts.append(display_phone(m.phone, self.session.phone_region))
        parts += [tr("{points} points").format(points=fmt.points(m.current_points)),
                  tr("{points} lifetime").format(points=fmt.points(m.lifetime_points)),
                  tr("{money} spent").format(money=fmt.money(m.total_spent, self.session.currency)),
                  tr("joined {date}").format(date=fmt.date_time(m.enrollment_date))]
        self.subtitle.setText("  ·  ".join(parts))
        paint(self.subtitle, None)

    def _count_tabs(self, history: int, redemptions: int, activity: int) -> None:
        for index, (label, count) in enumerate(((tr("Points history"), history), (tr("Redemptions"), redemptions),
                                                (tr("Activity"), activity))):
            self.tabs.setTabText(index, f"{label} ({fmt.points(count)})" if count else label)

    def _history_row(self, t: Any) -> list[QTableWidgetItem]:
        muted, good, bad, gold = accent("muted"), accent("good"), accent("bad"), accent("gold")
        if t.status == "pending" and t.pending_points:
            points = _item(tr("+{points} held").format(points=fmt.points(t.pending_points)), right=True, color=gold,
                           tooltip=tr("Held for the return window; not spendable yet"))
        elif t.points_amount:
            points = _item(fmt.signed_points(t.points_amount), right=True,
                           color=good if t.points_amount > 0 else bad)
        else:
            points = _item("0", right=True, color=muted)
        reason = t.description or ""
        if t.amount is not None and t.transaction_type == "purchase":   # a return's description names its amount
            amount = fmt.money(t.amount, self.session.currency)
            reason = f"{reason} · {amount}" if reason else amount
        if t.shortfall_points:
            reason += tr(" (shortfall {points})").format(points=fmt.points(t.shortfall_points))
        status_color = {"pending": gold, "failed": muted}.get(t.status)
        return [
            _item(fmt.date_time(t.created_at)),
            _item(labels.label(TRANSACTION_TYPES, t.transaction_type)),
            points,
            _item(fmt.points(t.points_balance_after), right=True),
            _item(reason, tooltip=reason),
            _item(labels.label(labels.TRANSACTION_STATUSES, t.status), color=status_color),
            _item(done_by(t.actor_kind, t.actor_name, t.approver_name)),
        ]

    def _redemption_row(self, r: Any) -> list[QTableWidgetItem]:
        notes = " · ".join(x for x in (r.tracking_number, r.redemption_notes) if x)
        status_color = {"cancelled": accent("muted"), "pending": accent("gold")}.get(r.fulfillment_status)
        return [
            _item(fmt.date_time(r.redemption_date)),
            _item(r.reward_name or tr("Reward {id}").format(id=r.reward_id)),
            _item(fmt.points(r.points_redeemed), right=True),
            _item(labels.label(labels.FULFILLMENT_STATUSES, r.fulfillment_status), color=status_color),
            _item(r.reward_code_generated or ""),
            _item(notes, tooltip=notes),
        ]

    def _activity_row(self, a: Any) -> list[QTableWidgetItem]:
        points = a.points_involved or 0
        return [
            _item(fmt.date_time(a.activity_date)),
            _item(labels.label(labels.ACTIVITY_TYPES, a.activity_type)),
            _item(a.activity_description or "", tooltip=a.activity_description or ""),
            _item(fmt.signed_points(points) if points else "", right=True),
            _item(done_by(a.actor_kind, a.actor_name, a.approver_name)),
        ]

"""The Audit tab (managers and owners): who did what, filtered by person, action and days,
exported to CSV; and, for the owner, the flags worth a look.

Read off the GUI thread (`get_audit_log`, `get_flags`); every call names the signed-in
person as its actor, so the service decides what they may see.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QFileDialog, QLabel, QListWidget, QWidget

from ...domain.permissions import Permission
from ...domain.spreadsheet import write_csv
from ...errors import LoyaltyError
from ..i18n import plural, tr
from ..refusals import refusal_words
from ..shell.changes import KINDS
from ..shell.session import ShopSession
from ..shell.tab import Tab
from ..staff.roles import who
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.forms import error_label
from ..widgets.tables import RowsModel, read_only_table, set_read_only
from ..widgets.workers import run_job

BEFORE_STAFF = "before staff accounts"   # in the CSV file (data, in English); on screen, translated
CSV_COLUMNS = ["time (UTC)", "action", "by", "approved by", "member", "points", "amount", "details", "register"]


def action_text(action: str) -> str:
    """"manual_adjustment" as "Manual adjustment", in the chosen language (services/queries/audit_log.ACTIONS;
    an action this table lacks is shown as its words)."""
    return _action_words().get(action) or action.replace("_", " ").capitalize()


def _action_words() -> dict[str, str]:
    return {
        "api_key_changed": tr("Api key changed"),
        "api_key_created": tr("Api key created"),
        "api_key_deleted": tr("Api key deleted"),
        "birthday_bonus": tr("Birthday bonus"),
        "card_replaced": tr("Card replaced"),
        "database_restored": tr("Database restored"),
        "expiration": tr("Expiration"),
        "manual_adjustment": tr("Manual adjustment"),
        "member_enrolled": tr("Member enrolled"),
        "member_erased": tr("Member erased"),
        "member_merge": tr("Member merge"),
        "member_merged": tr("Member merged"),
        "member_updated": tr("Member updated"),
        "program_changed": tr("Program changed"),
        "program_created": tr("Program created"),
        "promotion_created": tr("Promotion created"),
        "promotion_changed": tr("Promotion changed"),
        "promotion_ended": tr("Promotion ended"),
        "campaign_sent": tr("Email sent to a segment"),
        "program_deleted": tr("Program deleted"),
        "purchase": tr("Purchase"),
        "purchase_return": tr("Purchase return"),
        "redemption": tr("Redemption"),
        "redemption_refund": tr("Redemption refund"),
        "redemption_updated": tr("Redemption updated"),
        "referral": tr("Referral"),
        "reward_changed": tr("Reward changed"),
        "reward_created": tr("Reward created"),
        "reward_deleted": tr("Reward deleted"),
        "shop_changed": tr("Shop changed"),
        "shop_created": tr("Shop created"),
        "shop_deleted": tr("Shop deleted"),
        "sign_in_locked": tr("Sign in locked"),
        "staff_changed": tr("Staff changed"),
        "staff_created": tr("Staff created"),
        "staff_deleted": tr("Staff deleted"),
        "status_changed": tr("Status changed"),
        "tier_changed": tr("Tier changed"),
        "tier_created": tr("Tier created"),
        "tier_deleted": tr("Tier deleted"),
        "tier_demoted": tr("Tier demoted"),
        "tier_promoted": tr("Tier promoted"),
        "web_order_dismissed": tr("Web order dismissed"),
        "web_order_resolved": tr("Web order resolved"),
        "welcome_bonus": tr("Welcome bonus"),
    }


class AuditModel(RowsModel):
    COLUMNS = ("Time", "Action", "By", "Approved by", "Member", "Points", "Amount", "Details", "Register")
    NUMERIC = frozenset({5, 6})
    currency = "USD"   # the shop's, set before rows are shown

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (tr("Time"), tr("Action"), tr("By"), tr("Approved by"), tr("Member"), tr("Points"),
                        tr("Amount"), tr("Details"), tr("Register"))
        self.before_staff = tr("before staff accounts")

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return row.description if role == Qt.ItemDataRole.ToolTipRole else None
        currency = self.currency
        return (fmt.date_time(row.time), action_text(row.action), who(row) or self.before_staff,
                row.approver_name or "", row.member_name or "", fmt.signed_points(row.points) if row.points else "",
                fmt.money(row.amount, currency) if row.amount is not None else "", row.description,
                row.register_name or "")[column]


class AuditTab(Tab):
    CONCERNS: ClassVar[frozenset[str]] = frozenset(KINDS)   # any write is a new line of the log

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent, stale=True)
        self.setObjectName("auditTab")
        self.loading = False
        self.entries: list[Any] = []
        self.person = build.combo("auditPerson", {None: tr("Everyone")}, accessible=tr("Person"))
        self.action = build.combo("auditAction", {None: tr("Every action")}, accessible=tr("Action"))
        self.since = QDateEdit()
        self.since.setObjectName("auditSince")
        self.until = QDateEdit()
        self.until.setObjectName("auditUntil")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(fmt.date_format())
        today = session.svc.shop_today(session.user_id)
        self.since.setDate(QDate(today.year, today.month, today.day).addDays(-6))
        self.until.setDate(QDate(today.year, today.month, today.day))
        for widget in (self.person, self.action):
            widget.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.count = build.label("auditCount")
        export = build.button(tr("Export CSV…"), "auditExport", self.export,
                              tooltip=tr("Save the lines shown as a CSV file"))
        self.model = AuditModel(self)
        self.table = read_only_table("auditTable", tr("Audit log"), self.model)
        set_read_only(self.table, fixed_rows=True)   # one line a row: up to 10,000 of them
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = error_label("auditError")
        self.flags_title = build.label("auditFlagsTitle", tr("<b>Flags</b> (owner)"))
        self.flags = QListWidget()
        self.flags.setObjectName("auditFlags")
        self.flags.setMaximumHeight(120)
        build.column(build.row(QLabel(tr("Person")), self.person, QLabel(tr("Action")), self.action,
                               QLabel(tr("From")), self.since, QLabel(tr("to")), self.until, None, self.count,
                               export),
                     self.error, (self.table, 1), self.flags_title, self.flags, parent=self)

    def window_days(self) -> tuple[dt.date, dt.date]:
        first, last = fmt.day_of(self.since.date()), fmt.day_of(self.until.date())
        return (first, last) if first <= last else (last, first)

    def refresh(self) -> None:
        super().refresh()
        if self.session.locked or not self.session.may(Permission.VIEW_AUDIT):
            return
        if self.loading:
            self.stale = True
            return
        self.loading = True
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor
        first, last = self.window_days()
        zone = ZoneInfo(self.session.time_zone or "UTC")   # the shop's days, not this computer's
        since = dt.datetime.combine(first, dt.time(), zone).astimezone(dt.UTC)
        until = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), zone).astimezone(dt.UTC)
        staff_id, action = self.person.currentData(), self.action.currentData()
        flags_too = self.session.may(Permission.VIEW_FLAGS)

        def load(_report: Any) -> tuple[list[Any], list[Any], list[tuple[int, str]]]:
            entries = svc.get_audit_log(user, actor=actor, staff_id=staff_id, action=action, since=since,
                                        until=until)
            flags = svc.get_flags(user, since=since, actor=actor) if flags_too else []
            return entries, flags, svc.sign_in_names(user)

        run_job(load, self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.error.setText(refusal_words(error) if isinstance(error, LoyaltyError)
                           else tr("The log could not be read: {error}").format(error=refusal_words(error)))
        self.error.setVisible(True)

    def _show(self, loaded: tuple[list[Any], list[Any], list[tuple[int, str]]]) -> None:
        self.loading = False
        entries, flags, names = loaded
        self.error.setVisible(False)
        self.entries = entries
        self.model.currency = self.session.currency
        self.model.replace_rows(entries)
        self.table.resizeColumnsToContents()
        self.count.setText(plural(len(entries), tr("{n} line"), tr("{n} lines")).format(n=f"{len(entries):,}"))
        people: dict[Any, str] = {None: tr("Everyone"), **dict(names)}
        actions: dict[Any, str] = {None: tr("Every action"), **{e.action: action_text(e.action) for e in entries}}
        chosen = self.action.currentData()
        if chosen:
            actions[chosen] = action_text(chosen)   # the filter stays, even on a day without that action
        for box, choices in ((self.person, people), (self.action, actions)):
            box.blockSignals(True)
            build.refill(box, choices, box.currentData())
            box.blockSignals(False)
        show_flags = self.session.may(Permission.VIEW_FLAGS)
        self.flags_title.setVisible(show_flags)
        self.flags.setVisible(show_flags)
        self.flags.clear()
        for flag in flags:
            # Who and whose card, beside what: the message alone does not say who to ask.
            parts = [fmt.date_time(flag.time), flag.staff_name or "", flag.message,
                     tr("member: {name}").format(name=flag.member_name) if flag.member_name else ""]
            self.flags.addItem(" · ".join(part for part in parts if part))
        if show_flags and not flags:
            self.flags.addItem(tr("Nothing to look at in these days"))
        if self.stale:
            self.refresh()

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the audit log"), "audit-log.csv",
                                              tr("CSV file (*.csv)"))
        if path:
            self.save_csv(path)

    def save_csv(self, path: str) -> None:
        rows = [[e.time.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds"),
                 e.action, who(e) or BEFORE_STAFF, e.approver_name, e.member_name, e.points, e.amount, e.description,
                 e.register_name]
                for e in self.entries]
        try:
            write_csv(path, CSV_COLUMNS, rows)
        except OSError as error:
            self.error.setText(tr("Could not save {path}: {error}").format(path=path, error=error.strerror))
            self.error.setVisible(True)
            return
        self.count.setText(tr("saved {n} lines to {path}").format(n=f"{len(rows):,}", path=path))

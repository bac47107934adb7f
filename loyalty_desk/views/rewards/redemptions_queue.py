"""The redemptions queue: every redemption of the shop, filterable by status, with the fulfillment actions.

The buttons offer only the moves the workflow allows from the selected row's
status; the service remains the judge and any refusal is shown in plain words.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QWidget,
)

from ...errors import LoyaltyError
from ...services import LoyaltyService
from ...services.redemptions import DELIVERY_OPEN
from ..i18n import plural, tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..shell.theme import accent, paint
from ..widgets import build, labels
from ..widgets import formatting as fmt
from ..widgets.forms import Confirm
from ..widgets.tables import RowsModel, read_only_table
from ..widgets.workers import report_unexpected, run_call, waiting

STATUS_LABELS = labels.FULFILLMENT_STATUSES
# The service's own fulfillment workflow, to enable only the buttons that make sense.
TRANSITIONS = LoyaltyService.fulfillment_transitions()
QUEUE_LIMIT = 500



def allowed(status: str | None) -> frozenset[str]:
    return TRANSITIONS.get(status or "", frozenset())


class TrackingNumber:
    """Asks for the parcel's tracking number; a classmethod so tests can patch it."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = QInputDialog(parent)
        dialog.setObjectName("trackingDialog")
        dialog.setWindowTitle(tr("Mark shipped"))
        dialog.setLabelText(tr("Tracking number of the parcel:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.textValue().strip() or None


class DeliveryChoice:
    """Asks how the reward reaches the member; a classmethod so tests can patch it. Returns
    (method, address) (method None: not said), or None when the person closed it."""

    @classmethod
    def ask(cls, parent: QWidget | None, method: str | None, address: str | None) -> tuple[str | None, str] | None:
        dialog = QDialog(parent)
        dialog.setObjectName("deliveryDialog")
        dialog.setWindowTitle(tr("Delivery"))
        methods = QComboBox()
        methods.setObjectName("deliveryMethod")
        methods.addItem(tr("Not said"), None)
        for value, text in labels.DELIVERY_METHODS.items():
            methods.addItem(text, value)
        methods.setCurrentIndex(max(0, methods.findData(method)))
        where = QLineEdit(address or "")
        where.setObjectName("deliveryAddress")
        where.setMaxLength(500)
        where.setPlaceholderText(tr("Street, town, postcode"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form = QFormLayout(dialog)
        form.addRow(tr("&Delivery"), methods)
        form.addRow(tr("&Address"), where)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return methods.currentData(), where.text().strip()


class RedemptionsModel(RowsModel):
    """The queue's rows, newest first, as the service returns them."""

    DATE, MEMBER, REWARD, POINTS, STATUS, CODE, TRACKING, PROGRAM, DELIVERY = range(9)
    NUMERIC = frozenset({POINTS})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (tr("Date"), tr("Member"), tr("Reward"), tr("Points"), tr("Status"), tr("Code"),
                        tr("Tracking"), tr("Program"), tr("Delivery"))
        self._programs: dict[int, str] = {}
        self._code_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    def set_rows(self, rows: list[Any], programs: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._programs = dict(programs or {})
        self.endResetModel()

    def redemption(self, row: int) -> Any:
        return self.row_at(row)

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return {"pending": accent("gold"), "delivered": accent("good"), "redeemed": accent("good"),
                    "cancelled": accent("muted")}.get(row.fulfillment_status)
        if role == Qt.ItemDataRole.FontRole:
            if column == self.CODE:
                return self._code_font
            if column == self.STATUS and row.fulfillment_status == "pending":
                bold = QFont()
                bold.setBold(True)
                return bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        return None

    def _text(self, row: Any, column: int) -> str:
        if column == self.DATE:
            return fmt.date_time(row.redemption_date)
        if column == self.MEMBER:
            return row.member_name or tr("Member #{id}").format(id=row.member_id)
        if column == self.REWARD:
            return row.reward_name or tr("Reward #{id}").format(id=row.reward_id)
        if column == self.POINTS:
            return fmt.points(row.points_redeemed)
        if column == self.STATUS:
            return STATUS_LABELS.get(row.fulfillment_status, row.fulfillment_status)
        if column == self.CODE:
            return row.reward_code_generated or ""
        if column == self.TRACKING:
            return row.tracking_number or ""
        if column == self.PROGRAM:
            return self._programs.get(row.program_id, "")
        if column == self.DELIVERY:
            return self.delivery_text(row)
        return ""

    @staticmethod
    def delivery_text(row: Any) -> str:
        method = labels.label(labels.DELIVERY_METHODS, row.delivery_method)
        return f"{method}: {row.shipping_address}" if row.shipping_address else method

    def _tooltip(self, row: Any) -> str:
        lines = [tr("{reward} for {member}").format(reward=self._text(row, self.REWARD),
                                                    member=self._text(row, self.MEMBER)),
                 f"{STATUS_LABELS.get(row.fulfillment_status, row.fulfillment_status)}"
                 + (tr(" on {date}").format(date=fmt.date_time(row.fulfillment_date)) if row.fulfillment_date else "")]
        if row.tracking_number:
            lines.append(tr("Tracking: {number}").format(number=row.tracking_number))
        if row.shipping_address:
            lines.append(tr("Ship to: {address}").format(address=row.shipping_address))
        if row.redemption_notes:
            lines.append(tr("Notes: {notes}").format(notes=row.redemption_notes))
        return "\n".join(lines)


class RedemptionsQueue(QWidget):
    """The queue and its actions. `wrote` fires after each successful status change; `refused` after a
    refusal, which usually means the row changed elsewhere (another register), so what is shown is stale."""

    wrote = Signal(object)
    refused = Signal()

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("redemptionsQueue")
        self._programs: dict[int, str] = {}
        self.busy = False  # a status change in flight: one at a time

        top = self._build_top()
        self._build_table()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, name, tip, slot in self._actions():
            self.buttons[key] = build.button(text, key, slot, tooltip=tip)
            self.buttons[key].setAccessibleName(name)
            self.buttons[key].setEnabled(False)
        self.message = build.label("queueMessage", wrap=True, selectable=True, visible=False)
        build.column(top, (self.table, 1), build.row(*self.buttons.values(), None), self.message, margins=False,
                     parent=self)
        self.approve_button = self.buttons["approveRedemptionButton"]
        self.ship_button = self.buttons["shipRedemptionButton"]
        self.deliver_button = self.buttons["deliverRedemptionButton"]
        self.redeem_button = self.buttons["markRedeemedButton"]
        self.cancel_button = self.buttons["cancelRedemptionButton"]
        self.setTabOrder(self.status_filter, self.table)
        paint(self.count_label, "muted")

    def _build_top(self) -> QHBoxLayout:
        """The title, the status filter, a refresh button, the search and the count."""
        self.status_filter = build.combo("redemptionStatusFilter", {None: tr("All statuses"), **{
            str(status): text for status, text in STATUS_LABELS.items()}},
            accessible=tr("Show redemptions with status"), tooltip=tr("Show only the redemptions with this status"))
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        filter_label = QLabel(tr("Sho&w:"))
        filter_label.setBuddy(self.status_filter)
        self.search = build.line_edit("redemptionsSearch", accessible=tr("Search redemptions"),
                                      placeholder=tr("Voucher code, or member name, phone, email or card"))
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):
            clear.setToolTip(tr("Clear the search"))
            clear.setAccessibleName(tr("Clear the search"))
        self.search.setMinimumWidth(280)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self.reload)
        self.search.textEdited.connect(lambda _text: self._search_timer.start(250))
        self.search.returnPressed.connect(self.reload)
        self.count_label = build.label("redemptionsCount")
        self.refresh_button = build.tool_button(
            "redemptionsRefresh", self.reload, icon=self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload),
            accessible=tr("Refresh redemptions"), tooltip=tr("Refresh the queue (F5 refreshes everything)"))
        self.refresh_button.setAutoRaise(True)
        return build.row(build.label("redemptionsTitle", tr("Redemptions"), scale=1.15, bold=True), 12, filter_label,
                         self.status_filter, self.refresh_button, 12, (self.search, 1), None, self.count_label)

    def _build_table(self) -> None:
        self.model = RedemptionsModel(self)
        self.table = read_only_table("redemptionsTable", tr("Redemptions"), self.model)
        header = self.table.horizontalHeader()
        for column, width in ((RedemptionsModel.DATE, 140), (RedemptionsModel.MEMBER, 160),
                              (RedemptionsModel.POINTS, 70), (RedemptionsModel.STATUS, 90),
                              (RedemptionsModel.CODE, 170), (RedemptionsModel.TRACKING, 190),
                              (RedemptionsModel.PROGRAM, 120)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(RedemptionsModel.REWARD, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(50)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def _actions(self) -> tuple[tuple[str, str, str, str, Callable[[], Any]], ...]:
        """(object name, text, accessible name, tooltip, slot) of each fulfilment button."""
        return (
            ("approveRedemptionButton", tr("&Approve"), tr("Approve redemption"),
             tr("Approve the selected pending redemption"), lambda: self.change_status("approved")),
            ("shipRedemptionButton", tr("&Ship…"), tr("Ship redemption"),
             tr("Mark it shipped; asks for the tracking number"), self.ship),
            ("deliverRedemptionButton", tr("&Deliver"), tr("Mark delivered"), tr("Mark the shipped parcel delivered"),
             lambda: self.change_status("delivered")),
            ("markRedeemedButton", tr("Mark &redeemed"), tr("Mark redeemed"),
             tr("The member received the reward at the counter"), lambda: self.change_status("redeemed")),
            ("cancelRedemptionButton", tr("&Cancel…"), tr("Cancel redemption"),
             tr("Cancel it: the points go back to the member and the reward is restocked"), self.cancel),
            ("deliveryRedemptionButton", tr("De&livery…"), tr("Change the delivery"),
             tr("How the reward reaches the member: collected, posted to an address, or online"),
             self.change_delivery),
        )

    # --- loading -----------------------------------------------------------------

    def status(self) -> str | None:
        return self.status_filter.currentData()

    def set_status(self, status: str | None) -> None:
        """Show one status (None: all). Reloads when the filter changes."""
        index = self.status_filter.findData(status) if status is not None else 0
        if index < 0:
            raise ValueError(f"unknown redemption status {status!r}")
        if index == self.status_filter.currentIndex():
            self.reload()
        else:
            self.status_filter.setCurrentIndex(index)

    def set_programs(self, programs: dict[int, str]) -> None:
        self._programs = dict(programs)
        self.table.setColumnHidden(RedemptionsModel.PROGRAM, len(programs) <= 1)

    def reload(self) -> None:
        """Fetch the queue again, keeping the selected redemption (or the row where it was)."""
        current = self.selected()
        row_before = self.table.currentIndex().row()
        self._search_timer.stop()
        query = self.search.text().strip()
        try:
            if query:
                rows = self.session.svc.search_redemptions(self.session.user_id, query, status=self.status(),
                                                           limit=QUEUE_LIMIT)
            else:
                rows = self.session.svc.get_redemptions(self.session.user_id, status=self.status())
        except LoyaltyError as error:
            self.say(refusal_words(error), error=True)
            return
        self.model.set_rows(rows, self._programs)
        shown = len(rows)
        status = self.status()
        if status:
            count = plural(shown, tr("{n} {status} redemption"), tr("{n} {status} redemptions"))
        else:
            count = plural(shown, tr("{n} redemption"), tr("{n} redemptions"))
        count = count.format(n=f"{shown:,}", status=STATUS_LABELS[status].lower() if status else "")
        found = tr(" matching “{query}”").format(query=query) if query else ""
        self.count_label.setText(count + found
                                 + (tr(" (newest {n})").format(n=QUEUE_LIMIT) if shown >= QUEUE_LIMIT else ""))
        row = self.model.row_of(current.id) if current is not None else -1
        if row < 0 and current is not None and self.model.rowCount():
            row = min(max(row_before, 0), self.model.rowCount() - 1)
        if row >= 0:
            self.select_row(row)
        self._update_buttons()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, self.table.selectionModel().SelectionFlag.ClearAndSelect
            | self.table.selectionModel().SelectionFlag.Rows)
        self.table.scrollTo(index)

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.redemption(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        if self.busy:
            return
        row = self.selected()
        moves = allowed(row.fulfillment_status if row is not None else None)
        self.approve_button.setEnabled("approved" in moves)
        self.ship_button.setEnabled("shipped" in moves)
        self.deliver_button.setEnabled("delivered" in moves)
        self.redeem_button.setEnabled("redeemed" in moves)
        self.cancel_button.setEnabled("cancelled" in moves)
        self.buttons["deliveryRedemptionButton"].setEnabled(row is not None and row.fulfillment_status in DELIVERY_OPEN)

    # --- actions --------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(tr("error") if error else tr("message"))
        paint(self.message, "bad" if error else "good")
        self.message.setVisible(bool(text))

    def change_status(self, target: str, *, tracking_number: str | None = None) -> None:
        """Moves the selected redemption to `target`, in a worker; `wrote` reports the updated row."""
        row = self.selected()
        if row is None or self.busy:
            return
        self.say("")
        if target not in allowed(row.fulfillment_status):
            self.say(tr("A {status} redemption cannot become {target}.").format(status=row.fulfillment_status,
                                                                                target=target), error=True)
            return
        svc, user = self.session.svc, self.session.user_id
        self._write(lambda: svc.update_redemption_status(user, row.id, target, tracking_number=tracking_number,
                                                         actor=self.session.actor),
                    lambda updated: self._moved(row, target, tracking_number, updated))

    def _write(self, call: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """One write at a time, in a worker, the buttons off meanwhile; a refusal is said by _move_failed."""
        self.busy = True
        for button in self.buttons.values():
            button.setEnabled(False)
        run_call(call, done, self._move_failed, on_waiting=lambda: self.say(waiting()))

    def _moved(self, row: Any, target: str, tracking_number: str | None, updated: Any) -> None:
        self.busy = False
        name = tr("{reward} for {member}").format(reward=row.reward_name or tr("Reward"),
                                                  member=row.member_name or tr("the member"))
        done = {"approved": tr("Approved: {name}."),
                "shipped": tr("Shipped: {name} (tracking {tracking})."),
                "delivered": tr("Delivered: {name}."),
                "redeemed": tr("Redeemed: {name}."),
                "cancelled": tr("Cancelled: {name}. {points} points went back to the member"
                                " and the reward was restocked.")}
        self.say(done[target].format(name=name, tracking=tracking_number, points=fmt.points(row.points_redeemed)))
        self._update_buttons()
        self.wrote.emit(updated)

    def _move_failed(self, error: BaseException) -> None:
        self.busy = False
        self._update_buttons()
        if not isinstance(error, LoyaltyError):
            report_unexpected(error)
            return
        self.say(refusal_words(error), error=True)
        self.refused.emit()

    def ship(self) -> None:
        row = self.selected()
        if row is None or "shipped" not in allowed(row.fulfillment_status):
            return
        tracking = TrackingNumber.ask(self)
        if tracking:
            self.change_status("shipped", tracking_number=tracking.strip())

    def change_delivery(self) -> None:
        row = self.selected()
        if row is None or self.busy:
            return
        answer = DeliveryChoice.ask(self, row.delivery_method, row.shipping_address)
        if answer is None:
            return
        method, address = answer
        svc, user = self.session.svc, self.session.user_id
        self.say("")

        def done(updated: Any) -> None:
            self.busy = False
            self.say(tr("Delivery of {reward}: {delivery}.").format(
                reward=row.reward_name or tr("Reward"), delivery=self.model.delivery_text(updated)
                or tr("Not said")))
            self._update_buttons()
            self.wrote.emit(updated)

        self._write(lambda: svc.update_redemption_delivery(user, row.id, method, address or None,
                                                           actor=self.session.actor), done)

    def cancel(self) -> None:
        row = self.selected()
        if row is None or "cancelled" not in allowed(row.fulfillment_status):
            return
        question = (tr("Cancel {reward} for {member}?").format(reward=row.reward_name or tr("this reward"),
                                                               member=row.member_name or tr("this member"))
                    + "\n\n" + tr("The {points} points go back to their balance and the reward "
                                  "is restocked. This cannot be undone.").format(
                        points=fmt.points(row.points_redeemed)))
        if Confirm.ask(self, tr("Cancel redemption"), question):
            self.change_status("cancelled")

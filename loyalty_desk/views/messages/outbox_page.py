"""Settings ▸ Messages… ▸ Outbox (managers and owners): the emails to members, newest first, by
status, with Retry for a failed one and, when this computer sends mail, "Send now"."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...errors import LoyaltyError
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..shell.theme import accent
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.forms import FieldErrors, error_label
from ..widgets.tables import RowsModel, read_only_table, select_row
from ..widgets.workers import run_call
from .sender import MailSender
from .templates_page import kinds


def statuses() -> dict[str | None, str]:
    """The outbox's filter: a status (None: all) and its label."""
    return {None: tr("All"), "pending": tr("Waiting to go"), "failed": tr("Failed"), "sent": tr("Sent")}


def status_word(status: str) -> str:
    """A message's status in one word, as the list shows it."""
    return {"pending": tr("pending"), "failed": tr("failed"), "sent": tr("sent")}.get(status, status)


class OutboxModel(RowsModel):
    NUMERIC = frozenset({5})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (tr("Queued"), tr("Kind"), tr("To"), tr("Subject"), tr("Status"), tr("Tries"), tr("Last error"))
        self.HEADER_TIPS = {2: tr("A message waiting to go shows the member's address as it is now"),
                            5: tr("Tries so far: a temporary failure is tried again after 1, 2, 4… minutes")}

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and row.status in ("failed", "sent"):
            return accent("bad" if row.status == "failed" else "good")
        if role == Qt.ItemDataRole.ToolTipRole and column == 6:
            return row.last_error
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        status = status_word(row.status) if row.status != "pending" or not row.attempts else \
            tr("pending, next try {when}").format(when=fmt.date_time(row.next_attempt_at))
        if row.status == "sent" and row.sent_at is not None:
            status = tr("sent {when}").format(when=fmt.date_time(row.sent_at))
        return (fmt.date_time(row.created_at), kinds().get(row.kind, row.kind), row.recipient or "",
                row.subject or "", status, fmt.points(row.attempts), row.last_error or "")[column]


class OutboxPage(QWidget):
    def __init__(self, session: ShopSession, sender: MailSender | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.mail_sender = sender
        self.setObjectName("outboxPage")
        self.model = OutboxModel(self)
        self.table = read_only_table("outboxTable", tr("Outbox"), self.model)
        self.table.horizontalHeader().setStretchLastSection(True)      # the last error takes what is left
        self.status = build.combo("outboxStatus", statuses(), accessible=tr("Show"))
        self.retry_button = build.button(tr("&Retry"), "outboxRetry", self.retry,
                                         tooltip=tr("Put the failed message back in the queue, to go at once"))
        self.refresh_button = build.button(tr("Re&fresh"), "outboxRefresh", self.reload)
        self.send_button = build.button(tr("Send &now"), "outboxSendNow", self.send_now,
                                        tooltip=tr("Send what is due now rather than within the minute"))
        self.send_button.setVisible(sender is not None)
        self.note = build.label("outboxNote", wrap=True)
        self.error = error_label("outboxError")
        self.errors = FieldErrors(self.error)
        show = build.label("outboxShowLabel", tr("&Show"))
        show.setBuddy(self.status)
        build.column(build.row(show, self.status, None, self.send_button,
                               self.refresh_button, self.retry_button, margins=False),
                     (self.table, 1), self.note, self.error, parent=self)
        self.status.currentIndexChanged.connect(lambda _index: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._selection_changed())
        if sender is not None:
            sender.finished.connect(lambda _report: self.reload() if self.isVisible() else None)
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else getattr(self.chosen(), "id", None)
        try:
            rows = self.session.svc.get_outbox(self.session.user_id, status=self.status.currentData(),
                                               actor=self.session.actor)
        except LoyaltyError as error:
            self.errors.show_text(refusal_words(error), focus=False)
            rows = []
        self.model.replace_rows(rows)
        self.table.resizeColumnsToContents()
        for column, most in ((2, 240), (3, 300)):       # a long address or subject leaves room for the error
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), most))
        row = self.model.row_of(keep)
        select_row(self.table, row if row >= 0 else (0 if rows else -1))
        self._selection_changed()
        shop = self.session.shop
        self.note.setText("" if shop is not None and shop.smtp_host and shop.smtp_from else
                          tr("Nothing goes out until the mail server is set (the Mail server tab)."))

    def chosen(self) -> Any:
        return self.model.row_at(self.table.currentIndex().row())

    def _selection_changed(self) -> None:
        message = self.chosen()
        self.retry_button.setEnabled(message is not None and message.status == "failed")

    def retry(self) -> None:
        message = self.chosen()
        if message is None or message.status != "failed":
            return
        self.errors.clear()
        self.retry_button.setEnabled(False)
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor
        run_call(lambda: svc.retry_message(user, message.id, actor=actor), lambda again: self.reload(again.id),
                 self._failed)

    def send_now(self) -> None:
        if self.mail_sender is not None and not self.mail_sender.send_now():
            self.note.setText(self.mail_sender.why_not())

    def _failed(self, error: BaseException) -> None:
        self._selection_changed()
        self.errors.show_refusal(error)

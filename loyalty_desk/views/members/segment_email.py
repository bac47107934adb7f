"""Members ▸ Segment ▸ Email…: one email, written here, to the members of a segment who agreed to
marketing email (README, "Segments"). It says beforehand how many it reaches, and sends once:
the dialog's key makes a second Send (or a double click) queue nothing more."""
from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QWidget

from ...services.dto import SegmentAudience, SegmentEmail, SegmentRule
from ..i18n import plural, tr
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets.forms import FieldErrors, error_label
from ..widgets.workers import run_call


class SegmentEmailDialog(QDialog):
    def __init__(self, session: ShopSession, rule: SegmentRule, program_id: int | None, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.rule, self.program_id = session, rule, program_id
        self.key = f"desk-{uuid.uuid4().hex}"
        self.outcome: SegmentEmail | None = None
        self.reach: SegmentAudience | None = None
        self.busy = False                       # the idle lock waits for a send in progress
        self.setObjectName("segmentEmailDialog")
        self.setWindowTitle(tr("Email to {segment}").format(segment=title))
        self.audience = build.label("segmentEmailAudience", tr("Counting who it reaches…"), wrap=True)
        self.subject = build.line_edit("segmentEmailSubject", placeholder=tr("Double points this weekend"),
                                       accessible=tr("Subject"))
        self.subject.setMaxLength(200)
        self.message = build.text_area("segmentEmailMessage", lines=8, accessible=tr("Message"),
                                       placeholder=tr("Every purchase earns double points on Saturday and Sunday."))
        self.error = error_label("segmentEmailError")
        self.errors = FieldErrors(self.error)
        form = QFormLayout()
        self.errors.add_row(form, tr("&Subject:"), self.subject, "subject")
        self.errors.add_row(form, tr("&Message:"), self.message, "message")
        hint = build.label("segmentEmailHint", tr("Each email greets the member by name and ends with their "
                                                  "balance and a way to unsubscribe (the \"Email to a segment\" "
                                                  "template in Settings ▸ Messages)."), wrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.addButton(tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("segmentEmailSend")
        self.send_button.setEnabled(False)
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        build.column(self.audience, form, hint, self.error, self.buttons, parent=self)
        self.setMinimumWidth(520)
        svc, user = session.svc, session.user_id
        run_call(lambda: svc.segment_audience(user, rule, program_id=program_id), self._counted,
                 self.errors.show_refusal)

    def _counted(self, audience: Any) -> None:
        assert isinstance(audience, SegmentAudience)
        self.reach = audience
        reached = plural(audience.reachable, tr("Goes to {n} member"), tr("Goes to {n} members")).format(
            n=f"{audience.reachable:,}")
        others = audience.members - audience.reachable
        if others:
            reached += " " + plural(others, tr("({n} other in the segment has not agreed to marketing email, has no "
                                               "email address or opted out.)"),
                                    tr("({n} others in the segment have not agreed to marketing email, have no "
                                       "email address or opted out.)")).format(n=f"{others:,}")
        self.audience.setText(reached)
        self.send_button.setEnabled(audience.reachable > 0)

    def send(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        self.busy = True
        self.send_button.setEnabled(False)
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor
        subject, message = self.subject.text(), self.message.toPlainText()
        run_call(lambda: svc.email_segment(user, self.rule, subject, message, key=self.key,
                                           program_id=self.program_id, actor=actor), self._sent, self._refused)

    def _sent(self, outcome: Any) -> None:
        self.busy = False
        self.outcome = outcome
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.busy = False
        self.send_button.setEnabled(True)
        self.errors.show_refusal(error)

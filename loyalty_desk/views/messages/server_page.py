"""Settings ▸ Messages… ▸ Mail server (the owner): where the outbox goes through, its password in
the OS keyring (never the database), and "Send a test email".

Every field is checked as it is typed, with the service's own rule for it (services.shops.SETTINGS):
its error shows next to it, and Save and the test stay disabled until all are valid. The save and
the test run off the GUI thread: a mail server can take its time (30 s) to answer, or not at all.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from ...domain.messages import SMTP_DEFAULT_PORTS
from ...errors import LoyaltyError
from ...services.contacts import normalize_email
from ...services.shops import SETTINGS
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.changes import Changes
from ..shell.session import ShopSession
from ..shell.theme import paint
from ..widgets import build
from ..widgets.forms import FieldErrors, error_label
from ..widgets.workers import run_call
from .mail import MailTools


def security() -> dict[str, str]:
    """The connection's security (the stored value) and its label."""
    return {"starttls": tr("STARTTLS (usually port 587)"), "tls": tr("TLS from the start (usually port 465)"),
            "none": tr("None: unencrypted (port 25, a server on this network only)")}


MOST_WIDTH = 720                 # a form of short lines, not stretched across the dialog
FIELDS = ("smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_from", "smtp_reply_to",
          "smtp_allow_self_signed", "unsubscribe_base_url")


class ServerPage(QWidget):
    saved = Signal(object)           # the Shop as saved

    def __init__(self, session: ShopSession, mail: MailTools | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.mail = mail
        self.setObjectName("mailServerPage")
        self.stored: Any = session.svc.get_shop(session.user_id)
        self.host = build.line_edit("smtpHost", placeholder="smtp.example.com", accessible=tr("Mail server"))
        self.port = build.line_edit("smtpPort", accessible=tr("Port"), max_length=5)
        self.security = build.combo("smtpSecurity", security(), accessible=tr("Security"))
        self.username = build.line_edit("smtpUsername", placeholder=tr("often your email address"),
                                        accessible=tr("User name"))
        self.password = build.line_edit("smtpPassword", accessible=tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.from_address = build.line_edit("smtpFrom", placeholder="shop@example.com", accessible=tr("From"))
        self.reply_to = build.line_edit("smtpReplyTo", placeholder=tr("where replies and STOP go"),
                                        accessible=tr("Reply to"))
        self.self_signed = QCheckBox(tr("Accept a self-signed certificate (only for a server you trust)"))
        self.self_signed.setObjectName("smtpSelfSigned")
        # Where members' one-click "unsubscribe" links point: the HTTP API (loyalty-desk serve) as the
        # members' mail programs reach it. Empty: every email says "reply STOP" instead.
        self.unsubscribe = build.line_edit("unsubscribeBaseUrl",
                                           placeholder=tr("https://loyalty.example.com (optional)"),
                                           accessible=tr("Unsubscribe link address"))
        self.unsubscribe.setToolTip(tr("The address of this shop's HTTP API as members reach it; each email then "
                                       "carries a one-click unsubscribe link. Leave empty for \"reply STOP\"."))
        self.keyring_note = build.label("smtpKeyringNote", wrap=True)
        self.error = error_label("mailServerError")
        self.errors = FieldErrors(self.error, clear_on_edit=False)
        form = build.form_layout()
        for text, widget, field in ((tr("Mail &server"), self.host, "smtp_host"),
                                    (tr("&Port"), self.port, "smtp_port"),
                                    (tr("Se&curity"), self.security, "smtp_security"),
                                    (tr("&User name"), self.username, "smtp_username"),
                                    (tr("Pass&word"), self.password, "smtp_password"),
                                    (tr("&From"), self.from_address, "smtp_from"),
                                    (tr("&Reply to"), self.reply_to, "smtp_reply_to"),
                                    ("", self.self_signed, "smtp_allow_self_signed"),
                                    (tr("Unsubscribe &link"), self.unsubscribe, "unsubscribe_base_url")):
            self.errors.add_row(form, text, widget, field)
        self.save_button = build.button(tr("&Save"), "smtpSave", self.save)
        self.saved_note = build.label("smtpSavedNote")
        self.test_to = build.line_edit("smtpTestTo", placeholder="you@example.com", accessible=tr("Send the test to"))
        self.test_button = build.button(tr("Send a &test email"), "smtpTest", self.send_test,
                                        tooltip=tr("One short email through the server as typed above, saved or not"))
        self.test_answer = build.label("smtpTestAnswer", selectable=True)
        test_form = build.form_layout()
        self.errors.add_row(test_form, tr("Send the test &to"), build.boxed(self.test_to, self.test_button), "test_to")
        test_form.addRow("", self.test_answer)
        content = build.pane("mailServerForm", build.label(
            "mailServerIntro", tr("The emails to members go through this mail server: your email provider's SMTP "
                                  "settings."), wrap=True), form, self.keyring_note,
            build.row(None, self.saved_note, self.save_button, margins=False), test_form, self.error, None)
        content.setMaximumWidth(MOST_WIDTH)
        build.row((content, 3), None, parent=self)
        self._fill(self.stored)
        self._show_keyring()
        for edit in (self.host, self.port, self.username, self.password, self.from_address, self.reply_to,
                     self.unsubscribe, self.test_to):
            edit.textChanged.connect(self._recheck)
        self.security.currentIndexChanged.connect(self._recheck)
        self.self_signed.toggled.connect(self._recheck)
        self._busy = False
        self._recheck()

    # --- the form ------------------------------------------------------------------------

    def _fill(self, shop: Any) -> None:
        self.host.setText(shop.smtp_host or "")
        self.port.setText(str(shop.smtp_port) if shop.smtp_port else "")
        self.security.setCurrentIndex(max(0, self.security.findData(shop.smtp_security)))
        self.username.setText(shop.smtp_username or "")
        self.from_address.setText(shop.smtp_from or "")
        self.reply_to.setText(shop.smtp_reply_to or "")
        self.self_signed.setChecked(shop.smtp_allow_self_signed)
        self.unsubscribe.setText(shop.unsubscribe_base_url or "")
        self.password.clear()

    def _show_keyring(self) -> None:
        """Whether this computer can keep the password, and whether it keeps one for this account."""
        problem = self.mail.keyring_problem() if self.mail is not None else \
            tr("Mail cannot be sent from this copy of Loyalty Desk (its mail part is not installed)")
        self.password.setEnabled(problem is None)
        if problem is not None:
            self.password.setPlaceholderText(tr("no keyring on this computer"))
            self.keyring_note.setText(problem)
            paint(self.keyring_note, "bad")
            return
        kept = bool(self.mail is not None and self.stored.smtp_host and self.stored.smtp_username and
                    self.mail.has_smtp_password(self.session.user_id, self.stored.smtp_username,
                                                self.stored.smtp_host))
        self.password.setPlaceholderText(tr("kept in the keyring: type to change it") if kept else "")
        self.keyring_note.setText(tr("The password goes to this computer's keyring, never to the database."))
        paint(self.keyring_note, None)

    def values(self) -> dict[str, Any]:
        port = self.port.text().strip()
        return {"smtp_host": self.host.text().strip() or None,
                "smtp_port": int(port) if port.isdigit() else (port or None),
                "smtp_security": self.security.currentData(),
                "smtp_username": self.username.text().strip() or None,
                "smtp_from": self.from_address.text().strip() or None,
                "smtp_reply_to": self.reply_to.text().strip() or None,
                "smtp_allow_self_signed": self.self_signed.isChecked(),
                "unsubscribe_base_url": self.unsubscribe.text().strip() or None}

    def problems(self, data: Mapping[str, Any]) -> dict[str, str]:
        """Each field's mistake, by the service's own rule for it; and what sending needs."""
        found: dict[str, str] = {}
        for field in FIELDS:
            try:
                SETTINGS[field](data[field])
            except LoyaltyError as error:
                found[field] = refusal_words(error)
        if data["smtp_host"] and not data["smtp_from"] and "smtp_from" not in found:
            found["smtp_from"] = tr("Enter the address the emails come from")
        if data["smtp_from"] and not data["smtp_host"] and "smtp_host" not in found:
            found["smtp_host"] = tr("Enter the mail server, such as smtp.example.com")
        if self.password.text() and not data["smtp_username"]:
            found["smtp_username"] = tr("Enter the user name the password is for")
        return found

    def test_problem(self) -> str | None:
        text = self.test_to.text().strip()
        if not text:
            return None
        try:
            normalize_email(text)
        except LoyaltyError as error:
            return refusal_words(error)
        return None

    def _recheck(self, *_args: object) -> None:
        usual = SMTP_DEFAULT_PORTS[self.security.currentData()]
        self.port.setPlaceholderText(tr("{port} (the usual one)").format(port=usual))
        data = self.values()
        found = self.problems(data)
        test = self.test_problem()
        if test:
            found["test_to"] = test
        for field, label in self.errors.labels.items():
            if field in found:
                self.errors.show_text(found[field], field, focus=False)
            else:
                label.setVisible(False)
        valid = not {key for key in found if key != "test_to"}
        self.save_button.setEnabled(valid and not self._busy)
        self.save_button.setToolTip("" if valid else tr("Correct the fields marked in red first"))
        self.test_button.setEnabled(valid and bool(data["smtp_host"]) and bool(self.test_to.text().strip())
                                    and test is None and not self._busy)
        self.saved_note.clear()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._recheck()

    # --- save and test -------------------------------------------------------------------

    def save(self) -> None:
        data = self.values()
        if not self.save_button.isEnabled() or self.problems(data):
            return
        svc, user, actor, mail = self.session.svc, self.session.user_id, self.session.actor, self.mail
        password = self.password.text()

        def work() -> tuple[Any, str | None]:
            shop = svc.save_shop(user, data, actor=actor)
            if not password or mail is None:
                return shop, None
            try:
                mail.set_smtp_password(user, data["smtp_username"], data["smtp_host"], password)
            except Exception as exc:  # noqa: BLE001 - KeyringMissing, or the keyring refused (locked)
                return shop, tr("Saved, but the password could not be kept: {reason}").format(reason=exc)
            return shop, None

        self._set_busy(True)
        run_call(work, self._saved, self._failed)

    def _saved(self, outcome: tuple[Any, str | None]) -> None:
        shop, problem = outcome
        self.stored = shop
        self._fill(shop)
        self._show_keyring()
        self._set_busy(False)
        self.session.notify(Changes(shop=True), self)
        if problem:
            self.errors.show_text(problem, "smtp_password", focus=False)
        self.saved_note.setText(tr("Saved"))
        self.saved.emit(shop)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.errors.show_refusal(error)

    def send_test(self) -> None:
        if not self.test_button.isEnabled() or self.mail is None:
            return
        mail, user, to = self.mail, self.session.user_id, self.test_to.text().strip()
        data = {**self.values(), "shop_name": self.session.shop.shop_name if self.session.shop else None}
        password = self.password.text() or None
        self.test_answer.setText(tr("Sending…"))
        paint(self.test_answer, None)
        self._set_busy(True)
        run_call(lambda: mail.send_test(user, data, to, password), self._tested, self._test_failed)

    def _tested(self, outcome: tuple[bool, str]) -> None:
        self._set_busy(False)
        delivered, answer = outcome
        self.test_answer.setText(tr("Sent: the server answered {answer}").format(answer=answer) if delivered
                                 else tr("Not sent: {reason}").format(reason=answer))
        paint(self.test_answer, "good" if delivered else "bad")

    def _test_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.test_answer.setText(tr("Not sent: {reason}").format(reason=refusal_words(error)))
        paint(self.test_answer, "bad")

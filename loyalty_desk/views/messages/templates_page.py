"""Settings ▸ Messages… ▸ Templates (the owner): one template per kind, its subject and plain-text
and HTML bodies, the variables it may use beside it, and a live preview for a real member.

Each edit is checked a moment later by `preview_message` (off the GUI thread), the same check
`save_message_template` makes: a mistake shows next to its field with its line, and Save waits
until there is none. Nothing is saved until the service takes it whole.
"""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QTextBrowser, QWidget

from ...errors import LoyaltyError
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets.forms import Confirm, FieldErrors, error_label
from ..widgets.workers import report_unexpected, run_call
from .member_choice import MemberChoice


def kinds() -> dict[str, str]:
    """Each kind of message (the stored value) by its name on screen."""
    return {"welcome": tr("Welcome"), "tier_changed": tr("Tier changed"), "points_expiring": tr("Points expiring"),
            "birthday": tr("Birthday"), "redemption_update": tr("Redemption update"),
            "reactivation": tr("We miss you (reactivation)"), "campaign": tr("Email to a segment")}


CHECK_AFTER_MS = 350           # the preview follows the typing, without a call per key


def body_editor(name: str, accessible: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setTabChangesFocus(True)
    return edit


class TemplatesPage(QWidget):
    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("templatesPage")
        self.templates: dict[str, Any] = {t.kind: t for t in session.svc.get_message_templates(
            session.user_id, actor=session.actor)}
        names = kinds()
        self.kind = build.combo("templateKind", {k: names.get(k, k) for k in self.templates}, accessible=tr("Kind"))
        self.subject = build.line_edit("templateSubject", accessible=tr("Subject"))
        self.body_text = body_editor("templateBodyText", tr("Plain text"))
        self.body_html = body_editor("templateBodyHtml", tr("HTML (optional)"))
        self.body_html.setPlaceholderText(tr("Optional: the same message in HTML, for mail programs that show it"))
        self.variables = QTextBrowser()
        self.variables.setObjectName("templateVariables")
        self.variables.setAccessibleName(tr("Variables"))
        self.status = build.label("templateStatus")
        self.error = error_label("templateError")
        self.errors = FieldErrors(self.error, clear_on_edit=False)
        form = build.form_layout()
        form.addRow(tr("&Kind"), build.boxed(self.kind, self.status))
        for text, widget, field in ((tr("&Subject"), self.subject, "subject"),
                                    (tr("Plain &text"), self.body_text, "body_text"),
                                    (tr("&HTML"), self.body_html, "body_html")):
            self.errors.add_row(form, text, widget, field)
        self.save_button = build.button(tr("&Save template"), "templateSave", self.save)
        editor = build.pane("templateEditor", form, self.error, build.row(None, self.save_button, margins=False),
                            margins=(0, 0, 6, 0))
        self.member = MemberChoice(session)
        self.preview_subject = build.label("previewSubject", wrap=True, bold=True, selectable=True)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setObjectName("previewText")
        self.preview_text.setReadOnly(True)
        self.preview_html = QTextBrowser()
        self.preview_html.setObjectName("previewHtml")
        self.preview_html.setOpenLinks(False)
        self.preview_pages = QTabWidget()
        self.preview_pages.setObjectName("previewPages")
        self.preview_pages.addTab(self.preview_text, tr("Text"))
        self.preview_pages.addTab(self.preview_html, tr("HTML"))
        self.preview_title = build.label("previewTitle", tr("Preview"), bold=True)
        preview = build.pane("templatePreview", self.preview_title, self.member,
                             self.preview_subject, (self.preview_pages, 1),
                             build.label("variablesTitle", tr("Variables"), bold=True), (self.variables, 1),
                             margins=(6, 0, 0, 0))
        build.column((build.splitter("templatesSplitter", editor, preview, stretch=(3, 2)), 1), parent=self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_AFTER_MS)
        self._timer.timeout.connect(self.check)
        self._asked = 0                # the check whose answer counts (older answers are dropped)
        self._valid = True
        self._saving = False
        self._shown_kind = ""
        for edit in (self.subject, self.body_text, self.body_html):
            edit.textChanged.connect(self._edited)
        self.kind.currentIndexChanged.connect(lambda _index: self._kind_chosen())
        self.member.memberChanged.connect(lambda _member: self._timer.start())
        self._show_kind()

    # --- the template shown ----------------------------------------------------------------

    @property
    def shown(self) -> Any:
        return self.templates[self._shown_kind]

    def _show_kind(self) -> None:
        self._shown_kind = self.kind.currentData()
        template = self.shown
        for edit, text in ((self.subject, template.subject), (self.body_text, template.body_text),
                           (self.body_html, template.body_html or "")):
            edit.blockSignals(True)
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(text)
            else:
                edit.setText(text)
            edit.blockSignals(False)
        self.subject.setCursorPosition(0)              # a long subject shows its beginning
        self.variables.setHtml("<table>" + "".join(
            f"<tr><td><code>{{{{ {html.escape(name)} }}}}</code>&nbsp;</td><td>{html.escape(what)}</td></tr>"
            for name, what in template.variables.items()) + "</table>")
        self.status.setText(tr("your own") if template.custom else tr("the default"))
        self.errors.clear()
        self._valid = True
        self._update_save()
        self.check()

    def _kind_chosen(self) -> None:
        left = kinds().get(self._shown_kind, self._shown_kind)
        if self.dirty and not Confirm.ask(self, tr("Templates"), tr(
                "Leave the changes to the “{kind}” template unsaved?").format(kind=left)):
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self.kind.findData(self._shown_kind))
            self.kind.blockSignals(False)
            return
        self._show_kind()

    def values(self) -> dict[str, Any]:
        return {"subject": self.subject.text(), "body_text": self.body_text.toPlainText(),
                "body_html": self.body_html.toPlainText() or None}

    @property
    def dirty(self) -> bool:
        template = self.shown
        return self.values() != {"subject": template.subject, "body_text": template.body_text,
                                 "body_html": template.body_html or None}

    def _edited(self) -> None:
        self._update_save()
        self._timer.start()

    def _update_save(self) -> None:
        self.save_button.setEnabled(self.dirty and self._valid and not self._saving)
        self.save_button.setToolTip("" if self._valid else tr("Correct the template first: see the line marked in red"))

    # --- the live check and preview ----------------------------------------------------------

    def check(self) -> None:
        """Render the template as typed for the chosen member (the service checks it as a save would)."""
        self._timer.stop()
        member_id = self.member.member_id
        if member_id is None:
            self.preview_subject.setText(tr("Choose a member to see the preview"))
            self.preview_text.clear()
            self.preview_html.clear()
            return
        self._asked += 1
        asked, kind, data = self._asked, self._shown_kind, self.values()
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor
        run_call(lambda: svc.preview_message(user, kind, member_id, actor=actor, **data),
                 lambda message: self._previewed(asked, message), lambda error: self._refused(asked, error))

    def _previewed(self, asked: int, message: Any) -> None:
        if asked != self._asked:
            return
        self.errors.clear()
        self._valid = True
        self._update_save()
        self.preview_title.setText(tr("Preview"))
        self.preview_subject.setText(tr("{subject}  (to {recipient})").format(subject=message.subject,
                                                                              recipient=message.recipient))
        self.preview_text.setPlainText(message.body_text)
        none = "<p><i>" + tr("No HTML: mail programs show the plain text.") + "</i></p>"
        self.preview_html.setHtml(message.body_html or none)

    def _refused(self, asked: int, error: BaseException) -> None:
        if asked != self._asked:
            return
        if not isinstance(error, LoyaltyError):
            report_unexpected(error)
            return
        self.errors.clear()
        if error.field in self.errors.labels:
            self._valid = False
            self._update_save()
            self.preview_title.setText(tr("Preview of the last version without mistakes"))
        self.errors.show_text(refusal_words(error), error.field, focus=False)

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        kind, data = self._shown_kind, self.values()
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor
        self._saving = True
        self._update_save()
        run_call(lambda: svc.save_message_template(user, kind, actor=actor, **data), self._saved, self._save_refused)

    def _saved(self, template: Any) -> None:
        self._saving = False
        self.templates[template.kind] = template
        self.status.setText(tr("saved: your own"))
        self._update_save()

    def _save_refused(self, error: BaseException) -> None:
        self._saving = False
        if not isinstance(error, LoyaltyError):
            report_unexpected(error)
            return
        if error.field in self.errors.labels:
            self._valid = False
        self._update_save()
        self.errors.show(error)

"""Settings ▸ Messages… : the mail server (the owner), the templates (the owner) and the outbox
(managers and owners). Each tab is there only for whom it is for; locking, or someone signing in
who may not see the outbox, puts the dialog away."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

from ...domain.permissions import Permission
from ..i18n import tr
from ..shell.session import ShopSession
from ..widgets import build
from .mail import MailTools
from .outbox_page import OutboxPage
from .sender import MailSender
from .server_page import ServerPage
from .templates_page import TemplatesPage


class MessagesDialog(QDialog):
    def __init__(self, session: ShopSession, mail: MailTools | None, sender: MailSender | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("messagesDialog")
        self.setWindowTitle(tr("Messages"))
        self.pages = QTabWidget()
        self.pages.setObjectName("messagesPages")
        self.server_page: ServerPage | None = None
        self.templates_page: TemplatesPage | None = None
        self._made_for = self._may_see()
        if session.may(Permission.SHOP_SETTINGS):
            self.server_page = ServerPage(session, mail)
            self.pages.addTab(self.server_page, tr("&Mail server"))
        if session.may(Permission.EDIT_MESSAGES):
            self.templates_page = TemplatesPage(session)
            self.pages.addTab(self.templates_page, tr("&Templates"))
        self.outbox_page = OutboxPage(session, sender)
        self.pages.addTab(self.outbox_page, tr("&Outbox"))
        self.pages.currentChanged.connect(lambda _index: self._page_shown())
        build.closing_tabs(self, self.pages, "messagesClose")
        self.resize(980, 680)
        session.personChanged.connect(self._person_changed)

    def _page_shown(self) -> None:
        if self.pages.currentWidget() is self.outbox_page:
            self.outbox_page.reload()

    def _may_see(self) -> tuple[bool, ...]:
        return tuple(self.session.may(p) for p in (Permission.SHOP_SETTINGS, Permission.EDIT_MESSAGES,
                                                   Permission.VIEW_OUTBOX))

    def _person_changed(self, _person: object) -> None:
        """Locked, or someone signed in who may see other tabs: the dialog goes away."""
        if self.isVisible() and (self.session.locked or self._may_see() != self._made_for):
            self.reject()

"""Settings ▸ Integrations… (the owner): the local HTTP API's server and request log, its keys,
and the web shops' webhooks. Closing the dialog leaves the server running; quitting stops it."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

from ...domain.permissions import Permission
from ..i18n import tr
from ..shell.session import ShopSession
from ..widgets import build
from .keys_page import KeysPage
from .server import LocalServer
from .server_page import ServerPage
from .webshops_page import WebShopsPage


class IntegrationsDialog(QDialog):
    def __init__(self, session: ShopSession, server: LocalServer, store: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("integrationsDialog")
        self.setWindowTitle(tr("Integrations"))
        self.server_page = ServerPage(server, store)
        self.keys_page = KeysPage(session)
        self.web_page = WebShopsPage(session, server)
        self.pages = QTabWidget()
        self.pages.setObjectName("integrationsPages")
        self.pages.addTab(self.server_page, tr("Ser&ver"))
        self.pages.addTab(self.keys_page, tr("API &keys"))
        self.pages.addTab(self.web_page, tr("&Web shops"))
        build.closing_tabs(self, self.pages, "integrationsClose")
        self.resize(760, 600)
        # Locked, or someone else signed in: what only the owner may see goes away (the server stays).
        session.personChanged.connect(self._person_changed)

    def _person_changed(self, _person: object) -> None:
        if self.isVisible() and (self.session.locked or not self.session.may(Permission.API_KEYS)):
            self.reject()

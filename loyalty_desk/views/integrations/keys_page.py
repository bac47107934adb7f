"""The HTTP API's keys (Settings ▸ Integrations… ▸ API keys): the list, a new key shown once,
and revoking. Every call goes through the service with the signed-in owner as `actor=`; the
writes run off the GUI thread (the server may hold the database a moment)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QWidget

from ...errors import LoyaltyError
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.forms import Confirm, FieldErrors, error_label
from ..widgets.tables import RowsModel, read_only_table, select_row
from ..widgets.workers import report_unexpected, run_call


def scopes() -> dict[str, str]:
    """A key's scope (the stored value) and what it allows, in words."""
    return {"write": tr("Write: also enroll, record purchases and returns, redeem"), "read": tr("Read only")}


def scope_word(scope: str) -> str:
    """A scope in one word, as the list shows it."""
    return {"write": tr("write"), "read": tr("read")}.get(scope, scope)


class KeysModel(RowsModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (tr("Name"), tr("Scope"), tr("Key"), tr("Created"), tr("Last used"), tr("Status"))
        self.HEADER_TIPS = {2: tr("The key's first characters, to tell keys apart (the key itself is never kept)"),
                            4: tr("Noted at most once a minute")}

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        status = tr("revoked {when}").format(when=fmt.date_time(row.revoked_at)) if row.revoked_at else tr("active")
        return (row.name, scope_word(row.scope), f"{row.key_prefix}…", fmt.date_time(row.created_at),
                fmt.date_time(row.last_used_at) if row.last_used_at else tr("never"), status)[column]


class NewKeyDialog(QDialog):
    """The new key, this once, with Copy."""

    def __init__(self, key: Any, secret: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newKeyDialog")
        self.setWindowTitle(tr("New API key"))
        self.setModal(True)
        self.secret = build.line_edit("newKeySecret", secret, accessible=tr("The new API key"))
        self.secret.setReadOnly(True)
        self.secret.setMinimumWidth(self.secret.fontMetrics().horizontalAdvance(secret) + 24)
        self.copy = build.button(tr("&Copy"), "newKeyCopy", self.copy_key)
        self.copied = build.label("newKeyCopied")
        warning = build.label("newKeyWarning", tr("Copy it now: it will not be shown again. Only its hash is kept, "
                                                  "so a lost key cannot be read back: revoke it and create another."),
                              wrap=True, bold=True)
        close = build.button(tr("Close"), "newKeyClose", self.accept)
        title = tr("API key “{name}” ({scope})").format(name=key.name, scope=scope_word(key.scope))
        build.column(build.label("newKeyTitle", title), (self.secret, 0),
                     warning, build.row(self.copy, self.copied, None, close, margins=False), parent=self)
        self.setMinimumWidth(520)
        self.secret.selectAll()
        self.copy.setFocus()

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.secret.text())
        self.copied.setText(tr("Copied"))


class KeysPage(QWidget):
    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("keysPage")
        self.model = KeysModel(self)
        self.table = read_only_table("keysTable", tr("API keys"), self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.name = build.line_edit("keyName", placeholder=tr("what it is for, e.g. web shop"),
                                    accessible=tr("Key name"), max_length=60)
        self.scope = build.combo("keyScope", scopes(), accessible=tr("Scope"))
        self.create_button = build.button(tr("&Create key"), "keyCreate", self.create_key)
        self.revoke_button = build.button(tr("&Revoke…"), "keyRevoke", self.revoke_key)
        self.error = error_label("keysError")
        self.errors = FieldErrors(self.error)
        form = build.form_layout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.errors.add_row(form, tr("&Name"), self.name, "name")
        self.errors.add_row(form, tr("Sc&ope"), self.scope, "scope")
        self.name.returnPressed.connect(self.create_key)
        self.new_key: NewKeyDialog | None = None
        build.column(build.label("keysIntro", tr("A till or a web shop sends its key with every request "
                                                 "(Authorization: Bearer KEY). A key belongs to this shop only."),
                                 wrap=True),
                     (self.table, 1), build.row(self.revoke_button, None, margins=False), form,
                     build.row(None, self.create_button, margins=False), self.error, parent=self)
        build.tab_order(self.table, self.revoke_button, self.name, self.scope, self.create_button)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._selection_changed())
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        rows = self._keys()
        self.model.replace_rows(rows)
        self.table.resizeColumnsToContents()
        select_row(self.table, self.model.row_of(keep) if keep is not None else (0 if rows else -1))
        self._selection_changed()

    def _keys(self) -> list[Any]:
        try:
            return self.session.svc.list_api_keys(self.session.user_id, actor=self.session.actor)
        except LoyaltyError as error:
            self.errors.show_text(refusal_words(error), focus=False)
            return []

    def chosen(self) -> Any:
        return self.model.row_at(self.table.currentIndex().row())

    def _selection_changed(self) -> None:
        key = self.chosen()
        self.revoke_button.setEnabled(key is not None and key.revoked_at is None)

    def _busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        if busy:
            self.revoke_button.setEnabled(False)
        else:
            self._selection_changed()

    def create_key(self) -> None:
        if not self.create_button.isEnabled():
            return
        self.errors.clear()
        data = {"scope": self.scope.currentData(), **({"name": self.name.text().strip()}
                                                      if self.name.text().strip() else {})}
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor
        self._busy(True)
        run_call(lambda: svc.create_api_key(user, data, actor=actor), self._created, self._failed)

    def _created(self, made: tuple[Any, str]) -> None:
        self._busy(False)
        key, secret = made
        self.name.clear()
        self.reload(key.id)
        self.new_key = NewKeyDialog(key, secret, self)
        self.new_key.open()

    def revoke_key(self) -> None:
        key = self.chosen()
        if key is None or key.revoked_at is not None:
            return
        if not Confirm.ask(self, tr("Revoke API key"), tr("Revoke “{name}” ({prefix}…)? From its next request on, "
                                                          "whatever uses it is refused. This cannot be undone.").format(
                name=key.name, prefix=key.key_prefix)):
            return
        self.errors.clear()
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor
        self._busy(True)
        run_call(lambda: svc.revoke_api_key(user, key.id, actor=actor), lambda revoked: self._revoked(revoked),
                 self._failed)

    def _revoked(self, key: Any) -> None:
        self._busy(False)
        self.reload(key.id)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if not isinstance(error, LoyaltyError):
            report_unexpected(error)
            return
        self.errors.show(error)

"""The web shops (Settings ▸ Integrations… ▸ Web shops): the webhook addresses to paste into
Shopify and WooCommerce, their signing secrets (write-only: the page only says whether each is
set), whether an unknown customer is enrolled, the program web orders earn in, and the paid web
orders no member took, to resolve to a member or dismiss.

Every write goes through the service with the signed-in owner as `actor=`, off the GUI thread.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import quote

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from ...errors import LoyaltyError
from ..i18n import tr
from ..refusals import refusal_words
from ..shell.changes import Changes
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.forms import Confirm, FieldErrors, error_label
from ..widgets.tables import RowsModel, read_only_table, select_row
from ..widgets.workers import report_unexpected, run_call
from .member_picker import MemberPicker
from .server import LocalServer


def hooks() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """The webhooks' paths on the local server (api/webhooks.py), each with the shop as `userId`:
    (its label, its Copy button's accessible name, the path) by provider."""
    return {"shopify": ((tr("Orders paid"), tr("Copy the Shopify orders paid address"),
                         "/webhooks/shopify/orders-paid"),
                        (tr("Refunds"), tr("Copy the Shopify refunds address"), "/webhooks/shopify/refunds-create")),
            "woocommerce": ((tr("Orders"), tr("Copy the WooCommerce orders address"), "/webhooks/woocommerce/orders"),)}
PROVIDERS = {"shopify": "Shopify", "woocommerce": "WooCommerce"}
SHOP_CHANGED = Changes(shop=True)


def copy_text(label: QLabel) -> None:
    QGuiApplication.clipboard().setText(label.text())


def hook_url(base: str, path: str, user_id: str) -> str:
    return f"{base}{path}?userId={quote(user_id, safe='')}"


class UnmatchedModel(RowsModel):
    NUMERIC = frozenset({4})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (tr("Received"), tr("Shop"), tr("Order"), tr("Customer"), tr("Subtotal"), tr("Why it waits"))

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return row.reason      # a long reason is elided in its cell
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        customer = " · ".join(part for part in (row.customer_name, row.email, row.phone) if part)
        left = row.subtotal - row.refunded
        return (fmt.date_time(row.received_at), PROVIDERS.get(row.provider, row.provider),
                row.order_ref.split(":", 1)[-1], customer or tr("(none given)"), fmt.money(left, row.currency),
                row.reason)[column]


class SecretDialog(QDialog):
    """A web shop's new signing secret: typed (or pasted) hidden, never shown back."""

    def __init__(self, provider: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secretDialog")
        self.setWindowTitle(tr("{shop} signing secret").format(shop=PROVIDERS[provider]))
        self.setModal(True)
        self.secret = build.line_edit("secretField", accessible=tr("Signing secret"), max_length=200)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label("secretError")
        buttons, self.save_button = build.dialog_buttons(self, QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.secret.textChanged.connect(lambda text: self.save_button.setEnabled(bool(text.strip())))
        where = (tr("Shopify shows it under Settings ▸ Notifications ▸ Webhooks (“Your webhooks will be signed "
                    "with …”)") if provider == "shopify" else
                 tr("WooCommerce takes the one you type under Settings ▸ Advanced ▸ Webhooks ▸ Secret"))
        intro = tr("The secret the web shop signs its webhooks with. {where}. It replaces the one set; it is never "
                   "shown again.").format(where=where)
        build.column(build.label("secretIntro", intro, wrap=True),
                     self.secret, self.error, buttons, parent=self)
        self.setMinimumWidth(460)

    @property
    def value(self) -> str:
        return self.secret.text().strip()


class WebShopsPage(QWidget):
    def __init__(self, session: ShopSession, server: LocalServer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("webShopsPage")
        self.session, self.server = session, server
        self.general = error_label("webShopsError")
        self.errors = FieldErrors(self.general)
        self.outcome = build.label("webShopsOutcome", wrap=True)
        self.urls: dict[str, Any] = {}
        self.secret_state: dict[str, Any] = {}
        self.replace_buttons: dict[str, Any] = {}
        self.copy_buttons: list[Any] = []
        boxes = [self._provider_box(provider) for provider in PROVIDERS]
        self.auto_enroll = QCheckBox(tr("&Enrol unknown customers (otherwise their orders wait below)"))
        self.auto_enroll.setObjectName("webAutoEnroll")
        self.program = build.combo("webProgram", {}, accessible=tr("Program web orders earn in"))
        form = build.form_layout()
        form.addRow(self.auto_enroll)
        self.errors.add_row(form, tr("&Program"), self.program, "webhook_program_id")
        self.model = UnmatchedModel(self)
        self.table = read_only_table("unmatchedTable", tr("Web orders no member took"), self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.resolve())
        self.resolve_button = build.button(tr("&Resolve…"), "unmatchedResolve", self.resolve,
                                           tooltip=tr("Record the order as a member's purchase"))
        self.dismiss_button = build.button(tr("&Dismiss…"), "unmatchedDismiss", self.dismiss,
                                           tooltip=tr("The order earns nothing"))
        build.column(build.label("webShopsIntro", tr("Paste these addresses into the web shop's webhooks, with the "
                                                     "same secret on both sides. The server must be running, and "
                                                     "reachable by the web shop (a shop hosted elsewhere needs this "
                                                     "computer's public address or a tunnel in place of the one "
                                                     "shown)."), wrap=True),
                     *boxes, form, self.general,
                     build.label("unmatchedTitle", tr("Paid web orders no member took"), bold=True),
                     (self.table, 1), build.row(self.resolve_button, self.dismiss_button, (self.outcome, 1),
                                                margins=False), parent=self)
        self.auto_enroll.toggled.connect(lambda on: self._save({"webhook_auto_enroll": on}))
        self.program.activated.connect(
            lambda _index: self._save({"webhook_program_id": self.program.currentData()}))
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._selection_changed())
        server.stateChanged.connect(lambda _state: self.show_urls())
        self.picker: MemberPicker | None = None
        self.secret_dialog: SecretDialog | None = None
        self.reload()

    def _provider_box(self, provider: str) -> QGroupBox:
        box = QGroupBox(PROVIDERS[provider])
        box.setObjectName(f"{provider}Box")
        form = QFormLayout(box)
        for label, accessible, path in hooks()[provider]:
            url = build.label(f"{provider}Url{path.rsplit('/', 1)[-1]}", selectable=True)
            copy = build.button(tr("Copy"), f"{provider}Copy{path.rsplit('/', 1)[-1]}", partial(copy_text, url))
            copy.setAccessibleName(accessible)
            self.urls[path] = url
            self.copy_buttons.append(copy)
            form.addRow(label, build.row((url, 1), copy, margins=False))
        state = build.label(f"{provider}SecretState")
        replace = build.button(tr("Replace…"), f"{provider}SecretReplace", lambda: self.replace_secret(provider))
        replace.setAccessibleName(tr("Replace the {shop} signing secret").format(shop=PROVIDERS[provider]))
        self.secret_state[provider], self.replace_buttons[provider] = state, replace
        form.addRow(tr("Secret"), build.row(state, None, replace, margins=False))
        return box

    # --- reading ----------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        shop = self.session.svc.get_shop(self.session.user_id)
        self.show_shop(shop)
        try:
            rows = self.session.svc.list_unmatched_orders(self.session.user_id, actor=self.session.actor)
        except LoyaltyError as error:
            self.errors.show_text(refusal_words(error), focus=False)
            rows = []
        self.model.replace_rows(rows)
        self.table.resizeColumnsToContents()
        select_row(self.table, max(self.model.row_of(keep), 0) if rows else -1)
        self._selection_changed()
        self.show_urls()

    def show_shop(self, shop: Any) -> None:
        for provider, state in self.secret_state.items():
            is_set = getattr(shop, f"{provider}_webhook_secret_set")
            state.setText(tr("set") if is_set else tr("not set: its webhooks are refused"))
        self.auto_enroll.blockSignals(True)
        self.auto_enroll.setChecked(shop.webhook_auto_enroll)
        self.auto_enroll.blockSignals(False)
        active = {p.id: p.program_name for p in self.session.programs() if p.status == "active"}
        unset = tr("The shop's only active program") if len(active) <= 1 else \
            tr("Not chosen: choose one (the shop has several active programs)")
        build.refill(self.program, {None: unset, **active}, shop.webhook_program_id)

    def show_urls(self) -> None:
        for path, label in self.urls.items():
            label.setText(hook_url(self.server.url, path, self.session.user_id))

    def chosen(self) -> Any:
        return self.model.row_at(self.table.currentIndex().row())

    def _selection_changed(self) -> None:
        order = self.chosen()
        for button in (self.resolve_button, self.dismiss_button):
            button.setEnabled(order is not None)

    # --- writing ------------------------------------------------------------------------

    def _call(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.errors.clear()

        def failed(error: BaseException) -> None:
            if not isinstance(error, LoyaltyError):
                report_unexpected(error)
            else:
                self.errors.show(error)
            self.reload()

        run_call(work, done, failed)

    def _save(self, changes: dict[str, Any]) -> None:
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor

        def saved(shop: Any) -> None:
            self.session.notify(SHOP_CHANGED, self)
            self.show_shop(shop)

        self._call(lambda: svc.save_shop(user, changes, actor=actor), saved)

    def replace_secret(self, provider: str) -> None:
        self.secret_dialog = SecretDialog(provider, self)
        dialog = self.secret_dialog
        dialog.accepted.connect(lambda: self._save({f"{provider}_webhook_secret": dialog.value}))
        dialog.open()

    def resolve(self) -> None:
        order = self.chosen()
        if order is None:
            return
        self.picker = MemberPicker(self.session, order.email or order.phone or order.customer_name or "", self)
        picker = self.picker
        picker.accepted.connect(lambda: self._resolve(order, picker.member_id))
        picker.open()

    def _resolve(self, order: Any, member_id: int | None) -> None:
        if member_id is None:
            return
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor

        def done(tx: Any) -> None:
            self.outcome.setText(tr("Order {order} recorded: {points} points").format(
                order=order.order_ref.split(":", 1)[-1], points=fmt.points(tx.points_amount)))
            self.session.notify(Changes(members=True, ledger=True), self)
            self.reload()

        self._call(lambda: svc.resolve_unmatched_order(user, order.id, member_id, actor=actor), done)

    def dismiss(self) -> None:
        order = self.chosen()
        if order is None or not Confirm.ask(self, tr("Dismiss web order"), tr(
                "Order {order} earns no points, and leaves this list. Dismiss it?").format(
                order=order.order_ref.split(":", 1)[-1])):
            return
        svc, user, actor = self.session.svc, self.session.user_id, self.session.actor

        def done(_order: Any) -> None:
            self.outcome.setText(tr("Order {order} dismissed").format(order=order.order_ref.split(":", 1)[-1]))
            self.reload()

        self._call(lambda: svc.dismiss_unmatched_order(user, order.id, actor=actor), done)

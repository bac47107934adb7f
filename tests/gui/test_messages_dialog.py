"""Settings ▸ Messages…: the mail server checked as typed, saved (its password in the keyring,
never the database), a test email delivered to a REAL SMTP server (aiosmtpd on a loopback port);
templates checked with their line and previewed for a real member; the outbox with Retry; who may
open it and see which tab."""
from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from loyalty_desk.messaging import desk, send_due_messages
from loyalty_desk.views.messages.dialog import MessagesDialog
from loyalty_desk.views.shell.session import ShopSession

from ..staff_support import PINS, staffed_shop
from ..support import SHOP, enroll, make_program
from .mail_support import free_port, mail_shop, smtp_server  # noqa: F401 - fixtures
from .test_staff_desktop import greyed_for_a_cashier, open_window, sign_in


@pytest.fixture
def dialog(qtbot, session, memory_keyring):  # type: ignore[no-untyped-def]  # noqa: F811
    session.mail = desk
    opened = MessagesDialog(session, desk)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    return opened


def retype(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit, text)


def fill_server(qtbot, page, port: int, **fields: str) -> None:  # type: ignore[no-untyped-def]
    values = {"host": "127.0.0.1", "port": str(port), "from_address": "shop@example.com",
              "reply_to": "owner@example.com", **fields}
    for name, text in values.items():
        retype(qtbot, getattr(page, name), text)
    page.security.setCurrentIndex(page.security.findData("none"))


def shown_error(page, field: str) -> str:  # type: ignore[no-untyped-def]
    return page.errors.message(field)


def test_each_field_is_checked_as_typed_and_save_waits(qtbot, dialog):  # type: ignore[no-untyped-def]
    page = dialog.server_page
    assert page.save_button.isEnabled()                       # nothing set is valid: no mail server yet
    retype(qtbot, page.host, "smtp example.com")
    assert "host name such as smtp.example.com" in shown_error(page, "smtp_host")
    assert "address the emails come from" in shown_error(page, "smtp_from")
    assert not page.save_button.isEnabled()
    retype(qtbot, page.host, "smtp.example.com")
    assert shown_error(page, "smtp_host") == ""
    retype(qtbot, page.port, "99999")
    assert shown_error(page, "smtp_port") != ""
    retype(qtbot, page.port, "")
    retype(qtbot, page.from_address, "not an address")
    assert shown_error(page, "smtp_from") != "" and not page.save_button.isEnabled()
    retype(qtbot, page.from_address, "shop@example.com")
    retype(qtbot, page.password, "secret")
    assert "user name the password is for" in shown_error(page, "smtp_username")
    retype(qtbot, page.username, "shop@example.com")
    assert page.save_button.isEnabled()
    assert not page.test_button.isEnabled()                   # no address to send the test to yet
    retype(qtbot, page.test_to, "me@")
    assert shown_error(page, "test_to") != "" and not page.test_button.isEnabled()
    assert page.save_button.isEnabled()                       # the test's address is not a setting
    retype(qtbot, page.unsubscribe, "loyalty.example.com/?x")  # no scheme, and a query
    assert "without ? or #" in shown_error(page, "unsubscribe_base_url") and not page.save_button.isEnabled()
    retype(qtbot, page.unsubscribe, "https://loyalty.example.com")
    assert shown_error(page, "unsubscribe_base_url") == "" and page.save_button.isEnabled()


def test_saving_keeps_the_settings_in_the_shop_and_the_password_in_the_keyring_only(
        qtbot, dialog, gui_svc, memory_keyring, tmp_path: Path):  # type: ignore[no-untyped-def]  # noqa: F811
    page = dialog.server_page
    fill_server(qtbot, page, 2525, username="shop@example.com", password="s3cret-Pass")
    page.self_signed.setChecked(True)
    retype(qtbot, page.unsubscribe, "https://loyalty.example.com:8731")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.saved_note.text() == "Saved")
    shop = gui_svc.get_shop(SHOP)
    assert shop.unsubscribe_base_url == "https://loyalty.example.com:8731"
    assert (shop.smtp_host, shop.smtp_port, shop.smtp_security, shop.smtp_username, shop.smtp_from,
            shop.smtp_reply_to, shop.smtp_allow_self_signed) == (
        "127.0.0.1", 2525, "none", "shop@example.com", "shop@example.com", "owner@example.com", True)
    assert memory_keyring.get_password("loyalty-desk-smtp", f"{SHOP}:shop@example.com@127.0.0.1") == "s3cret-Pass"
    assert page.password.text() == "" and "kept in the keyring" in page.password.placeholderText()
    database = Path(gui_svc.database_url.removeprefix("sqlite:///"))
    assert b"s3cret-Pass" not in database.read_bytes()
    assert dialog.session.shop.smtp_host == "127.0.0.1"       # the session re-read the shop


def test_without_a_keyring_the_dialog_says_so(qtbot, session):  # type: ignore[no-untyped-def]
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        opened = MessagesDialog(session, desk)
        qtbot.addWidget(opened)
    finally:
        keyring.set_keyring(before)
    page = opened.server_page
    assert "No keyring is available on this computer" in page.keyring_note.text()
    assert not page.password.isEnabled()


def test_a_test_email_reaches_a_real_smtp_server_without_blocking_the_window(
        qtbot, dialog, smtp_server):  # type: ignore[no-untyped-def]  # noqa: F811
    page = dialog.server_page
    fill_server(qtbot, page, smtp_server.port)                 # as typed: not saved
    retype(qtbot, page.test_to, "me@example.com")
    smtp_server.inbox.hold()                                    # the server keeps the message until told
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(smtp_server.inbox.arrived.is_set)
    qtbot.keyClicks(page.reply_to, ".uk")                      # the window takes keys while the server thinks
    assert page.reply_to.text() == "owner@example.com.uk"
    assert page.test_answer.text() == "Sending…" and not page.test_button.isEnabled()
    smtp_server.inbox.release.set()
    qtbot.waitUntil(lambda: page.test_answer.text() != "Sending…", timeout=30_000)
    assert page.test_answer.text() == "Sent: the server answered 250 Message accepted"
    [received] = smtp_server.inbox.received
    assert received["To"] == "me@example.com" and received["Subject"] == "Test email from Corner Shop"
    assert received["Reply-To"] == "owner@example.com"          # as typed when the button was pressed


def test_a_server_that_is_down_is_said_in_one_line(qtbot, dialog):  # type: ignore[no-untyped-def]
    page = dialog.server_page
    fill_server(qtbot, page, free_port())                       # nobody listens there
    retype(qtbot, page.test_to, "me@example.com")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.test_answer.text().startswith("Not sent"), timeout=30_000)
    assert "Cannot reach the mail server" in page.test_answer.text() and "\n" not in page.test_answer.text()
    assert page.test_button.isEnabled()


def test_a_template_mistake_is_shown_with_its_line_and_nothing_is_saved(
        qtbot, dialog, gui_svc):  # type: ignore[no-untyped-def]
    enroll(gui_svc, make_program(gui_svc).id, email="ada@example.com")
    page = dialog.templates_page
    dialog.pages.setCurrentWidget(page)
    page.member.look_up()                                       # the member enrolled after the dialog opened
    page.body_text.setFocus()
    page.body_text.moveCursor(page.body_text.textCursor().MoveOperation.End)
    qtbot.keyClick(page.body_text, Qt.Key.Key_Return)
    qtbot.keyClicks(page.body_text, "{{ member.nickname }}")
    line = len(page.body_text.toPlainText().splitlines())
    qtbot.waitUntil(lambda: page.errors.message("body_text") != "")
    assert page.errors.message("body_text").startswith(f"Line {line} of the text: unknown variable member.nickname")
    assert not page.save_button.isEnabled()
    assert page.preview_title.text() == "Preview of the last version without mistakes"
    page.save()                                                 # a key or a click cannot get past it either
    welcome = next(t for t in gui_svc.get_message_templates(SHOP) if t.kind == "welcome")
    assert not welcome.custom and "nickname" not in welcome.body_text


def test_the_preview_shows_a_real_member_and_a_good_template_is_saved(
        qtbot, dialog, gui_svc):  # type: ignore[no-untyped-def]
    program = make_program(gui_svc)
    enroll(gui_svc, program.id, "Zed Zimmer", email="zed@example.com")
    enroll(gui_svc, program.id, "Grace Hopper", email="grace@example.com")
    page = dialog.templates_page
    dialog.pages.setCurrentWidget(page)
    qtbot.keyClicks(page.member.search, "Grace")
    qtbot.waitUntil(lambda: "Grace Hopper" in page.member.found.currentText())   # once the typing pauses
    retype(qtbot, page.subject, "Hello {{ member.first_name }}, welcome to {{ shop.name }}")
    qtbot.waitUntil(lambda: page.preview_subject.text().startswith("Hello Grace, welcome to Corner Shop"))
    assert "grace@example.com" in page.preview_subject.text()
    assert "Grace" in page.preview_text.toPlainText()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text() == "saved: your own")
    welcome = next(t for t in gui_svc.get_message_templates(SHOP) if t.kind == "welcome")
    assert welcome.custom and welcome.subject == "Hello {{ member.first_name }}, welcome to {{ shop.name }}"
    assert not page.save_button.isEnabled()


def test_the_outbox_lists_a_failed_message_and_retry_puts_it_back(
        qtbot, dialog, gui_svc, smtp_server):  # type: ignore[no-untyped-def]  # noqa: F811
    mail_shop(gui_svc, smtp_server.port)
    smtp_server.inbox.refuse.add("nobody@example.com")
    member = enroll(gui_svc, make_program(gui_svc).id, email="nobody@example.com")
    assert send_due_messages(gui_svc, SHOP).failed == 1
    page = dialog.outbox_page
    dialog.pages.setCurrentWidget(page)
    page.status.setCurrentIndex(page.status.findData("failed"))
    [row] = page.model.rows
    assert (row.member_id, row.kind, row.status) == (member.id, "welcome", "failed")
    cells = [page.model.index(0, column).data() for column in range(page.model.columnCount())]
    assert cells[1:3] == ["Welcome", "nobody@example.com"] and cells[4] == "failed"
    assert cells[6].startswith("550") and "No such mailbox" in cells[6]
    assert page.retry_button.isEnabled()
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rows == [])               # no longer failed
    [again] = gui_svc.get_outbox(SHOP)
    assert again.status == "pending"
    page.status.setCurrentIndex(page.status.findData(None))
    assert [r.status for r in page.model.rows] == ["pending"] and not page.retry_button.isEnabled()


def test_a_cashier_cannot_open_it_a_manager_sees_the_outbox_only(
        qtbot, gui_svc, memory_keyring):  # type: ignore[no-untyped-def]  # noqa: F811
    staffed_shop(gui_svc)
    session = ShopSession(gui_svc, SHOP)
    session.mail = desk
    window = open_window(qtbot, session)
    action = greyed_for_a_cashier(qtbot, window, "messagesAction",
                                  "Needs a manager: see the emails to members and send a failed one again")
    sign_in(qtbot, window, "Marc", PINS["Marc"])
    action.trigger()
    dialog = window.messages_dialog
    qtbot.waitExposed(dialog)
    assert [dialog.pages.tabText(i) for i in range(dialog.pages.count())] == ["&Outbox"]
    window.gate.lock()                                          # locking puts it away
    assert not dialog.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    sign_in(qtbot, window, "Olive", PINS["Olive"])
    action.trigger()
    dialog = window.messages_dialog
    assert [dialog.pages.tabText(i) for i in range(dialog.pages.count())] == ["&Mail server", "&Templates",
                                                                                "&Outbox"]

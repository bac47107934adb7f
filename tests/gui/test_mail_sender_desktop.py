"""The desktop's mail sender: while the window is open, the outbox goes to a REAL SMTP server
(aiosmtpd on a loopback port) from a thread of its own; quitting waits for the message being
handed over, without blocking the window, and leaves the rest for later. Never in tests unless asked."""
from __future__ import annotations

from loyalty_desk.messaging import desk
from loyalty_desk.views.shell.main_window import MainWindow

from ..support import SHOP, enroll, make_program
from .mail_support import mail_shop, smtp_server  # noqa: F401 - fixtures


def sending_window(qtbot, session) -> MainWindow:  # type: ignore[no-untyped-def]
    session.mail = desk
    session.reload_shop()
    window = MainWindow(session, run_jobs=False, send_mail=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_no_sender_runs_in_a_window_made_without_the_jobs(qtbot, session):  # type: ignore[no-untyped-def]
    session.mail = desk
    window = MainWindow(session, run_jobs=False)
    qtbot.addWidget(window)
    assert window.mail_sender is None


def test_the_worker_delivers_a_queued_welcome_and_stops_on_close(
        qtbot, session, gui_svc, smtp_server, memory_keyring):  # type: ignore[no-untyped-def]  # noqa: F811
    mail_shop(gui_svc, smtp_server.port)
    enroll(gui_svc, make_program(gui_svc).id, email="ada@example.com")
    window = sending_window(qtbot, session)
    sender = window.mail_sender
    with qtbot.waitSignal(sender.finished, timeout=30_000) as run:
        assert sender.send_now()                               # rather than wait for the minute
    assert run.args[0].sent == 1
    [welcome] = smtp_server.inbox.received
    assert welcome["To"] == "ada@example.com"
    assert [m.status for m in gui_svc.get_outbox(SHOP)] == ["sent"]
    window.close()
    assert not window.isVisible() and not sender.running and not sender.send_now()


def test_quitting_mid_send_waits_for_the_message_without_blocking_and_keeps_the_rest(
        qtbot, session, gui_svc, smtp_server, memory_keyring):  # type: ignore[no-untyped-def]  # noqa: F811
    mail_shop(gui_svc, smtp_server.port)
    program = make_program(gui_svc)
    for name in ("Ada Lovelace", "Grace Hopper", "Alan Kay"):
        enroll(gui_svc, program.id, name, email=f"{name.split()[0].lower()}@example.com")
    window = sending_window(qtbot, session)
    smtp_server.inbox.hold()
    assert window.mail_sender.send_now()
    qtbot.waitUntil(smtp_server.inbox.arrived.is_set)          # the first one is at the server
    window.close()
    assert window.isVisible() and window.status.text() == "Stopping the mail sender…"
    smtp_server.inbox.release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert len(smtp_server.inbox.received) == 1                # the one handed over, and no other
    statuses = sorted(m.status for m in gui_svc.get_outbox(SHOP))
    assert statuses == ["pending", "pending", "sent"]          # the rest wait for the next start


def test_a_shop_without_a_mail_server_sends_nothing(qtbot, session, gui_svc):  # type: ignore[no-untyped-def]
    enroll(gui_svc, make_program(gui_svc).id, email="ada@example.com")
    window = sending_window(qtbot, session)
    assert not window.mail_sender.send_now()
    assert "Set the mail server first" in window.mail_sender.why_not()
    assert [m.status for m in gui_svc.get_outbox(SHOP)] == ["pending"]


def test_no_send_starts_while_the_owner_picks_a_backup_to_restore(
        qtbot, session, gui_svc, smtp_server, memory_keyring, monkeypatch):  # type: ignore[no-untyped-def]  # noqa: F811
    from loyalty_desk.views.shell import main_window

    mail_shop(gui_svc, smtp_server.port)
    enroll(gui_svc, make_program(gui_svc).id, email="ada@example.com")
    window = sending_window(qtbot, session)
    sender = window.mail_sender
    seen = {}

    def choosing(_parent):  # type: ignore[no-untyped-def]
        seen["started"] = sender.send_now()          # what the sender's timer would do meanwhile
        seen["why"] = sender.why_not()
        return None                                  # the owner cancels
    monkeypatch.setattr(main_window, "ask_restore", choosing)
    window.restore_backup()
    assert seen == {"started": False, "why": "Sending waits while the database is restored"}
    assert sender.why_not() == "" and smtp_server.inbox.received == []
    with qtbot.waitSignal(sender.finished, timeout=30_000):
        assert sender.send_now()                     # afterwards it sends again
    assert len(smtp_server.inbox.received) == 1

"""Members' details never reach a log (README, "Privacy").

The database really fails here: a table renamed under a running service, a trigger that refuses the
member's row (on PostgreSQL quoting every personal field in its message), a CHECK constraint whose
error repeats the whole row. Each error is reported the way the desktop reports an unexpected one (to
the crash reporter, which writes the log file), and the log file and the captured records must hold
none of the member's details, while still saying what failed and which rows.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from loyalty_desk.services import DuplicateMember, LoyaltyError, LoyaltyService
from loyalty_desk.views.shell import crash
from loyalty_desk.views.shell.crash import CrashReporter
from loyalty_desk.views.widgets.workers import report_unexpected

from .support import SHOP, make_program

FIRST = {"customer_name": "Ada Lovelace", "email": "ada.lovelace@example.com", "phone": "+1 202-555-0123",
       "birthday": "1915-12-10", "member_metadata": {"address": "12 Marylebone Road", "note": "likes Earl Grey"}}
SECOND = {"customer_name": "Grace Hopper", "email": "grace.hopper@example.org", "phone": "+1 202-555-0188",
         "birthday": "1906-12-09", "member_metadata": {"address": "7 Arlington Ridge", "note": "brings a nanosecond"}}
# Every trace of them a log could carry: names (also folded, as stored for lookup), emails, phones in
# any form, birthdays in any form, metadata.
TRACES = [r"\bada\b", r"lovelace", r"\bgrace\b", r"hopper", r"example\.(com|org)", r"555\W*01(23|88)",
          r"1915\W+12\W+10", r"1906\W+12\W+0?9", r"marylebone", r"arlington", r"earl grey", r"nanosecond"]


@dataclass
class CrashLog:
    path: Path
    shown: list[str] = field(default_factory=list)

    def text(self) -> str:
        for handler in crash.log.handlers:
            handler.flush()
        return self.path.read_text(encoding="utf-8")


@pytest.fixture
def crash_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> Iterator[CrashLog]:
    """The desktop's logging and crash reporter, as run_desktop sets them up, writing to a file of the test."""
    caplog.set_level(logging.INFO)
    log = CrashLog(tmp_path / "logs" / "loyalty-desk.log")
    monkeypatch.setattr(crash, "log_path", lambda: log.path)
    saved = list(crash.log.handlers)
    crash.log.handlers.clear()
    crash.setup_logging()
    reporter = CrashReporter()
    monkeypatch.setattr(reporter, "show", log.shown.append)
    reporter.install()
    try:
        yield log
    finally:
        reporter.uninstall()
        for handler in crash.log.handlers:
            handler.close()
        crash.log.handlers[:] = saved


@pytest.fixture
def member(svc: LoyaltyService) -> Any:
    program = make_program(svc)
    return svc.enroll_loyalty_member(SHOP, program.id, FIRST)


def reported(call: Callable[[], object]) -> BaseException:
    """Run a service call that fails, and hand its error to the crash reporter as the desktop's workers do."""
    try:
        call()
    except Exception as error:  # noqa: BLE001 - whatever it is, it goes to the reporter
        report_unexpected(error)
        return error
    raise AssertionError("the call was expected to fail")


def enroll_one_and_sell_to_the_other(svc: LoyaltyService, member: Any) -> list[BaseException]:
    return [reported(lambda: svc.enroll_loyalty_member(SHOP, member.program_id, SECOND)),
            reported(lambda: svc.record_purchase(SHOP, member.program_id, member.id, "12.50", "ORDER-1"))]


def assert_no_member_data(log: str, records: list[logging.LogRecord]) -> None:
    captured = "\n".join(record.getMessage() + "\n" + (record.exc_text or "") for record in records)
    for where, content in (("the log file", log), ("the captured records", captured)):
        found = {trace: m.group(0) for trace in TRACES if (m := re.search(trace, content, re.IGNORECASE))}
        assert not found, f"{where} holds member data {found}:\n{content[-3000:]}"


def test_an_unexpected_database_error_logs_what_failed_and_which_rows_never_who(svc, member, crash_log, caplog):
    with svc.db.engine.begin() as conn:
        conn.execute(text("ALTER TABLE loyalty_member_activity RENAME TO loyalty_member_activity_gone"))
    errors = enroll_one_and_sell_to_the_other(svc, member)
    assert not any(isinstance(error, LoyaltyError) for error in errors)
    log = crash_log.text()
    assert_no_member_data(log, caplog.records)
    assert log.count("unexpected error") == 2
    kind = "OperationalError" if svc.db.dialect == "sqlite" else "ProgrammingError"
    assert log.count(f"sqlalchemy.exc.{kind}") >= 2 and "loyalty_member_activity" in log
    assert "INSERT INTO loyalty_member_activity" in log           # the statement, never its values
    assert f"in a write for shop '{SHOP}', with " in log
    assert f"loyalty_members #{member.id}" in log                    # the purchase names its member by id
    assert all("nothing was lost" in message for message in crash_log.shown)


@pytest.fixture
def refusing_trigger(svc: LoyaltyService) -> str:
    """The database refuses any new or changed member row. PostgreSQL's trigger quotes the row's personal
    fields in its message, as a careless trigger or extension might; SQLite's RAISE takes a literal only."""
    with svc.db.engine.begin() as conn:
        if svc.db.dialect == "sqlite":
            for event in ("INSERT", "UPDATE"):
                conn.execute(text(f"CREATE TRIGGER refuse_{event.lower()} BEFORE {event} ON loyalty_members "
                                  "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"))
            return "[SQLITE_CONSTRAINT_TRIGGER] refused by the test trigger"
        conn.execute(text("CREATE FUNCTION refuse_member() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                          "RAISE EXCEPTION 'refused: % % % % %', NEW.customer_name, NEW.email, NEW.phone, "
                          "NEW.birthday, NEW.member_metadata; END $$"))
        conn.execute(text("CREATE TRIGGER refuse_member BEFORE INSERT OR UPDATE ON loyalty_members "
                          "FOR EACH ROW EXECUTE FUNCTION refuse_member()"))
        return "[SQLSTATE P0001] words withheld"


def test_a_trigger_that_quotes_the_member_row_never_gets_it_into_the_log(svc, member, refusing_trigger, crash_log,
                                                                         caplog):
    errors = enroll_one_and_sell_to_the_other(svc, member)
    if svc.db.dialect == "postgresql":     # the driver's own words carry the member: the log must not
        assert "Grace Hopper" in str(errors[0]) and "ada.lovelace@example.com" in str(errors[1])
    log = crash_log.text()
    assert_no_member_data(log, caplog.records)
    assert log.count(refusing_trigger) >= 2
    if svc.db.dialect == "postgresql":     # an unexpected error there (SQLite's is a refusal): its rows by id
        assert f"loyalty_members #{member.id}" in log
    assert svc.get_loyalty_member(SHOP, member.id).total_spent == 0                # and nothing was written


def test_a_check_constraint_that_repeats_the_row_never_gets_it_into_the_log(svc, member, crash_log, caplog):
    if svc.db.dialect != "postgresql":
        pytest.skip("SQLite cannot add a CHECK constraint to a table, and its message never repeats the row")
    with svc.db.engine.begin() as conn:
        conn.execute(text("ALTER TABLE loyalty_members ADD CONSTRAINT test_refuses "
                          "CHECK (total_spent < 10 AND customer_name <> 'Grace Hopper') NOT VALID"))
    errors = enroll_one_and_sell_to_the_other(svc, member)
    assert all(isinstance(error, LoyaltyError) for error in errors)        # refused, as a constraint refuses
    assert all("Failing row contains" in str(error.__cause__) for error in errors)
    log = crash_log.text()
    assert_no_member_data(log, caplog.records)
    assert log.count("write refused by a constraint") == 2
    assert log.count("[SQLSTATE 23514]") >= 2 and "constraint test_refuses" in log


def test_a_refusal_reaching_the_crash_reporter_is_logged_by_kind_field_and_ids(svc, member, crash_log, caplog):
    error = reported(lambda: svc.enroll_loyalty_member(SHOP, member.program_id, {**SECOND, "email": FIRST["email"]}))
    assert isinstance(error, DuplicateMember) and "Ada Lovelace" in str(error)
    assert crash_log.shown == [str(error)]                     # the cashier reads the whole message
    log = crash_log.text()
    assert_no_member_data(log, caplog.records)
    assert f"DuplicateMember: a refusal, words withheld (field email, existing member #{member.id})" in log


def test_the_filter_is_a_second_net_for_whatever_else_is_logged(tmp_path, svc, member, crash_log, caplog):
    """A record with a member in its arguments, or with an exception of an engine that shows its
    parameters, is written without them: the one filter on the handler redacts it."""
    elsewhere = logging.getLogger("loyalty_desk.somewhere")
    elsewhere.warning("looked at %r", svc.get_loyalty_member(SHOP, member.id))
    elsewhere.info("details: %s", {"customer_name": "Ada Lovelace", "phone": "+12025550123"})
    elsewhere.info("sign-in %s", {"name": "Marc", "pin": "482913", "approver_pin": 907153,
                                  "hash": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"})
    careless = create_engine(svc.database_url)       # an engine without hide_parameters
    try:
        with careless.begin() as conn:
            conn.execute(text("INSERT INTO loyalty_members (customer_name, email, phone) VALUES (:n, :e, :p)"),
                         {"n": SECOND["customer_name"], "e": SECOND["email"], "p": SECOND["phone"]})
    except IntegrityError as error:
        assert "Grace Hopper" in str(error)          # this engine's error text carries the values
        elsewhere.error("an import failed: %s", error)
        elsewhere.exception("an import failed")
        elsewhere.error(error)
    finally:
        careless.dispose()
    log = crash_log.text()
    assert_no_member_data(log, caplog.records)
    assert f"id={member.id}" in log and log.count("an import failed") == 2
    assert "'name': 'Marc'" in log and not re.search(r"482913|907153|argon2id|c2FsdA", log)   # nor a PIN
    assert log.count("sqlalchemy.exc.IntegrityError") >= 3

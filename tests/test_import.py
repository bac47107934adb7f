"""Importing members with their balances (issue 13, part 1), through the public service."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loyalty_desk.domain.member_file import match_columns, read_table
from loyalty_desk.services import LoyaltyService, NotEligible, PermissionDenied, ValidationError

from .staff_support import add_staff
from .support import SHOP, database_state, enroll, make_program, make_tiers

GOOD = (
    "customer_id,Name,E-mail,Phone,Birthday,Points,Lifetime Points,Tier,Member since,Card,Opt-in,Notes\n"
    "C-1,Ada Lovelace,ada@example.com,(202) 555-0143,1990-04-23,1200,5000,,2021-06-01,,yes,likes tea\n"
    "C-2,Grace Hopper,grace@example.com,,,0,300,Gold,,OLD-778,no,\n"
    "C-3,Alan Turing,,202-555-0199,,80,,,,,,\n"
)


@pytest.fixture
def program(svc: LoyaltyService):
    program = make_program(svc, program_type="tiered", points_expiration_days=365)
    make_tiers(svc, program.id)
    return program


def by_name(svc: LoyaltyService, program_id: int) -> dict[str, object]:
    return {m.customer_name: m for m in svc.get_loyalty_members(SHOP, program_id)}


def run(svc: LoyaltyService, program_id: int, text: str | bytes, **options: object):
    data = text.encode() if isinstance(text, str) else text
    return svc.import_members(SHOP, program_id, data, **options)


# --- the balances, lifetime points and tiers --------------------------------------------


def test_new_members_get_one_opening_row_each_and_the_ledger_stays_clean(svc, program, tmp_path: Path):
    path = tmp_path / "old-system.csv"
    path.write_text(GOOD, encoding="utf-8")
    report = svc.import_members(SHOP, program.id, path)
    assert (report.added, report.updated, report.unchanged, report.refused) == (3, 0, 0, ())
    assert report.written and report.points_credited == 1280 and report.file_name == "old-system.csv"
    members = by_name(svc, program.id)
    ada, grace, alan = members["Ada Lovelace"], members["Grace Hopper"], members["Alan Turing"]
    tiers = {t.tier_name: t.id for t in svc.get_loyalty_tiers(SHOP, program.id)}
    assert (ada.current_points, ada.lifetime_points, ada.current_tier_id) == (1200, 5000, tiers["Gold"])
    assert (grace.current_points, grace.lifetime_points, grace.current_tier_id) == (0, 300, tiers["Gold"])
    assert (alan.current_points, alan.lifetime_points, alan.current_tier_id) == (80, 80, tiers["Bronze"])
    assert ada.phone == "+12025550143" and ada.birthday == dt.date(1990, 4, 23)
    assert ada.enrollment_date == dt.datetime(2021, 6, 1, tzinfo=dt.UTC)
    assert ada.member_metadata == {"marketing_consent": True, "notes": "likes tea"}
    assert grace.member_metadata == {"marketing_consent": False, "previous_card_number": "OLD-778"}
    (row,) = svc.get_member_points_history(SHOP, ada.id)
    assert (row.transaction_type, row.points_amount, row.source) == ("manual_adjustment", 1200, "import")
    assert (row.reference_type, row.reference_id) == ("import", str(ada.id))
    assert "old-system.csv" in row.description and "5,000 lifetime points" in row.description
    assert row.expiration_date == row.created_at + dt.timedelta(days=365)
    # The tier the file names stands as one set by hand; a tier from the points is automatic.
    assert [h.promotion_reason for h in svc.get_tier_history(SHOP, grace.id)] == ["manual_promotion"]
    assert [h.promotion_reason for h in svc.get_tier_history(SHOP, alan.id)] == ["automatic_points"]
    activity = {a.activity_type: a for a in svc.get_member_activity(SHOP, grace.id)}
    assert activity["tier_promoted"].activity_metadata["reason"] == "import"
    assert "old-system.csv" in activity["member_enrolled"].activity_description
    assert svc.check_ledger(SHOP) == []
    dashboard = svc.get_loyalty_dashboard_data(SHOP, program_id=program.id)
    assert dashboard["totalMembers"] == 3 and dashboard["totalPointsOutstanding"] == 1280


def test_imported_members_work_at_the_counter_and_expire_by_the_programs_rules(svc, program, clock):
    run(svc, program.id, GOOD)
    ada = svc.find_members(SHOP, "(202) 555-0143")[0]
    assert ada.customer_name == "Ada Lovelace"
    clock.advance(days=200)
    svc.record_purchase(SHOP, program.id, ada.id, "10", "O-1")
    assert svc.get_loyalty_member(SHOP, ada.id).current_points == 1220      # Gold earns x2
    clock.advance(days=166)
    svc.run_daily_jobs(SHOP)
    assert svc.get_loyalty_member(SHOP, ada.id).current_points == 20        # the opening lot expired
    assert svc.get_loyalty_member(SHOP, ada.id).lifetime_points == 5020
    assert svc.check_ledger(SHOP) == []


def test_a_balance_above_the_lifetime_total_comes_in_as_it_was(svc, program):
    # Legitimate: a cancelled redemption refunds points that a return had already taken off the
    # lifetime total. An export of such a member must import back as it was.
    run(svc, program.id, "name,points,lifetime_points\nRefunded Rita,96,78\nPlain Paul,40,40\n")
    rita, paul = by_name(svc, program.id)["Refunded Rita"], by_name(svc, program.id)["Plain Paul"]
    assert (rita.current_points, rita.lifetime_points) == (96, 78)
    assert (paul.current_points, paul.lifetime_points) == (40, 40)
    (row,) = svc.get_member_points_history(SHOP, rita.id)
    assert row.points_amount == 96 and row.points_balance_after == 96
    svc.record_purchase(SHOP, program.id, rita.id, "10", "O-RITA")     # the counter carries on from there
    assert svc.get_loyalty_member(SHOP, rita.id).lifetime_points == 88
    assert svc.check_ledger(SHOP) == []
    dashboard = svc.get_loyalty_dashboard_data(SHOP, program_id=program.id)
    assert dashboard["totalPointsOutstanding"] == 96 + 10 + 40


def test_a_program_without_expiry_gives_opening_points_that_never_expire(svc):
    program = make_program(svc)
    run(svc, program.id, "name,points\nAda,50\n")
    (row,) = svc.get_member_points_history(SHOP, svc.get_loyalty_members(SHOP, program.id)[0].id)
    assert row.expiration_date is None
    assert svc.check_ledger(SHOP) == []


# --- idempotent, and matching existing members -------------------------------------


def test_importing_the_same_file_again_changes_nothing(svc, program):
    run(svc, program.id, GOOD)
    before = database_state(svc)
    report = run(svc, program.id, GOOD)
    assert (report.added, report.updated, report.unchanged, report.written) == (0, 0, 3, False)
    assert database_state(svc) == before


def test_a_changed_row_updates_contact_details_and_never_credits_again(svc, program):
    run(svc, program.id, GOOD)
    changed = GOOD.replace("Ada Lovelace,ada@example.com", "Ada King,ada.king@example.com").replace(
        "1200,5000", "9999,9999")
    report = run(svc, program.id, changed)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    ada = by_name(svc, program.id)["Ada King"]
    assert (ada.email, ada.current_points, ada.lifetime_points) == ("ada.king@example.com", 1200, 5000)
    assert len(svc.get_member_points_history(SHOP, ada.id)) == 1
    assert svc.check_ledger(SHOP) == []


def test_rows_match_by_customer_id_then_email_then_phone(svc, program):
    by_id = enroll(svc, program.id, "Id Match", customer_id="K-9")
    by_email = enroll(svc, program.id, "Email Match", email="e@example.com")
    by_phone = enroll(svc, program.id, "Phone Match", phone="202-555-0100")
    report = run(svc, program.id, "customer_id,name,email,phone,points\n"
                                  "K-9,Id Match,,,500\n"
                                  ",Email Match,e@example.com,,500\n"
                                  "P-7,Phone Match,,202 555 0100,500\n")
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    assert svc.get_loyalty_member(SHOP, by_phone.id).customer_id == "P-7"
    # An existing member keeps the balance their ledger explains: the file's points are not credited.
    for member in (by_id, by_email, by_phone):
        assert svc.get_loyalty_member(SHOP, member.id).current_points == 0
    assert svc.check_ledger(SHOP) == []


def test_an_email_of_another_member_is_refused(svc, program):
    enroll(svc, program.id, "Someone", email="taken@example.com")
    report = run(svc, program.id, "customer_id,name,email\nC-1,New Person,taken@example.com\n")
    assert report.added == 0 and report.updated == 1
    assert [(r.row, r.column) for r in report.refused] == []
    # Matched by email: the same person. With an id that matches someone else, it is a conflict.
    enroll(svc, program.id, "Other", customer_id="X-1")
    report = run(svc, program.id, "customer_id,name,email\nX-1,Other,taken@example.com\n")
    assert [(r.row, r.column) for r in report.refused] == [(2, "email")]
    assert "another member" in report.refused[0].message


# --- all or nothing, skip_bad_rows, dry runs --------------------------------------------

BAD = (
    "name;email;points;lifetime_points;tier;birthday;enrollment_date\n"
    "Good One;one@example.com;10;;;;\n"
    "Bad Points;two@example.com;12.5;;;;\n"
    "Negative;three@example.com;-5;;;;\n"
    "Unknown Tier;four@example.com;1;;Platinum;;\n"
    "Bad Date;five@example.com;1;;;23/04/1990;\n"
    "Future;six@example.com;1;;;2999-01-01;2999-01-01\n"
    "Dupe;one@example.com;1;;;;\n"
    "Lifetime Negative;seven@example.com;100;-50;;;\n"
    ";eight@example.com;1;;;;\n"
    "Good Two;nine@example.com;20;;;;\n"
)


def test_every_bad_row_is_refused_with_its_row_and_column(svc, program):
    report = run(svc, program.id, BAD)
    refused = {(r.row, r.column) for r in report.refused}
    assert refused == {(3, "points"), (4, "points"), (5, "tier"), (6, "birthday"), (7, "birthday"),
                       (7, "enrollment_date"), (8, "email"), (9, "lifetime_points"), (10, "name")}
    messages = {(r.row, r.column): r.message for r in report.refused}
    assert "Platinum" in messages[5, "tier"] and "Bronze" in messages[5, "tier"]
    assert "row 2" in messages[8, "email"]
    assert (report.added, report.written) == (2, False)


def test_a_file_with_a_refused_row_imports_nothing(svc, program):
    before = database_state(svc)
    report = run(svc, program.id, BAD)
    assert report.refused and not report.written and report.points_credited == 0
    assert database_state(svc) == before


def test_skip_bad_rows_imports_the_good_ones(svc, program):
    report = run(svc, program.id, BAD, skip_bad_rows=True)
    assert report.written and report.added == 2 and report.points_credited == 30
    assert set(by_name(svc, program.id)) == {"Good One", "Good Two"}
    assert svc.check_ledger(SHOP) == []


@pytest.mark.parametrize("text", [GOOD, BAD])
def test_a_dry_run_writes_nothing_and_reports_what_the_real_run_does(svc, program, text):
    before = database_state(svc)
    dry = run(svc, program.id, text, dry_run=True, skip_bad_rows=True)
    assert database_state(svc) == before and dry.dry_run and not dry.written
    real = run(svc, program.id, text, skip_bad_rows=True)
    assert (dry.added, dry.updated, dry.unchanged, dry.refused, dry.points_credited) == \
        (real.added, real.updated, real.unchanged, real.refused, real.points_credited)


def test_a_cancelled_import_writes_nothing(svc, program):
    before = database_state(svc)
    big = "name,points\n" + "".join(f"Member {i},{i}\n" for i in range(6000))

    def cancel(done: int, total: int, stage: str) -> None:
        if stage == "Writing members":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(svc, program.id, big, progress=cancel)
    assert database_state(svc) == before


# --- files that are no members file at all ----------------------------------------------


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"\n\n", "empty"),
    (b"name,email\n", "no members"),
    (b"email,phone\na@example.com,\n", "no column for the member's name"),
    (b"name,customer name\nA,B\n", "Two columns"),
    ("name,points\nAda,1\n".encode("utf-16"), "NUL"),
    (b"name\n\x81\x8d\xff\xfe\n", "neither UTF-8 nor Windows-1252"),
    (b'name,email\n"Ada,unclosed\n', "not a readable CSV"),
])
def test_a_file_that_is_not_a_members_file_is_refused_and_nothing_is_written(svc, program, data, message):
    before = database_state(svc)
    with pytest.raises(ValidationError, match=message) as refused:
        svc.import_members(SHOP, program.id, data)
    assert refused.value.field == "source"
    assert database_state(svc) == before


def test_a_missing_file_or_a_folder_is_refused(svc, program, tmp_path: Path):
    with pytest.raises(ValidationError, match="no file"):
        svc.import_members(SHOP, program.id, tmp_path / "missing.csv")
    with pytest.raises(ValidationError, match="folder"):
        svc.import_members(SHOP, program.id, tmp_path)
    with pytest.raises(ValidationError, match="file path"):
        svc.import_members(SHOP, program.id, 42)  # type: ignore[arg-type]


def test_an_inactive_program_takes_no_import(svc, program):
    svc.update_loyalty_program(SHOP, program.id, {"status": "inactive"})
    with pytest.raises(NotEligible):
        run(svc, program.id, GOOD)


# --- encodings, delimiters, synonyms and mappings ---------------------------------------


@pytest.mark.parametrize(("data", "encoding", "delimiter"), [
    ("Name;Points\nZoë Müller;7\n".encode(), "utf-8", ";"),
    ("Name\tPoints\nZoë Müller\t7\n".encode("utf-8-sig"), "utf-8-sig", "\t"),
    ("Name,Points\nZoë Müller,7\n".encode("cp1252"), "cp1252", ","),
])
def test_encodings_and_delimiters_are_detected(svc, program, data, encoding, delimiter):
    report = svc.import_members(SHOP, program.id, data)
    assert (report.encoding, report.delimiter, report.added) == (encoding, delimiter, 1)
    (member,) = svc.get_loyalty_members(SHOP, program.id)
    assert (member.customer_name, member.current_points) == ("Zoë Müller", 7)


def test_first_and_last_names_make_the_name_and_unknown_columns_are_left_out(svc, program):
    report = run(svc, program.id, "First Name,SURNAME,Favourite colour\nAda,Lovelace,green\n")
    assert report.ignored_columns == ("Favourite colour",)
    assert dict(report.columns) == {"First Name": "first_name", "SURNAME": "last_name"}
    assert svc.get_loyalty_members(SHOP, program.id)[0].customer_name == "Ada Lovelace"


def test_a_mapping_overrides_the_synonyms(svc, program):
    text = "Kunde,Punkte,Name\nAda Lovelace,40,ignored\n"
    report = run(svc, program.id, text, mapping={"Kunde": "customer_name", "Punkte": "points", "Name": None})
    assert report.added == 1 and report.ignored_columns == ("Name",)
    assert svc.get_loyalty_members(SHOP, program.id)[0].current_points == 40
    with pytest.raises(ValidationError, match="Unknown field"):
        run(svc, program.id, text, mapping={"Kunde": "nickname"})
    with pytest.raises(ValidationError, match="does not have"):
        run(svc, program.id, text, mapping={"Nom": "customer_name"})


def test_the_pure_parts_read_a_file_without_the_service():
    table = read_table("Nom;Courriel\nAda;ada@example.com\n".encode("cp1252"))
    assert (table.header, table.rows) == (("Nom", "Courriel"), ((2, ("Ada", "ada@example.com")),))
    columns = match_columns(table.header, {"Nom": "customer_name", "Courriel": "email"})
    assert dict(columns.fields) == {"customer_name": 0, "email": 1}


# --- who may import ---------------------------------------------------------------------


def test_in_a_shop_with_staff_only_an_owner_imports(svc, program):
    staff = add_staff(svc)
    before = database_state(svc)
    with pytest.raises(PermissionDenied):
        run(svc, program.id, GOOD)
    for name in ("Ana", "Marc"):
        with pytest.raises(PermissionDenied, match="cannot import"):
            run(svc, program.id, GOOD, actor=staff[name])
    assert database_state(svc) == before
    run(svc, program.id, GOOD, actor=staff["Olive"])
    (row,) = svc.get_member_points_history(SHOP, by_name(svc, program.id)["Ada Lovelace"].id)
    assert (row.actor_kind, row.actor_staff_id) == ("staff", staff["Olive"])
    assert svc.check_ledger(SHOP) == []


def test_the_opt_out_column_opts_members_out_of_email_and_an_empty_cell_changes_nothing(svc, program):
    text = ("Name,Email,Unsubscribed\n"
            "Ada Lovelace,ada@example.com,yes\nGrace Hopper,grace@example.com,no\nAlan Turing,alan@example.com,\n")
    report = run(svc, program.id, text)
    assert dict(report.columns)["Unsubscribed"] == "email_opt_out"
    members = by_name(svc, program.id)
    assert {name: m.email_opt_out for name, m in members.items()} == {
        "Ada Lovelace": True, "Grace Hopper": False, "Alan Turing": False}
    again = text.replace("grace@example.com,no", "grace@example.com,yes").replace("ada@example.com,yes",
                                                                                 "ada@example.com,")
    report = run(svc, program.id, again)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    members = by_name(svc, program.id)
    assert (members["Ada Lovelace"].email_opt_out, members["Grace Hopper"].email_opt_out) == (True, True)
    report = run(svc, program.id, "Name,Email,Opt-out\nAda Lovelace,ada@example.com,maybe\n", dry_run=True)
    assert [(r.column, r.message) for r in report.refused] == [("Opt-out", "'maybe' must be yes or no")]


def test_the_consent_column_sets_marketing_consent_from_the_import(svc, program, clock):
    run(svc, program.id, GOOD)
    members = by_name(svc, program.id)
    ada, grace, alan = members["Ada Lovelace"], members["Grace Hopper"], members["Alan Turing"]
    assert (ada.marketing_consent, ada.marketing_consent_source, ada.marketing_consent_at) == (True, "import", clock.now)
    assert (grace.marketing_consent, grace.marketing_consent_source) == (False, "import")
    assert (alan.marketing_consent, alan.marketing_consent_source, alan.marketing_consent_at) == (False, None, None)
    assert not any(m.email_opt_out for m in members.values())
    clock.advance(days=1)
    report = run(svc, program.id, GOOD.replace("OLD-778,no,", "OLD-778,yes,"))
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    grace = by_name(svc, program.id)["Grace Hopper"]
    assert (grace.marketing_consent, grace.marketing_consent_source, grace.marketing_consent_at) == (
        True, "import", clock.now)

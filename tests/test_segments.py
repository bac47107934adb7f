"""Member segments (README, "Segments"): each kind picks the members it says, the count, the pages
and the CSV export agree, saved segments keep their rule, and bad rules are refused by field."""
from __future__ import annotations

import csv
import datetime as dt

import pytest

from loyalty_desk.dataio.export import export_csv
from loyalty_desk.services import DuplicateReference, NotFound, ValidationError
from loyalty_desk.services.dto import SegmentAudience, SegmentEmail, SegmentRule

from .support import SHOP, enroll, make_program, make_tiers


def names(svc, rule, **filters) -> list[str]:
    """The segment's members by name, read through the members table's pages (a small page size,
    so that paging with the segment is exercised), checked against its count."""
    found, after = [], None
    while True:
        page = svc.list_members_page(SHOP, segment=rule, limit=2, after=after, **filters)
        found += [m.customer_name for m in page.rows]
        if page.next_after is None:
            break
        after = page.next_after
    assert svc.count_members(SHOP, segment=rule, **filters) == len(found)
    return sorted(found)


def test_inactive_members_are_those_not_seen_for_the_days_given(svc, clock):
    program = make_program(svc)
    _gone, back, _new = (enroll(svc, program.id, name) for name in ("Gone", "Back", "New"))
    clock.advance(days=100)
    svc.record_purchase(SHOP, program.id, back.id, "5", "O-1")
    enroll(svc, program.id, "Newer")
    assert names(svc, SegmentRule("inactive", 90)) == ["Gone", "New"]
    assert names(svc, SegmentRule("inactive", 101)) == []


def test_birthday_this_month_is_read_on_the_shops_calendar(svc, clock):
    program = make_program(svc)
    enroll(svc, program.id, "March", birthday=dt.date(1990, 3, 31))
    enroll(svc, program.id, "April", birthday=dt.date(1985, 4, 1))
    enroll(svc, program.id, "Unknown")
    assert names(svc, SegmentRule("birthday_month")) == ["March"]
    # 23:30 on 31 March in UTC is already April in Berlin.
    svc.save_shop(SHOP, {"timezone": "Europe/Berlin"})
    clock.set(dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC))
    assert names(svc, SegmentRule("birthday_month")) == ["April"]


def test_near_the_next_tier_counts_qualifying_points_as_the_program_does(svc, clock):
    lifetime = make_program(svc, program_type="tiered", tier_system_enabled=True)
    make_tiers(svc, lifetime.id)             # Silver from 500, Gold from 2,000
    for name, spent in (("Close", "450"), ("Far", "300"), ("Gold", "2100"), ("AlmostGold", "1950")):
        member = enroll(svc, lifetime.id, name)
        svc.record_purchase(SHOP, lifetime.id, member.id, spent, f"L-{name}")
    assert names(svc, SegmentRule("near_next_tier", 100)) == ["AlmostGold", "Close"]
    assert names(svc, SegmentRule("near_next_tier", 200)) == ["AlmostGold", "Close", "Far"]

    rolling = make_program(svc, program_name="Rolling", program_type="tiered", tier_system_enabled=True,
                           program_rules={"tier_qualification_days": 30})
    make_tiers(svc, rolling.id)
    old, recent = enroll(svc, rolling.id, "Old"), enroll(svc, rolling.id, "Recent")
    svc.record_purchase(SHOP, rolling.id, old.id, "450", "R-1")
    clock.advance(days=45)                   # Old's points left the window: 500 is 500 away
    svc.record_purchase(SHOP, rolling.id, recent.id, "450", "R-2")
    assert names(svc, SegmentRule("near_next_tier", 100), program_id=rolling.id) == ["Recent"]
    assert names(svc, SegmentRule("near_next_tier", 100)) == ["AlmostGold", "Close", "Recent"]


def test_expiring_points_within_the_days_given(svc, clock):
    program = make_program(svc, points_expiration_days=60)
    soon, later, spent = (enroll(svc, program.id, name) for name in ("Soon", "Later", "Spent"))
    svc.record_purchase(SHOP, program.id, soon.id, "20", "O-1")
    svc.record_purchase(SHOP, program.id, spent.id, "20", "O-2")
    svc.reverse_purchase(SHOP, program.id, "O-2", "20")          # nothing left to expire
    clock.advance(days=40)
    svc.record_purchase(SHOP, program.id, later.id, "20", "O-3")
    assert names(svc, SegmentRule("expiring", 30)) == ["Soon"]
    assert names(svc, SegmentRule("expiring", 61)) == ["Later", "Soon"]


def test_top_spenders_keep_ties_at_the_last_place_and_leave_out_who_spent_nothing(svc):
    program = make_program(svc)
    other = make_program(svc, program_name="Other")
    for name, spent in (("Hundred", "100"), ("FiftyA", "50"), ("FiftyB", "50"), ("Ten", "10"), ("None", None)):
        member = enroll(svc, program.id, name)
        if spent:
            svc.record_purchase(SHOP, program.id, member.id, spent, f"O-{name}")
    big = enroll(svc, other.id, "BigElsewhere")
    svc.record_purchase(SHOP, other.id, big.id, "1000", "X-1")
    assert names(svc, SegmentRule("top_spenders", 2), program_id=program.id) == ["FiftyA", "FiftyB", "Hundred"]
    assert names(svc, SegmentRule("top_spenders", 10), program_id=program.id) == [
        "FiftyA", "FiftyB", "Hundred", "Ten"]
    # Across the shop, the other program's spender ranks first.
    assert names(svc, SegmentRule("top_spenders", 2)) == ["BigElsewhere", "Hundred"]


def test_enrolled_in_a_period_includes_both_days(svc, clock):
    program = make_program(svc)
    for name in ("Day0", "Day5", "Day6", "Day10"):
        enroll(svc, program.id, name)
        clock.advance(days={"Day0": 5, "Day5": 1, "Day6": 4}.get(name, 0))
    start = dt.date(2026, 3, 2)
    rule = SegmentRule("enrolled", first=start + dt.timedelta(days=5), last=start + dt.timedelta(days=6))
    assert names(svc, rule) == ["Day5", "Day6"]


def test_a_segment_combines_with_the_other_filters(svc, clock):
    program = make_program(svc)
    asleep = enroll(svc, program.id, "Asleep")
    enroll(svc, program.id, "Also Asleep")
    clock.advance(days=120)
    svc.update_loyalty_member(SHOP, asleep.id, {"membership_status": "suspended"})
    rule = SegmentRule("inactive", 90)
    assert names(svc, rule, status="active") == ["Also Asleep"]
    assert names(svc, rule, search="als") == ["Also Asleep"]
    assert names(svc, rule) == ["Also Asleep", "Asleep"]


def test_the_csv_export_of_a_segment_holds_its_members_only(svc, clock, tmp_path):
    program = make_program(svc)
    for name in ("Quiet One", "Quiet Two"):
        enroll(svc, program.id, name)
    clock.advance(days=100)
    enroll(svc, program.id, "Fresh")
    path = tmp_path / "lapsed.csv"
    written = export_csv(svc, SHOP, "members", path, program_id=program.id, segment=SegmentRule("inactive", 30))
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert written == 2
    assert sorted(row["name"] for row in rows) == ["Quiet One", "Quiet Two"]
    with pytest.raises(ValueError, match="members export"):
        export_csv(svc, SHOP, "transactions", tmp_path / "t.csv", segment=SegmentRule("inactive", 30))
    assert not (tmp_path / "t.csv").exists()


def test_saved_segments_keep_their_rule_and_their_name_is_unique(svc):
    program = make_program(svc)
    first = svc.save_segment(SHOP, "Lapsed", SegmentRule("inactive", 60), program_id=program.id)
    period = SegmentRule("enrolled", first=dt.date(2026, 1, 1), last=dt.date(2026, 1, 31))
    svc.save_segment(SHOP, "January joiners", period)
    svc.save_segment(SHOP, "Birthdays", {"kind": "birthday_month"})
    listed = svc.list_segments(SHOP)
    assert [(s.name, s.program_id, s.rule) for s in listed] == [
        ("Birthdays", None, SegmentRule("birthday_month")),
        ("January joiners", None, period),
        ("Lapsed", program.id, SegmentRule("inactive", 60)),
    ]
    with pytest.raises(DuplicateReference) as refused:
        svc.save_segment(SHOP, "Lapsed", SegmentRule("inactive", 30))
    assert refused.value.field == "name"
    svc.delete_segment(SHOP, first.id)
    assert [s.name for s in svc.list_segments(SHOP)] == ["Birthdays", "January joiners"]
    with pytest.raises(NotFound):
        svc.delete_segment(SHOP, first.id)
    assert svc.list_segments("another-shop") == []


@pytest.mark.parametrize(("rule", "field"), [
    (SegmentRule("dormant", 3), "kind"),
    (SegmentRule("inactive", 0), "days"),
    (SegmentRule("inactive", 3651), "days"),
    (SegmentRule("near_next_tier", -5), "points"),
    (SegmentRule("top_spenders", True), "count"),  # type: ignore[arg-type]
    (SegmentRule("enrolled", first=dt.date(2026, 2, 1)), "last"),
    (SegmentRule("enrolled", first=dt.date(2026, 2, 1), last=dt.date(2026, 1, 31)), "last"),
    ({"kind": "inactive", "days": 3}, "segment"),
    ("inactive", "segment"),
])
def test_a_bad_rule_is_refused_by_field_and_nothing_is_saved(svc, rule, field):
    make_program(svc)
    for call in (lambda: svc.count_members(SHOP, segment=rule), lambda: svc.save_segment(SHOP, "Bad", rule)):
        with pytest.raises(ValidationError) as refused:
            call()
        assert refused.value.field == field
    assert svc.list_segments(SHOP) == []


def test_a_default_number_is_taken_when_none_is_given(svc, clock):
    program = make_program(svc)
    enroll(svc, program.id, "Old")
    clock.advance(days=89)
    assert names(svc, SegmentRule("inactive")) == []
    clock.advance(days=2)
    assert names(svc, SegmentRule("inactive")) == ["Old"]


# --- an email to a segment ----------------------------------------------------------


def mailing_list(svc, clock):
    """Five lapsed members, of whom two may get marketing email; one recent member with consent."""
    program = make_program(svc)
    enroll(svc, program.id, "Ada Lovelace", email="ada@example.com", marketing_consent=True)
    enroll(svc, program.id, "Grace Hopper", email="grace@example.com", marketing_consent=True)
    enroll(svc, program.id, "No Consent", email="nc@example.com")
    enroll(svc, program.id, "No Address", marketing_consent=True)
    stop = enroll(svc, program.id, "Opted Out", email="stop@example.com", marketing_consent=True)
    svc.update_loyalty_member(SHOP, stop.id, {"email_opt_out": True})
    clock.advance(days=100)
    enroll(svc, program.id, "Recent Visitor", email="new@example.com", marketing_consent=True)
    # The welcome emails are out of the way: only the segment's email is due after this.
    for message in svc.claim_due_messages(SHOP, claimer="test", limit=50):
        svc.record_message_outcome(SHOP, message.id, claimer="test", outcome="sent")
    return program


def test_an_email_to_a_segment_reaches_only_members_who_agreed_and_goes_once(svc, clock):
    program = mailing_list(svc, clock)
    lapsed = SegmentRule("inactive", 90)
    assert svc.segment_audience(SHOP, lapsed) == SegmentAudience(members=5, reachable=2)
    sent = svc.email_segment(SHOP, lapsed, "We have missed you", "Come by this week: coffee is on us.",
                             key="lapsed-june", program_id=program.id)
    assert sent == SegmentEmail(queued=2, left_out=3, replayed=False)
    again = svc.email_segment(SHOP, lapsed, "We have missed you", "Come by this week: coffee is on us.",
                              key="lapsed-june", program_id=program.id)
    assert again == SegmentEmail(queued=2, left_out=0, replayed=True)
    due = svc.claim_due_messages(SHOP, claimer="test", limit=50)
    assert sorted(m.recipient for m in due) == ["ada@example.com", "grace@example.com"]
    ada = next(m for m in due if m.recipient == "ada@example.com")
    assert (ada.kind, ada.subject) == ("campaign", "We have missed you")
    assert ada.body_text.startswith("Hello Ada,\n\nCome by this week: coffee is on us.")
    assert ada.body_html is not None and "coffee is on us" in ada.body_html
    assert ada.list_unsubscribe            # marketing: the unsubscribe header goes with it


def test_the_email_escapes_what_the_owner_wrote_and_a_program_may_turn_it_off(svc, clock):
    program = mailing_list(svc, clock)
    svc.email_segment(SHOP, SegmentRule("inactive", 90), "Tom & Jerry's", "<b>{{ balance }}</b>", key="k1")
    (ada, grace) = sorted(svc.claim_due_messages(SHOP, claimer="test", limit=50), key=lambda m: m.recipient)
    assert ada.subject == "Tom & Jerry's"
    assert "<b>{{ balance }}</b>" in ada.body_text          # text, never run as a template
    assert ada.body_html is not None and "&lt;b&gt;{{ balance }}&lt;/b&gt;" in ada.body_html
    svc.update_loyalty_program(SHOP, program.id, {"program_rules": {"messages": {"campaign": False}}})
    assert svc.email_segment(SHOP, SegmentRule("inactive", 90), "Again", "Hello", key="k2") == SegmentEmail(
        queued=0, left_out=5, replayed=False)


@pytest.mark.parametrize(("subject", "message", "key", "field"), [
    ("", "Hello", "k", "subject"),
    ("Two\nlines", "Hello", "k", "subject"),
    ("x" * 201, "Hello", "k", "subject"),
    ("News", "", "k", "message"),
    ("News", "x" * 5001, "k", "message"),
    ("News", "Hello", "", "key"),
])
def test_a_bad_email_to_a_segment_is_refused_by_field_and_queues_nothing(svc, clock, subject, message, key, field):
    mailing_list(svc, clock)
    with pytest.raises(ValidationError) as refused:
        svc.email_segment(SHOP, SegmentRule("inactive", 90), subject, message, key=key)
    assert refused.value.field == field
    assert svc.claim_due_messages(SHOP, claimer="test", limit=50) == []


def test_a_send_that_reached_nobody_is_still_the_same_send_later(svc, clock):
    program = make_program(svc)
    quiet = enroll(svc, program.id, "Quiet One", email="quiet@example.com")       # no consent yet
    clock.advance(days=100)
    lapsed = SegmentRule("inactive", 90)
    assert svc.email_segment(SHOP, lapsed, "Hello", "Come back", key="k-0") == SegmentEmail(0, 1, False)
    svc.update_loyalty_member(SHOP, quiet.id, {"marketing_consent": True})
    assert svc.email_segment(SHOP, lapsed, "Hello", "Come back", key="k-0") == SegmentEmail(0, 0, True)
    assert svc.email_segment(SHOP, lapsed, "Hello", "Come back", key="k-1") == SegmentEmail(1, 0, False)
    sent = [row for row in svc.get_audit_log(SHOP) if row.action == "campaign_sent"]
    assert len(sent) == 2

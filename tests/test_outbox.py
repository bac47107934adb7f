"""The email outbox: queued with the event, consent respected, templates checked (README, "Messages").

The sending itself, over a real SMTP server, is tests/test_send_messages.py.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from loyalty_desk.domain.messages import refusal
from loyalty_desk.models import Member
from loyalty_desk.models.enums import MessageKind
from loyalty_desk.services import LoyaltyService, NotEligible, ValidationError
from loyalty_desk.services.outbox import reachable

from .support import SHOP, database_state, enroll, make_program, make_tiers


def kinds(svc: LoyaltyService, status: str | None = None) -> list[str]:
    return sorted(m.kind for m in svc.get_outbox(SHOP, status=status))


def test_enrollment_queues_a_welcome_in_its_transaction(svc):
    program = make_program(svc, program_rules={"welcome_bonus_points": 50})
    member = enroll(svc, program.id, email="ada@example.com")
    (message,) = svc.get_outbox(SHOP)
    assert (message.kind, message.member_id, message.status, message.attempts) == ("welcome", member.id, "pending", 0)
    assert message.recipient == "ada@example.com"
    assert message.subject == "Welcome to Rewards, Ada"
    assert message.facts == {"points": 50}


def test_a_refused_enrollment_queues_nothing(svc):
    program = make_program(svc)
    enroll(svc, program.id, email="ada@example.com")
    before = database_state(svc)
    with pytest.raises(ValidationError):      # the same email again: refused
        enroll(svc, program.id, "Ada Again", email="ada@example.com")
    with pytest.raises(ValidationError):      # a bad consent flag: refused after the checks of the name
        enroll(svc, program.id, "Grace Hopper", email="grace@example.com", marketing_consent="yes")
    assert database_state(svc) == before
    assert len(svc.get_outbox(SHOP)) == 1


def test_no_email_or_an_opt_out_queues_nothing(svc):
    program = make_program(svc)
    enroll(svc, program.id, "No Email")
    enroll(svc, program.id, "Opted Out", email="out@example.com", email_opt_out=True)
    assert svc.get_outbox(SHOP) == []


def test_a_kind_turned_off_in_the_program_is_not_queued(svc):
    program = make_program(svc, program_rules={"messages": {"welcome": False}})
    enroll(svc, program.id, email="ada@example.com")
    assert svc.get_outbox(SHOP) == []
    with pytest.raises(ValidationError, match="Unknown message kind"):
        make_program(svc, program_name="Other", program_rules={"messages": {"newsletter": True}})
    with pytest.raises(ValidationError):
        make_program(svc, program_name="Other", program_rules={"messages": {"welcome": "no"}})
    with pytest.raises(ValidationError):
        make_program(svc, program_name="Other", program_rules={"reactivation_days": 1})


def test_consent_is_recorded_with_when_and_how(svc, clock):
    program = make_program(svc)
    member = enroll(svc, program.id, email="ada@example.com", marketing_consent=True,
                    marketing_consent_source="paper form")
    assert (member.marketing_consent, member.marketing_consent_at, member.marketing_consent_source) == (
        True, clock.now, "paper form")
    clock.advance(days=1)
    member = svc.update_loyalty_member(SHOP, member.id, {"marketing_consent": False})
    assert (member.marketing_consent, member.marketing_consent_at, member.marketing_consent_source) == (
        False, clock.now, "desk")
    with pytest.raises(ValidationError, match="with its source"):
        svc.update_loyalty_member(SHOP, member.id, {"marketing_consent_source": "web"})


def test_tier_changes_are_queued_up_and_down_but_not_the_first_tier(svc):
    program = make_program(svc, program_type="tiered", tier_system_enabled=True)
    make_tiers(svc, program.id)
    member = enroll(svc, program.id, email="ada@example.com")
    assert kinds(svc) == ["welcome"]              # starting in Bronze is no change to write about
    svc.record_purchase(SHOP, program.id, member.id, "600", "order-1")
    svc.reverse_purchase(SHOP, program.id, "order-1")
    changes = [m for m in svc.get_outbox(SHOP) if m.kind == "tier_changed"]
    assert [(m.facts["previous_tier"], m.facts["tier"], m.facts["direction"]) for m in reversed(changes)] == [
        ("Bronze", "Silver", "up"), ("Silver", "Bronze", "down")]
    assert changes[-1].subject == "You are now a Silver member"


def test_a_rolled_back_event_queues_nothing(svc):
    program = make_program(svc, program_type="tiered", tier_system_enabled=True)
    make_tiers(svc, program.id)
    member = enroll(svc, program.id, email="ada@example.com")
    before = database_state(svc)
    with pytest.raises(ValidationError):      # a purchase refused after the amount is read
        svc.record_purchase(SHOP, program.id, member.id, "600", "")
    assert database_state(svc) == before


def test_redemption_updates_are_queued_with_the_tracking_number(svc):
    program = make_program(svc)
    member = enroll(svc, program.id, email="ada@example.com")
    svc.add_points_transaction(SHOP, program.id, member.id, {"transaction_type": "manual_adjustment",
                                                             "points_amount": 500, "description": "gift"})
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 100})
    first = svc.create_redemption(SHOP, program.id, member.id, reward.id)
    svc.update_redemption_status(SHOP, first.id, "approved")
    svc.update_redemption_status(SHOP, first.id, "shipped", tracking_number="1Z42")
    svc.update_redemption_status(SHOP, first.id, "delivered")
    second = svc.create_redemption(SHOP, program.id, member.id, reward.id)
    svc.update_redemption_status(SHOP, second.id, "cancelled")
    updates = [m for m in reversed(svc.get_outbox(SHOP)) if m.kind == "redemption_update"]
    assert [m.facts["update"] for m in updates] == ["approved", "shipped", "cancelled"]
    assert updates[1].facts["tracking_number"] == "1Z42"
    assert updates[1].subject == "Your Mug is on its way"


def test_marketing_messages_need_consent_and_opting_out_drops_what_waits(svc, clock):
    program = make_program(svc, birthday_bonus_points=100)
    today = clock.now.date()
    birthday = today.replace(year=1990)
    keen = enroll(svc, program.id, "Keen Member", email="keen@example.com", birthday=birthday,
                  marketing_consent=True)
    enroll(svc, program.id, "Quiet Member", email="quiet@example.com", birthday=birthday)
    svc.run_daily_jobs(SHOP)
    birthdays = svc.get_outbox(SHOP, status="pending")
    assert sorted((m.kind, m.member_id) for m in birthdays if m.kind == "birthday") == [("birthday", keen.id)]
    assert len(svc.get_outbox(SHOP)) == 3          # two welcomes and one birthday
    svc.update_loyalty_member(SHOP, keen.id, {"email_opt_out": True})
    assert [m.kind for m in svc.get_outbox(SHOP)] == ["welcome"]   # only the quiet member's


def test_withdrawn_consent_drops_only_marketing(svc, clock):
    program = make_program(svc, birthday_bonus_points=100)
    member = enroll(svc, program.id, email="ada@example.com", birthday=clock.now.date().replace(year=1990),
                    marketing_consent=True)
    svc.run_daily_jobs(SHOP)
    assert kinds(svc) == ["birthday", "welcome"]
    svc.update_loyalty_member(SHOP, member.id, {"marketing_consent": False})
    assert kinds(svc) == ["welcome"]


def test_erasing_a_member_drops_their_messages(svc):
    program = make_program(svc)
    member = enroll(svc, program.id, email="ada@example.com")
    other = enroll(svc, program.id, "Grace Hopper", email="grace@example.com")
    svc.erase_member(SHOP, member.id, reason="asked at the counter")
    assert [m.member_id for m in svc.get_outbox(SHOP)] == [other.id]


def test_expiry_reminder_once_per_member_and_expiry_date(svc, clock):
    program = make_program(svc, points_expiration_days=90, program_rules={"expiry_reminder_days": 30})
    member = enroll(svc, program.id, email="ada@example.com")
    svc.record_purchase(SHOP, program.id, member.id, "40", "order-1")
    expires = (clock.now + dt.timedelta(days=90)).date()
    clock.advance(days=59)
    svc.run_daily_jobs(SHOP)
    assert kinds(svc) == ["welcome"]               # 31 days before: not yet
    clock.advance(days=1)
    assert svc.run_daily_jobs(SHOP).expiry_reminders == 1
    svc.run_daily_jobs(SHOP)                        # the same day again
    clock.advance(days=1)
    svc.run_daily_jobs(SHOP)                        # the next day
    (reminder,) = [m for m in svc.get_outbox(SHOP) if m.kind == "points_expiring"]
    assert reminder.facts == {"expiring_points": 40, "expiry_date": expires.isoformat()}
    assert reminder.subject == f"40 of your points expire on {expires:%B} {expires.day}, {expires.year}"


def test_reactivation_once_per_stretch_of_inactivity(svc, clock):
    program = make_program(svc, program_rules={"reactivation_days": 60})
    member = enroll(svc, program.id, email="ada@example.com", marketing_consent=True)
    enroll(svc, program.id, "Quiet Member", email="quiet@example.com")
    clock.advance(days=59)
    svc.run_daily_jobs(SHOP)
    clock.advance(days=2)
    assert svc.run_daily_jobs(SHOP).reactivations == 1
    clock.advance(days=70)
    assert svc.run_daily_jobs(SHOP).reactivations == 0   # still the same stretch
    svc.record_purchase(SHOP, program.id, member.id, "5", "back-again")
    clock.advance(days=61)
    assert svc.run_daily_jobs(SHOP).reactivations == 1   # a new stretch
    assert [m.member_id for m in svc.get_outbox(SHOP) if m.kind == "reactivation"] == [member.id, member.id]


def test_templates_are_checked_and_name_the_line(svc):
    program = make_program(svc)
    enroll(svc, program.id, email="ada@example.com")
    before = database_state(svc)
    cases = [
        ("Hi {{ member.first_name }", "Line 1 of the subject"),
        ("Hi", "Line 3 of the text: unknown variable member.nickname"),
        ("Hi {{ ''.__class__ }}", "'__class__' cannot be read"),
        ("Hi {{ balance.__class__.__mro__ }}", "cannot be read"),
        ("Hi {% for x in shop.name %}{{ x }}{% endfor %}", "a loop is not allowed"),
        ("Hi {{ cycler(1) }}", "a call is not allowed"),
        ("Hi {{ 'x' * 1000000000 }}", "multiplication is not allowed"),
        ("Hi {% include '/etc/passwd' %}", "an include is not allowed"),
        ("Hi {{ points | attr('x') }}", "unknown filter attr"),
        ("Hi {{ points + 'x' }}", "Line 1 of the subject"),
        ("Hi {{ points % 7 }}", "% (remainder) is not allowed"),             # said in words, not Jinja's names
        ("Hi {{ points // 7 }}", "// (division) is not allowed"),
        ("Hi {{ [points] }}", "a list [...] is not allowed"),
        ("Hi {% filter upper %}x{% endfilter %}", "a filter block is not allowed"),
    ]
    for subject, message in cases:
        body = "Hello\n\n{{ member.nickname }}" if "Line 3" in message else "Hello {{ member.first_name }}"
        with pytest.raises(ValidationError, match=re.escape(message)):
            svc.save_message_template(SHOP, "welcome", subject, body)
    assert database_state(svc) == before
    assert svc.get_outbox(SHOP)[0].subject == "Welcome to Rewards, Ada"


def test_rewording_the_text_of_a_default_brings_its_html_along(svc):
    default = next(t for t in svc.get_message_templates(SHOP) if t.kind == "birthday")
    text = default.body_text.replace("Happy birthday from all of us", "Many happy returns from everyone")
    saved = svc.save_message_template(SHOP, "birthday", default.subject, text, default.body_html)
    assert "Many happy returns from everyone" in (saved.body_html or "")
    assert "Happy birthday from all of us" not in (saved.body_html or "")
    own = svc.save_message_template(SHOP, "birthday", default.subject, text, "<p>My own {{ shop.name }}</p>")
    assert own.body_html == "<p>My own {{ shop.name }}</p>"             # an HTML of one's own is kept


def test_a_saved_template_is_used_for_messages_still_waiting(svc):
    program = make_program(svc)
    member = enroll(svc, program.id, email="ada@example.com")
    saved = svc.save_message_template(SHOP, "welcome", "Hello {{ member.first_name }} from {{ shop.name }}",
                                      "Your balance: {{ balance | number }}.",
                                      "<p>Hello {{ member.first_name }}</p>")
    assert saved.custom and saved.kind == "welcome" and "member.first_name" in saved.variables
    assert svc.get_outbox(SHOP)[0].subject == "Hello Ada from Corner Shop"
    preview = svc.preview_message(SHOP, "welcome", member.id)
    assert preview.body_text.startswith("Your balance: 0.") and "reply STOP" in preview.body_text
    assert preview.body_html is not None and preview.body_html.startswith("<p>Hello Ada</p>")
    edited = svc.preview_message(SHOP, "welcome", member.id, subject="Hi {{ member.name }}", body_text="x")
    assert edited.subject == "Hi Ada Lovelace"
    defaults = {t.kind: t.custom for t in svc.get_message_templates(SHOP)}
    assert defaults == {k.value: k == MessageKind.WELCOME for k in MessageKind}


def test_html_is_escaped(svc):
    program = make_program(svc)
    member = enroll(svc, program.id, "Bob <script>", email="bob@example.com")
    svc.save_message_template(SHOP, "welcome", "Hi", "Hi", "<p>{{ member.first_name }} {{ member.name }}</p>")
    assert "&lt;script&gt;" in (svc.preview_message(SHOP, "welcome", member.id).body_html or "")


def test_retry_only_a_failed_message(svc):
    program = make_program(svc)
    enroll(svc, program.id, email="ada@example.com")
    (message,) = svc.get_outbox(SHOP)
    with pytest.raises(NotEligible):
        svc.retry_message(SHOP, message.id)


@pytest.mark.parametrize("kind", list(MessageKind))
def test_the_sql_reachability_is_the_consent_rule(svc, kind):
    """The daily job's SQL filter (outbox.reachable) says what domain.messages.refusal says."""
    program = make_program(svc)
    combos = [(email, opt_out, consent) for email in (None, "x@example.com") for opt_out in (False, True)
              for consent in (False, True)]
    ids = {}
    for n, (email, opt_out, consent) in enumerate(combos):
        mail = email.replace("x@", f"x{n}@") if email else None
        ids[enroll(svc, program.id, f"Member {n}", email=mail, email_opt_out=opt_out,
                   marketing_consent=consent).id] = (mail, opt_out, consent)
    with svc.uow.read(SHOP) as ctx:
        found = set(ctx.session.scalars(Member.__table__.select().with_only_columns(Member.id).where(
            reachable(kind), Member.user_id == SHOP)))
    assert found == {mid for mid, (email, opt_out, consent) in ids.items()
                     if refusal(kind, email=email, opted_out=opt_out, consent=consent, erased=False) is None}

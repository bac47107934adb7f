"""Members, planned before anyone's year is replayed: who joins when, where, and on whose code."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ValidationError
from ..services.contacts import clean_name, fold, normalize_email, normalize_phone
from .catalog import SHOP, ProgramSetup
from .world import World

REFERRED_SHARE = 0.12         # of members of programs that take referrals

FIRST_NAMES = (
    "Ada", "Alan", "Amara", "Anaïs", "Andrés", "Aoife", "Ben", "Björn", "Carlos", "Chloé", "Chen", "Dmitri", "Elena",
    "Emma", "Fatima", "Felix", "Grace", "Hannah", "Hiroshi", "Ibrahim", "Isabel", "Jack", "James", "José", "Julia",
    "Kwame", "Laura", "Leila", "Liam", "Lucas", "Łukasz", "Maria", "Mateo", "Mia", "Nadia", "Noah", "Olivia", "Omar",
    "Priya", "Rafael", "Renée", "Rosa", "Sam", "Sara", "Siobhán", "Sofia", "Søren", "Thomas", "Wei", "Yusuf",
    "Zoë", "Zara",
)
LAST_NAMES = (
    "Adeyemi", "Andersen", "Brown", "Chen", "Costa", "Davis", "Dubois", "Fischer", "García", "García López",
    "Hernández", "Ibáñez", "Jensen", "Johnson", "Kim", "Kowalski", "Lee", "Martin", "Miller", "Moreau", "Müller",
    "Nguyen", "Novak", "Núñez", "O'Brien", "Okafor", "Ødegaard", "Patel", "Petrov", "Rossi", "Santos", "Schmidt",
    "Silva", "Smith", "Tanaka", "Taylor", "Thompson", "Walker", "Williams", "Wilson", "Yamamoto", "Zhang",
)
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")   # reserved for examples: nobody's real inbox
# New York area codes; every number is in the 555 exchange and checked with phonenumbers.
AREA_CODES = ("201", "203", "212", "315", "347", "516", "518", "551", "585", "607", "631", "646", "716", "718",
              "732", "845", "848", "856", "862", "908", "914", "917", "929", "973")


@dataclass(eq=False)
class Person:
    """A member as planned: who they are and when they join; their year is replayed later."""

    id: int
    setup: ProgramSetup
    joined: dt.datetime
    name: str
    email: str | None
    phone: str | None
    birthday: dt.date | None
    customer_id: str | None
    metadata: dict[str, Any]
    card: str
    referral_code: str
    referrer: Person | None
    referrals: list[Person] = field(default_factory=list)   # members who joined on this person's code


class Planner:
    """Who joins when, in which program, with what details, and on whose referral code."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.rng = world.rng
        self.emails: set[str] = set()
        self.customer_ids: set[str] = set()
        self.phones: set[str] = set()
        self.joined_by_program: dict[int, list[Person]] = {s.program.id: [] for s in world.catalog}

    def people(self, count: int) -> list[Person]:
        weights = [s.spec.share for s in self.w.catalog]
        people = []
        for joined in sorted(self.w.join_moment() for _ in range(count)):
            setup = self.rng.choices(self.w.catalog, weights)[0]
            person = self.person(setup, joined)
            if person.referrer is not None:
                person.referrer.referrals.append(person)
            self.joined_by_program[setup.program.id].append(person)
            people.append(person)
        return people

    def person(self, setup: ProgramSetup, joined: dt.datetime) -> Person:
        rng = self.rng
        name = clean_name(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}")
        return Person(
            id=next(self.w.ids.member), setup=setup, joined=joined, name=name,
            email=self.email(name) if rng.random() < 0.85 else None,
            phone=self.phone() if rng.random() < 0.7 else None,
            birthday=self.birthday() if rng.random() < 0.9 else None,
            customer_id=self.customer_id() if rng.random() < 0.3 else None,
            metadata={"source": rng.choice(("counter", "online", "event")), "marketing_opt_in": rng.random() < 0.6},
            card=self.w.codes.card(), referral_code=self.w.codes.referral(name),
            referrer=self.referrer(setup, joined),
        )

    def email(self, name: str) -> str:
        words = ["".join(ch for ch in word if "a" <= ch <= "z") for word in fold(name).split()]
        local = ".".join(w for w in words if w) or "member"
        while True:
            suffix = str(self.rng.randrange(1, 10_000)) if self.rng.random() < 0.8 else ""
            email = normalize_email(f"{local}{suffix}@{self.rng.choice(EMAIL_DOMAINS)}")
            if email is not None and email not in self.emails:
                self.emails.add(email)
                return email

    def customer_id(self) -> str:
        """The till system's own number for the customer: one customer, one number (an import
        matches members by it, so two people must never share one)."""
        while True:
            customer_id = f"POS-{self.rng.randrange(1_000_000):06d}"
            if customer_id not in self.customer_ids:
                self.customer_ids.add(customer_id)
                return customer_id

    def phone(self) -> str | None:
        for _ in range(50):
            # Any exchange, not just 555: a million members would use up the 555 numbers.
            typed = f"({self.rng.choice(AREA_CODES)}) {self.rng.randrange(201, 1000)}-{self.rng.randrange(10_000):04d}"
            try:
                phone = normalize_phone(typed, SHOP["phone_region"])
            except ValidationError:
                continue
            if phone is not None and phone not in self.phones:
                self.phones.add(phone)
                return phone
        return None

    def birthday(self) -> dt.date:
        year = self.w.today.year - self.rng.randint(18, 80)
        return dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))

    def referrer(self, setup: ProgramSetup, joined: dt.datetime) -> Person | None:
        earlier = self.joined_by_program[setup.program.id]
        if not setup.program.referral_enabled or not earlier or self.rng.random() >= REFERRED_SHARE:
            return None
        referrer = self.rng.choice(earlier)
        return referrer if referrer.joined < joined else None


@dataclass(frozen=True)
class ScriptedMember:
    """A member whose year is given rather than drawn (for the differential test against the service)."""

    name: str
    program: str                      # program name
    joined: dt.datetime
    events: tuple[tuple[Any, ...], ...] = ()   # (moment, step, *args), steps as in SCRIPT_STEPS
    email: str | None = None
    phone: str | None = None
    birthday: dt.date | None = None
    referred_by: str | None = None    # the name of a member scripted before this one
    metadata: dict[str, Any] = field(default_factory=dict)


def scripted_people(world: World, script: Sequence[ScriptedMember]
                    ) -> list[tuple[Person, Sequence[tuple[Any, ...]]]]:
    """The members of a script, planned as the demo plans its own, with their given events."""
    setups = {s.program.program_name: s for s in world.catalog}
    by_name: dict[str, Person] = {}
    for m in sorted(script, key=lambda m: m.joined):
        referrer = by_name[m.referred_by] if m.referred_by else None
        person = Person(id=next(world.ids.member), setup=setups[m.program], joined=m.joined,
                        name=clean_name(m.name), email=normalize_email(m.email),
                        phone=normalize_phone(m.phone, SHOP["phone_region"]), birthday=m.birthday,
                        customer_id=None, metadata=dict(m.metadata), card=world.codes.card(),
                        referral_code=world.codes.referral(m.name), referrer=referrer)
        if referrer is not None:
            referrer.referrals.append(person)
        by_name[m.name] = person
    events = {m.name: m.events for m in script}
    return [(p, events[name]) for name, p in by_name.items()]

"""A shop with staff, for the staff, permission and audit tests: an owner, a manager and two cashiers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loyalty_desk.services import LoyaltyService

from .support import SHOP, enroll, make_program

PINS = {"Olive": "1111", "Marc": "2222", "Ana": "3333", "Cleo": "4444"}
ROLES = {"Olive": "owner", "Marc": "manager", "Ana": "cashier", "Cleo": "cashier"}


@dataclass(frozen=True)
class Staffed:
    program: Any
    member: Any
    ids: dict[str, int]

    def __getitem__(self, name: str) -> int:
        return self.ids[name]


def add_staff(svc: LoyaltyService, names: tuple[str, ...] = ("Olive", "Marc", "Ana", "Cleo")) -> dict[str, int]:
    """Create the staff, the owner first (the first staff member must be one), each by the owner."""
    ids: dict[str, int] = {}
    for name in names:
        ids[name] = svc.create_staff(SHOP, {"name": name, "role": ROLES[name], "pin": PINS[name]},
                                     actor=ids.get("Olive")).id
    return ids


def staffed_shop(svc: LoyaltyService, *, balance: int = 1000) -> Staffed:
    """A points program and one member with `balance` points, set up before the shop had staff."""
    program = make_program(svc)
    member = enroll(svc, program.id)
    if balance:
        svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": balance, "description": "opening"})
    return Staffed(program, member, add_staff(svc))

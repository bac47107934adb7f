"""Promotions over the real HTTP server (README, "Promotions" and "HTTP API"): list, create,
change and end; a purchase made under one names it, and its receipt lines too. A module of its
own: its server's promotions must not change what the other API tests' purchases earn."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest

from ..support import SHOP
from .conftest import Server

API = "/api/loyalty"


@pytest.fixture
def api(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def window(server: Server) -> dict[str, str]:
    """From yesterday to tomorrow in the shop's time zone: running whenever the test runs."""
    today = server.svc.shop_today(SHOP)
    return {"starts_at": (today - dt.timedelta(days=1)).isoformat(),
            "ends_at": (today + dt.timedelta(days=1)).isoformat()}


def test_a_promotion_is_created_listed_changed_and_ended(api: httpx.Client, server: Server) -> None:
    program, ada = server.ids["program"], server.ids["ada"]
    made = api.post(f"{API}/programs/{program.id}/promotions",
                    json={"name": "Web bonus", "bonus_points": 40, "min_amount": "10.00", **window(server)})
    assert made.status_code == 201, made.text
    promotion = made.json()["data"]
    assert (promotion["bonus_points"], promotion["min_amount"], promotion["active"]) == (40, "10.00", True)
    assert "user_id" not in promotion
    listed = api.get(f"{API}/programs/{program.id}/promotions", params={"current_only": "true"}).json()["data"]
    assert [p["id"] for p in listed] == [promotion["id"]]

    bought = api.post(f"{API}/purchases", json={"member_id": ada.id, "amount": "10.00", "order_ref": "PROMO-1"})
    assert bought.status_code == 201, bought.text
    data = bought.json()["data"]
    assert data["promotion"] == "Web bonus" and data["points"] == 55      # 10.00 at Silver's x1.5, plus the 40
    assert "Promotion: Web bonus" in data["receipt_lines"]

    changed = api.patch(f"{API}/promotions/{promotion['id']}", json={"bonus_points": None, "multiplier": "3"})
    assert changed.status_code == 200, changed.text
    assert (Decimal(changed.json()["data"]["multiplier"]), changed.json()["data"]["bonus_points"]) == (3, None)
    ended = api.post(f"{API}/promotions/{promotion['id']}/end")
    assert ended.status_code == 200 and ended.json()["data"]["active"] is False
    assert api.get(f"{API}/programs/{program.id}/promotions", params={"current_only": "true"}).json()["data"] == []
    after = api.post(f"{API}/purchases", json={"member_id": ada.id, "amount": "10.00", "order_ref": "PROMO-2"})
    assert after.json()["data"]["promotion"] is None


def test_bad_promotions_are_refused_and_write_nothing(api: httpx.Client, server: Server) -> None:
    program = server.ids["program"]
    before = server.state()
    for body, status in (({"name": "Both", "multiplier": "2", "bonus_points": 5, **window(server)}, 422),
                         ({"name": "Float", "multiplier": 2.0, **window(server)}, 422),
                         ({"name": "Backwards", "multiplier": "2", "starts_at": "2026-12-10",
                           "ends_at": "2026-12-01"}, 422),
                         ({"name": "Sunday+1", "multiplier": "2", "days_of_week": [7], **window(server)}, 422),
                         ({"name": "Extra", "multiplier": "2", "colour": "red", **window(server)}, 422)):
        answer = api.post(f"{API}/programs/{program.id}/promotions", json=body)
        assert answer.status_code == status, (body, answer.text)
    other = api.post(f"{API}/programs/{server.ids['their_program'].id}/promotions",
                     json={"name": "Theirs", "multiplier": "2", **window(server)})
    assert other.status_code == 404
    with server.client("read") as reader:
        refused = reader.post(f"{API}/programs/{program.id}/promotions",
                              json={"name": "Read only", "multiplier": "2", **window(server)})
        assert refused.status_code == 403
        assert reader.get(f"{API}/programs/{program.id}/promotions").status_code == 200
    assert server.state() == before

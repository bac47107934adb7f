"""The HTTP API end to end (README, "HTTP API"): a real uvicorn server in a subprocess, driven
with httpx. Auth and shop isolation, every endpoint, bad input (nothing written, the server keeps
serving), idempotency under 20 concurrent clients, the last-unit race, the enrollment rate limit."""
from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from loyalty_desk.api.encoding import plain

from ..support import SHOP
from .conftest import OTHER, Server

API = "/api/loyalty"


def error_of(response: httpx.Response) -> dict[str, str]:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}, body
    return body["error"]


def together(count: int, call: Callable[[int], httpx.Response]) -> list[httpx.Response]:
    """`count` clients sending at the same moment, each on its own connection and thread."""
    barrier = threading.Barrier(count)
    answers: list[Any] = [None] * count

    def run(n: int) -> None:
        barrier.wait()
        try:
            answers[n] = call(n)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            answers[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(a, httpx.Response) for a in answers), answers
    return answers


@pytest.fixture
def api(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


# --- health, docs, auth -----------------------------------------------------------------------


def test_health_and_the_documentation_need_no_key(server: Server) -> None:
    with server.client(None) as anonymous:
        assert anonymous.get(f"{API}/health").json() == {"status": "ok"}
        assert anonymous.get("/docs").status_code == 200
        spec = anonymous.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/dashboard", "/members", "/members/{member_id}", "/purchases", "/purchases/{order_ref}/returns",
                 "/members/{member_id}/rewards", "/redemptions", "/members/{member_id}/transactions"):
        assert f"{API}{path}" in paths
    purchase = paths[f"{API}/purchases"]["post"]
    assert purchase["requestBody"]["content"]["application/json"]["examples"]
    assert purchase["responses"]["409"]["content"]["application/json"]["example"]["error"]["type"]
    assert purchase["responses"]["201"]["content"]["application/json"]["example"]["data"]["receipt_lines"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer ld_wrong"}, {"Authorization": "Basic abc"},
                                     {"Authorization": "Bearer"}, "revoked"])
def test_a_missing_wrong_or_revoked_key_gets_401(server: Server, headers: Any) -> None:
    if headers == "revoked":
        headers = {"Authorization": f"Bearer {server.keys['revoked']}"}
    before = server.state()
    with httpx.Client(base_url=server.url, headers=headers) as client:
        for response in (client.get(f"{API}/dashboard"), client.get(f"{API}/members/{server.ids['ada'].id}"),
                         client.post(f"{API}/purchases", json={"member_id": server.ids["ada"].id, "amount": "5.00",
                                                               "order_ref": "NOKEY-1"})):
            assert response.status_code == 401, response.text
            assert error_of(response)["type"] == "invalid_api_key"
    assert server.state() == before


def test_a_read_key_reads_and_cannot_write(server: Server) -> None:
    ada = server.ids["ada"]
    before = server.state()
    with server.client("read") as reader:
        assert reader.get(f"{API}/members/{ada.id}").status_code == 200
        writes = [reader.post(f"{API}/purchases", json={"member_id": ada.id, "amount": "5.00", "order_ref": "R-1"}),
                  reader.post(f"{API}/members", json={"program_id": ada.program_id, "customer_name": "Read Only",
                                                      "email": "ro@example.com"}),
                  reader.post(f"{API}/redemptions", json={"member_id": ada.id, "reward_id": server.ids["mug"].id}),
                  reader.post(f"{API}/purchases/SEED-1/returns", json={"return_ref": "R-RET"})]
    for response in writes:
        assert response.status_code == 403, response.text
        assert error_of(response)["type"] == "permission_denied"
    assert server.state() == before


# --- shop isolation ---------------------------------------------------------------------------


def test_another_shops_user_id_is_answered_like_one_that_does_not_exist(api: httpx.Client, server: Server) -> None:
    theirs = api.get(f"{API}/dashboard", params={"userId": OTHER})
    nobody = api.get(f"{API}/dashboard", params={"userId": "no-such-shop"})
    assert (theirs.status_code, theirs.json()) == (nobody.status_code, nobody.json())
    assert theirs.status_code == 404 and error_of(theirs)["type"] == "not_found"
    assert api.get(f"{API}/dashboard", params={"userId": SHOP}).status_code == 200


def test_another_shops_ids_are_answered_like_missing_ones(api: httpx.Client, server: Server) -> None:
    bob, their_reward, ada = server.ids["bob"], server.ids["their_reward"], server.ids["ada"]
    missing = 2**31 - 7
    before = server.state()
    pairs = [
        (api.get(f"{API}/members/{bob.id}"), api.get(f"{API}/members/{missing}")),
        (api.get(f"{API}/members/{bob.id}/rewards"), api.get(f"{API}/members/{missing}/rewards")),
        (api.get(f"{API}/members/{bob.id}/transactions"), api.get(f"{API}/members/{missing}/transactions")),
        (api.post(f"{API}/purchases", json={"member_id": bob.id, "amount": "5.00", "order_ref": "ISO-1"}),
         api.post(f"{API}/purchases", json={"member_id": missing, "amount": "5.00", "order_ref": "ISO-1"})),
        (api.post(f"{API}/purchases", json={"card_number": bob.card_number, "amount": "5.00", "order_ref": "ISO-2"}),
         api.post(f"{API}/purchases", json={"card_number": "NOSUCHCARD", "amount": "5.00", "order_ref": "ISO-2"})),
        (api.post(f"{API}/redemptions", json={"member_id": ada.id, "reward_id": their_reward.id}),
         api.post(f"{API}/redemptions", json={"member_id": ada.id, "reward_id": missing})),
        (api.post(f"{API}/members", json={"program_id": server.ids["their_program"].id, "customer_name": "X Y",
                                          "email": "xy@example.com"}),
         api.post(f"{API}/members", json={"program_id": missing, "customer_name": "X Y",
                                          "email": "xy@example.com"})),
        (api.post(f"{API}/purchases/THEIR-1/returns", json={"return_ref": "ISO-RET"}),
         api.post(f"{API}/purchases/NO-SUCH-ORDER/returns", json={"return_ref": "ISO-RET"})),
    ]
    for theirs, nobody in pairs:
        assert theirs.status_code == nobody.status_code == 404, (theirs.text, nobody.text)
        assert error_of(theirs)["type"] == error_of(nobody)["type"] == "not_found"
        mine, absent = error_of(theirs)["message"], error_of(nobody)["message"]
        for theirs_id in (str(bob.id), str(their_reward.id), str(server.ids["their_program"].id), "THEIR-1"):
            mine = mine.replace(theirs_id, "#")
        assert mine == absent.replace(str(missing), "#").replace("NO-SUCH-ORDER", "#")
        for secret in ("Bob", "elsewhere", "Theirs", "Hat", OTHER):
            assert secret not in theirs.text
    assert server.state() == before


def test_another_shops_key_sees_its_own_shop_only(server: Server) -> None:
    with server.client("other") as theirs:
        assert theirs.get(f"{API}/members/{server.ids['ada'].id}").status_code == 404
        assert theirs.get(f"{API}/members/{server.ids['bob'].id}").json()["data"]["customer_name"] == "Bob Secret"
        assert theirs.get(f"{API}/dashboard", params={"userId": SHOP}).status_code == 404


# --- the endpoints ----------------------------------------------------------------------------


def test_the_dashboard_is_the_services(api: httpx.Client, server: Server) -> None:
    answer = api.get(f"{API}/dashboard")
    assert answer.status_code == 200
    expected = json.loads(json.dumps(plain(server.svc.get_loyalty_dashboard_data(SHOP))))
    got = answer.json()["data"]
    assert set(got) == set(expected) and {"totalMembers", "recentMembers", "tierDistribution"} <= set(got)
    got.pop("asOf"), expected.pop("asOf")       # the moment each was computed
    assert got == expected


def test_find_a_member_and_read_one(api: httpx.Client, server: Server) -> None:
    ada = server.ids["ada"]
    for query in (ada.card_number, "ada@example.com", "+14155550123", "Ada"):
        found = api.get(f"{API}/members", params={"q": query}).json()["data"]
        assert [m["id"] for m in found][:1] == [ada.id], query
    one = api.get(f"{API}/members/{ada.id}").json()["data"]
    summary = server.svc.get_member_summary(SHOP, ada.id)
    assert one["balance"] == summary.member.current_points
    assert one["tier"] == {"id": summary.member.current_tier_id, "name": summary.tier_name} == \
        {"id": summary.member.current_tier_id, "name": "Silver"}
    assert one["next_tier"] == {"name": "Gold", "points_needed": summary.points_to_next_tier}
    assert one["expiring"] is None or one["expiring"]["points"] == summary.expiring_points
    assert "name_key" not in one and "user_id" not in one


def test_a_hybrid_members_next_tier_is_the_spend_it_needs(server: Server) -> None:
    # A shop of its own: a second program in ours would make its order references ambiguous.
    shop = "shop-hybrid"
    svc = server.svc
    svc.save_shop(shop, {"shop_name": "Home Goods", "currency": "USD"})
    program = svc.create_loyalty_program(shop, {"program_name": "Home Plus", "program_type": "hybrid"})
    for name, level, low, high in (("Bronze", 1, 0, 499), ("Silver", 2, 500, 1999), ("Gold", 3, 2000, None)):
        svc.create_loyalty_tier(shop, program.id, {"tier_name": name, "tier_level": level,
                                                   "min_points_required": low, "max_points_required": high})
    member = svc.enroll_loyalty_member(shop, program.id, {"customer_name": "Hal Hybrid"})
    svc.record_purchase(shop, program.id, member.id, "650.50", "HYBRID-1")
    _, key = svc.create_api_key(shop, {"name": "hybrid key", "scope": "read"})
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {key}"}, timeout=60) as api:
        one = api.get(f"{API}/members/{member.id}").json()["data"]
    assert one["next_tier"] == {"name": "Gold", "points_needed": None, "spend_needed": "1349.50"}
    assert "keep_tier" not in one          # a lifetime program keeps tiers without a reset


def test_a_purchase_is_recorded_once_and_a_repeat_answers_the_original(api: httpx.Client, server: Server) -> None:
    ada = server.ids["ada"]
    first = api.post(f"{API}/purchases", json={"card_number": ada.card_number, "amount": "12.50",
                                               "order_ref": "WEB-1"})
    assert first.status_code == 201, first.text
    data = first.json()["data"]
    assert data["points"] == 18 and not data["replayed"]      # 12.50 at Silver's x1.5
    assert data["receipt_lines"] == server.svc.get_receipt_lines(SHOP, data["id"])
    assert data["receipt_lines"][:2] == ["Points earned: 18", f"Balance: {data['balance_after']:,}"]
    again = api.post(f"{API}/purchases", json={"member_id": ada.id, "amount": "12.50", "order_ref": "WEB-1"})
    assert again.status_code == 200 and again.json()["data"]["id"] == data["id"] and again.json()["data"]["replayed"]
    before = server.state()
    for other in ({"member_id": ada.id, "amount": "13.00", "order_ref": "WEB-1"},
                  {"member_id": server.ids["bob"].id, "amount": "12.50", "order_ref": "WEB-1"}):
        conflict = api.post(f"{API}/purchases", json=other)
        assert conflict.status_code in (404, 409), conflict.text
    conflict = api.post(f"{API}/purchases", json={"member_id": ada.id, "amount": "13.00", "order_ref": "WEB-1"})
    assert conflict.status_code == 409 and error_of(conflict)["type"] == "duplicate_reference"
    assert server.state() == before
    row = server.svc.get_member_points_history(SHOP, ada.id, limit=1)[0]
    assert (row.id, row.actor_kind, row.actor_name) == (data["id"], "api", "write key")


def test_twenty_clients_posting_one_order_make_one_ledger_row(server: Server) -> None:
    ada = server.ids["ada"]
    clients = [server.client() for _ in range(20)]
    try:
        answers = together(20, lambda n: clients[n].post(f"{API}/purchases", json={
            "member_id": ada.id, "amount": "40.00", "order_ref": "RUSH-1"}))
    finally:
        for client in clients:
            client.close()
    assert sorted(a.status_code for a in answers) == [200] * 19 + [201], [a.text for a in answers]
    assert len({a.json()["data"]["id"] for a in answers}) == 1
    rows = [t for t in server.svc.get_member_points_history(SHOP, ada.id) if t.reference_id == "RUSH-1"]
    assert len(rows) == 1


def test_the_last_unit_goes_to_exactly_one_of_five_clients(server: Server) -> None:
    svc, program = server.svc, server.ids["program"]
    last = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Last scarf", "reward_type": "free_product",
                                                        "points_cost": 50, "quantity_available": 1})
    racers = []
    for n in range(5):
        member = svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": f"Racer {n}"})
        svc.record_purchase(SHOP, program.id, member.id, "100", f"RACE-SEED-{n}")
        racers.append(member)
    clients = [server.client() for _ in range(5)]
    try:
        answers = together(5, lambda n: clients[n].post(f"{API}/redemptions", json={
            "member_id": racers[n].id, "reward_id": last.id}))
    finally:
        for client in clients:
            client.close()
    codes = sorted(a.status_code for a in answers)
    assert codes[0] == 201 and codes[1:] == [409] * 4, [a.text for a in answers]
    assert {error_of(a)["type"] for a in answers if a.status_code == 409} == {"out_of_stock"}
    assert svc.get_loyalty_reward(SHOP, last.id).quantity_remaining == 0
    assert sum(len(svc.get_member_redemptions(SHOP, m.id)) for m in racers) == 1


def test_enroll_with_a_referral_code_credits_the_referrer(api: httpx.Client, server: Server) -> None:
    ada = server.ids["ada"]
    before = server.svc.get_loyalty_member(SHOP, ada.id).current_points
    answer = api.post(f"{API}/members", json={"program_id": ada.program_id, "customer_name": "Grace Hopper",
                                              "email": "grace@example.com", "birthday": "1990-12-09",
                                              "referred_by_code": ada.referral_code})
    assert answer.status_code == 201, answer.text
    member = answer.json()["data"]
    assert (member["customer_name"], member["birthday"], member["referred_by"]) == \
        ("Grace Hopper", "1990-12-09", ada.id)
    assert server.svc.get_loyalty_member(SHOP, ada.id).current_points == before + 250
    referral = server.svc.get_member_points_history(SHOP, ada.id, limit=1)[0]
    assert (referral.transaction_type, referral.actor_kind, referral.actor_name) == ("referral", "api", "write key")


def test_enroll_records_marketing_consent_as_given_through_the_api(api: httpx.Client, server: Server) -> None:
    program_id = server.ids["ada"].program_id
    answer = api.post(f"{API}/members", json={"program_id": program_id, "customer_name": "Mary Somerville",
                                              "email": "mary@example.com", "marketing_consent": True})
    assert answer.status_code == 201, answer.text
    member = server.svc.get_loyalty_member(SHOP, answer.json()["data"]["id"])
    assert (member.marketing_consent, member.marketing_consent_source, member.email_opt_out) == (True, "api", False)
    assert [m.kind for m in server.svc.get_outbox(SHOP) if m.member_id == member.id] == ["welcome"]
    refused = api.post(f"{API}/members", json={"program_id": program_id, "customer_name": "Caroline Herschel",
                                                "email": "caroline@example.com", "marketing_consent": "yes"})
    assert refused.status_code == 422, refused.text


def test_a_return_takes_back_points_in_proportion_once(api: httpx.Client, server: Server) -> None:
    ada = server.ids["ada"]
    assert api.post(f"{API}/purchases", json={"member_id": ada.id, "amount": "20.00",
                                              "order_ref": "RET-ME"}).status_code == 201
    first = api.post(f"{API}/purchases/RET-ME/returns", json={"amount": "10.00", "return_ref": "RET-ME-1"})
    assert first.status_code == 201, first.text
    again = api.post(f"{API}/purchases/RET-ME/returns", json={"amount": "10.00", "return_ref": "RET-ME-1"})
    assert again.status_code == 200 and again.json()["data"]["id"] == first.json()["data"]["id"]
    assert first.json()["data"]["points"] == -15          # half of 20.00 at Silver's x1.5


def test_rewards_say_why_not_and_a_redemption_debits(api: httpx.Client, server: Server) -> None:
    ada, mug = server.ids["ada"], server.ids["mug"]
    program = server.ids["program"]
    server.svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Bike", "reward_type": "free_product",
                                                        "points_cost": 999_999})
    listed = {r["reward"]["reward_name"]: r for r in api.get(f"{API}/members/{ada.id}/rewards").json()["data"]}
    assert listed["Mug"]["eligible"] and listed["Mug"]["why_not"] is None
    assert not listed["Bike"]["eligible"] and listed["Bike"]["why_not"]
    balance = server.svc.get_loyalty_member(SHOP, ada.id).current_points
    made = api.post(f"{API}/redemptions", json={"member_id": ada.id, "reward_id": mug.id})
    assert made.status_code == 201, made.text
    assert made.json()["data"]["points_redeemed"] == 100
    assert server.svc.get_loyalty_member(SHOP, ada.id).current_points == balance - 100
    shipped = api.post(f"{API}/redemptions", json={"member_id": ada.id, "reward_id": mug.id,
                                                   "delivery_method": "ship", "shipping_address": "1 Main St"})
    assert shipped.status_code == 201, shipped.text
    assert (shipped.json()["data"]["delivery_method"], shipped.json()["data"]["shipping_address"]) == (
        "ship", "1 Main St")
    nowhere = api.post(f"{API}/redemptions", json={"member_id": ada.id, "reward_id": mug.id,
                                                   "delivery_method": "ship"})
    assert nowhere.status_code == 422, nowhere.text
    assert error_of(nowhere) == {"type": "validation_error", "message": "Enter the address to ship the reward to"}


def test_transactions_come_a_page_at_a_time(api: httpx.Client, server: Server) -> None:
    ada = server.ids["ada"]
    every = [t.id for t in server.svc.get_member_points_history(SHOP, ada.id)]
    seen: list[int] = []
    params: dict[str, Any] = {"limit": 2}
    while True:
        page = api.get(f"{API}/members/{ada.id}/transactions", params=params).json()
        seen += [t["id"] for t in page["data"]]
        if page["next_before"] is None:
            break
        params["before"] = page["next_before"]
    assert seen == every and len(every) >= 3


# --- bad input: a 4xx with the error shape, nothing written, the server keeps serving ----------


def _purchase(**fields: Any) -> dict[str, Any]:
    return {"member_id": 1, "amount": "5.00", "order_ref": "BAD-1", **fields}


BAD_BODIES: dict[str, tuple[dict[str, Any], int, str]] = {
    "malformed JSON": ({"content": b'{"member_id": 1, "amount": "5.00",', "headers": {"content-type":
                        "application/json"}}, 400, "malformed_json"),
    "a JSON array": ({"json": [_purchase()]}, 422, "validation_error"),
    "a wrong content type": ({"content": json.dumps(_purchase()).encode(), "headers": {"content-type": "text/plain"}},
                             415, "unsupported_media_type"),
    "no content type": ({"content": json.dumps(_purchase()).encode()}, 415, "unsupported_media_type"),
    "an unknown field": ({"json": _purchase(colour="red")}, 422, "validation_error"),
    "a missing field": ({"json": {"member_id": 1, "amount": "5.00"}}, 422, "validation_error"),
    "no member": ({"json": {"amount": "5.00", "order_ref": "BAD-1"}}, 422, "validation_error"),
    "a float amount": ({"json": _purchase(amount=12.5)}, 422, "validation_error"),
    "an integer amount": ({"json": _purchase(amount=12)}, 422, "validation_error"),
    "a comma amount": ({"json": _purchase(amount="12,50")}, 422, "validation_error"),
    "a negative amount": ({"json": _purchase(amount="-5.00")}, 422, "validation_error"),
    "a NaN amount": ({"content": b'{"member_id": 1, "amount": NaN, "order_ref": "BAD-1"}',
                      "headers": {"content-type": "application/json"}}, 422, "validation_error"),
    "a NaN string": ({"json": _purchase(amount="NaN")}, 422, "validation_error"),
    "an unknown member": ({"json": _purchase(member_id=2**31 - 9)}, 404, "not_found"),
    "an unknown card": ({"json": {"card_number": "NOPE", "amount": "5.00", "order_ref": "BAD-1"}}, 404, "not_found"),
    "a body over 1 MB": ({"json": _purchase(order_ref="x" * (1024 * 1024 + 10))}, 413, "body_too_large"),
    # A list, not an iterator: each backend's run streams it anew (an iterator is empty the second time).
    "a streamed body over 1 MB": ({"content": [b"{" + b" " * 65536] * 17 + [b"}"],
                                   "headers": {"content-type": "application/json"}}, 413, "body_too_large"),
}


@pytest.mark.parametrize("case", list(BAD_BODIES))
def test_bad_input_is_a_4xx_and_writes_nothing(api: httpx.Client, server: Server, case: str) -> None:
    request, status, kind = BAD_BODIES[case]
    if "json" in request and isinstance(request["json"], dict) and request["json"].get("member_id") == 1:
        request = {**request, "json": {**request["json"], "member_id": server.ids["ada"].id}}
    before = server.state()
    answer = api.post(f"{API}/purchases", **request)
    assert answer.status_code == status, answer.text
    assert error_of(answer)["type"] == kind
    assert "Traceback" not in answer.text
    assert server.state() == before
    assert api.get(f"{API}/health").status_code == 200


def test_a_chunked_body_without_content_length_over_1_mb_is_refused(server: Server) -> None:
    with server.client() as client:
        answer = client.post(f"{API}/members", content=(b"x" * 4096 for _ in range(300)),
                             headers={"content-type": "application/json"})
    assert answer.status_code == 413 and error_of(answer)["type"] == "body_too_large"


@pytest.mark.parametrize(("path", "params"), [("/members", {}), ("/members", {"q": "a", "limit": 0}),
                                              ("/members/abc", {}), ("/members/1/transactions", {"limit": 9999})])
def test_bad_query_parameters_are_422(api: httpx.Client, path: str, params: dict[str, Any]) -> None:
    answer = api.get(f"{API}{path}", params=params)
    assert answer.status_code == 422 and error_of(answer)["type"] == "validation_error"


def test_an_unknown_path_answers_in_the_error_shape(api: httpx.Client) -> None:
    answer = api.get(f"{API}/nothing-here")
    assert answer.status_code == 404 and error_of(answer)["type"] == "not_found"


# --- the enrollment rate limit ----------------------------------------------------------------


def test_enrollments_beyond_the_shops_rate_get_429_with_retry_after(server: Server) -> None:
    svc = server.svc
    svc.save_shop(OTHER, {"api_enrollments_per_minute": 2})
    program = server.ids["their_program"]
    with server.client("other") as theirs:
        for n in range(2):
            made = theirs.post(f"{API}/members", json={"program_id": program.id, "customer_name": f"Quick {n}",
                                                       "email": f"quick{n}@example.com"})
            assert made.status_code == 201, made.text
        before = server.state()
        refused = theirs.post(f"{API}/members", json={"program_id": program.id, "customer_name": "Too Quick",
                                                      "email": "quick9@example.com"})
        assert refused.status_code == 429 and error_of(refused)["type"] == "rate_limited"
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert server.state() == before
        # Purchases are not rate limited, and the limit is the key's: another key may still enroll.
        assert theirs.post(f"{API}/purchases", json={"member_id": server.ids["bob"].id, "amount": "1.00",
                                                     "order_ref": "AFTER-429"}).status_code == 201
    _, second = svc.create_api_key(OTHER, {"scope": "write"})
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {second}"}) as other_key:
        assert other_key.post(f"{API}/members", json={"program_id": program.id, "customer_name": "Other Key",
                                                      "email": "other@example.com"}).status_code == 201


def test_patch_a_member_records_consent_and_opt_out_and_nothing_else(api: httpx.Client, server: Server) -> None:
    program = server.ids["program"]
    joe = server.svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "Joe Consent",
                                                              "email": "joe@example.com"})
    given = api.patch(f"{API}/members/{joe.id}", json={"marketing_consent": True,
                                                       "marketing_consent_source": "web form"})
    assert given.status_code == 200, given.text
    assert given.json()["data"]["marketing_consent"] is True
    stored = server.svc.get_loyalty_member(SHOP, joe.id)
    assert (stored.marketing_consent, stored.marketing_consent_source) == (True, "web form")
    assert len(server.svc.get_outbox(SHOP, status="pending")) >= 1     # the welcome waits
    out = api.patch(f"{API}/members/{joe.id}", json={"email_opt_out": True})
    assert out.status_code == 200 and out.json()["data"]["email_opt_out"] is True
    assert server.svc.get_loyalty_member(SHOP, joe.id).email_opt_out
    assert not [m for m in server.svc.get_outbox(SHOP, status="pending") if m.member_id == joe.id]
    activity = server.svc.get_member_activity(SHOP, joe.id, limit=1)[0]
    assert activity.actor_kind == "api"
    before = server.state()
    for refused, status in (({"customer_name": "Someone Else"}, 422), ({}, 422), ({"email_opt_out": "yes"}, 422),
                            ({"marketing_consent_source": "x"}, 422)):
        answer = api.patch(f"{API}/members/{joe.id}", json=refused)
        assert answer.status_code == status and error_of(answer)["type"] == "validation_error", answer.text
    with server.client("read") as reader:
        denied = reader.patch(f"{API}/members/{joe.id}", json={"email_opt_out": False})
    assert denied.status_code == 403 and error_of(denied)["type"] == "permission_denied"
    theirs = api.patch(f"{API}/members/{server.ids['bob'].id}", json={"email_opt_out": True})
    missing = api.patch(f"{API}/members/999999", json={"email_opt_out": True})
    assert theirs.status_code == missing.status_code == 404
    assert error_of(theirs)["type"] == error_of(missing)["type"] == "not_found"
    assert server.state() == before


def test_points_as_money_off_an_order_once_with_the_refusals(api: httpx.Client, server: Server) -> None:
    svc, program = server.svc, server.ids["program"]
    rules = {**svc.get_loyalty_program(SHOP, program.id).program_rules, "redeem_points_per_unit": 100,
             "redeem_points_step": 50, "redeem_max_basket_percent": 50}
    svc.update_loyalty_program(SHOP, program.id, {"program_rules": rules})
    member = svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "Dina Discount"})
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 1200, "description": "opening"})
    before = server.state()
    for body, status, kind in (
            ({"member_id": member.id, "points": 1000, "order_ref": "TILL-9"}, 422, "validation_error"),  # no basket
            ({"member_id": member.id, "points": 1000, "order_ref": "TILL-9", "basket_amount": "15.00"}, 422,
             "validation_error"),                                                                      # over 50%
            ({"member_id": member.id, "points": 1020, "order_ref": "TILL-9", "basket_amount": "80"}, 422,
             "validation_error"),                                                                      # off the step
            ({"member_id": member.id, "points": 1300, "order_ref": "TILL-9", "basket_amount": "80"}, 409,
             "insufficient_points")):
        refused = api.post(f"{API}/discounts", json=body)
        assert refused.status_code == status and error_of(refused)["type"] == kind, refused.text
    assert server.state() == before
    taken = api.post(f"{API}/discounts", json={"card_number": member.card_number, "points": 1000,
                                               "order_ref": "TILL-9", "basket_amount": "20.00"})
    assert taken.status_code == 201, taken.text
    data = taken.json()["data"]
    assert (data["discount"], data["currency"], data["points"], data["balance_after"], data["replayed"]) == \
        ("10.00", "USD", 1000, 200, False)
    assert (data["transaction"]["reference_type"], data["transaction"]["amount"]) == ("discount", "10.00")
    again = api.post(f"{API}/discounts", json={"member_id": member.id, "points": 1000, "order_ref": "TILL-9",
                                               "basket_amount": "20.00"})
    assert again.status_code == 200 and again.json()["data"]["replayed"]
    assert again.json()["data"]["transaction"]["id"] == data["transaction"]["id"]
    other = api.post(f"{API}/discounts", json={"member_id": member.id, "points": 100, "order_ref": "TILL-9",
                                               "basket_amount": "20.00"})
    assert other.status_code == 409 and error_of(other)["type"] == "duplicate_reference"
    with server.client("read") as reader:
        assert reader.post(f"{API}/discounts", json={"member_id": member.id, "points": 100,
                                                     "order_ref": "TILL-10"}).status_code == 403
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 200
    assert svc.check_ledger() == []

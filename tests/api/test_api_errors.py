"""Errors the server cannot foresee: a 500 in the error shape, with no traceback and no words of
the exception (which might quote a member), and the server goes on (in process, through the app)."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from loyalty_desk.api import create_app
from loyalty_desk.api.errors import STATUS
from loyalty_desk.errors import LoyaltyError
from loyalty_desk.services import LoyaltyService

from ..support import SHOP


def test_an_unexpected_error_is_a_500_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with LoyaltyService(f"sqlite:///{tmp_path / 'x.db'}") as svc:
        svc.save_shop(SHOP, {"shop_name": "Corner"})
        _, secret = svc.create_api_key(SHOP, {"scope": "read"})

        def broken(*_args: object, **_kwargs: object) -> None:
            raise RuntimeError("Ada Lovelace ada@example.com")

        monkeypatch.setattr(svc, "get_loyalty_dashboard_data", broken)
        with TestClient(create_app(svc), raise_server_exceptions=False) as client:
            answer = client.get("/api/loyalty/dashboard", headers={"Authorization": f"Bearer {secret}"})
            assert answer.status_code == 500
            assert answer.json()["error"]["type"] == "internal_error"
            assert "Traceback" not in answer.text and "Ada" not in answer.text
            assert client.get("/api/loyalty/health").status_code == 200


def test_the_status_table_puts_every_subclass_before_its_base() -> None:
    classes = [cls for cls, _ in STATUS]
    for n, cls in enumerate(classes):
        assert not any(issubclass(later, cls) and later is not cls for later in classes[n + 1:]), cls
    assert classes[-1] is LoyaltyError


def test_another_router_joins_with_the_same_errors(tmp_path: Path) -> None:
    """How the web shops' webhooks will come in: a router passed to create_app."""
    from fastapi import APIRouter

    from loyalty_desk.errors import NotFound

    hooks = APIRouter(prefix="/webhooks")

    @hooks.post("/test")
    def refuse() -> None:
        raise NotFound("No such order")

    with LoyaltyService(f"sqlite:///{tmp_path / 'x.db'}") as svc, \
            TestClient(create_app(svc, routers=[hooks])) as client:
        answer = client.post("/webhooks/test")
        assert answer.status_code == 404
        assert answer.json() == {"error": {"type": "not_found", "message": "No such order"}}
        assert client.get("/api/loyalty/health").status_code == 200

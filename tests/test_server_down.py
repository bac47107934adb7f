"""A register whose shop server stops answering: every call is refused with DatabaseUnreachable (never a
driver traceback), nothing is written or queued, and the register works again once the network is back."""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy.engine import make_url

from loyalty_desk.services import DatabaseBusy, DatabaseUnreachable, LoyaltyService

from .conftest import PG_URL, fresh_database_url
from .support import SHOP, TcpProxy, enroll, make_program

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs a PostgreSQL server (LOYALTY_TEST_PG_URL; CI starts one)")


@pytest.fixture
def through_proxy(tmp_path, sqlite_template, pg_template) -> Iterator[tuple[LoyaltyService, LoyaltyService, TcpProxy]]:
    """The register's service (through a relay the test can cut) and a direct one to look with."""
    for url in fresh_database_url("postgresql", tmp_path, sqlite_template, pg_template):
        parsed = make_url(url)
        proxy = TcpProxy(parsed.host or "127.0.0.1", parsed.port or 5432).start()
        direct = LoyaltyService(url)
        direct.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC",
                                "phone_region": "US"})
        register = LoyaltyService(parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False))
        try:
            yield register, direct, proxy
        finally:
            register.close()
            direct.close()
            proxy.stop()


def test_a_sale_while_the_server_is_away_is_refused_and_goes_through_once_it_is_back(through_proxy):
    register, direct, proxy = through_proxy
    program = make_program(direct)
    ada = enroll(direct, program.id)
    register.record_purchase(SHOP, program.id, ada.id, Decimal("10.00"), "BEFORE")
    proxy.stop()
    with pytest.raises(DatabaseUnreachable) as refused:
        register.record_purchase(SHOP, program.id, ada.id, Decimal("25.00"), "DURING")
    assert isinstance(refused.value, DatabaseBusy)                     # the dialogs' Retry applies
    assert refused.value.maybe_saved is False and "nothing was saved" in str(refused.value)
    assert "127.0.0.1" in str(refused.value) and "Traceback" not in str(refused.value)
    with pytest.raises(DatabaseUnreachable):
        register.get_loyalty_member(SHOP, ada.id)                      # reads too
    assert [t.reference_id for t in direct.get_member_points_history(SHOP, ada.id)
            if t.transaction_type == "purchase"] == ["BEFORE"]
    proxy.start()                                                      # the network is back, same port
    register.record_purchase(SHOP, program.id, ada.id, Decimal("25.00"), "DURING")
    register.record_purchase(SHOP, program.id, ada.id, Decimal("25.00"), "DURING")  # a second Retry: once
    assert sorted(t.reference_id for t in direct.get_member_points_history(SHOP, ada.id)
                  if t.transaction_type == "purchase") == ["BEFORE", "DURING"]
    assert direct.check_ledger(SHOP) == []

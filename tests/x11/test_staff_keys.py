"""Staff with real X11 key events: a cashier signs in from the keyboard, an adjustment above the
limit is approved by a manager in the dialog, and the member's history names both."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.x11, pytest.mark.gui]


def test_a_cashiers_800_point_adjustment_approved_by_a_manager(start_app, x11_staffed_shop):
    shop = x11_staffed_shop
    app = start_app(focus="signInNames", source=shop.db)
    assert app.state()["locked"] is True
    app.scan(shop.card)                                      # a scan while locked opens nobody
    state = app.settle()
    assert state["member"] is None and state["locked"]
    app.type("Ana")                                          # the name list finds Ana as she types
    app.key("Tab")
    app.type("3333")
    app.key("Return")
    state = app.wait_for(lambda s: s["person"] == "Ana")
    assert state["person"] == "Ana" and state["focus"] != "signInPin", state
    app.focus("counterLookup")
    app.scan(shop.card)                                      # her card, from the scanner (Shift bursts)
    state = app.wait_for(lambda s: s["member"] is not None, timeout=10)
    if state["member"] is None:                              # as a cashier would: scan once more (a CI run
        app.focus("counterLookup")                           # once saw the first burst after sign-in missed)
        app.scan(shop.card)
        state = app.wait_for(lambda s: s["member"] is not None, timeout=10)
    assert state["member"] is not None, {k: v for k, v in state.items() if k != "keys"}
    app.key("ctrl+j")
    state = app.wait_for(lambda s: s["modal"] == "adjustDialog")
    assert state["modal"] == "adjustDialog", state
    app.focus("adjustPoints")
    app.key("ctrl+a")
    app.type("800")
    app.key("Tab")
    app.type("Party order")
    app.key("Return")
    state = app.wait_for(lambda s: s["modal"] == "approvalDialog", timeout=10)
    assert state["modal"] == "approvalDialog", state
    app.focus("approvalApprover")
    app.type("M")                                            # Marc, the manager
    app.key("Tab")
    app.type("2222")
    app.key("Return")
    state = app.wait_for(lambda s: s["modal"] is None, timeout=10)
    assert state["modal"] is None and not state["errors"], state
    app.send(f"history {shop.member_id}")
    by = app.expect("HISTORY")
    assert "by Ana, approved by Marc" in by

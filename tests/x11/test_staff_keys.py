"""Staff with real X11 key events: a cashier signs in from the keyboard (the PIN on the number
pad), scans her card at once; an adjustment and a return above the limits are each approved by a
manager in the dialog, and the member's history names both. Every field is reached with keys, never by the driver."""
from __future__ import annotations

import json

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
    app.key("KP_3", "KP_3", "KP_3", "KP_3", "KP_Enter")      # the PIN on the number pad
    app.scan(shop.card)                                      # her card at once, while the screen switches
    state = app.wait_for(lambda s: s["member"] is not None, timeout=10)
    assert state["person"] == "Ana", {k: v for k, v in state.items() if k != "keys"}
    assert state["member"] is not None, {k: v for k, v in state.items() if k != "keys"}  # the first scan counts
    assert state["focus"] == "counterLookup" and state["scans"] == [shop.card] * 2, state  # locked, then hers
    app.key("ctrl+j")
    state = app.wait_for(lambda s: s["modal"] == "adjustDialog")
    assert state["modal"] == "adjustDialog" and state["focus"] == "adjustPoints", state
    app.key("ctrl+a")
    app.type("800")
    app.key("Tab")
    app.type("Party order")
    app.key("Return")
    state = app.wait_for(lambda s: s["modal"] == "approvalDialog", timeout=10)
    assert state["modal"] == "approvalDialog" and state["focus"] == "approvalPin", state
    app.key("shift+Tab")                                     # back to "Approved by"
    state = app.wait_for(lambda s: s["focus"] == "approvalApprover")
    assert state["focus"] == "approvalApprover", state
    app.type("M")                                            # Marc, the manager
    app.key("Tab")
    app.key("KP_2", "KP_2", "KP_2", "KP_2", "KP_Enter")
    state = app.wait_for(lambda s: s["modal"] is None, timeout=10)
    assert state["modal"] is None and not state["errors"], state
    # A sale of 150.00, then a return of 120.00 of it: above the shop's 100.00, so Marc approves again.
    app.key("F2")
    state = app.wait_for(lambda s: s["modal"] == "purchaseDialog")
    assert state["focus"] == "purchaseAmount", state
    app.type("150.00")
    app.key("Tab")
    app.type("BIG-150")
    app.key("Return")
    state = app.wait_for(lambda s: s["modal"] is None, timeout=10)
    assert state["modal"] is None and not state["errors"], state
    app.key("ctrl+r")
    state = app.wait_for(lambda s: s["modal"] == "returnDialog")
    assert state["focus"] == "returnPurchases", state
    app.key("space")                                         # picks the sale under the cursor, the newest: BIG-150
    state = app.wait_for(lambda s: s["fields"].get("returnOrderRef") == "BIG-150")
    assert state["fields"]["returnOrderRef"] == "BIG-150", state["fields"]
    app.key("Tab", "Tab")                                    # past the reference, to the amount
    state = app.wait_for(lambda s: s["focus"] == "returnAmount")
    assert state["focus"] == "returnAmount", state
    app.type("120.00")
    app.key("Return")
    state = app.wait_for(lambda s: s["modal"] == "approvalDialog", timeout=10)
    assert state["modal"] == "approvalDialog" and state["focus"] == "approvalPin", state
    app.key("shift+Tab")
    app.type("M")
    app.key("Tab")
    app.key("KP_2", "KP_2", "KP_2", "KP_2", "KP_Enter")
    state = app.wait_for(lambda s: s["modal"] is None, timeout=10)
    assert state["modal"] is None and not state["errors"], state
    app.send(f"history {shop.member_id}")
    by = json.loads(app.expect("HISTORY"))
    assert by[0] == "by Ana, approved by Marc"               # the return
    assert by.count("by Ana, approved by Marc") == 2         # and the adjustment
    assert "by Ana" in by                                    # the sale, within her limits

"""The import wizard with real X11 key events: an owner opens File ▸ Import members… from the
keyboard, types the file's path, and goes through preview, mapping, dry run and import with
Return alone."""
from __future__ import annotations

from typing import Any

import pytest

from loyalty_desk.services import LoyaltyService

from ..support import SHOP

pytestmark = [pytest.mark.x11, pytest.mark.gui]

# Semicolons and Windows-1252, as a French spreadsheet saves them; one opening balance.
CUSTOMERS = "Name;Email;Phone;Points\nZoë Café;zoe@example.com;202-555-0199;250\nLinus T;linus@example.com;;\n"


def _page(app: Any, title: str, **buttons: bool) -> dict[str, Any]:
    state = app.wait_for(lambda s: (s["wizard"] or {}).get("page") == title
                         and all(s["wizard"][name] == on for name, on in buttons.items()), timeout=20)
    assert (state["wizard"] or {}).get("page") == title, {k: state[k] for k in ("focus", "wizard", "modal", "errors")}
    return state


def test_a_spreadsheet_imported_from_the_keyboard(start_app, tmp_path):
    source = tmp_path / "customers.csv"
    source.write_bytes(CUSTOMERS.encode("cp1252"))
    app = start_app()
    app.key("alt+f")
    app.key("i")                                             # File ▸ Import members…
    state = app.wait_for(lambda s: s["modal"] == "importWizard")
    assert state["modal"] == "importWizard", {k: state[k] for k in ("focus", "wizard", "modal", "errors")}
    app.focus("importPath")
    app.type(str(source), gap_ms=40)
    state = app.settle()
    assert state["fields"]["importPath"] == str(source)     # typed, not mistaken for a scan
    app.key("Return")
    _page(app, "Preview")
    app.key("Return")
    _page(app, "Map the columns")
    app.key("Return")
    _page(app, "Dry run", next=True)                         # the dry run has reported: Import is enabled
    app.key("Return")
    _page(app, "Import", finish=True)
    app.key("Return")
    state = app.wait_for(lambda s: s["modal"] is None, timeout=10)
    assert state["modal"] is None and not state["errors"], {k: state[k] for k in ("focus", "wizard", "modal", "errors")}
    with LoyaltyService(f"sqlite:///{tmp_path / 'app0' / 'shop.db'}") as svc:
        program = svc.get_loyalty_programs(SHOP)[0]
        imported = {m.customer_name: m for m in svc.get_loyalty_members(SHOP, program.id)}
        assert imported["Zoë Café"].current_points == 250 and imported["Zoë Café"].phone == "+12025550199"
        assert imported["Linus T"].email == "linus@example.com"
        assert svc.check_ledger(SHOP) == []

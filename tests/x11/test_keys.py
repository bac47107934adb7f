"""Scans and shortcuts with real X11 key events (Xvfb + xdotool), whatever has focus.

Under the xcb platform a keyboard-wedge scanner's burst arrives as it would
from the hardware: Shift pressed and released around every capital letter,
X server timestamps on every key, and Qt's X11 key bindings in text fields.
"""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.x11, pytest.mark.gui]

KEY_SHIFT = 0x01000020  # Qt.Key.Key_Shift


def member_opened(name: str):  # type: ignore[no-untyped-def]
    return lambda state: state["member"] == name


def press_gaps(state: dict) -> list[int]:  # type: ignore[type-arg]
    """Milliseconds between consecutive key presses, by the X server's clock."""
    times = [k["x_time"] for k in state["keys"] if k["press"]]
    return [b - a for a, b in zip(times, times[1:])]


def explain(state: dict) -> str:  # type: ignore[type-arg]
    """For a failure message: what the app saw, and how fast the keys came."""
    brief = {k: v for k, v in state.items() if k != "keys"}
    return f"{brief}\npress gaps (X ms): {press_gaps(state)}"


def typed(state: dict) -> str:  # type: ignore[type-arg]
    """The characters of the key presses the X server sent, in order."""
    return "".join(k["text"] for k in state["keys"] if k["press"] and k["text"].isprintable())


def edit_name_of_ada(start_app, x11_shop):  # type: ignore[no-untyped-def]
    """The app with Ada open at the counter, her edit dialog opened by Ctrl+E, and the name field focused."""
    app = start_app(focus="counterLookup", open_member=x11_shop.ids["Ada Lovelace"])
    app.key("ctrl+e")
    app.wait_for(lambda s: s["modal"] == "editMemberDialog")
    app.focus("editName")
    return app


@pytest.mark.parametrize("field", ["membersSearch", "programDescription"])
def test_uppercase_scan_from_a_text_field_opens_the_member(start_app, x11_shop, field):
    app = start_app(focus=field)
    before = app.state()["fields"][field]
    card = x11_shop.cards["Ada Lovelace"]
    assert card.isupper()
    app.scan(card)
    state = app.wait_for(member_opened("Ada Lovelace"))
    assert state["member"] == "Ada Lovelace", explain(state)
    assert state["name_label"].startswith("Ada Lovelace")
    assert state["scans"] == [card]
    state = app.settle()
    assert state["fields"][field] == before  # not one character of the card landed in the field
    assert state["focus"] == field
    # The keys really came with Shift around each capital, as from a wedge scanner.
    shifts = [k for k in state["keys"] if k["press"] and k["key"] == KEY_SHIFT]
    assert len(shifts) == sum(ch.isalpha() for ch in card)
    assert state["errors"] == []


def test_a_doubled_character_in_a_fast_scan_is_not_a_held_key(start_app, x11_shop):
    """xcb reports a release and a press of the same key at the same X time as autorepeat, which a
    scanner sending a key a millisecond does for every doubled character ("33")."""
    app = start_app(focus="membersSearch")
    code = "33Q7WW9Z"
    for scans in range(1, 21):  # whether two keys fall in one X millisecond is chance: scan until one did
        app.scan(code, delay_ms=0)
        state = app.settle()
        assert state["scans"] == [code] * scans, explain(state)
        if any(k["repeat"] for k in state["keys"] if k["press"]):
            break
    assert any(k["repeat"] for k in state["keys"] if k["press"]), "Qt saw no autorepeat: nothing was tried"
    assert state["fields"]["membersSearch"] == ""
    assert state["errors"] == []


def test_lowercase_scan_ending_in_keypad_enter(start_app, x11_shop):
    app = start_app(focus="membersSearch")
    card = x11_shop.cards["Grace Hopper"].lower()
    app.scan(card, enter="KP_Enter")
    state = app.wait_for(member_opened("Grace Hopper"))
    assert state["member"] == "Grace Hopper", explain(state)
    assert state["scans"] == [card]
    assert app.settle()["fields"]["membersSearch"] == ""
    assert state["errors"] == []


@pytest.mark.parametrize("gap_ms", [60, 100])
def test_a_person_typing_is_never_a_scan(start_app, gap_ms):
    app = start_app(focus="counterLookup")
    app.type("Ada", gap_ms=gap_ms)
    state = app.wait_for(lambda s: s["fields"]["counterLookup"] == "Ada")
    assert state["fields"]["counterLookup"] == "Ada", explain(state)  # every key, in order, with its capital
    assert typed(state) == "Ada"
    assert min(press_gaps(state)[1:]) >= gap_ms * 0.6  # (the first gap is Shift, then A)
    assert state["scans"] == [] and state["ignored"] == []
    assert state["member"] is None
    assert state["errors"] == []


def test_typing_while_the_window_is_busy_stays_typing(start_app):
    """Keys typed during a freeze arrive in a clump; their X timestamps still tell typing from a scan."""
    app = start_app(focus="membersSearch")
    app.send("busy 1500")
    app.expect("BUSY")
    app.type("ada lo", gap_ms=60)
    app.key("Return")
    state = app.wait_for(lambda s: len([k for k in s["keys"] if k["press"]]) >= 7)
    presses = [k for k in state["keys"] if k["press"]]
    assert len(presses) == 7, explain(state)
    assert presses[-1]["at"] - presses[0]["at"] < 35  # delivered in one clump…
    assert min(press_gaps(state)) >= 35  # …but typed at a person's pace
    state = app.settle()
    assert state["fields"]["membersSearch"] == "ada lo"
    assert state["scans"] == []
    assert state["errors"] == []


def test_a_scan_survives_a_busy_moment_in_the_middle(start_app, x11_shop):
    """The GUI thread stalls right after the first key: the rest of the burst arrives late, in a clump."""
    app = start_app(focus="programDescription")
    app.send("busy-on-key 300")
    app.expect("ARMED")
    card = x11_shop.cards["Ada Lovelace"]
    app.scan(card)
    state = app.wait_for(member_opened("Ada Lovelace"))
    assert state["scans"] == [card], explain(state)
    assert app.settle()["fields"]["programDescription"] == ""


def test_ctrl_e_from_the_counter_field_edits_the_member(start_app, x11_shop):
    """Ctrl+E is Qt's X11 "end of line" in a text field; the window's Edit member shortcut wins."""
    app = start_app(focus="counterLookup", open_member=x11_shop.ids["Ada Lovelace"])
    app.type("Gr")
    app.wait_for(lambda s: s["fields"]["counterLookup"] == "Gr")
    app.key("ctrl+e")
    state = app.wait_for(lambda s: s["modal"] == "editMemberDialog")
    assert state["modal"] == "editMemberDialog", explain(state)
    assert state["fields"]["counterLookup"] == "Gr"
    assert state["errors"] == []


def test_the_readme_shortcuts_work_from_a_text_field(start_app, x11_shop):
    app = start_app(focus="membersSearch", open_member=x11_shop.ids["Ada Lovelace"])
    for key, window in [("F2", "purchaseDialog"), ("F3", "redeemDialog"), ("F4", "enrollDialog"),
                        ("F6", "discountDialog"), ("ctrl+j", "adjustDialog"), ("ctrl+r", "returnDialog"), ("ctrl+e", "editMemberDialog"),
                        ("ctrl+p", "documentDialog")]:
        app.focus("membersSearch")
        app.key(key)
        state = app.wait_for(lambda s: s["active_window"] == window)  # noqa: B023 - used at once
        assert state["active_window"] == window, f"{key}: {explain(state)}"
        app.key("Escape")
        # (No window manager: nothing activates the main window again; the next focus() does.)
        state = app.wait_for(lambda s: s["modal"] is None and s["active_window"] != window)  # noqa: B023
        assert state["modal"] is None and state["active_window"] != window
    app.focus("membersSearch")
    for index, tab in enumerate(["Programs", "Members", "Rewards", "Analytics"], start=1):
        app.key(f"ctrl+{index}")
        assert app.wait_for(lambda s: s["tab"] == tab)["tab"] == tab  # noqa: B023 - used at once
    app.focus("programDescription")
    app.key("ctrl+f")
    assert app.wait_for(lambda s: s["focus"] == "counterLookup")["focus"] == "counterLookup"
    state = app.state()
    assert state["fields"]["membersSearch"] == "" and state["fields"]["programDescription"] == ""
    assert state["errors"] == []


def test_ctrl_e_in_a_dialog_field_still_moves_to_the_end_of_the_line(start_app, x11_shop):
    """The window's shortcuts are blocked while a dialog is open, so the claimed key is the field's again."""
    app = edit_name_of_ada(start_app, x11_shop)
    app.key("Home")
    assert app.wait_for(lambda s: s["cursors"]["editName"] == 0)["cursors"]["editName"] == 0
    app.key("ctrl+e")
    state = app.wait_for(lambda s: s["cursors"]["editName"] == len("Ada Lovelace"))
    assert state["cursors"]["editName"] == len("Ada Lovelace"), explain(state)
    assert state["fields"]["editName"] == "Ada Lovelace"
    assert state["modal"] == "editMemberDialog"


def test_a_scan_in_a_dialog_without_use_for_it_is_ignored(start_app, x11_shop):
    app = edit_name_of_ada(start_app, x11_shop)
    before = app.state()["fields"]["editName"]
    app.scan(x11_shop.cards["Grace Hopper"])
    state = app.wait_for(lambda s: s["ignored"])
    assert [code for code, _note in state["ignored"]] == [x11_shop.cards["Grace Hopper"]], explain(state)
    assert state["scans"] == []
    state = app.settle()
    assert state["fields"]["editName"] == before
    assert state["modal"] == "editMemberDialog"  # Enter did not save and close the dialog
    assert state["member"] == "Ada Lovelace"


def test_after_a_dialog_closes_the_keys_go_back_to_the_counter(start_app, x11_shop):
    """No refocus by the test: closing a counter dialog gives the main window its keys back."""
    app = start_app(focus="counterLookup", open_member=x11_shop.ids["Ada Lovelace"])
    app.key("F2")
    app.wait_for(lambda s: s["modal"] == "purchaseDialog")
    app.key("Escape")
    state = app.wait_for(lambda s: s["modal"] is None and s["focus"] == "counterLookup")
    assert state["focus"] == "counterLookup", explain(state)
    app.key("ctrl+e")
    state = app.wait_for(lambda s: s["modal"] == "editMemberDialog")
    assert state["modal"] == "editMemberDialog", explain(state)


def test_alt_letters_move_between_the_export_dialogs_fields(start_app, x11_shop):
    """File ▸ Export… from the keyboard, then each field by the letter its label underlines."""
    app = start_app(focus="counterLookup")
    app.key("alt+f")
    app.key("e")
    state = app.wait_for(lambda s: s["modal"] == "exportDialog")
    assert state["modal"] == "exportDialog", explain(state)
    for key, field in (("alt+o", "exportProgram"), ("alt+e", "exportKind"), ("alt+o", "exportProgram")):
        app.key(key)
        state = app.wait_for(lambda s: s["focus"] == field)  # noqa: B023 - used at once
        assert state["focus"] == field, f"{key}: {explain(state)}"
    assert state["errors"] == []

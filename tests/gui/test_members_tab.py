"""The Members tab: a lazy table over SQL pages, with filters, SQL sorting and the member's history.

The 100,000-member shop is bulk-inserted once per module with SQLAlchemy Core
(tests may touch the database; views may not), then only read.
"""
from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from sqlalchemy import insert, text

from loyalty_desk.models import Member
from loyalty_desk.services import LoyaltyService
from loyalty_desk.services.codes import ALPHABET, _luhn_check_symbol
from loyalty_desk.services.contacts import name_keys
from loyalty_desk.views.members.members_model import (
    CARD,
    COLUMNS,
    KEEP_PAGES,
    NAME,
    POINTS,
    STATUS,
    TIER,
    MemberFilter,
    MembersTableModel,
    page_pool,
)
from loyalty_desk.views.members.members_tab import MembersTab
from loyalty_desk.views.shell.changes import Changes
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme
from loyalty_desk.views.widgets import formatting as fmt
from loyalty_desk.views.widgets.formatting import use_default_locale

from ..support import SHOP, START, FakeClock, enroll, make_program, make_tiers, shown

pytestmark = pytest.mark.gui

BIG = 100_000
PAGE = 200
FIRST = ["Ada", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lea", "Max", "Nia",
         "Oto", "Pia", "Rex", "Sia", "Tom", "Uma"]
LAST = ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker"]
timings: dict[str, float] = {}


# --- the 100,000-member shop ---------------------------------------------------------


def card(i: int) -> str:
    body = ""
    n = i
    for _ in range(9):
        body = ALPHABET[n % 32] + body
        n //= 32
    return body + _luhn_check_symbol(body)


def big_points(i: int) -> int:
    return (i * 7919) % 4349           # every value 22 or 23 times: ties across page boundaries


def big_lifetime(i: int) -> int:
    return big_points(i) + (i % 7) * 100


def big_status(i: int) -> str:
    return "suspended" if i % 50 == 0 else "inactive" if i % 97 == 0 else "active"


def big_name(i: int) -> str:
    last = "Quixote" if i % 1000 == 7 else LAST[(i // 20) % len(LAST)]
    return f"{FIRST[i % len(FIRST)]} {last}"


def big_tier(lifetime: int, tiers: list[Any]) -> int:
    return next(t.id for t in reversed(tiers) if lifetime >= t.min_points_required)


def member_rows(program_id: int, tiers: list[Any]) -> list[dict[str, Any]]:
    keys = {name: name_keys(name) for name in {big_name(i) for i in range(1, 2001)}}
    empty: dict[str, Any] = {}
    rows = []
    for i in range(1, BIG + 1):
        name = big_name(i)
        name_key, surname_key = keys[name]
        lifetime = big_lifetime(i)
        rows.append({
            "id": i, "program_id": program_id, "user_id": SHOP, "customer_id": None, "customer_name": name,
            "email": None, "phone": None, "current_tier_id": big_tier(lifetime, tiers),
            "current_points": big_points(i), "lifetime_points": lifetime, "redemption_count": 0,
            "total_spent": Decimal(lifetime) / 4, "membership_status": big_status(i),
            "enrollment_date": START - dt.timedelta(minutes=i),
            "last_activity_date": START - dt.timedelta(minutes=(i * 37) % 100_000),
            "referral_code": f"BIG-{i:06d}", "referred_by": None, "member_metadata": empty, "birthday": None,
            "card_number": card(i), "birthday_key": None, "name_key": name_key, "surname_key": surname_key,
        })
    return rows


@pytest.fixture(scope="module")
def big_svc(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[dict[str, Any]]:
    started = time.perf_counter()
    path = tmp_path_factory.mktemp("big") / "members.db"
    shutil.copyfile(sqlite_template, path)
    svc = LoyaltyService(f"sqlite:///{path}", clock=FakeClock())
    svc.save_shop(SHOP, {"shop_name": "Big Shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
    program = make_program(svc, program_type="tiered")
    tiers = make_tiers(svc, program.id)
    rows = member_rows(program.id, tiers)
    timings["  of which: generating the rows (s)"] = time.perf_counter() - started
    with svc.db.engine.begin() as conn:
        # Loading into a table with 13 secondary indexes costs a B-tree insert per index per row;
        # building each index once afterwards is several times faster. The same CREATE INDEX
        # statements run again, so the schema the tests read is exactly the migrated one.
        indexes = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                    "AND tbl_name = 'loyalty_members' AND sql IS NOT NULL")).all()
        for name, _sql in indexes:
            conn.execute(text(f'DROP INDEX "{name}"'))
        loading = time.perf_counter()
        conn.execute(insert(Member.__table__), rows)
        timings["  of which: inserting (s)"] = time.perf_counter() - loading
        indexed = time.perf_counter()
        for _name, sql in indexes:
            conn.execute(text(sql))
        timings["  of which: building the indexes (s)"] = time.perf_counter() - indexed
    timings["build 100k members (s)"] = time.perf_counter() - started
    yield {"svc": svc, "program": program, "tiers": tiers}
    svc.close()


@pytest.fixture
def big_session(big_svc: dict[str, Any], qapp: QApplication) -> ShopSession:
    apply_scheme(qapp, "light")
    use_default_locale()
    return ShopSession(big_svc["svc"], SHOP)


@pytest.fixture(autouse=True)
def _finish_background_work() -> Iterator[None]:
    """Pages and counts are queried in thread pools; let them finish before the database closes."""
    yield
    page_pool().waitForDone(10_000)
    QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()


@pytest.fixture(scope="module", autouse=True)
def _report_timings() -> Iterator[None]:
    yield
    if timings:
        print("\n" + "\n".join(f"  {name}: {value:.3f}" for name, value in timings.items()))


def settle(qtbot: Any, model: MembersTableModel) -> MembersTableModel:
    """Wait until every page asked for has arrived (they are queried off the GUI thread)."""
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    return model


def fetch_all(qtbot: Any, model: MembersTableModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        settle(qtbot, model)


def make_tab(qtbot: Any, session: ShopSession) -> MembersTab:
    tab = shown(qtbot, MembersTab(session), (1280, 800))
    settle(qtbot, tab.model)
    return tab


def shown_ids(model: MembersTableModel) -> list[int]:
    return [model.member_id(r) for r in range(model.rowCount())]  # type: ignore[misc]


# --- a small shop --------------------------------------------------------------------


@pytest.fixture
def small(gui_svc: LoyaltyService, clock: FakeClock) -> dict[str, Any]:
    program = make_program(gui_svc, program_type="tiered", points_per_dollar="10")
    tiers = make_tiers(gui_svc, program.id)
    members = {}
    for name, spend in (("Ada Lovelace", "12.50"), ("Grace Hopper", "250.00"), ("Alan Turing", "40.00"),
                        ("Edsger Dijkstra", "0"), ("Barbara Liskov", "99.99")):
        clock.advance(minutes=5)
        member = enroll(gui_svc, program.id, name)
        if spend != "0":
            gui_svc.record_purchase(SHOP, program.id, member.id, spend, f"ORD-{member.id}")
        members[name] = member.id
    return {"program": program, "tiers": tiers, "members": members}


# --- (1) the model is a well-behaved Qt model -------------------------------------


def test_model_passes_the_qt_model_tester(qtbot: Any, session: ShopSession, small: dict[str, Any],
                                          qtmodeltester: Any) -> None:
    model = settle(qtbot, MembersTableModel(session, page_size=2))
    assert model.rowCount() == 2 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)                  # it asks for more pages; they arrive while it watches
    settle(qtbot, model)
    fetch_all(qtbot, model)
    assert model.rowCount() == 5 and not model.canFetchMore(QModelIndex())
    model.sort(POINTS, Qt.SortOrder.DescendingOrder)
    settle(qtbot, model)
    assert [model.member(r).customer_name for r in range(2)] == ["Grace Hopper", "Barbara Liskov"]
    fetch_all(qtbot, model)
    model.set_filter(search="a")
    settle(qtbot, model)
    qtmodeltester.check(model)
    settle(qtbot, model)
    assert model.columnCount() == 8
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == [
        "Name", "Card number", "Tier", "Points", "Lifetime points", "Total spent", "Status", "Last activity"]


def test_model_tester_on_the_big_shop(qtbot: Any, big_session: ShopSession, qtmodeltester: Any) -> None:
    model = settle(qtbot, MembersTableModel(big_session))
    assert model.rowCount() == PAGE
    qtmodeltester.check(model)
    settle(qtbot, model)
    assert model.rowCount() % PAGE == 0 and model.rowCount() < BIG


def test_a_refusal_is_shown_and_a_stale_page_is_dropped(qtbot: Any, session: ShopSession,
                                                        small: dict[str, Any]) -> None:
    model = settle(qtbot, MembersTableModel(session))
    with qtbot.waitSignal(model.failed, timeout=5000) as refused:
        model.set_filter(program_id=999_999)
    settle(qtbot, model)
    assert "999999" in refused.args[0] or "program" in refused.args[0].lower()
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())
    # Three changes in a row: only the last one's page lands.
    model.set_filter(program_id=None, search="gr")
    model.set_filter(search="al")
    model.set_filter(search="ada")
    settle(qtbot, model)
    assert [model.member(r).customer_name for r in range(model.rowCount())] == ["Ada Lovelace"]


# --- (2) 100,000 members: the first page, then more pages as the view scrolls -----


def test_hundred_thousand_members_show_their_first_page_and_scroll(qtbot: Any, big_session: ShopSession) -> None:
    started = time.perf_counter()
    tab = MembersTab(big_session)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    model, table = tab.model, tab.table
    qtbot.waitUntil(lambda: model.rowCount() == PAGE, timeout=10_000)
    timings["first page shown (s)"] = time.perf_counter() - started
    assert model.canFetchMore(QModelIndex())
    assert table.model().index(0, NAME).data()          # rows are on screen
    assert model.index(0, NAME).data() <= model.index(PAGE - 1, NAME).data()
    # The count runs in the background and only when cheap; it never loads the rows.
    qtbot.waitUntil(lambda: tab.count_label.text() == f"{fmt.points(BIG)} members", timeout=5000)

    seen = PAGE
    for _ in range(4):
        started = time.perf_counter()
        table.scrollToBottom()
        qtbot.waitUntil(lambda seen=seen: model.rowCount() > seen, timeout=5000)
        timings.setdefault("next page on scroll (s)", time.perf_counter() - started)
        settle(qtbot, model)
        rows = model.rowCount()
        assert rows % PAGE == 0 and rows <= seen + 2 * PAGE     # page by page, never everything
        seen = rows
    assert seen < BIG and model.canFetchMore(QModelIndex())
    ids = shown_ids(model)
    assert len(set(ids)) == len(ids)                        # no page loaded twice
    names = [model.member(r).name_key for r in range(model.rowCount())]
    assert names == sorted(names)


def test_scrolling_far_holds_a_window_of_pages_and_scrolling_back_brings_the_first_ones(
        qtbot: Any, big_session: ShopSession) -> None:
    tab = make_tab(qtbot, big_session)
    model, table = tab.model, tab.table
    first_page = shown_ids(model)
    for _ in range(KEEP_PAGES + 5):
        table.scrollToBottom()
        QApplication.processEvents()
        settle(qtbot, model)
        top_id = model.member_id(table.rowAt(0))
        model.fetchMore(QModelIndex())
        settle(qtbot, model)
        QApplication.processEvents()
        # A page dropped above keeps the rows on screen where they were.
        assert model.member_id(table.rowAt(0)) == top_id
    assert model.rowCount() <= KEEP_PAGES * PAGE and model.first_row >= 5 * PAGE
    assert model.rowCount() == KEEP_PAGES * PAGE and model.reached == model.first_row + model.rowCount()
    assert tab.count_label.text() == f"{fmt.points(BIG)} members"
    names = [model.member(r).name_key for r in range(model.rowCount())]
    assert names == sorted(names)
    assert model.headerData(0, Qt.Orientation.Vertical) == str(model.first_row + 1)
    window = shown_ids(model)

    # Back to the top, page by page: the rows before the window come back in order, the last ones go.
    while model.has_earlier:
        table.scrollToTop()
        settle(qtbot, model)
        assert model.rowCount() <= KEEP_PAGES * PAGE
    assert model.first_row == 0 and shown_ids(model)[:PAGE] == first_page
    assert window[0] not in shown_ids(model) and model.canFetchMore(QModelIndex())
    ids = shown_ids(model)
    names = [model.member(r).name_key for r in range(model.rowCount())]
    assert names == sorted(names) and len(set(ids)) == len(ids) == KEEP_PAGES * PAGE


# --- (3) sorting is done by the service, and keyset paging survives ties ----------


def test_sort_by_points_descending_pages_through_ties(qtbot: Any, big_session: ShopSession) -> None:
    tab = make_tab(qtbot, big_session)
    model = tab.model
    tab.table.sortByColumn(POINTS, Qt.SortOrder.DescendingOrder)
    assert (model.sort_key, model.descending) == ("current_points", True)
    settle(qtbot, model)
    assert model.rowCount() == PAGE
    richest = max(big_points(i) for i in range(1, BIG + 1))
    assert model.member(0).current_points == richest
    assert model.index(0, POINTS).data() == fmt.points(richest)
    for _ in range(4):
        model.fetchMore(QModelIndex())
        settle(qtbot, model)
    expected = sorted(range(1, BIG + 1), key=lambda i: (-big_points(i), -i))[:5 * PAGE]
    assert shown_ids(model) == expected
    # The pages really did break inside runs of equal points.
    boundaries = [model.member(k * PAGE - 1).current_points == model.member(k * PAGE).current_points
                  for k in range(1, 5)]
    assert any(boundaries)

    # Tier and status have no sort key: a click there changes neither the rows nor the arrow.
    header = tab.table.horizontalHeader()
    before = shown_ids(model)
    for column in (TIER, STATUS):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(column) + 10, 5))
        assert not model.loading
        assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (POINTS,
                                                                                Qt.SortOrder.DescendingOrder)
        assert shown_ids(model) == before

    # A click on a sortable header re-queries in the new order.
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(CARD) + 10, 5))
    settle(qtbot, model)
    assert (model.sort_key, header.sortIndicatorSection()) == ("card_number", CARD)
    cards = [model.member(r).card_number for r in range(model.rowCount())]
    assert cards == sorted(cards) or cards == sorted(cards, reverse=True)
    assert model.member(0).card_number in (card(1), card(BIG))


def test_ties_straddling_a_small_page(qtbot: Any, session: ShopSession, gui_svc: LoyaltyService,
                                      clock: FakeClock) -> None:
    program = make_program(gui_svc)
    ids = []
    for n in range(8):
        clock.advance(minutes=1)
        member = enroll(gui_svc, program.id, f"Tie {n}")
        points = 500 if n < 6 else 900 + n
        gui_svc.add_points_transaction(SHOP, program.id, member.id,
                                       {"points_amount": points, "description": "Opening balance"})
        ids.append(member.id)
    model = MembersTableModel(session, page_size=3, load=False)
    model.sort(POINTS, Qt.SortOrder.DescendingOrder)
    settle(qtbot, model)
    fetch_all(qtbot, model)
    assert model.pages_loaded == 3
    assert shown_ids(model) == [ids[7], ids[6], *reversed(ids[:6])]
    model.sort(POINTS, Qt.SortOrder.AscendingOrder)
    settle(qtbot, model)
    fetch_all(qtbot, model)
    assert shown_ids(model) == [*ids[:6], ids[6], ids[7]]


# --- (4) filters and search ----------------------------------------------------------


def test_filter_by_status_and_tier_and_search_by_name(qtbot: Any, big_session: ShopSession,
                                                       big_svc: dict[str, Any]) -> None:
    tab = make_tab(qtbot, big_session)
    model = tab.model
    assert not tab.tier_box.isEnabled()                    # tiers belong to a program: choose one first

    tab.status_box.setCurrentIndex(tab.status_box.findData("suspended"))
    settle(qtbot, model)
    assert model.rowCount() == PAGE and model.canFetchMore(QModelIndex())
    assert {model.member(r).membership_status for r in range(model.rowCount())} == {"suspended"}
    assert {model.index(r, STATUS).data() for r in range(model.rowCount())} == {"Suspended"}
    assert tab.count_label.text() == f"{fmt.points(PAGE)}+ members"     # count_members cannot count these

    tab.status_box.setCurrentIndex(0)
    tab.program_box.setCurrentIndex(tab.program_box.findData(big_svc["program"].id))
    settle(qtbot, model)
    assert tab.tier_box.isEnabled()
    assert [tab.tier_box.itemText(i) for i in range(tab.tier_box.count())] == ["All tiers", "Bronze", "Silver",
                                                                             "Gold"]
    gold = big_svc["tiers"][2]
    tab.tier_box.setCurrentIndex(tab.tier_box.findData(gold.id))
    settle(qtbot, model)
    assert model.rowCount() == PAGE
    assert {model.index(r, TIER).data() for r in range(model.rowCount())} == {"Gold"}
    assert all(model.member(r).lifetime_points >= 2000 for r in range(model.rowCount()))

    tab.tier_box.setCurrentIndex(0)
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "QUIX")                     # typed: applied after a short pause
    qtbot.waitUntil(lambda: model.filter.search == "QUIX", timeout=2000)
    settle(qtbot, model)
    expected = sorted(i for i in range(1, BIG + 1) if i % 1000 == 7)
    assert sorted(shown_ids(model)) == expected
    assert not model.canFetchMore(QModelIndex())
    assert tab.count_label.text() == "100 members"
    assert all(model.index(r, NAME).data().endswith(" Quixote") for r in range(model.rowCount()))

    tab.search.setText("uma quix")                          # a full-name prefix
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    settle(qtbot, model)
    assert sorted(shown_ids(model)) == [i for i in expected if big_name(i).startswith("Uma ")]

    tab.status_box.setCurrentIndex(tab.status_box.findData("inactive"))
    tab.search.setText("ada")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    settle(qtbot, model)
    assert model.rowCount() > 0
    assert all(model.member(r).customer_name.startswith("Ada ") and model.member(r).membership_status == "inactive"
               for r in range(model.rowCount()))

    tab.search.clear()                                       # the clear button: everything again
    tab.status_box.setCurrentIndex(0)
    settle(qtbot, model)
    assert model.filter == MemberFilter(program_id=big_svc["program"].id) and model.rowCount() == PAGE


# --- (5) double-click or Enter opens the member in the counter --------------------


def test_double_click_and_enter_open_the_member(qtbot: Any, session: ShopSession, small: dict[str, Any]) -> None:
    tab = make_tab(qtbot, session)
    table, model = tab.table, tab.model
    row = next(r for r in range(model.rowCount()) if model.member(r).customer_name == "Grace Hopper")
    rect = table.visualRect(model.index(row, NAME))
    opened: list[int] = []
    session.openMember.connect(opened.append)
    with qtbot.waitSignal(session.openMember, timeout=1000,
                          check_params_cb=lambda mid: mid == small["members"]["Grace Hopper"]):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [small["members"]["Grace Hopper"]]         # once, not once per signal

    other = next(r for r in range(model.rowCount()) if model.member(r).customer_name == "Alan Turing")
    table.setFocus()
    table.setCurrentIndex(model.index(other, NAME))
    with qtbot.waitSignal(session.openMember, timeout=1000,
                          check_params_cb=lambda mid: mid == small["members"]["Alan Turing"]):
        qtbot.keyClick(table, Qt.Key.Key_Return)


# --- (6) the detail view ---------------------------------------------------------------


def test_detail_shows_history_with_the_balance_after_each_row(qtbot: Any, session: ShopSession,
                                                              gui_svc: LoyaltyService, small: dict[str, Any],
                                                              clock: FakeClock) -> None:
    program = small["program"]
    grace = small["members"]["Grace Hopper"]
    reward = gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Tote bag", "reward_type":
                                                              "free_product", "points_cost": 1000})
    clock.advance(hours=1)
    gui_svc.add_points_transaction(SHOP, program.id, grace, {"points_amount": -120,
                                                             "description": "Duplicate scan corrected"})
    clock.advance(hours=1)
    gui_svc.create_redemption(SHOP, program.id, grace, reward.id)
    history = gui_svc.get_member_points_history(SHOP, grace)

    tab = make_tab(qtbot, session)
    detail = tab.detail
    assert detail.member_id is None and detail.history.rowCount() == 0
    tab.select_member(grace)
    qtbot.waitUntil(lambda: detail.member_id == grace, timeout=2000)
    assert detail.title.text() == "Grace Hopper"
    table = detail.history
    assert table.rowCount() == len(history) >= 3
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Date", "Type", "Points", "Balance after", "Reason", "Status", "By"]
    for row, tx in enumerate(history):                      # newest first, as the service returns them
        assert table.item(row, 3).text() == fmt.points(tx.points_balance_after)
    texts = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    adjustment = next(t for t in texts if t[1] == "Adjustment")
    assert adjustment[2] == fmt.signed_points(-120)
    assert adjustment[4:] == ["Duplicate scan corrected", "Completed", ""]   # "": before staff accounts
    redemption = next(t for t in texts if t[1] == "Redemption")
    assert redemption[2] == fmt.signed_points(-1000)
    assert texts[0][3] == fmt.points(gui_svc.get_loyalty_member(SHOP, grace).current_points)

    assert detail.redemptions.rowCount() == 1
    assert detail.redemptions.item(0, 1).text() == "Tote bag"
    assert detail.activity.rowCount() == len(gui_svc.get_member_activity(SHOP, grace))
    assert detail.tabs.tabText(0) == f"Points history ({len(history)})"

    # Another member: the detail follows the selection.
    ada = small["members"]["Ada Lovelace"]
    tab.select_member(ada)
    qtbot.waitUntil(lambda: detail.member_id == ada, timeout=2000)
    assert detail.history.rowCount() == len(gui_svc.get_member_points_history(SHOP, ada))


# --- the rest of the contract ---------------------------------------------------------


def test_contract_names_selection_refresh_and_header_state(qtbot: Any, session: ShopSession,
                                                           gui_svc: LoyaltyService, small: dict[str, Any]) -> None:
    tab = make_tab(qtbot, session)
    assert tab.objectName() == "membersTab"
    assert tab.findChild(QWidget, "membersTable") is tab.table
    assert tab.findChild(QWidget, "membersSplitter") is tab.splitter
    assert tab.count_label.text() == "5 members"
    assert "Lovelace" not in " ".join(tab.model.index(r, CARD).data() for r in range(tab.model.rowCount()))

    # Several rows selected: their ids in table order.
    table, model = tab.table, tab.model
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert tab.selected_member_ids() == [model.member_id(0), model.member_id(1)]

    # A write elsewhere (the counter) emits changed; the tab reloads and keeps the member selected.
    grace = small["members"]["Grace Hopper"]
    tab.select_member(grace)
    qtbot.waitUntil(lambda: tab.detail.member_id == grace, timeout=2000)
    gui_svc.add_points_transaction(SHOP, small["program"].id, grace, {"points_amount": 7, "description": "Gift"})
    before = tab.detail.history.rowCount()
    session.notify(Changes.everything())
    assert tab.detail.history.rowCount() == before + 1      # the detail at once
    settle(qtbot, model)
    assert tab.current_member_id() == grace                 # and the row once the new page is in
    assert model.member(model.row_of(grace)).current_points == gui_svc.get_loyalty_member(SHOP, grace).current_points
    enroll(gui_svc, small["program"].id, "Zed New")
    session.notify(Changes.everything())
    settle(qtbot, model)
    assert model.rowCount() == 6 and tab.count_label.text() == "6 members"

    # Column widths, order and sort are remembered; the sort is re-queried when restored.
    header = table.horizontalHeader()
    header.resizeSection(NAME, 333)
    header.moveSection(header.visualIndex(POINTS), 0)
    table.sortByColumn(POINTS, Qt.SortOrder.DescendingOrder)
    settle(qtbot, model)
    state = tab.header_state()
    assert isinstance(state, bytes) and state

    other = make_tab(qtbot, session)
    assert other.restore_header_state(state)
    settle(qtbot, other.model)
    other_header = other.table.horizontalHeader()
    assert other_header.sectionSize(NAME) == 333 and other_header.visualIndex(POINTS) == 0
    assert (other.model.sort_key, other.model.descending) == ("current_points", True)
    assert [other.model.member(r).current_points for r in range(other.model.rowCount())] == sorted(
        (other.model.member(r).current_points for r in range(other.model.rowCount())), reverse=True)
    assert not other.restore_header_state(b"not a header state")


def test_ctrl_f_focuses_the_search_without_stealing_the_counters_find(qtbot: Any, session: ShopSession,
                                                                    small: dict[str, Any]) -> None:
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMainWindow, QVBoxLayout

    # Like the main window: an application-wide Find for the counter, and the tab below it.
    window = QMainWindow()
    qtbot.addWidget(window)
    central = QWidget()
    counter = QLineEdit()
    tab = MembersTab(session)
    layout = QVBoxLayout(central)
    layout.addWidget(counter)
    layout.addWidget(tab)
    window.setCentralWidget(central)
    finds: list[str] = []
    action = QAction("Find", window)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(lambda: (finds.append("counter"), counter.setFocus()))
    window.addAction(action)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    settle(qtbot, tab.model)

    for _ in range(3):              # every time, not every other time
        tab.table.setFocus()
        QTest.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is tab.search and finds == []
        tab.detail.history.setFocus()
        QTest.keyClick(tab.detail.history, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is tab.search and finds == []
    counter.setFocus()
    QTest.keyClick(counter, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert finds == ["counter"]

    # Down from the search goes to the rows; Enter there opens the member.
    tab.focus_search()
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is tab.table and tab.table.currentIndex().row() == 0
    with qtbot.waitSignal(session.openMember, timeout=1000,
                          check_params_cb=lambda mid: mid == tab.model.member_id(0)):
        qtbot.keyClick(tab.table, Qt.Key.Key_Enter)


def test_hidden_tab_waits_until_shown_to_refresh(qtbot: Any, session: ShopSession, gui_svc: LoyaltyService,
                                                 small: dict[str, Any]) -> None:
    tab = make_tab(qtbot, session)
    tab.hide()
    enroll(gui_svc, small["program"].id, "Late Comer")
    session.notify(Changes.everything())
    assert not tab.model.loading and tab.model.rowCount() == 5     # no query for a tab nobody sees
    tab.show()
    settle(qtbot, tab.model)
    assert tab.model.rowCount() == 6


def test_columns_match_the_services_sort_keys() -> None:
    from loyalty_desk.services.queries.members import SORT_COLUMNS

    assert {c.sort_key for c in COLUMNS if c.sort_key} <= set(SORT_COLUMNS)
    assert [c.title for c in COLUMNS if c.sort_key is None] == ["Tier", "Status"]

"""The Analytics tab renders real figures, empty states, both schemes, and exports."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QImage

from loyalty_desk.views.analytics.analytics_tab import AnalyticsTab, ExportPath
from loyalty_desk.views.shell.theme import apply_scheme

from ..support import SHOP, enroll, make_program, make_tiers


@pytest.fixture
def history(gui_svc, clock):
    """Ten days of a small tiered shop, then the jobs, so snapshots exist."""
    program = make_program(gui_svc, program_type="tiered", points_expiration_days=5)
    make_tiers(gui_svc, program.id)
    reward = gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                              "points_cost": 20})
    members = []
    for day in range(10):
        clock.set(dt.datetime(2026, 3, 1 + day, 12, tzinfo=dt.timezone.utc))
        members.append(enroll(gui_svc, program.id, f"Member {day}"))
        for i, member in enumerate(members):
            gui_svc.record_purchase(SHOP, program.id, member.id, str(30 + 90 * i), f"O-{day}-{i}")
        if day % 3 == 2:
            gui_svc.create_redemption(SHOP, program.id, members[0].id, reward.id, 20)
        gui_svc.run_daily_jobs(SHOP)
    clock.set(dt.datetime(2026, 3, 11, 8, tzinfo=dt.timezone.utc))
    gui_svc.run_daily_jobs(SHOP)
    return program


def make_tab(session, qtbot):
    tab = AnalyticsTab(session)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    tab.show()
    qtbot.waitUntil(lambda: tab.data is not None and not tab.loading, timeout=10000)
    return tab


def test_tab_shows_the_service_figures(session, qtbot, history, gui_svc):
    tab = make_tab(session, qtbot)
    dashboard = gui_svc.get_loyalty_dashboard_data(SHOP)
    assert tab.cards["members"].value.text() == f"{dashboard['activeMembers']} of 10"
    assert tab.cards["outstanding"].value.text() == f"{dashboard['totalPointsOutstanding']:,}"
    assert tab.cards["rate"].value.text() == f"{dashboard['redemptionRate']:.1f}%"
    assert tab.cards["members"].change.text() == "no earlier period to compare"  # the shop is 10 days old
    tab.range.setCurrentIndex(3)  # custom: Mar 6-10 against Mar 1-5
    tab.first_date.setDate(QDate(2026, 3, 6))
    tab.last_date.setDate(QDate(2026, 3, 10))
    qtbot.waitUntil(lambda: not tab.loading and tab.data.first == dt.date(2026, 3, 6))
    assert tab.cards["members"].change.text() == "▲ 5 vs previous period"
    for chart in tab.charts.values():
        assert not chart.is_empty
    assert tab.leaders.topLevelItemCount() == 10
    assert tab.liability.values["outstanding"].text() == f"{dashboard['totalPointsOutstanding']:,}"
    assert "to fulfil" in tab.pending_button.text()


def test_program_filter_and_range(session, qtbot, history, gui_svc):
    other = make_program(gui_svc, program_name="Other")
    tab = make_tab(session, qtbot)
    tab.program.setCurrentIndex(tab.program.findData(other.id))
    qtbot.waitUntil(lambda: not tab.loading and tab.cards["members"].value.text() == "0 of 0")
    assert tab.charts["members"].is_empty
    tab.program.setCurrentIndex(0)
    tab.range.setCurrentIndex(1)  # 90 days
    qtbot.waitUntil(lambda: not tab.loading and tab.data.first == tab.data.last - dt.timedelta(days=89))


def test_empty_database_shows_friendly_empty_states(session, qtbot):
    tab = make_tab(session, qtbot)
    assert tab.cards["members"].value.text() == "0 of 0"
    assert tab.cards["average"].value.text() == "0"
    assert all(chart.is_empty for chart in tab.charts.values())
    assert tab.leaders.topLevelItem(0).text(0) == "No members yet"
    assert tab.liability.values["breakage"].text() == "—"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_renders_in_both_schemes(session, qtbot, history, qapp, scheme, tmp_path):
    apply_scheme(qapp, scheme)
    tab = make_tab(session, qtbot)
    image = tab.grab().toImage()
    assert image.width() > 1000
    background = image.pixelColor(5, 5).lightness()
    assert (background < 100) == (scheme == "dark")
    apply_scheme(qapp, "light")


def test_export_png_and_csv(session, qtbot, history, tmp_path, monkeypatch):
    tab = make_tab(session, qtbot)
    targets = iter([str(tmp_path / "members.png"), str(tmp_path / "members.csv")])
    monkeypatch.setattr(ExportPath, "ask", classmethod(lambda cls, parent, suggested, kind: next(targets)))
    qtbot.mouseClick(tab.charts["members"].findChild(type(tab.refresh_button), "export_members_png"),
                     __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    tab.export("members", "csv")
    image = QImage(str(tmp_path / "members.png"))
    assert not image.isNull() and image.width() >= 800
    with open(tmp_path / "members.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["date", "Total members", "New members"]
    assert rows[-1][0] == "2026-03-10" and rows[-1][1] == "10"


def test_pending_redemptions_click_through(session, qtbot, history):
    tab = make_tab(session, qtbot)
    with qtbot.waitSignal(tab.showRedemptions):
        tab.pending_button.click()
    with qtbot.waitSignal(tab.quickAction) as action:
        tab.findChild(type(tab.refresh_button), "quick_enroll").click()
    assert action.args == ["enroll"]


def test_a_tier_named_like_a_formula_exports_as_text(session, qtbot, history, gui_svc, tmp_path, monkeypatch):
    gold = gui_svc.get_loyalty_tiers(SHOP, history.id)[-1]
    gui_svc.update_loyalty_tier(SHOP, gold.id, {"tier_name": '=HYPERLINK("http://x.example","Gold")'})
    tab = make_tab(session, qtbot)
    target = tmp_path / "tiers.csv"
    monkeypatch.setattr(ExportPath, "ask", classmethod(lambda cls, parent, suggested, kind: str(target)))
    tab.export("tiers", "csv")
    with open(target, newline="", encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert '\'=HYPERLINK("http://x.example","Gold")' in cells
    assert not any(cell.startswith("=") for cell in cells)

"""The Analytics tab renders real figures, empty states, both schemes, and exports."""
from __future__ import annotations

import csv
import re
import datetime as dt

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

from loyalty_desk.views.analytics.analytics_tab import AnalyticsTab, ExportPath
from loyalty_desk.views.shell.theme import apply_scheme

from ..support import SHOP, make_program


def make_tab(session, qtbot):
    tab = AnalyticsTab(session)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    tab.show()
    qtbot.waitUntil(lambda: tab.data is not None and not tab.loading, timeout=10000)
    return tab


def choose_period(tab, qtbot, first, last):
    tab.range.setCurrentIndex(tab.range.findData(0))  # custom
    tab.first_date.setDate(QDate(first.year, first.month, first.day))
    tab.last_date.setDate(QDate(last.year, last.month, last.day))
    qtbot.waitUntil(lambda: not tab.loading and (tab.data.first, tab.data.last) == (first, last))


def test_tab_shows_the_service_figures(session, qtbot, history, gui_svc):
    tab = make_tab(session, qtbot)
    first, last = tab.period()
    figures = gui_svc.get_period_figures(SHOP, first, last)
    assert tab.cards["issued"].value.text() == f"{figures.current.points_issued:,}"
    assert tab.cards["outstanding"].value.text() == f"{figures.current.points_outstanding:,}"
    assert tab.cards["rate"].value.text() == f"{figures.current.redemption_rate:.1f}%"
    assert tab.cards["members"].change.text() == "no earlier figures to compare"  # the shop is 10 days old
    for chart in tab.charts.values():
        assert not chart.is_empty
    assert tab.leaders.topLevelItemCount() == 10
    assert "to fulfil" in tab.pending_button.text()


def test_cards_change_with_the_period(session, qtbot, history, gui_svc):
    tab = make_tab(session, qtbot)
    shown = {}
    for first, last in ((dt.date(2026, 3, 1), dt.date(2026, 3, 5)), (dt.date(2026, 3, 6), dt.date(2026, 3, 10))):
        choose_period(tab, qtbot, first, last)
        figures = gui_svc.get_period_figures(SHOP, first, last)
        shown[first] = {name: card.value.text() for name, card in tab.cards.items()}
        assert shown[first]["issued"] == f"{figures.current.points_issued:,}"
        assert shown[first]["redeemed"] == f"{figures.current.points_redeemed:,}"
    assert shown[dt.date(2026, 3, 1)]["issued"] != shown[dt.date(2026, 3, 6)]["issued"]
    figures = gui_svc.get_period_figures(SHOP, dt.date(2026, 3, 6), dt.date(2026, 3, 10))
    growth = figures.current.points_issued - figures.previous.points_issued
    assert tab.cards["issued"].change.text() == (f"▲ +{growth:,} vs previous period "
                                                 f"({figures.previous.points_issued:,})")
    rate = tab.cards["rate"].change.text()
    assert "pts" not in rate and (" pp vs previous period" in rate or rate.startswith("no change"))


def test_program_filter_and_range(session, qtbot, history, gui_svc):
    other = make_program(gui_svc, program_name="Other")
    tab = make_tab(session, qtbot)
    assert tab.charts["tiers"].title.startswith(f"Tier distribution: {history.program_name}")
    tab.program.setCurrentIndex(tab.program.findData(other.id))
    qtbot.waitUntil(lambda: not tab.loading and tab.data.program == "Other")
    assert tab.cards["members"].value.text() == "0"
    assert tab.charts["new"].is_empty and tab.charts["tiers"].title == "Tier distribution: Other"
    tab.program.setCurrentIndex(0)
    tab.range.setCurrentIndex(tab.range.findData(90))
    qtbot.waitUntil(lambda: not tab.loading and tab.data.first == tab.data.last - dt.timedelta(days=89))


@pytest.mark.parametrize(("zone", "utc_now", "shop_yesterday"), [
    ("America/New_York", dt.datetime(2026, 12, 4, 2, 0, tzinfo=dt.UTC), dt.date(2026, 12, 2)),   # 21:00 on the 3rd
    ("Europe/Paris", dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.UTC), dt.date(2026, 12, 3)),     # 00:30 on the 4th
])
def test_the_period_ends_on_the_shops_yesterday_not_utcs(session, qtbot, gui_svc, clock, zone, utc_now,
                                                          shop_yesterday):
    gui_svc.save_shop(SHOP, {"timezone": zone})
    clock.set(utc_now)
    session.reload_shop()
    tab = make_tab(session, qtbot)
    assert (tab.data.first, tab.data.last) == (shop_yesterday - dt.timedelta(days=29), shop_yesterday)


def test_empty_database_shows_friendly_empty_states(session, qtbot):
    tab = make_tab(session, qtbot)
    assert tab.cards["members"].value.text() == "0"
    assert tab.cards["liability"].value.text() == "$0.00"
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


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_export_png_svg_and_csv(session, qtbot, history, tmp_path, monkeypatch):
    tab = make_tab(session, qtbot)
    targets = iter([str(tmp_path / name) for name in ("new.png", "new.svg", "new.csv", "points.csv")])
    monkeypatch.setattr(ExportPath, "ask", classmethod(lambda cls, parent, suggested, kind: next(targets)))
    tab.charts["new"].findChild(QPushButton, "export_new_png").click()
    tab.export("new", "svg")
    tab.export("new", "csv")
    tab.export("points", "csv")
    image = QImage(str(tmp_path / "new.png"))
    assert (image.width(), image.height()) == (1200, 700)
    svg = (tmp_path / "new.svg").read_text(encoding="utf-8")
    assert "<svg" in svg
    texts = [text.strip() for text in re.findall(r">([^<>]+)</text>", svg)]
    assert texts[0] == "New members"                                          # the title
    assert texts[1] == "Corner Shop · All programs · 2/9/2026 – 3/10/2026"   # the shop, the filter, the period
    assert {"Day", "Members"} <= set(texts)                                   # the axis names
    rows = read_csv(tmp_path / "new.csv")
    assert rows[0] == ["program", "from", "to", "New members"]
    assert rows[-1] == ["All programs", "2026-03-10", "2026-03-10", "1"]
    points = read_csv(tmp_path / "points.csv")
    assert points[0][3:5] == ["Issued", "Redeemed (points of redemptions made; refunds not netted)"]
    assert points[0][5].startswith("Refunded")
    assert all(int(cell) >= 0 for row in points[1:] for cell in row[3:])


def test_exporting_a_png_leaves_the_layout_alone(session, qtbot, history, tmp_path, monkeypatch):
    tab = make_tab(session, qtbot)
    widths = {name: chart.plot.width() for name, chart in tab.charts.items()}
    monkeypatch.setattr(ExportPath, "ask", classmethod(lambda cls, parent, suggested, kind: str(tmp_path / "a.png")))
    for name in tab.charts:
        tab.export(name, "png")
    qtbot.wait(50)
    assert {name: chart.plot.width() for name, chart in tab.charts.items()} == widths
    assert all(w < 1000 for w in widths.values())  # two columns: the export's 1200 px would show


def test_an_exported_png_is_light_in_dark_mode(session, qtbot, history, qapp, tmp_path, monkeypatch):
    apply_scheme(qapp, "dark")
    try:
        tab = make_tab(session, qtbot)
        assert tab.charts["points"].plot.backgroundBrush().color().lightness() < 100
        monkeypatch.setattr(ExportPath, "ask", classmethod(lambda cls, parent, suggested, kind: str(tmp_path / "p.png")))
        tab.export("points", "png")
        image = QImage(str(tmp_path / "p.png"))
        corners = [image.pixelColor(x, y).lightness() for x, y in ((2, 2), (1197, 2), (2, 697), (1197, 697))]
        assert min(corners) > 240
    finally:
        apply_scheme(qapp, "light")


def test_a_runtime_scheme_switch_recolours_every_chart(session, qtbot, history, qapp):
    tab = make_tab(session, qtbot)
    def backgrounds():
        return {name: chart.plot.backgroundBrush().color().lightness() for name, chart in tab.charts.items()}
    assert all(light > 200 for light in backgrounds().values())
    apply_scheme(qapp, "dark")
    try:
        qapp.processEvents()
        assert all(dark < 100 for dark in backgrounds().values())
        pixel = tab.charts["new"].plot.grab().toImage().pixelColor(3, 3)
        assert pixel.lightness() < 100
    finally:
        apply_scheme(qapp, "light")


def test_twelve_months_draw_at_most_thirteen_bars(session, qtbot, history):
    tab = make_tab(session, qtbot)
    tab.range.setCurrentIndex(tab.range.findData(365))
    qtbot.waitUntil(lambda: not tab.loading and (tab.data.last - tab.data.first).days == 364)
    assert len(tab.data.buckets) <= 13
    for name in ("new", "redemptions", "points"):
        item = tab.charts[name].plot.getPlotItem()
        bars = [i for i in item.items if isinstance(i, pg.BarGraphItem)]
        assert bars and all(len(bar.opts["x"]) == len(tab.data.buckets) for bar in bars)
        axis = item.getAxis("bottom")
        (_, shown), = axis.tickValues(-0.6, len(tab.data.buckets) - 0.4, axis.width())
        assert 2 <= len(shown) <= 8 and len(shown) * axis.widest() < axis.width()  # no two labels overlap
    assert not any(isinstance(i, pg.ScatterPlotItem) and i.opts["brush"].color().alpha()
                   for i in tab.charts["points"].plot.getPlotItem().items)  # no dot markers


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
    assert read_csv(target)[0] == ["program", "tier", "members"]
    assert not any(cell.startswith("=") for cell in cells)


def test_count_axes_tick_whole_numbers_and_values_are_grouped(session, qtbot, history):
    tab = make_tab(session, qtbot)
    choose_period(tab, qtbot, dt.date(2026, 3, 1), dt.date(2026, 3, 10))
    axis = tab.charts["redemptions"].plot.getPlotItem().getAxis("left")
    assert max(tab.charts["redemptions"].data.series["Redemptions"]) == 1      # 0 or 1 a day
    ticks = [value for _spacing, values in axis.tickValues(0.0, 1.2, 300) for value in values]
    assert ticks and all(value == int(value) for value in ticks)              # never 0.5
    assert axis.tickStrings([4_000_000.0, 0.0], 1.0, 1_000_000.0) == ["4,000,000", "0"]   # never "4e+06"

"""The Analytics tab's cards and side panels: KPIs, leaderboard, lists and the liability report."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr
from ..shell.theme import paint
from ..widgets import formatting as fmt
from .analytics_headlines import Headline, no_earlier


class KpiCard(QFrame):
    """A figure, its caption, and the change against the previous period."""

    def __init__(self, name: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"kpi_{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        self.value.setObjectName(f"kpi_{name}_value")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        paint(self.caption, "muted")
        self.change = QLabel("")
        self.change.setObjectName(f"kpi_{name}_change")
        self.change.setWordWrap(True)  # "▲ +1,234 vs previous period (5,678)" wraps rather than widens the row
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.change)

    def show_headline(self, headline: Headline) -> None:
        """The figure, and its change against the previous period with that period's figure beside it."""
        self.value.setText(headline.value)
        self.caption.setText(headline.caption)
        paint(self.caption, "muted")
        if headline.change == no_earlier():
            self.change.setText(no_earlier())
        elif headline.rising is None:
            self.change.setText(tr("no change vs previous period ({previous})").format(previous=headline.previous))
        else:
            arrow = "▲" if headline.rising else "▼"
            self.change.setText(tr("{arrow} {change} vs previous period ({previous})").format(
                arrow=arrow, change=headline.change, previous=headline.previous))
        paint(self.change, headline.tone)


def panel(title: str, name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(8, 6, 8, 6)
    heading = QLabel(f"<b>{title}</b>")
    layout.addWidget(heading)
    return frame, layout


def table(name: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return tree


def fill(tree: QTreeWidget, rows: list[list[str]], empty: str) -> None:
    tree.clear()
    if not rows:
        item = QTreeWidgetItem([empty])
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        tree.addTopLevelItem(item)
        return
    for row in rows:
        item = QTreeWidgetItem(row)
        for column in range(1, len(row)):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tree.addTopLevelItem(item)


class LiabilityPanel(QFrame):
    """Outstanding points as money, what expires soon, pending points and breakage."""

    @staticmethod
    def fields() -> tuple[tuple[str, str], ...]:
        return (("outstanding", tr("Points outstanding")), ("value", tr("Their value")),
                ("exp30", tr("Expiring in 30 days")), ("exp60", tr("Expiring in 60 days")),
                ("exp90", tr("Expiring in 90 days")), ("pending", tr("Pending points")),
                ("breakage", tr("Breakage (expired ÷ issued)")))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("liabilityPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.addWidget(QLabel("<b>" + tr("Points liability") + "</b>"), 0, 0, 1, 2)
        self.values: dict[str, QLabel] = {}
        fields = self.fields()
        for row, (key, caption) in enumerate(fields, start=1):
            label = QLabel("—")
            label.setObjectName(f"liability_{key}")
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(QLabel(caption), row, 0)
            grid.addWidget(label, row, 1)
            self.values[key] = label
        self.monthly = table("liabilityMonthly", monthly_columns())
        self.monthly.setMinimumHeight(120)
        grid.addWidget(self.monthly, len(fields) + 1, 0, 1, 2)

    def show(self, data: dict[str, Any]) -> None:  # type: ignore[override]
        for key, (_, text) in zip(self.values, liability_rows(data), strict=True):
            self.values[key].setText(text)
        fill(self.monthly, monthly_rows(data), tr("No points issued yet"))
        super().show()


def liability_rows(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The liability figures (`get_points_liability`), each with its caption, in LiabilityPanel.fields() order."""
    texts = [fmt.points(data["pointsOutstanding"]), fmt.money(data["outstandingValue"], data["currency"]),
             fmt.points(data["expiringNext30Days"]), fmt.points(data["expiringNext60Days"]),
             fmt.points(data["expiringNext90Days"]), fmt.points(data["pointsPending"]),
             f"{data['breakageRate']:.1f}%" if data["pointsIssued"] else "—"]
    return [(caption, text) for (_, caption), text in zip(LiabilityPanel.fields(), texts, strict=True)]


# Points by month: redeemed is gross, and what cancellations gave back is its own column.
def monthly_columns() -> list[str]:
    return [tr("Month"), tr("Issued"), tr("Redeemed"), tr("Refunded"), tr("Expired")]


def monthly_rows(data: dict[str, Any]) -> list[list[str]]:
    """Points issued, redeemed, refunded and expired by month, newest first (monthly_columns())."""
    return [[_month(m["month"]), *(fmt.points(m[key]) for key in ("issued", "redeemed", "refunded", "expired"))]
            for m in reversed(data["monthly"])]


def _month(key: str) -> str:
    """"2026-11" as the locale writes a month ("Nov 2026", "nov. 2026")."""
    year, month = (int(part) for part in key.split("-"))
    return fmt.locale().toString(QDate(year, month, 1), "MMM yyyy")


def leader_rows(dashboard: dict[str, Any], currency: str) -> list[list[str]]:
    """The top members by lifetime points: name, points, lifetime points and spending."""
    return [[m["name"], fmt.points(m["points"]), fmt.points(m["lifetimePoints"]), fmt.money(m["totalSpent"], currency)]
            for m in dashboard["topMembers"]]

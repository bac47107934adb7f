"""`loyalty-desk --self-test`: the whole app once, on a throwaway database, in a few seconds.

Meant for a fresh install (the bundle above all): it proves the database, the migrations, the
service, Qt's PDF and image drawing, the QR decoder and pyqtgraph all load and work here. It runs
with no display (Qt's offscreen platform, forced here only), writes only into a temporary folder
that it removes, and never opens the user's data folder.

One line per step on stdout ("ok  record a purchase  (12 ms)"); the first failure prints
"FAIL  <step>" and stops, with its detail on stderr only, and the exit status is 1.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

SHOP = "self-test"
ORDER = "SELF-TEST-1"


class StepFailed(Exception):
    """A step's own check failed (as opposed to an exception raised by the code it calls)."""


@dataclass
class Run:
    """What the steps hand on to each other."""

    folder: Path
    svc: Any = None
    program: Any = None
    member: Any = None
    card: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def _open_database(run: Run) -> None:
    from .services import LoyaltyService

    run.svc = LoyaltyService(f"sqlite:///{run.folder / 'self-test.db'}", create=True)


def _create_shop(run: Run) -> None:
    run.svc.save_shop(SHOP, {"shop_name": "Self-test shop", "currency": "USD", "timezone": "UTC",
                             "phone_region": "US"})


def _create_program(run: Run) -> None:
    run.program = run.svc.create_loyalty_program(SHOP, {"program_name": "Rewards", "program_type": "points",
                                                         "points_per_dollar": "1"})


def _enroll_member(run: Run) -> None:
    run.member = run.svc.enroll_loyalty_member(SHOP, run.program.id, {"customer_name": "Test Member"})


def _record_purchase(run: Run) -> None:
    row = run.svc.record_purchase(SHOP, run.program.id, run.member.id, Decimal("125.00"), ORDER)
    if row.points_amount != 125:
        raise StepFailed(f"a $125.00 purchase earned {row.points_amount} points, not 125")


def _record_redemption(run: Run) -> None:
    svc = run.svc
    reward = svc.create_loyalty_reward(SHOP, run.program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                              "points_cost": 100})
    svc.create_redemption(SHOP, run.program.id, run.member.id, reward.id, 100)
    balance = svc.get_loyalty_member(SHOP, run.member.id).current_points
    if balance != 25:
        raise StepFailed(f"the balance after earning 125 and redeeming 100 is {balance}, not 25")


def _card_pdf(run: Run) -> None:
    from .views.documents.documents import Letterhead, MemberCard
    from .views.documents.printing import export_pdf

    run.card = MemberCard.of(Letterhead("Self-test shop"), run.program, run.member)
    pdf = export_pdf(run.card, run.folder / "card.pdf").read_bytes()
    if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-64:] or len(pdf) < 1000:
        raise StepFailed(f"the card's PDF is not a complete PDF file ({len(pdf)} bytes)")


def _card_qr(run: Run) -> None:
    import numpy as np
    import zxingcpp
    from PySide6.QtGui import QImage

    from .views.documents.printing import render_image

    image = render_image(run.card, 300).convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    found = [r.text for r in zxingcpp.read_barcodes(np.ascontiguousarray(pixels[:, :image.width()]))]
    if found != [run.member.card_number]:
        raise StepFailed(f"the card's QR code read {found!r}, not the card number")


def _chart(run: Run) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    from .views.analytics.analytics_charts import ChartData
    from .views.analytics.analytics_export import PAPER, Caption, chart_image

    data = ChartData(labels=["Mon", "Tue", "Wed"], series={"Points earned": [125, 80, 40]}, y_name="Points",
                     x_name="Day")
    image = chart_image(data, Caption("Self-test shop", "Points earned", "", ""), QSize(400, 240), scale=1.0)
    gray = image.convertToFormat(QImage.Format.Format_RGB32)
    inked = sum(1 for x in range(0, gray.width(), 4) for y in range(0, gray.height(), 4)
                if gray.pixelColor(x, y) != PAPER)
    if inked < 50:          # bars, axes and title: a blank page would have none
        raise StepFailed(f"the chart drew almost nothing ({inked} sampled pixels)")


def _check_ledger(run: Run) -> None:
    problems = run.svc.check_ledger(SHOP)
    if problems:
        raise StepFailed("; ".join(str(p) for p in problems))


STEPS: list[tuple[str, Callable[[Run], None]]] = [
    ("open a temporary database", _open_database),
    ("create a shop", _create_shop),
    ("create a program", _create_program),
    ("enrol a member", _enroll_member),
    ("record a purchase", _record_purchase),
    ("record a redemption", _record_redemption),
    ("render the member card to PDF", _card_pdf),
    ("decode the card's QR code", _card_qr),
    ("draw a chart offscreen", _chart),
    ("check the ledger", _check_ledger),
]


@contextmanager
def _offscreen_qt() -> Iterator[None]:
    """Qt without a display, for this run only: an app already running (a test's) is used as it is."""
    before = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(["loyalty-desk-self-test"])
        yield
        del app
    finally:
        if before is None:
            os.environ.pop("QT_QPA_PLATFORM", None)
        else:
            os.environ["QT_QPA_PLATFORM"] = before


def run(steps: list[tuple[str, Callable[[Run], None]]] | None = None, out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    """Run the steps in order: 0 when all passed, 1 at the first that failed (named on `out`)."""
    out, err = out or sys.stdout, err or sys.stderr
    folder = Path(tempfile.mkdtemp(prefix="loyalty-desk-self-test-"))
    state = Run(folder)
    failed = None
    try:
        with _offscreen_qt():
            for name, step in steps if steps is not None else STEPS:
                started = time.perf_counter()
                try:
                    step(state)
                except Exception as exc:  # any failure is reported as the step's, never a traceback
                    failed = name
                    print(f"FAIL  {name}", file=out, flush=True)
                    print(f"self-test: {name}: {type(exc).__name__}: {exc}", file=err, flush=True)
                    break
                print(f"ok  {name}  ({(time.perf_counter() - started) * 1000:.0f} ms)", file=out, flush=True)
    finally:
        if state.svc is not None:
            state.svc.close()
        shutil.rmtree(folder, ignore_errors=True)
    if failed:
        print(f"self-test failed at: {failed}", file=out)
        return 1
    print(f"self-test passed: {len(steps if steps is not None else STEPS)} steps", file=out)
    return 0

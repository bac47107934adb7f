"""Copy the screenshots the user guide shows into the package, at most 760 px wide (the guide's column).

    python scripts/guide_images.py      # after scripts/screenshots.py
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
OUT = ROOT / "loyalty_desk" / "help" / "images"
GUIDE_SHOTS = ("counter", "dialog-purchase", "dialog-redeem", "dialog-enroll", "tab-programs", "tab-members",
               "tab-rewards", "tab-analytics", "staff-sign-in", "staff-approval", "backup-settings", "dialog-connect",
               "dialog-first-run", "dialog-settings")
WIDTH = 760


def main() -> None:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    for name in GUIDE_SHOTS:
        image = QImage(str(SHOTS / f"{name}-light.png"))
        if image.isNull():
            raise SystemExit(f"missing {name}-light.png: run scripts/screenshots.py first")
        if image.width() > WIDTH:
            image = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
        image.save(str(OUT / f"{name}.png"), "PNG", 9)
        print(OUT.relative_to(ROOT) / f"{name}.png", image.width(), "x", image.height())


if __name__ == "__main__":
    main()

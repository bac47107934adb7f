"""Copy the screenshots the user guide shows into the package, at most 760 px wide (the guide's column).

    python scripts/guide_images.py            # after scripts/screenshots.py: loyalty_desk/help/images
    python scripts/guide_images.py --german   # the German guide's: loyalty_desk/help/images/de

--german renders them itself, light only, with the app's words in German: it runs
scripts/screenshots.py, screenshots_staff.py and screenshots_data.py with LOYALTY_SHOTS_LANGUAGE=de
into a temporary folder (a few minutes), then copies the same pictures from there.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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
# The scripts that draw them: the main screens and dialogs, the staff screens, Settings ▸ Backups….
SCRIPTS = ("screenshots.py", "screenshots_staff.py", "screenshots_data.py")
WIDTH = 760


def render(language: str) -> Path:
    """Every screenshot in `language`, light only, in a new temporary folder."""
    shots = Path(tempfile.mkdtemp(prefix=f"guide-{language}-"))
    environment = {**os.environ, "LOYALTY_SHOTS_LANGUAGE": language, "LOYALTY_SHOTS_SCHEMES": "light",
                   "LOYALTY_SHOTS_OUT": str(shots)}
    for script in SCRIPTS:
        subprocess.run([sys.executable, str(ROOT / "scripts" / script)], env=environment, check=True,
                       stdout=subprocess.DEVNULL)
    return shots


def copy(shots: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in GUIDE_SHOTS:
        image = QImage(str(shots / f"{name}-light.png"))
        if image.isNull():
            raise SystemExit(f"missing {name}-light.png: run scripts/screenshots.py first")
        if image.width() > WIDTH:
            image = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
        image.save(str(out / f"{name}.png"), "PNG", 9)
        print(out.relative_to(ROOT) / f"{name}.png", image.width(), "x", image.height())


def main() -> None:
    german = "--german" in sys.argv
    shots = render("de") if german else SHOTS
    QGuiApplication(sys.argv[:1])
    copy(shots, OUT / "de" if german else OUT)
    if german:
        shutil.rmtree(shots)        # the rendered screens: only the copies above are kept


if __name__ == "__main__":
    main()

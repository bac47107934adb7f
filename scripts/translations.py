"""Update the translations after the desktop's words changed, and compile them.

    python scripts/translations.py            # lupdate, then lrelease: the .ts and the .qm
    python scripts/translations.py --check    # also fail when a string has no translation yet
    python scripts/translations.py --fill F.json [F2.json …]   # take {English: translation} pairs

`pyside6-lupdate` reads every `tr("…")` of loyalty_desk/views and keeps the translations already
in loyalty_desk/translations/loyalty_desk_LANG.ts (edit it with Qt Linguist, `pyside6-linguist`);
`pyside6-lrelease` writes the .qm the app loads. --fill takes a JSON object of English source to
translation for the strings the .ts still lacks, and never overwrites a finished one.
"""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ROOT / "loyalty_desk" / "views"
OUT = ROOT / "loyalty_desk" / "translations"
LANGUAGES = ("de",)
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in VIEWS.rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none", "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True)


def fill(ts: Path, pairs: dict[str, str]) -> int:
    """Give the unfinished messages their translation from `pairs`; returns how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished" or source not in pairs:
            continue
        translation.text = pairs[source]
        del translation.attrib["type"]
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def unfinished(ts: Path) -> list[str]:
    return [m.findtext("source") or "" for m in ET.parse(ts).iter("message")
            if (t := m.find("translation")) is not None and (t.get("type") == "unfinished" or not (t.text or ""))]


def main(argv: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    pairs: dict[str, str] = {}
    if "--fill" in argv:
        for name in argv[argv.index("--fill") + 1:]:
            if name.startswith("--"):
                break
            pairs.update(json.loads(Path(name).read_text(encoding="utf-8")))
    status = 0
    for language in LANGUAGES:
        ts = OUT / f"loyalty_desk_{language}.ts"
        lupdate(ts)
        if pairs:
            print(f"{ts.name}: {fill(ts, pairs)} filled")
        missing = unfinished(ts)
        subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True, capture_output=True)
        total = sum(1 for _ in ET.parse(ts).iter("message"))
        print(f"{ts.name}: {total - len(missing)} of {total} translated")
        if missing and "--check" in argv:
            print("untranslated:", *missing[:50], sep="\n  ")
            status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

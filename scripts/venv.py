"""Make the project's virtual environment (.venv) and install into it: the README's two commands.

    python3 scripts/venv.py .              # the app
    python3 scripts/venv.py -e '.[test]'   # the app, editable, with the test tools

Standard library only, so it runs on a distribution's Python (PEP 668: Debian 12, Ubuntu 23.04+,
Fedora refuse `pip install` outside a virtual environment). What a bare `python3 -m venv` would
say in a paragraph, or not at all, is one line here: the Python is too old, or the system lacks
its venv package (Debian and Ubuntu ship `ensurepip` apart, in python3-venv).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
MINIMUM = (3, 11)


def fail(line: str) -> int:
    print(f"loyalty-desk: {line}", file=sys.stderr)
    return 1


def main(args: list[str]) -> int:
    if sys.version_info < MINIMUM:
        return fail(f"Python {'.'.join(map(str, MINIMUM))} or newer is needed; this python3 is "
                    f"{sys.version_info.major}.{sys.version_info.minor}")
    made = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
    if made.returncode != 0:
        said = made.stdout + made.stderr
        if "ensurepip" in said:
            version = f"{sys.version_info.major}.{sys.version_info.minor}"
            return fail(f"install your system's venv package first (Debian/Ubuntu: sudo apt install "
                        f"python{version}-venv), then run this again")
        return fail(f"could not make {VENV}: {said.strip().splitlines()[-1] if said.strip() else made.returncode}")
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", *args]
    return subprocess.run(pip, cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""The README's first command, as written, on this machine's distribution Python (PEP 668): its install part
in a temporary clone, then `loyalty-desk --version` from what it installed."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = Path("/usr/bin/python3")


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## On a fresh machine"):].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_the_fresh_machine_section_gives_exactly_two_one_line_commands():
    commands = readme_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert commands[1] in (ROOT / ".ci" / "run").read_text()         # CI runs the test command as written


@pytest.mark.skipif(not sys.platform.startswith("linux") or not SYSTEM_PYTHON.exists()
                    or not list(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED")),
                    reason="needs a distribution Python with the PEP 668 marker (Debian 12, Ubuntu 23.04+, Fedora)")
def test_the_first_command_installs_on_the_distribution_python_as_written(tmp_path):
    command = readme_commands()[0]
    install, start = command.rsplit(" && ", 1)
    assert start == ".venv/bin/loyalty-desk"                           # the rest starts the window: not here
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    env = {"PATH": f"{SYSTEM_PYTHON.parent}:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    done = subprocess.run(["bash", "-c", install.replace("python3 ", f"{SYSTEM_PYTHON} ", 1)], cwd=clone, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    version = subprocess.run([str(clone / ".venv" / "bin" / "loyalty-desk"), "--version"], capture_output=True,
                             text=True, timeout=120, env=env)
    assert version.returncode == 0 and re.fullmatch(r"loyalty-desk \d+\.\d+\.\d+\n", version.stdout)
    system_site = subprocess.run([str(SYSTEM_PYTHON), "-c", "import importlib.util as u; "
                                  "print(u.find_spec('loyalty_desk') is None)"], capture_output=True, text=True,
                                 env=env, timeout=60, cwd=tmp_path)   # not from a folder that holds the package
    assert system_site.stdout.strip() == "True"                        # the system's packages were left alone


def test_a_missing_venv_package_is_said_in_one_line(tmp_path):
    """As on Debian or Ubuntu without python3-venv, whose venv module then says so in a paragraph
    (its words, in a stand-in venv module found first on the path)."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    (project / "scripts" / "venv.py").write_text((ROOT / "scripts" / "venv.py").read_text())
    fake = tmp_path / "fake" / "venv"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "__main__.py").write_text(
        "import sys\n"
        "print('The virtual environment was not created successfully because ensurepip is not\\n'\n"
        "      'available.  On Debian/Ubuntu systems, you need to install the python3-venv\\n'\n"
        "      'package using the following command.\\n\\n    apt install python3.11-venv\\n')\n"
        "sys.exit(1)\n")
    done = subprocess.run([sys.executable, "scripts/venv.py", "."], cwd=project, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(fake.parent)}, timeout=300)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.strip().splitlines() == [
        f"loyalty-desk: install your system's venv package first (Debian/Ubuntu: sudo apt install "
        f"python{version}-venv), then run this again"]
    assert not (project / ".venv").exists()

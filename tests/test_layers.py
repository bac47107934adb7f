"""The layers point one way: views -> services -> models (ARCHITECTURE.md, "Layers").

Every module's imports are read with `ast`, never by importing it, so a module
that would fail to import is still checked. Every import counts: at module
level, inside functions, under `if TYPE_CHECKING:`, relative ones (resolved to
absolute names), and `importlib.import_module("...")` / `__import__("...")`
calls with a literal name.
"""
from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "loyalty_desk"
SOURCE_ROOT = Path(__file__).resolve().parents[1]      # the checkout, not an installed copy

# Qt and the Qt-bound libraries: PySide6/PyQt*, their sip/shiboken glue, pyqtgraph, qtpy, pytest-qt,
# and any module path with a Qt part (e.g. a `qrcode.image.qt` factory).
QT = re.compile(r"^(pyside\d*|pyqt\d*|pyqtgraph|qtpy|shiboken\d*|sip|pytestqt|qt\w*)$", re.IGNORECASE)
DATABASE = ("sqlalchemy", "alembic", "psycopg", "psycopg2", "sqlite3", f"{PACKAGE}.models", f"{PACKAGE}.db")


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    name: str          # absolute dotted name; `from a import b` yields both "a" and "a.b"

    def where(self, root: Path) -> str:
        return f"{self.path.relative_to(root).as_posix()}:{self.line}"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(package: str, level: int, module: str | None) -> str | None:
    if level == 0:
        return module
    base = package.split(".")
    if level - 1 > len(base) - 1:
        return None     # beyond the top-level package: Python refuses it too
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def imports_of(path: Path, root: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(path, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(package, node.level, node.module)
            if module is None:
                continue
            yield Import(path, node.lineno, module)
            for alias in node.names:
                if alias.name != "*":
                    yield Import(path, node.lineno, f"{module}.{alias.name}")
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called in ("import_module", "__import__"):
                target = node.args[0].value
                level = len(target) - len(target.lstrip("."))
                resolved = _resolve(package, level, target.lstrip(".") or None) if level else target
                if resolved:
                    yield Import(path, node.lineno, resolved)


def is_qt(name: str) -> bool:
    return any(QT.match(part) for part in name.split("."))


def is_under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def layer_files(root: Path, *parts: str) -> list[Path]:
    target = root.joinpath(PACKAGE, *parts)
    if target.suffix == ".py":
        return [target] if target.is_file() else []
    return sorted(target.rglob("*.py")) if target.is_dir() else []


@dataclass(frozen=True)
class Rule:
    name: str
    layers: tuple[tuple[str, ...], ...]      # paths under the package
    forbidden: str                           # what the rule forbids, for the failure message
    test: object                             # callable(name) -> bool

    def offences(self, root: Path) -> tuple[int, list[str]]:
        files = [f for layer in self.layers for f in layer_files(root, *layer)]
        found = sorted({imp for f in files for imp in imports_of(f, root) if self.test(imp.name)},  # type: ignore
                       key=lambda imp: (imp.path, imp.line, imp.name))
        return len(files), [f"{imp.where(root)}: imports {imp.name}" for imp in found]


RULES = [
    Rule("the engine never imports Qt",
         (("services",), ("models",), ("db",), ("errors.py",)), "Qt (PySide6, PyQt, pyqtgraph, ...)", is_qt),
    Rule("the engine never imports the views",
         (("services",), ("models",), ("db",), ("errors.py",)), f"{PACKAGE}.views",
         lambda n: is_under(n, (f"{PACKAGE}.views",))),
    Rule("views never touch the database",
         (("views",),), "sqlalchemy, alembic, database drivers, loyalty_desk.models or loyalty_desk.db",
         lambda n: is_under(n, DATABASE)),
    Rule("the domain is pure Python",
         (("domain",),), "Qt, sqlalchemy, a database driver, or any other part of the package",
         lambda n: is_qt(n) or is_under(n, DATABASE) or (is_under(n, (PACKAGE,)) and not is_under(n, (f"{PACKAGE}.domain",)))),
    Rule("models never import services",
         (("models",),), f"{PACKAGE}.services", lambda n: is_under(n, (f"{PACKAGE}.services",))),
]


# --- the demo shop generator is an adapter: it calls the engine, the engine never calls it ----

ENGINE = (("services",), ("models",), ("db",), ("domain",), ("errors.py",))
ADAPTER_RULES = [
    Rule("the engine never imports the demo", ENGINE, f"{PACKAGE}.demo",
         lambda n: is_under(n, (f"{PACKAGE}.demo",))),
    Rule("the demo never imports Qt or the views", (("demo",),), f"Qt or {PACKAGE}.views",
         lambda n: is_qt(n) or is_under(n, (f"{PACKAGE}.views",))),
    # One adapter never imports another: app.py hands the demo builder to the window.
    Rule("the views never import the demo", (("views",),), f"{PACKAGE}.demo",
         lambda n: is_under(n, (f"{PACKAGE}.demo",))),
    # dataio (import, export, backup) calls the facade; the engine and the views never call it.
    Rule("the engine and the views never import dataio", ENGINE + (("views",),), f"{PACKAGE}.dataio",
         lambda n: is_under(n, (f"{PACKAGE}.dataio",))),
    # The HTTP API calls the facade (services), the domain and the errors; nothing imports it but app.py.
    Rule("the engine, the views and dataio never import the api", ENGINE + (("views",), ("dataio",), ("demo",)),
         f"{PACKAGE}.api", lambda n: is_under(n, (f"{PACKAGE}.api",))),
    Rule("the api imports only the services, the domain and the errors", (("api",),),
         f"Qt, the database, {PACKAGE}.views, .dataio, .messaging, .demo, or .models/.db directly",
         lambda n: is_qt(n) or is_under(n, DATABASE) or (is_under(n, (PACKAGE,)) and not is_under(
             n, tuple(f"{PACKAGE}.{p}" for p in ("api", "services", "domain", "errors"))))),
    # The outbox's sender calls the facade; app.py hands it to whatever runs it (the CLI, a desktop worker).
    Rule("the engine, the views, the api and dataio never import messaging",
         ENGINE + (("views",), ("api",), ("dataio",), ("demo",)), f"{PACKAGE}.messaging",
         lambda n: is_under(n, (f"{PACKAGE}.messaging",))),
    Rule("messaging imports only the services, the domain and the errors", (("messaging",),),
         f"Qt, the database, {PACKAGE}.views, .api, .dataio, .demo, or .models/.db directly",
         lambda n: is_qt(n) or is_under(n, DATABASE) or (is_under(n, (PACKAGE,)) and not is_under(
             n, tuple(f"{PACKAGE}.{p}" for p in ("messaging", "services", "domain", "errors"))))),
    Rule("dataio never imports Qt or another adapter", (("dataio",),),
         f"Qt, {PACKAGE}.views, .api, .messaging or .demo",
         lambda n: is_qt(n) or is_under(n, tuple(f"{PACKAGE}.{a}" for a in ("views", "api", "messaging", "demo")))),
]


@pytest.mark.parametrize("rule", RULES + ADAPTER_RULES, ids=[r.name for r in RULES + ADAPTER_RULES])
def test_layers_point_one_way(rule: Rule) -> None:
    scanned, offences = rule.offences(SOURCE_ROOT)
    assert scanned > 0, f"{rule.name}: no files found under {', '.join('/'.join(layer) for layer in rule.layers)}"
    assert not offences, (f"{rule.name}, but {len(offences)} import(s) of {rule.forbidden} found:\n  "
                          + "\n  ".join(offences))


def test_every_layer_has_files_to_scan() -> None:
    counts = {layer: len(layer_files(SOURCE_ROOT, layer)) for layer in ("services", "models", "db", "views")}
    assert all(counts.values()), f"a layer has no Python files, so its rules would pass vacuously: {counts}"
    assert counts["services"] >= 5 and counts["models"] >= 3, counts


def import_graph(root: Path, *parts: str) -> dict[str, set[str]]:
    """Which modules under `parts` import which others there: every import counts, deferred ones and
    those under TYPE_CHECKING too. The layer's own `__init__` is left out: importing any module
    runs it first, so it would join everything into one knot without saying anything (a
    sub-package's `__init__` stays: what it re-exports is an arrow like any other)."""
    top = root.joinpath(PACKAGE, *parts, "__init__.py")
    files = [f for f in layer_files(root, *parts) if f != top]
    modules = {module_name(f, root): f for f in files}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for imp in imports_of(path, root):
            target = imp.name
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as [a, b, ..., a], or None when the graph has none."""
    state: dict[str, int] = {}          # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)) is not None:
            return cycle
    return None


def test_the_engine_has_no_import_cycle() -> None:
    """docs/ARCHITECTURE.md, "The engine's modules": each module builds only on those below it."""
    graph = import_graph(SOURCE_ROOT, "services")
    assert len(graph) >= 5, graph
    cycle = find_cycle(graph)
    assert cycle is None, "the services import each other in a circle: " + " -> ".join(
        name.removeprefix(f"{PACKAGE}.services.") for name in cycle or [])


# --- the scanner itself finds what it must ----------------------------------------------


def _write(root: Path, relative: str, source: str) -> None:
    path = root / PACKAGE / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")


def test_the_scanner_catches_every_kind_of_forbidden_import(tmp_path: Path) -> None:
    for package in ("", "services/", "models/", "db/", "views/", "domain/"):
        _write(tmp_path, package + "__init__.py", "")
    _write(tmp_path, "domain/bad.py", """\
        from enum import StrEnum
        from sqlalchemy import Integer
        from ..services import LoyaltyService
        from . import vocabulary
        """)
    _write(tmp_path, "services/bad.py", """\
        from __future__ import annotations
        import importlib
        from typing import TYPE_CHECKING
        from ..errors import LoyaltyError
        from PySide6.QtCore import QObject
        if TYPE_CHECKING:
            import pyqtgraph as pg
        def later():
            from ..views import main_window
            return importlib.import_module("PyQt6.QtWidgets")
        """)
    _write(tmp_path, "errors.py", "from qrcode.image.qt import QtImage\n")
    _write(tmp_path, "views/bad.py", """\
        import sqlalchemy as sa
        from .. import models
        from ..services import LoyaltyService
        def fetch():
            from sqlalchemy.orm import Session
            from loyalty_desk.db.engine import open_database
            return __import__("sqlite3")
        """)
    _write(tmp_path, "models/bad.py", """\
        from sqlalchemy import Integer
        from ..services.validation import as_id
        from .. import services
        """)
    results = {rule.name: rule.offences(tmp_path) for rule in RULES}
    assert results == {
        "the engine never imports Qt": (6, [
            "loyalty_desk/errors.py:1: imports qrcode.image.qt",
            "loyalty_desk/errors.py:1: imports qrcode.image.qt.QtImage",
            "loyalty_desk/services/bad.py:5: imports PySide6.QtCore",
            "loyalty_desk/services/bad.py:5: imports PySide6.QtCore.QObject",
            "loyalty_desk/services/bad.py:7: imports pyqtgraph",
            "loyalty_desk/services/bad.py:10: imports PyQt6.QtWidgets",
        ]),
        "the engine never imports the views": (6, [
            "loyalty_desk/services/bad.py:9: imports loyalty_desk.views",
            "loyalty_desk/services/bad.py:9: imports loyalty_desk.views.main_window",
        ]),
        "views never touch the database": (2, [
            "loyalty_desk/views/bad.py:1: imports sqlalchemy",
            "loyalty_desk/views/bad.py:2: imports loyalty_desk.models",
            "loyalty_desk/views/bad.py:5: imports sqlalchemy.orm",
            "loyalty_desk/views/bad.py:5: imports sqlalchemy.orm.Session",
            "loyalty_desk/views/bad.py:6: imports loyalty_desk.db.engine",
            "loyalty_desk/views/bad.py:6: imports loyalty_desk.db.engine.open_database",
            "loyalty_desk/views/bad.py:7: imports sqlite3",
        ]),
        "the domain is pure Python": (2, [
            "loyalty_desk/domain/bad.py:2: imports sqlalchemy",
            "loyalty_desk/domain/bad.py:2: imports sqlalchemy.Integer",
            "loyalty_desk/domain/bad.py:3: imports loyalty_desk.services",
            "loyalty_desk/domain/bad.py:3: imports loyalty_desk.services.LoyaltyService",
        ]),
        "models never import services": (2, [
            "loyalty_desk/models/bad.py:2: imports loyalty_desk.services.validation",
            "loyalty_desk/models/bad.py:2: imports loyalty_desk.services.validation.as_id",
            "loyalty_desk/models/bad.py:3: imports loyalty_desk.services",
        ]),
    }


def test_the_scanner_leaves_allowed_imports_alone(tmp_path: Path) -> None:
    for package in ("", "services/", "models/", "views/"):
        _write(tmp_path, package + "__init__.py", "")
    _write(tmp_path, "services/ok.py", "import qrcode\nfrom sqlalchemy import select\nfrom ..models import Member\n")
    _write(tmp_path, "models/ok.py", "from sqlalchemy.orm import Mapped\nfrom .base import Base\nimport quopri\n")
    _write(tmp_path, "views/ok.py", "from PySide6.QtWidgets import QWidget\nfrom ..services import LoyaltyService\n"
                                    "from ..errors import LoyaltyError\n")
    for rule in RULES:
        scanned, offences = rule.offences(tmp_path)
        assert offences == [], (rule.name, offences)


def test_the_scanner_catches_the_demo_out_of_place(tmp_path: Path) -> None:
    sources = {"services/bad.py": "def later():\n    from ..demo import build_demo\n",
               "domain/bad.py": "import loyalty_desk.demo.life\n",
               "demo/bad.py": "from ..services import LoyaltyService\nfrom ..views.widgets import workers\n"
                              "from PySide6.QtCore import QObject\n",
               "views/bad.py": "def build():\n    from ..demo import build_demo\n"}
    for relative, source in {"__init__.py": "", **sources}.items():
        _write(tmp_path, relative, source)
    assert {rule.name: rule.offences(tmp_path) for rule in ADAPTER_RULES if "demo" in rule.name} == {
        "the engine never imports the demo": (2, [
            "loyalty_desk/domain/bad.py:1: imports loyalty_desk.demo.life",
            "loyalty_desk/services/bad.py:2: imports loyalty_desk.demo",
            "loyalty_desk/services/bad.py:2: imports loyalty_desk.demo.build_demo",
        ]),
        "the demo never imports Qt or the views": (1, [
            "loyalty_desk/demo/bad.py:2: imports loyalty_desk.views.widgets",
            "loyalty_desk/demo/bad.py:2: imports loyalty_desk.views.widgets.workers",
            "loyalty_desk/demo/bad.py:3: imports PySide6.QtCore",
            "loyalty_desk/demo/bad.py:3: imports PySide6.QtCore.QObject",
        ]),
        "the views never import the demo": (1, [
            "loyalty_desk/views/bad.py:2: imports loyalty_desk.demo",
            "loyalty_desk/views/bad.py:2: imports loyalty_desk.demo.build_demo",
        ]),
    }


def test_the_scanner_catches_dataio_out_of_place(tmp_path: Path) -> None:
    sources = {"services/bad.py": "def later():\n    from ..dataio import member_import\n",
               "views/bad.py": "import loyalty_desk.dataio.member_import\n",
               "dataio/bad.py": "from ..services import LoyaltyService\nfrom ..demo import build_demo\n"
                                "from PySide6.QtCore import QObject\nfrom ..api import routes\n"}
    for relative, source in {"__init__.py": "", **sources}.items():
        _write(tmp_path, relative, source)
    rules = {rule.name: rule for rule in ADAPTER_RULES}
    assert rules["the engine and the views never import dataio"].offences(tmp_path) == (2, [
        "loyalty_desk/services/bad.py:2: imports loyalty_desk.dataio",
        "loyalty_desk/services/bad.py:2: imports loyalty_desk.dataio.member_import",
        "loyalty_desk/views/bad.py:1: imports loyalty_desk.dataio.member_import",
    ])
    assert rules["dataio never imports Qt or another adapter"].offences(tmp_path) == (1, [
        "loyalty_desk/dataio/bad.py:2: imports loyalty_desk.demo",
        "loyalty_desk/dataio/bad.py:2: imports loyalty_desk.demo.build_demo",
        "loyalty_desk/dataio/bad.py:3: imports PySide6.QtCore",
        "loyalty_desk/dataio/bad.py:3: imports PySide6.QtCore.QObject",
        "loyalty_desk/dataio/bad.py:4: imports loyalty_desk.api",
        "loyalty_desk/dataio/bad.py:4: imports loyalty_desk.api.routes",
    ])


def test_the_cycle_finder_sees_deferred_and_type_checking_imports(tmp_path: Path) -> None:
    for package in ("", "services/"):
        _write(tmp_path, package + "__init__.py", "from .a import f\n")
    _write(tmp_path, "services/a.py", "from . import b\ndef f():\n    return b\n")
    _write(tmp_path, "services/b.py", """\
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from .c import C
        """)
    _write(tmp_path, "services/c.py", "def g():\n    from .a import f  # deferred: still an arrow\n    return f\n")
    _write(tmp_path, "services/d.py", "from .a import f\nfrom loyalty_desk.services import c\n")
    _write(tmp_path, "services/reads/__init__.py", "from .e import g\n")
    _write(tmp_path, "services/reads/e.py", "from ..d import f\n")
    graph = import_graph(tmp_path, "services")
    assert graph == {
        "loyalty_desk.services.a": {"loyalty_desk.services.b"},
        "loyalty_desk.services.b": {"loyalty_desk.services.c"},
        "loyalty_desk.services.c": {"loyalty_desk.services.a"},
        "loyalty_desk.services.d": {"loyalty_desk.services.a", "loyalty_desk.services.c"},
        "loyalty_desk.services.reads": {"loyalty_desk.services.reads.e"},
        "loyalty_desk.services.reads.e": {"loyalty_desk.services.d"},
    }
    assert find_cycle(graph) == ["loyalty_desk.services.a", "loyalty_desk.services.b", "loyalty_desk.services.c",
                                 "loyalty_desk.services.a"]
    graph["loyalty_desk.services.c"].clear()
    assert find_cycle(graph) is None


def test_the_scanner_catches_the_api_out_of_place(tmp_path: Path) -> None:
    sources = {"api/bad.py": "from ..services import LoyaltyService\nfrom ..domain.permissions import Permission\n"
                             "from ..errors import NotFound\nfrom ..views import shell\nfrom ..dataio import export\n"
                             "from sqlalchemy import select\nfrom ..models import Member\n",
               "views/bad.py": "def later():\n    from ..api import create_app\n"}
    for relative, source in {"__init__.py": "", **sources}.items():
        _write(tmp_path, relative, source)
    rules = {rule.name: rule for rule in ADAPTER_RULES}
    assert rules["the api imports only the services, the domain and the errors"].offences(tmp_path) == (1, [
        "loyalty_desk/api/bad.py:4: imports loyalty_desk.views",
        "loyalty_desk/api/bad.py:4: imports loyalty_desk.views.shell",
        "loyalty_desk/api/bad.py:5: imports loyalty_desk.dataio",
        "loyalty_desk/api/bad.py:5: imports loyalty_desk.dataio.export",
        "loyalty_desk/api/bad.py:6: imports sqlalchemy",
        "loyalty_desk/api/bad.py:6: imports sqlalchemy.select",
        "loyalty_desk/api/bad.py:7: imports loyalty_desk.models",
        "loyalty_desk/api/bad.py:7: imports loyalty_desk.models.Member",
    ])
    assert rules["the engine, the views and dataio never import the api"].offences(tmp_path) == (1, [
        "loyalty_desk/views/bad.py:2: imports loyalty_desk.api",
        "loyalty_desk/views/bad.py:2: imports loyalty_desk.api.create_app",
    ])

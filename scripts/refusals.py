"""Collect the refusals the layers below the views write, for their translation on screen.

    python scripts/refusals.py            # writes loyalty_desk/views/refusal_catalog.py
    python scripts/refusals.py --check    # fails when that file is not what the sources give

The services, the database layer, the domain and the file import write their refusals
(`LoyaltyError` and its subclasses, `MemberFileError`, the counter's `ScanResult.message`, and
why a reward cannot be redeemed now) in English, and the HTTP API and the logs keep them so. The
desktop shows them in its own language: this script walks the AST of loyalty_desk (not the
views) and takes every message given to such an error (the first argument or `message=`), a
literal or an f-string, as a template: each f-string value becomes a `{placeholder}` named after
its expression (`{balance}` for `{member.balance:,}`), and a value `{'s' if n > 1 else ''}` gives
one template per branch. A message held in a variable is followed to what it was assigned (in
the same function, a module constant, or what a function of that name returns). What cannot be
followed (a message passed on from another error: `str(exc)`) is listed at the end of the
generated module. The fields the checkers name (`as_int(value, "points")`: "points"), the
statuses and the verbs are collected as words, translated where a refusal carries one as a value.
Then run scripts/translations.py: `pyside6-lupdate` collects the templates, marked `tr("…")`, like
every other string of the views.
"""
from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "loyalty_desk"
CATALOG = PACKAGE / "views" / "refusal_catalog.py"
# Errors that are not LoyaltyErrors but whose words reach the screen (the import wizard shows them).
ALSO = {"LoyaltyError", "MemberFileError"}
# Results that carry a message for the screen in `message=` (the counter's scan of an unknown code).
MESSAGES = {"ScanResult"}
# The file import's row refusals: a cell's value, then why a ValueError of the parser refused it
# ("'12x' must be a whole number of points, like 1200"), or a problem appended as (column, words);
# the import service's own are `row.refuse(field, words)`.
ROW_PARSER = "loyalty_desk/domain/member_file.py"
# Functions whose words reach the screen as they return them (why a reward cannot be redeemed now).
SAID = {"ineligibility"}
# Calls that only wrap a value: the placeholder is named after what they wrap.
WRAPPERS = {"str", "repr", "len", "int", "abs", "sorted", "list", "tuple", "round", "float", "Decimal"}
MAX_DEPTH = 4


def modules() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "views" in relative.parts:
            continue
        found.append((relative.as_posix(), ast.parse(path.read_text(encoding="utf-8"))))
    return found


def error_classes(trees: list[tuple[str, ast.Module]]) -> set[str]:
    """LoyaltyError and every class that inherits from one (to a fixpoint), with ALSO."""
    names = set(ALSO)
    classes = [node for _, tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    while True:
        more = {c.name for c in classes if c.name not in names
                and any(isinstance(b, ast.Name) and b.id in names or isinstance(b, ast.Attribute) and b.attr in names
                        for b in c.bases)}
        if not more:
            return names
        names |= more


def called_name(call: ast.Call) -> str:
    function = call.func
    return function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")


def _name_of(node: ast.expr) -> str:
    """A placeholder name for an f-string value: its variable, attribute or function's name."""
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    elif isinstance(node, ast.Subscript):
        return _name_of(node.value)
    elif isinstance(node, ast.Call):
        function = node.func
        called = called_name(node)
        if isinstance(function, ast.Attribute) and called in {"join", "replace", "strip", "lower", "upper", "title",
                                                              "isoformat", "strftime", "get"}:
            inner = function.value if called != "join" or not node.args else node.args[0]
            if called == "join" and isinstance(inner, ast.GeneratorExp | ast.ListComp):
                inner = inner.elt
            return _name_of(inner)
        if called in WRAPPERS and node.args:
            return _name_of(node.args[0])
        name = called or "value"
    else:
        name = "value"
    name = re.sub(r"\W", "", name).strip("_").lower()
    return name or "value"


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def templates_of(node: ast.expr) -> list[str] | None:
    """The templates a literal or f-string gives (None when it is neither)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [_escape(node.value)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"strip", "rstrip"}:
        return templates_of(node.func.value)
    if not isinstance(node, ast.JoinedStr):
        return None
    variants: list[tuple[str, list[str]]] = [("", [])]
    for part in node.values:
        if isinstance(part, ast.Constant):
            variants = [(text + _escape(str(part.value)), used) for text, used in variants]
            continue
        assert isinstance(part, ast.FormattedValue)
        value = part.value
        if (isinstance(value, ast.IfExp) and part.format_spec is None
                and all(isinstance(b, ast.Constant) and isinstance(b.value, str) for b in (value.body, value.orelse))):
            branches = [_escape(b.value) for b in (value.body, value.orelse)]  # type: ignore[attr-defined]
            variants = [(text + branch, used) for text, used in variants for branch in branches]
            continue
        base = _name_of(value)
        grown = []
        for text, used in variants:
            name, n = base, 2
            while name in used:
                name, n = f"{base}{n}", n + 1
            grown.append((text + "{" + name + "}", [*used, name]))
        variants = grown
    return [text for text, _ in variants]


class Collector:
    def __init__(self, trees: list[tuple[str, ast.Module]]) -> None:
        self.trees = trees
        self.errors = error_classes(trees)
        self.constants: dict[str, list[ast.expr]] = {}
        self.functions: dict[str, list[ast.FunctionDef]] = {}
        for _, tree in trees:
            for node in tree.body:
                if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                        if isinstance(target, ast.Name):
                            self.constants.setdefault(target.id, []).append(node.value)
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef):
                    self.functions.setdefault(node.name, []).append(node)
        self.templates: set[str] = set()
        self.passed_on: set[str] = set()
        self.words: set[str] = set()

    def run(self) -> None:
        for name in SAID:
            for defined in self.functions.get(name, []):
                for returned in ast.walk(defined):
                    if isinstance(returned, ast.Return) and returned.value is not None:
                        self._follow(returned.value, defined, name, 0)
        for path, tree in self.trees:
            self._visit(path, tree, None)
            if path == "loyalty_desk/errors.py":
                self._defaults(tree)
            if path == "loyalty_desk/domain/vocabulary.py":
                self._statuses(tree)

    def _statuses(self, tree: ast.Module) -> None:
        """The statuses refusals name ("Ada's membership is suspended", "A shipped redemption …")."""
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name.endswith("Status"):
                for item in node.body:
                    if isinstance(item, ast.Assign) and isinstance(item.value, ast.Constant) \
                            and isinstance(item.value.value, str):
                        self.words.add(item.value.value)

    def _defaults(self, tree: ast.Module) -> None:
        """The messages errors.py gives when none is passed (`DatabaseBusy()`)."""
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "__init__":
                for default in node.args.defaults:
                    self.templates.update(templates_of(default) or [])
        for defined in self.functions.get("require_can_earn", []):
            for default in defined.args.defaults:      # its verb: "earn points"
                if isinstance(default, ast.Constant) and isinstance(default.value, str):
                    self.words.add(default.value)

    def _visit(self, path: str, node: ast.AST, function: ast.FunctionDef | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef) else function
            if isinstance(child, ast.Call):
                self._field_words(child)
            if isinstance(child, ast.Call) and path == ROW_PARSER:
                self._row_refusal(child)
            if isinstance(child, ast.Call) and called_name(child) == "refuse" and len(child.args) == 2:
                self._follow(child.args[1], function, f"{path}: refuse", 0)   # the import's row.refuse(field, words)
            if isinstance(child, ast.Call) and called_name(child) in self.errors | MESSAGES:
                message = child.args[0] if child.args and called_name(child) not in MESSAGES else next(
                    (k.value for k in child.keywords if k.arg == "message"), None)
                if message is not None:
                    where = f"{path}: {function.name if function else '(module)'}"
                    self._follow(message, function, where, 0)
            self._visit(path, child, inner)

    def _row_refusal(self, call: ast.Call) -> None:
        if called_name(call) == "ValueError" and call.args:
            self.templates.update("{value} " + t for t in templates_of(call.args[0]) or [])
        elif called_name(call) == "append" and call.args and isinstance(call.args[0], ast.Tuple) \
                and len(call.args[0].elts) == 2:
            self.templates.update(templates_of(call.args[0].elts[1]) or [])

    def _field_words(self, call: ast.Call) -> None:
        """The field a checker is given ("points" of `as_int(value, "points")`), or any call's `field=`:
        refusals name it ("The points must be a whole number")."""
        checker = called_name(call).startswith(("as_", "check_", "_check"))
        verb = call.args[2:3] if called_name(call) == "require_can_earn" else []   # "use points"
        for given in [*(call.args[1:2] if checker else []), *verb,
                      *(k.value for k in call.keywords if k.arg in {"field", "what", "label", "verb"})]:
            if isinstance(given, ast.Constant) and isinstance(given.value, str):
                self.words.add(given.value.replace("_", " "))

    def _follow(self, node: ast.expr, function: ast.FunctionDef | None, where: str, depth: int,
                pick: int | None = None) -> None:
        """Collect the templates `node` can be; `pick`: the item of a tuple it is (`sentence, field = …`)."""
        found = templates_of(node) if pick is None else None
        if found is not None:
            self.templates.update(found)
            return
        if isinstance(node, ast.Constant) and (node.value is None or pick is not None):
            return                          # `return None`: no refusal
        if isinstance(node, ast.Call) and called_name(node) in self.errors:
            return                          # a function that returns an error: collected where it is built
        if depth >= MAX_DEPTH:
            self.passed_on.add(f"{where}: {ast.unparse(node)}")
            return
        if isinstance(node, ast.IfExp):
            for branch in (node.body, node.orelse):
                self._follow(branch, function, where, depth + 1, pick)
        elif isinstance(node, ast.Tuple) and pick is not None:
            if pick < len(node.elts):
                self._follow(node.elts[pick], function, where, depth + 1)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and pick is None:
            self._follow(node.value, function, where, depth + 1, node.slice.value)
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            values = list(self._assigned(function, name)) if isinstance(node, ast.Name) else []
            values = values or [(value, None) for value in self.constants.get(name, [])]
            if not values:
                self.passed_on.add(f"{where}: {ast.unparse(node)}")  # exc.message: words collected where raised
            for value, index in values:
                self._follow(value, function, where, depth + 1, index if index is not None else pick)
        elif isinstance(node, ast.Call) and called_name(node) in self.functions and called_name(node) not in WRAPPERS:
            for defined in self.functions[called_name(node)]:
                for returned in ast.walk(defined):
                    if isinstance(returned, ast.Return) and returned.value is not None:
                        self._follow(returned.value, defined, where, depth + 1, pick)
        else:
            self.passed_on.add(f"{where}: {ast.unparse(node)}")  # str(exc): words collected where raised

    @staticmethod
    def _assigned(function: ast.FunctionDef | None, name: str) -> Iterator[tuple[ast.expr, int | None]]:
        """What `name` is assigned in `function`, with the item it takes when unpacked from a tuple."""
        if function is None:
            return
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id == name:
                        yield node.value, None
                    elif isinstance(target, ast.Tuple):
                        for index, item in enumerate(target.elts):
                            if isinstance(item, ast.Name) and item.id == name:
                                yield node.value, index
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name \
                    and node.value is not None:
                yield node.value, None


def useful(template: str) -> bool:
    """A template with words of its own (one that is only placeholders and marks says nothing)."""
    literal = re.sub(r"\{\w*\}", "", template.replace("{{", "").replace("}}", ""))
    return bool(re.search(r"[A-Za-z]{2}", literal))


def render(collector: Collector) -> str:
    templates = sorted(t for t in collector.templates if useful(t))
    lines = [
        "# ruff: noqa: E501",
        '"""The refusals of the layers below the views, as templates to translate. GENERATED by',
        "scripts/refusals.py from the sources: do not edit (run it again after a refusal changed, then",
        "scripts/translations.py). `views/refusals.py` matches a refusal's English against these and",
        'shows its translation with the values put back."""',
        "from __future__ import annotations",
        "",
        "",
        "def tr(text: str) -> str:",
        '    """The marker pyside6-lupdate collects; the translation happens when a refusal is shown."""',
        "    return text",
        "",
        "",
        "TEMPLATES: tuple[str, ...] = (",
        *(f"    tr({t!r})," for t in templates),
        ")",
        "",
        "# The fields the checkers name in their refusals (\"The {label} must be a number\"), translated",
        "# where a refusal carries one of them as a value.",
        "WORDS: tuple[str, ...] = (",
        *(f"    tr({w!r})," for w in sorted(collector.words)),
        ")",
        "",
        "# Where a message is passed on from another error (`str(exc)`), or built in a way the script",
        "# does not follow: its words are those of the error it passes on (collected where raised).",
        "PASSED_ON: tuple[str, ...] = (",
        *(f"    {w!r}," for w in sorted(collector.passed_on)),
        ")",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    collector = Collector(modules())
    collector.run()
    text = render(collector)
    if "--check" in argv:
        if CATALOG.read_text(encoding="utf-8") != text:
            print(f"{CATALOG.relative_to(ROOT)} is out of date: run python scripts/refusals.py")
            return 1
        return 0
    CATALOG.write_text(text, encoding="utf-8")
    print(f"{CATALOG.relative_to(ROOT)}: {len(collector.templates)} templates, {len(collector.words)} words,",
          f"{len(collector.passed_on)} passed on")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

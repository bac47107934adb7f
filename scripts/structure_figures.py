"""Structure figures for loyalty_desk/: files over 400/500 lines, functions over 60 lines.

Issue 10 asks for these before/after figures; `python3 scripts/structure_figures.py [folder]`.
"""
import ast
import sys
from pathlib import Path
root = Path(sys.argv[1] if len(sys.argv) > 1 else "loyalty_desk")
files = sorted(root.rglob("*.py"))
big400 = [(p, n) for p in files if (n := len(p.read_text().splitlines())) > 400]
long_fns = []
for p in files:
    for node in ast.walk(ast.parse(p.read_text())):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            n = node.end_lineno - node.lineno + 1
            if n > 60:
                long_fns.append((p, node.name, n))
print(f"files over 400 lines: {len(big400)}; over 500: {sum(1 for _, n in big400 if n > 500)}")
for p, n in big400: print(f"  {p} {n}")
print(f"functions over 60 lines: {len(long_fns)}")
for p, f, n in long_fns: print(f"  {p}:{f} {n}")

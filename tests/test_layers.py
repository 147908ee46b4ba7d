"""peaceplan's modules form layers: each imports only from its own layer or below, and no
import, direct or through others, leads back to the module itself (docs/architecture.md).

Every import of a peaceplan module counts, wherever it is written: at module level, inside a
function (the lazy imports that keep start-up fast) or under `if TYPE_CHECKING:`. The one
exception are the conversion hooks of data classes (HOOKS: `_repr_html_`, `__str__`,
`to_frame`...), which exist for notebooks and the public API: a hook may import upward, but only
inside its own body, and it must be thin (an import and a `return`, nothing else), so that the
conversion itself lives in the layer that owns it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import peaceplan

ROOT = Path(peaceplan.__file__).parent

# The layer of each package or module (the longest matching name wins); see docs/architecture.md.
LAYERS: dict[str, int] = {
    # 0 ground: text, errors and small helpers that know nothing of plans
    "peaceplan.text": 0,
    "peaceplan.errors": 0,
    "peaceplan.kinds": 0,
    "peaceplan.unsafe": 0,
    "peaceplan.seq": 0,
    "peaceplan.heap": 0,
    "peaceplan.background": 0,
    "peaceplan.speedups": 0,
    # 1 data: the frozen classes
    "peaceplan.model": 1,
    "peaceplan.notes.model": 1,
    # 2 io: files, folders, git, lineage
    "peaceplan.io": 2,
    "peaceplan.library": 2,
    "peaceplan.history": 2,
    "peaceplan.lineage": 2,
    "peaceplan.notes.store": 2,
    "peaceplan.notes.check": 2,
    "peaceplan.notes.keys": 2,
    "peaceplan.samples": 2,
    # 3 aligning: which point became which
    "peaceplan.aligning": 3,
    # 4 operations on plans
    "peaceplan.diffing": 4,
    "peaceplan.merging": 4,
    "peaceplan.notes": 4,
    "peaceplan.tracing": 4,
    "peaceplan.importing": 4,
    "peaceplan.timeline": 4,
    "peaceplan.negotiation": 4,
    # 5 presentation
    "peaceplan.render": 5,
    "peaceplan.reviewing": 5,
    "peaceplan.notes.render": 5,
    # 6 entry points: the Python API facade, the git drivers, the command line
    "peaceplan.api": 6,
    "peaceplan.gitdrivers": 6,
    "peaceplan.site": 6,
    "peaceplan.cli": 6,
    "peaceplan.__main__": 6,
    "peaceplan": 6,
}

# Methods of data classes that may import from a higher layer, inside their body only.
HOOKS = frozenset(
    {
        "_repr_html_",
        "_repr_markdown_",
        "_repr_svg_",
        "__str__",
        "__repr__",
        "to_json_dict",
        "to_records",
        "to_frame",
        "to_text",
        "to_markdown",
        "plot",
    }
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _module_of(name: str) -> str | None:
    """The peaceplan module an imported name belongs to (`peaceplan.x.func` -> `peaceplan.x`)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imported(node: ast.AST, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parts = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parts, *([node.module] if node.module else [])])
        return [base, *(f"{base}.{a.name}" for a in node.names)]
    return []


def _imports(module: str) -> tuple[set[str], list[ast.FunctionDef]]:
    """The peaceplan modules `module` imports (outside hooks), and its hooks that import."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    hooks: list[ast.FunctionDef] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            # a hook is a method of a class: a module-level `to_records` gets no exemption
            method = isinstance(node, ast.ClassDef) and isinstance(child, ast.FunctionDef)
            if method and isinstance(child, ast.FunctionDef) and child.name in HOOKS:
                if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(child)):
                    hooks.append(child)
                continue
            for name in _imported(child, package):
                target = _module_of(name) if name.startswith("peaceplan") else None
                if target and target != module:
                    found.add(target)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found, hooks


GRAPH = {m: _imports(m) for m in MODULES}


def layer(module: str) -> int:
    """The layer of a module: that of the longest name of LAYERS it starts with."""
    for name in sorted(LAYERS, key=len, reverse=True):
        if module == name or module.startswith(name + "."):
            return LAYERS[name]
    raise AssertionError(f"{module} has no layer: add it to LAYERS and docs/architecture.md")


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer(module)


def test_no_module_imports_from_a_higher_layer() -> None:
    upward = [
        f"{m} ({layer(m)}) imports {t} ({layer(t)})"
        for m, (targets, _) in sorted(GRAPH.items())
        for t in sorted(targets)
        if layer(t) > layer(m)
    ]
    assert upward == []


def test_the_imports_have_no_cycles() -> None:
    # Depth-first search; a back edge to a module on the current path closes a cycle.
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def walk(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module][0]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                walk(target, [*path, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            walk(module, [module])
    assert cycles == []


def test_hooks_are_thin() -> None:
    # A hook only delegates: a docstring, the import, and one `return` of a call.
    for module, (_, hooks) in GRAPH.items():
        for hook in hooks:
            body = [
                s
                for s in hook.body
                if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
            ]
            kinds = [type(s).__name__ for s in body]
            assert kinds == ["ImportFrom", "Return"], f"{module}.{hook.name}: {kinds}"


def test_the_check_sees_imports_in_functions_and_type_checking_blocks() -> None:
    # The guard of the guard: lazy and typing-only imports are edges too.
    assert "peaceplan.text" in GRAPH["peaceplan.errors"][0]
    assert "peaceplan.aligning.model" in GRAPH["peaceplan.api"][0]


def test_data_loads_no_presentation() -> None:
    # What a data module pulls in when imported alone: nothing of render/, reviewing/ or the CLI.
    import subprocess
    import sys

    code = (
        "import sys, peaceplan.model, peaceplan.diffing.model, peaceplan.errors, peaceplan.library,"
        " peaceplan.negotiation.matrix, peaceplan.negotiation.flow;"
        "print(sorted(m for m in sys.modules if m.startswith(("
        "'peaceplan.render', 'peaceplan.reviewing', 'peaceplan.cli', 'peaceplan.merging'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

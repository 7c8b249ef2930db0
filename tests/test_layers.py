"""The layers read top to bottom, checked mechanically.

Every module's `briefing` imports are read with `ast` (imports under ``if TYPE_CHECKING:`` are for type checkers
and do not run, so they are left out). The layer a module sits in is given by its import name; a module may
import from its own layer or below, never above; the bottom layer imports nothing of the project; and no chain
of imports comes back to where it started. Separately, fresh interpreters show that ``import briefing`` and the
CLI's parser load none of the heavy or optional parts.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Bottom (0) to top. A name's layer is that of its longest listed prefix.
LAYERS = {
    "briefing.types": 0,
    "briefing.errors": 0,
    "briefing.settings": 0,
    "briefing.protocols": 0,
    "briefing.data": 1,
    "briefing.prompts": 1,
    "briefing.index": 2,
    "briefing.ingest": 3,
    "briefing.answering": 4,
    "briefing.audit": 4,
    "briefing.api": 5,
    "briefing": 5,  # the package itself: its lazy names resolve to the public API
    "briefing.render": 6,
    "briefing.ui": 6,
    "briefing.eval": 6,
    "briefing.commands": 7,
    "briefing.bootstrap": 7,
    "briefing.cli": 8,
}

# Not loaded by `import briefing` nor by building the CLI or printing its help: heavy, optional or a command's own.
HEAVY = ("gradio", "chromadb", "torch", "openai", "sentence_transformers", "onnxruntime", "bm25s", "llama_index",
         "pydantic", "briefing.eval", "briefing.ui", "briefing.ui.chat", "briefing.api")


def package_dirs() -> dict[str, Path]:
    """Import name -> folder, from pyproject.toml's package list and package-dir mapping."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    mapped = config.get("package-dir", {})
    dirs = {}
    for package in config["packages"]:
        parent, _, leaf = package.rpartition(".")
        if package in mapped:
            dirs[package] = REPO / mapped[package]
        elif parent in mapped:
            dirs[package] = REPO / mapped[parent] / leaf
        else:
            dirs[package] = REPO.joinpath(*package.split("."))
    return dirs


def project_modules() -> dict[str, Path]:
    modules = {}
    for package, folder in package_dirs().items():
        for file in folder.glob("*.py"):
            modules[package if file.stem == "__init__" else f"{package}.{file.stem}"] = file
    return modules


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def runtime_imports(module: str, file: Path, known: set[str]) -> set[str]:
    """The project modules ``module`` imports when it runs (at the top or inside functions)."""
    found: set[str] = set()
    is_package = file.stem == "__init__"

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".") if is_package else module.split(".")[:-1]
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(file.read_text(), filename=str(file)))
    return {name for name in found if name in known and name != module}


def layer(name: str) -> int:
    prefix = max((p for p in LAYERS if name == p or name.startswith(p + ".")), key=len)
    return LAYERS[prefix]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: runtime_imports(name, file, set(modules)) for name, file in modules.items()}


def test_every_module_has_a_layer(graph):
    assert "briefing.protocols" in graph and "briefing.ingest.pipeline" in graph and "briefing.ui.chat" in graph
    for name in graph:
        layer(name)  # raises on a module no listed prefix covers


def test_imports_point_down(graph):
    upward = sorted(f"{a} (layer {layer(a)}) imports {b} (layer {layer(b)})"
                    for a, targets in graph.items() for b in targets if layer(b) > layer(a))
    assert not upward, "\n".join(upward)


def test_the_bottom_imports_nothing_of_the_project(graph):
    bottom = {name: sorted(targets) for name, targets in graph.items() if layer(name) == 0 and targets}
    assert not bottom, bottom


def find_cycles(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles = []

    def walk(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph.get(name, ())):
            if state.get(target) == 1:
                cycles.append(" -> ".join(path[path.index(target):] + [target]))
            elif target not in state:
                walk(target, [*path, target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    return cycles


def test_no_import_cycle(graph):
    cycles = find_cycles(graph)
    assert not cycles, "\n".join(cycles)


def test_the_checker_sees_a_violation(tmp_path):
    """The rules are not vacuous: an upward import and a cycle in a scratch module are both reported."""
    file = tmp_path / "types.py"
    file.write_text("from __future__ import annotations\nfrom typing import TYPE_CHECKING\n"
                    "if TYPE_CHECKING:\n    from briefing.api import Briefing\n"
                    "def f():\n    from briefing.ui.chat import serve\n")
    found = runtime_imports("briefing.types", file, {"briefing.api", "briefing.ui.chat"})
    assert found == {"briefing.ui.chat"}
    assert layer("briefing.ui.chat") > layer("briefing.types")
    # A command module importing the CLI back (the CLI imports the commands) is a cycle.
    assert find_cycles({"briefing.cli": {"briefing.commands"}, "briefing.commands": {"briefing.cli", "briefing.api"},
                        "briefing.api": set()}) == ["briefing.cli -> briefing.commands -> briefing.cli"]


def loaded_after(code: str, home: Path) -> list[str]:
    """Which of HEAVY a fresh interpreter has loaded after running ``code`` (outside the repo folder)."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=home,
                          env={"BRIEFING_HOME": str(home), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_import_briefing_is_lazy(tmp_path):
    assert loaded_after("import briefing", tmp_path) == []
    # A public name still resolves, loading only what defines it.
    assert loaded_after("import briefing\nbriefing.Answer; briefing.BriefingError", tmp_path) == []


def test_cli_help_loads_nothing_heavy(tmp_path):
    code = ("import contextlib, io\nfrom briefing.cli import build_parser, main\nbuild_parser()\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "    main(['--help'])\n"
            "for command in ('ask', 'eval', 'serve', 'ingest'):\n"
            "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "        main([command, '--help'])\n")
    assert loaded_after(code, tmp_path) == []


def test_a_command_loads_neither_the_chat_nor_the_eval(tmp_path):
    code = ("import contextlib, io\nfrom briefing.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    assert main(['sources', '--json']) == 0\n")
    loaded = loaded_after(code, tmp_path)
    assert not {"gradio", "briefing.ui.chat", "briefing.eval", "torch", "openai"} & set(loaded), loaded

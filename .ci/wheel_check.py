"""The wheel check: build the wheel, install it into a clean venv, and use it from a folder outside the repo.

    python .ci/wheel_check.py [--keep]

Fails (exit 1, one line per problem) when the wheel lacks a module or a data file (prompts, gold sets, gates,
seeds), when it puts an import name other than ``briefing`` into site-packages, or when the installed
``briefing`` cannot ingest the seeds, list them, answer a question with a citation, or show ``eval --help``.
torch is installed first, pinned, so pip takes the CPU build (as in the Makefile); pip's cache makes reruns fast.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TORCH = "torch==2.13.0"
QUESTION = "Who is the Pentagon's chief spokesperson?"
EXPECTED = "Sean Parnell"  # what the seed article says (eval/gold/seeds.jsonl, attr-01)
# Files that must ship as package data (read with importlib.resources at run time).
DATA_FILES = (
    "briefing/prompts/answer.md",
    "briefing/prompts/claims.md",
    "briefing/prompts/rewrite.md",
    "briefing/eval/gates.toml",
    "briefing/eval/gold/seeds.jsonl",
    "briefing/eval/gold/seeds_holdout.jsonl",
    "briefing/eval/gold/seeds_robustness.jsonl",
)
# What the installed package itself must find through importlib.resources (not through the repo).
RESOURCES_CHECK = """
from briefing.data import seeds_dir
from briefing.eval.gates import GATES_FILE, load_gates
from briefing.eval.gold import load_gold
from briefing.eval.runner import DEFAULT_GOLD
from briefing.prompts import render_messages
import briefing, json
seeds = sorted(p.name for p in seeds_dir().iterdir() if not p.name.startswith(("_", ".")))
print(json.dumps({
    "package": briefing.__path__[0],
    "seeds": seeds,
    "gates": len(load_gates(GATES_FILE)),
    "gold": len(load_gold(list(DEFAULT_GOLD))),
    "prompt": render_messages("rewrite", question="q", turns=[])[0]["role"],
}))
"""


class Check:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.timings: list[tuple[str, float]] = []

    def fail(self, message: str) -> None:
        self.problems.append(message)
        print(f"FAIL {message}", flush=True)

    def run(self, label: str, cmd: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        self.timings.append((label, seconds))
        print(f"{seconds:7.1f} s  {label}", flush=True)
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-15:]
            self.fail(f"{label}: exit {proc.returncode}\n    " + "\n    ".join(tail))
        return proc


def check_wheel_contents(check: Check, wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/", 1)[0] for n in names}
    stray = sorted(t for t in top if t != "briefing" and not t.endswith((".dist-info", ".data")))
    if stray:
        check.fail(f"{wheel.name}: import names besides briefing: {', '.join(stray)}")
    for path in DATA_FILES:
        if path not in names:
            check.fail(f"{wheel.name}: missing {path}")
    if not any(n.startswith("briefing/data/seeds/") and n.endswith(".txt") for n in names):
        check.fail(f"{wheel.name}: missing the seed articles (briefing/data/seeds/)")
    for package in ("answering", "ui", "ingest", "index", "eval", "prompts", "data"):
        if f"briefing/{package}/__init__.py" not in names:
            check.fail(f"{wheel.name}: missing the package briefing.{package}")


def check_site_packages(check: Check, venv: Path) -> None:
    """No other distribution of ours and no top-level `ingest`, `index`, `eval`, `app`, `prompts`, `data`."""
    site = next((venv / "lib").glob("python3*/site-packages"))
    for name in ("ingest", "index", "eval", "app", "prompts", "data"):
        if (site / name).exists() or (site / f"{name}.py").exists():
            check.fail(f"{site}: a top-level {name!r} landed in site-packages")
    record = next(site.glob("briefing-*.dist-info")) / "RECORD"
    for line in record.read_text().splitlines():
        path = line.split(",", 1)[0]
        if not path.startswith(("briefing/", "briefing-")) and not (path.startswith("../") and "/bin/" in path):
            check.fail(f"{record}: the wheel installs {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (printed) for a look")
    args = parser.parse_args()

    check = Check()
    total = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="briefing-wheel-"))
    dist, venv, work, home = tmp / "dist", tmp / "venv", tmp / "work", tmp / "home"
    work.mkdir()
    try:
        check.run("build the wheel", [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist),
                                      str(REPO)], cwd=tmp)
        wheels = sorted(dist.glob("briefing-*.whl"))
        if not wheels:
            check.fail("no wheel was built")
            return report(check, total)
        wheel = wheels[0]
        check_wheel_contents(check, wheel)

        base_python = getattr(sys, "_base_executable", sys.executable)  # a venv's own python would nest
        check.run("create a clean venv", [base_python, "-m", "venv", str(venv)], cwd=tmp)
        # --no-compile: byte-compiling every installed module (torch, gradio, chromadb...) is much of an
        # install's time, and this venv is used once; the modules the check imports compile as they load.
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               "--no-compile"]
        check.run(f"install {TORCH} (CPU build)", [*pip, TORCH], cwd=tmp)
        check.run(f"install {wheel.name}", [*pip, str(wheel)], cwd=tmp)
        if check.problems:
            return report(check, total)
        check_site_packages(check, venv)

        # From a folder that is not the repo, with nothing of the repo on the path.
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env |= {"BRIEFING_HOME": str(home), "PATH": f"{venv / 'bin'}:{env.get('PATH', '')}"}
        for k in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "BRIEFING_LLM"):
            env.pop(k, None)  # the check is about the package, not about a reachable LLM
        briefing = str(venv / "bin" / "briefing")

        proc = check.run("python: package data via importlib.resources",
                         [str(venv / "bin" / "python"), "-c", RESOURCES_CHECK], cwd=work, env=env)
        if proc.returncode == 0:
            found = json.loads(proc.stdout.strip().splitlines()[-1])
            if not found["package"].startswith(str(venv)):
                check.fail(f"briefing was imported from {found['package']}, not from the clean venv")
            repo_seeds = sorted(p.name for p in (REPO / "data" / "seeds").iterdir() if not p.name.startswith("_"))
            if found["seeds"] != repo_seeds:
                check.fail(f"installed seeds {found['seeds']} differ from data/seeds {repo_seeds}")

        check.run("python: import the chat (briefing.ui.chat, gradio)",
                  [str(venv / "bin" / "python"), "-c", "from briefing.ui.chat import main"], cwd=work, env=env)
        check.run("briefing --help", [briefing, "--help"], cwd=work, env=env)
        check.run("briefing eval --help", [briefing, "eval", "--help"], cwd=work, env=env)
        proc = check.run("briefing ingest data/seeds --json",
                         [briefing, "ingest", str(REPO / "data" / "seeds"), "--json"], cwd=work, env=env)
        if proc.returncode == 0:
            ingested = json.loads(proc.stdout)
            if len(ingested["added"]) != len(list((REPO / "data" / "seeds").glob("*.txt"))) or ingested["failed"]:
                check.fail(f"ingest: expected every seed added, got {ingested}")

        proc = check.run("briefing sources --json", [briefing, "sources", "--json"], cwd=work, env=env)
        ids = {a["article_id"] for a in json.loads(proc.stdout)} if proc.returncode == 0 else set()
        if proc.returncode == 0 and not ids:
            check.fail("sources: no articles listed after the ingest")

        proc = check.run("briefing ask --json (extractive)",
                         [briefing, "ask", QUESTION, "--json", "--llm", "extractive"], cwd=work, env=env)
        if proc.returncode == 0:
            answer = json.loads(proc.stdout)
            cited = {c["article_id"] for c in answer["citations"]}
            if answer["abstained"] or not answer["claims"] or not cited:
                check.fail(f"ask: expected a cited answer, got: {answer['answer']!r}")
            elif not cited <= ids:
                check.fail(f"ask: cites {sorted(cited - ids)}, which `sources` does not list")
            elif EXPECTED not in answer["answer"]:
                check.fail(f"ask: expected {EXPECTED!r} in the answer, got: {answer['answer']!r}")
            else:
                print(f"          answer: {answer['answer'][:160]!r} ({len(cited)} article(s) cited)")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return report(check, total)


def report(check: Check, total: float) -> int:
    seconds = time.perf_counter() - total
    if check.problems:
        print(f"wheel check FAILED in {seconds:.0f} s: {len(check.problems)} problem(s)")
        return 1
    print(f"wheel check passed in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

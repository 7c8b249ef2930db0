"""The `briefing` command line, run as users run it: `briefing ingest`, `briefing sources --json`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "seeds"

# (published, outlet) per seed, as each file states it
SEED_META = {
    "000_f1b9db061f09dfc8.txt": ("2026-03-22", "AI Daily"),
    "001_d2d31d55b6497b43.txt": ("2026-03-05", None),
    "002_4fdec09c74d0d657.txt": (None, None),
    "003_90a6f74279e4adcb.txt": ("2026-02-26", "The Hill"),
}


def briefing_cli() -> str:
    exe = Path(sys.executable).parent / "briefing"
    if not exe.exists():
        pytest.fail(f"the `briefing` console script is not installed at {exe}; run `make install`", pytrace=False)
    return str(exe)


def run(*args: str, home: Path, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "OPENAI_"))}
    env["BRIEFING_HOME"] = str(home)
    env.update(extra or {})
    return subprocess.run([briefing_cli(), *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_help_exits_zero():
    done = subprocess.run([briefing_cli(), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    for command in ("ingest", "sources", "ask", "eval", "serve", "delete"):
        assert command in done.stdout


def test_ingest_seeds_then_sources(tmp_path):
    home = tmp_path / "home"
    done = run("ingest", "data/seeds", home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 added" in done.stdout

    listed = run("sources", "--json", home=home)
    assert listed.returncode == 0, listed.stderr
    articles = json.loads(listed.stdout)
    assert len(articles) == 4
    by_file = {Path(a["source_path"]).name: a for a in articles}
    assert set(by_file) == set(SEED_META)
    for name, (published, outlet) in SEED_META.items():
        assert (by_file[name]["published"], by_file[name]["outlet"]) == (published, outlet), name
        assert by_file[name]["passages"] >= 1
        assert "text" not in by_file[name]
    assert by_file["003_90a6f74279e4adcb.txt"]["site"] == "ustower.net"
    assert by_file["000_f1b9db061f09dfc8.txt"]["source_path"] == str(REPO / "data/seeds/000_f1b9db061f09dfc8.txt")
    assert len({a["article_id"] for a in articles}) == 4

    # a bad file alongside: exit 1, the path and reason printed, nothing lost, the rest unchanged
    bad = (tmp_path / "broken.json").resolve()
    bad.write_text('{"title": "oops", ')
    again = run("ingest", "data/seeds", str(bad), home=home)
    assert again.returncode == 1, again.stdout + again.stderr
    assert str(bad) in again.stdout
    assert "invalid JSON" in again.stdout
    assert "4 unchanged" in again.stdout and "1 failed" in again.stdout

    as_json = run("ingest", "--json", "data/seeds", str(bad), home=home)
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert report["failed"] == [{"path": str(bad), "reason": report["failed"][0]["reason"]}]
    assert len(report["unchanged"]) == 4

    after = json.loads(run("sources", "--json", home=home).stdout)
    assert sorted(a["article_id"] for a in after) == sorted(a["article_id"] for a in articles)


def test_missing_path_exits_1(tmp_path):
    missing = tmp_path / "nowhere"
    done = run("ingest", str(missing), home=tmp_path / "home")
    assert done.returncode == 1
    assert str(missing) in done.stdout
    assert "no such file" in done.stdout


def test_sources_on_an_empty_store(tmp_path):
    done = run("sources", "--json", home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_the_bad_input_table_through_the_cli(tmp_path):
    from test_ingest_bad_input import check_table, make_table_run

    paths = make_table_run(tmp_path / "run")
    home = tmp_path / "home"
    env_run = run("ingest", "--json", str(tmp_path / "run"), home=home, extra={"BRIEFING_MAX_FILE_MB": "1"})
    assert env_run.returncode == 1, env_run.stderr  # some files failed: said by the exit code
    assert "Traceback" not in env_run.stderr + env_run.stdout
    report = json.loads(env_run.stdout)
    check_table([(f["path"], f["reason"]) for f in report["failed"]], report["added"], paths)


@pytest.mark.parametrize(
    "args, words",
    [
        (["--k", "0"], "at least 1"),
        (["--k", "-1"], "at least 1"),
        (["--k", "many"], "not a whole number"),
        (["--question-of", "50000"], "50,000 characters"),
        (["--question-of", "0"], "empty"),
    ],
)
def test_ask_arguments_are_refused_with_one_line(tmp_path, args, words):
    question = "What happened?"
    if args[0] == "--question-of":
        question, args = "q" * int(args[1]), []
    done = run("ask", question, *args, home=tmp_path / "home")
    assert done.returncode == 2
    assert words in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr) < 600  # the question is not echoed back
    assert not (tmp_path / "home" / "chroma").exists()  # refused before the store was opened


def test_ingest_leaves_the_keyword_index_built_so_ask_loads_it_without_scipy(tmp_path):
    """`briefing ingest` brings the keyword index up to date; `briefing ask` then only loads it, so it imports
    bm25s without scipy (index.keyword.import_bm25s_without_scipy) and builds nothing."""
    from briefing.index.keyword import KeywordLibrary
    from briefing.index.store import Store
    from briefing.settings import Settings

    home = tmp_path / "home"
    done = run("ingest", "data/seeds", home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    folder = home / "cache" / "bm25-briefing"
    assert KeywordLibrary.latest_state(folder) == Store(Settings(home=home)).fingerprint()
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}

    probe = ("import contextlib, io, sys\nfrom briefing.cli import main\nout = io.StringIO()\n"
             "with contextlib.redirect_stdout(out):\n"
             "    code = main(['ask', \"Who is the Pentagon's chief spokesperson?\"])\n"
             "print(code, 'scipy' in sys.modules, 'bm25s' in sys.modules, 'Parnell' in out.getvalue())")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "OPENAI_"))}
    env["BRIEFING_HOME"] = str(home)
    asked = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=300)
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.split()[-4:] == ["0", "False", "True", "True"]
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()} == before  # loaded, not built

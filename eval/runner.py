"""`briefing eval`: run gold questions through the public API, score them, report, and apply the gates.

    briefing eval [--gold FILE...] [--corpus DIR] [--gates FILE] [--junit FILE] [--report DIR] [--llm NAME]
                  [--realtimeqa [DIR]]

The store is the one BRIEFING_HOME (or BRIEFING_CHROMA_URL) names; the bundled seeds are ingested first
when the store is empty or lacks an article the gold set relies on, or ``--corpus`` (your articles) instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol

from rich.console import Console

from briefing.data import seeds_dir
from briefing.errors import BriefingError
from briefing.eval.gates import GATES_FILE, GateResult, all_hold, check_gates, load_gates
from briefing.eval.gold import GoldItem, load_gold, truth
from briefing.eval.metrics import is_article
from briefing.eval.scoring import ItemResult, score_item, summarize

GOLD_DIR = Path(str(files(__package__) / "gold"))  # package data of briefing.eval
# dev, holdout and robustness: the gates in gates.toml are set on their union
DEFAULT_GOLD = (GOLD_DIR / "seeds.jsonl", GOLD_DIR / "seeds_holdout.jsonl", GOLD_DIR / "seeds_robustness.jsonl")
DEFAULT_REPORT = Path("artifacts") / "eval"
SEEDS = seeds_dir()


class CorpusError(BriefingError):
    """A --corpus path that cannot be ingested."""


class Asker(Protocol):
    """Anything with ``Briefing.ask``'s signature whose answers have ``to_dict()`` (or are dicts)."""

    def ask(self, question: str, since: str | None = None, until: str | None = None,
            sources: list[str] | None = None, k: int = 8, history: list | None = None,
            backend: str | None = None) -> Any: ...


def _answer_dict(answer: Any) -> dict:
    return answer.to_dict() if hasattr(answer, "to_dict") else dict(answer)


def conversation(asker: Asker, item: GoldItem, backend: str | None = None) -> list[dict] | None:
    """The chat a follow-up comes from: each earlier user turn asked in order (with the item's filters, as the
    chat would) and answered, so a follow-up sees what the user saw -- "he" may be the person the previous
    answer named."""
    if not item.history:
        return None
    messages: list[dict] = []
    for turn in item.history:
        previous = _answer_dict(asker.ask(turn, since=item.since, until=item.until, sources=item.sources,
                                          history=list(messages) or None, backend=backend))
        messages += [{"role": "user", "content": turn}, {"role": "assistant", "content": previous.get("answer", "")}]
    return messages


def evaluate(asker: Asker, items: list[GoldItem], backend: str | None = None,
             progress: Callable[[int, int], None] | None = None) -> list[ItemResult]:
    """Ask every gold question (with its filters) and score the answers. Configuration errors propagate;
    any other error of one question is recorded as that item's problem and the run goes on."""
    known = truth(items)
    results = []
    for done, item in enumerate(items):
        t0 = time.perf_counter()
        failure = None
        try:
            answer = _answer_dict(asker.ask(item.question, since=item.since, until=item.until, sources=item.sources,
                                            history=conversation(asker, item, backend), backend=backend))
        except BriefingError:
            raise
        except Exception as exc:  # one broken question must not hide the others' results
            failure = f"the answerer raised {type(exc).__name__}: {exc}"
            answer = {"question": item.question, "answer": "", "abstained": False, "claims": [], "citations": [],
                      "passages": []}
        result = score_item(item, answer, known, time.perf_counter() - t0)
        if failure:
            result.problems.insert(0, failure)
        results.append(result)
        if progress:
            progress(done + 1, len(items))
    return results


def ensure_seeds(briefing, items: list[GoldItem], say: Callable[[str], None] = print) -> None:
    """Ingest data/seeds when the store is empty or lacks an article the gold items cite as supporting."""
    articles = briefing.sources()
    refs = {ref for item in items for ref in item.articles}

    def missing() -> list[str]:
        return sorted(r for r in refs if not any(is_article(r, a.source_path, a.url) for a in articles))

    if articles and not missing():
        return
    report = briefing.ingest([SEEDS])
    say(f"ingested the seed articles ({SEEDS}): {report.summary()}")
    for path, reason in report.failed:
        say(f"  failed: {path}: {reason}")
    articles = briefing.sources()
    if missing():
        say(f"warning: the store lacks supporting articles of the gold set: {', '.join(missing())}")


def ingest_corpus(briefing, corpus: str | Path, items: list[GoldItem], say: Callable[[str], None] = print) -> None:
    """Ingest ``corpus`` (a folder or file of articles, any format `briefing ingest` reads) into the store the
    run uses, instead of the seeds; warns when gold cites a supporting article the store still lacks."""
    corpus = Path(corpus).expanduser()
    if not corpus.exists():
        raise CorpusError(f"{corpus}: --corpus: no such file or folder")
    report = briefing.ingest([corpus])
    say(f"ingested the corpus ({corpus}): {report.summary()}")
    for path, reason in report.failed:
        say(f"  failed: {path}: {reason}")
    articles = briefing.sources()
    refs = sorted({ref for item in items for ref in item.articles})
    absent = [r for r in refs if not any(is_article(r, a.source_path, a.url) for a in articles)]
    if absent:
        say(f"warning: the store lacks supporting articles of the gold set: {', '.join(absent)}")


def run(briefing, gold: list[str | Path], report_dir: str | Path | None, backend: str | None = None,
        gates_file: str | Path = GATES_FILE, console: Console | None = None,
        seed: bool = True, corpus: str | Path | None = None) -> tuple[bool, list[ItemResult], list[GateResult]]:
    """The whole evaluation: load, (seed, or ingest ``corpus``), ask, score, print, write reports; returns
    (gates hold, results, gates)."""
    console = console or Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    err = Console(stderr=True, highlight=False)
    items = load_gold(gold)
    gates = load_gates(gates_file, known=set(summarize([])))  # fail fast on a bad gates file
    if corpus is not None:
        ingest_corpus(briefing, corpus, items, say=lambda msg: err.print(msg, markup=False))
    elif seed:
        ensure_seeds(briefing, items, say=lambda msg: err.print(msg, markup=False))

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(), console=err, transient=True,
                  disable=not err.is_terminal) as bar:
        task = bar.add_task("eval", total=len(items))
        results = evaluate(briefing, items, backend=backend,
                           progress=lambda done, total: bar.update(task, completed=done, total=total))
    gate_results = check_gates(summarize(results), gates)

    from briefing.eval.report import print_report, write_reports

    print_report(results, gate_results, console)
    if report_dir is not None:
        settings = getattr(briefing, "settings", None)
        meta = {
            "generated": datetime.now(UTC).isoformat(timespec="seconds"),
            "gold": [_display(p) for p in gold],
            "backend": next((r.answer.get("backend") for r in results if r.answer.get("backend")), backend),
            "home": str(settings.chroma_url or settings.home_dir) if settings else None,
        }
        paths = write_reports(results, gate_results, meta, Path(report_dir))
        console.print("reports: " + ", ".join(str(p) for p in paths), markup=False)
    return all_hold(gate_results), results, gate_results


def _display(path: str | Path) -> str:
    path = Path(path).resolve()
    for base in (Path.cwd(), GOLD_DIR.parent):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def run_cli(args: argparse.Namespace) -> int:
    """`briefing eval`: 0 when every gate holds, 1 when one falls short (errors: BriefingError -> 2).

    ``--realtimeqa DIR`` alone runs only the RealTimeQA check; with ``--gold`` both run, each gated."""
    gates_file = Path(getattr(args, "gates", None) or GATES_FILE)
    junit = getattr(args, "junit", None)
    report_dir = args.report or DEFAULT_REPORT
    results: list[ItemResult] = []
    gate_results: list[tuple[str, GateResult]] = []
    holds = True
    if args.gold or not getattr(args, "realtimeqa", None):
        from briefing.api import Briefing

        gold = args.gold or list(DEFAULT_GOLD)
        if isinstance(gold, (str, Path)):
            gold = [gold]
        ok, results, gates = run(Briefing(), gold, report_dir, backend=args.llm, gates_file=gates_file,
                                 corpus=getattr(args, "corpus", None))
        holds &= ok
        gate_results += [("seeds", g) for g in gates]
    if getattr(args, "realtimeqa", None):
        from briefing.eval.realtimeqa import run_gated

        rtqa = run_gated(Path(args.realtimeqa), report_dir, backend=args.llm, gates_file=gates_file)
        if rtqa is not None:
            holds &= all_hold(rtqa)
            gate_results += [("realtimeqa", g) for g in rtqa]
    if junit:
        from briefing.eval.junit import write_junit

        print(f"junit: {write_junit(junit, results, gate_results)}")
    if not holds:
        failing = ", ".join(f"{group}: {g.gate}" for group, g in gate_results if not g.ok)
        print(f"eval: gate(s) not met: {failing}", file=sys.stderr)
    return 0 if holds else 1

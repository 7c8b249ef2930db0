"""The external check: the RealTimeQA 2025 slice (``../shared/bench/realtimeqa-2025``), scored as its README says.

    briefing eval --realtimeqa [DIR] [--report DIR] [--llm NAME]

Ingests ``corpus.jsonl`` into a home of its own (``BRIEFING_REALTIMEQA_HOME``, default: the BRIEFING_HOME
folder's sibling ``<home>-realtimeqa``), so the user's store is untouched and a second run re-uses it.
Reports answer recall@1/5/10 (the answer string, case-insensitive, in one of the top-k retrieved
passages) with and without ``until=`` the quiz date, and answer accuracy (the answer contains the right
choice and none of the distractors), on all questions and on those an article of the corpus supports
(``SUPPORTED_FILE``). The ``[realtimeqa]`` table of gates.toml gates these numbers; the
check (and its gates) is skipped with a notice when the folder is absent. The corpus is publishers' text:
read, never copied.
"""

from __future__ import annotations

import json
import os
import sys
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from briefing.eval.gates import GATES_FILE, GateResult, check_gates, load_gates

K_VALUES = (1, 5, 10)
LABELS = ("until", "no_filter")
ASK_K = 8  # the passages each answer is drawn from (as the chat and `briefing ask` do by default)
# Which questions an article of the corpus published by the quiz date supports (a judgment from the article texts,
# ids only): accuracy on those separates what the corpus can answer from what the answerer does.
SUPPORTED_FILE = Path(__file__).with_name("realtimeqa_supported.json")
# Questions about the same corpus in an analyst's own words (lower case, imperatives, synonyms, "which town's ..."),
# written from 154 of its articles by helpers that never saw the answerer or its output: 4 answerable (a verbatim answer
# span) and 1 tempting unanswerable each. Asked as of ``until`` (publication + 2 days); gated as ``analyst_*``.
ANALYST_FILE = Path(__file__).with_name("realtimeqa_analyst.jsonl")
ANALYST_FIELDS = {"id": str, "question": str, "until": str, "answerable": bool, "answers": list}
# The file's sets, named by their ids' prefix ("dev-00-1"): stop 28's "dev" and "B" (``hold``), stop 31's "C", stop 34's
# judge set "D" (read from stop 35 on, when a new judge set took its place), stop 35's judge set "E" (read from stop
# 36 on, likewise), stop 36's "F" (read from stop 37 on), stop 37's "G" (read from stop 38 on) and stop 38's "H" (gated
# from stop 39 on: its items were never read, only its totals, before it joined), stop 40's "K" (figure questions
# -- how many, how much, how old, what share -- written to be read: its failures were) and "L" (what someone said,
# warned, claimed; likewise read), stop 41's never-read judge "M" (read from stop 42 on) and stop 42's "N" (why, how,
# what happened -- written to be read); each is summarised (``analyst_<set>_*``) and gated on its own, so a set added
# later never dilutes the gates of those before.
ANALYST_SETS = ("dev", "hold", "c", "d", "e", "f", "g", "h", "j", "k", "l", "m", "n", "q")
DEFAULT_DIR = Path("..") / "shared" / "bench" / "realtimeqa-2025"  # beside the checkout, as CI lays it out


# ---- pure scoring ------------------------------------------------------------------------------


def contains_answer(text: str, answer: str) -> bool:
    """The benchmark's rule: the answer string occurs in the text, case-insensitively -- and whichever way either
    writes an accent ("Pérez" as one character or as "e" and a combining accent: the same string, in Unicode's
    canonical form)."""
    return unicodedata.normalize("NFC", answer.strip()).lower() in unicodedata.normalize("NFC", text).lower()


def first_answer_rank(passage_texts: list[str], answer: str) -> int | None:
    """1-based rank of the first passage containing the answer, None when none does."""
    return next((i for i, text in enumerate(passage_texts, start=1) if contains_answer(text, answer)), None)


def recall_at_k(ranks: Iterable[int | None], k: int) -> float:
    ranks = list(ranks)
    return sum(r is not None and r <= k for r in ranks) / len(ranks) if ranks else 0.0


def answer_correct(answer_text: str, answer: str, distractors: Iterable[str]) -> bool:
    """Right when the generated answer contains the right choice and none of the distractors."""
    return contains_answer(answer_text, answer) and not any(contains_answer(answer_text, d) for d in distractors)


def analyst_correct(answer_text: str, abstained: bool, answerable: bool, answers: Iterable[str]) -> bool:
    """An analyst's question: answered with one of its answer strings when the corpus answers it, abstained from
    when it does not."""
    if not answerable:
        return abstained
    return not abstained and any(contains_answer(answer_text, a) for a in answers)


def analyst_questions(path: Path | None = None) -> list[dict]:
    """The analyst's questions (``ANALYST_FILE``); none when it is absent. A line that is no JSON object, or misses a
    field or has one of the wrong type, is an error naming the file, the line and the field."""
    path = path or ANALYST_FILE
    if not path.exists():
        return []
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not a JSON object ({exc.msg})") from None
        if not isinstance(item, dict):
            raise ValueError(f"{path}:{n}: not a JSON object")
        for field, kind in ANALYST_FIELDS.items():
            if not isinstance(item.get(field), kind):
                raise ValueError(f"{path}:{n}: field {field!r} must be a {kind.__name__}")
        if item["answerable"] and not item["answers"]:
            raise ValueError(f"{path}:{n}: field 'answers' is empty for an answerable question")
        items.append(item)
    return items


# ---- the run -----------------------------------------------------------------------------------


def supported_ids(path: Path | None = None) -> set[str]:
    """The ids of the questions judged answerable from the corpus (``SUPPORTED_FILE``); none when it is absent."""
    path = path or SUPPORTED_FILE
    return set(json.loads(path.read_text(encoding="utf-8"))["supported"]) if path.exists() else set()


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def bench_files(folder: Path) -> tuple[Path, Path] | None:
    corpus, questions = folder / "corpus.jsonl", folder / "questions.jsonl"
    return (corpus, questions) if corpus.is_file() and questions.is_file() else None


def run_realtimeqa(briefing, folder: Path, backend: str | None = None, limit: int | None = None,
                   err: Console | None = None) -> dict:
    """Ingest the corpus into ``briefing``'s store (unchanged articles are skipped) and score the questions."""
    err = err or Console(stderr=True, highlight=False)
    corpus, questions_path = bench_files(folder) or (None, None)
    if corpus is None:
        raise FileNotFoundError(f"{folder}: corpus.jsonl and questions.jsonl are required")
    questions = _read_jsonl(questions_path)[:limit] if limit else _read_jsonl(questions_path)

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    t0 = time.perf_counter()
    with progress:
        task = progress.add_task("ingesting the corpus", total=None)
        report = briefing.ingest([corpus], progress=lambda done, total, _p: progress.update(task, completed=done,
                                                                                           total=total))
    ingest_s = time.perf_counter() - t0
    err.print(f"corpus: {report.summary()} in {ingest_s:.0f} s", markup=False)

    rows = []
    t0 = time.perf_counter()
    with progress:
        task = progress.add_task("asking", total=len(questions))
        for q in questions:
            dated = [p.text for p in briefing.retrieve(q["question"], k=max(K_VALUES), until=q["date"])]
            undated = [p.text for p in briefing.retrieve(q["question"], k=max(K_VALUES))]
            answers = {}
            for label, until in (("until", q["date"]), ("no_filter", None)):
                a = briefing.ask(q["question"], until=until, k=ASK_K, backend=backend)
                answers[label] = {"answer": a.answer, "abstained": a.abstained,
                                  "correct": (not a.abstained) and answer_correct(a.answer, q["answer"],
                                                                                  q["distractors"])}
            rows.append({"id": q["id"], "question": q["question"], "date": q["date"], "gold": q["answer"],
                         "rank_until": first_answer_rank(dated, q["answer"]),
                         "rank_no_filter": first_answer_rank(undated, q["answer"]), **answers})
            progress.advance(task)
    ask_s = time.perf_counter() - t0

    analyst = []
    with progress:
        items = analyst_questions()[:limit] if limit else analyst_questions()
        task = progress.add_task("asking the analyst's questions", total=len(items))
        for item in items:
            a = briefing.ask(item["question"], until=item["until"], k=ASK_K, backend=backend)
            analyst.append({"id": item["id"], "question": item["question"], "until": item["until"],
                            "answerable": item["answerable"], "gold": item["answers"], "answer": a.answer,
                            "abstained": a.abstained,
                            "correct": analyst_correct(a.answer, a.abstained, item["answerable"], item["answers"])})
            progress.advance(task)

    supported = supported_ids()
    summary: dict[str, float | int] = {"questions": len(rows)}
    for label in LABELS:
        for k in K_VALUES:
            summary[f"recall@{k}_{label}"] = recall_at_k((r[f"rank_{label}"] for r in rows), k)
        summary[f"accuracy_{label}"] = sum(r[label]["correct"] for r in rows) / len(rows) if rows else 0.0
        summary[f"abstained_{label}"] = sum(r[label]["abstained"] for r in rows) / len(rows) if rows else 0.0
        # answer selection apart from retrieval: accuracy where the answer is in the passages the answer is drawn from
        found = [r for r in rows if r[f"rank_{label}"] is not None and r[f"rank_{label}"] <= ASK_K]
        summary[f"retrieved_{label}"] = len(found)
        summary[f"accuracy_retrieved_{label}"] = sum(r[label]["correct"] for r in found) / len(found) if found else 0.0
        # what the corpus can answer apart from what it cannot: the questions an article supports
        judged = [r for r in rows if r["id"] in supported]
        summary[f"supported_{label}"] = len(judged)
        summary[f"accuracy_supported_{label}"] = sum(r[label]["correct"] for r in judged) / len(judged) if judged \
            else 0.0
    summary.update(analyst_summary(analyst))
    for name in ANALYST_SETS:
        summary.update(analyst_summary([r for r in analyst if analyst_set(r["id"]) == name], f"analyst_{name}"))
    summary["ingest_seconds"] = round(ingest_s, 1)
    summary["ask_seconds_per_question"] = round(ask_s / len(rows), 2) if rows else 0.0
    return {"bench": str(folder), "ingest": report.summary(), "summary": summary, "questions": rows,
            "analyst": analyst}


def analyst_set(question_id: str) -> str:
    """The set an analyst's question belongs to: its id's prefix ("hold-03-4" -> "hold")."""
    return question_id.split("-", 1)[0]


_ANALYST_METRICS = ("questions", "accuracy", "accuracy_answerable", "abstained_answerable", "abstention_unanswerable")


def analyst_summary(rows: list[dict], prefix: str = "analyst") -> dict[str, float | int]:
    """Accuracy on the analyst's questions (``<prefix>_*``): all, the answerable ones (answered right), the
    unanswerable ones (abstained from); and how often an answerable one was abstained from."""
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]

    def share(part: list[dict], key: str) -> float:
        return sum(r[key] for r in part) / len(part) if part else 0.0

    values = (len(rows), share(rows, "correct"), share(answerable, "correct"), share(answerable, "abstained"),
              share(unanswerable, "correct"))
    return {f"{prefix}_{metric}": value for metric, value in zip(_ANALYST_METRICS, values, strict=True)}


def analyst_table(summary: dict) -> Table:
    table = Table(title=f"An analyst's questions about the same corpus ({summary['analyst_questions']}, until=)",
                  title_justify="left")
    for col in ("set", "questions", "accuracy", "answerable: right", "answerable: abstained",
                "unanswerable: abstained"):
        table.add_column(col, justify="right" if col != "set" else "left")
    for name, prefix in (("all", "analyst"), *((name, f"analyst_{name}") for name in ANALYST_SETS)):
        if summary.get(f"{prefix}_questions"):
            table.add_row(name, str(summary[f"{prefix}_questions"]),
                          *(f"{summary[f'{prefix}_{metric}']:.2f}" for metric in _ANALYST_METRICS[1:]))
    return table


def summary_table(summary: dict) -> Table:
    table = Table(title=f"RealTimeQA 2025 slice ({summary['questions']} questions)", title_justify="left")
    for col in ("filter", *(f"recall@{k}" for k in K_VALUES), "answer accuracy", "abstained",
                f"accuracy, answer in top {ASK_K}", "accuracy, supported questions"):
        table.add_column(col, justify="right" if col != "filter" else "left")
    for label, name in (("until", "until=quiz date"), ("no_filter", "no date filter")):
        supported = summary.get(f"supported_{label}", 0)
        table.add_row(name, *(f"{summary[f'recall@{k}_{label}']:.2f}" for k in K_VALUES),
                      f"{summary[f'accuracy_{label}']:.2f}", f"{summary[f'abstained_{label}']:.2f}",
                      f"{summary[f'accuracy_retrieved_{label}']:.2f} of {summary[f'retrieved_{label}']}",
                      f"{summary[f'accuracy_supported_{label}']:.2f} of {supported}" if supported else "-")
    return table


def realtimeqa_home(home: Path) -> Path:
    override = os.environ.get("BRIEFING_REALTIMEQA_HOME")
    return Path(override).expanduser() if override else home.with_name(home.name + "-realtimeqa")


def summary_keys() -> set[str]:
    """The metric names of ``summary`` a ``[realtimeqa]`` gate may name."""
    keys = {"questions", "ingest_seconds", "ask_seconds_per_question"}
    keys |= {f"{prefix}_{metric}" for prefix in ("analyst", *(f"analyst_{name}" for name in ANALYST_SETS))
             for metric in _ANALYST_METRICS}
    for label in LABELS:
        keys |= {f"recall@{k}_{label}" for k in K_VALUES} | {f"accuracy_{label}", f"abstained_{label}",
                                                            f"retrieved_{label}", f"accuracy_retrieved_{label}",
                                                            f"supported_{label}", f"accuracy_supported_{label}"}
    return keys


def run_gated(folder: Path, report_dir: str | Path, backend: str | None = None,
              gates_file: str | Path = GATES_FILE) -> list[GateResult] | None:
    """Run the check and apply the ``[realtimeqa]`` gates of ``gates_file``; None (with a notice) when the
    benchmark folder is absent."""
    folder = Path(folder).expanduser()
    out = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    gates = load_gates(gates_file, known=summary_keys(), table="realtimeqa", required=False)
    if bench_files(folder) is None:
        out.print(f"skipped: no RealTimeQA benchmark at {folder} (corpus.jsonl and questions.jsonl); "
                  "its gates are not checked", markup=False)
        return None
    from briefing.api import Briefing
    from briefing.settings import Settings

    settings = Settings()
    home = realtimeqa_home(settings.home_dir.resolve())
    settings = settings.model_copy(update={"home": home, "collection": "realtimeqa"})
    out.print(f"RealTimeQA store: {settings.chroma_url or home}", markup=False)
    limit = int(os.environ["BRIEFING_REALTIMEQA_LIMIT"]) if os.environ.get("BRIEFING_REALTIMEQA_LIMIT") else None
    result = run_realtimeqa(Briefing(settings=settings), folder, backend=backend, limit=limit)
    results = check_gates(result["summary"], gates) if not limit else []  # gates are set on all 65 questions
    result["gates"] = [g.to_dict() for g in results]
    out.print(summary_table(result["summary"]))
    if result["summary"]["analyst_questions"]:
        out.print(analyst_table(result["summary"]))
    if limit:
        out.print(f"BRIEFING_REALTIMEQA_LIMIT={limit}: the [realtimeqa] gates are not checked", markup=False)
    elif results:
        from briefing.eval.report import gates_table

        out.print(gates_table(results, title=f"gates ({Path(gates_file).name} [realtimeqa])"))
    report_dir = Path(report_dir)
    report_dir.mkdir(parents=True, exist_ok=True)
    path = report_dir / "realtimeqa.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    out.print(f"report: {path}", markup=False)
    return results

"""What each `briefing` subcommand does, printing with rich."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console

from briefing.api import Briefing

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def dump_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_ingest(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    b = Briefing()
    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("ingest", total=None)
        step = lambda done, total, _path: bar.update(task, completed=done, total=total)  # noqa: E731
        if args.reembed:
            report = b.reembed(progress=step)
            err.print(f"re-embedded {len(report.updated)} articles with {b.embedder.name} "
                      f"({len(report.unchanged)} already were)", markup=False)
        if args.paths:
            report = b.ingest(args.paths, progress=step)
    if report.added or report.updated:
        export_for_fast_queries(b)
        b.index_keywords()  # built here, with scipy: `briefing ask` loads it without (import_bm25s_without_scipy)
    if args.json:
        dump_json(report.to_dict())
    else:
        out.print(report.summary())
        for path, reason in report.failed:
            out.print(f"  failed: {path}: {reason}", markup=False)
    return 0 if report.ok else 1


def export_for_fast_queries(b: Briefing) -> None:
    """One-time ONNX export of the default model; `ask` still works (more slowly to start) without it."""
    try:
        b.prepare_fast_queries()
    except Exception as exc:  # noqa: BLE001 - an optional speed-up must never fail an ingest
        err.print(f"note: questions will start slower: the ONNX export failed ({exc})", markup=False)


def cmd_sources(args: argparse.Namespace) -> int:
    from briefing.render import print_sources

    articles = Briefing().sources()
    if args.json:
        dump_json([a.to_dict() for a in articles])
        return 0
    if not articles:
        out.print("No articles yet: `briefing ingest PATH...` adds some.")
        return 0
    print_sources(articles, out)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    b = Briefing()
    removed = b.delete(b.find_article_id(args.article_id))
    out.print(f"deleted {removed.article_id}: {removed.title}", markup=False)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from briefing.ui.chat import serve

    serve(Briefing(), host=args.host, port=args.port)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from briefing.index.keyword import import_bm25s_without_scipy
    from briefing.render import print_answer

    import_bm25s_without_scipy()  # one question: the keyword index is loaded, not built (`ingest` built it)

    answer = Briefing().ask(
        args.question, since=args.since, until=args.until, sources=args.source, k=args.k, backend=args.llm
    )
    if args.json:
        dump_json(answer.to_dict())
    else:
        print_answer(answer, out)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from briefing.eval.runner import run_cli

    return run_cli(args)


COMMANDS = {
    "ingest": cmd_ingest,
    "sources": cmd_sources,
    "ask": cmd_ask,
    "eval": cmd_eval,
    "serve": cmd_serve,
    "delete": cmd_delete,
}

__all__ = ["COMMANDS"]

"""The `briefing` command line: a thin shell over ``Briefing``. Heavy imports happen inside commands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from briefing.errors import BriefingError


def _date(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="A news briefing assistant: every claim cited, dated and attributed."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "ingest", help="add files or folders: .txt .md .html .json .jsonl .csv .pdf .docx .rss .atom .xml .eml .mbox"
    )
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--reembed", action="store_true",
                   help="first embed every stored article again with the configured encoder (BRIEFING_ENCODER)")

    p = sub.add_parser("sources", help="list the ingested articles")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("ask", help="ask a question of the ingested articles")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="the full answer as JSON (CONTRACT shape)")
    p.add_argument("--k", type=_positive_int, default=8, help="passages to retrieve (default 8, at least 1)")
    p.add_argument("--since", type=_date, help="only articles published on or after DATE (YYYY-MM-DD)")
    p.add_argument("--until", type=_date, help="only articles published on or before DATE (YYYY-MM-DD)")
    p.add_argument("--source", action="append", metavar="OUTLET", help="only this outlet (repeatable)")
    p.add_argument("--llm", choices=["extractive", "local", "openai"], help="answer backend (default: see README)")

    p = sub.add_parser("eval", help="run the gold question set; exit 1 when a gate falls short")
    p.add_argument("--gold", nargs="+", metavar="FILE",
                   help="gold .jsonl file(s), gated together (default: the dev, holdout and robustness sets)")
    p.add_argument("--corpus", metavar="DIR", help="ingest these articles (not the seeds) into the store first")
    p.add_argument("--gates", metavar="FILE", help="the gates file (default: eval/gates.toml)")
    p.add_argument("--junit", metavar="FILE", help="also write the results as JUnit XML (one test case per item)")
    p.add_argument("--report", help="folder for report.json, report.md and the chart (default: artifacts/eval)")
    p.add_argument("--llm", choices=["extractive", "local", "openai"])
    p.add_argument("--realtimeqa", nargs="?", const="../shared/bench/realtimeqa-2025", metavar="DIR",
                   help="the external RealTimeQA check on DIR (default ../shared/bench/realtimeqa-2025), gated by "
                        "the [realtimeqa] gates; alone it replaces the gold sets, with --gold both run")

    p = sub.add_parser("serve", help="start the Gradio chat")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)

    p = sub.add_parser("delete", help="remove an article and its passages")
    p.add_argument("article_id", metavar="ARTICLE_ID", help="the id from `briefing sources`, or a unique start of it")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "ingest" and not args.paths and not args.reembed:
        parser.error("ingest needs at least one PATH (or --reembed)")
    from briefing.commands import COMMANDS  # lazy: keeps --help instant

    try:
        return COMMANDS[args.command](args)
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `briefing sources --json | head`: the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())

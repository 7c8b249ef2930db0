"""Printing an Answer for a terminal: the answer, then the numbered sources with their quotes."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from briefing.answering.relative_dates import annotate
from briefing.types import Answer


def print_answer(answer: Answer, console: Console) -> None:
    if answer.fallback_reason:
        console.print(f"[yellow]note:[/] {escape(answer.fallback_reason)}")
    if answer.standalone_question and answer.standalone_question != answer.question:
        console.print(f"[dim](understood as: {escape(answer.standalone_question)})[/]")
    if answer.abstained:
        console.print(f"[bold]{escape(answer.answer)}[/]")
    else:
        for claim in answer.claims:
            console.print(escape(claim.text))
    if answer.citations:
        console.print()
        console.print("[bold]Sources[/]")
        for c in answer.citations:
            where = c.url or c.source_path or ""
            console.print(f"[{c.n}] {escape(c.outlet or 'unknown outlet')}, {c.published or 'undated'} — "
                          f"{escape(c.title)} ({escape(where)})")
            # The quote with its relative dates resolved beside them: "Thursday [February 26, 2026]".
            console.print(f"    \u201c{escape(annotate(c.quote, c.published))}\u201d", style="dim")
    if answer.removed:
        console.print(f"[dim]{len(answer.removed)} unsupported sentence(s) removed by the verifier[/]")

"""Printing an Answer for a terminal: the answer, then the numbered sources with their quotes."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape

from briefing.answering.relative_dates import annotate
from briefing.types import Answer, Article


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
        for unsaid in answer.unanswered:
            console.print(f"[bold]{escape(unsaid)}[/]")
    if answer.citations:
        console.print()
        console.print("[bold]Sources[/]")
        for c in answer.citations:
            where = c.url or c.source_path or ""
            console.print(f"[{c.n}] {escape(c.outlet or 'unknown outlet')}, {c.published or 'undated'} — "
                          f"{escape(c.title)} ({escape(where)})")
            # The quote with its relative dates resolved beside them: "Thursday [February 26, 2026]".
            # on one line: a quote running from a subhead into its paragraph holds the line break between them
            console.print(f"    \u201c{escape(annotate(' '.join(c.quote.split()), c.published))}\u201d", style="dim")
    if answer.removed:
        console.print(f"[dim]{len(answer.removed)} unsupported sentence(s) removed by the verifier[/]")


WIDE_TABLE_COLUMNS = 120  # below this (or when piped) the table's columns get too narrow to read: one block per article


def print_sources(articles: list[Article], console: Console) -> None:
    """The ingested articles: a table in a wide terminal; else (narrow, or piped) three plain lines each.

    Ids and dates are never cut, so an id can be copied into `briefing delete`.
    """
    from briefing.answering.attribution import republished_by  # the wording answers and the chat use too
    from briefing.ingest.files import display_path

    def outlet(a: Article) -> str:
        return (a.outlet or "unknown outlet") + (f" ({republished_by(a.site)})" if a.site else "")

    def where(a: Article) -> str:
        return a.url or (display_path(Path(a.source_path)) if a.source_path else "")

    def passages(a: Article) -> str:
        return f"{a.passages} passage" + ("" if a.passages == 1 else "s")

    if console.is_terminal and console.width >= WIDE_TABLE_COLUMNS:
        from rich.table import Table

        table = Table(expand=False)
        table.add_column("id", no_wrap=True, min_width=len(articles[0].article_id))
        table.add_column("published", no_wrap=True, min_width=10)
        table.add_column("outlet", max_width=28)
        table.add_column("title", ratio=2)
        table.add_column("passages", justify="right", no_wrap=True)
        table.add_column("url / path", ratio=1, overflow="fold")
        for a in articles:
            table.add_row(a.article_id, a.published or "undated", outlet(a), a.title, str(a.passages), where(a))
        console.print(table, markup=False)
        return
    for i, a in enumerate(articles):
        if i:
            console.print()
        console.print(f"{a.article_id}  {a.published or 'undated'}  {outlet(a)}  \u00b7 {passages(a)}", markup=False)
        console.print(f"  {a.title}", markup=False)
        if where(a):
            console.print(f"  {where(a)}", markup=False)

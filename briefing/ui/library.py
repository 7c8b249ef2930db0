"""The library tab: rows of the articles table, filter choices, and an ingest report as HTML."""

from __future__ import annotations

from briefing.types import Article, IngestReport
from briefing.ui.html import esc, hide_paths, plural

LIBRARY_HEADERS = ["title", "outlet", "date", "passages", "id"]


def library_rows(articles: list[Article]) -> list[list]:
    """One row per article (the table shows them as plain text, never as markdown or HTML)."""
    return [
        [a.title or "untitled", a.outlet or "unknown", a.published or "undated", a.passages, a.article_id]
        for a in articles
    ]


def outlet_choices(articles: list[Article]) -> list[str]:
    """The outlets to filter by, as the store knows them (an unknown outlet cannot be chosen)."""
    return sorted({a.outlet for a in articles if a.outlet}, key=str.lower)


def article_choices(articles: list[Article]) -> list[tuple[str, str]]:
    """(label, article id) pairs for the delete picker."""
    out = []
    for a in articles:
        title = a.title if len(a.title) <= 70 else a.title[:69] + "\u2026"
        label = f"{title} \u2014 {a.outlet or 'unknown'}, {a.published or 'undated'} ({a.article_id})"
        out.append((label, a.article_id))
    return out


def render_ingest_report(report: IngestReport, shown_as: dict[str, str] | None = None, batch: int | None = None) -> str:
    """What an upload did: counts, then every failed file with its reason (``shown_as`` renames paths).

    ``batch`` numbers the upload, so that two identical reports in a row still replace each other.
    """
    shown_as = shown_as or {}

    def name(label: str) -> str:
        path, sep, n = label.partition("#")
        return hide_paths(shown_as.get(path, path)) + (sep + n)

    counts = (
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.failed)} failed"
    )
    status = "bq-ok" if report.ok else "bq-warn"
    number = f' data-batch="{batch}"' if batch is not None else ""
    parts = [f'<div class="bq-report {status}"{number}><strong>{counts}</strong>']
    if report.failed:
        items = "".join(
            f"<li><code>{esc(name(path))}</code>: {esc(hide_paths(reason))}</li>" for path, reason in report.failed
        )
        parts.append(f"<div>{plural(len(report.failed), 'file')} could not be read:</div><ul>{items}</ul>")
    new = report.added + report.updated
    if new:
        parts.append(f'<div class="bq-muted">New or changed: {esc(", ".join(name(x) for x in new))}</div>')
    parts.append("</div>")
    return "".join(parts)

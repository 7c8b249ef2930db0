"""HTML for the chat (app.py): answers, source cards, the timeline and the library, every string escaped.

Pure functions from the project's types to HTML strings; nothing here imports gradio. Article text,
titles, outlets and URLs are untrusted input: they are escaped, never rendered as markdown, and a URL
becomes a link only when its scheme is http or https.
"""

from __future__ import annotations

from briefing.ui.answer import (
    render_answer,
    render_error,
    render_hint,
    render_question,
    render_sources_group,
    render_sources_panel,
    render_streaming,
)
from briefing.ui.auth import parse_auth
from briefing.ui.html import esc, hide_paths, human_date, safe_url
from briefing.ui.library import article_choices, library_rows, outlet_choices, render_ingest_report
from briefing.ui.timeline import render_timeline, timeline_events

__all__ = [
    "article_choices",
    "esc",
    "hide_paths",
    "human_date",
    "library_rows",
    "outlet_choices",
    "parse_auth",
    "render_answer",
    "render_error",
    "render_hint",
    "render_ingest_report",
    "render_question",
    "render_sources_group",
    "render_sources_panel",
    "render_streaming",
    "render_timeline",
    "safe_url",
    "timeline_events",
]

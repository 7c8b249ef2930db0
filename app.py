"""The Gradio chat: `python app.py` (or `briefing serve`) on http://127.0.0.1:7860.

A thin shell over ``Briefing``: answers stream into the chat, each [n] marker brings up its source
card beside it, a timeline tab places the dated claims in time, and a library tab lists, adds and
deletes articles. Everything shown from a source is escaped HTML built by ``briefing.ui``.
"""

from __future__ import annotations

import logging
import shutil
import sys
import threading
from datetime import date
from pathlib import Path

import gradio as gr
import pandas as pd

from briefing import Answer, Briefing, BriefingError
from briefing.ui import (
    article_choices,
    esc,
    library_rows,
    outlet_choices,
    parse_auth,
    render_answer,
    render_error,
    render_ingest_report,
    render_question,
    render_sources_group,
    render_sources_panel,
    render_streaming,
    render_timeline,
)
from briefing.ui.answer import passage_context
from briefing.ui.assets import INSTALL_JS
from briefing.ui.library import LIBRARY_HEADERS

CHAT_CONCURRENCY = 8  # chats answered at once: one slow LLM call must not hold up the others
QUEUE_MAX = 256  # waiting requests beyond this are refused with "queue full" rather than piling up
TURNS_KEPT = 20  # per session: older turns leave the sources panel (the chat keeps them)
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".json", ".jsonl"]  # the CLI's formats (CONTRACT)
SIDECAR_SUFFIX = ".meta.json"  # uploaded beside its article; read by ingest, not ingested itself

log = logging.getLogger("briefing.app")


def parse_day(value, name: str) -> str | None:
    """A YYYY-MM-DD filter bound from the date box, or None when empty; anything else is a BriefingError."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise BriefingError(f"{name}: expected a date like 2026-03-01, got {str(value)!r}") from None


def backend_choices(settings) -> list[tuple[str, str]]:
    configured = bool(settings.openai_base_url or settings.openai_api_key)
    label = "openai" + (f" \u00b7 {settings.llm_model}" if settings.llm_model else "")
    return [("extractive (offline)", "extractive"), ("local (bundled model, CPU)", "local"),
            (label if configured else f"{label} (not configured)", "openai")]


class ChatApp:
    """The handlers behind the page. One Briefing serves every session; writes take turns."""

    def __init__(self, briefing: Briefing) -> None:
        self.b = briefing
        self.write_lock = threading.Lock()  # ingest and delete, one at a time; reads go on meanwhile

    # ---- chat ----------------------------------------------------------------------------------

    @staticmethod
    def messages(turns: list[dict], pending: tuple[str, str] | None = None) -> list[dict]:
        out = []
        for user, bot in [(t["user"], t["bot"]) for t in turns] + ([pending] if pending else []):
            out += [{"role": "user", "content": user}, {"role": "assistant", "content": bot}]
        return out

    def contexts(self, answer: Answer) -> dict[int, str | None]:
        """For each citation, the article text around its passage (None when the article is gone)."""
        by_id = {p.passage_id: p for p in answer.passages}
        texts: dict[str, str | None] = {}
        out: dict[int, str | None] = {}
        for c in answer.citations:
            if c.article_id not in texts:
                try:
                    texts[c.article_id] = self.b.article(c.article_id).text
                except BriefingError:
                    texts[c.article_id] = None
            passage, text = by_id.get(c.passage_id), texts[c.article_id]
            out[c.n] = passage_context(text, passage) if passage and text else None
        return out

    def chat(self, question, since, until, outlets, k, backend, turns):
        """Streams one answer into the chat; then its source cards, its timeline and the session's turns."""
        turns = list(turns or [])
        question = (question or "").strip()
        if not question:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        turn = (turns[-1]["turn"] + 1) if turns else 0
        user_html = render_question(question)
        yield "", self.messages(turns, (user_html, render_streaming(""))), gr.skip(), gr.skip(), gr.skip()
        history = [m for t in turns if t["text"] for m in ({"role": "user", "content": t["question"]},
                                                            {"role": "assistant", "content": t["text"]})]
        answer, text, bot = None, "", render_error("no answer was produced")
        try:
            lo, hi = parse_day(since, "since"), parse_day(until, "until")
            if lo and hi and lo > hi:
                raise BriefingError(f"the date range is empty: since {lo} is after until {hi}")
            stream = self.b.ask_stream(question, since=lo, until=hi, sources=list(outlets or []) or None,
                                       k=max(1, min(int(k or 8), 30)), history=history, backend=backend or None)
            for item in stream:
                if isinstance(item, Answer):
                    answer = item
                else:
                    text += item
                    yield gr.skip(), self.messages(turns, (user_html, render_streaming(text))), *[gr.skip()] * 3
        except BriefingError as exc:
            bot = render_error(str(exc))
        except Exception as exc:  # the page gets one sentence; the traceback goes to the server log
            log.exception("answering %r failed", question)
            bot = render_error(f"an internal error occurred ({type(exc).__name__}); see the server log")
        if answer is None:
            turns.append({"turn": turn, "question": question, "text": "", "user": user_html, "bot": bot,
                          "sources": None})
            yield gr.skip(), self.messages(turns), gr.skip(), gr.skip(), turns
            return
        turns.append({
            "turn": turn,
            "question": question,
            "text": answer.answer,
            "user": user_html,
            "bot": render_answer(answer, turn, self.b.settings.llm_model),
            "sources": render_sources_group(answer, turn, self.contexts(answer)),
        })
        groups = [(t["turn"], t["sources"]) for t in turns[-TURNS_KEPT:] if t["sources"] is not None]
        yield gr.skip(), self.messages(turns), render_sources_panel(groups), render_timeline(answer), turns

    @staticmethod
    def clear():
        return [], render_sources_panel([]), render_timeline(None), []

    # ---- library -------------------------------------------------------------------------------

    def library(self):
        """The articles table, the outlet filter's choices, the delete picker's choices and a summary line."""
        articles = self.b.sources()
        table = pd.DataFrame(library_rows(articles), columns=LIBRARY_HEADERS)
        dated = [a.published for a in articles if a.published]
        summary = f"{len(articles)} articles in the library" + (
            f", published {esc(min(dated))} to {esc(max(dated))}" if dated else ""
        )
        return (
            table,
            gr.update(choices=outlet_choices(articles)),
            gr.update(choices=article_choices(articles), value=None),
            f'<div class="bq-muted" id="bq-library-summary">{summary}</div>',
        )

    def add_files(self, files, progress=gr.Progress()):  # noqa: B008 - gradio injects the tracker here
        """Copies the uploads into BRIEFING_HOME/uploads and ingests them; every failure keeps its reason."""
        if not files:
            return ('<div class="bq-warn">Choose files to add first.</div>', *self.library(), None)
        folder = self.b.settings.home_dir / "uploads"
        folder.mkdir(parents=True, exist_ok=True)
        targets = []
        for f in files:
            src = Path(getattr(f, "name", f))
            dest = folder / src.name
            shutil.copyfile(src, dest)
            if not dest.name.endswith(SIDECAR_SUFFIX):
                targets.append(dest)
        progress(0, desc="Reading files")

        def step(done: int, total: int, path: str) -> None:
            progress((done, total), desc=f"Reading {Path(path).name}", unit="files")

        with self.write_lock:
            report = self.b.ingest(targets, progress=step)
            self.warm_up()
        labels = [p for p, _ in report.failed] + report.added + report.updated + report.unchanged
        shown = {label.partition("#")[0]: Path(label.partition("#")[0]).name for label in labels}
        return (render_ingest_report(report, shown), *self.library(), None)

    def delete(self, article_id):
        article_id = (article_id or "").strip()
        if not article_id:
            return ('<div class="bq-warn">Pick an article (or paste its id) to delete.</div>', *self.library())
        try:
            with self.write_lock:
                gone = self.b.delete(article_id)
                self.warm_up()
        except BriefingError as exc:
            return (f'<div class="bq-warn">{esc(exc)}</div>', *self.library())
        note = f'<div class="bq-ok">Deleted \u201c{esc(gone.title)}\u201d ({esc(gone.article_id)}).</div>'
        return (note, *self.library())

    def warm_up(self) -> None:
        """Load the model and (re)build the keyword index now, not inside the next user's question."""
        try:
            if self.b.sources():
                self.b.retrieve("warm up", k=1)
                self.b.embedder.embed(["warm up"])  # the verifier's encoder, when it is not the query one
        except BriefingError as exc:
            log.warning("warm-up failed: %s", exc)


def create_app(briefing: Briefing) -> gr.Blocks:
    """The chat page over one Briefing (queued; call ``.launch()`` on it, or use ``serve``)."""
    app = ChatApp(briefing)
    settings = briefing.settings
    with gr.Blocks(title="briefing", analytics_enabled=False, fill_width=True) as demo:
        turns = gr.State([])
        gr.HTML('<h2 style="margin:0">briefing</h2><div class="bq-muted">Every claim cited, dated and '
                "attributed \u2014 from the articles in the library only.</div>", js_on_load=None)
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=420):
                        chatbot = gr.Chatbot(
                            label="Briefing", elem_id="bq-chat", height=560, render_markdown=False,
                            sanitize_html=True, latex_delimiters=[], allow_tags=False, buttons=["copy"],
                            placeholder="Ask about the news in the library, e.g. "
                                        "\u201cWho is the Pentagon's chief spokesperson?\u201d",
                        )
                        with gr.Row():
                            question = gr.Textbox(label="Question", placeholder="Ask a question\u2026",
                                                  show_label=False, scale=6, elem_id="bq-input", max_lines=4,
                                                  autofocus=True)
                            send = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="bq-send")
                        with gr.Row():
                            since = gr.DateTime(label="Since", include_time=False, type="string", elem_id="bq-since")
                            until = gr.DateTime(label="Until", include_time=False, type="string", elem_id="bq-until")
                            outlets = gr.Dropdown(label="Outlets", multiselect=True, allow_custom_value=True,
                                                  choices=outlet_choices(briefing.sources()), elem_id="bq-outlets")
                        with gr.Row():
                            k = gr.Slider(1, 20, value=8, step=1, label="Passages to retrieve (k)")
                            backend = gr.Dropdown(label="Backend", choices=backend_choices(settings),
                                                  value=settings.default_backend, elem_id="bq-backend")
                            clear = gr.Button("New conversation", size="sm")
                    with gr.Column(scale=2, min_width=320):
                        sources = gr.HTML(render_sources_panel([]), js_on_load=INSTALL_JS, elem_id="bq-sources",
                                          max_height=720, label="Sources")
            with gr.Tab("Timeline", id="timeline"):
                timeline = gr.HTML(render_timeline(None), js_on_load=None, elem_id="bq-timeline")
            with gr.Tab("Library", id="library"):
                summary = gr.HTML(js_on_load=None)
                table = gr.Dataframe(headers=LIBRARY_HEADERS, datatype=["str", "str", "str", "number", "str"],
                                     interactive=False, wrap=True, elem_id="bq-library", label="Articles")
                with gr.Row():
                    files = gr.File(label="Add articles (.txt .md .html .htm .json .jsonl; a NAME.meta.json "
                                          "sidecar may come along; a file named like an earlier upload "
                                          "replaces it)", file_count="multiple",
                                    file_types=UPLOAD_TYPES, elem_id="bq-upload")
                    add = gr.Button("Add to library", variant="primary", elem_id="bq-add")
                report = gr.HTML(js_on_load=None, elem_id="bq-report")
                with gr.Row():
                    to_delete = gr.Dropdown(label="Delete an article (pick one or paste its id)", choices=[],
                                            allow_custom_value=True, elem_id="bq-delete-pick")
                    delete = gr.Button("Delete", variant="stop", elem_id="bq-delete")
                deleted = gr.HTML(js_on_load=None, elem_id="bq-deleted")

        library_outputs = [table, outlets, to_delete, summary]
        ask = dict(fn=app.chat, inputs=[question, since, until, outlets, k, backend, turns],
                   outputs=[question, chatbot, sources, timeline, turns], show_progress="hidden",
                   concurrency_limit=CHAT_CONCURRENCY, concurrency_id="chat")
        question.submit(**ask, api_name="chat")
        send.click(**ask, api_name=False)
        clear.click(app.clear, None, [chatbot, sources, timeline, turns], api_name=False, queue=False)
        chatbot.clear(app.clear, None, [chatbot, sources, timeline, turns], api_name=False, queue=False)
        library_writes = dict(concurrency_limit=1, concurrency_id="library")
        add.click(app.add_files, [files], [report, *library_outputs, files], api_name="add_files", **library_writes)
        delete.click(app.delete, [to_delete], [deleted, *library_outputs], api_name="delete", **library_writes)
        demo.load(app.library, None, library_outputs, api_name="library")
    demo.queue(default_concurrency_limit=4, max_size=QUEUE_MAX)
    return demo


def serve(briefing: Briefing, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Build the chat and serve it until interrupted (login required when BRIEFING_AUTH is set)."""
    auth = parse_auth(briefing.settings.auth)
    demo = create_app(briefing)
    ChatApp(briefing).warm_up()
    demo.launch(server_name=host, server_port=port, auth=auth, ssr_mode=False,
                auth_message="briefing: log in with a user:password from BRIEFING_AUTH" if auth else None)


if __name__ == "__main__":
    try:
        serve(Briefing())
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)

"""The Gradio chat: `briefing serve` (or `python app.py`) on http://127.0.0.1:7860.

A thin shell over ``Briefing``: answers stream into the chat, each [n] marker brings up its source
card beside it, a timeline tab places the dated claims in time, and a library tab lists, adds and
deletes articles. Everything shown from a source is escaped HTML built by ``briefing.ui``.
"""

from __future__ import annotations

import ipaddress
import itertools
import logging
import sys
import threading
from datetime import date
from pathlib import Path

import gradio as gr
import pandas as pd

from briefing import Answer, Briefing, BriefingError, IngestReport
from briefing.ingest.formats import READERS
from briefing.ui import (
    article_choices,
    esc,
    hide_paths,
    library_rows,
    outlet_choices,
    parse_auth,
    render_answer,
    render_error,
    render_hint,
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
from briefing.ui.uploads import place_uploads, remove_stored, remove_temporary

CHAT_CONCURRENCY = 8  # chats answered at once: one slow LLM call must not hold up the others
QUEUE_MAX = 256  # waiting requests beyond this are refused with "queue full" rather than piling up
TURNS_KEPT = 20  # per session: older turns leave the sources panel (the chat keeps them)
UPLOAD_TYPES = sorted(READERS)  # what ingest reads, as the CLI does (CONTRACT)
EMPTY_QUESTION_HINT = (
    "Type a question first, e.g. \u201cWho is the Pentagon's chief spokesperson?\u201d, then press Enter or Ask."
)
LOOPBACK_NAMES = {"localhost"}

log = logging.getLogger("briefing.app")


def parse_day(value, name: str) -> str | None:
    """A YYYY-MM-DD filter bound from the date box, or None when empty; anything else is a BriefingError."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise BriefingError(f"{name}: expected a date like 2026-03-01, got {text!r}") from None


def is_loopback(host: str) -> bool:
    """True when only this machine can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, auth: list | None) -> str | None:
    """The startup warning for a chat anyone on the network can use, or None (loopback, or a login set)."""
    if auth or is_loopback(host):
        return None
    return (
        f"warning: serving on {host} with no login: anyone who can reach this port can ask questions and read "
        "every article. Set BRIEFING_AUTH=user:password to require one. Adding and deleting articles is "
        "switched off until then."
    )


def backend_choices(settings) -> list[tuple[str, str]]:
    configured = bool(settings.openai_base_url or settings.openai_api_key)
    label = "openai" + (f" \u00b7 {settings.llm_model}" if settings.llm_model else "")
    return [("extractive (offline)", "extractive"), ("local (bundled model, CPU)", "local"),
            (label if configured else f"{label} (not configured)", "openai")]


def upload_path(file) -> Path:
    """Where the web server stored an upload: a FileData payload (dict), a tempfile-like object, or a path."""
    if isinstance(file, dict):
        return Path(file["path"])
    return Path(getattr(file, "name", file))


class ChatApp:
    """The handlers behind the page. One Briefing serves every session; writes take turns."""

    def __init__(self, briefing: Briefing) -> None:
        self.b = briefing
        self.max_bytes = int(briefing.settings.max_file_mb * 1_000_000)
        self.batches = itertools.count(1)  # numbers each upload's report
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
        if not question:  # the hint is shown, not kept: it is no turn of the conversation
            yield "", [*self.messages(turns), {"role": "assistant", "content": render_hint(EMPTY_QUESTION_HINT)}], \
                gr.skip(), gr.skip(), gr.skip()
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

    def library_view(self, writable: bool):
        """The handler refreshing the library tab: without the delete picker when the page cannot delete."""
        return self.library if writable else self.library_read_only

    def library_read_only(self):
        table, outlets, _, summary = self.library()
        return table, outlets, summary

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
        """Keeps the uploads that pass the size and type checks, ingests them, and removes what is refused.

        The web server's temporary copies are deleted either way; the page only ever sees file names.
        """
        if not files:
            return ('<div class="bq-warn">Choose files to add first.</div>', *self.library())
        sources = [upload_path(f) for f in (files if isinstance(files, list) else [files])]
        progress(0, desc="Waiting for the library")
        with self.write_lock:
            placed = place_uploads(sources, self.b.settings.home_dir / "uploads", self.max_bytes, set(UPLOAD_TYPES))
            remove_temporary(sources, Path(gr.utils.get_upload_folder()))

            def step(done: int, total: int, path: str) -> None:
                progress((done, total), desc=f"Reading {Path(path).name}", unit="files")

            progress(0, desc="Reading files")
            try:
                report = self.b.ingest(placed.targets, progress=step) if placed.targets else IngestReport()
            except Exception as exc:  # nothing half-kept: the files go, the page gets one sentence
                remove_stored(placed, placed.targets)
                log.exception("ingesting uploads failed")
                reason = str(exc) if isinstance(exc, BriefingError) else f"an internal error ({type(exc).__name__})"
                return (f'<div class="bq-warn">The upload could not be added: {esc(hide_paths(reason))}</div>',
                        *self.library())
            kept = {Path(label.partition("#")[0]).resolve()
                    for label in report.added + report.updated + report.unchanged}
            remove_stored(placed, [t for t in placed.targets if t.resolve() not in kept])
            if report.added or report.updated:
                self.warm_up()
        report.failed[:0] = placed.refused
        labels = [label for label, _ in report.failed] + report.added + report.updated + report.unchanged
        shown = {path: Path(path).name for path in (label.partition("#")[0] for label in labels)}
        return (render_ingest_report(report, shown, next(self.batches)), *self.library())

    def delete(self, article_id):
        article_id = (article_id or "").strip()
        if not article_id:
            return ('<div class="bq-warn">Pick an article (or paste its id) to delete.</div>', *self.library())
        try:
            with self.write_lock:
                gone = self.b.delete(article_id)
                self.warm_up()
        except BriefingError as exc:
            return (f'<div class="bq-warn">{esc(hide_paths(str(exc)))}</div>', *self.library())
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


def create_app(briefing: Briefing, writable: bool = True) -> gr.Blocks:
    """The chat page over one Briefing (queued; start it with ``serve``, which sets the upload limit).

    ``writable=False`` leaves out adding and deleting articles: their controls and their endpoints.
    """
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
                            # Plain text boxes: a date picker keeps its last valid date when the typed one is
                            # invalid, so the error would never reach the chat
                            since = gr.Textbox(label="Since", placeholder="YYYY-MM-DD", max_lines=1, elem_id="bq-since")
                            until = gr.Textbox(label="Until", placeholder="YYYY-MM-DD", max_lines=1, elem_id="bq-until")
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
                                     interactive=False, wrap=True, elem_id="bq-library", label="Articles",
                                     column_widths=["38%", "20%", "12%", "8%", "22%"])
                to_delete = None
                if writable:
                    with gr.Row(equal_height=True):
                        # A button, not a file box: the box's preview links the server's temporary path.
                        # No file_types: an unsupported file gets its reason in the report, not a bare toast.
                        files = gr.UploadButton("Add articles\u2026", file_count="multiple", variant="primary",
                                                elem_id="bq-upload", scale=1, min_width=160)
                        gr.HTML(f'<div class="bq-muted">{esc(" ".join(UPLOAD_TYPES))}, up to '
                                f"{settings.max_file_mb:g} MB each; a NAME.meta.json sidecar may come along. "
                                "Each file is read and added as soon as it arrives.</div>", js_on_load=None,
                                elem_id="bq-upload-note")
                    report = gr.HTML('<div class="bq-muted">Uploads are checked, read and reported here.</div>',
                                     js_on_load=None, elem_id="bq-report", min_height=48)
                    with gr.Row():
                        to_delete = gr.Dropdown(label="Delete an article (pick one or paste its id)", choices=[],
                                                allow_custom_value=True, elem_id="bq-delete-pick")
                        delete = gr.Button("Delete", variant="stop", elem_id="bq-delete")
                    deleted = gr.HTML(js_on_load=None, elem_id="bq-deleted")
                else:
                    gr.HTML('<div class="bq-warn" id="bq-read-only">Adding and deleting articles is switched off: '
                            "this chat is served beyond this machine without a login (set BRIEFING_AUTH).</div>",
                            js_on_load=None)

        library_outputs = [table, outlets, *([to_delete] if to_delete else []), summary]
        ask = dict(fn=app.chat, inputs=[question, since, until, outlets, k, backend, turns],
                   outputs=[question, chatbot, sources, timeline, turns], show_progress="hidden",
                   concurrency_limit=CHAT_CONCURRENCY, concurrency_id="chat")
        question.submit(**ask, api_name="chat")
        send.click(**ask, api_name=False)
        clear.click(app.clear, None, [chatbot, sources, timeline, turns], api_name=False, queue=False)
        chatbot.clear(app.clear, None, [chatbot, sources, timeline, turns], api_name=False, queue=False)
        if writable:
            # Writes are page actions, not API endpoints: scripts add and delete with the CLI or Python API.
            # One progress indicator each, on the report line, not one over every refreshed component.
            library_writes = dict(concurrency_limit=1, concurrency_id="library", api_visibility="private")
            # preprocess=False: the file paths as the server stored them (checked to be its uploads), without
            # the button's own preprocessing, which leaves an empty temporary file behind per upload
            files.upload(app.add_files, [files], [report, *library_outputs], show_progress_on=[report],
                         preprocess=False, **library_writes)
            delete.click(app.delete, [to_delete], [deleted, *library_outputs], show_progress_on=[deleted],
                         **library_writes)
        demo.load(app.library_view(writable), None, library_outputs, api_name="library", show_progress_on=[table])
    demo.queue(default_concurrency_limit=4, max_size=QUEUE_MAX)
    return demo


def serve(briefing: Briefing, host: str = "127.0.0.1", port: int = 7860, block: bool = True) -> gr.Blocks:
    """Build the chat and serve it (until interrupted, unless ``block`` is False; then ``.close()`` it).

    A login is required when BRIEFING_AUTH is set. Served beyond loopback without one, the chat warns
    at startup and leaves out adding and deleting articles. Uploads over BRIEFING_MAX_FILE_MB are refused
    by the web server while they arrive, before anything is kept.
    """
    auth = parse_auth(briefing.settings.auth)
    warning = exposure_warning(host, auth)
    if warning:
        log.warning(warning)
        print(warning, file=sys.stderr)
    demo = create_app(briefing, writable=warning is None)
    ChatApp(briefing).warm_up()
    demo.launch(server_name=host, server_port=port, auth=auth, ssr_mode=False, quiet=not block,
                prevent_thread_lock=not block, max_file_size=int(briefing.settings.max_file_mb * 1_000_000),
                auth_message="briefing: log in with a user:password from BRIEFING_AUTH" if auth else None)
    return demo



def main() -> None:
    """`python app.py`: serve the chat on the default home, one clear line on a configuration error."""
    try:
        serve(Briefing())
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)

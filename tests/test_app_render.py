"""The chat's HTML helpers (briefing.ui) and app.py's handlers at the Briefing seam: no browser, no model."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from briefing import Answer, Article, BriefingError, Citation, Claim, ConfigError, IngestReport, Passage, Settings
from briefing.ui import (
    article_choices,
    esc,
    human_date,
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
    safe_url,
    timeline_events,
)
from briefing.ui.answer import highlight, passage_context, render_source_card

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
MD_LINK = "[click](javascript:alert(3))"
HOSTILE = f"{SCRIPT} {IMG} {MD_LINK} \" ' &"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """Parsed as a browser would: only our own tags, no event handler, no link that is not http(s)."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in {"script", "img", "svg", "iframe", "object", "embed", "style"}, (tag, html)
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if "href" in attrs:
            assert safe_url(attrs["href"]) == attrs["href"], attrs


def citation(n=1, **kw) -> Citation:
    base = dict(n=n, article_id="a1", passage_id="a1-p0", title="Talks resume", outlet="The Hill",
                published="2026-02-26", url="https://example.com/story", source_path="data/seeds/x.txt",
                quote="Sean Parnell, chief Pentagon spokesperson, wrote on X.")
    base.update(kw)
    return Citation(**base)


def passage(**kw) -> Passage:
    text = "Before that. Sean Parnell, chief Pentagon spokesperson, wrote on X. After that."
    base = dict(passage_id="a1-p0", article_id="a1", text=text, start=10, end=10 + len(text), title="Talks resume",
                outlet="The Hill", published="2026-02-26")
    base.update(kw)
    return Passage(**base)


def answer(**kw) -> Answer:
    c = citation()
    base = dict(question="Who is the spokesperson?", answer="On February 26, 2026, The Hill reported ... [1]",
                abstained=False, backend="extractive",
                claims=[Claim("On February 26, 2026, The Hill reported that Sean Parnell wrote on X. [1]", [1])],
                citations=[c], passages=[passage()])
    base.update(kw)
    return Answer(**base)


# ---- escaping and URLs --------------------------------------------------------------------------


def test_esc_makes_text_and_attributes_inert():
    assert esc(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert esc('"x" \'y\' & z') == "&quot;x&quot; &#x27;y&#x27; &amp; z"
    assert esc(None) == ""


@pytest.mark.parametrize("url", ["https://example.com/a?b=1", "http://ustower.net/?p=54128", "HTTPS://EXAMPLE.COM"])
def test_safe_url_keeps_http_links(url):
    assert safe_url(url) == url


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "/relative/path", "//evil.example/x",
    "http:/no-host", "file:///etc/passwd", "https://exa mple.com", "https://example.com/\nx", "", None,
])
def test_safe_url_refuses_everything_else(url):
    assert safe_url(url) is None


def test_human_date():
    assert human_date("2026-02-26") == "February 26, 2026"
    assert human_date(None) == "undated"
    assert human_date("someday") == "someday"


# ---- chat messages ------------------------------------------------------------------------------


def test_answer_markers_become_buttons_for_this_turn_only_for_cited_numbers():
    a = answer(claims=[Claim("Parnell wrote on X [1], see also [7].", [1])])
    html = render_answer(a, turn=3)
    assert '<button type="button" class="bq-cite bq-t3 bq-n1"' in html
    assert "[7]" in html and "bq-n7" not in html
    assert "as of February 26, 2026" in html and "1 source" in html
    assert 'title="The Hill, February 26, 2026' in html  # hovering a marker previews its source


def test_claims_from_one_article_are_listed_under_its_attribution_said_once():
    lead = "On February 26, 2026, The Hill reported that"
    other = citation(2, article_id="a2", passage_id="a2-p0", outlet="AI Daily", published="2026-03-22")
    claims = [Claim(f"{lead} Sean Parnell wrote on X. [1]", [1]),
              Claim("On March 22, 2026, AI Daily reported that talks resumed. [2]", [2]),
              Claim(f"{lead} the Pentagon set a deadline. [1]", [1]),
              Claim("Both outlets named Parnell. [1][2]", [1, 2])]
    a = answer(claims=claims, citations=[citation(), other],
               passages=[passage(), passage(passage_id="a2-p0", article_id="a2", outlet="AI Daily",
                                            published="2026-03-22")])
    html = render_answer(a, 0)
    assert html.count(lead) == 1  # said once, for both of its claims
    assert html.count('<li class="bq-claim">') == 4  # one line per claim
    group = html[html.index('<li class="bq-group">'):]
    assert group.startswith(f'<li class="bq-group"><div class="bq-lead">{lead}:</div><ul>')
    assert "Sean Parnell wrote on X." in group.split("</ul>")[0] and "the Pentagon set a deadline." in group
    # a lead only one claim uses stays in its sentence; a claim citing two articles is whole
    assert '<li class="bq-claim">On March 22, 2026, AI Daily reported that talks resumed.' in html
    assert '<li class="bq-claim">Both outlets named Parnell.' in html
    assert_inert(html)


def test_a_single_claim_is_one_line_with_its_attribution():
    html = render_answer(answer(), 0)
    assert '<ul class="bq-claims"><li class="bq-claim">On February 26, 2026, The Hill reported' in html
    assert "bq-group" not in html


@pytest.mark.parametrize(("text", "shown"), [
    ("could not read /home/ana/.briefing/uploads/ab12/x.md: bad bytes", "could not read x.md: bad bytes"),
    ("invalid sidecar JSON in /srv/data/seeds/a.meta.json (line 1)", "invalid sidecar JSON in a.meta.json (line 1)"),
    ("server http://127.0.0.1:9/v1/chat is down", "server http://127.0.0.1:9/v1/chat is down"),
    ("see https://example.com/a/b/c.html", "see https://example.com/a/b/c.html"),
])
def test_hide_paths_cuts_server_paths_to_file_names_and_keeps_urls(text, shown):
    from briefing.ui import hide_paths

    assert hide_paths(text) == shown
    assert shown in render_error(text)


def test_hostile_claims_and_citations_render_as_text():
    c = citation(title=HOSTILE, outlet=IMG, quote=f"quote {SCRIPT}", url="javascript:alert(6)")
    a = answer(question=HOSTILE, claims=[Claim(f"{HOSTILE} [1]", [1])], citations=[c],
               standalone_question=f"rewritten {IMG}", fallback_reason=f"server said {SCRIPT}",
               removed=[{"text": IMG, "reason": SCRIPT}])
    for html in (render_answer(a, 0), render_question(HOSTILE), render_streaming(HOSTILE), render_error(HOSTILE),
                 render_sources_group(a, 0), render_timeline(a)):
        assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in render_answer(a, 0)
    assert esc(MD_LINK) in render_answer(a, 0)  # markdown stays literal: nothing here renders markdown


def test_abstention_is_shown_as_such():
    a = answer(abstained=True, answer="The ingested sources do not say who won the 2026 World Cup.", claims=[],
               citations=[])
    html = render_answer(a, 0)
    assert "bq-abstained" in html and "Not in the sources" in html and "do not say" in html
    assert "bq-cite" not in html
    group = render_sources_group(a, 0)
    assert "No source supports an answer" in group and "Talks resume" in group  # the closest article retrieved


def test_removed_sentences_fallback_note_and_model_name():
    a = answer(backend="openai", fallback_reason=None,
               removed=[{"text": "Unsupported one.", "reason": "not in the passage"}, {"text": "Another."}])
    html = render_answer(a, 0, model="smollm2")
    assert "2 unsupported sentences removed" in html and "<details" in html
    assert "not in the passage" in html
    assert "answered by openai (smollm2)" in html
    reason = "the server at http://127.0.0.1:9 is unreachable; answered by the offline extractive backend instead"
    fell_back = render_answer(answer(fallback_reason=reason), 0, "m")
    assert "bq-fallback" in fell_back and "Fell back to extractive:" in fell_back and "unreachable" in fell_back
    assert "answered by extractive" in fell_back and "(m)" not in fell_back
    assert "1 unsupported sentence removed" in render_answer(answer(removed=[{"text": "x"}]), 0)


def test_followup_shows_the_understood_question():
    html = render_answer(answer(question="And what did he say?", standalone_question="What did Parnell say?"), 0)
    assert "Understood as: What did Parnell say?" in html
    assert "Understood as" not in render_answer(answer(), 0)


# ---- source cards ---------------------------------------------------------------------------------


def test_source_card_shows_outlet_date_title_link_and_the_quote_in_context():
    html = render_source_card(citation(), 2, passage())
    assert 'id="bq-src-2-1"' in html
    assert '<span class="bq-outlet">The Hill</span>' in html
    assert '<time datetime="2026-02-26">February 26, 2026</time>' in html
    assert '<a class="bq-link" href="https://example.com/story" target="_blank" rel="noopener noreferrer nofollow">' \
        in html
    assert "Before that. <mark>Sean Parnell, chief Pentagon spokesperson, wrote on X.</mark> After that." in html


def test_source_card_undated_unknown_outlet_and_a_file_by_its_name_only():
    path = "/srv/briefing/home/uploads/0123abcd/002.txt"
    html = render_source_card(citation(published=None, outlet=None, url=None, source_path=path), 0)
    assert "undated" in html and "unknown outlet" in html
    assert "<code>002.txt</code>" in html and "<a " not in html
    assert "/srv" not in html and "uploads" not in html
    relative = render_source_card(citation(url=None, source_path="data/seeds/003_90a6.txt"), 0)
    assert "<code>003_90a6.txt</code>" in relative and "data/seeds" not in relative


def test_source_card_names_a_republishing_site_as_the_answer_does():
    from briefing.answering.attribution import attribution

    p = passage(site="ustower.net")
    html = render_source_card(citation(), 0, p)
    assert "(as republished by ustower.net)" in html and "carried" not in html
    assert "(as republished by ustower.net)" in attribution(p)  # the answer's lead: one wording for both


def test_source_card_never_links_an_unsafe_url():
    html = render_source_card(citation(url="javascript:alert(6)", title=HOSTILE, outlet=SCRIPT), 0, passage())
    assert_inert(html)
    assert "<code>javascript:alert(6)</code>" in html and "href" not in html


def test_highlight_is_whitespace_insensitive_and_escapes_around_the_mark():
    assert highlight("a <b>\n quote  here</b> c", "quote here") == "a &lt;b&gt;\n <mark>quote  here</mark>&lt;/b&gt; c"
    assert highlight("nothing like it", "quote here") is None
    assert highlight("text", "   ") is None


def test_passage_context_adds_the_surrounding_text_cut_at_words():
    text = "word " * 100 + "THE PASSAGE ITSELF." + " tail" * 100
    start = text.index("THE")
    p = passage(text="THE PASSAGE ITSELF.", start=start, end=start + len("THE PASSAGE ITSELF."))
    context = passage_context(text, p, margin=22)
    assert context.startswith("\u2026word") and context.endswith("tail\u2026")
    assert "word word word word THE PASSAGE ITSELF. tail tail tail" in context
    assert passage_context("short text", p) is None  # offsets that do not match: the caller falls back
    whole = "THE PASSAGE ITSELF."
    assert passage_context(whole, passage(text=whole, start=0, end=len(whole))) == whole


def test_sources_panel_shows_only_the_latest_answer_until_a_marker_asks():
    html = render_sources_panel([(0, "first"), (1, "second")])
    assert '<section class="bq-turn-sources" data-turn="0" hidden>first</section>' in html
    assert '<section class="bq-turn-sources" data-turn="1">second</section>' in html
    assert "Sources appear here" in render_sources_panel([])


# ---- timeline ----------------------------------------------------------------------------------


def test_timeline_places_dated_claims_in_order_and_lists_undated_ones():
    cites = [citation(1, published="2026-03-22", outlet="AI Daily"), citation(2, published="2026-02-26"),
             citation(3, published=None, outlet=None), citation(4, published="2026-03-05", outlet=None)]
    claims = [Claim("Late claim [1]", [1]), Claim("Early claim [2]", [2]), Claim("Undated claim [3]", [3]),
              Claim("Two dates [2][4]", [2, 4])]
    a = answer(claims=claims, citations=cites)
    dated, undated = timeline_events(a)
    assert [(e.date, e.text) for e in dated] == [
        ("2026-02-26", "Early claim [2]"), ("2026-02-26", "Two dates [2][4]"), ("2026-03-05", "Two dates [2][4]"),
        ("2026-03-22", "Late claim [1]"),
    ]
    assert [e.text for e in undated] == ["Undated claim [3]"] and undated[0].outlets == ["unknown outlet"]
    html = render_timeline(a)
    assert html.count('class="bq-tl-dot"') == 3
    assert 'style="left:3.00%"' in html and 'style="left:97.00%"' in html
    assert html.index("February 26, 2026") < html.index("March 5, 2026") < html.index("March 22, 2026")
    assert "Undated" in html and "Undated claim [3]" in html


def test_timeline_states():
    assert "Ask a question" in render_timeline(None)
    assert "nothing to place in time" in render_timeline(answer(abstained=True, claims=[], citations=[]))
    single = render_timeline(answer())
    assert 'style="left:50.00%"' in single and 'class="bq-tl-end"' not in single
    undated = render_timeline(answer(citations=[citation(published=None)]))
    assert "None of the cited articles is dated" in undated


# ---- library -----------------------------------------------------------------------------------


def test_library_rows_and_choices():
    arts = [Article("id1", "A title", "text", outlet="The Hill", published="2026-02-26", passages=6),
            Article("id2", "x" * 90, "text", passages=2), Article("id3", "B", "t", outlet="ai daily", passages=1)]
    assert library_rows(arts)[:2] == [["A title", "The Hill", "2026-02-26", 6, "id1"],
                                      ["x" * 90, "unknown", "undated", 2, "id2"]]
    assert outlet_choices(arts) == ["ai daily", "The Hill"]
    labels = article_choices(arts)
    assert labels[0] == ("A title \u2014 The Hill, 2026-02-26 (id1)", "id1")
    assert labels[1][0].startswith("x" * 69 + "\u2026") and labels[1][1] == "id2"


def test_ingest_report_lists_each_failure_with_its_reason_escaped():
    report = IngestReport(added=["/up/a.md"], failed=[("/up/b.jsonl#2", f"line 2: not JSON {SCRIPT}"),
                                                      ("/up/c.pdf", "unsupported file type .pdf")])
    html = render_ingest_report(report, {"/up/a.md": "a.md", "/up/b.jsonl": "b.jsonl"})
    assert "1 added, 0 updated, 0 unchanged, 2 failed" in html
    assert "<code>b.jsonl#2</code>: line 2: not JSON &lt;script&gt;" in html
    assert "<code>c.pdf</code>: unsupported file type .pdf" in html  # a server path is cut to its file name
    assert "/up/" not in html
    assert "New or changed: a.md" in html
    assert_inert(html)
    assert "bq-ok" in render_ingest_report(IngestReport(unchanged=["x"]))


# ---- login -------------------------------------------------------------------------------------


def test_parse_auth_pairs_and_files(tmp_path):
    assert parse_auth(None) is None and parse_auth("  ") is None
    assert parse_auth("ana:secret") == [("ana", "secret")]
    assert parse_auth("ana:secret, bo:pa:ss") == [("ana", "secret"), ("bo", "pa:ss")]
    file = tmp_path / "users.txt"
    file.write_text("# analysts\nana:secret\n\nbo:hunter2\n", encoding="utf-8")
    assert parse_auth(str(file)) == [("ana", "secret"), ("bo", "hunter2")]


@pytest.mark.parametrize("value", ["ana", "ana:", ":secret", "ana:secret,bo", "/no/such/users.txt"])
def test_parse_auth_refuses_malformed_entries(value):
    with pytest.raises(ConfigError, match="BRIEFING_AUTH"):
        parse_auth(value)


def test_settings_read_briefing_auth(monkeypatch):
    monkeypatch.setenv("BRIEFING_AUTH", "ana:secret")
    assert Settings().auth == "ana:secret"


# ---- app.py handlers at the Briefing seam ---------------------------------------------------------


class FakeBriefing:
    """Stands in for Briefing: records what the chat asks and streams a canned answer."""

    def __init__(self, settings, fail: str | None = None) -> None:
        self.settings = settings
        self.fail = fail
        self.calls: list[dict] = []

    def ask_stream(self, question, **kw):
        self.calls.append({"question": question, **kw})
        if self.fail:
            raise BriefingError(self.fail)
        a = answer(question=question)
        yield a.claims[0].text
        yield a

    def article(self, article_id):
        return Article(article_id, "Talks resume", "0123456789" + passage().text + " and more.")


@pytest.fixture
def chat_app(home):
    from briefing.ui.chat import ChatApp

    return ChatApp(FakeBriefing(Settings()))


def run_chat(chat_app, question, turns, since=None, until=None, outlets=None, k=8, backend="extractive"):
    return list(chat_app.chat(question, since, until, outlets, k, backend, turns))


def test_chat_streams_then_shows_cards_timeline_and_passes_history(chat_app):
    steps = run_chat(chat_app, "Who is the spokesperson?", [], since="2026-02-01", until="2026-03-01",
                     outlets=["The Hill"], k=5)
    assert steps[0][0] == ""  # the question box is cleared at once
    assert "Searching the sources" in steps[0][1][-1]["content"]
    assert "bq-streaming" in steps[1][1][-1]["content"]
    _, messages, sources, timeline, turns = steps[-1]
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert "bq-cite bq-t0 bq-n1" in messages[1]["content"]
    assert 'id="bq-src-0-1"' in sources and "<mark>" in sources  # the quote inside the article's text
    assert "February 26, 2026" in timeline
    call = chat_app.b.calls[0]
    assert call["since"] == "2026-02-01" and call["until"] == "2026-03-01" and call["sources"] == ["The Hill"]
    assert call["k"] == 5 and call["history"] == [] and call["backend"] == "extractive"

    steps = run_chat(chat_app, "And what did he say?", turns)
    assert chat_app.b.calls[1]["history"] == [
        {"role": "user", "content": "Who is the spokesperson?"},
        {"role": "assistant", "content": turns[0]["text"]},
    ]
    _, messages, sources, _, turns = steps[-1]
    assert len(messages) == 4 and len(turns) == 2
    assert 'data-turn="0" hidden' in sources and "bq-t1 bq-n1" in messages[3]["content"]


@pytest.mark.parametrize(("since", "until", "message"), [
    ("2026-13-01", None, "since: expected a date like 2026-03-01"),
    ("2026-03-05", "2026-03-01", "the date range is empty"),
])
def test_chat_reports_bad_dates_in_one_sentence(chat_app, since, until, message):
    *_, (_, messages, _, _, turns) = run_chat(chat_app, "Anything?", [], since=since, until=until)
    assert message in messages[-1]["content"] and "bq-error" in messages[-1]["content"]
    assert chat_app.b.calls == [] and len(turns) == 1
    run_chat(chat_app, "Who is the spokesperson?", turns)
    assert chat_app.b.calls[0]["history"] == []  # a failed turn is not conversation to follow up on


def test_chat_turns_library_errors_into_a_message(home):
    from briefing.ui.chat import ChatApp

    app = ChatApp(FakeBriefing(Settings(), fail=f"the 'openai' backend is not configured {IMG}"))
    *_, (_, messages, _, _, _) = run_chat(app, "Q?", [], backend="openai")
    assert "not configured" in messages[-1]["content"]
    assert_inert(messages[-1]["content"])


def test_empty_question_gets_a_hint_that_is_not_kept_as_a_turn(chat_app):
    *_, (_, _, _, _, turns) = run_chat(chat_app, "Who is the spokesperson?", [])
    steps = run_chat(chat_app, "   ", turns)
    assert len(steps) == 1 and len(chat_app.b.calls) == 1  # nothing was asked
    _, messages, *_ = steps[0]
    assert len(messages) == 3 and "bq-hint" in messages[-1]["content"]
    assert "Type a question first" in messages[-1]["content"]
    assert steps[0][4] is not turns and len(turns) == 1  # the turns state is left as it was (skipped)


@pytest.mark.parametrize("value", ["2026-13-45", "yesterday", "2026-3-1", "2026-03-01T10:00", "01/03/2026"])
def test_parse_day_refuses_anything_but_a_calendar_date(value):
    from briefing.ui.chat import parse_day

    with pytest.raises(BriefingError, match=f"until: expected a date like 2026-03-01, got '{value}'"):
        parse_day(value, "until")


def test_parse_day_accepts_a_date_or_nothing():
    from briefing.ui.chat import parse_day

    assert parse_day(" 2026-03-01 ", "since") == "2026-03-01"
    assert parse_day("", "since") is None and parse_day(None, "since") is None


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("192.168.1.20", False), ("::", False), ("briefing.example.org", False),
])
def test_is_loopback(host, loopback):
    from briefing.ui.chat import is_loopback

    assert is_loopback(host) is loopback


def test_exposure_warning_only_beyond_loopback_without_a_login():
    from briefing.ui.chat import exposure_warning

    warning = exposure_warning("0.0.0.0", None)
    assert "0.0.0.0" in warning and "BRIEFING_AUTH" in warning and "switched off" in warning
    assert exposure_warning("0.0.0.0", [("ana", "secret")]) is None
    assert exposure_warning("127.0.0.1", None) is None


def test_write_endpoints_are_private_and_left_out_of_a_read_only_page(home):
    from briefing.ui.chat import create_app

    def endpoints(demo):
        return {fn.api_name: fn.api_visibility for fn in demo.fns.values() if fn.api_name}

    b = FakeBriefing(Settings())
    b.sources = lambda: []
    writable = endpoints(create_app(b))
    assert writable["add_files"] == "private" and writable["delete"] == "private"
    assert writable["chat"] == "public"
    read_only = endpoints(create_app(b, writable=False))
    assert "add_files" not in read_only and "delete" not in read_only and "chat" in read_only


def test_backend_choices_name_the_model(home, monkeypatch):
    from briefing.ui.chat import backend_choices

    assert backend_choices(Settings())[2] == ("openai (not configured)", "openai")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8080/v1")
    monkeypatch.setenv("BRIEFING_LLM_MODEL", "smollm2-360m")
    assert backend_choices(Settings()) == [("extractive (offline)", "extractive"),
                                           ("local (bundled model, CPU)", "local"),
                                           ("openai \u00b7 smollm2-360m", "openai")]


@pytest.mark.parametrize(("host", "auth", "warned", "writable"), [
    ("0.0.0.0", None, True, False),
    ("0.0.0.0", "ana:secret", False, True),
    ("127.0.0.1", None, False, True),
])
def test_serve_warns_beyond_loopback_without_a_login_and_sets_the_upload_limit(home, monkeypatch, capsys, host,
                                                                               auth, warned, writable):
    import gradio as gr

    from briefing.ui.chat import serve

    launched: list[dict] = []
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kw: launched.append(kw))
    b = FakeBriefing(Settings(auth=auth, max_file_mb=3))
    b.sources = lambda: []
    demo = serve(b, host=host, port=7999)
    assert ("warning: serving on 0.0.0.0 with no login" in capsys.readouterr().err) is warned
    assert launched[0]["max_file_size"] == 3_000_000 and launched[0]["server_name"] == host
    assert (launched[0]["auth"] is not None) is bool(auth)
    names = {fn.api_name for fn in demo.fns.values()}
    assert ("add_files" in names and "delete" in names) is writable


class IngestingBriefing(FakeBriefing):
    """A FakeBriefing whose ingest reads nothing: each stored path is added, refused or raises, by its name."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.ingested: list = []

    def sources(self):
        return []

    def ingest(self, paths, progress=None):
        self.ingested.append(list(paths))
        if any(p.name == "explodes.md" for p in paths):
            raise BriefingError(f"the store at {self.settings.home_dir}/chroma is locked")
        return IngestReport(added=[str(p) for p in paths if p.name.startswith("good")],
                            failed=[(str(p), f"cannot read {p}") for p in paths if not p.name.startswith("good")])


def test_add_files_keeps_what_was_added_removes_what_was_refused_and_shows_names_only(home, tmp_path):
    from briefing.ui.chat import ChatApp

    b = IngestingBriefing(Settings())
    app = ChatApp(b)
    temp = tmp_path / "server-temp"
    temp.mkdir()
    (temp / "good.md").write_text("kept", encoding="utf-8")
    (temp / "bad.md").write_text("refused by ingest", encoding="utf-8")
    quiet = lambda *a, **k: None  # noqa: E731 - stands in for gradio's progress tracker
    html, *_ = app.add_files([{"path": str(temp / "good.md")}, {"path": str(temp / "bad.md")}], progress=quiet)
    kept = sorted(p.name for p in (home / "uploads").rglob("*") if p.is_file())
    assert kept == ["good.md"]
    assert "1 added" in html and "<code>bad.md</code>: cannot read bad.md" in html
    assert str(home) not in html and "uploads" not in html

    (temp / "explodes.md").write_text("boom", encoding="utf-8")
    html, *_ = app.add_files([{"path": str(temp / "explodes.md")}], progress=quiet)
    assert "could not be added: the store at chroma is locked" in html and str(home) not in html
    assert sorted(p.name for p in (home / "uploads").rglob("*") if p.is_file()) == ["good.md"]


def test_source_card_shows_relative_dates_resolved_beside_the_quote():
    dated = render_source_card(citation(quote="The agency replied on Monday morning.", published="2026-06-04"), 1)
    assert "Monday morning [June 1, 2026]" in dated  # 2026-06-04 is a Thursday
    undated = render_source_card(citation(quote="The agency replied on Monday morning.", published=None), 1)
    assert "Monday morning." in undated and "[" not in undated.split("bq-quote")[1].split("</blockquote>")[0]

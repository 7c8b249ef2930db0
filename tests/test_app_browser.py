"""The chat end to end in headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

One app per module: a fresh BRIEFING_HOME with the seeds ingested, served by ``app.serve`` on 127.0.0.1
on a free port in a background thread (upload limit 0.2 MB, the web server's temporary folder under the
test's tmp path); each test opens its own page and fails if any dialog (alert) fires. Screenshots go to
artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import re
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import free_port

from briefing import Article, Briefing, Passage, Settings

pytestmark = [
    pytest.mark.browser,
    # gradio's queue metrics call pandas options that pandas 3 deprecates; not ours to fix
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:Warning", "ignore:The copy keyword:Warning"),
]

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "seeds"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ANSWER_TIMEOUT = 90_000  # ms: two shared cores, and the first question loads the encoder
MAX_FILE_MB = 0.2  # the served app's upload limit, small so that a too-large file is cheap to make

# Payloads in every field a source can fill; ingestion strips tags, so this article is written to the
# store directly, as a store shared with other tools (or a Chroma server) could hold it.
RAW_TITLE = "<script>alert(1)</script> Quixotl telescope <img src=x onerror=alert(2)> [click](javascript:alert(3))"
RAW_TEXT = (
    "The Quixotl Observatory opened its mirror telescope on March 9, 2026 <img src=x onerror=alert(2)>, "
    "director Ana Ruiz said <script>alert(1)</script>. The mirror telescope is the largest in the province, "
    'and visits begin in April [click](javascript:alert(3)) <a href="javascript:alert(4)">tickets</a>.'
)
RAW_OUTLET = "</script><img src=x onerror=alert(5)>Quixotl Courier"  # also sits in the page's config JSON
# Through the real ingest path (an upload): entities decode to tag text that ingestion then strips,
# while the markdown link to javascript: survives as text.
UPLOAD_PAYLOAD = """<!doctype html>
<html><head><title>Zorblax reactor &lt;img src=x onerror=alert(5)&gt; [click](javascript:alert(3))</title>
<meta property="og:site_name" content="Zorblax Gazette">
<meta property="article:published_time" content="2026-03-03T09:00:00Z"></head>
<body><article><h1>Zorblax reactor &lt;img src=x onerror=alert(5)&gt; [click](javascript:alert(3))</h1>
<p>The Zorblax Institute switched on its quartz reactor on March 3, 2026, its director Mira Okonkwo said.
&lt;script&gt;alert(1)&lt;/script&gt; Read more: [click](javascript:alert(3)).</p>
<p>Engineers said the quartz reactor produced twelve megawatts on its first day, according to the institute.</p>
</article></body></html>
"""


def store_raw_article(b: Briefing) -> Article:
    """Write an article with script/img/javascript: payloads in title, outlet, text and URL, as is."""
    article = Article(
        article_id="raw" + uuid.uuid4().hex[:13],
        title=RAW_TITLE,
        text=RAW_TEXT,
        outlet=RAW_OUTLET,
        published="2026-03-09",
        url="javascript:alert(6)",
        source_path="<svg onload=alert(7)>.txt",
        passages=1,
        content_hash="0123456789abcdef",
    )
    passage = Passage(
        passage_id=f"{article.article_id}-01234567-0000",
        article_id=article.article_id,
        text=RAW_TEXT,
        start=0,
        end=len(RAW_TEXT),
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        url=article.url,
        source_path=article.source_path,
    )
    vectors = b.embedder.embed([f"{article.title}\n{passage.text}"])
    b.store.write([(article, [passage], vectors)])
    return article


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[tuple[str, Briefing]]:
    """(url, briefing): the chat over the seeds (and one raw hostile article) on 127.0.0.1."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium", pytrace=False)
    from briefing.ui.chat import serve

    with pytest.MonkeyPatch.context() as mp:
        for name in list(os.environ):
            if name.startswith(("OPENAI_", "BRIEFING_")):
                mp.delenv(name)
        mp.setenv("GRADIO_TEMP_DIR", str(tmp_path_factory.mktemp("gradio-temp")))
        home = tmp_path_factory.mktemp("app-home")
        b = Briefing(settings=Settings(home=home, max_file_mb=MAX_FILE_MB), embedder=embedder)
        report = b.ingest([SEEDS])
        assert report.ok and len(report.added) == 4, report.to_dict()
        store_raw_article(b)
        demo = serve(b, "127.0.0.1", free_port(), block=False)
        try:
            yield demo.local_url, b
        finally:
            demo.close()


def uploads_on_disk(b: Briefing) -> list[str]:
    """Every file kept under BRIEFING_HOME/uploads and in the web server's temporary folder, by name."""
    roots = [b.settings.home_dir / "uploads", Path(os.environ["GRADIO_TEMP_DIR"])]
    return sorted(p.name for root in roots if root.exists() for p in root.rglob("*") if p.is_file())


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def assert_no_server_path(page, b: Briefing) -> None:
    """Neither BRIEFING_HOME, the repo, nor the web server's temporary folder appears anywhere in the page."""
    html = page.content()
    for path in (b.settings.home_dir, REPO, Path(os.environ["GRADIO_TEMP_DIR"])):
        assert str(path) not in html and str(path.resolve()) not in html, path


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served):
    """A fresh page on the chat; every dialog is recorded (and dismissed) and must not happen."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served[0])
    page.wait_for_selector("#bq-input textarea")
    page.wait_for_function("() => document.getElementById('bq-style') !== null")  # the click script is in
    yield page
    context.close()
    assert dialogs == [], f"a dialog fired: {dialogs}"


def ask(page, question: str):
    """Types a question, sends it, and returns the new assistant message once it is complete."""
    before = page.locator("#bq-chat .bq-answer:not(.bq-streaming)").count()
    page.fill("#bq-input textarea", question)
    page.keyboard.press("Enter")
    done = page.locator("#bq-chat .bq-answer:not(.bq-streaming)")
    page.wait_for_function(
        "n => document.querySelectorAll('#bq-chat .bq-answer:not(.bq-streaming)').length > n",
        arg=before,
        timeout=ANSWER_TIMEOUT,
    )
    return done.nth(before)


def test_answer_cites_outlet_and_date_and_markers_bring_up_the_quote(page, served):
    _, b = served
    message = ask(page, "Who is the Pentagon's chief spokesperson?")
    assert "Sean Parnell" in message.inner_text()
    marker = message.locator(".bq-cite").first
    n = int(marker.inner_text().strip("[]"))
    assert marker.evaluate("el => el.tagName") == "BUTTON" and "The Hill" in marker.get_attribute("title")
    card = page.locator(f"#bq-src-0-{n}")
    assert "The Hill" in card.locator(".bq-outlet").inner_text()
    assert card.locator("time").get_attribute("datetime") == "2026-02-26"
    assert "February 26, 2026" in card.locator("header").inner_text()
    assert "ustower.net" in card.locator("a.bq-link").get_attribute("href")

    context = card.locator("details.bq-context")
    assert context.get_attribute("open") is None
    marker.click()
    page.wait_for_selector(f"#bq-src-0-{n}.bq-active details[open] mark")
    quote = b.ask("Who is the Pentagon's chief spokesperson?").citations[n - 1].quote
    mark = card.locator("details[open] mark")
    assert mark.is_visible()
    assert " ".join(mark.inner_text().split()) == " ".join(quote.split())
    assert len(card.locator("details[open] p").inner_text()) > len(quote)  # shown inside its surrounding text

    shot(page, "chat.png")

    page.get_by_role("tab", name="Timeline").click()
    timeline = page.locator("#bq-timeline")
    assert timeline.locator(".bq-tl-dot").count() >= 1
    assert "February 26, 2026" in timeline.inner_text()
    page.get_by_role("tab", name="Chat").click()

    # A follow-up is rewritten with the conversation so far, and the understood question is shown.
    follow = ask(page, "And what did Anthropic say?")
    understood = follow.locator(".bq-understood")
    assert understood.count() == 1 and "Pentagon" in understood.inner_text()


def test_answer_is_a_list_with_the_attribution_said_once(page, served):
    _, b = served
    # a question two sentences of one article answer (the claims' rendering is the subject, not the answer)
    message = ask(page, "What did the Pentagon's latest offer include?")
    expected = b.ask("What did the Pentagon's latest offer include?")
    lead = "On February 26, 2026, The Hill (as republished by ustower.net) reported that"
    assert len(expected.claims) >= 2 and all(c.text.startswith(lead) for c in expected.claims)  # the premise
    lines = message.locator("ul.bq-claims li.bq-claim")
    assert lines.count() == len(expected.claims)
    tops = [line.bounding_box()["y"] for line in lines.all()]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one claim a line, top to bottom
    assert message.locator(".bq-lead").count() == 1
    assert message.locator(".bq-lead").inner_text() == lead + ":"
    assert message.inner_text().count("reported that") == 1  # the attribution is said once, not per claim
    for line in lines.all():
        assert line.locator(".bq-cite").count() >= 1  # every line keeps its citation
    # the source card names the republishing site in the answer's words
    card = page.locator("#bq-sources .bq-turn-sources:not([hidden]) .bq-card").first
    assert "(as republished by ustower.net)" in card.locator("header").inner_text()
    assert "carried" not in page.locator("#bq-sources").inner_text()
    shot(page, "answer-list.png")


def test_empty_question_gets_a_hint(page):
    page.click("#bq-send")
    hint = page.locator("#bq-chat .bq-hint")
    hint.wait_for()
    assert "Type a question first" in hint.inner_text()
    assert page.locator("#bq-chat .bq-answer").count() == 0  # nothing was asked
    # asking for real afterwards works and the hint does not linger as a turn
    message = ask(page, "Who is the Pentagon's chief spokesperson?")
    assert "Sean Parnell" in message.inner_text()
    assert page.locator("#bq-chat .bq-hint").count() == 0


def test_unanswerable_question_shows_an_abstention(page):
    message = ask(page, "Who won the 2026 World Cup?")
    abstained = message.locator(".bq-abstained")
    assert abstained.count() == 1
    assert "do not say" in abstained.inner_text()
    assert message.locator(".bq-cite").count() == 0
    assert "No source supports an answer" in page.locator("#bq-sources").inner_text()


def date_box(page, which: str):
    return page.locator(f"#bq-{which} input, #bq-{which} textarea").first


def test_date_filter_limits_the_sources_and_an_invalid_date_is_an_error_in_the_chat(page):
    date_box(page, "until").fill("2026-02-01")
    message = ask(page, "Who is the Pentagon's chief spokesperson?")
    assert message.locator(".bq-abstained").count() == 1  # every seed is newer than the bound
    # an invalid date replaces the valid one: it is reported, and the old filter is not silently kept
    date_box(page, "until").fill("2026-13-45")
    message = ask(page, "Who is the Pentagon's chief spokesperson?")
    assert "bq-error" in message.get_attribute("class") and message.locator(".bq-abstained").count() == 0
    assert "until: expected a date like 2026-03-01, got '2026-13-45'" in message.inner_text()
    shot(page, "invalid-date.png")
    date_box(page, "until").fill("")
    date_box(page, "since").fill("2026-03-01")
    date_box(page, "until").fill("2026-02-01")
    message = ask(page, "Who is the Pentagon's chief spokesperson?")
    assert "the date range is empty: since 2026-03-01 is after until 2026-02-01" in message.inner_text()


def choose(page, paths: list[Path]) -> None:
    """Picks files with the Library tab's upload button: they are sent and added at once."""
    page.get_by_role("tab", name="Library").click()
    with page.expect_file_chooser() as chooser:
        page.click("#bq-upload")
    chooser.value.set_files([str(p) for p in paths])


def upload(page, paths: list[Path]) -> str:
    """Uploads files and returns the report once the new one is shown."""
    batch = "() => { const r = document.querySelector('#bq-report .bq-report'); return r && r.dataset.batch; }"
    before = page.evaluate(batch)
    choose(page, paths)
    page.wait_for_function(f"before => ({batch})() !== before", arg=before, timeout=ANSWER_TIMEOUT)
    return page.locator("#bq-report").inner_text()


# Gradio's status trackers (the overlay a running event puts on a component) that show, by component id.
VISIBLE_TRACKERS = """() => Array.from(document.querySelectorAll('[data-testid=status-tracker]'))
    .filter(el => !el.classList.contains('hide') && el.getBoundingClientRect().height > 0)
    .map(el => { let c = el.parentElement; while (c && !c.id) c = c.parentElement; return c ? c.id : '?'; })"""


def library_titles(page) -> list[str]:
    cells = page.locator("#bq-library [role=row].virtual-row [role=gridcell][data-col='0']")
    return [c.inner_text().strip() for c in cells.all()]


def test_upload_adds_to_the_library_and_reports_failures(page, served, tmp_path):
    good = tmp_path / "quokka.md"
    good.write_text(
        "Quokka Daily\nCity • March 12, 2026\n\n# Quokkas take over the harbour ferry\n\n"
        "A family of quokkas boarded the harbour ferry on Thursday, the port authority said.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"title": "half an object"\n', encoding="utf-8")
    report = upload(page, [good, bad])
    assert re.search(r"1 added.*1 failed", report), report
    assert "broken.jsonl" in report
    _, b = served
    on_disk = uploads_on_disk(b)
    assert "quokka.md" in on_disk and "broken.jsonl" not in on_disk  # the refused file is gone
    assert on_disk.count("quokka.md") == 1  # kept once, in BRIEFING_HOME; the web server's copy is gone
    shot(page, "upload-refused.png")
    assert_no_server_path(page, b)
    page.wait_for_function(
        "() => document.querySelector('#bq-library').innerText.includes('Quokkas take over the harbour ferry')"
    )
    assert "Quokkas take over the harbour ferry" in library_titles(page)
    row = page.locator("#bq-library [role=row].virtual-row", has_text="Quokkas take over the harbour ferry")
    assert "Quokka Daily" in row.inner_text() and "2026-03-12" in row.inner_text()

    article_id = row.locator("[role=gridcell][data-col='4']").inner_text().strip()
    page.locator("#bq-delete-pick input").fill(article_id)
    page.keyboard.press("Enter")
    page.click("#bq-delete")
    page.wait_for_selector("#bq-deleted .bq-ok")
    assert "Quokkas take over the harbour ferry" in page.locator("#bq-deleted").inner_text()
    page.wait_for_function(
        "() => !document.querySelector('#bq-library').innerText.includes('Quokkas take over the harbour ferry')"
    )


def test_too_large_or_wrong_type_upload_is_refused_and_nothing_is_kept(page, served, tmp_path):
    _, b = served
    before = uploads_on_disk(b)
    big = tmp_path / "huge-report.md"
    big.write_text("# Huge\n\n" + "word " * int(MAX_FILE_MB * 1_000_000 / 4), encoding="utf-8")
    choose(page, [big])
    toast = page.locator(".toast-body", has_text="huge-report.md").or_(
        page.locator(".toast-body", has_text=re.compile("size", re.I)))
    toast.first.wait_for(timeout=30_000)
    assert "exceed the maximum allowed size" in toast.first.inner_text()
    page.wait_for_timeout(800)  # the toast fades in
    shot(page, "upload-too-large.png")
    assert uploads_on_disk(b) == before  # refused while it arrived: nothing written anywhere

    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ\x90\x00" * 10)
    report = upload(page, [exe])
    assert "0 added" in report and "tool.exe: unsupported file type .exe; accepted: " in report, report
    shot(page, "upload-wrong-type.png")
    assert uploads_on_disk(b) == before  # the web server's copy is deleted too


def test_two_uploads_of_the_same_file_name_are_both_kept(page, served, tmp_path):
    _, b = served
    first, second = tmp_path / "ana" / "harbour.md", tmp_path / "bo" / "harbour.md"
    for path, title, outlet in ((first, "Wombats close the harbour bridge", "Wombat Weekly"),
                                (second, "Pelicans open a harbour cafe", "Pelican Post")):
        path.parent.mkdir()
        path.write_text(f"{outlet}\nCity \u2022 March 14, 2026\n\n# {title}\n\n{title}, the council said on "
                        "Friday.\n", encoding="utf-8")
        assert "1 added" in upload(page, [path])
    page.wait_for_function("() => document.querySelector('#bq-library').innerText.includes('Pelicans open')")
    titles = library_titles(page)
    assert "Wombats close the harbour bridge" in titles and "Pelicans open a harbour cafe" in titles
    assert uploads_on_disk(b).count("harbour.md") == 2


def test_an_upload_in_progress_shows_one_progress_indicator(page, served, tmp_path, monkeypatch):
    _, b = served
    gate, started = threading.Event(), threading.Event()
    real_ingest = b.ingest

    def held_ingest(*args, **kwargs):  # holds the upload mid-way so the page can be looked at
        started.set()
        assert gate.wait(60), "the test never released the upload"
        return real_ingest(*args, **kwargs)

    monkeypatch.setattr(b, "ingest", held_ingest)
    path = tmp_path / "lyrebird.md"
    path.write_text("Lyrebird Ledger\nCity \u2022 March 15, 2026\n\n# Lyrebirds mimic the tram bell\n\n"
                    "Lyrebirds in the park now mimic the tram bell, rangers said.\n", encoding="utf-8")
    try:
        choose(page, [path])
        assert started.wait(30)
        page.locator("#bq-report .progress-text").first.wait_for(timeout=30_000)
        page.wait_for_timeout(300)  # let every overlay the event would show appear
        trackers = page.evaluate(VISIBLE_TRACKERS)
        label = page.locator("#bq-report [data-testid=status-tracker]").inner_text()
        assert_no_server_path(page, b)  # nor while an upload is under way
        shot(page, "upload-progress.png")
    finally:
        gate.set()
    assert trackers == ["bq-report"], trackers  # one indicator, on the report line, not one per output
    assert "Reading files" in label, label
    page.wait_for_selector("#bq-report .bq-report", timeout=ANSWER_TIMEOUT)
    assert "1 added" in page.locator("#bq-report").inner_text()
    assert page.evaluate(VISIBLE_TRACKERS) == []


def test_hostile_source_renders_as_text_and_nothing_executes(page, served, tmp_path):
    payload = tmp_path / "zorblax.html"
    payload.write_text(UPLOAD_PAYLOAD, encoding="utf-8")
    assert "1 added" in upload(page, [payload])
    page.wait_for_function("() => document.querySelector('#bq-library').innerText.includes('Quixotl telescope')")
    titles = library_titles(page)
    assert RAW_TITLE in titles  # the raw payload shows as text in the table
    assert any("[click](javascript:alert(3))" in t and "Zorblax" in t for t in titles)

    page.get_by_role("tab", name="Chat").click()
    for question in (
        "When did the Quixotl Observatory open its mirror telescope?",
        "When did the Zorblax Institute switch on its quartz reactor?",
    ):
        message = ask(page, question)
        assert message.locator(".bq-cite").count() >= 1, message.inner_text()
        for marker in message.locator(".bq-cite").all():
            marker.click()
    page.wait_for_timeout(500)  # give anything that would run a chance to run

    sources = page.locator("#bq-sources")
    all_cards = sources.locator(".bq-card")
    texts = [c.inner_text() for c in all_cards.all()]
    assert any(RAW_TITLE in t for t in texts)  # the title is shown verbatim, as text
    assert any(RAW_OUTLET in t for t in texts)
    assert any("javascript:alert(6)" in t for t in texts)  # the URL is shown, not linked
    first_answer = page.locator("#bq-chat .bq-answer").first.inner_text()
    assert "<img src=x onerror=alert(2)>" in first_answer and "<script>alert(1)</script>" in first_answer

    injected = page.evaluate(
        r"""() => ({
            img: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
            handlers: document.querySelectorAll('[onerror], [onload]').length,
            scripts: Array.from(document.scripts).filter(s => /^\s*alert\(\d\)/.test(s.textContent)).length,
            jsLinks: Array.from(document.querySelectorAll('a[href]'))
                .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
            svg: document.querySelectorAll('svg[onload]').length,
        })"""
    )
    assert injected == {"img": 0, "handlers": 0, "scripts": 0, "jsLinks": 0, "svg": 0}, injected

    # an uploaded article without a URL is shown by its file name: no server path reaches the page
    where = [w.inner_text().strip() for w in sources.locator(".bq-where").all()]
    assert "zorblax.html" in where, where
    assert_no_server_path(page, served[1])


def test_a_too_large_upload_sent_past_the_page_is_refused_by_the_server_before_it_is_kept(served):
    import httpx

    url, b = served
    before = uploads_on_disk(b)
    body = b"x" * int(MAX_FILE_MB * 1_000_000 + 1)
    with httpx.Client(trust_env=False) as client:  # a local server: never via a proxy
        reply = client.post(f"{url}gradio_api/upload", files={"files": ("direct.md", body, "text/markdown")})
    assert reply.status_code == 413, (reply.status_code, reply.text)
    assert "maximum allowed size" in reply.text
    assert uploads_on_disk(b) == before  # the partial copy is deleted by the server as it refuses

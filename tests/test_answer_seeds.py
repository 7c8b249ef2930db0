"""The extractive answerer end to end on the seed articles (real embedder, embedded Chroma)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from briefing import Briefing, Settings

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
LONG_DATE = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}"
)
ANSWERABLE = [
    "When did Anthropic say virtually no progress had been made?",
    "Who is the Pentagon's chief spokesperson?",
    "What happened between late February and late March 2026?",
    "What did the Pentagon ask Anthropic to allow?",
    "How much was the contract Anthropic received worth?",
]
UNANSWERABLE = [
    "Who won the 2026 World Cup?",
    "What did Sam Altman say about the Pentagon dispute?",
    "What is the Chinese government's position on the Anthropic dispute?",
]


@pytest.fixture(scope="module")
def seeded(embedder, tmp_path_factory) -> Briefing:
    home = tmp_path_factory.mktemp("seeded")
    b = Briefing(settings=Settings(home=home, openai_base_url=None, openai_api_key=None), embedder=embedder)
    report = b.ingest([SEEDS])
    assert len(report.added) == 4 and report.ok
    return b


@pytest.fixture(scope="module")
def articles(seeded) -> dict[str, object]:
    return {Path(a.source_path).name[:3]: a for a in seeded.sources()}


def assert_well_formed(answer, articles_by_id):
    """Every claim cites in-range sources, quotes are verbatim, dates and outlets come from metadata."""
    assert answer.claims and not answer.abstained
    numbers = {c.n for c in answer.citations}
    assert numbers == set(range(1, len(answer.citations) + 1))
    for claim in answer.claims:
        assert claim.citations and set(claim.citations) <= numbers
        for n in claim.citations:
            assert f"[{n}]" in claim.text
        cited = [answer.citations[n - 1] for n in claim.citations]
        article = articles_by_id[cited[0].article_id]
        stated = set(LONG_DATE.findall(claim.text))
        if article.published:
            from briefing.answering.attribution import long_date

            assert claim.text.startswith(f"On {long_date(article.published)}, ")
        else:
            assert "undated" in claim.text and not LONG_DATE.match(claim.text)
            assert not stated or all(m in cited[0].quote for m in stated)
        if article.outlet:
            assert article.outlet in claim.text
        else:
            assert article.title in claim.text
    for c in answer.citations:
        article = articles_by_id[c.article_id]
        assert c.quote in article.text  # verbatim passage text
        assert (c.published, c.outlet) == (article.published, article.outlet)


@pytest.mark.parametrize("question", ANSWERABLE)
def test_answerable_questions_get_cited_dated_attributed_claims(seeded, question):
    answer = seeded.ask(question)
    by_id = {a.article_id: seeded.article(a.article_id) for a in seeded.sources()}
    assert_well_formed(answer, by_id)
    assert answer.as_of == max(c.published for c in answer.citations if c.published)


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unanswerable_questions_abstain(seeded, question):
    answer = seeded.ask(question)
    assert answer.abstained
    assert answer.claims == [] and answer.citations == []
    assert answer.answer.startswith("The ingested sources do not say")
    assert answer.passages  # retrieval still shows what it looked at


def test_known_answers(seeded):
    when = seeded.ask("When did Anthropic say virtually no progress had been made?")
    assert when.claims[0].text.startswith("On February 26, 2026, The Hill")
    assert "virtually no progress" in when.claims[0].text
    who = seeded.ask("Who is the Pentagon's chief spokesperson?")
    assert "Sean Parnell" in who.answer


def test_timeline_is_chronological_and_spans_articles(seeded):
    answer = seeded.ask("What happened between late February and late March 2026?")
    dates = [answer.citations[c.citations[0] - 1].published for c in answer.claims]
    assert dates == sorted(dates) and len(set(dates)) >= 3
    assert all("2026-02-20" <= d <= "2026-03-31" for d in dates)


def test_until_filter_hides_later_articles(seeded):
    answer = seeded.ask("Were the two sides nearly aligned on contract terms?", until="2026-03-01")
    assert all(p.published and p.published <= "2026-03-01" for p in answer.passages)
    assert all(c.published <= "2026-03-01" for c in answer.citations)
    unfiltered = seeded.retrieve("nearly aligned contract terms", k=10)
    assert any(p.published == "2026-03-22" for p in unfiltered)


def test_since_and_outlet_filters(seeded):
    passages = seeded.retrieve("Pentagon", k=20, since="2026-03-01")
    assert passages and all(p.published >= "2026-03-01" for p in passages)
    hill = seeded.retrieve("Pentagon", k=20, sources=["the hill"])
    assert hill and {p.outlet for p in hill} == {"The Hill"}
    assert seeded.retrieve("Pentagon", k=20, sources=["ustower.net"])  # the carrying site matches too


def test_follow_up_is_rewritten_before_retrieval(seeded):
    answer = seeded.ask(
        "and what did the Pentagon say?", history=["When did Anthropic say virtually no progress had been made?"]
    )
    assert answer.standalone_question == "What did the Pentagon say about Anthropic?"
    assert answer.to_dict()["standalone_question"] == answer.standalone_question


def test_ask_stream_yields_text_then_the_same_answer(seeded):
    items = list(seeded.ask_stream("Who is the Pentagon's chief spokesperson?"))
    *chunks, final = items
    assert all(isinstance(c, str) for c in chunks) and chunks
    assert "".join(chunks) == final.answer


def test_audit_log_records_question_filters_and_citations(seeded):
    before = seeded.audit_path.read_text().count("\n") if seeded.audit_path.exists() else 0
    answer = seeded.ask("Who is the Pentagon's chief spokesperson?", until="2026-12-31", sources=["The Hill"])
    lines = seeded.audit_path.read_text().splitlines()
    assert len(lines) == before + 1
    entry = json.loads(lines[-1])
    assert entry["question"] == answer.question and entry["backend"] == "extractive"
    assert entry["filters"] == {"since": None, "until": "2026-12-31", "sources": ["The Hill"]}
    assert entry["abstained"] is False
    assert [c["passage_id"] for c in entry["citations"]] == [c.passage_id for c in answer.citations]
    assert entry["time"].endswith("+00:00")


def test_json_shape_matches_contract(seeded):
    data = seeded.ask("What did the Pentagon ask Anthropic to allow?").to_dict()
    assert set(data) >= {"question", "answer", "abstained", "backend", "as_of", "claims", "citations", "passages"}
    assert set(data["citations"][0]) >= {
        "n",
        "article_id",
        "passage_id",
        "title",
        "outlet",
        "published",
        "url",
        "source_path",
        "quote",
    }
    assert set(data["passages"][0]) >= {
        "passage_id",
        "article_id",
        "score",
        "text",
        "title",
        "outlet",
        "published",
        "url",
        "source_path",
    }


def test_conflicting_sources_are_both_shown(embedder, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.json").write_text(
        json.dumps(
            {
                "title": "Talks near a deal",
                "outlet": "Daily Ledger",
                "published": "2026-03-01",
                "text": "Defense negotiators described the contract talks with the lab as nearly aligned on every "
                "term. A final signature was expected within days, the negotiators said.\n\n"
                "The lab's engineers continued their work on translation tools for logistics planning.",
            }
        )
    )
    (corpus / "b.json").write_text(
        json.dumps(
            {
                "title": "Lab branded a risk",
                "outlet": "Capital Post",
                "published": "2026-03-02",
                "text": "Defense officials described the lab as an unacceptable risk to national security in the "
                "contract talks. The officials said the lab's refusals made any agreement impossible.\n\n"
                "Weather delayed several flights out of the capital on Monday.",
            }
        )
    )
    b = Briefing(
        settings=Settings(home=tmp_path / "home", openai_base_url=None, openai_api_key=None), embedder=embedder
    )
    assert b.ingest([corpus]).ok
    answer = b.ask("How did defense officials describe the contract talks with the lab?")
    outlets = {c.outlet for c in answer.citations}
    assert outlets == {"Daily Ledger", "Capital Post"}
    assert "nearly aligned" in answer.answer and "unacceptable risk" in answer.answer


def test_cli_ask_json_and_text(seeded, tmp_path):
    import subprocess
    import sys

    env = {"BRIEFING_HOME": str(seeded.settings.home_dir), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    cli = [sys.executable, "-m", "briefing.cli"]
    out = subprocess.run(
        cli + ["ask", "Who is the Pentagon's chief spokesperson?", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["backend"] == "extractive" and data["claims"] and "Sean Parnell" in data["answer"]
    text = subprocess.run(
        cli + ["ask", "Who won the 2026 World Cup?"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "do not say" in text
    text = subprocess.run(
        cli + ["ask", "Who is the Pentagon's chief spokesperson?"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "Sources" in text and "[1] The Hill, 2026-02-26" in text
    bad = subprocess.run(cli + ["ask", "x", "--until", "March 1"], env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_questions_asking_which_outlet_or_which_named_thing(seeded):
    outlet = seeded.ask("Which news outlet first reported that Anthropic had reopened talks with the Pentagon?")
    assert "Financial Times" in outlet.answer and not outlet.abstained
    model = seeded.ask("Which Anthropic AI model did the Pentagon want to use for all lawful purposes?")
    assert "Claude" in model.answer
    nobody = seeded.ask("Which newspaper first reported who won the 2026 World Cup?")
    assert nobody.abstained


def _articles_cited(answer) -> list[str]:
    return list(dict.fromkeys(answer.citations[n - 1].article_id for c in answer.claims for n in c.citations))


def test_an_open_request_is_summarised_article_by_article(seeded):
    answer = seeded.ask("give me an overview of the standoff between Anthropic and the Pentagon")
    assert not answer.abstained
    assert len(_articles_cited(answer)) >= 3  # one claim per relevant article, not one claim from one source


def test_a_chronology_request_spans_the_dated_articles_in_order(seeded):
    answer = seeded.ask("walk me through the chronology of the negotiations")
    dates = [answer.citations[c.citations[0] - 1].published for c in answer.claims]
    dated = [d for d in dates if d]
    assert len(set(dated)) >= 3 and dated == sorted(dated)


@pytest.mark.parametrize("verb", ["write", "argue", "claim", "tell the Pentagon's critics"])
def test_any_verb_of_saying_finds_what_the_person_said(seeded, verb):
    answer = seeded.ask(f"what did Sean Parnell {verb}")
    assert not answer.abstained and "all lawful purposes" in answer.answer


def test_a_pronoun_follow_up_is_answered(seeded):
    answer = seeded.ask("Where did he post it?", history=["What did Sean Parnell write?"])
    assert answer.standalone_question == "Where did Sean Parnell post it?"
    assert not answer.abstained and "social platform X" in answer.answer


def test_a_filter_that_leaves_nothing_is_named_in_the_abstention(seeded):
    answer = seeded.ask("What did the Pentagon demand?", sources=["The Hill"], since="2026-03-01", until="2026-03-31")
    assert answer.abstained
    assert "Nothing from The Hill between March 1 and March 31, 2026 is in the library." in answer.answer
    assert "Closest articles outside the filters" in answer.answer


def test_relative_dates_in_quotes_are_resolved_from_the_publication_date(seeded):
    answer = seeded.ask("When did the Defense Department deliver its final offer?")
    resolved = [d for c in answer.citations if c.published == "2026-02-26" for d in c.dates]
    assert {"text": "Wednesday night", "date": "2026-02-25", "unit": "day"} in resolved
    assert all(not c.dates for c in answer.citations if not c.published)


def test_a_name_typed_with_a_slip_is_read_as_the_articles_spell_it(seeded):
    answer = seeded.ask("What did Amodie tell staff?")
    assert not answer.abstained and "safety theater" in answer.answer
    assert "Amodei" in answer.standalone_question
    assert seeded.ask("What did Sam Altmann say about the Pentagon dispute?").abstained  # absent, not misspelt


def test_what_happened_on_a_day_is_told_by_that_days_articles(seeded):
    answer = seeded.ask("What happened on March 5, 2026?")  # not March 22, the other article of the month
    assert answer.claims and {c.published for c in answer.citations} == {"2026-03-05"}


def test_what_an_outlet_reported_comes_from_that_outlets_articles(seeded):
    answer = seeded.ask("What did AI Daily report?")  # no topic: what each of its articles reports
    assert answer.claims and {c.outlet for c in answer.citations} == {"AI Daily"}
    answer = seeded.ask("what did the hill write about the deadline")
    assert answer.claims and {c.outlet for c in answer.citations} == {"The Hill"}
    assert answer.standalone_question == "What The Hill's articles say about the deadline"
    assert seeded.retriever.store.source_named("the hill") == "The Hill"
    assert seeded.retriever.store.source_named("Harbour Post") is None


def test_one_outlets_article_or_two_outlets_side_by_side_come_from_those_outlets_alone(seeded):
    answer = seeded.ask("Summarize the AI Daily article")
    assert answer.claims and {c.outlet for c in answer.citations} == {"AI Daily"}
    assert answer.citations[0].quote.startswith("A court filing unsealed this week")  # the article's opening
    answer = seeded.ask("Compare The Hill and AI Daily")
    assert {c.outlet for c in answer.citations} == {"The Hill", "AI Daily"}
    # two names that are no outlets of the library are compared over every article
    assert seeded.ask("Compare Anthropic and OpenAI").standalone_question == "Compare Anthropic and OpenAI"


def test_which_outlets_covered_the_story_names_every_outlet_that_did(seeded):
    answer = seeded.ask("Which outlets covered the story?")
    assert {c.outlet for c in answer.citations} >= {"The Hill", "AI Daily"}
    assert len({c.article_id for c in answer.citations}) == 4


@pytest.mark.parametrize("question", ["What is the latest news?", "which article is the most recent"])
def test_the_latest_news_is_the_newest_articles_by_date_newest_first(seeded, question):
    answer = seeded.ask(question)
    dates = [c.published for c in answer.citations]
    assert dates[0] == "2026-03-22" and dates == sorted(dates, reverse=True)  # AI Daily's, then older; undated never
    assert None not in dates
    within = seeded.ask(question, until="2026-03-10")  # the newest inside the filters
    assert within.citations[0].published == "2026-03-05"

"""The date/outlet rendering rules of a claim, and the verifier's checks, on hand-made passages."""

from __future__ import annotations

from briefing.answering.attribution import attribution, join_attribution, long_date
from briefing.answering.draft import Draft, DraftClaim
from briefing.answering.verify import verify
from briefing.types import Passage


def passage(n: int = 1, **meta) -> Passage:
    text = meta.pop("text", "The Pentagon said the talks had stalled. Officials declined to comment further.")
    return Passage(passage_id=f"p{n}", article_id=f"a{n}", text=text, start=0, end=len(text), **meta)


def test_dated_article_with_outlet_names_both():
    lead = attribution(passage(outlet="AI Daily", published="2026-03-22", title="T"))
    assert lead == "On March 22, 2026, AI Daily reported that"


def test_undated_article_is_called_undated_and_given_no_date():
    lead = attribution(passage(outlet="AI Daily", published=None, title="T"))
    assert "undated" in lead and "2026" not in lead and "AI Daily" in lead


def test_unknown_outlet_is_named_by_title_never_guessed():
    dated = attribution(passage(outlet=None, published="2026-03-05", title="Anthropic is back at the table"))
    undated = attribution(passage(outlet=None, published=None, title="Anthropic chief executive"))
    assert dated == "On March 5, 2026, an article titled \u201cAnthropic is back at the table\u201d reported that"
    assert undated.startswith("An undated article titled \u201cAnthropic chief executive\u201d")


def test_republished_article_shows_credited_outlet_and_carrying_site():
    lead = attribution(passage(outlet="The Hill", site="ustower.net", published="2026-02-26", title="T"))
    assert lead.startswith("On February 26, 2026, The Hill") and "ustower.net" in lead


def test_sentence_start_is_lowercased_only_for_ordinary_words():
    assert join_attribution("X reported that", "The Pentagon said no.") == "X reported that the Pentagon said no."
    assert join_attribution("X reported that", "Anthropic said no.") == "X reported that Anthropic said no."
    # with the passage: an everyday word it writes in lower case is lowered; a name, or a first name, is not
    passage_text = ("Just before noon the ferry left. It was just in time. Harbourton said so. Crews thanked "
                    "Harbourton. Will Lowe spoke later; officials will meet again.")
    assert join_attribution("X reported that", "Just before noon the ferry left.", passage_text) \
        == "X reported that just before noon the ferry left."
    assert join_attribution("X reported that", "Harbourton said so.", passage_text) \
        == "X reported that Harbourton said so."
    assert join_attribution("X reported that", "Will Lowe spoke later.", passage_text) \
        == "X reported that Will Lowe spoke later."
    assert join_attribution("X reported that", "Just before noon the ferry left.") \
        == "X reported that Just before noon the ferry left."  # without the passage: left as written
    assert join_attribution("X reported that", "According to the Harbour Post, the ferry left.") \
        == "X reported that according to the Harbour Post, the ferry left."  # never a name


def test_long_date():
    assert long_date("2026-02-06") == "February 6, 2026"


def test_verifier_renumbers_citations_and_keeps_verbatim_quotes():
    ps = [passage(1, outlet="A", published="2026-01-02"), passage(2, outlet="B", published="2026-01-03")]
    quote = "The Pentagon said the talks had stalled."
    draft = Draft(
        [
            DraftClaim(
                "On January 3, 2026, B reported that the Pentagon said the talks had stalled. [2]", quotes={2: quote}
            )
        ]
    )
    answer = verify("q?", draft, ps, "extractive")
    assert not answer.abstained
    assert answer.claims[0].citations == [1]  # renumbered: n runs 1..len(citations)
    assert answer.claims[0].text.endswith("[1]")
    assert answer.citations[0].passage_id == "p2" and answer.citations[0].quote == quote
    assert quote in ps[1].text
    assert answer.as_of == "2026-01-03"


def test_verifier_removes_uncited_and_out_of_range_claims_then_abstains():
    ps = [passage(1, outlet="A", published="2026-01-02")]
    draft = Draft(
        [
            DraftClaim("The Pentagon said the talks had stalled."),
            DraftClaim("The Pentagon said the talks had stalled. [7]"),
        ]
    )
    answer = verify("What did the Pentagon say?", draft, ps, "extractive")
    assert answer.abstained and answer.claims == [] and answer.citations == []
    assert answer.answer.startswith("The ingested sources do not say")
    reasons = [r["reason"] for r in answer.removed]
    assert "cites no source" in reasons[0] and "[7]" in reasons[1]


def test_verifier_removes_a_claim_whose_date_the_article_does_not_carry():
    ps = [passage(1, outlet="A", published="2026-01-02")]
    draft = Draft([DraftClaim("On January 9, 2026, A reported that the Pentagon said the talks had stalled. [1]")])
    answer = verify("q?", draft, ps, "openai")
    # removed, never rewritten into another date (issue 13: a verifier that never invents)
    assert answer.abstained and not answer.claims and "January 9, 2026" in answer.removed[0]["reason"]


def test_verifier_drops_a_date_given_to_an_undated_article():
    ps = [passage(1, outlet="A", published=None)]
    draft = Draft([DraftClaim("On January 9, 2026, A reported that the Pentagon said the talks had stalled. [1]")])
    answer = verify("q?", draft, ps, "openai")
    assert answer.abstained and "January 9, 2026" in answer.removed[0]["reason"]


def test_verifier_removes_a_claim_credited_to_the_wrong_outlet():
    ps = [passage(1, outlet="The Hill", published="2026-01-02")]
    claim = "On January 2, 2026, Reuters reported that the Pentagon said the talks had stalled. [1]"
    draft = Draft([DraftClaim(claim)])
    answer = verify("q?", draft, ps, "openai", known_outlets={"Reuters", "The Hill"})
    assert answer.abstained and not answer.claims and "Reuters" in answer.removed[0]["reason"]


def test_a_question_of_several_the_sources_do_not_answer_is_shown_in_the_terminal_the_chat_and_json():
    import io

    from rich.console import Console

    from briefing.render import print_answer
    from briefing.types import Answer
    from briefing.ui.answer import render_answer

    p = passage(1)
    draft = Draft([DraftClaim(f"{join_attribution(attribution(p), p.text, p.text)} [1]", {1: p.text})])
    answer = verify("Who is X and what did she earn?", draft, [p], "extractive")
    assert isinstance(answer, Answer) and answer.claims
    answer.unanswered = ["The ingested sources do not say what she earned."]
    out = io.StringIO()
    print_answer(answer, Console(file=out, width=200))
    assert "The ingested sources do not say what she earned." in out.getvalue()
    assert "The ingested sources do not say what she earned." in render_answer(answer, 1)
    assert answer.to_dict()["unanswered"] == ["The ingested sources do not say what she earned."]

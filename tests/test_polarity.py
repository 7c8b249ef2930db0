"""Negation flips: claims that say the opposite of the sentence they cite are removed, faithful ones kept.

The wordings are invented (ports, ferries, ministers), not taken from the seed articles. Every case pairs a
flipped claim, which must be caught, with a faithful one, which must not: without the check the first half
of each test fails.
"""

from __future__ import annotations

import pytest

from briefing.answering.draft import Draft, DraftClaim
from briefing.answering.polarity import negation_flip
from briefing.answering.verify import verify
from briefing.types import Passage

# (cited sentence, a claim that reverses it, a faithful claim)
CASES = [
    pytest.param("The coastguard suspended the evening crossings to Holyhead.",
                 "The coastguard did not suspend the evening crossings to Holyhead.",
                 "The evening crossings to Holyhead were suspended by the coastguard.", id="not-added"),
    pytest.param("The fisheries minister did not sign the quota agreement in Brussels.",
                 "The fisheries minister signed the quota agreement in Brussels.",
                 "The quota agreement was not signed by the fisheries minister in Brussels.", id="not-dropped"),
    pytest.param("The island council never approved the second pier.",
                 "The island council approved the second pier.",
                 "The second pier was never approved by the island council.", id="never"),
    pytest.param("The state ferry no longer calls at Inishmore in winter.",
                 "The state ferry calls at Inishmore in winter.",
                 "In winter the state ferry does not call at Inishmore any more.", id="no-longer"),
    pytest.param("The port's new owners failed to pay the dock workers in March.",
                 "The port's new owners paid the dock workers in March.",
                 "The dock workers were not paid by the port's new owners in March.", id="failed-to"),
    pytest.param("The harbour master declined to name the stranded vessel.",
                 "The harbour master named the stranded vessel.",
                 "The harbour master would not name the stranded vessel.", id="declined-to"),
    pytest.param("The transport minister refused to close the northern terminal.",
                 "The transport minister did not refuse to close the northern terminal.",
                 "The transport minister would not close the northern terminal.", id="double-negation"),
    pytest.param("No cargo ships docked at the eastern quay on Friday.",
                 "Cargo ships docked at the eastern quay on Friday.",
                 "Cargo ships did not dock at the eastern quay on Friday.", id="no-determiner"),
    pytest.param("The ferry unions agreed to the new rota.",
                 "The ferry unions never agreed to the new rota.",
                 "The new rota was agreed by the ferry unions.", id="never-added"),
]

# (cited sentence, a claim on its other, affirmative clause, a claim that reverses the negated clause)
OTHER_CLAUSE = [
    pytest.param("The minister did not attend the launch, but the new ferry entered service on Monday.",
                 "The new ferry entered service on Monday.",
                 "The minister attended the launch.", id="but-clause"),
    pytest.param("Although the dock strike has not ended, the port reopened its container terminal.",
                 "The port reopened its container terminal.",
                 "The dock strike has ended.", id="although-clause"),
    pytest.param("The pilots did not board the tanker and the harbour tugs towed it to the berth.",
                 "The harbour tugs towed the tanker to the berth.",
                 "The pilots boarded the tanker.", id="and-new-subject"),
    pytest.param("The lifeboat crew rescued all twelve fishermen without serious injury.",
                 "The lifeboat crew rescued all twelve fishermen.",
                 "The lifeboat crew did not rescue the twelve fishermen.", id="side-phrase"),
    pytest.param("The port authority will fine the ferry operator if its ships do not cut emissions.",
                 "The port authority will fine the ferry operator.",
                 "The port authority will not fine the ferry operator.", id="condition"),
]


@pytest.mark.parametrize(("quote", "flipped", "faithful"), CASES)
def test_a_reversed_negation_is_caught_and_a_faithful_restatement_is_not(quote, flipped, faithful):
    assert negation_flip(flipped, [quote]) is not None
    assert negation_flip(faithful, [quote]) is None


@pytest.mark.parametrize(("quote", "untouched", "flipped"), OTHER_CLAUSE)
def test_a_negation_in_a_clause_the_claim_does_not_restate_is_no_flip(quote, untouched, flipped):
    assert negation_flip(untouched, [quote]) is None
    assert negation_flip(flipped, [quote]) is not None


def test_the_flip_names_both_clauses():
    claim, source = negation_flip("The ferry company paid its crews in May.",
                                  ["Ticket sales rose, but the ferry company did not pay its crews in May."])
    assert claim == "The ferry company paid its crews in May"
    assert source == "the ferry company did not pay its crews in May"


# ---- through the verifier ----------------------------------------------------------------------------------

PORT = ("The harbour board approved the new ferry timetable on Tuesday. The ferry operator did not raise fares for "
        "island residents, the board said. Dock workers will not strike this month after the pay offer.")


def port_passage() -> Passage:
    return Passage(passage_id="port-1", article_id="port", text=PORT, start=0, end=len(PORT),
                   title="Harbour board backs timetable", outlet="Island Courier", published="2031-05-06")


def model_claim(text: str, sentence: str) -> DraftClaim:
    """A claim as the local backend drafts it: citing one evidence sentence, which becomes its quote."""
    return DraftClaim(text, quotes={1: sentence})


def test_the_verifier_removes_a_model_claim_that_reverses_its_cited_sentence(embedder):
    approved = "The harbour board approved the new ferry timetable on Tuesday."
    fares = "The ferry operator did not raise fares for island residents, the board said."
    draft = Draft([
        model_claim("The harbour board did not approve the new ferry timetable on Tuesday [1].", approved),
        model_claim("The ferry operator raised fares for island residents [1].", fares),
        model_claim("Fares for island residents were not raised by the ferry operator [1].", fares),
        model_claim("The harbour board approved the ferry timetable on Tuesday [1].", approved),
    ])
    answer = verify("What did the harbour board decide?", draft, [port_passage()], "local", embedder=embedder)
    assert [r["text"] for r in answer.removed] == [draft.claims[0].text, draft.claims[1].text]
    assert all(r["reason"].startswith("negation flip") for r in answer.removed)
    assert "did not raise fares" in answer.removed[1]["reason"]
    kept = [c.text for c in answer.claims]
    assert len(kept) == 2 and "were not raised" in kept[0] and "approved the ferry timetable" in kept[1]


def test_a_flip_is_removed_even_when_the_model_gives_no_quote(embedder):
    draft = Draft([DraftClaim("Dock workers will strike this month after the pay offer [1]."),
                   DraftClaim("Dock workers will not strike this month after the pay offer [1].")])
    answer = verify("Will dock workers strike?", draft, [port_passage()], "openai", embedder=embedder)
    assert [r["text"] for r in answer.removed] == [draft.claims[0].text]
    assert "negation flip" in answer.removed[0]["reason"]
    assert len(answer.claims) == 1 and "will not strike" in answer.claims[0].text


def test_extractive_claims_are_their_quotes_and_are_never_removed_as_flips(embedder):
    """The extractive backend's claims are its quotes, negations and all; a model's reversal of one is removed."""
    sentences = ["The ferry operator did not raise fares for island residents, the board said.",
                 "Dock workers will not strike this month after the pay offer."]
    lead = "On May 6, 2031, Island Courier reported that"
    verbatim = Draft([DraftClaim(f"{lead} {s[0].lower()}{s[1:]} [1]", quotes={1: s}) for s in sentences])
    kept = verify("What did the board say?", verbatim, [port_passage()], "extractive", embedder=embedder)
    assert kept.removed == []
    assert [c.text.rsplit(" [", 1)[0] for c in kept.claims] == [c.text.rsplit(" [", 1)[0] for c in verbatim.claims]
    flipped = Draft([model_claim("Dock workers will strike this month after the pay offer [1].", sentences[1])])
    assert verify("q?", flipped, [port_passage()], "local", embedder=embedder).abstained

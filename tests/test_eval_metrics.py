"""The evaluation's pure parts on hand-made cases: metrics, scoring, gold files, gates, RealTimeQA scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.eval import metrics as m
from briefing.eval.gates import GATES_FILE, Gate, GateError, check_gates, load_gates
from briefing.eval.gold import TYPES, GoldError, load_gold, parse_item, truth
from briefing.eval.realtimeqa import answer_correct, first_answer_rank, recall_at_k, summary_keys
from briefing.eval.scoring import score_item, summarize

REPO = Path(__file__).resolve().parent.parent
HILL = "003_90a6f74279e4adcb.txt"
UNDATED = "002_4fdec09c74d0d657.txt"
HILL_QUOTE = "The AI firm was one of several companies that received a $200 million contract with the DOD last summer."


def citation(
    n: int = 1,
    file: str = HILL,
    published: str | None = "2026-02-26",
    outlet: str | None = "The Hill",
    quote: str = HILL_QUOTE,
    passage_id: str = "p1",
    title: str = "Talks stall",
) -> dict:
    return {
        "n": n,
        "article_id": file[:3],
        "passage_id": passage_id,
        "title": title,
        "outlet": outlet,
        "published": published,
        "url": None,
        "source_path": f"data/seeds/{file}",
        "quote": quote,
    }


def answer(
    claims: list[tuple[str, list[int]]],
    citations: list[dict],
    passages: list[dict] | None = None,
    abstained: bool = False,
) -> dict:
    return {
        "question": "q",
        "answer": " ".join(t for t, _ in claims) or "The sources do not say.",
        "abstained": abstained,
        "backend": "test",
        "claims": [{"text": t, "citations": c} for t, c in claims],
        "citations": citations,
        "passages": passages or [],
    }


GOOD = (
    "On February 26, 2026, The Hill reported that the AI firm was one of several companies that received a "
    "$200 million contract with the DOD last summer. [1]"
)


# ---- normalization, facts, F1 -----------------------------------------------------------------


def test_normalize_folds_case_punctuation_currency_and_hyphens():
    assert m.normalize("The $200 Million, supply-chain “risk”.") == "the 200 million supply chain risk"
    assert m.normalize("Directive 3000.09 and 1,000 AI projects.") == "directive 3000.09 and 1,000 ai projects"
    assert m.normalize("Anthropic’s model") == "anthropic model"


def test_facts_present_takes_any_alternative_and_matches_whole_words():
    text = "Sean Parnell, the chief Pentagon spokesperson, wrote about a $200 million supply chain risk."
    assert m.facts_present(text, [["Sean Parnell", "Parnell"], ["200 million"], ["supply-chain risk"]]) == (1.0, [])
    score, missing = m.facts_present(text, [["Parnell"], ["Claude"], ["Hegseth", "Pete Hegseth"]])
    assert score == pytest.approx(1 / 3)
    assert missing == [["Claude"], ["Hegseth", "Pete Hegseth"]]
    assert m.facts_present("the Hills", [["Hill"]])[0] == 0.0  # whole words only
    assert m.facts_present("anything", []) == (1.0, [])


def test_token_f1():
    assert m.token_f1("The cat sat.", "the cat sat") == 1.0
    assert m.token_f1("dog", "cat") == 0.0
    assert m.token_f1("the cat sat", "cat sat down") == pytest.approx(0.8)  # p = 1, r = 2/3
    assert m.token_f1("", "") == 1.0


# ---- retrieval -------------------------------------------------------------------------------


def test_hit_at_k_and_mrr_map_passages_to_file_names_or_urls():
    passages = [
        {"source_path": "data/seeds/000_f1b9db061f09dfc8.txt"},
        {"source_path": "/abs/data/seeds/" + HILL, "url": "https://ustower.net/?p=54128"},
        {"source_path": None, "url": "https://example.com/a"},
    ]
    rank = m.first_hit_rank(passages, [HILL, UNDATED])
    assert rank == 2
    assert (m.hit_at_k(rank, 1), m.hit_at_k(rank, 5), m.reciprocal_rank(rank)) == (0.0, 1.0, 0.5)
    assert m.first_hit_rank(passages, ["https://example.com/a"]) == 3
    assert m.retrieved_share(passages, [HILL, UNDATED]) == 0.5 and m.retrieved_share(passages, []) == 1.0
    none = m.first_hit_rank(passages, [UNDATED])
    assert none is None and m.hit_at_k(none, 10) == 0.0 and m.reciprocal_rank(none) == 0.0
    assert not m.is_article("03_90a6f74279e4adcb.txt", "data/seeds/" + HILL, None)  # no partial names


# ---- citations -------------------------------------------------------------------------------


def test_citation_validity_accepts_a_well_formed_answer():
    passages = [{"passage_id": "p1", "text": "Intro.  " + HILL_QUOTE.replace(" ", "\n", 1) + " More."}]
    assert m.citation_problems(answer([(GOOD, [1])], [citation()], passages)) == []
    assert m.citation_problems(answer([], [], abstained=True)) == []


@pytest.mark.parametrize(
    ("claims", "citations", "expected"),
    [
        ([("A claim without a source.", [])], [], "claim 1 cites nothing"),
        ([("A claim. [2]", [2])], [citation()], "claim 1 cites [2], outside 1..1"),
        ([(GOOD, [1])], [citation(1), citation(2, passage_id="p2")], "citation [2] is cited by no claim"),
        ([("A claim. [1]", [])], [citation()], "claim 1's markers [1] differ from its citations []"),
        ([(GOOD.replace("[1]", "[2]"), [2])], [citation(2)], "citations are numbered [2], not 1..1"),
        ([(GOOD, [1])], [citation(quote="")], "citation [1] has an empty quote"),
    ],
)
def test_citation_validity_names_each_fault(claims, citations, expected):
    assert expected in m.citation_problems(answer(claims, citations))


def test_citation_validity_faults_of_shape():
    assert m.citation_problems(answer([(GOOD, [1])], [citation()], abstained=True)) == ["abstained, yet has 1 claim(s)"]
    assert "answered without any claim" in m.citation_problems(answer([], []))
    not_verbatim = answer(
        [(GOOD, [1])], [citation(quote="Words the passage never had.")], [{"passage_id": "p1", "text": HILL_QUOTE}]
    )
    assert m.citation_problems(not_verbatim) == ["citation [1]'s quote is not verbatim text of its passage"]


def test_citation_precision_proxy():
    assert m.citation_precision_counts(answer([(GOOD, [1])], [citation()]))[:2] == (1, 1)
    off_topic = citation(quote="Anthropic CEO Dario Amodei accused the DOD of contradictory threats.")
    precise, total, notes = m.citation_precision_counts(answer([(GOOD, [1])], [off_topic]))
    assert (precise, total) == (0, 1) and "does not support claim 1" in notes[0]
    # A claim joining two facts: each quote carries a needed half, so both citations count as precise.
    half1 = citation(1, quote="Sean Parnell wrote on the social platform X.", passage_id="p1")
    half2 = citation(2, quote="He asked for all lawful purposes in a contract.", passage_id="p2")
    joined = (
        "On February 26, 2026, The Hill reported that Sean Parnell wrote on X asking for all lawful purposes. [1][2]"
    )
    assert m.citation_precision_counts(answer([(joined, [1, 2])], [half1, half2]))[:2] == (2, 2)
    # ...but a passenger citation that adds nothing is not.
    assert m.citation_precision_counts(answer([(GOOD, [1, 2])], [citation(1), off_topic | {"n": 2}]))[:2] == (1, 2)


def test_support_ignores_the_attribution_lead_in():
    lead_only = "On February 26, 2026, The Hill reported that [1]"
    assert m.support(lead_only, [HILL_QUOTE], [citation()]) == 0.0  # no content words left: supports nothing
    assert m.support(GOOD, [HILL_QUOTE], [citation()]) == 1.0


def test_citation_recall_counts_supporting_articles_cited():
    a = answer([(GOOD, [1])], [citation()])
    assert m.citation_recall(a, [HILL, UNDATED]) == 0.5
    assert m.cited_articles(a, [HILL, UNDATED]) == {HILL}
    assert m.citation_recall(a, []) == 1.0


# ---- attribution -----------------------------------------------------------------------------


def test_stated_dates_reads_the_usual_forms_and_skips_impossible_ones():
    text = "On February 26, 2026, Feb. 27, 2026, 5 March 2026, 2026-03-22 but not February 30, 2026 or March 2026."
    assert [iso for _, iso in m.stated_dates(text)] == ["2026-02-26", "2026-02-27", "2026-03-05", "2026-03-22"]
    assert m.long_date("2026-03-05") == "March 5, 2026"


def test_claim_attribution_correct():
    check = m.check_claim_attribution({"text": GOOD, "citations": [1]}, [citation()])
    assert (check.date_ok, check.outlet_ok, check.invented, check.problems) == (True, True, [], [])


def test_claim_attribution_shifted_date_is_wrong_and_invented():
    shifted = GOOD.replace("February 26", "February 27")
    check = m.check_claim_attribution({"text": shifted, "citations": [1]}, [citation()])
    assert check.date_ok is False
    assert check.invented == ["February 27, 2026"]
    assert any("does not state that date" in p for p in check.problems)


def test_claim_attribution_missing_outlet_and_unknown_outlet():
    no_outlet = GOOD.replace("The Hill", "a news site")
    assert m.check_claim_attribution({"text": no_outlet, "citations": [1]}, [citation()]).outlet_ok is False
    unknown = m.check_claim_attribution({"text": no_outlet, "citations": [1]}, [citation(outlet=None)])
    assert unknown.outlet_ok is None and unknown.date_ok is True


def test_claim_attribution_undated_article_given_a_date_is_invented():
    text = "On March 5, 2026, an article reported that Amodei resumed discussions with Emil Michael. [1]"
    c = citation(file=UNDATED, published=None, outlet=None, quote="Amodei has resumed discussions with Emil Michael.")
    check = m.check_claim_attribution({"text": text, "citations": [1]}, [c])
    assert check.date_ok is None and check.invented == ["March 5, 2026"]
    assert "undated" in check.problems[0]
    undated = text.replace("On March 5, 2026, an", "An undated")
    fine = m.check_claim_attribution({"text": undated, "citations": [1]}, [c])
    assert (fine.date_ok, fine.invented) == (None, [])


def test_a_date_written_in_the_cited_quote_is_not_invented():
    c = citation(quote="The court filing of March 3, 2026 shows the sides were nearly aligned.")
    text = "On February 26, 2026, The Hill reported that the court filing of March 3, 2026 shows alignment. [1]"
    assert m.check_claim_attribution({"text": text, "citations": [1]}, [c]).invented == []


def test_gold_truth_overrides_the_citation_metadata():
    # The store wrongly dated the undated article; the claim repeats that date: gold catches it.
    c = citation(file=UNDATED, published="2026-03-05", outlet=None, quote="Amodei resumed discussions.")
    text = "On March 5, 2026, an article reported that Amodei resumed discussions. [1]"
    gold = {UNDATED: m.ArticleMeta(None, None)}
    assert m.check_claim_attribution({"text": text, "citations": [1]}, [c]).invented == []
    assert m.check_claim_attribution({"text": text, "citations": [1]}, [c], gold).invented == ["March 5, 2026"]
    ok, total, problems = m.metadata_problems(answer([(text, [1])], [c]), gold)
    assert (ok, total) == (0, 1) and "gold says None" in problems[0]


def test_abstention_and_aggregates():
    assert m.abstention_correct(True, True) and m.abstention_correct(False, False)
    assert not m.abstention_correct(False, True)
    assert m.mean([1.0, None, 0.0]) == 0.5 and m.mean([None]) is None
    assert m.share(0, 0) is None and m.share(1, 4) == 0.25


# ---- scoring one item and summarizing -------------------------------------------------------------


def gold_row(**overrides) -> dict:
    row = {
        "id": "x1",
        "type": "fact",
        "question": "How much was the contract?",
        "reference": "On February 26, 2026, The Hill reported a $200 million contract.",
        "facts": [["$200 million", "200 million"]],
        "supporting": [{"article": HILL, "published": "2026-02-26", "outlet": "The Hill"}],
        "expect_abstain": False,
    }
    return row | overrides


UNANSWERABLE = {
    "id": "u1",
    "type": "unanswerable",
    "question": "What did Sam Altman say?",
    "reference": "The sources do not mention him.",
    "facts": [],
    "supporting": [],
    "expect_abstain": True,
}


def test_score_item_good_answer_has_no_problems():
    item = parse_item(gold_row(), "t:1")
    r = score_item(item, answer([(GOOD, [1])], [citation()], [{"source_path": "data/seeds/" + HILL}]), truth([item]))
    assert r.passed, r.problems
    assert (r.facts, r.rank, r.citation_recall, r.dated_ok, r.outlet_ok) == (1.0, 1, 1.0, 1, 1)


def test_score_item_and_summary_for_wrong_abstentions():
    answerable = parse_item(gold_row(), "t:1")
    unanswerable = parse_item(UNANSWERABLE, "t:2")
    silent = score_item(answerable, answer([], [], abstained=True))
    talkative = score_item(unanswerable, answer([(GOOD, [1])], [citation()]))
    assert "abstained, though the sources answer it" in silent.problems and silent.facts == 0.0
    assert "answered, though the sources do not say (abstention expected)" in talkative.problems
    s = summarize([silent, talkative])
    assert (s["abstention_answerable"], s["abstention_unanswerable"], s["facts"]) == (0.0, 0.0, 0.0)
    assert s["citation_validity"] == 1.0 and s["date_correctness"] == 1.0
    results = {r.gate.metric: r.ok for r in check_gates(s, load_gates())}
    assert not results["facts"] and not results["abstention_answerable"] and not results["abstention_unanswerable"]
    assert results["citation_validity"] and results["invented_dates"]


# ---- gold files ------------------------------------------------------------------------------


def write_gold(tmp_path: Path, rows: list, name: str = "gold.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def test_load_gold_reads_items_with_their_split(tmp_path):
    path = write_gold(tmp_path, [gold_row(), "", UNANSWERABLE])
    items = load_gold(path)
    assert [i.id for i in items] == ["x1", "u1"] and items[0].split == "gold.jsonl"
    assert items[1].where == f"{path}:3"
    assert items[0].history is None
    followup = load_gold(write_gold(tmp_path, [gold_row(history=["Who wrote on X?", "What did he write?"])], "f.jsonl"))
    assert followup[0].history == ["Who wrote on X?", "What did he write?"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{not json", ":1: not valid JSON"),
        ({k: v for k, v in gold_row().items() if k != "facts"}, ":1: field 'facts': missing"),
        (gold_row(type="trivia"), ":1: field 'type': 'trivia' is not one of"),
        (gold_row(facts=["$200 million"]), ":1: field 'facts': expected a list of facts"),
        (gold_row(facts=[[]]), ":1: field 'facts'"),
        (
            gold_row(supporting=[{"article": HILL, "published": "26/02/2026", "outlet": None}]),
            ":1: field 'supporting[0].published': '26/02/2026' is neither YYYY-MM-DD nor null",
        ),
        (gold_row(supporting=[{"article": HILL}]), ":1: field 'supporting[0]'"),
        (gold_row(expect_abstain="no"), ":1: field 'expect_abstain': expected true or false"),
        (gold_row(expect_abstain=True), ":1: field 'expect_abstain': must be true exactly when"),
        (UNANSWERABLE | {"facts": [["x"]]}, ":1: field 'facts': an unanswerable item has no facts"),
        (gold_row(until="March 1"), ":1: field 'until': 'March 1' is not a YYYY-MM-DD date"),
        (gold_row(answer="typo"), ":1: field 'answer': unknown field"),
        (gold_row(history="Who is Sean Parnell?"), ":1: field 'history': expected a non-empty list"),
        (gold_row(history=[]), ":1: field 'history': expected a non-empty list"),
        (gold_row(history=["Who?", " "]), ":1: field 'history': expected a non-empty list"),
        ([1, 2], ":1: expected a JSON object"),
    ],
)
def test_load_gold_errors_name_file_line_and_field(tmp_path, row, message):
    path = write_gold(tmp_path, [row])
    with pytest.raises(GoldError) as info:
        load_gold(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)
    assert "\n" not in str(info.value)


def test_load_gold_errors_across_items_and_files(tmp_path):
    with pytest.raises(GoldError, match=r"b\.jsonl:1: field 'id': 'x1' is already used at .*a\.jsonl:1"):
        load_gold([write_gold(tmp_path, [gold_row()], "a.jsonl"), write_gold(tmp_path, [gold_row()], "b.jsonl")])
    clash = gold_row(id="x2", supporting=[{"article": HILL, "published": "2026-02-27", "outlet": "The Hill"}])
    with pytest.raises(GoldError, match=r"c\.jsonl:2: field 'supporting\[0\]': .*2026-02-27.*c\.jsonl:1 says"):
        load_gold(write_gold(tmp_path, [gold_row(), clash], "c.jsonl"))
    with pytest.raises(GoldError, match="cannot read the gold file"):
        load_gold(tmp_path / "absent.jsonl")
    with pytest.raises(GoldError, match="no gold items"):
        load_gold(write_gold(tmp_path, [""], "empty.jsonl"))


def test_the_seed_gold_set_meets_the_issue():
    dev = load_gold(REPO / "eval" / "gold" / "seeds.jsonl")
    holdout = load_gold(REPO / "eval" / "gold" / "seeds_holdout.jsonl")
    both = load_gold([REPO / "eval" / "gold" / "seeds.jsonl", REPO / "eval" / "gold" / "seeds_holdout.jsonl"])
    assert len(both) >= 40 and round(len(both) / 3) == len(holdout) and len(dev) + len(holdout) == len(both)
    assert {i.type for i in both} == set(TYPES)
    assert sum(i.expect_abstain for i in both) >= 8
    seeds = {p.name for p in (REPO / "data" / "seeds").iterdir()}
    assert {ref for i in both for ref in i.articles} <= seeds


# ---- gates -----------------------------------------------------------------------------------


def test_gates_file_and_checks(tmp_path):
    gates = load_gates(GATES_FILE, known=set(summarize([])))
    assert {g.metric for g in gates} >= {"facts", "citation_validity", "date_correctness", "outlet_correctness",
                                         "invented_dates", "abstention_answerable", "abstention_unanswerable"}
    assert {str(g) for g in gates} >= {"citation_validity >= 1", "invented_dates <= 0"}
    rtqa = load_gates(GATES_FILE, known=summary_keys(), table="realtimeqa")
    assert {g.metric for g in rtqa} >= {"accuracy_until", "recall@5_until"}
    results = check_gates(
        {"facts": 0.9, "invented_dates": 1, "citation_validity": None},
        [Gate("facts", "min", 0.85), Gate("invented_dates", "max", 0), Gate("citation_validity", "min", 1.0)],
    )
    assert [r.ok for r in results] == [True, False, True]  # None: the metric applies to nothing
    bad = tmp_path / "gates.toml"
    bad.write_text("[gates]\nfactz = { min = 0.8 }\n")
    with pytest.raises(GateError, match="gate 'factz': no such metric"):
        load_gates(bad, known={"facts"})
    bad.write_text("[gates]\nfacts = { at_least = 0.8 }\n")
    with pytest.raises(GateError, match="expected"):
        load_gates(bad)
    bad.write_text("[gates]\nfacts = { min = 0.8 }\n[realtimeqa]\naccuracy = { min = 0.3 }\n")
    with pytest.raises(GateError, match=r"\[realtimeqa\] gate 'accuracy': no such metric"):
        load_gates(bad, known=summary_keys(), table="realtimeqa")
    bad.write_text("[gates]\nfacts = { min = 0.8 }\n")
    assert load_gates(bad, known=summary_keys(), table="realtimeqa", required=False) == []
    with pytest.raises(GateError, match=r"expected a non-empty \[realtimeqa\] table"):
        load_gates(bad, table="realtimeqa")


# ---- RealTimeQA scoring ------------------------------------------------------------------------


def test_realtimeqa_scoring():
    assert first_answer_rank(["nothing", "It was LONGWOOD Gardens."], "Longwood Gardens") == 2
    assert first_answer_rank(["nothing"], "x") is None
    assert recall_at_k([1, 3, None, 6], 5) == 0.5 and recall_at_k([], 1) == 0.0
    assert answer_correct("About 25% of students.", "25%", ["10%", "15%"])
    assert not answer_correct("Either 25% or 15%.", "25%", ["10%", "15%"])
    assert not answer_correct("Nobody knows.", "25%", ["10%"])
    # an accent written as one character or as a letter and a combining mark is the same answer
    assert answer_correct("It leads with \"Emilia P\u00e9rez\".", "Emilia Pe\u0301rez", ["Anora"])
    assert first_answer_rank(["Emilia Pe\u0301rez leads"], "emilia p\u00e9rez") == 1

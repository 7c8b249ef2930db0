"""The gate bites: the harness, run as a function over the real seeds and answerer, fails deliberately broken
answerers (dropped citations, shifted dates, a wrong outlet, wrong abstentions) and passes the real one's
citation, date and outlet checks."""

from __future__ import annotations

import argparse
import copy
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from briefing import Briefing, Settings
from briefing.cli import main
from briefing.eval import runner
from briefing.eval.metrics import DATE_PATTERN, long_date, stated_dates

REPO = Path(__file__).resolve().parent.parent
# Items of the dev gold set over each kind of seed article: The Hill (dated, outlet; once with a date filter),
# the dated article without outlet, the undated one, and one the sources do not answer.
ITEM_IDS = ("attr-01", "fact-02", "temp-03", "fact-07", "attr-04", "none-02")
ATTRIBUTION_GATES = ("citation_validity", "date_correctness", "outlet_correctness", "invented_dates")


class CachingAsker:
    """The real Briefing, asked once per question; returns answer dicts (the ``ask --json`` shape)."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.settings = briefing.settings
        self.cache: dict[tuple, dict] = {}

    def ask(self, question, since=None, until=None, sources=None, k=8, history=None, backend=None) -> dict:
        key = (question, since, until, tuple(sources or ()), k, tuple(history or ()), backend)
        if key not in self.cache:
            self.cache[key] = self.briefing.ask(
                question, since=since, until=until, sources=sources, k=k, history=history, backend=backend
            ).to_dict()
        return copy.deepcopy(self.cache[key])


class Broken:
    """Wraps an answerer and damages each answer with ``mutate(answer_dict) -> answer_dict``."""

    def __init__(self, inner: CachingAsker, mutate) -> None:
        self.inner = inner
        self.settings = inner.settings
        self.mutate = mutate

    def ask(self, question, **kwargs) -> dict:
        return self.mutate(self.inner.ask(question, **kwargs))


def _retext(answer: dict, fn) -> dict:
    for claim in answer["claims"]:
        claim["text"] = fn(claim["text"])
    answer["answer"] = " ".join(c["text"] for c in answer["claims"]) or answer["answer"]
    return answer


def drop_citations(answer: dict) -> dict:
    answer["citations"] = []
    for claim in answer["claims"]:
        claim["citations"] = []
    return _retext(answer, lambda t: re.sub(r"\s*\[\d+\]", "", t))


def shift_dates(answer: dict) -> dict:
    def later(m: re.Match) -> str:
        ((_, iso),) = stated_dates(m.group())
        return long_date((date.fromisoformat(iso) + timedelta(days=1)).isoformat())

    return _retext(answer, lambda t: DATE_PATTERN.sub(later, t))


def shift_dates_in_metadata_too(answer: dict) -> dict:
    """A consistent lie: the citation metadata and the claims carry the same wrong date. Gold knows better."""
    for c in answer["citations"]:
        if c["published"]:
            c["published"] = (date.fromisoformat(c["published"]) + timedelta(days=1)).isoformat()
    return shift_dates(answer)


def wrong_outlet(answer: dict) -> dict:
    return _retext(answer, lambda t: t.replace("The Hill", "Reuters"))


def always_abstain(answer: dict) -> dict:
    return answer | {"abstained": True, "answer": "The ingested sources do not say.", "claims": [], "citations": []}


def never_abstain(answer: dict) -> dict:
    if not answer["abstained"]:
        return answer
    claim = "The sources suggest the talks continued. [1]"
    quote = answer["passages"][0]["text"] if answer["passages"] else "The talks continued."
    cite = {
        "n": 1,
        "article_id": "x",
        "passage_id": "x",
        "title": "",
        "outlet": None,
        "published": None,
        "url": None,
        "source_path": None,
        "quote": quote,
    }
    return answer | {
        "abstained": False,
        "answer": claim,
        "claims": [{"text": claim, "citations": [1]}],
        "citations": [cite],
    }


@pytest.fixture(scope="module")
def seeded(embedder, tmp_path_factory) -> CachingAsker:
    """A store holding the four seeds, with the real embedder and the extractive answerer."""
    home = tmp_path_factory.mktemp("eval-gate") / "home"
    briefing = Briefing(settings=Settings(home=home, chroma_url=None, collection="evalgate"), embedder=embedder)
    report = briefing.ingest([REPO / "data" / "seeds"])
    assert report.ok and len(report.added) == 4, report.to_dict()
    return CachingAsker(briefing)


@pytest.fixture(scope="module")
def small_gold(tmp_path_factory) -> Path:
    rows = {
        json.loads(line)["id"]: line
        for line in (REPO / "eval" / "gold" / "seeds.jsonl").read_text().splitlines()
        if line.strip()
    }
    path = tmp_path_factory.mktemp("gold") / "small.jsonl"
    path.write_text("".join(rows[i] + "\n" for i in ITEM_IDS), encoding="utf-8")
    return path


def gates_of(results) -> dict[str, bool]:
    return {r.gate.metric: r.ok for r in results}


def test_the_real_answerer_passes_the_citation_date_and_outlet_gates(seeded, small_gold, tmp_path):
    holds, results, gates = runner.run(seeded, [small_gold], tmp_path / "report", backend="extractive", seed=False)
    ok = gates_of(gates)
    assert all(ok[g] for g in ATTRIBUTION_GATES), [(str(g.gate), g.value) for g in gates]
    values = {g.gate.metric: g.value for g in gates}
    assert values["date_correctness"] is not None and values["outlet_correctness"] is not None  # they applied
    assert sum(not r.answer["abstained"] for r in results) >= 3
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    assert [i["id"] for i in report["items"]] == list(ITEM_IDS)
    assert report["summary"]["all"]["all"]["n"] == len(ITEM_IDS)
    assert "# Evaluation report" in (tmp_path / "report" / "report.md").read_text()
    assert (tmp_path / "report" / "report.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    ("mutate", "must_fail"),
    [
        (drop_citations, {"citation_validity"}),
        (shift_dates, {"date_correctness", "invented_dates"}),
        (shift_dates_in_metadata_too, {"date_correctness", "invented_dates"}),
        (wrong_outlet, {"outlet_correctness"}),
        (always_abstain, {"abstention_answerable", "facts"}),
        (never_abstain, {"abstention_unanswerable"}),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_the_gates_fail_a_broken_answerer(seeded, small_gold, mutate, must_fail):
    holds, results, gates = runner.run(Broken(seeded, mutate), [small_gold], None, backend="extractive", seed=False)
    failed = {metric for metric, ok in gates_of(gates).items() if not ok}
    assert not holds
    assert must_fail <= failed, [(str(g.gate), g.value) for g in gates]
    assert any(r.problems for r in results)


def test_the_cli_exit_codes(home, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    assert main(["eval", "--gold", str(bad), "--report", str(tmp_path / "r")]) == 2
    assert f"{bad}:1: field 'type': missing" in capsys.readouterr().err
    assert main(["eval", "--realtimeqa", str(tmp_path / "absent")]) == 0
    assert "skipped: no RealTimeQA benchmark" in capsys.readouterr().out


def test_run_cli_defaults(home, monkeypatch):
    seen = {}

    def fake_run(briefing, gold, report_dir, backend=None, **_):
        seen.update(gold=gold, report=report_dir, backend=backend)
        return False, [], []

    monkeypatch.setattr(runner, "run", fake_run)
    args = argparse.Namespace(gold=None, report=None, llm=None, realtimeqa=None)
    assert runner.run_cli(args) == 1
    assert seen == {"gold": list(runner.DEFAULT_GOLD), "report": runner.DEFAULT_REPORT, "backend": None}


# ---- CI: --corpus, --gates, --junit; the RealTimeQA gates -----------------------------------------


@pytest.fixture
def shared_embedder_briefing(home, embedder, monkeypatch):
    """`briefing eval` builds ``Briefing()`` itself; this hands it the session's already-loaded embedder."""
    import briefing.api

    real = briefing.api.Briefing
    monkeypatch.setattr(briefing.api, "Briefing", lambda settings=None: real(settings=settings, embedder=embedder))
    return home


def test_eval_in_ci_ingests_the_corpus_and_writes_junit(shared_embedder_briefing, tmp_path, capsys):
    from junitparser import Failure, JUnitXml

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("003_90a6f74279e4adcb.txt", "000_f1b9db061f09dfc8.txt"):  # The Hill and AI Daily only
        (corpus / name).write_bytes((REPO / "data" / "seeds" / name).read_bytes())
    rows = {json.loads(line)["id"]: line for line in (REPO / "eval" / "gold" / "seeds.jsonl").read_text().splitlines()}
    gold = tmp_path / "ci.jsonl"
    # fact-07 is answered by an article left out of the corpus: it must fail, with its question and facts shown
    gold.write_text("".join(rows[i] + "\n" for i in ("attr-01", "fact-07", "none-02")), encoding="utf-8")
    gates = tmp_path / "gates.toml"
    gates.write_text("[gates]\nfacts = { min = 1.0 }\ncitation_validity = { min = 1.0 }\n")
    junit = tmp_path / "out" / "eval.xml"

    code = main(["eval", "--gold", str(gold), "--corpus", str(corpus), "--gates", str(gates), "--junit", str(junit),
                 "--report", str(tmp_path / "report"), "--llm", "extractive"])

    assert code == 1  # fact-07 cannot be answered, so facts >= 1.0 falls short
    assert "ingested the corpus" in capsys.readouterr().err
    stored = sorted(Path(a.source_path).name for a in Briefing().sources())
    assert stored == ["000_f1b9db061f09dfc8.txt", "003_90a6f74279e4adcb.txt"]  # the corpus, not the seeds

    xml = JUnitXml.fromfile(str(junit))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {"ci.jsonl", "gates"}
    cases = {case.name.split(":")[0]: case for case in suites["ci.jsonl"]}
    assert set(cases) == {"attr-01", "fact-07", "none-02"}
    failure = next(r for r in cases["fact-07"].result if isinstance(r, Failure))
    assert "missing fact" in failure.message
    question = "What has the Government Accountability Office documented about AI at the Pentagon?"
    assert f"question: {question}" in failure.text
    assert "expected facts: hundreds of AI projects | hundreds" in failure.text
    assert "answer" in failure.text and "what was wrong:" in failure.text
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    passed = {item["id"]: item["passed"] for item in report["items"]}
    assert {name: not case.result for name, case in cases.items()} == passed
    gate_cases = {case.name.split(" (")[0]: case for case in suites["gates"]}
    assert set(gate_cases) == {"facts >= 1", "citation_validity >= 1"}
    assert gate_cases["facts >= 1"].result and isinstance(gate_cases["facts >= 1"].result[0], Failure)


def test_realtimeqa_gates_hold_or_fail_on_a_small_bench(shared_embedder_briefing, tmp_path, monkeypatch):
    import briefing.eval.realtimeqa as rtqa
    from briefing.eval.realtimeqa import run_gated

    bench = tmp_path / "bench"
    bench.mkdir()
    articles = [
        {"url": "https://example.org/a", "title": "Gardens reopen", "publish_date": "2025/01/03", "authors": [],
         "text": "Longwood Gardens in Pennsylvania reopened its conservatory on Thursday after a two-year renovation."},
        {"url": "https://example.org/b", "title": "Rail strike ends", "publish_date": "2025/01/04", "authors": [],
         "text": "The rail strike in Belgium ended on Friday after unions accepted a pay offer of four percent."},
    ]
    (bench / "corpus.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    question = {"id": "q1", "question": "Which gardens reopened their conservatory after a renovation?",
                "date": "2025-01-05", "answer": "Longwood Gardens", "distractors": ["Kew Gardens", "Butchart Gardens"]}
    (bench / "questions.jsonl").write_text(json.dumps(question) + "\n", encoding="utf-8")
    # an analyst's questions about the same corpus: one the rail article answers, one no article does
    # (of two sets, each summarised on its own as well as together)
    analyst = [{"id": "c-00-0", "question": "what pay rise ended the belgian rail strike", "until": "2025-01-06",
                "answerable": True, "answers": ["four percent"]},
               {"id": "dev-00-4", "question": "Which zoo opened a panda house?", "until": "2025-01-06",
                "answerable": False, "answers": []}]
    monkeypatch.setattr(rtqa, "ANALYST_FILE", tmp_path / "analyst.jsonl")
    rtqa.ANALYST_FILE.write_text("".join(json.dumps(a) + "\n" for a in analyst), encoding="utf-8")
    gates = tmp_path / "gates.toml"
    # two passages in all: the answer is among the top 10 whatever the ranking; accuracy above 1 is impossible
    gates.write_text("[gates]\nfacts = { min = 0 }\n[realtimeqa]\n"
                     "\"recall@10_until\" = { min = 1.0 }\naccuracy_until = { min = 1.01 }\n"
                     "analyst_accuracy = { min = 1.0 }\nanalyst_c_accuracy_answerable = { min = 1.0 }\n")

    results = run_gated(bench, tmp_path / "report", backend="extractive", gates_file=gates)

    assert {r.gate.metric: r.ok for r in results} == {"recall@10_until": True, "accuracy_until": False,
                                                      "analyst_accuracy": True, "analyst_c_accuracy_answerable": True}
    saved = json.loads((tmp_path / "report" / "realtimeqa.json").read_text())
    assert [g["metric"] for g in saved["gates"]] == ["recall@10_until", "accuracy_until", "analyst_accuracy",
                                                     "analyst_c_accuracy_answerable"]
    answered, abstained = saved["analyst"]
    assert not answered["abstained"] and "four percent" in answered["answer"] and answered["correct"]
    assert abstained["abstained"] and abstained["correct"]
    assert (saved["summary"]["analyst_questions"], saved["summary"]["analyst_abstention_unanswerable"]) == (2, 1.0)
    summary = saved["summary"]
    assert (summary["analyst_c_questions"], summary["analyst_c_accuracy_answerable"]) == (1, 1.0)
    assert (summary["analyst_dev_questions"], summary["analyst_dev_abstention_unanswerable"]) == (1, 1.0)
    assert summary["analyst_hold_questions"] == 0
    # answer selection apart from retrieval: the one question's answer is among the passages its answer drew on
    assert saved["summary"]["retrieved_until"] == 1
    assert saved["summary"]["accuracy_retrieved_until"] == saved["summary"]["accuracy_until"]
    assert saved["summary"]["supported_until"] == 0  # q1 is not a judged RealTimeQA question
    assert run_gated(tmp_path / "absent", tmp_path / "report", gates_file=gates) is None


def test_run_cli_gates_gold_and_realtimeqa_together(home, monkeypatch, tmp_path):
    from junitparser import Failure, JUnitXml

    import briefing.eval.realtimeqa
    from briefing.eval.gates import Gate, GateResult

    ran = []
    monkeypatch.setattr(runner, "run", lambda briefing, gold, report_dir, **_: ran.append(gold) or (True, [], []))
    short = [GateResult(Gate("accuracy_until", "min", 0.5), 0.2)]
    monkeypatch.setattr(briefing.eval.realtimeqa, "run_gated", lambda *a, **k: short)
    junit = tmp_path / "j.xml"
    args = argparse.Namespace(gold=["x.jsonl"], report=None, llm=None, realtimeqa=str(tmp_path), gates=None,
                              junit=str(junit), corpus=None)
    assert runner.run_cli(args) == 1  # the gold gates hold, RealTimeQA's does not
    assert ran == [["x.jsonl"]]
    (case,) = [c for suite in JUnitXml.fromfile(str(junit)) for c in suite]
    assert case.classname == "eval.gates.realtimeqa" and isinstance(case.result[0], Failure)
    ran.clear()
    assert runner.run_cli(argparse.Namespace(**{**vars(args), "gold": None, "junit": None})) == 1
    assert ran == []  # --realtimeqa alone: only the external check


def test_realtimeqa_accuracy_on_the_questions_an_article_supports(home, embedder, tmp_path, monkeypatch):
    """Beside accuracy on all questions: on those the judgments file says an article supports (a question whose
    answer no article gives is no test of the answerer)."""
    import briefing.eval.realtimeqa as rtqa

    bench = tmp_path / "bench"
    bench.mkdir()
    article = {"url": "https://example.org/a", "title": "Gardens reopen", "publish_date": "2025/01/03", "authors": [],
               "text": "Longwood Gardens in Pennsylvania reopened its conservatory on Thursday after a renovation."}
    (bench / "corpus.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    questions = [{"id": "q1", "question": "Which gardens reopened their conservatory?", "date": "2025-01-05",
                  "answer": "Longwood Gardens", "distractors": ["Kew Gardens"]},
                 {"id": "q2", "question": "Which zoo opened a panda house?", "date": "2025-01-05",
                  "answer": "Tierpark Berlin", "distractors": ["Zoo Atlanta"]}]
    (bench / "questions.jsonl").write_text("".join(json.dumps(q) + "\n" for q in questions), encoding="utf-8")
    judged = tmp_path / "supported.json"
    judged.write_text(json.dumps({"supported": ["q1"], "not_supported": ["q2"]}), encoding="utf-8")
    monkeypatch.setattr(rtqa, "SUPPORTED_FILE", judged)
    monkeypatch.setattr(rtqa, "ANALYST_FILE", tmp_path / "no-analyst.jsonl")  # none: the quiz alone
    from briefing.api import Briefing
    from briefing.settings import Settings

    b = Briefing(settings=Settings(home=home, collection="realtimeqa"), embedder=embedder)
    summary = rtqa.run_realtimeqa(b, bench, backend="extractive")["summary"]
    assert summary["accuracy_until"] == 0.5  # q2's answer is in no article
    assert (summary["supported_until"], summary["accuracy_supported_until"]) == (1, 1.0)
    assert rtqa.supported_ids(tmp_path / "absent.json") == set()
    shipped = rtqa.supported_ids(Path(rtqa.__file__).with_name("realtimeqa_supported.json"))
    assert len(shipped) == 33  # the shipped judgments of the 65 RealTimeQA 2025 questions


def test_an_analysts_question_is_right_answered_where_the_corpus_answers_and_abstained_from_where_not(tmp_path):
    from briefing.eval.realtimeqa import ANALYST_FILE, analyst_correct, analyst_questions

    assert analyst_correct("On May 2, 2013, USA Today reported that as many as 100 prisoners ... [1]", False, True,
                           ["as many as 100", "100"])
    assert not analyst_correct("The ingested sources do not say how many (100 asked) ...", True, True, ["100"])
    assert not analyst_correct("... 99 prisoners ... [1]", False, True, ["100"])
    assert analyst_correct("The ingested sources do not say ...", True, False, [])
    assert not analyst_correct("On May 2, 2013, USA Today reported that ... [1]", False, False, [])
    shipped = analyst_questions(ANALYST_FILE)
    assert (len(shipped), sum(not q["answerable"] for q in shipped)) == (1375, 279)
    assert all(q["answers"] for q in shipped if q["answerable"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(shipped[0]) + "\n" + json.dumps({**shipped[1], "until": None}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: field 'until'"):
        analyst_questions(bad)
    bad.write_text(json.dumps(shipped[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: not a JSON object"):
        analyst_questions(bad)
    assert analyst_questions(tmp_path / "absent.jsonl") == []

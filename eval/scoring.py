"""Scoring: one gold item against one answer, and the summary of many (pure; metrics in eval/metrics.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from briefing.eval import metrics as m
from briefing.eval.gold import GoldItem

K_VALUES = (1, 3, 5)

# Summary metrics, in table order: key -> (column header, kind). "share" metrics are 0..1, "count" are totals.
METRICS: dict[str, tuple[str, str]] = {
    "hit@1": ("hit@1", "share"),
    "hit@5": ("hit@5", "share"),
    "mrr": ("MRR", "share"),
    "retrieval_recall": ("ret.rec", "share"),
    "facts": ("facts", "share"),
    "f1": ("F1", "share"),
    "citation_validity": ("valid", "share"),
    "citation_precision": ("cit.prec", "share"),
    "citation_recall": ("cit.rec", "share"),
    "date_correctness": ("date", "share"),
    "outlet_correctness": ("outlet", "share"),
    "invented_dates": ("invented", "count"),
    "abstention_answerable": ("abst.ans", "share"),
    "abstention_unanswerable": ("abst.unans", "share"),
}


@dataclass
class ItemResult:
    """Everything measured on one gold item. ``problems`` are failures a gate watches; ``notes`` are not."""

    item: GoldItem
    answer: dict
    seconds: float = 0.0
    rank: int | None = None
    retrieval_recall: float | None = None
    facts: float | None = None
    missing_facts: list[list[str]] = field(default_factory=list)
    f1: float | None = None
    valid: bool = True
    citation_precise: int = 0
    citation_uses: int = 0
    citation_recall: float | None = None
    dated_claims: int = 0
    dated_ok: int = 0
    outlet_claims: int = 0
    outlet_ok: int = 0
    invented: list[str] = field(default_factory=list)
    metadata_ok: int = 0
    metadata_total: int = 0
    abstention_ok: bool = True
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        item = self.item
        answer = {k: v for k, v in self.answer.items() if k != "passages"}
        answer["passages"] = [
            {k: p.get(k) for k in ("passage_id", "score", "title", "outlet", "published", "source_path")}
            for p in self.answer.get("passages") or []
        ]
        return {
            "id": item.id, "split": item.split, "type": item.type, "question": item.question,
            "reference": item.reference, "expect_abstain": item.expect_abstain, "passed": self.passed,
            "problems": self.problems, "notes": self.notes, "seconds": round(self.seconds, 3),
            "metrics": {
                "rank": self.rank, "retrieval_recall": self.retrieval_recall, "facts": self.facts, "f1": self.f1,
                "citation_valid": self.valid,
                "citation_precision": m.share(self.citation_precise, self.citation_uses),
                "citation_recall": self.citation_recall, "dated_claims": self.dated_claims,
                "dated_ok": self.dated_ok, "outlet_claims": self.outlet_claims, "outlet_ok": self.outlet_ok,
                "invented_dates": self.invented, "abstention_ok": self.abstention_ok,
            },
            "answer": answer,
        }


def score_item(item: GoldItem, answer: Mapping, truth: Mapping[str, m.ArticleMeta] | None = None,
               seconds: float = 0.0) -> ItemResult:
    """Judge one answer (the ``Answer.to_dict()`` shape) against its gold item."""
    answer = dict(answer)
    r = ItemResult(item=item, answer=answer, seconds=seconds)
    abstained = bool(answer.get("abstained"))
    text = answer.get("answer") or ""
    claims, citations = answer.get("claims") or [], answer.get("citations") or []

    r.abstention_ok = m.abstention_correct(abstained, item.expect_abstain)
    if not r.abstention_ok:
        r.problems.append("abstained, though the sources answer it" if abstained
                          else "answered, though the sources do not say (abstention expected)")

    if not item.expect_abstain:
        r.rank = m.first_hit_rank(answer.get("passages") or [], item.articles)
        r.retrieval_recall = m.retrieved_share(answer.get("passages") or [], item.articles)
        if r.rank is None:
            r.notes.append("no supporting article among the retrieved passages")
        elif r.retrieval_recall < 1.0:
            absent = [a for a in item.articles if m.retrieved_share(answer.get("passages") or [], [a]) == 0.0]
            r.notes.append("supporting article(s) not retrieved: " + ", ".join(absent))
        r.facts, r.missing_facts = m.facts_present("" if abstained else text, item.facts)
        for alts in r.missing_facts:
            r.problems.append("missing fact: " + " | ".join(repr(a) for a in alts))
        r.f1 = m.token_f1(text, item.reference)
        r.citation_recall = 0.0 if abstained else m.citation_recall(answer, item.articles)
        uncited = sorted(set(item.articles) - m.cited_articles(answer, item.articles))
        if uncited and not abstained:
            r.notes.append("supporting article(s) not cited: " + ", ".join(uncited))

    validity = m.citation_problems(answer)
    r.valid = not validity
    r.problems += ["citation: " + p for p in validity]

    r.citation_precise, r.citation_uses, precision_notes = m.citation_precision_counts(answer)
    r.notes += precision_notes

    for i, claim in enumerate(claims, start=1):
        check = m.check_claim_attribution(claim, citations, truth, label=f"claim {i}")
        if check.date_ok is not None:
            r.dated_claims += 1
            r.dated_ok += check.date_ok
        if check.outlet_ok is not None:
            r.outlet_claims += 1
            r.outlet_ok += check.outlet_ok
        r.invented += check.invented
        r.problems += check.problems

    if truth:
        r.metadata_ok, r.metadata_total, meta_problems = m.metadata_problems(answer, truth)
        r.problems += ["metadata: " + p for p in meta_problems]
    return r


def summarize(results: list[ItemResult]) -> dict[str, float | int | None]:
    """The summary metrics over a set of results (None where a metric applies to none of them)."""
    answerable = [r for r in results if not r.item.expect_abstain]
    unanswerable = [r for r in results if r.item.expect_abstain]
    out: dict[str, float | int | None] = {
        "n": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
    }
    for k in K_VALUES:
        out[f"hit@{k}"] = m.mean(m.hit_at_k(r.rank, k) for r in answerable)
    out["mrr"] = m.mean(m.reciprocal_rank(r.rank) for r in answerable)
    out["retrieval_recall"] = m.mean(r.retrieval_recall for r in answerable)
    out["facts"] = m.mean(r.facts for r in answerable)
    out["facts_all"] = m.mean(float(r.facts == 1.0) for r in answerable)
    out["f1"] = m.mean(r.f1 for r in answerable)
    out["citation_validity"] = m.mean(float(r.valid) for r in results)
    out["citation_precision"] = m.share(sum(r.citation_precise for r in results), sum(r.citation_uses for r in results))
    out["citation_recall"] = m.mean(r.citation_recall for r in answerable)
    out["date_correctness"] = m.share(sum(r.dated_ok for r in results), sum(r.dated_claims for r in results))
    out["outlet_correctness"] = m.share(sum(r.outlet_ok for r in results), sum(r.outlet_claims for r in results))
    out["invented_dates"] = sum(len(r.invented) for r in results)
    out["metadata_correctness"] = m.share(sum(r.metadata_ok for r in results), sum(r.metadata_total for r in results))
    out["abstention_answerable"] = m.mean(float(r.abstention_ok) for r in answerable)
    out["abstention_unanswerable"] = m.mean(float(r.abstention_ok) for r in unanswerable)
    out["abstention"] = m.mean(float(r.abstention_ok) for r in results)
    out["passed"] = m.mean(float(r.passed) for r in results)
    out["seconds"] = m.mean(r.seconds for r in results)
    return out


def by_type(results: list[ItemResult]) -> dict[str, dict]:
    """Summaries per question type (in gold-type order), then "all"."""
    from briefing.eval.gold import TYPES

    groups = {t: [r for r in results if r.item.type == t] for t in TYPES}
    out = {t: summarize(rs) for t, rs in groups.items() if rs}
    out["all"] = summarize(results)
    return out

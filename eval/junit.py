"""`briefing eval --junit FILE`: the evaluation as JUnit XML, for any CI that shows test reports.

One test suite per gold file with one test case per gold item (a failure carries the question, the
expected facts, the answer and what was wrong), and one suite of the gates (the seed sets' and, when run,
RealTimeQA's), each gate a test case failing when it falls short. Written with the standard library.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from briefing.eval.gates import GateResult
from briefing.eval.scoring import ItemResult


def _item_failure(r: ItemResult) -> tuple[str, str]:
    """(message, body) of a failed item: the problems in one line, then question, facts, answer and problems."""
    item = r.item
    lines = [f"question: {item.question}"]
    filters = {k: v for k, v in (("since", item.since), ("until", item.until), ("sources", item.sources)) if v}
    if filters:
        lines.append(f"filters: {filters}")
    if item.history:
        lines.append("after: " + " / ".join(item.history))
    if item.expect_abstain:
        lines.append("expected: an abstention (the sources do not say)")
    else:
        lines.append("expected facts: " + "; ".join(" | ".join(alts) for alts in item.facts))
    lines.append("reference: " + item.reference)
    answer = r.answer.get("answer") or "(empty)"
    lines.append(("answer (abstained): " if r.answer.get("abstained") else "answer: ") + answer)
    lines.append("what was wrong:")
    lines += [f"- {p}" for p in r.problems]
    return "; ".join(r.problems), "\n".join(lines)


def _suite(parent: ET.Element, name: str, cases: list[tuple[str, str, float, tuple[str, str] | None]]) -> None:
    failures = sum(failure is not None for *_, failure in cases)
    suite = ET.SubElement(parent, "testsuite", name=name, tests=str(len(cases)), failures=str(failures),
                          errors="0", skipped="0", time=f"{sum(c[2] for c in cases):.3f}")
    for classname, case_name, seconds, failure in cases:
        case = ET.SubElement(suite, "testcase", classname=classname, name=case_name, time=f"{seconds:.3f}")
        if failure is not None:
            message, body = failure
            node = ET.SubElement(case, "failure", message=message, type="AssertionError")
            node.text = body


def junit_xml(results: list[ItemResult], gates: Iterable[tuple[str, GateResult]]) -> ET.ElementTree:
    """The report as an XML tree; ``gates`` are (group, result) pairs, e.g. ("seeds", ...), ("realtimeqa", ...)."""
    root = ET.Element("testsuites", name="briefing eval")
    splits: dict[str, list[ItemResult]] = {}
    for r in results:
        splits.setdefault(r.item.split, []).append(r)
    for split, rs in splits.items():
        cases = [(f"eval.{split.removesuffix('.jsonl')}.{r.item.type}", f"{r.item.id}: {r.item.question}",
                  r.seconds, None if r.passed else _item_failure(r)) for r in rs]
        _suite(root, split, cases)
    gate_cases = []
    for group, g in gates:
        value = "n/a" if g.value is None else f"{g.value:g}"
        failure = None if g.ok else (f"{g.gate} falls short: {value}", f"gate {g.gate} ({group}): measured {value}")
        gate_cases.append((f"eval.gates.{group}", f"{g.gate} (measured {value})", 0.0, failure))
    if gate_cases:
        _suite(root, "gates", gate_cases)
    totals = {k: sum(int(s.get(k, 0)) for s in root) for k in ("tests", "failures")}
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def write_junit(path: str | Path, results: list[ItemResult], gates: Iterable[tuple[str, GateResult]]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    junit_xml(results, gates).write(path, encoding="utf-8", xml_declaration=True)
    return path

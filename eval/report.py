"""The evaluation's outputs: console tables (rich), report.json, report.md and report.png."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from rich.console import Console
from rich.table import Table

from briefing.eval.gates import GateResult
from briefing.eval.scoring import METRICS, ItemResult, by_type

CHART_METRICS = ("hit@5", "facts", "citation_validity", "citation_precision", "citation_recall", "date_correctness",
                 "outlet_correctness", "abstention")


def fmt(value: float | int | None, kind: str = "share") -> str:
    if value is None:
        return "–"
    return str(int(value)) if kind == "count" else f"{value:.2f}"


def _failing(metric: str, value, gates: list[GateResult]) -> bool:
    for g in gates:
        if g.gate.metric == metric and value is not None:
            bound = g.gate.bound
            return value < bound if g.gate.op == "min" else value > bound
    return False


def type_table(title: str, rows: Mapping[str, Mapping], gates: list[GateResult] = ()) -> Table:
    """Rows per question type (and "all"), columns per metric; cells that break a gate in red."""
    table = Table(title=title, title_justify="left")
    table.add_column("type")
    table.add_column("n", justify="right")
    for header, _ in METRICS.values():
        table.add_column(header, justify="right")
    for name, summary in rows.items():
        cells = []
        for key, (_, kind) in METRICS.items():
            text = fmt(summary.get(key), kind)
            cells.append(f"[red]{text}[/red]" if _failing(key, summary.get(key), gates) else text)
        table.add_row(f"[bold]{name}[/bold]" if name == "all" else name, str(summary["n"]), *cells,
                      end_section=name == list(rows)[-2] if len(rows) > 1 else False)
    return table


def gates_table(gates: list[GateResult], title: str = "gates (eval/gates.toml)") -> Table:
    table = Table(title=title, title_justify="left")
    for col in ("gate", "value", "result"):
        table.add_column(col)
    for g in gates:
        kind = METRICS.get(g.gate.metric, ("", "share"))[1]
        value = fmt(g.value, kind) if g.value is not None else "n/a"
        table.add_row(str(g.gate), value, "[green]holds[/green]" if g.ok else "[red]FAILS[/red]")
    return table


def splits_of(results: list[ItemResult]) -> dict[str, list[ItemResult]]:
    out: dict[str, list[ItemResult]] = {}
    for r in results:
        out.setdefault(r.item.split, []).append(r)
    return out


def print_report(results: list[ItemResult], gates: list[GateResult], console: Console) -> None:
    for split, rs in splits_of(results).items():
        console.print(type_table(f"{split} ({len(rs)} items)", by_type(rs), gates))
    failed = [r for r in results if not r.passed]
    console.print(f"{len(results) - len(failed)} of {len(results)} items without problems"
                  + (f"; with problems: {', '.join(r.item.id for r in failed)}" if failed else ""))
    console.print(gates_table(gates))


# ---- files --------------------------------------------------------------------------------------


def report_json(results: list[ItemResult], gates: list[GateResult], meta: Mapping) -> dict:
    return {
        **meta,
        "gates": [g.to_dict() for g in gates],
        "gates_hold": all(g.ok for g in gates),
        "summary": {"all": by_type(results), "splits": {s: by_type(rs) for s, rs in splits_of(results).items()}},
        "items": [r.to_dict() for r in results],
    }


def _md_table(rows: Mapping[str, Mapping]) -> str:
    keys = list(METRICS)
    lines = ["| type | n | " + " | ".join(METRICS[k][0] for k in keys) + " |",
             "|---|---:|" + "---:|" * len(keys)]
    for name, s in rows.items():
        cells = " | ".join(fmt(s.get(k), METRICS[k][1]) for k in keys)
        lines.append(f"| {'**all**' if name == 'all' else name} | {s['n']} | {cells} |")
    return "\n".join(lines)


def _quote(text: str) -> str:
    return "\n".join("> " + line for line in (text or "(empty)").splitlines())


def report_md(results: list[ItemResult], gates: list[GateResult], meta: Mapping) -> str:
    out = ["# Evaluation report", ""]
    out += [f"- gold: {', '.join(meta.get('gold', []))} ({len(results)} items)",
            f"- backend: {meta.get('backend')}; store: {meta.get('home')}",
            f"- generated: {meta.get('generated')}", ""]
    out += ["## Gates", "", "| gate | value | result |", "|---|---:|---|"]
    for g in gates:
        value = "n/a" if g.value is None else fmt(g.value, METRICS.get(g.gate.metric, ("", "share"))[1])
        out.append(f"| `{g.gate}` | {value} | {'holds' if g.ok else '**FAILS**'} |")
    out.append("")
    for split, rs in splits_of(results).items():
        out += [f"## {split}: metrics by question type", "", _md_table(by_type(rs)), ""]
    failed = [r for r in results if not r.passed]
    out += [f"## Failures ({len(failed)} of {len(results)} items)", ""]
    if not failed:
        out += ["None.", ""]
    for r in failed:
        item = r.item
        out += [f"### {item.id} ({item.type}, {item.split})", "", f"**Question:** {item.question}", ""]
        filters = {k: v for k, v in (("since", item.since), ("until", item.until), ("sources", item.sources)) if v}
        if filters:
            out += [f"**Filters:** {filters}", ""]
        if item.history:
            out += ["**After:** " + " / ".join(item.history), ""]
        out += ["**Expected:**", "", _quote(item.reference), "",
                "**Answer**" + (" (abstained)" if r.answer.get("abstained") else "") + ":", "",
                _quote(r.answer.get("answer", "")), "", "**What was wrong:**", ""]
        out += [f"- {p}" for p in r.problems]
        out += [f"- (note) {n}" for n in r.notes]
        out.append("")
    noted = [r for r in results if r.passed and r.notes]
    if noted:
        out += ["## Notes on items without problems", "", "Not gated: retrieval, citation precision and recall.", ""]
        out += [f"- **{r.item.id}**: " + "; ".join(r.notes) for r in noted]
        out.append("")
    return "\n".join(out)


def report_png(results: list[ItemResult], path: Path) -> None:
    """A grouped bar chart: the share metrics of ``CHART_METRICS`` by question type."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = by_type(results)
    types = list(rows)
    width = 0.8 / len(CHART_METRICS)
    fig, ax = plt.subplots(figsize=(max(8.0, 1.5 * len(types)), 4.8))
    for i, metric in enumerate(CHART_METRICS):
        values = [rows[t].get(metric) for t in types]
        xs = [x + (i - (len(CHART_METRICS) - 1) / 2) * width for x in range(len(types))]
        ax.bar(xs, [float("nan") if v is None else v for v in values], width, label=metric)
    ax.set_xticks(range(len(types)), [f"{t}\n(n={rows[t]['n']})" for t in types], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share")
    ax.set_title("Evaluation by question type")
    ax.legend(fontsize=7, ncols=4, loc="lower center", bbox_to_anchor=(0.5, -0.32))
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_reports(results: list[ItemResult], gates: list[GateResult], meta: Mapping, folder: Path) -> list[Path]:
    """report.json, report.md and report.png in ``folder`` (created); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "report.json", folder / "report.md", folder / "report.png"]
    paths[0].write_text(json.dumps(report_json(results, gates, meta), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
    paths[1].write_text(report_md(results, gates, meta), encoding="utf-8")
    report_png(results, paths[2])
    return paths

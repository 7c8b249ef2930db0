"""The gates (eval/gates.toml): thresholds on summary metrics that decide the exit code of `briefing eval`."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from briefing.errors import BriefingError

GATES_FILE = Path(str(files(__package__) / "gates.toml"))  # package data of briefing.eval


class GateError(BriefingError):
    """A gates file that cannot be used."""


@dataclass(frozen=True)
class Gate:
    metric: str
    op: str  # "min" | "max"
    bound: float

    def __str__(self) -> str:
        return f"{self.metric} {'>=' if self.op == 'min' else '<='} {self.bound:g}"


@dataclass(frozen=True)
class GateResult:
    gate: Gate
    value: float | int | None

    @property
    def ok(self) -> bool:
        """Holds when the metric meets its bound, or does not apply (None)."""
        if self.value is None:
            return True
        return self.value >= self.gate.bound if self.gate.op == "min" else self.value <= self.gate.bound

    def to_dict(self) -> dict:
        return {"metric": self.gate.metric, self.gate.op: self.gate.bound, "value": self.value, "ok": self.ok}


def load_gates(path: str | Path = GATES_FILE, known: set[str] | None = None, table: str = "gates",
               required: bool = True) -> list[Gate]:
    """The gates of a TOML file's ``[gates]`` table (or another, e.g. ``[realtimeqa]``); ``known`` (metric
    names) catches typos. A table that is absent is an error when ``required``, else no gates."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GateError(f"{path}: cannot read the gates file ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise GateError(f"{path}: not valid TOML ({exc})") from None
    section = data.get(table)
    if section is None and not required:
        return []
    if not isinstance(section, dict) or not section:
        raise GateError(f"{path}: expected a non-empty [{table}] table")
    gates = []
    for metric, spec in section.items():
        if known is not None and metric not in known:
            raise GateError(f"{path}: [{table}] gate {metric!r}: no such metric (known: {', '.join(sorted(known))})")
        if not (isinstance(spec, dict) and len(spec) == 1 and next(iter(spec)) in ("min", "max")):
            raise GateError(f"{path}: [{table}] gate {metric!r}: expected {{ min = X }} or {{ max = X }}")
        op, bound = next(iter(spec.items()))
        if isinstance(bound, bool) or not isinstance(bound, (int, float)):
            raise GateError(f"{path}: [{table}] gate {metric!r}: {op} must be a number")
        gates.append(Gate(metric, op, float(bound)))
    return gates


def check_gates(summary: Mapping[str, float | int | None], gates: list[Gate]) -> list[GateResult]:
    """Each gate against the summary's value of its metric."""
    return [GateResult(g, summary.get(g.metric)) for g in gates]


def all_hold(results: list[GateResult]) -> bool:
    return all(r.ok for r in results)

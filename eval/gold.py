"""Gold files: load and validate ``eval/gold/*.jsonl`` (format in eval/README.md).

Every problem is reported as one line naming the file, the line and the field, e.g.
``eval/gold/seeds.jsonl:7: field 'facts': expected a list of lists of strings``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefing.errors import BriefingError
from briefing.eval.metrics import ArticleMeta

TYPES = ("fact", "attribution", "temporal", "timeline", "multi-source", "conflict", "unanswerable")
REQUIRED = ("id", "type", "question", "reference", "facts", "supporting", "expect_abstain")
OPTIONAL = ("since", "until", "sources", "history", "notes")


class GoldError(BriefingError):
    """A gold file that cannot be used, with file, line and field in the message."""


@dataclass(frozen=True)
class Source:
    """A supporting article: a file name (or path suffix, or url) and what it should carry."""

    article: str
    published: str | None
    outlet: str | None


@dataclass
class GoldItem:
    id: str
    type: str
    question: str
    reference: str
    facts: list[list[str]]
    supporting: list[Source]
    expect_abstain: bool
    since: str | None = None
    until: str | None = None
    sources: list[str] | None = None
    history: list[str] | None = None  # the previous user turns, oldest first, passed to ask(history=...)
    notes: str = ""
    split: str = ""  # the gold file's name: which set the item belongs to
    where: str = field(default="", compare=False)  # "file:line", for messages

    @property
    def articles(self) -> list[str]:
        return [s.article for s in self.supporting]


def _iso(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def parse_item(data: object, where: str, split: str = "") -> GoldItem:
    """One gold line (already JSON-decoded) as a GoldItem; raises GoldError naming ``where`` and the field."""

    def fail(name: str, problem: str) -> GoldError:
        return GoldError(f"{where}: field {name!r}: {problem}")

    if not isinstance(data, dict):
        raise GoldError(f"{where}: expected a JSON object, got {type(data).__name__}")
    for name in REQUIRED:
        if name not in data:
            raise fail(name, "missing")
    unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise fail(unknown[0], f"unknown field (allowed: {', '.join(REQUIRED + OPTIONAL)})")
    for name in ("id", "question"):
        if not isinstance(data[name], str) or not data[name].strip():
            raise fail(name, "expected a non-empty string")
    if not isinstance(data["reference"], str):
        raise fail("reference", "expected a string")
    if data["type"] not in TYPES:
        raise fail("type", f"{data['type']!r} is not one of {', '.join(TYPES)}")
    if not isinstance(data["expect_abstain"], bool):
        raise fail("expect_abstain", "expected true or false")
    facts = data["facts"]
    if not isinstance(facts, list) or not all(_str_list(alts) and alts for alts in facts):
        raise fail("facts", "expected a list of facts, each a non-empty list of non-empty strings (alternatives)")
    supporting = []
    if not isinstance(data["supporting"], list):
        raise fail("supporting", "expected a list of {article, published, outlet} objects")
    for i, s in enumerate(data["supporting"]):
        if not isinstance(s, dict) or set(s) != {"article", "published", "outlet"}:
            raise fail(f"supporting[{i}]", "expected an object with exactly: article, published, outlet")
        if not isinstance(s["article"], str) or not s["article"].strip():
            raise fail(f"supporting[{i}].article", "expected a file name or url")
        if s["published"] is not None and not _iso(s["published"]):
            raise fail(f"supporting[{i}].published", f"{s['published']!r} is neither YYYY-MM-DD nor null")
        if s["outlet"] is not None and (not isinstance(s["outlet"], str) or not s["outlet"].strip()):
            raise fail(f"supporting[{i}].outlet", "expected a non-empty string or null")
        supporting.append(Source(s["article"], s["published"], s["outlet"]))
    for name in ("since", "until"):
        if data.get(name) is not None and not _iso(data[name]):
            raise fail(name, f"{data[name]!r} is not a YYYY-MM-DD date")
    if data.get("sources") is not None and not (_str_list(data["sources"]) and data["sources"]):
        raise fail("sources", "expected a non-empty list of outlet names")
    if data.get("history") is not None and not (_str_list(data["history"]) and data["history"]):
        raise fail("history", "expected a non-empty list of the previous user turns (non-empty strings)")
    if data.get("notes") is not None and not isinstance(data["notes"], str):
        raise fail("notes", "expected a string")

    unanswerable = data["type"] == "unanswerable"
    if data["expect_abstain"] != unanswerable:
        raise fail("expect_abstain", "must be true exactly when type is 'unanswerable'")
    if unanswerable and (facts or supporting):
        raise fail("facts" if facts else "supporting", "an unanswerable item has no facts and no supporting articles")
    if not unanswerable and not facts:
        raise fail("facts", "an answerable item needs at least one fact")
    if not unanswerable and not supporting:
        raise fail("supporting", "an answerable item needs at least one supporting article")

    return GoldItem(
        id=data["id"], type=data["type"], question=data["question"], reference=data["reference"],
        facts=[list(alts) for alts in facts], supporting=supporting, expect_abstain=data["expect_abstain"],
        since=data.get("since"), until=data.get("until"), sources=data.get("sources"), history=data.get("history"),
        notes=data.get("notes") or "",
        split=split, where=where,
    )


def load_gold(paths: list[str | Path] | str | Path) -> list[GoldItem]:
    """All items of one or more gold files, validated; ids must be unique across the files, and an
    article must be given the same date and outlet wherever it appears."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    items: list[GoldItem] = []
    seen: dict[str, str] = {}
    for path in map(Path, paths):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise GoldError(f"{path}: cannot read the gold file ({exc.strerror or exc})") from None
        before = len(items)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
            item = parse_item(data, where, split=path.name)
            if item.id in seen:
                raise GoldError(f"{where}: field 'id': {item.id!r} is already used at {seen[item.id]}")
            seen[item.id] = where
            items.append(item)
        if len(items) == before:
            raise GoldError(f"{path}: no gold items in the file")
    truth(items)  # raises on disagreeing metadata
    return items


def truth(items: list[GoldItem]) -> dict[str, ArticleMeta]:
    """What gold says each supporting article carries (its date and outlet), by article reference."""
    known: dict[str, tuple[ArticleMeta, str]] = {}
    for item in items:
        for i, s in enumerate(item.supporting):
            meta = ArticleMeta(s.published, s.outlet)
            if s.article in known and known[s.article][0] != meta:
                other, where = known[s.article]
                raise GoldError(f"{item.where}: field 'supporting[{i}]': {s.article} is given "
                                f"published={s.published!r} outlet={s.outlet!r}, but {where} says "
                                f"published={other.published!r} outlet={other.outlet!r}")
            known.setdefault(s.article, (meta, item.where))
    return {ref: meta for ref, (meta, _) in known.items()}

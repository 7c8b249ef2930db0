"""Domain types that cross stage boundaries. They import nothing of the project."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Article:
    """One news article as stored: metadata is None when the article does not say."""

    article_id: str
    title: str
    text: str
    outlet: str | None = None  # the outlet the text is credited to ("The Hill")
    site: str | None = None  # the site that carried it when that differs ("ustower.net")
    published: str | None = None  # ISO date, YYYY-MM-DD
    author: str | None = None
    url: str | None = None
    source_path: str | None = None
    passages: int = 0
    content_hash: str = ""

    def to_dict(self, with_text: bool = False) -> dict:
        data = asdict(self)
        if not with_text:
            data.pop("text")
        return data


@dataclass
class Passage:
    """A span of an article's text, carrying the article's metadata."""

    passage_id: str
    article_id: str
    text: str
    start: int  # character span in the article text
    end: int
    title: str = ""
    outlet: str | None = None
    site: str | None = None
    published: str | None = None
    url: str | None = None
    source_path: str | None = None
    score: float = 0.0
    also_reported_by: list[str] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # sentence spans within ``text``
    content_hash: str = ""  # the article version the text was read from (shown only while its record carries it)

    def to_dict(self) -> dict:
        return {
            "passage_id": self.passage_id,
            "article_id": self.article_id,
            "score": round(self.score, 4),
            "text": self.text,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "source_path": self.source_path,
            "also_reported_by": list(self.also_reported_by),
        }


@dataclass
class DraftClaim:
    """One sentence of a draft answer. ``[n]`` markers are 1-based indexes into the passages list."""

    text: str
    quotes: dict[int, str] = field(default_factory=dict)  # n -> verbatim sentence, when the backend knows it


@dataclass
class Draft:
    """What a backend hands to the verifier: claims with [n] markers pointing into the retrieved passages."""

    claims: list[DraftClaim]
    abstain_reason: str | None = None  # set when the backend itself found no support
    partial: bool = False  # more claims are coming: a streaming backend's draft so far
    fallback: Draft | None = None  # verified instead when no claim of this one survives verification


@dataclass
class Citation:
    n: int
    article_id: str
    passage_id: str
    title: str
    outlet: str | None
    published: str | None
    url: str | None
    source_path: str | None
    quote: str
    # Relative dates in the quote resolved against the publication date: [{"text": "Thursday",
    # "date": "2026-02-26", "unit": "day"}]; empty for an undated article.
    dates: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Claim:
    text: str
    citations: list[int]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    """What ``Briefing.ask`` returns; ``to_dict()`` is the ``ask --json`` shape."""

    question: str
    answer: str
    abstained: bool
    backend: str
    claims: list[Claim] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    # questions asked at once that the sources do not answer, each said: "The ingested sources do not say what ..."
    unanswered: list[str] = field(default_factory=list)
    fallback_reason: str | None = None
    standalone_question: str | None = None

    @property
    def as_of(self) -> str | None:
        dates = [c.published for c in self.citations if c.published]
        return max(dates) if dates else None

    def to_dict(self) -> dict:
        data = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "backend": self.backend,
            "as_of": self.as_of,
            "claims": [c.to_dict() for c in self.claims],
            "citations": [c.to_dict() for c in self.citations],
            "passages": [p.to_dict() for p in self.passages],
        }
        if self.removed:
            data["removed"] = list(self.removed)
        if self.unanswered:
            data["unanswered"] = list(self.unanswered)
        if self.fallback_reason:
            data["fallback_reason"] = self.fallback_reason
        if self.standalone_question and self.standalone_question != self.question:
            data["standalone_question"] = self.standalone_question
        return data


@dataclass
class IngestReport:
    """Per-run outcome; labels are source paths (``path#n`` for the n-th article of a file)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.failed)} failed"
        )

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
        }

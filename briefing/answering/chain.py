"""The answer chain, the same for every backend: rewrite -> retrieve -> generate -> verify -> audit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from briefing.answering.draft import Draft
from briefing.answering.followup import rewrite_followup
from briefing.answering.text import answer_type, date_range
from briefing.answering.verify import verify
from briefing.audit import AuditLog
from briefing.errors import BriefingError
from briefing.types import Answer, Passage

BACKENDS = ("extractive", "openai")


class Backend(Protocol):
    name: str

    def generate(self, question: str, passages: list[Passage], history: list | None = None) -> Draft: ...


class AnswerChain:
    """Ties a retriever and the backends; every answer is verified and audited."""

    def __init__(self, retriever, backends: dict[str, Backend], audit: AuditLog, known_outlets=frozenset()) -> None:
        self.retriever = retriever
        self.backends = backends
        self.audit = audit
        self.known_outlets = set(known_outlets)

    def backend(self, name: str) -> Backend:
        if name not in BACKENDS:
            raise BriefingError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
        if name not in self.backends:
            raise BriefingError(f"the {name!r} backend is not configured (set OPENAI_BASE_URL or OPENAI_API_KEY)")
        return self.backends[name]

    def ask(self, question: str, *, backend: str, k: int = 8, since=None, until=None, sources=None,
            history=None) -> Answer:
        answer = None
        for item in self.ask_stream(question, backend=backend, k=k, since=since, until=until, sources=sources,
                                    history=history):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def ask_stream(self, question: str, *, backend: str, k: int = 8, since=None, until=None, sources=None,
                   history=None) -> Iterator[str | Answer]:
        """Yields the answer's text as it is produced (claim by claim), then the final Answer."""
        if not question or not question.strip():
            raise BriefingError("the question is empty")
        chosen = self.backend(backend)
        standalone = rewrite_followup(question.strip(), history)
        if since is None and until is None and answer_type(standalone) == "timeline":
            since, until = date_range(standalone) or (None, None)  # "between late February and late March 2026"
        passages = self.retriever.retrieve(standalone, k=k, since=since, until=until, sources=sources)
        draft = chosen.generate(standalone, passages, history)
        answer = verify(question, draft, passages, chosen.name, self.known_outlets)
        answer.standalone_question = standalone
        for i, claim in enumerate(answer.claims):
            yield ("" if i == 0 else " ") + claim.text
        if answer.abstained:
            yield answer.answer
        self.audit.record(answer, {"since": since, "until": until, "sources": sources or []}, k)
        yield answer

"""The answer chain, the same for every backend: rewrite -> retrieve -> generate -> verify -> audit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from briefing.answering import relative_dates
from briefing.answering.abstain import abstention_text, not_said
from briefing.answering.draft import Draft
from briefing.answering.followup import rewrite_followup
from briefing.answering.question import asks_latest, compound_parts, parse, search_text
from briefing.answering.spelling import respell
from briefing.answering.text import (
    WIDE_KINDS,
    answer_type,
    asks_for_publication,
    content_terms,
    date_range,
    every_article,
    everyday_words,
    reporter_asked,
    two_compared,
)
from briefing.answering.verify import verify
from briefing.audit import AuditLog
from briefing.errors import BriefingError, LLMError
from briefing.protocols import Backend
from briefing.types import Answer, DraftClaim, Passage

BACKENDS = ("extractive", "local", "openai")
WIDE_K = 16  # passages retrieved for the answers that span articles: summaries, comparisons, timelines
_TOPIC_LEAD = re.compile(r"^(?:about|on|of|regarding|concerning)\s+", re.I)
EVERY_ARTICLE = "Summarize the articles"  # how a request for what an outlet reported, on no topic, is understood
CLOSEST_K = 6  # passages searched, without the filters, to name the closest articles when the filters left none


def _as_of(until: str | None) -> date:
    """The day a period named relative to now ("this week") is counted from: the search's last day, else today."""
    if not until:
        return date.today()
    try:
        return date.fromisoformat(until[:10])
    except ValueError:
        raise BriefingError(f"until is not a date in YYYY-MM-DD form: {until!r}") from None


class AnswerChain:
    """Ties a retriever and the backends; every answer is verified and audited.

    When a generative backend fails (``LLMError``), the answer comes from the extractive backend and
    says why in ``fallback_reason``.
    """

    def __init__(self, retriever, backends: dict[str, Backend], audit: AuditLog, known_outlets=frozenset(),
                 embedder=None) -> None:
        self.retriever = retriever
        self.backends = backends
        self.audit = audit
        self.known_outlets = set(known_outlets)
        self.embedder = embedder  # the semantic half of the verifier's support score

    def backend(self, name: str) -> Backend:
        if name not in BACKENDS:
            raise BriefingError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
        if name not in self.backends:
            raise BriefingError(f"the {name!r} backend is not configured (set OPENAI_BASE_URL or OPENAI_API_KEY)")
        return self.backends[name]

    def ask(self, question: str, *, backend: str, k: int = 8, since=None, until=None, sources=None,
            history=None) -> Answer:
        answer = None
        for item in self._run(question, backend, k, since, until, sources, history, stream=False):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def ask_stream(self, question: str, *, backend: str, k: int = 8, since=None, until=None, sources=None,
                   history=None) -> Iterator[str | Answer]:
        """Yields the answer's text as it is produced, then the final Answer.

        A streaming backend's text is its draft as the server sends it; the verified Answer that follows
        is authoritative and may differ from it (claims corrected or removed).
        """
        return self._run(question, backend, k, since, until, sources, history, stream=True)

    def _run(self, question: str, backend: str, k: int, since, until, sources, history,
             stream: bool) -> Iterator[str | Answer]:
        if not question or not question.strip():
            raise BriefingError("the question is empty")
        if not re.search(r"\w", question):
            raise BriefingError(f"the question has no words: {question.strip()[:40]!r}")
        chosen = self.backend(backend)
        standalone, failure = self._standalone(question.strip(), history, chosen)
        published = asks_for_publication(standalone)  # asked before the outlets it names become a filter
        # what the question is understood as, when the outlets it names became a filter
        standalone, sources, understood = self._outlets_asked(standalone, sources)
        # "Who is Hegseth and what did he promise?": each answered in turn by the extractive answerer, which finds one
        # answer per question (a model reads both at once, in one call)
        parts = compound_parts(standalone) if chosen.name == "extractive" else None
        kind = answer_type(standalone)
        dates = date_range(standalone) if kind in ("timeline", "summary") or published else None
        if dates is None and kind in ("timeline", "summary"):
            # "what happened this week", "summarize yesterday's news": the week or day as of the search's last day
            # (today, unless --until says otherwise)
            dates = relative_dates.asked_period(standalone, _as_of(until))
        if kind not in WIDE_KINDS and not parts and dates and every_article(standalone):
            # "What was reported on January 20, 2025?": nothing but dates asked about, so every article of those dates
            standalone, understood, kind = EVERY_ARTICLE, understood or standalone, "summary"
        if kind in WIDE_KINDS:
            k = max(k, WIDE_K)  # one claim per article or source: look wider so no article is missed
        if dates:
            # "between late February and late March 2026", "summarize the news from January 29, 2025", "what did
            # USA Today report in January 2025": the dates of the articles asked for, within the filters given
            since = max(since, dates[0]) if since else dates[0]
            until = min(until, dates[1]) if until else dates[1]
        passages: list[Passage] = []  # questions asked at once are searched part by part (_each_answered)
        newest = not parts and not parse(standalone).core and asks_latest(standalone) \
            and hasattr(self.retriever, "newest")
        if newest:
            # "what is the latest news", "which article is the most recent": the newest articles, by date, no search
            # (none dated inside the filters: searched as any other request below)
            passages = self.retriever.newest(k, since=since, until=until, sources=sources)
        if not parts and not passages:
            # "the latest on the TikTok ban" is searched as "the TikTok ban": the words asking for a summary or a
            # timeline are no topic, and an article using them ("TikTok's latest drama") is no closer to it
            passages = self.retriever.retrieve(search_text(standalone), k=k, since=since, until=until, sources=sources)
            respelt = respell(standalone, passages, everyday_words(self.embedder))
            if respelt != standalone:  # "Antrhopic": searched again as the articles spell it
                standalone = respelt
                passages = self.retriever.retrieve(search_text(standalone), k=k, since=since, until=until,
                                                   sources=sources)
            if every_article(standalone) and hasattr(self.retriever, "openings"):
                # "summarize the articles", "what happened on January 20": each article's opening
                passages = self.retriever.openings(passages)
            elif kind in ("summary", "timeline") and hasattr(self.retriever, "openings"):
                # "tell me about the Golden Globes": an article's opening tells its story, wherever the search landed
                passages = with_openings(passages, self.retriever.openings(passages))
        streamed = False
        draft = None
        unanswered: list[str] = []  # the questions of several asked at once that no claim answers
        shown = 0  # verified claims already yielded, from partial drafts
        if failure is None:
            try:
                if parts:
                    passages, draft, unanswered = self._each_answered(parts, chosen, k, since, until, sources, history)
                elif stream and hasattr(chosen, "stream"):
                    for item in chosen.stream(standalone, passages, history):
                        if isinstance(item, Draft):
                            draft = item
                            if item.partial:  # only verified claims reach the user, each as soon as it is
                                early = verify(question, item, passages, chosen.name, self.known_outlets,
                                               embedder=self.embedder)
                                for claim in early.claims[shown:]:
                                    yield ("" if shown == 0 else " ") + claim.text
                                    shown += 1
                        else:
                            streamed = True
                            yield item
                else:
                    draft = chosen.generate(standalone, passages, history)
            except LLMError as exc:
                failure = str(exc)
        if failure is not None:
            if chosen.name == "extractive" or "extractive" not in self.backends:
                raise LLMError(failure)
            chosen = self.backends["extractive"]
            if parts:
                passages, draft, unanswered = self._each_answered(parts, chosen, k, since, until, sources, history)
            else:
                draft = chosen.generate(standalone, passages, history)
            shown = 0  # the fallback's claims all follow whatever was shown
        assert draft is not None
        answer = verify(question, draft, passages, chosen.name, self.known_outlets, embedder=self.embedder)
        if answer.abstained and draft.fallback is not None and draft.fallback.claims:
            removed = answer.removed  # no claim of the draft survived: the backend's own fallback draft
            answer = verify(question, draft.fallback, passages, chosen.name, self.known_outlets, embedder=self.embedder)
            answer.removed = removed + answer.removed
        elif draft.fallback is not None and (missing := unquoted(draft.fallback, answer)):
            # A small model restating its guide's answer leaves sentences out (one side of a comparison, or one
            # whose claim the verifier removed): what the guide found is kept, in the guide's words.
            dropped = {r["text"] for r in answer.removed}
            kept = Draft([c for c in draft.claims if c.text not in dropped] + missing)
            removed = answer.removed
            answer = verify(question, kept, passages, chosen.name, self.known_outlets, embedder=self.embedder)
            answer.removed = removed + answer.removed
        understood_as = understood or standalone
        # "(understood as: …)" only when it is understood otherwise than typed, not for spaces around it
        answer.standalone_question = answer.question if understood_as.split() == answer.question.split() \
            else understood_as
        for citation in answer.citations:
            citation.dates = relative_dates.found(citation.quote, citation.published)
        if answer.abstained:
            reason = draft.abstain_reason or "no claim of the draft answer survived verification against the sources"
            filtered = since is not None or until is not None or bool(sources)
            closest = self.retriever.retrieve(standalone, k=CLOSEST_K) if filtered and not passages else None
            answer.answer = abstention_text(understood or standalone, reason, passages, since, until, sources, closest)
        if failure is not None:
            answer.fallback_reason = f"{failure}; answered by the offline extractive backend instead"
        if unanswered and not answer.abstained:
            # "... and what did he promise?": what the sources do not say is said, not left out in silence
            answer.unanswered = [not_said(q) for q in unanswered]
            answer.answer = " ".join([answer.answer, *answer.unanswered])
        unsaid = " ".join(answer.unanswered)
        if not streamed:
            for i, claim in enumerate(answer.claims[shown:], start=shown):
                yield ("" if i == 0 else " ") + claim.text
            if answer.abstained:
                yield answer.answer
            elif unsaid:
                yield f" {unsaid}"
        self.audit.record(answer, {"since": since, "until": until, "sources": sources or []}, k)
        yield answer

    def _each_answered(self, parts: list[str], chosen: Backend, k: int, since, until, sources,
                       history) -> tuple[list[Passage], Draft, list[str]]:
        """Questions asked at once, each searched and answered in turn -- a later one read after the earlier
        one's answer ("what did he promise" after "who is Hegseth") -- as one draft over all their passages,
        numbered in turn; and the questions no claim answers."""
        passages: list[Passage] = []
        claims: list[DraftClaim] = []
        reasons: list[str] = []
        unanswered: list[str] = []
        turns: list[dict] = []  # the question already stands alone: a later part is read after the earlier ones
        for part in parts:
            asked = rewrite_followup(part, turns) if turns else part
            found = self.retriever.retrieve(asked, k=k, since=since, until=until, sources=sources)
            draft = chosen.generate(asked, found, list(history or []) + turns)
            claims += [renumbered(c, len(passages)) for c in draft.claims]
            passages += found
            if not draft.claims:
                reasons.append(f"for \u201c{asked}\u201d, {draft.abstain_reason or 'no claim was found'}")
                unanswered.append(asked)
            said = " ".join(c.text for c in draft.claims) or "The sources do not say."
            turns += [{"role": "user", "content": asked}, {"role": "assistant", "content": said}]
        return passages, Draft(claims, abstain_reason="; ".join(reasons) if not claims else None), unanswered

    def _outlets_asked(self, question: str, sources) -> tuple[str, list[str] | None, str | None]:
        """(the question to answer, the sources filter, what it is understood as) when it asks for outlets of the
        library by name: "What did AI Daily report about the filing?" is the filing in AI Daily's articles;
        "Compare The Hill and AI Daily" is what each of their articles reports. Otherwise the question as it is."""
        if sources:
            return question, sources, None
        asked = reporter_asked(question)
        outlet = self._outlet(asked[0]) if asked else None
        if outlet:
            if not content_terms(asked[1]):  # "What did AI Daily report?": what each of its articles reports
                return EVERY_ARTICLE, [outlet], f"What each of {outlet}'s articles reports"
            # "... about the court filing?": the filing, in AI Daily's articles (every sentence is its report)
            topic = _TOPIC_LEAD.sub("", asked[1]).rstrip(" ?.!")
            return f"What about {topic}?", [outlet], f"What {outlet}'s articles say about {topic}"
        compared = two_compared(question)
        pair = [self._outlet(name) for name in compared[:2]] if compared else []
        if len(pair) == 2 and all(pair) and pair[0] != pair[1]:
            if not content_terms(compared[2]):  # "Compare The Hill and AI Daily": what each of their articles reports
                return EVERY_ARTICLE, pair, f"What each of {pair[0]}'s and {pair[1]}'s articles reports"
            return question, pair, None  # "... on the deadline": the question, over their articles alone
        return question, sources, None

    def _outlet(self, who: str) -> str | None:
        """``who`` as an outlet or site of the library, as the library writes it ("the hill" -> "The Hill"), else
        None."""
        source_named = getattr(getattr(self.retriever, "store", None), "source_named", None)
        if source_named is None:
            return None
        bare = re.sub(r"^the\s+", "", who, flags=re.I)
        return next((found for name in dict.fromkeys([who, bare, f"the {bare}"]) if (found := source_named(name))),
                    None)

    @staticmethod
    def _standalone(question: str, history, backend: Backend) -> tuple[str, str | None]:
        """(the standalone question, why the LLM failed if it did): the LLM rewrites when it is the backend."""
        rewrite = getattr(backend, "rewrite", None)
        if history and rewrite is not None:
            try:
                return rewrite(question, history), None
            except LLMError as exc:  # the server is down: no second wait for the answer itself
                return rewrite_followup(question, history), str(exc)
        return rewrite_followup(question, history), None


def renumbered(claim: DraftClaim, offset: int) -> DraftClaim:
    """A claim whose passages now stand ``offset`` places later in the list: its [n] markers and quotes moved."""
    return DraftClaim(re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", claim.text),
                      {n + offset: quote for n, quote in claim.quotes.items()})


def with_openings(passages: list[Passage], openings: list[Passage]) -> list[Passage]:
    """The passages, then each article's opening passage the search did not bring."""
    have = {p.passage_id for p in passages}
    return passages + [p for p in openings if p.passage_id not in have]


def unquoted(guide: Draft, answer: Answer) -> list:
    """The guide's claims whose sentences no citation of the verified answer quotes."""
    quoted = [c.quote for c in answer.citations]
    return [g for g in guide.claims if not any(q in gq or gq in q for gq in g.quotes.values() for q in quoted)]

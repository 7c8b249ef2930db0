"""The generative backend: any OpenAI-compatible chat server (OpenAI, vLLM, llama.cpp server, Ollama, ...).

It only drafts. The model is shown the best evidence sentences, numbered, and asked through
``response_format`` (a JSON schema) for claims that cite sentence ids; each quote is then the cited sentence
itself, taken from the source, so it cannot be misquoted and costs no output tokens. A server that refuses
the schema (HTTP 400/422, or prose where JSON was asked for) is asked again with the free-text ``[n]``
prompt (``prompts/answer.md``), and from then on only with it; broken JSON is a failure of the server (JSON cut
short keeps the claims that closed). Streamed, a partial Draft follows each claim as it closes.

Every draft goes through the verifier like any other backend's; every failure of the
server (refused, timed out, 429/5xx after a bounded retry, an empty or malformed completion) is raised
as one ``LLMError`` sentence so the chain can fall back to the extractive answerer.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from functools import cached_property

from briefing.answering.attribution import attribution, long_date
from briefing.answering.draft import Draft, DraftClaim
from briefing.answering.followup import last_user_question
from briefing.answering.furniture import is_furniture, without_furniture
from briefing.answering.injection import is_instruction
from briefing.answering.text import WIDE_KINDS, answer_type, content_terms
from briefing.errors import LLMError
from briefing.ingest.sentences import passage_sentences, sentence_spans
from briefing.prompts import render_messages
from briefing.types import Passage

DEFAULT_MODEL = "gpt-4o-mini"  # a llama.cpp server answers to any name; others need BRIEFING_LLM_MODEL
MAX_RETRIES = 2  # for HTTP 429 and 5xx only: a timeout has already spent the user's patience
MAX_BACKOFF = 8.0  # seconds, whatever a Retry-After header asks
MAX_SENTENCES = 5
MAX_CLAIMS = 3
# Evidence sentences shown to the model: ~40 tokens each, so a prompt of ~450 tokens, read in ~15 s at the
# ~32 tokens/s of 2 idle cores; eight whole passages were ~2,000 tokens.
MAX_EVIDENCE = 10
MIN_EVIDENCE_WORDS = 4


def claims_schema(max_claims: int = MAX_CLAIMS) -> dict:
    """The JSON schema of a structured reply: at most ``max_claims`` claims, each citing 1-3 sentence ids."""
    claim = {
        "type": "object",
        "properties": {
            "text": {"type": "string"},
            "sentences": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 3},
        },
        "required": ["text", "sentences"],
    }
    return {"type": "object", "properties": {"claims": {"type": "array", "maxItems": max_claims, "items": claim}},
            "required": ["claims"]}


NO_ANSWER = "NO ANSWER"

_MARKERS_ONLY = re.compile(r"^(?:\s*\[\d+\])+\s*[.!?]?\s*$")
_LEADING_MARKERS = re.compile(r"^((?:\s*\[\d+\])+)\s*")
_SOURCES_HEADING = re.compile(r"^\s*(?:\*\*)?(?:sources|references|citations)\b\s*:?", re.I | re.M)
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+", re.M)
_FENCE_TAG = re.compile(r"<\s*/?\s*source\b", re.I)


def _cite_list(m: re.Match) -> str:
    return "".join(f"[{n}]" for n in re.findall(r"\d+", m.group()))


def split_claims(text: str) -> list[str]:
    """A completion cut into sentences, each keeping the [n] markers that follow it.

    Markers written after the full stop ("... Hill. [1]") belong to the sentence before them; "[1, 2]"
    and "[Source 1]" become "[1][2]" and "[1]"; bullets, bold and a trailing list of sources go.
    """
    heading = _SOURCES_HEADING.search(text)
    if heading and heading.start() > 0:
        text = text[: heading.start()]
    text = re.sub(r"\[(?:sources?\s*)?\d+(?:\s*(?:,|and|&)\s*(?:sources?\s*)?\d+)*\]", _cite_list, text, flags=re.I)
    text = _BULLET.sub("", text.replace("**", ""))
    claims: list[str] = []
    for s, e in sentence_spans(text):
        piece = text[s:e].strip()
        if claims and _MARKERS_ONLY.match(piece):
            claims[-1] += " " + piece.strip(" .!?")
            continue
        lead = _LEADING_MARKERS.match(piece)
        if claims and lead:
            claims[-1] += " " + lead.group(1).strip()
            piece = piece[lead.end() :]
        if piece and not _MARKERS_ONLY.match(piece):
            claims.append(piece)
    return claims


def _attr(value: str) -> str:
    return " ".join(value.replace('"', "'").split())


def source_blocks(passages: list[Passage]) -> list[dict[str, str | int]]:
    """What the prompt shows of each passage: number, outlet, date or "undated", title, and the text, fenced."""
    return [
        {
            "n": n,
            "outlet": _attr(p.outlet or "unknown"),
            "date": long_date(p.published) if p.published else "undated",
            "title": _attr(p.title or "untitled"),
            "cite_as": _attr(attribution(p)),
            # The text may not close its own fence: "</source>" inside an article is defused.
            "text": _FENCE_TAG.sub(lambda m: m.group().replace("<", "\u2039"), p.text.strip()),
        }
        for n, p in enumerate(passages, start=1)
    ]


def evidence_sentences(question: str, passages: list[Passage], limit: int = MAX_EVIDENCE,
                       preferred: dict[int, list[str]] | None = None) -> list[dict]:
    """The ``limit`` sentences of the passages that best match the question, numbered 1.., in source order.

    Score: the share of the question's content terms the sentence holds, plus a small prior for the
    passage's retrieval rank; a sentence of passage n inside one of ``preferred[n]`` (the extractive
    answerer's quotes) comes first. Sentences addressed to an AI (``is_instruction``), a page's furniture
    (``furniture``) and fragments are left out.
    """
    asked = set(content_terms(question))
    preferred = preferred or {}
    scored = []
    for n, p in enumerate(passages, start=1):
        for order, span in enumerate(passage_sentences(p.text, p.sentences)):
            s, e = without_furniture(p.text, *span)  # "WASHINGTON — ...", "Update: ...": the news, not the page
            quote = p.text[s:e].strip()
            if len(quote.split()) < MIN_EVIDENCE_WORDS or is_instruction(quote) or is_furniture(quote):
                continue
            overlap = len(asked & set(content_terms(quote))) / (len(asked) or 1)
            chosen = any(quote in q for q in preferred.get(n, ()))
            scored.append((overlap + 0.1 / n + 2.0 * chosen, n, order, quote))
    best = sorted(scored, key=lambda t: -t[0])[:limit]
    best.sort(key=lambda t: (t[1], t[2]))
    # "text" is what the prompt shows (one line, fence tags defused); "quote" is the verbatim sentence.
    return [{"id": i, "n": n, "quote": quote,
             "text": _FENCE_TAG.sub(lambda m: m.group().replace("<", "\u2039"), " ".join(quote.split()))}
            for i, (_, n, _, quote) in enumerate(best, start=1)]


def history_turns(history: list | None, limit: int = 6) -> list[dict[str, str]]:
    """History given as strings, (user, assistant) pairs or role/content messages, as role/content turns."""
    turns: list[dict[str, str]] = []
    for turn in history or []:
        if isinstance(turn, str):
            turns.append({"role": "user", "content": turn})
        elif isinstance(turn, dict) and isinstance(turn.get("content"), str) and turn.get("role") in ("user",
                                                                                                      "assistant"):
            turns.append({"role": turn["role"], "content": turn["content"]})
        elif isinstance(turn, (list, tuple)):
            for role, content in zip(("user", "assistant"), turn, strict=False):
                if isinstance(content, str) and content:
                    turns.append({"role": role, "content": content})
    return [{"role": t["role"], "content": " ".join(t["content"].split())[:600]} for t in turns[-limit:]]


class OpenAIBackend:
    """``generate(question, passages, history) -> Draft`` through an OpenAI-compatible chat endpoint.

    ``stream(...)`` yields the completion's text as it arrives, then the Draft. ``last_messages`` keeps
    the last prompt sent (what the model was shown), ``rewrite(question, history)`` makes a follow-up
    standalone.
    """

    name = "openai"
    timeout_setting = "BRIEFING_LLM_TIMEOUT"

    def __init__(self, base_url: str | None = None, api_key: str | None = None, model: str | None = None,
                 timeout: float = 60.0, max_tokens: int = 400, structured: bool = True, guide=None) -> None:
        self.structured = structured  # False once the server has refused the JSON schema
        # The extractive backend, when given: its abstention is the relevance gate, its sentences lead the
        # evidence and its draft is the fallback when no claim of the model's survives verification.
        self.guide = guide
        self.last_evidence: list[dict] = []
        self.base_url = base_url
        self.api_key = api_key
        self.model = model or DEFAULT_MODEL
        self.timeout = timeout
        self.max_tokens = max_tokens
        self.last_messages: list[dict[str, str]] | None = None
        self.last_completion = ""  # the structured reply, as the server sent it
        self.last_guide: Draft | None = None
        self.last_max_claims = MAX_CLAIMS

    @classmethod
    def from_settings(cls, settings) -> OpenAIBackend:
        return cls(settings.openai_base_url, settings.openai_api_key, settings.llm_model, settings.llm_timeout,
                   structured=settings.llm_structured)

    @property
    def where(self) -> str:
        return self.base_url or "api.openai.com"

    @cached_property
    def client(self):
        import openai

        # Retries are ours (see MAX_RETRIES): the client's would also repeat timeouts.
        return openai.OpenAI(base_url=self.base_url, api_key=self.api_key or "not-needed", timeout=self.timeout,
                             max_retries=0)

    # ---- the seam -------------------------------------------------------------------------

    def messages(self, question: str, passages: list[Passage]) -> list[dict[str, str]]:
        return render_messages("answer", question=question, sources=source_blocks(passages),
                               max_sentences=MAX_SENTENCES)

    def claims_messages(self, question: str, passages: list[Passage], guide: Draft | None = None,
                        ) -> list[dict[str, str]]:
        preferred: dict[int, list[str]] = {}
        for claim in guide.claims if guide else []:
            for n, quote in claim.quotes.items():
                preferred.setdefault(n, []).append(quote)
        wide = answer_type(question) in WIDE_KINDS  # one claim per article or side: two more claims and sentences
        self.last_evidence = evidence_sentences(question, passages, MAX_EVIDENCE + 2 * wide, preferred)
        self.last_max_claims = MAX_CLAIMS + 2 * wide
        return render_messages("claims", question=question, max_claims=self.last_max_claims,
                               evidence=self.last_evidence)

    def guided(self, question: str, passages: list[Passage]) -> Draft | None:
        """The guide's draft when it abstains (the model is not asked), else None; kept as ``last_guide``."""
        self.last_guide = self.guide.generate(question, passages) if self.guide is not None and passages else None
        if self.last_guide is not None and not self.last_guide.claims:
            return self.last_guide
        return None

    def generate(self, question: str, passages: list[Passage], history: list | None = None) -> Draft:
        if not passages:
            return Draft([], abstain_reason="no ingested article matches the question and filters")
        if (gated := self.guided(question, passages)) is not None:
            return gated
        if self.structured:
            draft = self.generate_structured(question, passages)
            if draft is not None:
                return draft
        self.last_messages = self.messages(question, passages)
        draft = self.to_draft(self.complete(self.last_messages))
        draft.fallback = self.last_guide
        return draft

    def generate_structured(self, question: str, passages: list[Passage]) -> Draft | None:
        """The draft from JSON claims citing evidence sentence ids; None when the server refuses the schema."""
        drafts = list(self.stream_structured(question, passages, stream=False))
        return drafts[-1] if drafts else None

    def stream_structured(self, question: str, passages: list[Passage], stream: bool = True) -> Iterator[Draft]:
        """Partial Drafts as each JSON claim closes (``stream``), then the whole Draft; nothing at all when the
        server refuses the schema (``structured`` is then False)."""
        import openai

        self.last_messages = self.claims_messages(question, passages, self.last_guide)
        if not self.last_evidence:
            yield Draft([], abstain_reason="no sentence of the retrieved passages bears on the question")
            return
        schema = claims_schema(self.last_max_claims)
        fmt = {"type": "json_schema", "json_schema": {"name": "claims", "schema": schema, "strict": True}}
        text, done = "", 0
        try:
            if not stream:
                text = self.complete(self.last_messages, response_format=fmt)
            else:
                for delta in self.complete_stream(self.last_messages, response_format=fmt):
                    text += delta
                    if text.lstrip() and not text.lstrip().startswith("{"):
                        break  # prose: see below
                    items = closed_claims(text)
                    if len(items) > done:
                        done = len(items)
                        yield Draft(self.on_topic(question, claims_of(items, self.last_evidence)), partial=True)
        except LLMError as exc:
            if isinstance(exc.__cause__, openai.BadRequestError | openai.UnprocessableEntityError):
                self.structured = False  # this server has no JSON-schema support: the text contract from now on
                return
            raise
        if not text.lstrip().startswith("{"):
            self.structured = False  # the server ignored the schema and wrote prose: the text contract from now on
            return
        self.last_completion = text
        draft = to_structured_draft(text, self.last_evidence, self.where)
        draft.claims = self.on_topic(question, draft.claims)
        draft.fallback = self.last_guide
        yield draft

    def on_topic(self, question: str, claims: list) -> list:
        """A focused question's claims that cite a sentence the guide judged relevant; the others are dropped.

        A small model given a dozen numbered sentences may cite one beside the point ("who is the spokesperson?"
        answered with a sentence about evaluation rubrics); the guide's relevance gate decides what bears on a
        focused question. Summaries, comparisons and timelines range wider and keep every claim."""
        if self.last_guide is None or not self.last_guide.claims or answer_type(question) in WIDE_KINDS:
            return claims
        chosen = [q for c in self.last_guide.claims for q in c.quotes.values()]
        return [c for c in claims
                if any(q in g or g in q for q in c.quotes.values() for g in chosen)]

    def stream(self, question: str, passages: list[Passage], history: list | None = None) -> Iterator[str | Draft]:
        """Text deltas as the server sends them, then the Draft of the whole completion.

        Structured claims are streamed as Drafts, not text: JSON is no answer to show, and only verified claims
        reach the user. Each time a claim of the JSON closes, a partial Draft of the claims so far is yielded
        (the chain verifies it and shows the new verified claims), then the whole Draft.
        """
        if not passages:
            yield Draft([], abstain_reason="no ingested article matches the question and filters")
            return
        if (gated := self.guided(question, passages)) is not None:
            yield gated
            return
        if self.structured:
            yield from self.stream_structured(question, passages)
            if self.structured:
                return
        self.last_messages = self.messages(question, passages)
        parts: list[str] = []
        for delta in self.complete_stream(self.last_messages):
            parts.append(delta)
            yield delta
        draft = self.to_draft("".join(parts))
        draft.fallback = self.last_guide
        yield draft

    def rewrite(self, question: str, history: list | None) -> str:
        """The follow-up as a standalone question, by the model; the question itself when there is no history."""
        if not last_user_question(history):
            return question
        messages = render_messages("rewrite", question=question, turns=history_turns(history))
        text = self.complete(messages, max_tokens=80)
        lines = [ln.strip().strip('"\u201c\u201d').strip() for ln in text.splitlines() if ln.strip()]
        line = re.sub(r"^(?:standalone|rewritten)?\s*question\s*:\s*", "", lines[0], flags=re.I) if lines else ""
        # A rambling or empty rewrite is worse than none.
        if not line or len(line) > 3 * len(question) + 200:
            return question
        return line

    # ---- the wire -------------------------------------------------------------------------

    def to_draft(self, text: str) -> Draft:
        if not text.strip():
            raise LLMError(f"the LLM server at {self.where} returned an empty completion")
        if text.strip().upper().startswith(NO_ANSWER):
            return Draft([], abstain_reason="the model found no answer in the sources")
        return Draft([DraftClaim(c) for c in split_claims(text)])

    def complete(self, messages: list[dict[str, str]], max_tokens: int | None = None,
                 response_format: dict | None = None) -> str:
        response = self._create(messages, max_tokens, stream=False, response_format=response_format)
        try:
            text = response.choices[0].message.content
        except (AttributeError, IndexError, KeyError, TypeError):
            raise LLMError(f"the LLM server at {self.where} sent a malformed completion (no choices/message)") from None
        if not isinstance(text, str) or not text.strip():
            raise LLMError(f"the LLM server at {self.where} returned an empty completion")
        return text

    def complete_stream(self, messages: list[dict[str, str]], response_format: dict | None = None) -> Iterator[str]:
        import openai

        chunks = self._create(messages, None, stream=True, response_format=response_format)
        try:
            for chunk in chunks:
                if not getattr(chunk, "choices", None):
                    continue  # keep-alives and usage-only chunks
                delta = chunk.choices[0].delta.content
                if delta:
                    yield delta
        except openai.OpenAIError as exc:
            raise self._error(exc) from None
        except (AttributeError, IndexError, KeyError, TypeError, ValueError) as exc:
            raise LLMError(f"the LLM server at {self.where} sent a malformed stream ({exc})") from None

    def _create(self, messages, max_tokens: int | None, stream: bool, response_format: dict | None = None):
        import openai

        extra = {"response_format": response_format} if response_format else {}
        for attempt in range(MAX_RETRIES + 1):
            try:
                return self.client.chat.completions.create(
                    model=self.model, messages=messages, temperature=0.0, stream=stream,
                    max_tokens=max_tokens or self.max_tokens, **extra,
                )
            except (openai.RateLimitError, openai.InternalServerError) as exc:
                if attempt == MAX_RETRIES:
                    raise self._error(exc, tries=attempt + 1) from None
                time.sleep(_backoff(attempt, exc.response))
            except openai.OpenAIError as exc:
                raise self._error(exc) from exc  # the cause tells a refused schema from other failures
            except (AttributeError, KeyError, TypeError, ValueError) as exc:  # a 200 the client cannot parse
                raise LLMError(f"the LLM server at {self.where} sent a malformed completion ({exc})") from None
        raise AssertionError("unreachable")

    def _error(self, exc, tries: int = 1) -> LLMError:
        """One sentence a user can act on, for any failure of the server."""
        import openai

        where = self.where
        if isinstance(exc, openai.APITimeoutError):
            return LLMError(f"the LLM server at {where} did not answer within {self.timeout:g} s "
                            f"({self.timeout_setting} sets the limit)")
        if isinstance(exc, openai.APIConnectionError):
            return LLMError(f"cannot reach the LLM server at {where} (connection refused or network down)")
        if isinstance(exc, openai.APIStatusError):
            after = f" after {tries} tries" if tries > 1 else ""
            status = exc.status_code
            if status == 429:
                return LLMError(f"the LLM server at {where} is rate-limiting requests (HTTP 429{after})")
            if status in (401, 403):
                return LLMError(f"the LLM server at {where} refused the API key (HTTP {status}): check OPENAI_API_KEY")
            if status == 404:
                return LLMError(f"the LLM server at {where} has no model {self.model!r} or no chat endpoint "
                                "(HTTP 404): check BRIEFING_LLM_MODEL and OPENAI_BASE_URL")
            return LLMError(f"the LLM server at {where} failed with HTTP {status}{after}")
        return LLMError(f"the LLM server at {where} failed: {exc}")


def to_structured_draft(text: str, evidence: list[dict], where: str = "the LLM server") -> Draft:
    """JSON claims citing evidence ids -> a Draft whose claims carry [n] markers and the cited sentences as quotes.

    An id that is not one of the evidence sentences is dropped; a claim left citing none keeps no marker (the
    verifier then removes it as citing no source). Text that is not the JSON asked for raises LLMError, unless
    it was cut short after some claims had closed: those stand.
    """
    try:
        data = json.loads(text)
        items = data["claims"]
        if not isinstance(items, list):
            raise TypeError("claims is not a list")
    except (ValueError, KeyError, TypeError) as exc:
        items = closed_claims(text)  # cut short (max_tokens): the claims that closed stand
        if not items:
            raise LLMError(f"the LLM server at {where} sent malformed JSON claims ({exc})") from None
    claims = claims_of(items, evidence)
    if not claims:
        return Draft([], abstain_reason="the model found no answer in the sources")
    return Draft(claims)


_CLAIMS_OPEN = re.compile(r'"claims"\s*:\s*\[')


def closed_claims(text: str) -> list:
    """The claims of a JSON reply still being written whose objects have closed: '{"claims": [{...}, {..' -> [{...}]."""
    start = _CLAIMS_OPEN.search(text)
    if not start:
        return []
    decoder, at, items = json.JSONDecoder(), start.end(), []
    while True:
        while at < len(text) and text[at] in " \t\r\n,":
            at += 1
        if at >= len(text) or text[at] != "{":
            return items
        try:
            item, at = decoder.raw_decode(text, at)
        except ValueError:
            return items
        items.append(item)


def claims_of(items: list, evidence: list[dict]) -> list[DraftClaim]:
    """JSON claim objects -> DraftClaims with [n] markers and the cited evidence sentences as quotes."""
    by_id = {e["id"]: e for e in evidence}
    claims = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            continue
        ids = [i for i in item.get("sentences") or [] if isinstance(i, int) and i in by_id]
        quotes: dict[int, str] = {}
        for i in ids:  # several sentences of one source: the first stands as its quote
            quotes.setdefault(by_id[i]["n"], by_id[i]["quote"])
        body = MARKER_TAIL.sub("", " ".join(item["text"].split())).rstrip()
        if len(body.split()) < MIN_CLAIM_WORDS:
            # A phrase, not a sentence ("By Friday afternoon."): the claim is the cited sentence that holds it.
            phrase = _plain(body)
            holder = next((by_id[i] for i in ids if phrase and phrase in _plain(by_id[i]["quote"])), None)
            if holder is not None:
                body, quotes = " ".join(holder["quote"].split()), {holder["n"]: holder["quote"]}
        claims.append(DraftClaim(" ".join([body, "".join(f"[{n}]" for n in quotes)]).rstrip(), quotes))
    return claims


MARKER_TAIL = re.compile(r"(?:\s*\[\d+\])+\s*(?=[.!?]?$)")
MIN_CLAIM_WORDS = 5  # fewer words are an answer phrase, not a claim that reads on its own


def _plain(text: str) -> str:
    """Lower case, words only: how a phrase is looked for inside a sentence."""
    return " ".join(re.findall(r"[\w$%.]+", text.casefold().replace("\u2019", "'"))).strip(". ")


def _backoff(attempt: int, response) -> float:
    """Seconds before the next try: the server's Retry-After when it gives one (bounded), else doubling."""
    try:
        return min(MAX_BACKOFF, max(0.0, float(response.headers.get("retry-after", ""))))
    except (AttributeError, TypeError, ValueError):
        return min(MAX_BACKOFF, 0.5 * 2**attempt)

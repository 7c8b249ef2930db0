"""The generative backend: any OpenAI-compatible chat server (OpenAI, vLLM, llama.cpp server, Ollama, ...).

It only drafts. Every draft goes through the verifier like any other backend's; every failure of the
server (refused, timed out, 429/5xx after a bounded retry, an empty or malformed completion) is raised
as one ``LLMError`` sentence so the chain can fall back to the extractive answerer.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from functools import cached_property

from briefing.answering.attribution import attribution, long_date
from briefing.answering.draft import Draft, DraftClaim
from briefing.answering.followup import last_user_question
from briefing.errors import LLMError
from briefing.prompts import render_messages
from briefing.types import Passage
from ingest.sentences import sentence_spans

DEFAULT_MODEL = "gpt-4o-mini"  # a llama.cpp server answers to any name; others need BRIEFING_LLM_MODEL
MAX_RETRIES = 2  # for HTTP 429 and 5xx only: a timeout has already spent the user's patience
MAX_BACKOFF = 8.0  # seconds, whatever a Retry-After header asks
MAX_SENTENCES = 5
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

    def __init__(self, base_url: str | None = None, api_key: str | None = None, model: str | None = None,
                 timeout: float = 60.0, max_tokens: int = 400) -> None:
        self.base_url = base_url
        self.api_key = api_key
        self.model = model or DEFAULT_MODEL
        self.timeout = timeout
        self.max_tokens = max_tokens
        self.last_messages: list[dict[str, str]] | None = None

    @classmethod
    def from_settings(cls, settings) -> OpenAIBackend:
        return cls(settings.openai_base_url, settings.openai_api_key, settings.llm_model, settings.llm_timeout)

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

    def generate(self, question: str, passages: list[Passage], history: list | None = None) -> Draft:
        if not passages:
            return Draft([], abstain_reason="no ingested article matches the question and filters")
        self.last_messages = self.messages(question, passages)
        return self.to_draft(self.complete(self.last_messages))

    def stream(self, question: str, passages: list[Passage], history: list | None = None) -> Iterator[str | Draft]:
        """Text deltas as the server sends them, then the Draft of the whole completion."""
        if not passages:
            yield Draft([], abstain_reason="no ingested article matches the question and filters")
            return
        self.last_messages = self.messages(question, passages)
        parts: list[str] = []
        for delta in self.complete_stream(self.last_messages):
            parts.append(delta)
            yield delta
        yield self.to_draft("".join(parts))

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

    def complete(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> str:
        response = self._create(messages, max_tokens, stream=False)
        try:
            text = response.choices[0].message.content
        except (AttributeError, IndexError, KeyError, TypeError):
            raise LLMError(f"the LLM server at {self.where} sent a malformed completion (no choices/message)") from None
        if not isinstance(text, str) or not text.strip():
            raise LLMError(f"the LLM server at {self.where} returned an empty completion")
        return text

    def complete_stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        import openai

        chunks = self._create(messages, None, stream=True)
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

    def _create(self, messages, max_tokens: int | None, stream: bool):
        import openai

        for attempt in range(MAX_RETRIES + 1):
            try:
                return self.client.chat.completions.create(
                    model=self.model, messages=messages, temperature=0.0, stream=stream,
                    max_tokens=max_tokens or self.max_tokens,
                )
            except (openai.RateLimitError, openai.InternalServerError) as exc:
                if attempt == MAX_RETRIES:
                    raise self._error(exc, tries=attempt + 1) from None
                time.sleep(_backoff(attempt, exc.response))
            except openai.OpenAIError as exc:
                raise self._error(exc) from None
            except (AttributeError, KeyError, TypeError, ValueError) as exc:  # a 200 the client cannot parse
                raise LLMError(f"the LLM server at {self.where} sent a malformed completion ({exc})") from None
        raise AssertionError("unreachable")

    def _error(self, exc, tries: int = 1) -> LLMError:
        """One sentence a user can act on, for any failure of the server."""
        import openai

        where = self.where
        if isinstance(exc, openai.APITimeoutError):
            return LLMError(f"the LLM server at {where} did not answer within {self.timeout:g} s "
                            "(BRIEFING_LLM_TIMEOUT sets the limit)")
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


def _backoff(attempt: int, response) -> float:
    """Seconds before the next try: the server's Retry-After when it gives one (bounded), else doubling."""
    try:
        return min(MAX_BACKOFF, max(0.0, float(response.headers.get("retry-after", ""))))
    except (AttributeError, TypeError, ValueError):
        return min(MAX_BACKOFF, 0.5 * 2**attempt)

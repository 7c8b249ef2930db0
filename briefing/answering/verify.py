"""The verifier: every draft, from any backend, passes here before a user sees it.

A claim survives only if it cites in-range passages, the cited passages support it, and any
publication date or outlet it states matches the cited article's metadata (corrected from metadata
when it can be, dropped when it cannot). Quotes are verbatim passage text located here.

Support (``support_score``) blends two measures of the claim's body (the claim without its
attribution lead, markers and stated dates) against the *evidence* of the cited passages:

- lexical: the share of the body's content terms found in the evidence;
- semantic: the best embedding cosine between the body and one evidence sentence or two adjacent ones.

``score = LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) * semantic`` must reach ``MIN_SUPPORT_SCORE``.
Both constants were calibrated on 60 hand-written claim-passage pairs (``tests/test_verifier.py::PAIRS``:
30 supported, 30 unsupported; all-MiniLM-L6-v2): 46/60 right (0.767, the best any threshold reaches at
this weight, whose range of best thresholds is the widest); close restatements 23/24 kept, fabrications
22/24 removed, loose paraphrases and role swaps mostly misjudged. eval/VERIFIER.md has the table.
Without an embedder the lexical share alone must reach ``MIN_SUPPORT``. A body found verbatim in an
evidence sentence (what the extractive backend writes) is supported outright, and a figure the body
states must occur in the evidence.

A claim that restates its quote with the negation reversed ("did not approve" cited for "approved") shares
its words and meaning-space with it, so support cannot see it: ``check_polarity`` removes it (``polarity.py``).

Evidence excludes sentences that address an AI ("ignore previous instructions and say ..."): an
article is data, so an instruction planted in it can never be what supports a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from briefing.answering.attribution import attribution, join_attribution, joint_attribution, source_name
from briefing.answering.draft import Draft, DraftClaim
from briefing.answering.injection import is_instruction
from briefing.answering.polarity import negation_flip
from briefing.answering.text import MONTHS, content_terms
from briefing.ingest.sentences import passage_sentences
from briefing.types import Answer, Citation, Claim, Passage

MARKER = re.compile(r"\s*\[(\d+)\]")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
STATED_DATE = re.compile(
    rf"\b{MONTHS}\s+{_DAY},?\s+{_YEAR}\b|\b{_DAY}\s+{MONTHS}\s+{_YEAR}\b|\b{_YEAR}-\d{{2}}-\d{{2}}\b"
)
# Lexical-only bar, used when no embedder is given (see the module docstring).
MIN_SUPPORT = 0.6
# Calibrated on tests/test_verifier.py::PAIRS (see the module docstring and eval/VERIFIER.md).
LEXICAL_WEIGHT = 0.7
MIN_SUPPORT_SCORE = 0.76
MIN_VERBATIM_WORDS = 5

_LEAD_DATE = re.compile(
    rf"^\s*(?:On|In|As of)\s+(?:(?P<date>{STATED_DATE.pattern})|an undated (?:article|report)),?\s*", re.I
)
_LEAD_WHO = re.compile(
    r"^\s*(?:according to\s+(?P<a>[^,]{2,80}?),\s*|(?P<b>[^,]{2,90}?)(?:\s+\(as republished by [^)]*\))?\s+"
    r"(?:(?:first|also|previously|earlier|originally|later|separately|exclusively)\s+)?"  # "X first reported"
    r"(?:reported|reports|wrote|writes)(?:\s+that)?\s+)",
    re.I,
)
_ATTRIBUTION_WORDS = re.compile(r"\b(?:reported|reports|according|article|titled|undated|republished)\b")


@dataclass
class Verdict:
    text: str | None  # the claim as it may be shown (possibly corrected), None when removed
    reason: str = ""


@dataclass
class Evidence:
    """What of a passage may support a claim: its sentences, then adjacent pairs of them, minus instructions."""

    passage: Passage
    spans: list[tuple[int, int]] = field(default_factory=list)
    singles: int = 0  # spans[:singles] are single sentences, the rest adjacent pairs
    vectors: np.ndarray | None = None

    @classmethod
    def of(cls, passage: Passage) -> Evidence:
        spans = passage_sentences(passage.text, passage.sentences)
        sentences = [(s, e) for s, e in spans if not is_instruction(passage.text[s:e])]
        pairs = [(a[0], b[1]) for a, b in zip(sentences, sentences[1:], strict=False)
                 if not is_instruction(passage.text[a[1] : b[0]])]
        return cls(passage, sentences + pairs, len(sentences))

    @property
    def windows(self) -> list[str]:
        return [self.passage.text[s:e].strip() for s, e in self.spans]

    @property
    def text(self) -> str:
        return " ".join(self.passage.text[s:e] for s, e in self.spans[: self.singles])


def to_iso(stated: str) -> str | None:
    """"February 26, 2026" / "26 Feb 2026" / "2026-02-26" -> "2026-02-26"; None if not a real date."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", stated):
        y, mo, d = (int(g) for g in m.groups())
    else:
        month = re.search(r"[A-Za-z]{3}", stated)
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", stated)
        year = re.search(_YEAR, stated)
        if not (month and day and year):
            return None
        months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        y, mo, d = int(year.group()), months.index(month.group().lower()) + 1, int(day.group(1))
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def split_lead(text: str, cited: list[Passage]) -> tuple[str | None, str | None, str]:
    """(date stated in the attribution lead, who it names, the rest): "On X, Y reported that Z" -> (X, Y, Z).

    A "who" that is not the cited article's own source but is named in its text (a speaker such as
    "Anthropic") is not a lead: it stays in the rest.
    """
    for p in cited:  # the exact lead this project writes (the extractive backend's)
        if text.startswith(lead := attribution(p)):
            return None, None, text[len(lead) :].strip()
    stated, who = None, None
    if m := _LEAD_DATE.match(text):
        stated, text = m.group("date"), text[m.end() :]
    if m := _LEAD_WHO.match(text):
        name = (m.group("a") or m.group("b")).strip()
        own = {n.lower() for p in cited for n in (p.outlet, p.site, p.title, source_name(p)) if n}
        generic = re.match(r"(?:an?|the)\s+(?:undated\s+)?(?:article|report|story)\b", name, re.I)
        if name.lower() in own or generic or (
            len(name.split()) <= 8 and _proper(name) and not any(name.lower() in p.text.lower() for p in cited)
        ):
            who, text = name, text[m.end() :]
    return stated, who, text


_LINKING = {"the", "of", "and", "in", "on", "for", "at", "de", "la", "&"}


def _proper(name: str) -> bool:
    """Whether a phrase reads as the name of a source ("The Hill", "AI Daily", "ustower.net"), not as a
    description ("The developments in the dispute"): each word capitalised, a linking word or a domain."""
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _LINKING or "." in w for w in name.split())


def body_of(text: str, cited: list[Passage]) -> str:
    """The claim without markers and attribution lead: what the passages must support."""
    _, _, rest = split_lead(MARKER.sub(" ", text).strip(), cited)
    return re.sub(r"\s+([.,;:!?])", r"\1", " ".join(rest.split()))


def lexical_support(body: str, evidence_text: str, cited: list[Passage]) -> float:
    """The share of the body's content terms found in the evidence (names of the source and dates aside)."""
    body = STATED_DATE.sub(" ", body)
    for p in cited:  # the attribution names the source; it is checked separately
        for name in filter(None, (p.outlet, p.site, p.title)):
            body = body.replace(name, " ")
    terms = content_terms(_ATTRIBUTION_WORDS.sub(" ", body))
    if not terms:
        return 0.0
    source = set(content_terms(evidence_text))
    return sum(t in source for t in terms) / len(terms)


def support_score(lexical: float, semantic: float) -> float:
    return LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) * semantic


def support_parts(claim_text: str, passages: list[Passage], embedder=None) -> tuple[float, float | None]:
    """(lexical, semantic) support of one claim by its cited passages; semantic is None without an embedder."""
    evidence = [Evidence.of(p) for p in passages]
    body = body_of(claim_text, passages)
    lex = lexical_support(body, " ".join(e.text for e in evidence), passages)
    windows = [w for e in evidence for w in e.windows]
    if embedder is None:
        return lex, None
    if not windows or not body:
        return lex, 0.0
    vectors = _unit(np.asarray(embedder.embed([body] + windows), dtype=np.float32))
    return lex, float(np.max(vectors[1:] @ vectors[0]))


def support(claim_text: str, passages: list[Passage], embedder=None) -> float:
    """The support score of one claim by its cited passages (1.0 when found verbatim in the evidence)."""
    if _verbatim(body_of(claim_text, passages), [Evidence.of(p) for p in passages]):
        return 1.0
    lex, sem = support_parts(claim_text, passages, embedder)
    return lex if sem is None else support_score(lex, sem)


def _unit(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\u201c\u201d\"\u2018\u2019']", "'", text).casefold().split()).strip(" .!?;:'")


def _verbatim(body: str, evidence: list[Evidence]) -> bool:
    if len(body.split()) < MIN_VERBATIM_WORDS:
        return False
    needle = _norm(body)
    return any(needle in _norm(w) for e in evidence for w in e.windows)


def unsupported_figure(body: str, evidence_text: str, cited: list[Passage]) -> str | None:
    """A number the body states that the evidence does not contain (years of the cited dates aside)."""
    have = re.sub(r"(?<=\d),(?=\d{3})", "", evidence_text)
    allowed = {part.lstrip("0") for p in cited if p.published for part in p.published.split("-")}
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", STATED_DATE.sub(" ", body)):
        figure = m.group().replace(",", "")
        if figure.lstrip("0") in allowed or re.search(rf"(?<![\d.]){re.escape(figure)}(?![\d]|\.\d)", have):
            continue
        return m.group()
    return None


def check_dates(text: str, cited: list[Passage]) -> Verdict:
    """A date stated in the claim's body must be a cited article's date or appear in its text."""
    dated = {p.published for p in cited if p.published}
    in_text = {to_iso(m.group()) for p in cited for m in STATED_DATE.finditer(p.text)}
    for m in STATED_DATE.finditer(text):
        if to_iso(m.group()) in dated | in_text or any(m.group() in p.text for p in cited):
            continue
        return Verdict(None, f"states the date {m.group()}, which no cited article carries"
                       + ("" if dated else " (the cited article is undated)"))
    return Verdict(text)


def check_outlets(text: str, cited: list[Passage], outlets: set[str]) -> Verdict:
    """An outlet named in the claim must be a cited article's outlet or site, or be named in its text.

    A claim naming any other outlet is removed, never rewritten: "told Reuters" cannot become "told The Hill".
    """
    allowed = {n.lower() for p in cited for n in (p.outlet, p.site) if n}
    for name in sorted(outlets, key=len, reverse=True):
        if re.search(rf"\b{re.escape(name)}\b", text) and name.lower() not in allowed:
            if any(name in p.text for p in cited):
                continue
            return Verdict(None, f"attributes the claim to {name}, which is not the cited article's outlet")
    return Verdict(text)


def check_lead(stated: str | None, who: str | None, cited: list[Passage]) -> Verdict:
    """A lead whose date or source is not a cited article's removes the claim: it is never rewritten into
    another date or outlet. A right lead is rebuilt from metadata in the project's own words."""
    if stated and not any(p.published for p in cited):
        return Verdict(None, f"states the date {stated}, which no cited article carries (the cited article is undated)")
    if stated and to_iso(stated) not in {p.published for p in cited}:
        return Verdict(None, f"states the date {stated}, which no cited article carries")
    own = {n.lower() for p in cited for n in (p.outlet, p.site, p.title, source_name(p)) if n}
    generic = who and re.match(r"(?:an?|the)\s+(?:undated\s+)?(?:article|report|story)\b", who, re.I)
    if who and not generic and who.lower() not in own:
        return Verdict(None, f"attributes the claim to {who}, which is not the cited article's outlet")
    return Verdict("")


def check_polarity(body: str, quotes: list[str]) -> Verdict:
    """A claim that reverses the negation of the sentence it quotes is removed ("did not approve" cited for
    "approved"); a body found verbatim in a quote (the extractive backend's) cannot reverse it."""
    if any(_norm(body) in _norm(q) for q in quotes):
        return Verdict(body)
    if flip := negation_flip(body, quotes):
        return Verdict(None, f"negation flip: the claim says \u201c{flip[0]}\u201d where the cited source says "
                             f"\u201c{flip[1]}\u201d")
    return Verdict(body)


def lead_source(stated: str | None, who: str | None, cited: list[Passage]) -> Passage:
    """The cited article the lead should name: the one it already names or dates, else the first."""
    for p in cited:
        if who and who.lower() in {n.lower() for n in (p.outlet, p.site, p.title) if n}:
            return p
    for p in cited:
        if stated and p.published and to_iso(stated) == p.published:
            return p
    return cited[0]


def verify(
    question: str,
    draft: Draft,
    passages: list[Passage],
    backend: str,
    known_outlets: set[str] | None = None,
    embedder=None,
) -> Answer:
    """Turn a draft into an Answer: claims checked, citations renumbered 1..N, quotes verbatim.

    ``embedder`` (``embed(texts) -> array``) adds the semantic half of the support score; without it
    the lexical share decides.
    """
    outlets = set(known_outlets or ()) | {n for p in passages for n in (p.outlet, p.site) if n}
    evidence: dict[int, Evidence] = {}
    claims: list[Claim] = []
    citations: list[Citation] = []
    removed: list[dict] = []
    numbering: dict[tuple[str, str], int] = {}

    checked = [_structure(c, passages) for c in draft.claims]
    for _, numbers in checked:
        for n in numbers:
            evidence.setdefault(n, Evidence.of(passages[n - 1]))
    others = [_other_sources(body, numbers, passages, evidence) if body is not None else []
              for body, numbers in checked]
    scorer = _Scorer(embedder, evidence, [(body, numbers) for (body, numbers) in checked if body is not None])
    # Support is checked per cited source: a citation that does not support the claim on its own is dropped.
    checked = [(body, _supporting(body, numbers, passages, evidence, scorer, alt)) if body is not None
               else (body, numbers) for (body, numbers), alt in zip(checked, others, strict=True)]

    for draft_claim, (body, numbers) in zip(draft.claims, checked, strict=True):
        if body is None:
            removed.append({"text": draft_claim.text, "reason": numbers_reason(draft_claim.text, passages)})
            continue
        verdict = _check(draft_claim.text, body, numbers, passages, evidence, scorer, outlets)
        if verdict.text is None:
            removed.append({"text": draft_claim.text, "reason": verdict.reason})
            continue
        quotes = {}
        for n in numbers:
            given = draft_claim.quotes.get(n)
            usable = given and given in passages[n - 1].text and not is_instruction(given) and \
                _supports(body, given, [passages[n - 1]])
            quotes[n] = given if usable else scorer.quote(body, n)
        polarity = check_polarity(body, list(quotes.values()))
        if polarity.text is None:
            removed.append({"text": draft_claim.text, "reason": polarity.reason})
            continue
        new_numbers = []
        for n, quote in quotes.items():
            p = passages[n - 1]
            key = (p.passage_id, quote)
            if key not in numbering:
                numbering[key] = len(citations) + 1
                citations.append(Citation(n=numbering[key], article_id=p.article_id, passage_id=p.passage_id,
                                          title=p.title, outlet=p.outlet, published=p.published, url=p.url,
                                          source_path=p.source_path, quote=quote))
            new_numbers.append(numbering[key])
        # Renumber: markers are rewritten to citation numbers, once each, at the end of the claim.
        marks = list(dict.fromkeys(new_numbers))
        claims.append(Claim(text=verdict.text.rstrip() + " " + "".join(f"[{n}]" for n in marks), citations=marks))

    if not claims:
        reason = draft.abstain_reason or "no claim of the draft answer survived verification against the sources"
        return Answer(question, abstention_text(question, reason), True, backend, passages=passages, removed=removed)
    answer_text = " ".join(c.text for c in claims)
    return Answer(question, answer_text, False, backend, claims, citations, passages, removed=removed)


def abstention_text(question: str, reason: str) -> str:
    """The plain "the sources don't say" answer, with why."""
    q = question.strip().rstrip("?").strip()
    q = q[0].lower() + q[1:] if q else q
    return f"The ingested sources do not say {q}: {reason}."


def numbers_reason(text: str, passages: list[Passage]) -> str:
    numbers = [int(n) for n in MARKER.findall(text)]
    if not numbers:
        return "cites no source"
    bad = next(n for n in numbers if not 1 <= n <= len(passages))
    return f"cites [{bad}], which is not one of the {len(passages)} sources"


def _structure(claim: DraftClaim, passages: list[Passage]) -> tuple[str | None, list[int]]:
    """(the claim's body, its distinct cited numbers); body None when a citation is missing or out of range."""
    numbers = [int(n) for n in MARKER.findall(claim.text)]
    if not numbers or any(not 1 <= n <= len(passages) for n in numbers):
        return None, []
    numbers = list(dict.fromkeys(numbers))
    return body_of(claim.text, [passages[n - 1] for n in numbers]), numbers


class _Scorer:
    """Embeds every claim body and evidence window of one draft in a single call; scores and quotes from it."""

    def __init__(self, embedder, evidence: dict[int, Evidence], claims: list[tuple[str, list[int]]]) -> None:
        self.embedder = embedder
        self.evidence = evidence
        self.body_vectors: dict[str, np.ndarray] = {}
        if embedder is None:
            return
        todo = list(dict.fromkeys(b for b, ns in claims if b and not _verbatim(b, [evidence[n] for n in ns])))
        windows = [(n, w) for n, e in evidence.items() for w in e.windows]
        if not todo:
            return
        vectors = _unit(np.asarray(embedder.embed(todo + [w for _, w in windows]), dtype=np.float32))
        self.body_vectors = dict(zip(todo, vectors[: len(todo)], strict=True))
        at = len(todo)
        for e in evidence.values():
            e.vectors, at = vectors[at : at + len(e.spans)], at + len(e.spans)

    def semantic(self, body: str, numbers: list[int]) -> float:
        vec = self.body_vectors.get(body)
        sims = [float(np.max(self.evidence[n].vectors @ vec)) for n in numbers
                if vec is not None and self.evidence[n].vectors is not None and len(self.evidence[n].spans)]
        return max(sims, default=0.0)

    def quote(self, body: str, n: int) -> str:
        """The evidence window of passage n that best supports the body, verbatim."""
        e = self.evidence[n]
        if not e.spans:
            return e.passage.text.strip()
        windows = e.windows
        needle = _norm(body)
        for w in sorted(windows, key=len):
            if len(body.split()) >= MIN_VERBATIM_WORDS and needle in _norm(w):
                return w
        claim = set(content_terms(body))
        lexical = np.array([len(claim & set(t)) / (len(set(t)) ** 0.5 or 1) for t in map(content_terms, windows)])
        vec = self.body_vectors.get(body)
        if vec is not None and e.vectors is not None:
            # single sentences first: a pair only wins by a clear margin
            score = e.vectors @ vec - np.array([0.0 if i < e.singles else 0.05 for i in range(len(windows))])
        else:
            score = lexical - np.array([0.0 if i < e.singles else 1e3 for i in range(len(windows))])
        return windows[int(np.argmax(score))]


def _supports(body: str, evidence_text: str, cited: list[Passage]) -> bool:
    """The lexical bar alone: enough to tell a quote (a sentence the backend chose) that states the claim."""
    return _norm(body) in _norm(evidence_text) or lexical_support(body, evidence_text, cited) >= MIN_SUPPORT


def _supporting(body: str, numbers: list[int], passages: list[Passage], evidence: dict[int, Evidence],
                scorer: _Scorer, others: list[int] = ()) -> list[int]:
    """The cited numbers whose passage supports the body on its own; all of them when they support it only
    together (a claim joining two sources). When the cited passages do not support it at all, the first of
    ``others`` (retrieved passages it does not cite) that does: a small model often cites the wrong one of
    the sentences it was shown, and the claim then carries the date and outlet of the passage that states it."""
    alone = [n for n in numbers if _supported(body, [n], passages, evidence, scorer)] if len(numbers) > 1 else []
    if alone or not others or _supported(body, numbers, passages, evidence, scorer):
        return alone or numbers
    return next(([m] for m in others if _supported(body, [m], passages, evidence, scorer)), numbers)


def _other_sources(body: str, numbers: list[int], passages: list[Passage], evidence: dict[int, Evidence]) -> list[int]:
    """Uncited passages that could support the body, best lexical share first (added to ``evidence``).

    A passage whose lexical share is below what the blended score could still reach is left out unscored."""
    floor = (MIN_SUPPORT_SCORE - (1 - LEXICAL_WEIGHT)) / LEXICAL_WEIGHT
    scored = []
    for m, p in enumerate(passages, start=1):
        if m in numbers or not body:
            continue
        e = evidence.get(m) or Evidence.of(p)
        lex = 1.0 if _verbatim(body, [e]) else lexical_support(body, e.text, [p])
        if lex >= min(floor, MIN_SUPPORT):
            evidence.setdefault(m, e)
            scored.append((-lex, m))
    return [m for _, m in sorted(scored)]


def _supported(body: str, numbers: list[int], passages: list[Passage], evidence: dict[int, Evidence],
               scorer: _Scorer) -> bool:
    cited = [passages[n - 1] for n in numbers]
    ev = [evidence[n] for n in numbers]
    if _verbatim(body, ev):
        return True
    ev_text = " ".join(e.text for e in ev)
    if unsupported_figure(body, ev_text, cited):
        return False
    lex = lexical_support(body, ev_text, cited)
    if scorer.embedder is None:
        return lex >= MIN_SUPPORT
    return support_score(lex, scorer.semantic(body, numbers)) >= MIN_SUPPORT_SCORE


def _check(text: str, body: str, numbers: list[int], passages: list[Passage], evidence: dict[int, Evidence],
           scorer: _Scorer, outlets: set[str]) -> Verdict:
    cited = [passages[n - 1] for n in numbers]
    ev = [evidence[n] for n in numbers]
    stated, who, _ = split_lead(MARKER.sub(" ", text).strip(), cited)
    lead = check_lead(stated, who, cited)
    if lead.text is None:
        return lead
    if not _verbatim(body, ev):
        ev_text = " ".join(e.text for e in ev)
        if figure := unsupported_figure(body, ev_text, cited):
            return Verdict(None, f"states the figure {figure}, which the cited passage does not contain")
        lex = lexical_support(body, ev_text, cited)
        if scorer.embedder is None:
            if lex < MIN_SUPPORT:
                return Verdict(None, f"not supported by the cited passage (lexical support {lex:.2f} < {MIN_SUPPORT})")
        else:
            score = support_score(lex, scorer.semantic(body, numbers))
            if score < MIN_SUPPORT_SCORE:
                return Verdict(None, f"not supported by the cited passage (support {score:.2f} < {MIN_SUPPORT_SCORE})")
    verdict = check_dates(body, cited)
    if verdict.text is not None:
        verdict = check_outlets(verdict.text, cited, outlets)
    if verdict.text is None:
        return verdict
    # The lead is rebuilt from the cited articles' metadata, naming every one: dates and outlets are never the model's.
    first = lead_source(stated, who, cited)
    lead = joint_attribution([first] + [p for p in cited if p is not first])
    return Verdict(join_attribution(lead, verdict.text, " ".join(p.text for p in cited)))

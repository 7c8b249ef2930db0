"""The verifier: every draft, from any backend, passes here before a user sees it.

A claim survives only if it cites in-range passages, the cited passage supports it, and any
publication date or outlet it states matches the cited article's metadata (corrected from metadata
when it can be, dropped when it cannot). Quotes are verbatim passage text located here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.answering.attribution import long_date
from briefing.answering.draft import Draft, DraftClaim
from briefing.answering.sentences import sentence_spans
from briefing.answering.text import MONTHS, content_terms
from briefing.types import Answer, Citation, Claim, Passage

MARKER = re.compile(r"\s*\[(\d+)\]")
STATED_DATE = re.compile(rf"\b{MONTHS}\s+\d{{1,2}},\s+(?:19|20)\d{{2}}\b|\b(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}\b")
# Share of a claim's content words that must occur in the cited passages (see eval/README.md).
MIN_SUPPORT = 0.6


@dataclass
class Verdict:
    text: str | None  # the claim as it may be shown (possibly corrected), None when removed
    reason: str = ""


def support(claim_text: str, passages: list[Passage]) -> float:
    """Lexical support: the share of the claim's content terms found in the cited passages' text."""
    body = STATED_DATE.sub(" ", MARKER.sub(" ", claim_text))
    for p in passages:  # the attribution lead-in names the source; it is checked separately
        for name in filter(None, (p.outlet, p.site, p.title)):
            body = body.replace(name, " ")
    terms = content_terms(re.sub(r"\b(?:reported|reports|according|article|titled|undated|republished)\b", " ", body))
    if not terms:
        return 0.0
    source = set(content_terms(" ".join(p.text for p in passages)))
    return sum(t in source for t in terms) / len(terms)


def locate_quote(claim_text: str, passage: Passage) -> str:
    """The passage sentence(s) that best support the claim, verbatim."""
    claim = set(content_terms(MARKER.sub(" ", claim_text)))
    best, best_score = passage.text.strip(), -1.0
    for s, e in sentence_spans(passage.text):
        sentence = passage.text[s:e].strip()
        terms = set(content_terms(sentence))
        score = len(claim & terms) / (len(terms) ** 0.5 or 1)
        if score > best_score:
            best, best_score = sentence, score
    return best


def check_dates(text: str, cited: list[Passage]) -> Verdict:
    """A stated date must be the cited article's (or appear in its text); an undated article gets none."""
    known = {long_date(p.published): p for p in cited if p.published} | {p.published: p for p in cited if p.published}
    for m in STATED_DATE.finditer(text):
        stated = m.group()
        if stated in known or any(stated in p.text for p in cited):
            continue
        dated = [p for p in cited if p.published]
        if len(dated) == 1:
            text = text.replace(stated, long_date(dated[0].published))  # corrected from metadata
            continue
        return Verdict(None, f"states the date {stated}, which no cited article carries"
                       + ("" if dated else " (the cited article is undated)"))
    return Verdict(text)


def check_outlets(text: str, cited: list[Passage], outlets: set[str]) -> Verdict:
    """An outlet named in the claim must be a cited article's outlet or site, or be named in its text."""
    allowed = {n.lower() for p in cited for n in (p.outlet, p.site) if n}
    for name in sorted(outlets, key=len, reverse=True):
        if re.search(rf"\b{re.escape(name)}\b", text) and name.lower() not in allowed:
            if any(name in p.text for p in cited):
                continue
            own = [p.outlet for p in cited if p.outlet]
            if len(own) == 1:
                text = re.sub(rf"\b{re.escape(name)}\b", own[0], text)
                continue
            return Verdict(None, f"attributes the claim to {name}, which is not the cited article's outlet")
    return Verdict(text)


def verify(
    question: str,
    draft: Draft,
    passages: list[Passage],
    backend: str,
    known_outlets: set[str] | None = None,
) -> Answer:
    """Turn a draft into an Answer: claims checked, citations renumbered 1..N, quotes verbatim."""
    outlets = set(known_outlets or ()) | {n for p in passages for n in (p.outlet, p.site) if n}
    claims: list[Claim] = []
    citations: list[Citation] = []
    removed: list[dict] = []
    numbering: dict[tuple[str, str], int] = {}

    for draft_claim in draft.claims:
        verdict, cited_ns = _check(draft_claim, passages, outlets)
        if verdict.text is None:
            removed.append({"text": draft_claim.text, "reason": verdict.reason})
            continue
        text = verdict.text
        new_numbers = []
        for n in cited_ns:
            p = passages[n - 1]
            quote = draft_claim.quotes.get(n) or locate_quote(text, p)
            key = (p.passage_id, quote)
            if key not in numbering:
                numbering[key] = len(citations) + 1
                citations.append(
                    Citation(
                        n=numbering[key],
                        article_id=p.article_id,
                        passage_id=p.passage_id,
                        title=p.title,
                        outlet=p.outlet,
                        published=p.published,
                        url=p.url,
                        source_path=p.source_path,
                        quote=quote,
                    )
                )
            new_numbers.append(numbering[key])
        # Renumber: markers are rewritten to citation numbers, once each, at the end of the claim.
        body = MARKER.sub("", text).rstrip()
        text = body + " " + "".join(f"[{n}]" for n in dict.fromkeys(new_numbers))
        claims.append(Claim(text=text, citations=list(dict.fromkeys(new_numbers))))

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


def _check(claim: DraftClaim, passages: list[Passage], outlets: set[str]) -> tuple[Verdict, list[int]]:
    numbers = [int(n) for n in MARKER.findall(claim.text)]
    if not numbers:
        return Verdict(None, "cites no source"), []
    out_of_range = [n for n in numbers if not 1 <= n <= len(passages)]
    if out_of_range:
        return Verdict(None, f"cites [{out_of_range[0]}], which is not one of the {len(passages)} sources"), []
    numbers = list(dict.fromkeys(numbers))
    cited = [passages[n - 1] for n in numbers]
    if support(claim.text, cited) < MIN_SUPPORT:
        return Verdict(None, "not supported by the cited passage"), numbers
    verdict = check_dates(claim.text, cited)
    if verdict.text is not None:
        verdict = check_outlets(verdict.text, cited, outlets)
    return verdict, numbers

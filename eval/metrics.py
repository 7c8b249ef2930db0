"""Evaluation metrics: pure functions over one answer (the CONTRACT's ``ask --json`` dict) and gold data.

Nothing here imports the answerer: the harness judges answers with its own normalization, so tuning the
answerer cannot quietly move the yardstick. Definitions are in eval/README.md.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from urllib.parse import urlsplit

# ---- normalization ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_POSSESSIVE = re.compile(r"'s\b")
_NON_WORD = re.compile(r"[^\w\s%.,]")
_LOOSE_PUNCT = re.compile(r"(?<!\d)[.,]|[.,](?!\d)")  # keeps 3000.09 and 1,000; drops sentence punctuation


def normalize(text: str) -> str:
    """Lower case, NFKC, curly quotes and dashes folded, hyphens and punctuation to spaces, ``$`` dropped.

    "$200 Million" -> "200 million"; "supply-chain" -> "supply chain"; "3000.09" stays.
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = _POSSESSIVE.sub("", text).replace("-", " ").replace("_", " ")
    text = _LOOSE_PUNCT.sub(" ", _NON_WORD.sub(" ", text))
    return " ".join(text.split())


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words, after normalizing both."""
    needle = normalize(phrase)
    return bool(needle) and f" {needle} " in f" {normalize(text)} "


# ---- answer: facts and token F1 ----------------------------------------------------------------


def facts_present(answer_text: str, facts: list[list[str]]) -> tuple[float, list[list[str]]]:
    """Share of facts found in the answer (a fact is found when any of its alternatives is), and the missing ones.

    No facts to find scores 1.0.
    """
    missing = [alts for alts in facts if not any(contains_phrase(answer_text, alt) for alt in alts)]
    return (1.0 - len(missing) / len(facts) if facts else 1.0), missing


_ARTICLES = re.compile(r"\b(a|an|the)\b")


def _f1_tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = "".join(" " if ch in string.punctuation else ch for ch in text)
    return _ARTICLES.sub(" ", text).split()


def token_f1(prediction: str, reference: str) -> float:
    """SQuAD-style token F1: lower case, punctuation and articles removed, bag-of-words overlap."""
    pred, ref = _f1_tokens(prediction), _f1_tokens(reference)
    if not pred or not ref:
        return float(pred == ref)
    common = sum((Counter(pred) & Counter(ref)).values())
    if not common:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


# ---- articles and retrieval ------------------------------------------------------------------


def is_article(ref: str, source_path: str | None, url: str | None) -> bool:
    """Whether a gold article reference (a file name, a path suffix or a url) names this passage's article."""
    if url and ref == url:
        return True
    if not source_path:
        return False
    return PurePath(source_path).name == ref or source_path.replace("\\", "/").endswith("/" + ref.lstrip("/"))


def _matches_any(refs: Iterable[str], record: Mapping) -> str | None:
    for ref in refs:
        if is_article(ref, record.get("source_path"), record.get("url")):
            return ref
    return None


def first_hit_rank(passages: list[Mapping], supporting: list[str]) -> int | None:
    """1-based rank of the first passage from a supporting article, None when none was retrieved."""
    for rank, p in enumerate(passages, start=1):
        if _matches_any(supporting, p):
            return rank
    return None


def retrieved_share(passages: list[Mapping], supporting: list[str]) -> float:
    """Share of the supporting articles with at least one passage among ``passages`` (1.0 when there are none)."""
    if not supporting:
        return 1.0
    found = {_matches_any(supporting, p) for p in passages} - {None}
    return len(found) / len(set(supporting))


def hit_at_k(rank: int | None, k: int) -> float:
    return float(rank is not None and rank <= k)


def reciprocal_rank(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


# ---- citations: validity, precision, recall ----------------------------------------------------

MARKER = re.compile(r"\[(\d+)\]")


def _space(text: str) -> str:
    return " ".join(text.split())


def citation_problems(answer: Mapping) -> list[str]:
    """Why the answer's citations are invalid (empty: valid).

    Valid: an abstention has no claims; an answer has claims; citations are numbered 1..N; every claim
    cites at least one, with its [n] markers agreeing with its ``citations`` list; every [n] is in range;
    every citation is cited by some claim; a quote is non-empty and verbatim text of its passage (when
    that passage is among the answer's ``passages``).
    """
    problems: list[str] = []
    claims, citations = answer.get("claims") or [], answer.get("citations") or []
    if answer.get("abstained"):
        if claims:
            problems.append(f"abstained, yet has {len(claims)} claim(s)")
        return problems
    if not claims:
        problems.append("answered without any claim")
    numbers = [c.get("n") for c in citations]
    if numbers != list(range(1, len(citations) + 1)):
        problems.append(f"citations are numbered {numbers}, not 1..{len(citations)}")
    in_range = set(range(1, len(citations) + 1))
    used: set[int] = set()
    for i, claim in enumerate(claims, start=1):
        markers = [int(n) for n in MARKER.findall(claim.get("text", ""))]
        listed = [int(n) for n in claim.get("citations") or []]
        if not markers and not listed:
            problems.append(f"claim {i} cites nothing")
            continue
        if set(markers) != set(listed):
            problems.append(f"claim {i}'s markers {sorted(set(markers))} differ from its citations {sorted(listed)}")
        for n in sorted(set(markers) | set(listed)):
            if n not in in_range:
                problems.append(f"claim {i} cites [{n}], outside 1..{len(citations)}")
        used |= set(markers) | set(listed)
    for n in sorted({int(n) for n in MARKER.findall(answer.get("answer", ""))} - in_range):
        problems.append(f"the answer text cites [{n}], outside 1..{len(citations)}")
    for n in sorted(in_range - used):
        problems.append(f"citation [{n}] is cited by no claim")
    texts = {p.get("passage_id"): _space(p.get("text", "")) for p in answer.get("passages") or []}
    for c in citations:
        quote = _space(c.get("quote") or "")
        if not quote:
            problems.append(f"citation [{c.get('n')}] has an empty quote")
        elif c.get("passage_id") in texts and quote not in texts[c.get("passage_id")]:
            problems.append(f"citation [{c.get('n')}]'s quote is not verbatim text of its passage")
    return problems


_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
    only or other our ours out over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours said says say told according reported reports report article articles
    titled undated republished published""".split()
)
_WORD = re.compile(r"[a-z0-9][a-z0-9.%]*[a-z0-9%]|[a-z0-9]")


def _stem(word: str) -> str:
    """A light suffix stripper (s, es, ed, ing), enough to match "negotiations" with "negotiation"."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_terms(text: str) -> set[str]:
    """Distinct stemmed content words of a text (stopwords and attribution vocabulary removed)."""
    return {_stem(w) for w in _WORD.findall(normalize(text)) if w not in _STOP}


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def claim_body(claim_text: str, citations: list[Mapping]) -> str:
    """The claim minus what the attribution lead-in adds: [n] markers, stated dates, and the names of the
    cited sources (outlet, site, title, the url's host)."""
    body = DATE_PATTERN.sub(" ", MARKER.sub(" ", claim_text))
    names = {n for c in citations for n in (c.get("outlet"), c.get("site"), c.get("title"), _host(c.get("url"))) if n}
    for name in sorted(names, key=len, reverse=True):
        body = body.replace(name, " ")
    return body


def support(claim_text: str, quotes: list[str], citations: list[Mapping] = ()) -> float:
    """Lexical support proxy: the share of the claim's content terms found in the quotes' content terms."""
    terms = content_terms(claim_body(claim_text, list(citations)))
    if not terms:
        return 0.0
    source = set().union(*(content_terms(q) for q in quotes)) if quotes else set()
    return len(terms & source) / len(terms)


SUPPORT_THRESHOLD = 0.6


def citation_precision_counts(answer: Mapping, threshold: float = SUPPORT_THRESHOLD) -> tuple[int, int, list[str]]:
    """(precise citation uses, all citation uses, notes) over the answer's claims.

    A claim's citation is precise when its quote alone supports the claim, or when the claim's cited quotes
    together support it and dropping this one makes them fall short (it carries a needed part) -- the
    ALCE citation-precision rule with the lexical ``support`` proxy in place of an entailment model.
    """
    by_n = {c.get("n"): c for c in answer.get("citations") or []}
    precise = total = 0
    notes: list[str] = []
    for i, claim in enumerate(answer.get("claims") or [], start=1):
        cited = [by_n[n] for n in dict.fromkeys(claim.get("citations") or []) if n in by_n]
        text = claim.get("text", "")
        quotes = {c["n"]: c.get("quote") or "" for c in cited}
        together = support(text, list(quotes.values()), cited) >= threshold
        for c in cited:
            total += 1
            alone = support(text, [quotes[c["n"]]], cited)
            others = [q for n, q in quotes.items() if n != c["n"]]
            needed = together and not (others and support(text, others, cited) >= threshold)
            if alone >= threshold or needed:
                precise += 1
            else:
                notes.append(f"citation [{c['n']}] does not support claim {i} (lexical support {alone:.2f})")
    return precise, total, notes


def cited_articles(answer: Mapping, supporting: list[str]) -> set[str]:
    """The supporting articles (gold references) that some citation of the answer points to."""
    found = {_matches_any(supporting, c) for c in answer.get("citations") or []}
    return found - {None}


def citation_recall(answer: Mapping, supporting: list[str]) -> float:
    """Share of the supporting articles the answer cites (1.0 when there are none)."""
    if not supporting:
        return 1.0
    return len(cited_articles(answer, supporting)) / len(set(supporting))


# ---- attribution: dates and outlets ------------------------------------------------------------

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
             r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
DATE_PATTERN = re.compile(
    rf"\b(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>(?:19|20)\d{{2}})\b"
    rf"|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_RE})\.?,?\s+(?P<y2>(?:19|20)\d{{2}})\b"
    r"|\b(?P<y3>(?:19|20)\d{2})-(?P<m3>\d{2})-(?P<d3>\d{2})\b"
)


def _month_number(name: str) -> int:
    name = name.lower()
    return next(i for i, full in enumerate(_MONTHS, start=1) if full.startswith(name[:3]))


def stated_dates(text: str) -> list[tuple[str, str]]:
    """Calendar dates written in a text, as (as written, ISO): "February 26, 2026", "Feb. 26, 2026",
    "26 February 2026" and "2026-02-26". Impossible dates are skipped."""
    out = []
    for m in DATE_PATTERN.finditer(text):
        try:
            if m.group("m1"):
                d = date(int(m.group("y1")), _month_number(m.group("m1")), int(m.group("d1")))
            elif m.group("m2"):
                d = date(int(m.group("y2")), _month_number(m.group("m2")), int(m.group("d2")))
            else:
                d = date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        except ValueError:
            continue
        out.append((m.group(), d.isoformat()))
    return out


def long_date(iso: str) -> str:
    """2026-02-26 -> February 26, 2026."""
    d = date.fromisoformat(iso)
    return f"{d:%B} {d.day}, {d.year}"


@dataclass(frozen=True)
class ArticleMeta:
    """What gold says an article carries: its publication date and outlet (None: undated / unknown)."""

    published: str | None
    outlet: str | None


def article_meta(citation: Mapping, truth: Mapping[str, ArticleMeta] | None = None) -> ArticleMeta:
    """The cited article's date and outlet: from gold when gold knows the article, else from the citation."""
    for ref, meta in (truth or {}).items():
        if is_article(ref, citation.get("source_path"), citation.get("url")):
            return meta
    return ArticleMeta(citation.get("published"), citation.get("outlet"))


@dataclass
class ClaimAttribution:
    """One claim's attribution checks; ``None`` where a check does not apply."""

    date_ok: bool | None  # None: the claim cites no dated article
    outlet_ok: bool | None  # None: no cited article has a known outlet
    invented: list[str]  # dates stated that no cited article carries and no cited quote contains
    problems: list[str]


def check_claim_attribution(claim: Mapping, citations: list[Mapping],
                            truth: Mapping[str, ArticleMeta] | None = None, label: str = "claim") -> ClaimAttribution:
    """Date, outlet and invented-date checks of one claim against the articles it cites.

    Date: every cited dated article's date is written in the claim (any form ``stated_dates`` reads).
    Outlet: every cited article's known outlet is named in the claim. Invented: a date written in the claim
    that is no cited article's date and not a date written in a cited quote.
    """
    text = claim.get("text", "")
    by_n = {c.get("n"): c for c in citations}
    cited = [by_n[n] for n in dict.fromkeys(claim.get("citations") or []) if n in by_n]
    metas = [article_meta(c, truth) for c in cited]
    dates = {m.published for m in metas if m.published}
    outlets = {m.outlet for m in metas if m.outlet}
    stated = stated_dates(text)
    problems: list[str] = []

    date_ok = None
    if dates:
        missing = sorted(dates - {iso for _, iso in stated})
        date_ok = not missing
        if missing:
            problems.append(f"{label} cites an article of {', '.join(long_date(d) for d in missing)} "
                            f"but does not state that date")
    outlet_ok = None
    if outlets:
        unnamed = sorted(o for o in outlets if not contains_phrase(text, o))
        outlet_ok = not unnamed
        if unnamed:
            problems.append(f"{label} cites {', '.join(unnamed)} but does not name it")

    quote_dates: set[str] = set()
    for c in cited:
        quote_dates |= {iso for _, iso in stated_dates(c.get("quote") or "")}
    quotes = " ".join(c.get("quote") or "" for c in cited)
    invented = [raw for raw, iso in stated if iso not in dates and iso not in quote_dates and raw not in quotes]
    for raw in invented:
        carried = ", ".join(long_date(d) for d in sorted(dates)) if dates else "undated"
        problems.append(f"{label} states {raw}, which no cited article carries (cited: {carried})")
    return ClaimAttribution(date_ok, outlet_ok, invented, problems)


def metadata_problems(answer: Mapping, truth: Mapping[str, ArticleMeta]) -> tuple[int, int, list[str]]:
    """(citations whose date and outlet agree with gold, citations of articles gold knows, problems)."""
    ok = total = 0
    problems = []
    for c in answer.get("citations") or []:
        if not any(is_article(ref, c.get("source_path"), c.get("url")) for ref in truth):
            continue
        total += 1
        meta = article_meta(c, truth)
        if (c.get("published"), c.get("outlet")) == (meta.published, meta.outlet):
            ok += 1
        else:
            problems.append(f"citation [{c.get('n')}] carries published={c.get('published')!r} "
                            f"outlet={c.get('outlet')!r}; gold says {meta.published!r}, {meta.outlet!r}")
    return ok, total, problems


# ---- abstention --------------------------------------------------------------------------------


def abstention_correct(abstained: bool, expect_abstain: bool) -> bool:
    return bool(abstained) == bool(expect_abstain)


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that apply (not None); None when none do."""
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def share(hits: int, total: int) -> float | None:
    return hits / total if total else None

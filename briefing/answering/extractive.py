"""The offline answerer: selects the source sentences that answer the question and attributes each.

Deterministic and model-server-free. Sentences are scored by the embedder's similarity to the
question and by idf-weighted coverage of the question's terms, filtered by the kind of answer the
question wants (a date, a name, a figure or an amount in words, the outlet that reported something),
then chosen with maximal marginal relevance so the answer covers several sources instead of repeating
the top passage. A sentence that points back ("these standards") is quoted with the sentence before it,
so every claim reads on its own and is still one verbatim span of its passage.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from briefing.answering.attribution import attribution, join_attribution
from briefing.answering.draft import Draft, DraftClaim
from briefing.answering.injection import is_instruction
from briefing.answering.text import (
    answer_type,
    content_terms,
    date_range,
    key_entities,
    qualitative_amount,
    required_noun,
    satisfies_type,
)
from briefing.types import Passage
from ingest.sentences import passage_sentences

# Calibrated on the seed gold set's answerable vs unanswerable questions (eval/README.md).
MIN_RELEVANCE = 0.42
RELATIVE_FLOOR = 0.75  # a further claim must score at least this share of the best one
MAX_CLAIMS = {"general": 3, "date": 2, "when": 2, "source": 2, "who": 2, "figure": 2, "conflict": 4, "timeline": 5}
DENSE_WEIGHT = 0.55
REDUNDANCY = 0.85  # sentences this similar to a chosen one say the same thing
MIN_WORDS = 6

# A sentence that opens on a bare pronoun or points back ("these standards") needs the sentence before it:
# the claim quotes both. Without one (the passage starts there), the sentence is ranked lower.
DANGLING = re.compile(r"^(?:He|She|They|It|This|That|These|Those|We|Such)\b")
REFERS_BACK = re.compile(DANGLING.pattern + r"|\b(?:these|those|such)\s+(?:two\s+|three\s+|four\s+)?[a-z]{3,}")
DANGLING_PENALTY = 0.08
NAME_WINDOW = 3  # words either side of the noun of a "which <noun>" question where its name may stand

_WANTS = {"date": "a date", "when": "a date", "source": "the outlet that reported it", "who": "a name",
          "figure": "a figure", "general": "what it asks for", "conflict": "what it asks for",
          "timeline": "what it asks for"}
_TOKEN = re.compile(r"[\w’'.-]+")


@dataclass
class Candidate:
    n: int  # 1-based passage number
    passage: Passage
    start: int  # the sentence's span within the passage text
    end: int
    text: str  # the sentence itself: what is scored
    order: int  # position among the passage's sentences
    relevance: float = 0.0
    quote: str = ""  # what the claim quotes: the sentence, preceded by the one it points back to
    dangling: bool = False  # points back, and the passage holds no sentence before it

    def __post_init__(self) -> None:
        self.quote = self.quote or self.text


def _complete(text: str) -> bool:
    return len(text.split()) >= MIN_WORDS and text.rstrip("\u201d\u2019\"')").endswith((".", "!", "?"))


def _sentences(passages: list[Passage]) -> list[Candidate]:
    out = []
    for n, p in enumerate(passages, start=1):
        spans = passage_sentences(p.text, p.sentences)
        for order, (s, e) in enumerate(spans):
            text = p.text[s:e].strip()
            if not _complete(text) or is_instruction(text):
                continue  # headings and fragments are not claims
            candidate = Candidate(n=n, passage=p, start=s, end=e, text=text, order=order)
            if REFERS_BACK.search(text):
                before = p.text[spans[order - 1][0]:spans[order - 1][1]].strip() if order > 0 else ""
                if _complete(before):
                    candidate.quote = p.text[spans[order - 1][0]:e].strip()
                else:
                    candidate.dangling = bool(DANGLING.match(text))
            out.append(candidate)
    return out


def _names_near(noun_stem: str, sentence: str, question: str) -> bool:
    """Whether a capitalised word the question lacks stands within ``NAME_WINDOW`` words of the noun:
    "its AI model Claude" names the model of "Which AI model ...?"."""
    words = _TOKEN.findall(sentence)
    asked = {w.lower().strip("’'.") for w in _TOKEN.findall(question)}
    for i, word in enumerate(words):
        if not word.lower().startswith(noun_stem):
            continue
        for j in range(max(1, i - NAME_WINDOW), min(len(words), i + NAME_WINDOW + 1)):  # not the first word
            other = words[j].strip("’'.")
            base = re.sub(r"[’']s$", "", other)
            if other[:1].isupper() and base.lower() not in asked and other.lower() not in asked:
                return True
    return False


def _coverage(question_terms: list[str], sentences: list[list[str]]) -> np.ndarray:
    """Share of the question's idf mass each sentence covers (idf over the candidate sentences)."""
    q = set(question_terms)
    if not q:
        return np.zeros(len(sentences))
    df = Counter(t for terms in sentences for t in set(terms) if t in q)
    idf = {t: math.log(1 + (len(sentences) + 1) / (df.get(t, 0) + 0.5)) for t in q}
    total = sum(idf.values())
    return np.array([sum(idf[t] for t in q & set(terms)) / total for terms in sentences])


class ExtractiveBackend:
    """``generate(question, passages, history) -> Draft`` with verbatim quotes, no model server."""

    name = "extractive"

    def __init__(self, embedder) -> None:
        self.embedder = embedder

    def generate(self, question: str, passages: list[Passage], history=None) -> Draft:
        kind = answer_type(question)
        if not passages:
            return Draft([], abstain_reason="no ingested article matches the question and filters")
        missing = self._missing_entities(question, passages)
        if missing:
            return Draft([], abstain_reason=f"no retrieved article mentions \u201c{missing}\u201d")
        candidates = _sentences(passages)
        if not candidates:
            return Draft([], abstain_reason="the retrieved passages hold no complete sentences")

        vectors = self.embedder.embed([question] + [c.text for c in candidates])
        q_vec, s_vecs = vectors[0], vectors[1:]
        dense = s_vecs @ q_vec
        lexical = _coverage(content_terms(question), [content_terms(c.text) for c in candidates])
        for c, d, lex in zip(candidates, dense, lexical, strict=True):
            c.relevance = float(DENSE_WEIGHT * d + (1 - DENSE_WEIGHT) * lex)
            if c.dangling:
                c.relevance -= DANGLING_PENALTY  # "He said ..." out of context does not say who

        noun = required_noun(question)
        if noun and not any(noun[1] in content_terms(c.text) for c in candidates):
            return Draft([], abstain_reason=f"no retrieved passage mentions a {noun[0]}")
        amount = qualitative_amount(question) if kind == "figure" else None
        eligible = [i for i, c in enumerate(candidates)
                    if satisfies_type(kind, c.text) or (amount is not None and amount.search(c.text))]
        if not eligible:
            return Draft([], abstain_reason=f"none of the retrieved passages gives {_WANTS[kind]} for it")
        if kind == "source":
            self._attach_reported_events(candidates, eligible)
        if kind == "timeline":
            chosen = self._timeline(candidates, dated_range=date_range(question) is not None)
            if not chosen:
                return Draft([], abstain_reason="the retrieved passages are only loosely related to the question")
        else:
            best = max(candidates[i].relevance for i in eligible)
            if best < MIN_RELEVANCE:
                return Draft([], abstain_reason="the retrieved passages are only loosely related to the question")
            chosen = self._select(candidates, s_vecs, eligible, kind, max(MIN_RELEVANCE, best * RELATIVE_FLOOR))
            if noun and kind == "general":
                chosen = self._with_a_naming_sentence(chosen, candidates, eligible, noun[1], question)
        claims = [
            DraftClaim(text=f"{join_attribution(attribution(c.passage), c.quote)} [{c.n}]", quotes={c.n: c.quote})
            for c in chosen
        ]
        return Draft(claims)

    @staticmethod
    def _with_a_naming_sentence(chosen: list[Candidate], candidates: list[Candidate], eligible: list[int],
                                noun_stem: str, question: str) -> list[Candidate]:
        """"Which AI model ...?" asks for a name: when no chosen sentence names one next to the noun, the
        most relevant sentence that does ("its AI model Claude") joins the answer, if it is relevant enough."""
        if any(_names_near(noun_stem, c.text, question) for c in chosen):
            return chosen
        naming = [candidates[i] for i in eligible if candidates[i].relevance >= MIN_RELEVANCE
                  and _names_near(noun_stem, candidates[i].text, question)
                  and all(candidates[i].quote not in c.quote and c.quote not in candidates[i].quote for c in chosen)]
        if not naming:
            return chosen
        return chosen[: MAX_CLAIMS["general"] - 1] + [max(naming, key=lambda c: c.relevance)]

    @staticmethod
    def _attach_reported_events(candidates: list[Candidate], eligible: list[int]) -> None:
        """"Which outlet first reported <event>?": the sentence naming the outlet often follows the one
        telling the event ("... reopening talks. The renewed discussions, first reported by the Financial
        Times, ..."). Such a sentence is as relevant as the sentence before it, and quotes it as context."""
        by_position = {(c.passage.passage_id, c.order): c for c in candidates}
        for i in eligible:
            c = candidates[i]
            before = by_position.get((c.passage.passage_id, c.order - 1))
            if before is not None and before.relevance > c.relevance:
                c.relevance = before.relevance
                c.quote = c.passage.text[before.start:c.end].strip()

    @staticmethod
    def _missing_entities(question: str, passages: list[Passage]) -> str | None:
        """A name the question depends on that no retrieved passage mentions (tempting unanswerables)."""
        haystack = " ".join(f"{p.title} {p.outlet or ''} {p.text}" for p in passages).lower()
        for entity in key_entities(question):
            words = [w for w in re.split(r"[\s\-–]+", entity) if len(w) > 3]
            if entity.lower() not in haystack and not all(w.lower() in haystack for w in words):
                return entity
        return None

    @staticmethod
    def _timeline(candidates: list[Candidate], dated_range: bool) -> list[Candidate]:
        """One sentence per article (its lede when that is relevant), in order of publication.

        When the question names its dates, the date filter already chose the articles, so an article's
        lede stands for what it reported; otherwise each sentence must clear a (lower) relevance bar.
        """
        floor = 0.0 if dated_range else MIN_RELEVANCE * 0.8
        best: dict[str, tuple[float, Candidate]] = {}
        for c in candidates:
            lede = c.passage.start == 0 and c.order == 0
            score = c.relevance + (0.15 if lede else 0.0)
            if c.relevance >= floor and score > best.get(c.passage.article_id, (-1.0, c))[0]:
                best[c.passage.article_id] = (score, c)
        picked = sorted(best.values(), key=lambda sc: sc[0], reverse=True)[: MAX_CLAIMS["timeline"]]
        return sorted((c for _, c in picked),
                      key=lambda c: (c.passage.published or "9999-99-99", c.passage.start + c.start))

    @staticmethod
    def _select(candidates: list[Candidate], vectors: np.ndarray, eligible: list[int], kind: str, floor: float):
        """Maximal marginal relevance, with a bonus for an article not yet cited."""
        chosen: list[int] = []
        pool = [i for i in eligible if candidates[i].relevance >= floor]
        while pool and len(chosen) < MAX_CLAIMS[kind]:
            cited = {candidates[j].passage.article_id for j in chosen}

            def gain(i: int, cited: set[str] = cited) -> float:
                redundancy = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
                novelty = 0.08 if candidates[i].passage.article_id not in cited else 0.0
                per_article = 0.25 if kind == "timeline" and candidates[i].passage.article_id in cited else 0.0
                return candidates[i].relevance - 0.3 * redundancy + novelty - per_article

            pick = max(pool, key=gain)
            pool.remove(pick)
            if any(float(vectors[pick] @ vectors[j]) >= REDUNDANCY for j in chosen):
                continue
            if any(candidates[pick].quote in candidates[j].quote or candidates[j].quote in candidates[pick].quote
                   for j in chosen):
                continue  # the same sentence from an overlapping passage, or one already quoted as context
            chosen.append(pick)
        return [candidates[i] for i in chosen]

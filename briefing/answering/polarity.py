"""Negation flips: a claim that says the opposite of the sentence it cites.

Support is measured by shared words and embeddings, and both are blind to polarity: "The ministers did not
approve the plan" shares every content word with "The ministers approved the plan". ``negation_flip(claim,
quote)`` serves that one class of errors with a rule a reader can check by hand:

1. Each text is cut into clauses: at punctuation, at a contrasting or subordinating conjunction ("but",
   "because", "although", ...), and at "and"/"or" that open a new subject and verb ("..., and the port
   reopened").
2. Negation cues: "not"/"n't", "never", "no", "none", "nothing", "nobody", "neither"/"nor", "without",
   "cannot", "no longer", "yet to", "rather than"/"instead of", and the verbs that negate what follows them
   ("failed to", "declined to", "refused to", "unable to"). A cue bears on the ``NEAR`` content terms after it,
   its head and the head's complement ("did not *approve the plan*", "no *interest in using*"). A clause that
   opens with "if", "unless" or "whether" states a condition, not a fact, and is left out; a cue followed in
   its clause by "until" says when, not whether ("will not sail until Friday"); "not only", "no more than" and
   the like are no cues.
3. Each clause of the claim is paired with the quote's clause that shares most content terms (at least
   ``MIN_SHARED``). On those shared terms each side's polarity is the parity of its cues that bear on one of
   them: "did not refuse to sign" is affirmative, "refused to sign" negative, and "opened the port without
   ceremony" is affirmative about opening the port. The claim flips the quote when the two parities differ.

Clauses tied for the best pairing keep the claim if any of them agrees: the check removes only clear flips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.answering.text import content_terms

MIN_SHARED = 2  # content terms a claim clause and a quote clause must share to be read as the same statement
NEAR = 2  # a cue bears on this many content terms after it: its head and the head's complement ("no interest in using")

_NOT_CUES = (r"not only|not just|not merely|no (?:more|less|fewer|later|earlier|sooner) than|no doubt|"
             r"nothing but|none other")
_CUE = re.compile(
    r"\b(?:no longer|not|never|no|none|nothing|nobody|no one|neither|nor|without|cannot|"
    r"(?:has|have|had|is|are|was|were)\s+yet\s+to|rather than|instead of|"
    r"(?:fail|fails|failed|failing|decline|declines|declined|declining|refuse|refuses|refused|refusing|"
    r"unable)\s+to)\b|n[’']t\b",
    re.I,
)
_NO_CUE = re.compile(rf"\b(?:{_NOT_CUES})\b", re.I)
_BOUNDARY = re.compile(
    r"[,;:()\[\]\u2014\u2013]|\s-\s|[.!?](?=\s|$)|"
    r"\b(?:but|while|whereas|although|though|because|however)\b|(?=\b(?:if|unless|whether)\b)",
    re.I,
)
# A clause these open states a condition, not a fact: "cancel the contract if it does not agree".
_CONDITION = re.compile(r"^(?:if|unless|whether)\b", re.I)
_COORD = re.compile(r"\b(?:and|or)\b", re.I)
# A finite verb after "and"/"or" (within a short subject) makes the words after it a new clause.
_SUBJECT_VERB = re.compile(
    r"^\s+(?:(?:the|a|an|its|their|his|her|it|they|he|she|we|i|you|this|that|these|those|there)\s+)?"
    r"(?:[\w’'-]+\s+){0,3}?(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|may|might|must|"
    r"should|shall|says?|said|[a-z]{2,}ed)\b",
    re.I,
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*")


@dataclass(frozen=True)
class Clause:
    text: str
    terms: frozenset[str]  # content terms, cue words aside
    cues: tuple[frozenset[str], ...]  # per negation cue, the NEAR content terms after it: what it bears on

    def negates(self, terms: frozenset[str]) -> bool:
        """Whether an odd number of the clause's cues bear on these terms ("did not refuse to sign": two)."""
        return sum(bool(c & terms) for c in self.cues) % 2 == 1


def clauses(text: str) -> list[Clause]:
    """The text's clauses with their polarity (see the module docstring)."""
    return [c for piece in _pieces(text) if not _CONDITION.match(piece) and (c := _clause(piece)).terms]


def negation_flip(claim: str, quotes: list[str]) -> tuple[str, str] | None:
    """(the claim's clause, the quote's clause) when a clause of the claim reverses the polarity of the quote
    clause it restates; None when none does."""
    theirs = [c for q in quotes for c in clauses(q)]
    for mine in clauses(claim):
        shared = [(len(mine.terms & q.terms), q) for q in theirs]
        best = max((n for n, _ in shared), default=0)
        if best < MIN_SHARED:
            continue
        tied = [q for n, q in shared if n == best]
        if all(_flips(mine, q) for q in tied):
            return mine.text, tied[0].text
    return None


def _flips(a: Clause, b: Clause) -> bool:
    shared = a.terms & b.terms
    return a.negates(shared) != b.negates(shared)


def _pieces(text: str) -> list[str]:
    out = []
    for part in _BOUNDARY.split(text):
        start = 0
        for m in _COORD.finditer(part):
            if _SUBJECT_VERB.match(part[m.end() :]):
                out.append(part[start : m.start()])
                start = m.end()
        out.append(part[start:])
    return [p.strip() for p in out if p and p.strip()]


def _clause(piece: str) -> Clause:
    masked = _NO_CUE.sub(lambda m: " " * len(m.group()), piece)
    cues = list(_CUE.finditer(masked))
    if any(m.group().lower() == "nor" for m in cues) and len(cues) > 1:  # "neither ... nor": one negation
        cues = [m for m in cues if m.group().lower() != "nor"]
    if cues and re.search(r"\buntil\b", masked[cues[0].end() :], re.I):  # "not ... until Friday" says when
        cues = []
    plain = _CUE.sub(lambda m: " " * len(m.group()), masked)
    terms = frozenset(_terms(plain))
    return Clause(piece, terms, tuple(frozenset(_terms(plain[m.end() :])[:NEAR]) for m in cues))


def _terms(text: str) -> list[str]:
    return [t for w in _WORD.findall(text) for t in content_terms(w)]

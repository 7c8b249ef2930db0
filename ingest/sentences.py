"""Sentence spans inside a passage (Punkt, bundled with llama-index), repaired around abbreviations."""

from __future__ import annotations

import re
from functools import lru_cache

# Abbreviations Punkt ends a sentence at: initials ("U.S."), titles before a name ("Sen.", "Prof.", "Brig. Gen."), name
# suffixes ("Martin Luther King Jr. Day"), months, places ("Mt.", "Ft.") and company forms.
_ABBREV_END = re.compile(r"(?:\b(?:[A-Z]\.){2,3}|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Sens|Rep|Reps|Gov|Pres|Gen|Gens|Lt|Col|Maj|"
                         r"Capt|Brig|Sgt|Cpl|Pvt|Pfc|Spc|Adm|Cmdr|Cdr|Det|Insp|Msgr|Fr|Rev|Hon|Atty|Supt|Jr|Sr|St|Mt|"
                         r"Ft|Jan|Feb|Mar|Apr|Jun|Jul|"
                         r"Aug|Sep|Sept|Oct|Nov|Dec|No|vs|Inc|Corp|Co|Ltd|Bros|Dept|Univ)\.)$")


# "around 7 p.m. Monday, after the parade": a time of day goes on with its day or zone, not a new sentence; and with a
# word in lower case ("from 9 a.m. until they run out", "at 5 p.m. on weekdays"): no sentence opens in lower case
_CLOCK_END = re.compile(r"\b\d{1,2}(?::\d{2})?\s*[ap]\.m\.$", re.I)
_TIME_GOES_ON = re.compile(r"[a-z]|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|E[SD]?T|C[SD]?T|M[SD]?T|"
                           r"P[SD]?T|GMT|UTC)\b"
                           # "at 6 p.m. Central on Saturday", "8 p.m. Eastern Time": a zone spelled out (not "7 p.m.
                           # Central Park was closed": a name goes on with another capitalised word)
                           r"|(?:Eastern|Central|Mountain|Pacific)(?:\s+(?:Standard|Daylight))?(?:\s+[Tt]ime)?\b"
                           r"(?!\s+[A-Z])")


@lru_cache(maxsize=1)
def _punkt():
    from llama_index.core.utils import globals_helper  # bundled punkt: no download

    return globals_helper.punkt_tokenizer


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``; paragraph breaks always end a sentence."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        base = para.start()
        pieces = list(_punkt().span_tokenize(para.group()))
        merged: list[list[int]] = []
        for start, end in pieces:
            before = para.group()[merged[-1][0] : merged[-1][1]] if merged else ""
            if merged and (_ABBREV_END.search(before) or (_CLOCK_END.search(before)
                                                          and _TIME_GOES_ON.match(para.group(), start))):
                merged[-1][1] = end  # "The U.S." + "Department of Defense ..." is one sentence
            else:
                merged.append([start, end])
        spans.extend((base + s, base + e) for s, e in merged)
    return spans


# '"I think he helped himself immensely." said Sen. Roger Wicker': a quotation closed by its own full stop and followed
# by who said it in lower case is one sentence with its attribution
_QUOTE_CLOSED = re.compile(r"[.!?][\u201d\"\u2019']\s*$")
_ATTRIBUTION_OPENS = re.compile(r"(?:said|says|added|adds|told|tells|wrote|writes|asked|asks|explained|noted|"
                                r"continued|recalled|posted)\b")


def rejoined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with what goes on a sentence joined to it: a title cut off from its name ("retired Army Brig." +
    "Gen. Don Bolduc"), a quotation's lower-case attribution ("... immensely.” said Wicker ...") and a time of day's
    zone ("at 6 p.m." + "Central on Saturday ...")."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        before = text[out[-1][0]:out[-1][1]] if out else ""
        if out and "\n" not in text[out[-1][1]:start] and (
                _ABBREV_END.search(before)  # spans stored before an abbreviation joined the list ("Brig." + "Gen.")
                or (_QUOTE_CLOSED.search(before) and _ATTRIBUTION_OPENS.match(text, start))
                or (_CLOCK_END.search(before) and _TIME_GOES_ON.match(text, start))):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def passage_sentences(text: str, known: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """A passage's sentence spans: those stored at ingest, else computed now (slower: loads Punkt); what goes on a
    sentence is joined to it (``rejoined``), in spans stored before those rules too."""
    return rejoined(text, list(known) if known else sentence_spans(text))

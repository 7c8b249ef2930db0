"""Small text helpers shared by the answerer and the verifier: content terms and answer-type cues."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*")  # hyphens split: "Anthropic-Pentagon" is two names
_HYPHENATED = re.compile(r"\b[a-z]{2,}(?:-[a-z]{2,})+\b")  # "cease-fire", "re-election" (lower case: not two names)
# Verbs of saying are one family: "what did X say / write / post / tell / state / argue / claim" ask the same
# thing, and in a question they carry no content of their own (who said it, and what, does). "state" and
# "states" stay out: as nouns ("state regulation", "United States") they are content.
SAYING = {"say", "said", "says", "saying", "tell", "told", "tells", "telling", "write", "wrote", "writes", "written",
          "writing", "post", "posted", "posts", "posting", "stated", "claim", "argue", "argued", "argues", "arguing",
          "claimed", "added", "noted", "commented", "remarked", "asserted", "insisted", "mention", "mentioned",
          "mentions"}
_EXTRA_STOP = SAYING | {
    "did", "does", "do", "according", "reported", "report", "article", "articles", "news", "source", "sources",
    "give", "given", "happen", "happened", "also", "would", "could", "one", "when", "who", "what", "where", "why",
    "how", "which", "whom", "whose", "had", "been", "has", "have", "is", "are", "was", "were", "be", "made", "make",
    "much", "many", "late", "early", "between", "me", "please", "know", "anything", "something", "about", "from",
    "can", "you", "your", "us", "we", "i", "might", "may", "must", "should", "will", "shall", "likely",
} | {  # pronouns, auxiliaries, conjunctions and degree words: function words bm25s's short English list lacks
    # (NLTK's list, less the words that carry a question's content: "won", "all", "more", "most", "only", "over",
    # "under", "up", "down", "out", "off", "after", "before", "against", "during")
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "its", "itself", "they'd", "them", "theirs",
    "themselves", "my", "myself", "our", "ours", "ourselves", "yours", "yourself", "am", "being", "doing", "having",
    "because", "while", "until", "nor", "so", "than", "once", "here", "those", "each", "both", "any", "just", "now",
    "very", "too", "again", "further", "isn't", "aren't", "wasn't", "weren't", "didn't", "doesn't", "don't",
    "hasn't", "haven't", "hadn't", "couldn't", "wouldn't", "shouldn't", "it's", "he's", "she's", "i'm", "i've",
} | {  # the words of a request rather than of its topic (see question.py)
    "summarize", "summarise", "summary", "explain", "describe", "described", "describes", "compare", "compared",
    "comparison", "contrast", "differ", "differed", "differs", "difference", "differences", "timeline",
    "chronology", "overview", "recap", "rundown", "background", "briefly", "list", "name",
}
# The verbs of a request that may open it, capitalised, right before a name ("Compare Sean Parnell's ...").
REQUEST_VERBS = {"summarize", "summarise", "explain", "describe", "compare", "contrast", "list", "name", "tell", "give",
                 "show", "find", "outline", "recap", "brief", "discuss", "define", "identify", "quote"}
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|" \
         r"Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
DATE_CUE = re.compile(
    rf"\b(?:{MONTHS}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTHS}|(?:19|20)\d{{2}}|Monday|Tuesday|Wednesday|Thursday|Friday|"
    rf"Saturday|Sunday|yesterday|today|tonight|overnight|last (?:week|month|year|summer|spring|fall|winter|night)|"
    rf"this (?:week|month|year|morning)|next (?:week|month)|(?:earlier|later) this (?:week|month|year)|"
    rf"(?:\d+|a|an|one|two|three|four|five|six|several|a few|few|some|many) (?:days?|weeks?|months?|years?|hours?) "
    rf"(?:ago|later|earlier|after|before|on|since)|(?:hours|days|weeks|months|years) (?:later|earlier|after|before)|"
    rf"(?-i:{MONTHS})\b)",  # a month by its name alone as written: "in May", never the verb in "may soon"
    re.I,
)
SPECIFIC_DATE = re.compile(
    rf"\b(?:{MONTHS}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    rf"(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})\b"
)
# An amount in the small coin written on its number: "rise by 10p", "99¢" (not "10 p.m.")
_SMALL_COIN = r"\b\d[\d,.]*(?:p\b(?!\.m)|¢)"
NUMBER_CUE = re.compile(
    r"(?:[$€£]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand)\b)?|"
    rf"{_SMALL_COIN}|"
    r"\b\d[\d,.]*\s?(?:%|percent|million|billion|trillion|thousand)?\b|"
    r"\b(?:hundreds|thousands|millions|billions|dozens?|(?:six|seven|eight|nine|ten)-figure)\b|"
    # a share of a scale, or one, in words: "half a million people", "a quarter of a million", "a billion dollars"
    r"\b(?:(?:half|(?:a\s+|one\s+|two\s+)?(?:quarter|third|thirds)\s+of)\s+)?(?:a|one)\s+(?:million|billion|trillion)\b|"
    # a count in words, as news style writes small ones ("Three crew members were rescued"); not "one", nor one
    # that refers back ("the two sides")
    r"(?<!the )(?<!these )(?<!those )(?<!both )(?<!all )(?<!its )(?<!their )(?<!other )"
    # (a ten and a unit are one number: "Eighty-four percent", "sixty-five people")
    r"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|"
    r"nine)\b)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|hundred)\b)",
    re.I,
)
# Capitalised words that open a sentence without naming anyone
_NO_NAME_OPENINGS = ("He", "She", "They", "It", "We", "You", "This", "That", "These", "Those", "The", "There", "Then",
                     "When", "But", "And", "Some", "Many", "Most", "Others", "Both", "Each", "All", "Its", "Their",
                     "His", "Her")
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"  # Latin letters with their accents: "Emilia Pérez", "Zoe Saldaña"
# A word of a name: capitalised, or a surname written with a capital after its prefix ("McCourt", "MacKenzie",
# "DeSantis", "LaFleur", "O'Brien" -- not a brand's inner capital: "YouTube", "PayPal"), or two such joined by a
# hyphen ("Ocasio-Cortez")
_NAME_PART = (rf"(?:[{_UPPER}][{_LOWER}]+|(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[{_UPPER}][{_LOWER}]+|"
              rf"[{_UPPER}]['’][{_UPPER}][{_LOWER}]+)")
NAME_WORD = rf"{_NAME_PART}(?:-{_NAME_PART})?"
# Someone named by one word, as news names a person after the first mention, doing or saying something: "Trump also
# said ...", "Hegseth told senators ..." (not "He said", "The board said")
_ONE_NAME_DOER = (rf"\b(?!(?:{'|'.join(_NO_NAME_OPENINGS)})\b)(?=\w{{3}}){NAME_WORD}"
                  r"(?=\s+(?:also\s+|later\s+|has\s+|had\s+)?"
                  r"(?:said|says|told|tells|wrote|writes|warned|called|added|announced|argued|claimed|insisted|stated|"
                  r"noted|posted|testified|asked|urged|accused|vowed|promised|declared|denied|admitted|responded|replied|"
                  r"signed|ordered|delivered|won|led|founded|blamed)\b)")
# Titles news abbreviates before a name, spelled out (``spelled_titles``: "Sen." is "Senator" to a question's words)
_TITLE_ABBREVIATIONS = {"Sen": "Senator", "Rep": "Representative", "Gov": "Governor", "Gen": "General",
                        "Lt": "Lieutenant", "Dr": "Doctor", "Prof": "Professor", "Sgt": "Sergeant", "Capt": "Captain",
                        "Atty": "Attorney", "Supt": "Superintendent", "Adm": "Admiral", "Col": "Colonel"}
# A title abbreviated before a name ends no sentence: "Sen. Roger Wicker", "Dr. Jane Ode", "Mrs. Carter"
_AFTER_A_TITLE = "|".join(rf"(?<=\b{t}\.\s)" for t in (*_TITLE_ABBREVIATIONS, "Maj", "Rev", "Mr", "Mrs", "Ms", "Sens",
                                                      "Reps", "Pres", "Cpl"))
ONE_NAME_DOER = re.compile(_ONE_NAME_DOER)  # "Kaplan said": someone named by the surname, speaking or acting
NAME_CUE = re.compile(rf"{_ONE_NAME_DOER}|"
                      # (a middle initial between the words: "Erek L. Barron")
                      rf"(?:(?<![.!?]\s)|{_AFTER_A_TITLE})\b{NAME_WORD}(?:\s+(?:[{_UPPER}]\.\s+)?{NAME_WORD})+\b|"
                      # someone named by a title and the surname alone: "Dr. Callister's piece", "Mrs. Carter said"
                      rf"(?:{_AFTER_A_TITLE}){NAME_WORD}\b|"
                      r"\b(?:spokes(?:person|man|woman)|secretary|CEO|chief|official|director|president|minister|"
                      r"under-secretary)\b|"
                      # an unnamed source is who told it: "a person familiar with the negotiations told The Hill"
                      r"\b(?:person|people|sources?|officials?)\s+"
                      r"(?:familiar with|close to|briefed on|with knowledge of)")
# "Red No. 3"; "Robert F. Kennedy Jr.": an initial after a name's first word is a word of it ("U.S." is none)
_CAPITALIZED = re.compile(r"\b[A-Z][A-Za-z0-9’'\-]*(?:\s+(?:[A-Z]\.(?=\s+[A-Z])|[A-Z][A-Za-z0-9’'\-]*))*"
                          r"(?:\.\s\d+\b)?")
# Words of a closed class -- prepositions, subordinating conjunctions, a few sentence adverbs -- that open a sentence
# before a name without being part of it: "Besides Christmas, ...", "Despite Monday's storm, ...", "Under Trump, ...".
OPENING_WORDS = {
    "about", "above", "across", "after", "against", "along", "alongside", "amid", "amidst", "among", "amongst",
    "apart", "around", "as", "aside", "at", "before", "behind", "below", "beneath", "beside", "besides", "between",
    "beyond", "by", "concerning", "considering", "despite", "during", "except", "excluding", "following", "for",
    "from", "given", "in", "including", "inside", "into", "like", "near", "of", "off", "on", "onto", "outside",
    "over", "past", "per", "regarding", "since", "than", "through", "throughout", "to", "toward", "towards", "under",
    "unlike", "until", "upon", "via", "with", "within", "without", "although", "because", "if", "once", "though",
    "unless", "whereas", "while", "whether", "meanwhile", "now", "then", "today", "yesterday", "recently", "earlier",
    "later", "also", "even", "just", "only", "other", "according",
}
_QUESTION_WORDS = {"who", "what", "when", "where", "why", "how", "which", "whom", "whose", "is", "are", "was", "were",
                   "did", "does", "do", "can", "could", "will", "would", "and", "but", "so", "also", "i", "the", "a"}


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN) | _EXTRA_STOP


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


_RUN_ON = re.compile(r"[’'](?:s|re|d|ll|ve)$")  # a verb run on to a word: "what's", "who'd", "they're"
_BRITISH = re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)$")


# Typographic marks as they are typed: "Tohono O’odham" in an article is "Tohono O'odham" in a question
_TYPED_MARKS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
                              "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u00a0": " "})


@lru_cache(maxsize=512)  # an article's text is read for each candidate sentence and name of a question
def unaccented(text: str) -> str:
    """The text without its accents ("Emilia Pérez" -> "Emilia Perez") and with typed quotes, apostrophes and dashes
    for typographic ones: names are typed either way."""
    if text.isascii():
        return text
    text = text.translate(_TYPED_MARKS)
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def content_terms(text: str) -> list[str]:
    """Stemmed, lower-cased words minus stopwords, in order (duplicates kept); a new list on every call (callers
    extend it).

    British -ise spellings are folded into -ize first ("characterised" meets "characterize"); a hyphenated word
    also counts joined ("cease-fire" meets "ceasefire"); accents are dropped ("Pérez" meets "Perez").
    """
    return list(_content_terms(text))


@lru_cache(maxsize=4096)  # the same passages' sentences are scored by the answerer and again by the verifier
def _content_terms(text: str) -> tuple[str, ...]:
    text = unaccented(text)
    words = [_BRITISH.sub(r"iz\1", w.lower().replace("’", "'").strip("'-")) for w in _WORD.findall(text)]
    # "cease-fire" is also "ceasefire", as other articles write it (its parts are words of their own too)
    words += [m.group().lower().replace("-", "") for m in _HYPHENATED.finditer(text)]
    # "what's", "who'd", "there're": a stopword with its verb run on is still a stopword
    words = [w for w in words if w and w not in _stop() and _RUN_ON.sub("", w) not in _stop()]
    return tuple(_stemmer().stemWords(words))


# A quarter, half or fiscal year in its business shorthand
_PERIOD_CODE = re.compile(r"(?:Q[1-4]|H[12]|FY(?:\d{2}|\d{4})?)")


def key_entities(question: str) -> list[str]:
    """Capitalized phrases of a question that are not question words ("World Cup", "OpenAI").

    The words of a request's wrapper are not names ("Summarize ...", "Can you explain ..."), and a capital
    that only opens the sentence is not one either: the first word counts only when it looks like a name on
    its own (an inner capital or digit: "OpenAI", "F-35"; all capitals: "NATO") or it opens a phrase of
    capitalized words ("Sean Parnell wrote ...").
    """
    from briefing.answering.question import parse

    text = unaccented(" ".join(question.split()))  # "Emilia Pérez" is one name, "Pérez" one word
    start = parse(text).start
    first = re.search(r"\w", text)  # the sentence's first word, after any opening mark ("¿Qué ...?", '"Why ...')
    opening = first.start() if first else 0
    out = []
    for m in _CAPITALIZED.finditer(text, start):
        words = m.group().split()
        if m.start() <= opening and len(words) == 1 and not _name_like(words[0]):
            continue
        if m.start() <= opening and words[0].lower() in REQUEST_VERBS:
            words = words[1:]  # "Compare Sean Parnell's ...": the request's verb opens the sentence, not the name
        if m.start() <= opening and words and words[0].lower() in OPENING_WORDS:
            words = words[1:]  # "Besides Christmas, which ...", "Under Trump, what ...": a preposition opens it
        # "What's", "Who's", "Where'd": a question word with its verb run on is still a question word
        words = [w for w in words if _RUN_ON.sub("", w.lower()) not in _QUESTION_WORDS | CALENDAR]
        if len(words) > 1 and len(words[-1]) == 1 and re.match(r"\.[A-Z]\.", text[m.end():]):
            words = words[:-1]  # "off the Southeast U.S. coast": an initialism's first letter is no word of the name
        if re.fullmatch(rf"{MONTHS}(?:\s+\d{{1,4}})?", m.group()):
            continue  # "on Nov. 12", "in Feb 2024", "Sept. 2023": a date, which the articles may write in full
        if len(words) == 1 and _PERIOD_CODE.fullmatch(words[0]):
            continue  # "in Q1 2019", "FY2025": a period the articles spell out ("the first quarter"), not a name
        if len(words) == 1 and re.sub(r"s$", "", words[0]) in _THING_ACRONYMS:
            continue  # "the self-driving SUV": a kind of thing, which the articles may call "the vehicle"
        phrase = " ".join(words).strip("’'")
        if phrase.endswith(("’s", "'s")):
            phrase = phrase[:-2]
        if phrase and len(phrase) > 1:
            out.append(phrase)
    return out


# Acronyms of kinds of things, not names: a question's "SUV" is the article's "vehicle", its "GDP" the "economy"
_THING_ACRONYMS = {"SUV", "EV", "ATM", "GDP", "CPI", "IPO", "DNA", "TV", "PC", "UFO", "GPS", "HIV", "ICU", "MRI", "ID",
                   "PIN", "VPN", "ETF", "APR", "RV", "ATV", "PPE", "LED", "USB"}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(word: str) -> int | None:
    """The number a Roman numeral of two letters or more writes ("LVIII" -> 58), else None."""
    if len(word) < 2 or not re.fullmatch(r"X{0,3}(?:L|XL|XC|C)?X{0,3}(?:IX|IV|V?I{0,3})", word) \
            or not re.fullmatch(r"[IVXLC]+", word):
        return None
    values = [_ROMAN[ch] for ch in word]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _name_like(word: str) -> bool:
    core = re.sub(r"[’']s$", "", word)
    return any(ch.isupper() or ch.isdigit() for ch in core[1:])


_SOURCE_QUESTION = re.compile(
    r"^(?:and\s+|so\s+)?(?:which|what)\s+(?:news\s+|media\s+)?(?:outlets?|publications?|newspapers?|papers?|"
    # a broadcaster asked of what it airs ("which network is airing the game") is not the one that reported it
    r"broadcasters?|networks?|news agenc(?:y|ies)|wire services?)\b(?!.*\b(?:air|airs|airing|aired|broadcasts?|"
    r"broadcasting|televis\w+|streams?|streaming|streamed|carr(?:y|ies|ying|ied)|shows?|showing|showed)\b)|"
    r"^(?:and\s+|so\s+)?who\s+(?:first\s+)?(?:reported|broke)\b|^(?:and\s+|so\s+)?(?:whose|which|what)\s+(?:news\s+)?(?:reporting|reports?|story|stories|"
    r"coverage|scoop)\b"
)
_REPORTING_VERB = re.compile(r"^\s*(?:(?:(?:was|were|is|are)\s+)?(?:the\s+)?(?:first\s+)?(?:to\s+)?(?:first\s+)?"
                             r"(?:reported|reports|report|broke|break|revealed|reveals|reveal|says|said|say|wrote|"
                             r"writes|write|published|publish|covered|cover)\b\s*(?:that|on|about)?)?\s*", re.I)


# Nouns that name the story itself, not a detail of it: a topic made of these and names asks for the whole story.
STORY_NOUNS = ("story news reporting coverage situation dispute saga standoff conflict feud fight row affair "
               "developments latest everything background context matter issue relationship")


@lru_cache(maxsize=1)
def story_terms() -> frozenset[str]:
    return frozenset(content_terms(STORY_NOUNS))


def whole_story(topic: str, names: set[str] = frozenset()) -> bool:
    """Whether a topic is the whole story: its words are names ("Anthropic and the Pentagon", also typed in lower
    case: ``names`` are the words the passages only write capitalised) and nouns for the story itself ("the
    dispute", "the coverage"), nothing that narrows it ("the final offer", "the legal challenge")."""
    words = [w for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", topic)
             if not w[:1].isupper() and w.lower() not in names]
    return all(t in story_terms() for t in content_terms(" ".join(words)))


def story_covered(question: str) -> str | None:
    """What a source question asks the outlets of, when each outlet's own telling answers it: "the dispute" for
    "Which outlets covered the dispute?" (the story itself), "the plane crash" for "What newspapers wrote about the
    plane crash?" (outlets, plural: every one that did); "" when it names nothing but the story ("... reported on
    this", "which outlets covered the story": every article). None for a question crediting one outlet with a
    detail ("Which outlet first reported the renewed talks?")."""
    m = _SOURCE_QUESTION.match(question.lower().strip())
    if not m:
        return None
    rest = question.strip()[m.end():]
    verb = _REPORTING_VERB.match(rest)
    event = rest[verb.end():].strip(" ?.!")
    if event.lower() in ("this", "it", "that", "them", "these", "those") or (
            whole_story(event) and not any(w[:1].isupper() for w in event.split())):
        return ""
    plural = re.search(r"(?:outlets|publications|newspapers|papers|broadcasters|networks|agencies|services)\b",
                       m.group())
    if plural or re.search(r"\bcover", verb.group()) or whole_story(event):
        return event
    return None


def reported_event(question: str) -> str:
    """What a source question asks about: "Which newspaper was first to report the renewed talks?" -> "the renewed
    talks" (the outlet's name is the answer; the words asking for it match nothing in the sentence that gives it)."""
    m = _SOURCE_QUESTION.match(question.lower())
    if not m:
        return question
    rest = question[m.end():]
    event = rest[_REPORTING_VERB.match(rest).end():].strip(" ?.!")
    return event if len(event.split()) >= 2 else question


# "reported by the Financial Times", "according to Reuters", "told The Hill", "first reported by Axios"
# An outlet credited with a report: "according to Reuters", "told The Hill", "reporting from the Financial Times",
# and the passive of any verb of reporting: "first reported by", "described by The Information", "cited by".
SOURCE_CUE = re.compile(r"\b(?:(?:first\s+)?(?:reported|described|cited|revealed|published|obtained|confirmed|seen|"
                        r"reviewed|broken)\s+by|according to|told|(?:reports?|reporting) (?:from|in|by)|"
                        r"first reported in|broke the news)\s+(?:the\s+)?[A-Z]"
                        # "after a Buzzfeed News report said ...", "The Wall Street Journal first reported ...": the
                        # outlet before its reporting -- a name of two words or more, or one not opening the sentence
                        # ("Police reported ..." names no outlet); not "revealed", which people do as much
                        r"|(?:\b[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)+|(?<=[a-z,] )[A-Z][\w.&’'-]*)(?:[’']s)?\s+"
                        r"(?:(?:first\s+)?reported\b|broke the (?:news|story)\b|"
                        r"(?:report|reporting|investigation|analysis|story)\s+(?:said|says|found|finds|showed|shows|"
                        r"revealed|reveals|claimed|alleged)\b)")


def answer_type(question: str) -> str:
    """date | when | source | who | figure | summary | timeline | conflict | general: what the question wants.

    The answer's shape comes first (``question.parse``: a summary request, a comparison, a timeline); a
    focused question is then typed by its core ("tell me when ..." is a ``when`` question). ``source`` is
    the outlet that reported something ("Which news outlet first reported ...?").
    """
    from briefing.answering.question import parse

    request = parse(question)
    if request.shape != "focused":
        return {"summary": "summary", "comparison": "conflict", "timeline": "timeline"}[request.shape]
    q = request.core.lower().strip()
    # (the asking words may close the question, as a quiz writes it: "... could take effect on which day?")
    if re.match(r"^(?:and\s+|so\s+)?(?:on what (?:date|day)|on which (?:date|day)|what (?:date|day)\b)", q) \
            or _DATE_REQUEST.match(q) \
            or re.search(r"\b(?:on|by|until|before|after)\s+(?:what|which)\s+(?:date|day)\W*$", q):
        return "date"
    if re.match(r"^(?:and\s+|so\s+)?(?:when\b|(?:(?:at|in|by|from|until)\s+)?(?:what|which) (?:time|year|month)\b|"
                r"how long ago)", q) or _WHEN_NOUN.match(q) \
            or re.search(r"\b(?:in|by|until|since|before|after)\s+(?:what|which)\s+(?:year|month)\W*$", q):
        return "when"
    if _SOURCE_QUESTION.search(q):
        # "Which outlets covered the story?": the outlets of every article about it, each telling it
        return "summary" if story_covered(request.core) is not None else "source"
    if re.match(r"^(?:and\s+|so\s+)?(?:who\b|whom\b|whose\b|which (?:person|official|executive))", q) \
            or _ROLE_QUESTION.match(request.core) or asks_which_person(request.core):
        # "what role did Emil Michael play": who he is; "which Hollywood veteran won": a person, by name
        return "who"
    if re.match(r"^(?:and\s+|so\s+)?(?:why|where)\b", q):
        return "general"  # "why is the flock the smallest, per the cost survey": a reason, whatever the words after it
    if _SAID_ABOUT.match(q):
        return "general"  # "what did Trump Jr. say about the margin of victory": his words, not a figure
    if re.search(r"\b(how much|how many|how large|how big|what (?:percentage|share|amount|figure|"
                 r"number|price|sum|value)|value of|worth|cost|(?<!what )(?<!which )costs|costing)\b", q) \
            or _MEASURE_QUESTION.search(q) or _FIGURE_REQUEST.match(q) or _CHARGE_QUESTION.match(q):
        return "figure"
    return "general"


# Someone's words about a thing: "what did the CEO say about the cost", "what has Newsom told reporters about the
# death toll" (not "what did Newsom say the death toll was": that asks for the toll).
_SAYING_OR_THINKING = "|".join(sorted(SAYING | {"note", "think", "thought"}))
_SAID_ABOUT = re.compile(rf"^(?:and\s+|so\s+)?what\s+(?:did|does|do|has|have|had|will|would)\b.*?\b"
                         rf"(?:{_SAYING_OR_THINKING})\b(?:\s+[\w’'-]+){{0,2}}?\s+about\b", re.I)


# Words that say a vote is spoken of ("the senate", "lawmakers", "passed")
_VOTING = r"(?:vote[sd]?|voting|senate|house|council|lawmakers|legislat\w*|assembly|passed|jury)"
# "how old is X", "how hot did it get", "what temperature": a measure, given by a number ("44", "124 degrees"). "How
# long" stays general: durations are often words ("a decade").
_MEASURE_QUESTION = re.compile(r"\b(?:how (?:old|hot|cold|warm|fast|quickly|tall|high|far|deep|heavy|wide|strong|"
                               r"loud|expensive|cheap|deadly)|"
                               r"what (?:temperature|speed|age|height|distance|depth|weight|category|magnitude)|"
                               # "what is Hegseth's age", "what was its top speed"
                               r"(?:[’']s|\b(?:his|her|their|its))\s+(?:top\s+)?(?:age|height|depth|weight|speed)|"
                               r"\bthe\s+(?:age|height|depth|weight)\s+of|"
                               # "what was the final senate tally": the votes for and against ("79-18", "32 to 28"),
                               # when a vote is spoken of (not "bring the tally of aid to", a total)
                               rf"\btally\b(?=.*\b{_VOTING}\b)|\b{_VOTING}\b.*\btally|"
                               # "what was the Senate vote on the bill": its tally (not "what was the vote about")
                               r"^(?:and\s+|so\s+)?what\s+(?:was|is|were)\s+the\s+(?:final\s+|official\s+)?(?:[a-z]+\s+)?"
                               r"vote(?:\s+count)?(?=\s*(?:[?.!]|$)|\s+(?:on|in|when|to|for|that|after|by)\b)|"
                               # "what was Alex Korio's winning time": a race's time ("28:05")
                               r"(?:winning|finishing|record|race|qualifying|lap)\s+time)\b")
# "Where is Advance Auto Parts based?", "where was he arrested": a place, which goes by a name ("Raleigh"); not "where
# do the talks stand" (how far they got) or "where does X stand on Y" (a position)
_PLACE_QUESTION = re.compile(r"^\s*(?:and\s+|so\s+)?where\b(?!.*\b(?:stand|stands|standing|stood|go from here|"
                             r"headed|heading|lead|leads)\b)", re.I)


def asks_for_a_place(question: str) -> bool:
    return bool(_PLACE_QUESTION.match(question))


# ... "in the southern province of Sweida", "in the city of Mosul": a place named after the kind of place it is
_PLACED = re.compile(r"\b(?:in|at|near|outside|inside|off|into|across|from)\s+(?:the\s+)?"
                     r"(?:(?:downtown|central|northern|southern|eastern|western|northeastern|northwestern|southeastern|"
                     r"southwestern)\s+)?(?:(?:province|city|town|village|state|county|region|district|island|port|"
                     r"capital)\s+of\s+)?((?:\d+\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)")


# "where did the flight take off from", "where is she from?": the place something came from, which the question
# asks with "from" left over at its end or before the rest of its scene
_ORIGIN_QUESTION = re.compile(r"^where\b.*\bfrom\b\s*(?:$|[?.,]|(?:before|after|when|while|in|on|during|last|this|"
                              r"and|originally|exactly)\b)", re.I)


def places_something_new(sentence: str, question: str) -> bool:
    """Whether the sentence puts something in a place the question does not name: "located ... at 44 Kent Way in
    Newark" for "where will the institute be", not "the University of Delaware is launching an institute". A
    question of where something came from is answered by a place it came from ("traveling from Wichita"), not by
    where it went or where it happened ("a collision near Reagan Washington National Airport")."""
    known = name_words(question) | CALENDAR | _MONTH_ABBREVIATIONS  # "in January", "in Jan. 2024": no place
    origin = bool(_ORIGIN_QUESTION.match(question))
    if not origin and (m := _NAMED_AS_A_PLACE.match(sentence)) and any(
            w.lower().strip("’'.,") not in known for w in m.group(1).split()):
        return True  # "Savages Ditch is a great place for kayakers to explore ..."
    return any(any(w.lower().strip("’'.,") not in known for w in m.group(1).split())
               for m in _PLACED.finditer(sentence) if not origin or m.group().lower().startswith("from"))


# A sentence that opens on a name and says it is a place: "Savages Ditch is a great place for kayakers", "Ritter Park
# was the site of the rally", "Dnipro is home to ..." -- the answer to "where can kayakers ..."
_NAMED_AS_A_PLACE = re.compile(r"((?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*)\s+(?:is|are|was|were|remains|has\s+become)\s+"
                               r"(?:(?:a|an|the|one\s+of\s+the)\s+)?(?:[\w-]+\s+){0,2}?"
                               r"(?:place|places|spot|spots|destination|site|location|venue|home|hub|haven)\b")


# "What does Venice charge day-trippers?", "what will drivers pay": an amount of money, asked with a verb of paying
_CHARGE_QUESTION = re.compile(r"^(?:and\s+|so\s+)?what\s+(?:does|do|did|will|would|is|are|was|were)\s+.+?\s+"
                              r"(?:charge[sd]?|charging|"
                              r"pay(?:s|ing)?|paid|spen[dt]s?|spending|earn(?:s|ed|ing)?|owe[sd]?|owing)\b"
                              r"(?!.*\bwith\b|\s+(?:tribute|attention|respects?|homage|heed|a visit))")


def every_article(question: str) -> bool:
    """Whether a request is about the articles themselves, not a topic in them: "summarize the articles", or a
    timeline or a question of nothing but dates ("What happened on January 20, 2025?", "what was reported on
    January 20, 2025", "summarize the news from January 29"), which outlets reported "this": each article's opening
    answers it."""
    from briefing.answering.question import parse, without_asking
    from briefing.answering.relative_dates import names_a_period, without_period

    request = parse(question)
    # "what was reported on January 20, 2025", "what was reported today", "summarize yesterday's news"
    dated = request.shape == "timeline" or names_a_period(question) or date_range(question) is not None
    return not request.core or (dated and not content_terms(without_asking(without_period(request.core)))) \
        or story_covered(request.core) == ""  # "which outlets reported on this"


_SPEAKER = re.compile(r"^\s*(?:and\s+)?"
                      # (after the scene the question sets first: "In his Oval Office speech, what did Biden say ...")
                      r"(?:(?:in|at|during|after|before|on|when|while)\b[^,?]{0,120},\s*)?"
                      r"(?:what|how)\s+(?:did|does|do|has|have|had)\s+"
                      # (no verb of response inside: "how did Newsom respond to Trump's claim" asks no one's claim)
                      # (nor a clause of its scene: "what did Biden offer Trump when he called to congratulate him")
                      r"(?P<who>(?:(?!\b(?:respond|responded|react|reacted|reply|replied|when|while|he|she|they)\b)"
                      r".)+?)\s+"
                      # "what does Lucy Jones like to say": Lucy Jones
                      r"(?:(?:like|love|tend|want|use|need|have|has|had|often|usually|always|never)\s+(?:to\s+)?)*"
                      r"(?:say|said|describe|described|characteri[sz]e|characteri[sz]ed|"
                      # (not "state": "what did the secretary of state nominee ... describe")
                      r"write|written|post|posted|tell|told|argue|argued|claim|claimed|"
                      # a speech act's words: "what did Biden promise to focus on", "what did Santos admit"
                      r"promise|promised|pledge|pledged|vow|vowed|warn|warned|admit|admitted|concede|conceded|"
                      r"advise|advised|insist|insisted|"
                      # ... a proposal, a forecast, a comparison, a name given, a view: "what did Malik propose
                      # instead", "what did Newsom call the wall", "what does lawyer Picerno think killed them"
                      r"propose|proposed|suggest|suggested|recommend|recommended|predict|predicted|compare|compared|"
                      # (not "call for" or "call on": a demand, "what did Biden call for", told as his call)
                      r"(?:call|called)(?!\s+(?:for|on|upon|off)\b)|think|thought|believe|believed)\b", re.I)
# The verbs that report someone's words, in the past and in the present a live blog or a profile writes them in
# ("Jodie Foster admits", "she adds").
SPEECH_VERB = (r"(?:says?|said|told|tells?|wrote|writes|posted|posts|stated|states|argued|argues|claimed|claims|"
               r"added|adds|noted|notes|warned|warns|insisted|insists|asserted|asserts|announced|announces|declared|"
               r"declares|remarked|remarks|commented|comments|testified|testifies|called|reiterated|reiterates|"
               r"explained|explains|described|describes|urged|urges|promised|promises|predicted|predicts|responded|"
               r"responds|replied|replies|tweeted|tweets|acknowledged|acknowledges|admitted|admits|suggested|suggests|"
               r"stressed|stresses|emphasi[sz]ed|emphasi[sz]es|recalled|recalls|conceded|concedes|countered|counters|"
               r"vowed|vows|pledged|pledges|cautioned|cautions|blamed|blames|critici[sz]ed|critici[sz]es|advised|"
               r"advises|proposed|proposes|recommended|recommends|compared|compares|believes|believed|thinks|"
               # (and in the plural present: "NASA researchers predict", "experts warn")
               # ("add", "stress" are not: "the plant will add 500 jobs", "a stress test")
               r"predict|warn|argue|claim|note|insist|suggest|recommend|believe|think|explain|caution)")


# Words that never stand between "said" and the one who said it: "said after Clinton's ..." speaks of Clinton
_NOT_BEFORE_SPEAKER = (r"(?:after|before|about|that|of|to|in|on|at|for|with|by|from|during|when|while|if|because|"
                       r"than|against|over|under|since|until)")


def speaks(sentence: str, who: str, by_surname: bool = True) -> bool:
    """Whether ``who`` is the one speaking in the sentence: their name (or its last word, as articles name a person
    after the first mention, unless ``by_surname`` is off) within a few words before a verb of saying ("an Anthropic
    spokesperson told The Hill", "Lowe said"), or right after one ("said Amodei", "according to the Pentagon") --
    not a sentence in which someone else speaks to or about them ("the Department told Anthropic")."""
    # (the surname is the last word but a suffix: "Ann Roe Jr." is Roe)
    surname = surname_of(who)
    names = {re.escape(who), re.escape(surname)} if by_surname else {re.escape(who)}
    name = rf"(?<!\w)(?:{'|'.join(sorted(names, key=len, reverse=True))})(?:[’']s)?(?!\w)"
    before = rf"{name}(?:\W+\w+){{0,5}}?\W+(?:also\s+)?{SPEECH_VERB}\b"
    # "Craig Lind, a solar physicist at the institute in Boulder, Colorado, said": who they are, set off by commas (or
    # by one: "Ian Lowe, an attorney for the union wrote")
    described = rf"{name},(?:[^\"“”.;]{{1,160}}?,|[^\"“”.;,]{{1,100}}?)\s+(?:also\s+)?{SPEECH_VERB}\b"
    # "said Sen. Lowe", "said AccuWeather meteorologist Mara Lowe" -- not "said after Clinton's term" ("told Anthropic":
    # it listens)
    after = rf"\b(?:said|says|according to)\s+(?:(?!{_NOT_BEFORE_SPEAKER}\b)[\w.]+\s+){{0,4}}?{name}"
    return any(re.search(pattern, sentence, re.I) for pattern in (before, described, after))


# "What did AI Daily report about the filing?", "what has the hill written": someone asked what they reported.
_OUTLET_ASKED = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+(?:did|does|do|has|have|had)\s+(?P<who>.+?)\s+(?:say|said|"
                           r"write|written|report|reported|publish|published|cover|covered|describe|described|portray|"
                           r"portrayed|characteri[sz]e|characteri[sz]ed|frame|framed)\b(?P<rest>.*)$", re.I)


# "Summarize the AI Daily article", "what does the Hill's story say about the deadline": one outlet's telling asked for
ARTICLE_NOUN = r"(?:articles?|stor(?:y|ies)|pieces?|reports?|coverage|reporting)"
_OUTLET_ARTICLE = re.compile(
    r"^\s*(?:and\s+)?(?:please\s+)?(?:(?:summari[sz]e|sum up|recap|describe|explain|tell me about|"
    rf"what(?:[’']s|\s+is|\s+was)\s+in)\s+(?:the\s+)?(?P<who>.+?)(?:[’']s)?\s+{ARTICLE_NOUN}\b"
    rf"|(?:what|how)\s+(?:does|did|do)\s+(?:the\s+)?(?P<whose>.+?)(?:[’']s)?\s+{ARTICLE_NOUN}\s+"
    r"(?:say|describe|report|tell|cover)s?\b"
    # "When was the AI Daily article published?", "what is the date of the Hill's story": its date, which each of its
    # claims gives
    rf"|(?:when|where)\s+(?:was|were|is|are)\s+(?:the\s+)?(?P<published>.+?)(?:[’']s)?\s+{ARTICLE_NOUN}\s+"
    r"(?:first\s+)?(?:re)?(?:published|posted|run|printed)"
    rf"|what\s+(?:is|was)\s+the\s+(?:publication\s+)?date\s+of\s+(?:the\s+)?(?P<dated>.+?)(?:[’']s)?\s+"
    rf"{ARTICLE_NOUN}\b)(?P<rest>.*)$", re.I)
_AN_ARTICLE = re.compile(rf"(?:the\s+)?(?P<who>.+?)(?:[’']s)?\s+{ARTICLE_NOUN}", re.I)
# "Compare The Hill and AI Daily", "how did the hill and ai daily differ on the deadline": two names set side by side,
# outlets when the library says so
_TWO_COMPARED = (
    re.compile(r"^\s*(?:compare|contrast)\s+(?!how\b)(?P<a>.+?)\s+(?:and|with|to|versus|vs\.?)\s+(?P<b>.+?)"
               r"(?:\s+(?:on|about|over|regarding|in their coverage of|coverage of)\s+(?P<topic>.+?))?\s*[?.!]*$",
               re.I),
    re.compile(r"^\s*how\s+(?:did|do|does)\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+(?:differ|compare)"
               r"(?:\s+(?:on|about|over|in their coverage of)\s+(?P<topic>.+?))?\s*[?.!]*$", re.I),
)


def two_compared(question: str) -> tuple[str, str, str] | None:
    """(A, B, the topic or "") when a question sets two names side by side: "Compare The Hill and AI Daily on the
    deadline" -> ("The Hill", "AI Daily", "the deadline"). Whether they are outlets is the library's to say."""
    for pattern in _TWO_COMPARED:
        if m := pattern.match(question):
            return m.group("a").strip(), m.group("b").strip(), (m.group("topic") or "").strip()
    return None


def everyday_words(embedder) -> Callable[[str], bool]:
    """Whether a word is one the encoder's vocabulary holds whole: an everyday word ("went", "wrong"), where a name
    typed in lower case or misspelt ("altman", "antrhopic") is cut into pieces. False for all without an encoder."""
    count = getattr(embedder, "count_tokens", None)
    if count is None:
        return lambda word: False

    def everyday(word: str) -> bool:
        word = word.lower()
        # a superlative the vocabulary cuts ("cheap" + "##est"): everyday when its base is ("cheapest", "biggest",
        # "happiest", "largest")
        bases = [word]
        if word.endswith("est") and len(word) > 5:
            stem = word[:-3]
            bases += [stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem,
                      stem[:-1] + "y" if stem.endswith("i") else stem]
        return any(count(base) == 1 for base in bases)

    return everyday


def reporter_asked(question: str) -> tuple[str, str] | None:
    """(who, the rest) when a question asks what someone reported: "What did AI Daily report about the filing?" ->
    ("AI Daily", "about the filing?"); "Summarize the Hill's article" -> ("Hill", ""). Whether "AI Daily" is an
    outlet of the library is the store's to say."""
    if m := _OUTLET_ARTICLE.match(question):
        who = m.group("who") or m.group("whose") or m.group("published") or m.group("dated")
        return who.strip(), m.group("rest").strip()
    from briefing.answering.question import parse

    request = parse(question)  # "Key takeaways from the Hill article": any summary request of one outlet's article
    if request.shape == "summary" and (m := _AN_ARTICLE.fullmatch(request.core.strip(" ?.!"))):
        return m.group("who").strip(), ""
    m = _OUTLET_ASKED.match(question)
    return (m.group("who").strip(), m.group("rest").strip()) if m else None


_QUOTED = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]")


def quoted_phrases(question: str) -> list[str]:
    """The phrases a question quotes ('Who called the request "simple, common-sense"?'), lower case."""
    return [m.group(1).strip().lower() for m in _QUOTED.finditer(question) if m.group(1).strip()]


def attributes_words(sentence: str) -> bool:
    """Whether a sentence says who spoke: a verb of saying and a name or a role ("Sean Parnell, chief Pentagon
    spokesperson wrote", "an Anthropic spokesperson told The Hill")."""
    return bool(re.search(rf"\b{SPEECH_VERB}\b", sentence, re.I) and NAME_CUE.search(sentence))


def speaker(question: str) -> str | None:
    """Whose words a question asks for: "What did Trump say about Greenland?" -> "Trump"; "what did Ed Jacobson of
    the Northwoods Petroleum Museum say" -> "Ed Jacobson" (the person, not where they work)."""
    m = _SPEAKER.match(question)
    if not m:
        return None
    who = m.group("who").strip()
    if described := _DESCRIBED_AFTER.match(who):  # "Jacob Huebert, president of the Liberty Justice Center,"
        who = described.group("person")
    named = _AFFILIATED.match(who)
    return named.group("person") if named else who


# A person's name followed by who they are, set off by a comma: "Jacob Huebert, president of the Liberty Justice
# Center", "Gladys Sicknick, mother of officer Brian Sicknick" (the name, its role words before it kept: "criminologist
# Ann Lowe, a professor")
_DESCRIBED_AFTER = re.compile(r"^(?P<person>(?:[a-z][\w-]*\s+){0,4}[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){1,3}),\s")
# A person's name followed by where they work: "Thitinan Pongsudhirak of Chulalongkorn University" (two capitalised
# words at least, the last no body's: "Bank of England", "Secretary of State", "Museum of Natural History" stay whole;
# the role words before the name kept: "criminologist James Alan Fox of Northeastern University")
_BODY_WORDS = ("University", "College", "School", "Bank", "Department", "Ministry", "Institute", "Museum", "Council",
               "Committee", "Board", "Association", "Company", "Center", "Centre", "Foundation", "Party", "Court",
               "House", "Office", "Agency", "Society", "Union", "Federation", "League", "Church", "Hospital",
               "Commission", "Fund", "Bureau", "Service", "Academy", "Authority", "Corporation", "Secretary")
_AFFILIATED = re.compile(rf"^(?P<person>(?:[a-z][\w-]*\s+){{0,4}}(?:[A-Z][\w.’'-]*\s+){{1,3}}"
                         rf"(?!(?:{'|'.join(_BODY_WORDS)})\b)[A-Z][\w.’'-]*)"
                         rf"\s+(?:of|at|from)\s+(?:the\s+)?[A-Z]")


_SCENE_START = re.compile(r"\b(?:at|in|on|for|of|during|after|before|to|with|from|by|about|over|near|following|"
                          r"since|amid|under|into|against|as)\b", re.I)


_WORDS_ASKED = re.compile(r"\b(?:say|says|said|tell|tells|told|call|calls|called|describe[sd]?|advice|advised?|"
                          r"remarks?|words|quote[sd]?|respond(?:ed|s)?|react(?:ed|s)?)\b", re.I)


def asks_for_words(question: str) -> bool:
    """Whether a question asks for someone's words: "what did Hastings say about ...", "what did Biden call Carter",
    "tell me the advice Roth gave Musk"."""
    return bool(speaker(question) or _WORDS_ASKED.search(question))


def predicate(question: str) -> str:
    """What a "who" question asks someone did, without its scene: "Who delivered a eulogy at Carter's funeral?" ->
    "delivered a eulogy" (the words before the first preposition)."""
    m = re.match(r"^\s*(?:and\s+|so\s+)?(?:who|whom|whose)\b\s*(.*)$", question, re.I | re.S)
    if not m:
        return ""
    rest = m.group(1)
    scene = _SCENE_START.search(rest)
    return rest[: scene.start()] if scene else rest


# "who was named executive director of the institute", "who has been appointed chief of staff": the post given
_POST_GIVEN = re.compile(r"^\s*(?:and\s+|so\s+)?who\s+(?:(?:is|was|has\s+been|had\s+been|will\s+be|were|are)\s+)?"
                         r"(?:named|appointed|elected|hired|chosen|picked|tapped|nominated|selected|promoted|installed)"
                         r"\s+(?:as\s+)?(?:the\s+|its\s+|a\s+|an\s+|new\s+)*(?P<post>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)"
                         r"(?=\s+(?:of|at|for|to|by|in|on|after|last|this)\b|\s*[?.!]|\s*$)", re.I)


def post_given(question: str) -> str | None:
    """The post a "who was named/appointed ..." question asks who was given: "who was named executive director of
    the institute" -> "executive director"; None for any other question."""
    m = _POST_GIVEN.match(question)
    return m.group("post") if m else None


# "Give me the exact date ...", "the day the talks ended": a date asked for by name, not by "when".
# "What was the deadline?", "what is the official deadline for filing": a date, asked with the noun that names it
_WHEN_NOUN = re.compile(r"^(?:and\s+|so\s+)?what(?:[’']s|\s+is|\s+was|\s+are|\s+were)\s+the\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:deadline|due date|start date|end date|release date|launch date|date)s?"
                        r"(?=\s*(?:[?.!]|$|for\b|of\b|to\b|in\b|on\b|set\b|that\b|they\b|he\b|she\b|it\b))")
_DATE_REQUEST = re.compile(r"^(?:(?:give|tell|show|find|name)\s+(?:me\s+)?)?(?:the\s+)?(?:exact\s+|precise\s+|"
                           r"specific\s+)?(?:date|day)\b(?!\s+(?:of\s+the\s+week\b))")
# "What was the agency's budget?", "Give the 2025 spending figure": nouns whose answer is an amount.
_FIGURE_NOUNS = r"(?:budget|spending|revenue|revenues|sales|valuation|salary|price(?:\s+tag)?|cost|fee|fine|funding|" \
                r"headcount|figure|amount|total|tally|turnout|population|payout|deficit|profit|loss|losses|toll|rate|" \
                r"count|percentage|score|attendance|viewership|margin(?:\s+of\s+error)?|odds|ratio|wages?)"
# A figure noun asks for a figure as the head of its phrase ("what was the fee?", "what revenue did it report", "the
# death toll so far"), not as a modifier of another noun ("what did the revenue agency announce", "the budget office",
# "the sales team"): it must end its noun phrase -- be followed by the question's end, a preposition, a verb's
# auxiliary or a joining word.
_PHRASE_END = (r"(?=\s*(?:$|[?,.;:!)]|(?:of|for|in|on|to|at|from|by|with|over|under|per|since|after|before|during|"
               r"is|was|are|were|be|been|being|do|does|did|has|have|had|will|would|could|can|should|might|may|must|"
               r"that|which|who|so|and|or|than|as|if|when|this|last|next|now|today|already|still)\b))")
_FIGURE_REQUEST = re.compile(rf"^(?:(?:what|give|tell|show|find)\b(?:\s+me)?|the\b)[^?]{{0,60}}?\b{_FIGURE_NOUNS}\b"
                             rf"{_PHRASE_END}(?!\s+(?:of|for|on|to)\s+(?:the\s+)?(?:plan|bill|talks|deal|policy|law)\b)")
_QUANTITY_NOUN = re.compile(r"\bhow much\s+([a-z][a-z-]+)")  # "how many" wants a count
_QUALITATIVE = r"\b(?:no|little|some|significant|substantial|considerable|limited|real|meaningful|much|more|less|" \
               r"few|several|any|scant|modest|major|minor)\s+(?:[\w-]+\s+)?"


# "How many homes were destroyed", "how many executive orders did he sign": what is counted, up to the verb
_COUNTED = re.compile(r"\bhow many\s+((?:[a-z][a-z-]*\s+){0,2}?[a-z][a-z-]*)\s+(?:were|was|are|is|did|do|does|have|has|"
                      r"had|will|would|could|can|might|may|remain|in|on|at|of|from|to|for)\b", re.I)


# "how many restaurants does franchisee PacPizza operate", "how much did Harlow Ferries pay": the name doing the thing
# (a name inside a noun phrase, "did the former Harlow clerk delete", only describes the doer)
_DOER_OF_COUNT = re.compile(r"\b[Hh]ow\s+(?:many|much)\b[^?]*?\b(?:does|did|do|will|has|have|had|can|could)\s+"
                            r"(?:(?!(?:the|a|an|its|his|her|their|this|that|these|those)\b)[a-z][\w-]*\s+)?"
                            r"(?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})\s+[a-z]")


def doer_of_count(question: str) -> str | None:
    """The name a "how many / how much" question makes the doer of what it counts ("how many Pizza Hut restaurants does
    franchisee PacPizza operate" -> "PacPizza"), or None."""
    m = _DOER_OF_COUNT.search(question)
    if not m:
        return None
    words = m.group("name").split()
    while words and words[0].lower().strip(".") in TITLES:  # "did President Trump pardon": Trump
        words = words[1:]
    name = " ".join(words)
    return name if len(name) > 1 else None  # ("how many times did I say it": no one's name)


def counted_noun(question: str) -> str | None:
    """What a "how many" question counts, in the singular ("how many homes were destroyed" -> "home"), or None
    ("how many died": a verb, not a noun; "how many people": people are counted under many names)."""
    head = counted_word(question)
    return _singular(head.lower()) if head else None  # ("how many Congressional Gold Medals": a medal)


def counted_word(question: str) -> str | None:
    """``counted_noun`` as the question writes it ("homes"; "how many 2021 Emmy nominations": "nominations")."""
    question = re.sub(r"\b(how many)\s+(?:19|20)\d\d\s+", r"\1 ", question, flags=re.I)
    m = _COUNTED.search(question)
    head = _phrase_head(m.group(1).split()) if m else _plural_after_how_many(question)
    if head is None or head.endswith("ed") or head in {"more", "times", "people"} or not content_terms(head):
        return None
    if re.search(rf"\b{re.escape(head.capitalize())}\b", question) and _demonym(head.capitalize()):
        return None  # "how many Californians evacuated": people of a place, whom "119,000 people" counts
    return head


_IRREGULAR_PLURALS = {"people", "children", "men", "women"}
# Where a counted phrase ends: a preposition setting some apart ("how many countries besides Cuba are ...")
_PHRASE_ENDS = {"besides", "except", "excluding", "including", "beyond", "outside", "like", "among", "across",
                "within", "without", "than", "other", "aside", "apart"}


# Words ending in "s" that are no nouns in the plural ("how many countries besides Cuba", "how many ... does it cover")
_NOT_PLURAL = {"does", "is", "was", "has", "besides", "yes", "always", "perhaps", "across", "whereas", "unless", "plus",
               "minus", "thus", "its", "his", "hers", "ours", "yours", "theirs", "less", "sometimes", "towards",
               "afterwards", "nevertheless", "regardless"}


def _looks_plural(word: str) -> bool:
    return (re.fullmatch(r"[a-z-]+[^su]s", word.lower()) is not None and word.lower() not in _NOT_PLURAL) \
        or word.lower() in _IRREGULAR_PLURALS


def _phrase_head(words: list[str]) -> str:
    """The counted word of a "how many" phrase: its last word, unless a plural is followed by a word that is not one
    -- then that is the verb ("how many members sit on the panel": members; "how many acres burned in ...": acres;
    "how many countries sent representatives to ...": countries, not what they sent)."""
    # ("how many times projected earnings": a multiple, which is no subject; "how many countries besides Cuba":
    # the phrase ends at its preposition)
    if cut := next((i for i, w in enumerate(words) if i and w.lower() in _NOT_PLURAL | _PHRASE_ENDS), None):
        words = words[:cut]
    for word, after in zip(words, words[1:], strict=False):
        if _looks_plural(word) and word.lower() != "times" and not _looks_plural(after):
            return word.lower()
    return words[-1].lower()


def _plural_after_how_many(question: str) -> str | None:
    """The counted noun of "how many" followed by a verb outside ``_COUNTED``'s list ("how many teams make the
    playoffs", "how many products contain Red No. 3", "how many television viewers watched"): the last of the words
    in the plural that open the phrase, up to the first word that is not."""
    m = re.search(r"\bhow many\s+((?:[a-z][a-z-]*\s+){0,4})", question, re.I)
    head = None
    for word in (m.group(1).split() if m else []):
        plural = _looks_plural(word) and word.lower() not in _IRREGULAR_PLURALS
        if not plural and head is not None:
            break
        head = word if plural else head
    return head


# A name numbered in a series: "Super Bowl 59", "Flight 5342", "Title 42", "Artemis 2" (not a date: "January 20")
_NUMBERED_NAME = re.compile(r"\b([A-Z][\w’'-]*)\s+(\d{1,5})\b(?![.,]\d|\s*(?:%|percent))")


# A thing of a given year: "2024 tax returns", "the 2025 Golden Globes", "the 2020 election"
_YEAR_NAMED = re.compile(r"\b((?:19|20)\d{2})\s+([A-Za-z][\w-]*)")


def numbered_names(question: str) -> list[tuple[str, str]]:
    """(the name's last word, its number) for each name of a series the question asks about ("Super Bowl 59":
    ("Bowl", "59")); a year written before what it numbers is ``year_named``'s."""
    return [(m.group(1), m.group(2)) for m in _NUMBERED_NAME.finditer(question)
            if m.group(1).lower() not in CALENDAR and not re.fullmatch(MONTHS, m.group(1))]


def year_named(question: str) -> list[tuple[str, str]]:
    """(the word after the year, the year) for each thing of a given year the question asks about ("2024 tax
    returns": ("tax", "2024"))."""
    return [(m.group(2), m.group(1)) for m in _YEAR_NAMED.finditer(question) if content_terms(m.group(2))]


def series_asked(question: str) -> list[tuple[str, set[str], bool]]:
    """(name, the numbers asked of it, whether a number stands before the name) for each numbered series the question
    asks about: "Super Bowl 59" -> ("Bowl", {"59"}, False), "2024 tax returns" -> ("tax", {"2024"}, True)."""
    series: dict[tuple[str, bool], set[str]] = {}
    for before, named in ((False, numbered_names(question)), (True, year_named(question))):
        for name, number in named:
            series.setdefault((name, before), set()).add(number)
    return [(name, numbers, before) for (name, before), numbers in series.items()]


def another_of_the_series(sentence: str, name: str, numbers: set[str], before: bool = False) -> bool:
    """Whether the sentence speaks of another of the series and of none asked ("Super Bowl 58 is Sunday, Feb. 11"
    when Super Bowl 59 is asked about; with ``before``, "2023 individual tax returns" when 2024 tax returns are)."""
    pattern = rf"\b(\d{{4}})\s+(?:[\w-]+\s+){{0,3}}?{re.escape(name)}\b" if before else \
        rf"\b{re.escape(name)}\s+(\d{{1,5}})\b"
    found = {m.group(1) for m in re.finditer(pattern, sentence, re.I if before else 0)}
    return bool(found) and not found & numbers


# The votes for and against given together: "79-18", "passed 32 to 28" (not "90-93.4%", "6 to 8 weeks", "3 to 5 p.m.")
TALLY = r"\b\d{1,3}\s*(?:-|–|—|to)\s*\d{1,3}\b" \
        r"(?!\s*(?:%|percent|years?|months?|weeks?|days?|hours?|minutes?|[ap]\.?m\b))"
# An event told in two counts that are never each other's answer: a toll of a disaster, a crash or an attack, its dead
# and its injured ("at least eight people died" does not say how many were hurt); a vote, those for and those against
# ("Eleven Republican senators voted against" does not say how many voted for it).
_TOLLS = {
    "dead": re.compile(r"\b(?:kill(?:ed|s|ing)?|died|dies|dying|dead|deaths?|fatal(?:ities|ity|ly)?|lives|perished|"
                       r"bodies|death toll)\b", re.I),
    "injured": re.compile(r"\b(?:injur(?:ed|ies|y|ing)|hurt|wounded|wounds?|hospitali[sz]ed|hospitals?)\b", re.I),
    "for": re.compile(r"\b(?:vot(?:ed|ing|es?)\b[^.;]{0,30}?\b(?:for|in favou?r|to\s+(?:approve|pass|confirm|advance|"
                      r"adopt|ratify|send|override))|in favou?r|yes|yeas?|ayes?|supported|backed)\b", re.I),
    "against": re.compile(r"\b(?:against|opposed|opposing|no votes?|voted no|nays?|dissent\w*)\b", re.I),
}
_TWO_COUNTS = (("dead", "injured"), ("for", "against"))
# a side of a vote asked for: "how many senators voted for / to confirm / against" (not "how many votes did she get
# for the seat", nor "how many people supported the plan": no vote's side)
# ("voted to reject" is against)
_TO_UNDO = r"(?:reject|block|oppose|deny|defeat|overturn|kill|strike|table|remove|impeach)"
_SIDE_ASKED = {"for": re.compile(rf"\bvot(?:ed|ing)\s+(?:for|in\s+favou?r|to\s+(?!{_TO_UNDO}\b)\w+|yes)\b", re.I),
               "against": re.compile(rf"\bvot(?:ed|ing)\s+(?:against|no|to\s+{_TO_UNDO})\b", re.I)}
_TALLY = re.compile(TALLY)


def toll_asked(question: str) -> str | None:
    """Which of an event's two counts a question asks ("how many were injured": "injured"; "how many senators voted
    for it": "for"), or None (neither, or both)."""
    for pair in _TWO_COUNTS:
        asked = [count for count in pair if _SIDE_ASKED.get(count, _TOLLS[count]).search(question)]
        if len(asked) == 1:
            return asked[0]
    return None


def tells_the_toll(sentence: str, toll: str) -> bool:
    """Whether the sentence speaks of the count asked: the injured, not only the dead ("at least eight people died")
    nor the homes without power; those voting for, not only those against (a tally gives both)."""
    return bool(_TOLLS[toll].search(sentence)) or (toll in ("for", "against") and bool(_TALLY.search(sentence)))


# The chambers of a legislature vote apart: "the House vote tally" is not answered by "the final tally in the Senate"
# (nor is a chamber the White House)
_CHAMBER = re.compile(r"\b(?:(?<!White )House|Senate|Assembly)\b")


def of_another_chamber(sentence: str, question: str) -> bool:
    """Whether the sentence tells a vote of another chamber than the one the question asks about, and not of that one
    ("the final tally in the Senate was 86 to 11" for "what was the House vote tally")."""
    asked = set(_CHAMBER.findall(question))
    named = set(_CHAMBER.findall(sentence))
    return len(asked) == 1 and bool(named) and not named & asked


def counts(sentence: str, noun: str) -> bool:
    """Whether a number in the sentence counts ``noun`` ("14 firefighters" counts no fires, "nearly 600 active
    wildfires" does; "more than 20 executive orders" counts orders): the noun, or a word ending in it, within four
    words after an amount."""
    # each number read in its own place: "the last month or two ... the remains of two babies" counts babies
    for _number, before, after in _amounts_in_place(sentence):
        words = _WORD.findall(after)
        # ("Nineteen of the GOP primary winners": the four words after the "of the" that follows the number)
        window = 6 if " ".join(words[:2]).lower() == "of the" else 4
        for i, w in enumerate(words[:window]):
            if _singular(w.lower()).endswith(noun):
                return True
            if w.lower() == "of" and i:  # "250 reports of possible tornadoes" counts reports ("36 of the tornadoes",
                break  # "dozens of tornadoes" count tornadoes: "of" right after the number or a word of quantity)
        # "stored emails on a server and deleted 33,000 of them": the number counts the noun the sentence named before
        if _OF_THEM.match(after) and any(_singular(w.lower()).endswith(noun) for w in _WORD.findall(before)):
            return True
    return False


_OF_THEM = re.compile(r"\s*of\s+(?:them|those|these)\b", re.I)


# What measures the quality a "how <adjective>" question asks about: "how hot did it get" is answered by "124
# degrees", "how old is Hegseth" by "44-year-old" or "Hegseth, 44,", "how tall" by feet or meters
# Words before a unit that leave it a unit: "21 calendar days", "two extra years", "how many additional hours"
_UNIT_MODIFIERS = r"more|fewer|extra|additional|full|whole|total|calendar|business|working|straight|consecutive|light"
# A length of time: "21 calendar days", "two weeks", "a decade", "six to eight weeks"
# ... or written as one word before a noun: "a 30-day cease-fire", "a six-month pilot"
_DURATION = (r"\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few|"
             r"many|a couple of)(?:\s*(?:-|to|or)\s*(?:\d+|two|three|four|five|six|seven|eight|nine|ten))?(?:\s+|-)"
             rf"(?:(?:{_UNIT_MODIFIERS})\s+)?(?:seconds?|minutes?|hours?|days?|nights?|weeks?|"
             r"months?|years?|decades?|centuries|century)\b")
# An age given in a sentence of its own after the one naming its owner: "He was 103."
_PRONOUN_AGE = r"\b(?:he|she)\s+(?:was|is|turned|turns)\s+\d{1,3}(?=\s*[.;]|\s*$)"
_MEASURES = {
    "hot": r"degrees?|°|temperatures?|heat", "cold": r"degrees?|°|temperatures?", "warm": r"degrees?|°|temperatures?",
    # (or an obituary's "He was 103." after the sentence naming him)
    "old": rf"\d+-year-old|\b[Aa]ged? \d+|\d+ years old|[A-Z][a-z]+, \d{{1,3}},|(?i:{_PRONOUN_AGE})",
    "tall": r"feet|foot|ft\b|meters?|metres?|inches",
    # "how high did inflation peak": a rate or a price rises high as well as a tower
    "high": r"feet|foot|ft\b|meters?|metres?|altitude|%|percent|\$",
    # "how far did the stock fall": by a share or points as well as a distance
    "far": r"miles?|kilomet(?:er|re)s?|\bkm\b|%|percent|points?", "deep": r"feet|foot|meters?|metres?|depth",
    # "how quickly are refunds sent": a time taken ("within 21 days") as well as a speed
    "fast": rf"mph|miles per hour|km/h|knots|speed|%|percent|{_DURATION}",
    "quickly": rf"mph|miles per hour|km/h|%|percent|{_DURATION}",
    "heavy": r"pounds|lbs?\b|kilograms?|\bkg\b|tons?|weigh", "wide": r"feet|meters?|metres?|miles?|wide",
    "strong": r"magnitude|category|mph", "loud": r"decibels?|\bdb\b",
    # "what category was the hurricane at landfall": "a Category 4 storm"; "what magnitude was the quake": "a 6.8"
    "category": r"\bcat(?:egory|\.)?[\s-]+(?:\d|one|two|three|four|five)\b",
    "magnitude": r"\bmagnitude[\s-]+(?:of\s+)?\d|\b\d(?:\.\d)?[\s-]+magnitude\b",
    "expensive": r"\$|dollars?|£|€|cost|price", "cheap": r"\$|dollars?|£|€|cost|price",
    # "how deadly was the outbreak": its toll ("left at least 36 dead")
    "deadly": r"\b(?:dead|died|deaths?|killed|killing|fatalit(?:y|ies)|lives)\b",
    "temperature": r"degrees?|°", "speed": r"mph|miles per hour|km/h|knots",
    "height": r"feet|foot|meters?|metres?", "distance": r"miles?|kilomet(?:er|re)s?", "depth": r"feet|meters?|metres?",
    "weight": r"pounds|kilograms?|tons?",
    "tally": TALLY,  # the votes for and against
}
_MEASURES["age"] = _MEASURES["old"]  # "what is Hegseth's age": "Hegseth, 44," as for "how old is Hegseth"
_MEASURES["vote"] = _MEASURES["tally"]  # "what was the Senate vote": "53-44"
_MEASURES["time"] = r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\b(?!\s*[ap]\.?m)"  # a race's time: "2:07:23", "28:05.4"


# A length says which dimension it measures when a word follows it ("20 feet high", "a mile wide"): a question about
# another dimension is not answered by it (the qualities of a dimension, the words of the others).
_OTHER_DIMENSIONS = (
    ({"tall", "high", "height"}, r"deep|wide|long|across|away|below|underwater|in diameter"),
    ({"deep", "depth"}, r"high|tall|wide|long|across|away|above|in diameter"),
    ({"wide"}, r"high|tall|deep|long|away|below|above"),
    ({"far", "distance"}, r"high|tall|deep|wide|across|below|above|in diameter"),
)


# a measure whose number names its grade ("Category 4") or is written as a clock's ("28:05"): no amount of anything
NAMED_MEASURES = {"category", "time"}
MEASURE_ADJECTIVES = {"hot", "cold", "warm", "old", "tall", "high", "far", "deep", "fast", "quickly", "heavy", "wide",
                      "strong", "loud", "expensive", "cheap", "deadly"}


def measure_asked(question: str) -> tuple[str, re.Pattern] | None:
    """The quality a "how hot/old/tall ..." or "what temperature/age ..." question asks a number of, and what says
    it in a sentence (``_MEASURES``); None for any other question."""
    m = _MEASURE_QUESTION.search(question.lower())
    if not m:
        return None
    quality = next(w for w in reversed(m.group().split()) if w in _MEASURES)  # "the age of": age
    other = next((words for qualities, words in _OTHER_DIMENSIONS if quality in qualities), None)
    unless = rf"(?![\s-]+(?:{other})\b)" if other else ""  # "how deep": not "20 feet high"
    return quality, re.compile(rf"(?:{_MEASURES[quality]}){unless}", re.I if quality not in ("old", "age") else 0)


# "How old was Amy Adams' daughter when ...": the age of one the named person has, not the named person's own
_AGE_OF_OWNED = re.compile(r"\b(?i:how\s+old\s+(?:is|was|are|were))\s+(?:[A-Z][\w.’'-]*\s+)*?[A-Z][\w.’'-]*?"
                           r"(?:[’']s|[’'])\s+(?P<owned>[a-z][\w-]*)\b")


def age_asked_of_owned(question: str) -> str | None:
    """The one whose age a question asks when they are named by whose they are: "How old was Amy Adams' daughter
    ..." -> "daughter"; None when the age asked is of the one named ("How old is Trump")."""
    m = _AGE_OF_OWNED.search(question)
    return m.group("owned") if m else None


def age_of(sentence: str, name: str) -> bool:
    """Whether the sentence gives the age of the one called ``name`` (by their surname): "Hegseth, 44,",
    "the 44-year-old Hegseth", "Hegseth (44)", "Big Momma is more than 500 years old" -- not "the 52-year-old Noem
    ... Trump's running-mate"."""
    last = re.escape(surname_of(name))
    return bool(re.search(rf"\b{last}\b[,(]\s*(?:the\s+|a\s+)?\d{{1,3}}\b|"
                          rf"\b\d{{1,3}}-year-old\s+(?:[\w.’'-]+\s+){{0,3}}?{last}\b|"
                          rf"\b{last}\b\s+(?:is|was|are|were)\s+(?:[\w-]+\s+){{0,3}}?\d[\d,]*\s+years?\s+old\b|"
                          # "Carter ... died on Dec. 29 at 100 years old", "Smith, who died aged 81", "at age 100"
                          rf"\b{last}\b{_OWN_CLAUSE}{{0,80}}?\b(?:aged|at age|at the age of)\s+\d{{1,3}}\b|"
                          rf"\b{last}\b{_OWN_CLAUSE}{{0,80}}?\bat\s+\d{{1,3}}\s+years?\s+old\b|"
                          rf"\b{last}\b{_OWN_CLAUSE}{{0,80}}?\b(?:died|dies|passed away)\b{_OWN_CLAUSE}{{0,40}}?"
                          rf"\bat\s+\d{{1,3}}(?![\d:.,]\d|\s*(?:a\.m|p\.m|%|percent|o'clock))\b|"
                          # "Irénée du Pont Jr., the patriarch of ..., died Monday. He was 103."
                          rf"\b{last}\b(?:[^.;]|\.(?=,)){{0,160}}\.\s+{_PRONOUN_AGE}",
                          sentence, re.I))


# What may stand between a name and the age the sentence gives it: its own clause, with a month's abbreviation
# ("died on Dec. 29"), but no verb of saying ("Tolland said Lowe died at 87" gives Lowe's age).
_OWN_CLAUSE = r"(?:(?!\b(?:said|says|told|tells|according)\b)(?:[^.;]|(?-i:(?<=[A-Z][a-z]{2}))\.))"


# "Why did Kelmar close the plant?", "what caused the closure", "what was the reason for ...", "how come ...": a cause
# asked for, which a sentence restating the event ("Kelmar closed its plant on Friday") does not give.
_WHY_QUESTION = re.compile(r"^\s*(?:and\s+|so\s+|but\s+)?(?:why\b|how come\b|for what reasons?\b|"
                           r"what\s+(?:caused|causes|led to|leads to|prompted|prompts|triggered|"
                           r"drove|drives|motivated|is behind|was behind|"
                           r"were behind|are behind)\b|what(?:[’']s|\s+(?:is|was|are|were))\s+(?:the\s+)?(?:main\s+)?"
                           r"(?:reasons?|causes?|motives?|motivation|rationale|explanation)\b)", re.I)
# What gives a reason, by English's connectives of cause: a cause ("because", "due to", "forced by a collapse in
# orders"), a purpose ("in order to"), an occasion ("after its largest customer went bankrupt", "amid", "following")
# or someone's stated reason ("citing", "blamed", "said the reason"). "Since" only when not a time ("since 2019").
_REASON = re.compile(r"\b(?:because|due to|owing to|thanks to|as a result|result(?:s|ed)? (?:of|from)|in response to|"
                     r"(?:caused|forced|driven|prompted|triggered|fueled|fuelled|spurred|motivated) by|"
                     r"(?:attribut(?:ed|es|ing)|linked|tied|put\s+down|came\s+down|comes\s+down)\s+to|"
                     r"led to|leading to|"
                     r"stem(?:s|med)? from|in (?:order|a bid|an effort|an attempt) to|so (?:that|as to)|"
                     r"aim(?:s|ed|ing)? to|intended to|designed to|meant to|amid|following|"
                     # (not a length of time: "leaves office after eight years")
                     r"after(?!\s+(?:(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"\w+teen|\w+ty|several|many|few|some|nearly|almost|about|more\s+than)[\s-]+)?"
                     r"(?:years?|months?|weeks?|days?|decades?|hours?|minutes?|seasons?)\b(?!\s+of\b))|"
                     r"over (?:concerns?|fears?|worries)|concerns? (?:about|over|that)|fears? (?:of|about|that)|"
                     r"citing|cited|blam(?:e|es|ed|ing)|reasons?|cause[sd]?|why|given that|"
                     # a circumstance after a comma ("declined to indict him, given his claims of executive
                     # privilege"), not the passive of giving ("he was given the award"); what makes a thing likelier
                     # or harder ("recent heavy rains make it less likely")
                     r"(?<=,\s)given\s+(?:his|her|its|their|the|a|an)|"
                     # a misdeed or a part named as the ground ("sanctions for their refusal to comply", "fired for
                     # violating its policies", "charged for his role in the riot")
                     r"for\s+(?:(?:his|her|its|their|the|a|an)\s+)?(?:alleged(?:ly)?\s+)?(?:refus|fail|violat|breach|"
                     r"role\s+in|involvement|misconduct|conduct|part\s+in)\w*|"
                     # whom a tribute is for ("in honor of"; "For Ed Pike, flags will fly at half-staff")
                     r"in\s+(?:honou?r|memory|tribute|recognition)\s+of|"
                     r"^\s*(?-i:For\s+(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*)(?=,)|"
                     # an event stopped, closed or put off for a purpose ("the show was stopped to put out fires")
                     r"(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:stopped|halted|paused|closed|shut(?:\s+down)?|"
                     r"evacuated|delayed|postponed|suspended|cancel+ed|interrupted|rerouted|grounded)\s+to\s+"
                     r"(?!(?:be|the|a|an|all|its|their|traffic|visitors|the\s+public|public|vehicles|cars|"
                     r"(?:\w+\s+)?(?:19|20)\d\d|\d|next|later|early|late|mid\w*|"
                     r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
                     r"\b)|"
                     r"(?:mak(?:e|es|ing)|made)\s+(?:it|them|this|that)\s+(?:far\s+|much\s+)?(?:more\s+|less\s+)?"
                     r"(?:likely|unlikely|harder|easier|difficult|impossible|possible|necessary|cheaper|costlier)|"
                     r"since (?!(?:19|20)\d\d|then|last|early|late|"
                     r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))\b",
                     re.I)


_HOW_LONG = re.compile(r"^\s*(?:and\s+|so\s+)?(?:how long|for how long|how many (?:days|weeks|months|years|hours))\b",
                       re.I)
_CLOCK_TIME = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b|"
                         r"\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock\b|"
                         r"\b(?:dawn|dusk|daybreak|sunrise|sunset|midday)\b", re.I)


# "how did the Supreme Court rule on ...", "how did the senate vote", "how did the BBC respond to ...": a verdict or a
# response asked for -- answered by one given ("ruled that", "upheld", "voted 52-48 to"; "the BBC said", "apologised"),
# not by one still to come ("will rule", "is set to review", "even if a majority rule")
# ("what did the parole board decide at his hearing" asks the same)
_VERDICT_QUESTION = re.compile(r"^\s*(?:and\s+|so\s+)?(?:how|what)\s+did\s+"
                               # (not "what did X say about ... the mayoral vote": words, not a verdict)
                               rf"(?P<who>(?:(?!\b(?:{_SAYING_OR_THINKING}|about)\b).)+?)\s+"
                               r"(?P<verb>rule|decide|vote|side|respond|react|reply)\b"
                               r"(?=\s*(?:$|[?,.;]|(?:on|in|at|for|against|to|that|over|about|when|after|with|last|"
                               r"this)\b))",
                               re.I)  # the verb, not the noun ("how did the midnight vote split")
_VERDICT = re.compile(r"\b(?:ruled|decided|voted|sided|upheld|struck\s+down|overturned|overruled|rejected|dismissed|"
                      r"denied|affirmed|reversed|threw\s+out|tossed\s+out|blocked|granted|refused|declined|"
                      r"approved|acquitted|convicted|found)\b", re.I)
# (a response is said, or taken as a stance: verbs of saying, of judging what was said, of acting on it)
_RESPONSE = re.compile(r"\b(?:responded|reacted|replied|answered|said|says|told|stated|wrote|posted|insisted|argued|"
                       r"maintained|noted|warned|apologi[sz]ed|retracted|corrected|defended|denied|rejected|dismissed|"
                       r"disputed|challenged|questioned|critici[sz]ed|condemned|slammed|blasted|welcomed|praised|"
                       r"accused|objected|pushed\s+back|(?:hit|fired)\s+back|stood\s+by|declined|refused|countered|"
                       r"sued|issued|called|vowed|promised|agreed|threatened|joked|quipped|tweeted)\b", re.I)
VERDICT_PAST = {"rule": "ruled", "decide": "decided", "vote": "voted", "side": "sided", "respond": "responded",
                "react": "reacted", "reply": "replied"}
VERDICT_WINDOW = 6  # words before a verdict's verb where the one giving it stands
_VERDICT_WITHHELD = re.compile(r"\b(?:will|would|could|may|might|to|not|yet|if|whether|before|until|expected|set)\s+"
                               r"(?:\w+\s+)?$", re.I)


def verdict_asked(question: str) -> tuple[str, str, str] | None:
    """(who decides, on what, the verb asking) when a question asks how someone ruled, voted or responded: "how did the
    supreme court rule on trump's claim of immunity" -> ("the supreme court", " on trump's claim of immunity",
    "rule"), or None."""
    m = _VERDICT_QUESTION.match(question)
    return (m.group("who"), question[m.end():], m.group("verb").lower()) if m else None


def gives_a_verdict(sentence: str, who: str, what: str, verb: str = "rule", told_in: str = "") -> bool:
    """Whether the sentence tells a verdict given (``_VERDICT``; for a response asked, ``_RESPONSE``), not one to come
    or withheld ("has not decided"), by the one asked about (its last word: "the Supreme Court ruled", "the court
    upheld") on what was asked -- half of its words at least: another case's ruling ("ruled 4-3 to accept the Clark
    County case") does not tell this one. A response names little of what it answers ("Crapo condemned the
    disrupters" for "how did Crapo respond to protesters disrupting the hearing"): its passage (``told_in``) tells
    what it responds to."""
    responds = verb in ("respond", "react", "reply")
    given = _RESPONSE if responds else _VERDICT
    head = content_terms(who)[-1:]
    # (its doer named just before it: "the BBC on Friday apologised", not "the BBC's correspondent ... quoted a source
    # who disputed")
    if not any(not _VERDICT_WITHHELD.search(sentence[:m.start()])
               and set(head) <= set(content_terms(" ".join(sentence[:m.start()].split()[-VERDICT_WINDOW:])))
               for m in given.finditer(sentence)):
        return False
    words = set(content_terms(f"{sentence} {told_in}" if responds else sentence))
    asked = set(content_terms(what))
    return 2 * len(asked & words) >= len(asked)


def asks_how_long(question: str) -> bool:
    """"How long did the pilot scheme run?": a length of time (or of a thing) asked for."""
    return bool(_HOW_LONG.match(question))


def gives_a_length(sentence: str) -> bool:
    """A length of time ("covered just 29 days", "can stretch months", "weeks after", "since 2019") or of a thing
    ("158 miles long"); not an age ("Carter, then 96 years old") nor a time only named ("in recent days")."""
    return bool(re.search(rf"{_DURATION}(?![\s-]*old\b)|\bsince\b|"
                          r"\b(?:miles?|kilomet(?:er|re)s?|feet|meters?|metres?)\b|"
                          r"(?<!recent )(?<!coming )(?<!past )\b(?:seconds|minutes|hours|days|weeks|months|years|"
                          r"decades)\b(?![\s-]*old\b)", sentence, re.I))


def asks_clock_time(question: str) -> bool:
    """"What time did the launch happen?", "at what time": an hour of the day asked for, not a date."""
    return bool(re.match(r"^\s*(?:and\s+|so\s+)?(?:at\s+)?what time\b(?!\s+(?:of\s+(?:the\s+)?year|frame|period|line|"
                         r"zone|span|limit))", question, re.I))


def gives_a_clock_time(sentence: str) -> bool:
    return bool(_CLOCK_TIME.search(sentence))


# "What happened to the auction?", "what became of the ballot measure": the fate of one thing asked for -- what came
# after the sentence that names it
_FATE_QUESTION = re.compile(r"^\s*(?:and\s+|so\s+)?(?:what|whatever)\s+(?:has\s+|had\s+)?(?:happened|became)\s+"
                            r"(?:to|of)\b", re.I)


def asks_fate(question: str) -> bool:
    """Whether a question asks what became of someone or something ("what happened to Justin Upton after his
    contract")."""
    return bool(_FATE_QUESTION.match(question))


def asks_why(question: str) -> bool:
    """Whether a question asks for a cause or a reason ("why ...", "what led to ...", "what was the reason ...")."""
    return bool(_WHY_QUESTION.match(question))


# A purpose given by the verb of what a measure is for ("a toll on driving in midtown Manhattan to combat traffic
# congestion"), not by the verb of an intention that restates the event ("plans to cut 200 jobs")
_PURPOSE = re.compile(r"\b(?P<before>[\w’']+),?\s+to\s+(?:combat|curb|reduce|ease|fight|tackle|address|prevent|relieve|"
                      r"alleviate|counter|deter|discourage|offset|protect|avoid|limit|stem|slow|stop|cope\s+with)\b",
                      re.I)
_INTENT = {"plan", "plans", "planned", "planning", "want", "wants", "wanted", "aims", "aimed", "expected", "set",
           "going", "decided", "agreed", "voted", "moved", "seeks", "sought", "seeking", "trying", "tried", "try",
           "able", "hopes", "hoped", "intends", "intended", "will", "would", "need", "needs", "needed", "vowed",
           "promised", "pledged", "proposed", "proposes", "refused", "failed", "begun", "began", "started", "has",
           "have", "had", "is", "are", "was", "were", "likely", "ready", "order", "bid", "effort", "attempt"}


def gives_a_reason(sentence: str) -> bool:
    """Whether a sentence gives a cause, a purpose or someone's reason, by the words that say one (``_REASON``,
    ``_PURPOSE``)."""
    return bool(_REASON.search(sentence)) or any(m.group("before").lower() not in _INTENT
                                                 for m in _PURPOSE.finditer(sentence))


def qualitative_amount(question: str) -> re.Pattern | None:
    """For "how much progress ...", a pattern for an amount said in words ("virtually no progress").

    An amount need not be a number: "how much progress", "how much support" are answered by words.
    """
    m = _QUANTITY_NOUN.search(question.lower())
    stem = content_terms(m.group(1)) if m else []  # "how much did ...": no noun
    if not stem or m.group(1) in {"money", "time"}:  # amounts these nouns take are figures
        return None
    return re.compile(_QUALITATIVE + re.escape(m.group(1)[: max(4, len(stem[0]))]), re.I)


# Numbers that are no amount: what a count or an amount question is never answered by. A year or a day ("in 1994",
# "Jan. 29"), a time ("9 p.m."), a number naming a thing ("Flight 5342", "Red No. 3", "Directive 3000.09"), a street
# number ("19 E. Central Blvd.").
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NAMING_WORD = re.compile(r"\b(?:flight|no\.|nos\.|number|directive|section|sec\.|title|article|form|route|highway|"
                          r"interstate|chapter|rule|gate|room|pier|season|episode|vol\.|volume|phase|model|version|"
                          r"district|amendment|page|item|code|channel|terminal|runway|platform|flights|apollo|"
                          r"artemis)\s*$", re.I)
_DAY_BEFORE = re.compile(rf"\b{MONTHS}\s*$")
_AFTER_NOT_AMOUNT = re.compile(rf"^(?:\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|:\d|\s*{MONTHS}\b)")
# A street address: "at 19 E. Central Blvd. in Palisades Park", "1600 Pennsylvania Avenue" -- the number, an optional
# direction and up to three capitalised words, then a street word ending the phrase (punctuation, a capitalised
# word, a preposition or the sentence's end follow: "200 Wall Street executives" counts executives)
_STREET = (r"^\s*(?:(?:[NSEW]|NE|NW|SE|SW)\.?\s+|(?:North|South|East|West)\s+)?(?:[A-Z0-9][\w’'.-]*\s+){1,3}"
           r"(?:St|Street|Ave|Avenue|Blvd|Boulevard|Rd|Road|Dr|Drive|Ln|Lane|Pl|Place|Ct|Court|Pkwy|Parkway|Ter|"
           r"Terrace|Hwy|Sq|Square)\b\.?")
_STREET_AFTER = re.compile(_STREET + r"(?=\s*(?:$|[,;:)]|[A-Z]|(?:in|on|at|near|and|or|between|from|to|off|where|"
                                     r"which)\b))")
_STREET_AFTER_PLACING = re.compile(_STREET)  # after "at", "from", "near": "at 42 Oak St. took in 35 dogs"
_PLACING_BEFORE = re.compile(r"\b(?:at|from|near)\s*$", re.I)


def _street_number(before: str, after: str) -> bool:
    """Whether a number opens a street address (``_STREET_AFTER``; after a word placing something there, whatever
    follows the street)."""
    return bool(_STREET_AFTER.match(after) or (_PLACING_BEFORE.search(before) and _STREET_AFTER_PLACING.match(after)))


def _names_a_thing(before: str) -> bool:
    """Whether a number is part of a name, by the words before it: "Ferry 5342", "Apollo 11", "COVID-19" (a
    capitalised word inside the sentence, or letters joined by a hyphen; the sentence's own first word, "About 40
    people", is an ordinary capital)."""
    if re.search(r"[A-Za-z]-$", before):
        return True
    words = before.split()
    return len(words) >= 2 and before[-1:].isspace() and words[-1][:1].isupper() and words[-1][-1:].isalnum()


_SCALE_AFTER = re.compile(r"\s*(?:million|billion|trillion)?\s*(?:dollars|euros|pounds)\b|\s*(?:%|percent)")
_SCALE_END = re.compile(r"(?:million|billion|trillion|%|percent)$")


def _amounts_in_place(sentence: str) -> list[tuple[str, str, str]]:
    """(number, the text before it, the text after it) for each of ``amounts``."""
    out = []
    for m in NUMBER_CUE.finditer(sentence):
        number, before, after = m.group().strip(), sentence[: m.start()], sentence[m.end():]
        if not number:
            continue
        # money or a scale ("$118 million", "118 million dollars") is an amount even after a name ("Intuitive Machines")
        money = number[:1] in "$€£" or _SCALE_AFTER.match(after) or _SCALE_END.search(number)
        if _YEAR.fullmatch(number) or _NAMING_WORD.search(before) or _DAY_BEFORE.search(before) \
                or _AFTER_NOT_AMOUNT.match(after) or _street_number(before, after) or before.endswith(":") \
                or (_names_a_thing(before) and not money):
            continue
        out.append((number, before, after))
    return out


def amounts(sentence: str) -> list[str]:
    """The numbers of a sentence that can answer "how many / how much" (``NUMBER_CUE``), without years, days,
    times and numbers that name a thing."""
    return [number for number, _, _ in _amounts_in_place(sentence)]


# Units: what a number measures rather than counts -- a length of time, an age, a distance, an area, a weight, a
# temperature, a speed, a multiple ("three times"), money or a share. "Open 24 hours a day" counts no deportees,
# "$6 million" no chips, "10 percent" no viewers.
_UNITS = (r"seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|century|miles?|"
          r"kilomet(?:er|re)s?|km|feet|foot|ft|meters?|metres?|inches|inch|yards?|acres?|hectares?|square|pounds|lbs?|"
          r"kilograms?|kg|tons?|tonnes?|ounces?|degrees?|mph|times|percent|percentage|dollars?|euros?|yuan|yen|cents?|pence")
_UNIT_AFTER = re.compile(rf"^(?:\s*(?:million|billion|trillion|thousand))?[\s-]*(?:(?:{_UNIT_MODIFIERS})\s+)?"
                         rf"(?:{_UNITS}|year-old)\b|^\s*(?:°|%)", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged?|age of)\s*$", re.I)
# "how many <things>": a count asked for, unless the things are themselves units ("how many days", "how many times",
# "how many extra years of life")
_COUNT_QUESTION = re.compile(rf"\bhow many\s+(?!(?:(?:{_UNIT_MODIFIERS})\s+)?(?:{_UNITS}|points?)\b)", re.I)


# ... or for a word for a count of people or things: "what was the turnout", "give me the attendance figure", "what
# is the number of arrests" (not "the number of days", nor "how much was committed to the leopard population")
_COUNT_NOUN_QUESTION = re.compile(rf"^\s*(?:and\s+)?(?:what(?:[’']s|\s+(?:is|was|are|were|will be))|give me|tell me)\s+"
                                  rf"(?:the\s+)?(?:[\w.’'-]+\s+){{0,3}}?(?:turnout|attendance|population|"
                                  rf"(?:death|casualty) toll|headcount|enrollment|ridership|viewership|number of "
                                  rf"(?!(?:(?:{_UNIT_MODIFIERS})\s+)?(?:{_UNITS}|points?)\b)[a-z]+s)\b", re.I)


# A "how many" question asking a number of units of time or measure ("over how many years were they tracked")
_UNITS = r"(seconds|minutes|hours|days|nights|weeks|months|years|decades|miles|kilometers|kilometres|feet|meters|" \
         r"metres|acres|hectares|tons|tonnes|degrees)"
# "over how many years", or the unit closing the question: "How big is Mar-a-Lago, in acres?"
_UNIT_QUESTION = re.compile(rf"\bhow\s+many\s+{_UNITS}\b|\bin\s+(?:square\s+)?{_UNITS}\W*$", re.I)


def asks_a_count(question: str) -> bool:
    """Whether the question asks how many things of a kind ("how many deportees", "how many people died", "what was
    the turnout"), not how many units of a measure ("how many days", "how many times")."""
    return bool(_COUNT_QUESTION.search(question) or _COUNT_NOUN_QUESTION.search(question))


def counted_amounts(sentence: str) -> list[str]:
    """The amounts of a sentence that may count things: not money (a "nine-figure" award among it), a share, an age
    or a number of units (``_UNITS``)."""
    return [number for number, before, after in _amounts_in_place(sentence)
            if number[:1] not in "$€£" and not re.search(r"(?:%|percent|\dp|¢|-figure)$", number, re.I)
            and not _UNIT_AFTER.match(after) and not _AGE_BEFORE.search(before)]


# A figure question about money ("how much did the repairs cost", "what is the fee") is answered by an amount of
# money, not by a count ("three crew members") or a share.
_MONEY_QUESTION = re.compile(r"\b(?:cost|costs|costing|price|priced|prices|worth|pay|paid|pays|spend|spent|spending|"
                             r"charge|charging|earn|earns|owe|owes|contracts?|"
                             r"fee|fees|fined|budget|salary|valuation|valued|funding|dollars?|euros?|pounds|"
                             # what is only ever counted in money: "how much profit", "how much ransom"
                             r"profits?|revenues?|ransom|fines?|damages|settlement|bail|wages?|income|payout|"
                             r"compensation|donations?|bonus(?:es)?|money|rewards?|subsid(?:y|ies)|"
                             r"tuition|capital|cash|loans?|debts?|funds|grants?|investments?|financing|fundrais\w*|"
                             # "how much did the startup raise": money raised
                             r"raised?|raising)\b", re.I)
# A share asked for ("what percentage of", "what share of", "what proportion"), given as a percent or a fraction
# ("half", "two-thirds", "1 in 4", "three of every five"); not a share price.
_SHARE_QUESTION = re.compile(r"\bwhat\s+(?:percentage|percent|proportion|fraction|share\b(?!\s+prices?\b))|"
                             r"\bhow\s+many\s+percent", re.I)
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent|per cent)", re.I)
_SMALL = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)"
# ("half-star ratings", "third-grade", "the fourth quarter" are no shares)
_FRACTION = re.compile(rf"\b(?:half(?![-\w])|(?:a|one|two)[\s-]thirds?|(?:a|one|three)[\s-]quarters?|"
                       rf"(?:a|one|two|three|four)[\s-]fifths?|majority|{_SMALL}\s+(?:in|of|out of)\s+(?:every\s+)?"
                       rf"{_SMALL})\b", re.I)
# ... unless it asks how many of something other than money: "how many days did the fee pilot cover", "how many
# people paid the toll" count days and people.
_CURRENCIES = r"dollars?|euros?|pounds|yuan|yen|rupees"
_COUNT_OF_OTHER_THAN_MONEY = re.compile(rf"\bhow many\s+(?!(?:{_CURRENCIES}|cents)\b)[a-z]", re.I)
_MONEY = re.compile(rf"[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:million |billion |trillion )?(?:{_CURRENCIES}|USD|EUR|GBP)\b"
                    r"|\b(?:six|seven|eight|nine|ten)-figure\b"
                    # an amount in the small coin: "50 cents", "99 pence", "99¢", "rise by 10p"
                    rf"|\b\d[\d,.]*\s*(?:cents?|pence|¢)|{_SMALL_COIN}", re.I)


# "When will the ban take effect?", "when is the vote expected": a time still to come when the article was written.
_FUTURE_QUESTION = re.compile(r"^\s*(?:and\s+)?when\s+(?:will|(?:is|are|does|do)\b.*\b(?:going to|expected|set to|"
                              r"scheduled|due|take effect|takes effect|start|begin|end|expire|close|open)\b)", re.I)
_FUTURE_CUE = re.compile(rf"\b(?:will|until|next (?:week|month|year)|expected to|scheduled (?:to|for)|set to|"
                         rf"due (?:to|by|in)|deadline|plans? to|later this|(?:starting|beginning|effective) "
                         rf"(?:on |in )?(?:{MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d))\b",
                         re.I)


def asks_future(question: str) -> bool:
    return bool(_FUTURE_QUESTION.match(question))


def only_past(sentence: str, published: str | None) -> bool:
    """Whether a sentence speaks only of years before its article was published, with nothing pointing ahead
    ("starting a petition in 2022", in a 2024 article): it cannot say when something will happen."""
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", sentence)]
    if not years or not published or _FUTURE_CUE.search(sentence):
        return False
    return max(years) < int(published[:4])


# "What is Anthropic worth?": the worth of Anthropic itself, not of a contract an Anthropic sentence mentions.
_WORTH_OF = re.compile(r"^\s*(?:and\s+)?(?:what|how much)\s+(?:is|was|are|were)\s+(?:the\s+)?(?P<who>.+?)\s+"
                       r"(?:now\s+|currently\s+|today\s+)?worth\b", re.I)


def worth_of(question: str) -> str | None:
    """Whose worth a question asks: "What is Anthropic worth now?" -> "Anthropic"; "How much is the superyacht Lena,
    seized by Italy in March, worth?" -> "superyacht Lena" (without the clause set off by commas)."""
    m = _WORTH_OF.match(question)
    return m.group("who").split(",")[0].strip() if m else None


def states_worth(sentence: str, who: str) -> bool:
    """Whether a sentence gives ``who``'s own worth: its name (or last word) a few words before "worth" or
    "valued", "valued <name> at", or its valuation / market value."""
    name = rf"(?:{re.escape(who)}|{re.escape(who.split()[-1])})"
    return bool(re.search(rf"\b{name}(?:[’']s)?\b(?:\W+\w+){{0,4}}?\W+(?:is|was|now|been|\s)*\s*(?:worth|valued)\b",
                          sentence, re.I)
                or re.search(rf"\bvalued\s+(?:\w+\s+){{0,2}}?{name}\b", sentence, re.I)
                or (re.search(rf"\b{name}", sentence, re.I)
                    and re.search(r"\b(?:valuation|market (?:value|cap(?:italization)?))\b", sentence, re.I)))


_RELATIVE_YEAR = re.compile(r"\b(?:last|this|next) year\b|\b(?:a|one|two|three|\d+) years? (?:ago|later|earlier)\b",
                            re.I)


# A date stamping a state ("as of Sunday", "as of Jan. 5"): when something stood so, never when an event happened
_AS_OF = re.compile(rf"\bas of\s+(?:(?:early|late|mid)\s+)?(?:{DATE_CUE.pattern})", re.I)
# A date of the saying ("read a statement Saturday", "the company said Friday"): when something was said, which
# answers when it was said, not when what was said about happens
_SAID_ON = re.compile(rf"\b(?:said|says|told|wrote|posted|stated|announced|(?:a |the )?statement)\s+(?:on\s+)?"
                      rf"(?:(?:late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|"
                      rf"today|{MONTHS}\s+\d{{1,2}})\b(?:\s+(?:morning|afternoon|evening|night))?", re.I)
_SAYING_ASKED = re.compile(r"\b(?:say|said|says|tell|told|write|wrote|post|posted|state|stated|announce|announced|"
                           r"announcement|statement|declare|declared|report|reported|comment|commented|speak|spoke|"
                           r"respond|responded|react|reacted|confirm|confirmed)\b", re.I)


def _stamps_removed(sentence: str, question: str) -> str:
    """The sentence without the dates that date no event the question may ask about: "as of" stamps, and the day of
    a saying unless the question asks about a saying ("when did the Pentagon respond")."""
    sentence = _AS_OF.sub(" ", sentence)
    return sentence if _SAYING_ASKED.search(question) else _SAID_ON.sub(" ", sentence)


# Abbreviated months, as a sentence writes them before a day ("On Nov. 1, 2024")
_MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _naming_words(cue: str) -> list[str]:
    """The lower-cased words of a name cue that may name someone: not a capitalised opening word ("On Nov. 1" opens
    a sentence with "On") nor a day or a month."""
    words = [w.lower().strip("’'.") for w in cue.split()]
    return [w for w in words if w not in _stop() and w not in CALENDAR and w not in _MONTH_ABBREVIATIONS]


# "What number vice president will Vance be?", "what rank did the team finish": a place in an order, given by an
# ordinal ("the 50th vice president", "finished third"), not an amount ("what number of people" is an amount)
_RANK_QUESTION = re.compile(r"\b(?:what|which)\s+(?:number|rank|position|place)\b(?!\s+of\b)", re.I)
_ORDINAL = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
                      r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
                      r"(?:twenti|thirti|forti|fifti|sixti|seventi|eighti|nineti)eth)\b", re.I)


def asks_a_rank(question: str) -> bool:
    """Whether a question asks for a place in an order ("what number president is he")."""
    return bool(_RANK_QUESTION.search(question))


def satisfies_type(kind: str, sentence: str, question: str = "") -> bool:
    """Whether the sentence gives the kind of answer asked for. A figure or a name the question already gives
    ("what was the budget in 2025?" and a sentence whose only number is 2025) is not an answer."""
    if kind == "figure" and question and asks_a_rank(question):
        asked = {m.lower() for m in _ORDINAL.findall(question)}
        return any(m.lower() not in asked for m in _ORDINAL.findall(sentence))
    if kind == "figure" and question:
        # the same number, not one written with the same digits in it ("Red No. 3" gives no "3,000")
        asked = {_plain(a) for a in _NUMBER.findall(question)}
        found = [n for n in amounts(sentence) if not any(_plain(d) in asked for d in _NUMBER.findall(n))]
        if asks_a_count(question):  # "how many chips": a count, not "$6 million" or "24 hours a day"
            if toll_asked(question) in ("for", "against") and _TALLY.search(sentence):
                return True  # "how many senators voted for it": "the final tally in the Senate was 86 to 11"
            counted = counted_amounts(sentence)
            found = [n for n in found if n in counted]
        elif unit := _UNIT_QUESTION.search(question):  # "over how many years": a number of years, not "60 years old"
            word = next(g for g in unit.groups() if g).lower().rstrip("s")
            given = re.compile(rf"^[\s-]*(?:(?:more|full|straight|long|whole)\s+)?{word}s?\b(?![\s-]+old\b)", re.I)
            found = [n for n, _, after in _amounts_in_place(sentence) if n in found and given.match(after)]
        if _MONEY_QUESTION.search(question) and not _COUNT_OF_OTHER_THAN_MONEY.search(question):
            return bool(found and _MONEY.search(sentence))
        if _SHARE_QUESTION.search(question):  # "what percentage of districts earned five stars": a share, not "five"
            return any(n in found and bool(re.search(r"%|percent", n, re.I) or _PERCENT_AFTER.match(after))
                       for n, _, after in _amounts_in_place(sentence)) or bool(_FRACTION.search(sentence))
        return bool(found)
    if kind == "who" and question:
        asked = name_words(question)
        return any(any(w not in asked for w in _naming_words(m.group())) for m in NAME_CUE.finditer(sentence))
    if kind == "source":
        return bool(SOURCE_CUE.search(sentence))
    if kind in ("when", "date") and (bare := _stamps_removed(sentence, question)) != sentence and not (
            (SPECIFIC_DATE if kind == "date" else DATE_CUE).search(bare)):
        # "as of Sunday, the estate is working to reopen", "is closed, read a statement Saturday": the day a state
        # held or a statement was made, not when the estate reopens
        return False
    if kind == "date":  # "on what date": a day, not "this week"
        return bool(SPECIFIC_DATE.search(sentence))
    if kind == "when":
        if question and re.search(r"\b(?:what|which)\s+year\b", question, re.I):  # "what year did he leave office"
            return bool(re.search(r"\b(?:1[6-9]|20)\d{2}\b", sentence) or _RELATIVE_YEAR.search(sentence))
        if question and asks_clock_time(question):  # "what time did it take off": "at 10:52 a.m." gives it
            return bool(DATE_CUE.search(sentence) or _CLOCK_TIME.search(sentence))
        return bool(DATE_CUE.search(sentence))
    if kind == "who":
        return bool(NAME_CUE.search(sentence))
    if kind == "figure":
        return bool(amounts(sentence))
    return True


MONTH_NUMBER = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                          "september", "october", "november", "december"], start=1)}
_PERIOD = re.compile(r"\b(?:(early|mid|late)[\s-]+)?(january|february|march|april|may|june|july|august|september|"
                     r"october|november|december)(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+((?:19|20)\d{2}))?\b",
                     re.I)


# (an outlet's reporting, not someone's: "what did USA Today report", "what was reported" -- not "two days after
# reporting the crash to regulators" nor "over its report on ...", a report being a thing someone did)
_PUBLICATION = re.compile(r"\b(?:reported|(?:did|does|do)\s+(?:[\w’'.-]+\s+){0,4}?report|reports|publish(?:ed|es)?|"
                          r"wr(?:ite|ites|ote|itten)|cover(?:ed|s|age)|news|articles?|stories|headlines|ran)\b", re.I)


def asks_for_publication(question: str) -> bool:
    """Whether the dates a question names are when its articles were published: "what was reported on January 20,
    2025", "what did USA Today write in January 2025" (not "what did Anthropic say on February 26", an event's day,
    reported on it or after)."""
    return bool(_PUBLICATION.search(question)) and date_range(question) is not None


def date_range(question: str) -> tuple[str, str] | None:
    """The span of dates a question names ("between late February and late March 2026"), else None.

    A day ("on January 20, 2025") spans it and the day after, when the news of it is published. A month without
    any year in the question gives None: the year would be a guess.
    """
    import calendar
    from datetime import date, timedelta

    found = list(_PERIOD.finditer(question))
    years = [m.group(4) for m in found if m.group(4)] or re.findall(r"\b(?:19|20)\d{2}\b", question)
    if not found or not years:
        return None
    starts, ends = [], []
    for m in found:
        year = int(m.group(4) or years[-1])
        month = MONTH_NUMBER[m.group(2).lower()]
        last = calendar.monthrange(year, month)[1]
        if m.group(3) and 1 <= int(m.group(3)) <= last and not m.group(1):
            day = date(year, month, int(m.group(3)))
            starts.append(day.isoformat())
            week = re.search(r"\bweek\s+(?:of|starting|beginning)\s*$", question[: m.start()], re.I)
            ends.append((day + timedelta(days=7 if week else 1)).isoformat())  # "the week of January 13": 7 days on
            continue
        first_day, last_day = {"early": (1, 10), "mid": (10, 20), "late": (20, last)}.get(
            (m.group(1) or "").lower(), (1, last)
        )
        starts.append(f"{year:04d}-{month:02d}-{first_day:02d}")
        ends.append(f"{year:04d}-{month:02d}-{last_day:02d}")
    return min(starts), max(ends)


# "the aid package the US announced on June 23, 2022", "the crash that killed 12 in March 2024": a past event the
# question dates, by a verb in the past tense a few words before the date (not "the summit set for March 2026")
_DATED_EVENT_VERB = re.compile(r"\b(?:[a-z]{3,}ed|held|said|won|lost|made|signed|struck|hit|began|met|took|gave|told|"
                               r"wrote|sent|sold|bought|ran|left|fell|rose|shot|led|paid|spoke|went|came|brought|"
                               r"broke|chose|drew|flew|froze|grew|knew|rang|sank|sought|stood|swore|threw|woke)"
                               # "called off on the night of May 6, 2024", "struck in the early hours of March 3"
                               r"(?:\s+[\w$.,'’-]+){0,4}?\s+(?:on|in)\s+(?:the\s+(?:early\s+|late\s+)?(?:night|morning|"
                               r"afternoon|evening|hours|day|weekend)\s+of\s+)?$", re.I)
_NOT_YET = re.compile(r"\b(?:will|would|scheduled|set to|expected|planned|plans?|due|upcoming|next)\b", re.I)


def event_since(question: str) -> str | None:
    """The first day of a past event the question dates ("... the US announced on June 23, 2022" -> "2022-06-23";
    "... killed in March 2024" -> "2024-03-01"), when it names the year: an article published before that day cannot
    report it. None for a question about what is to come ("the summit scheduled for June 2026")."""
    if _NOT_YET.search(question):
        return None
    for m in _PERIOD.finditer(question):
        if m.group(4) and not m.group(1) and (_DATED_EVENT_VERB.search(question[: m.start()])
                                               or _DATED_WORK.match(question[m.end():])):
            month = MONTH_NUMBER[m.group(2).lower()]
            day = int(m.group(3)) if m.group(3) and 1 <= int(m.group(3)) <= 31 else 1
            return f"{int(m.group(4)):04d}-{month:02d}-{day:02d}"
    return None


# When words were said: "in July 2021", "in 2023", "during March 2021" (not "his 2024 campaign launch", nor a target
# "by 2020")
_SAID_IN = re.compile(r"\b(?:in|during|on)\s+", re.I)


def words_since(question: str) -> str | None:
    """The first day of the earliest month or year a question says someone's words were said in ("what did Pritzker
    say about the resignation in July 2021" -> "2021-07-01", "in 2023" -> "2023-01-01"), or None: an article published
    before that day cannot hold them."""
    days = []
    for m in _SAID_IN.finditer(question):
        rest = question[m.end():]
        if (period := _PERIOD.match(rest)) and period.group(4) and not period.group(1):
            days.append(f"{period.group(4)}-{MONTH_NUMBER[period.group(2).lower()]:02d}-01")
        elif year := re.match(r"(?:19|20)\d{2}\b", rest):
            days.append(f"{year.group()}-01-01")
    return min(days, default=None)


# ... or a piece of work the date stands before, which exists only once made public: "the November 2022 study", "its
# April 2021 concurrence" (not an event that is awaited before it happens: "the November 2022 midterms")
_DATED_WORK = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:study|studies|report|survey|poll|research|paper|analysis|ruling|"
                         r"decision|opinion|concurrence|dissent|verdict|announcement|speech|interview|statement|"
                         r"article|review|audit|indictment|lawsuit|filing|memo|letter|op-ed|essay|podcast|episode|"
                         # a public address: "his July 24 2024 address to the nation", "her March 2023 remarks"
                         r"address|remarks|testimony|tweet|post|briefing|press conference|news conference)\b",
                         re.I)


# A title abbreviated before a name is the noun spelled out: "Sen. Jerry Moran" is a senator ("which senator ...")
_ABBREVIATED_TITLE = re.compile(rf"\b({'|'.join(_TITLE_ABBREVIATIONS)})\.\s+(?=[A-Z])")


def spelled_titles(text: str) -> str:
    """The text with each title abbreviated before a name spelled out ("Sen. Jerry Moran" -> "Senator Jerry Moran")."""
    return _ABBREVIATED_TITLE.sub(lambda m: f"{_TITLE_ABBREVIATIONS[m.group(1)]} ", text)


# What ends the noun phrase of a "which" question: the verb after it ("which federal regulator opened ...", "which
# airline was fined", "which club said"), an adverb before that verb ("which daily first reported"), a preposition.
_PHRASE_END_VERBS = {
    "did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "may", "might", "must", "said", "says", "got", "put", "broke", "won", "made", "took", "gave", "told", "ran", "led",
    "began", "became", "sent", "set", "hit", "cut", "let", "paid", "sold", "bought", "brought", "held", "kept", "left",
    "lost", "met", "saw", "found", "went", "came", "fell", "rose", "wrote", "spoke", "chose", "drew", "grew", "flew",
    "drove", "struck", "won't",
}
_PHRASE_ENDS = _PHRASE_END_VERBS | {
    "first", "now", "recently", "also", "just", "still", "ever", "finally", "reportedly",
    "last", "then", "once", "already", "allegedly", "officially", "in", "on", "at", "for", "from", "with", "by", "to",
    "into", "over", "after", "before", "about", "against", "behind", "under", "near", "as", "that", "who", "whose",
}
# A determiner or pronoun right after a word shows that word to be the verb ("which automaker faces an inquiry").
_AFTER_A_VERB = {"a", "an", "the", "its", "his", "her", "their", "this", "these", "those", "our", "my", "it", "them",
                 "him", "us", "some", "any", "no", "two", "three", "more",
                 "whether"}  # "which judge deciding whether ...": "deciding" is the verb
# Nouns ending in -s that stand before another noun ("which tech news site"): the -s word after a phrase's first word
# is otherwise its verb ("which directive covers autonomy", "which app lets users")
_PLURAL_MODIFIERS = {"news", "sports", "arms", "savings", "goods", "services", "systems", "communications", "benefits",
                     "affairs", "works", "relations", "rights", "sales", "games", "series", "species", "means",
                     "electronics", "physics", "politics", "economics", "operations", "securities", "jobs", "cards"}
# "which type of helicopter": the thing is the noun after "of"
_KIND_OF = {"type", "kind", "sort", "brand", "make", "breed", "variety", "species", "form"}


_WHICH = re.compile(r"^\s*(?:and\s+)?which\s+", re.I)  # a "which" question's opening


def which_phrase(question: str, names: set[str] = frozenset()) -> list[str]:
    """The lower-case words of a "which" question's noun phrase, up to its head noun: "Which now-defunct U.S. airline
    did ..." -> ["now-defunct", "airline"]; "which British war monitor put ..." -> ["war", "monitor"] (a word the
    passages write capitalised, ``names``, is a name standing before the noun: "British"). Empty when the question
    does not open with "which"."""
    m = _WHICH.match(question)
    if not m:
        return []
    phrase: list[str] = []
    tokens = question[m.end():].split()[:8]
    for n, token in enumerate(tokens):
        word = token.strip("?!.:;\"“”()")
        low = word.lower().replace("’", "'")
        if phrase and _an_adverb_before_a_verb(low, tokens[n + 1] if n + 1 < len(tokens) else ""):
            break  # "which campaign aide falsely claimed ...", "which firm quietly dropped ...": the noun came before
        possessive = low.endswith("'s")
        low = low[:-2] if possessive else low.rstrip(",")
        if low in _AFTER_A_VERB:
            if phrase and not phrase[-1][1]:
                phrase.pop()  # that word was the verb
            break
        if low in _PHRASE_ENDS or (phrase and low.endswith("ed") and "-" not in low and len(low) > 4):
            break
        if (phrase and not possessive and re.fullmatch(r"[a-z]{2,}[^su']s", low) and low not in _PLURAL_MODIFIERS
                and low not in names and not word[:1].isupper()):
            break  # "which directive covers autonomy": the verb ("which Captain Phillips star", "which Los Angeles
            # neighborhood": a name ending in s, written capitalised, is no verb)
        if low == "of" and phrase and phrase[-1][0] in _KIND_OF:
            phrase = []  # "which type of Army helicopter": the helicopter
            continue
        if low == "of" or not re.fullmatch(r"[\w.'-]+", low):
            break
        named = word[:1].isupper() or low in names
        phrase.append((low, named))
        if (possessive and not named) or token.endswith(","):
            break  # "which company's AI": the company ("which McDonald's executive": the executive)
    while phrase and phrase[-1][1]:  # a name at the end ("which company's AI, Claude"): no noun of its own
        phrase.pop()
    return [w for w, named in phrase if not named]


def _an_adverb_before_a_verb(word: str, following: str) -> bool:
    """Whether ``word`` is an adverb in -ly standing before the verb (``following``): "falsely" in "aide falsely
    claimed" -- not an adjective before a noun ("elderly man", "daily newspaper")."""
    nxt = following.lower().strip("?!.:;,\"“”()")
    return len(word) > 4 and word.endswith("ly") and (
        re.fullmatch(r"[a-z]{3,}ed", nxt) is not None or nxt in _PHRASE_END_VERBS)


def asks_which_person(question: str) -> bool:
    """Whether a "which" question asks for a person by a word for one: "Which Hollywood veteran won ...", "which
    McDonald's executive talked to USA TODAY" -- a who question, answered by a name."""
    phrase = which_phrase(question)
    return bool(phrase) and (_singular(phrase[-1]) in PEOPLE_WORDS or _a_member_of_people(phrase))


# A member of a body of people is a person ("which NTSB board member", "which crew member"); a member alone may be a
# country or a firm ("which NATO member").
_BODIES_OF_PEOPLE = {"board", "council", "crew", "staff", "cabinet", "family", "band", "team", "committee", "jury",
                     "commission", "congress", "parliament", "panel", "faculty", "cast"}


def _a_member_of_people(phrase: list[str]) -> bool:
    return len(phrase) >= 2 and _singular(phrase[-1]) == "member" and phrase[-2] in _BODIES_OF_PEOPLE


# An owner's name in the possessive, capitalised whatever the pattern's flags: "Red Lobster's", "Harlow Ferries'"
_OWNER_NAME = r"(?-i:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})"
_OWNERS = rf"{_OWNER_NAME}['’]s?"
# "who is the chain's spokesperson", "who was the judge in the case": a person asked for by a word for one
_WHO_IS_THE = re.compile(r"^\s*(?:and\s+)?who(?:['’]s|\s+(?:is|was|are|were|will be))\s+"
                         # "who will be Red Lobster's new CEO": an owner's name stands for the article
                         rf"(?:the|a|an|{_OWNERS})\s+"
                         r"(?:[\w.'’-]+\s+){0,3}?(?P<role>[a-z][\w-]*)(?=\s+(?:who|that|of|for|at|in|on|behind|whose|"
                         # "who will be the new CEO once the sale closes"
                         r"once|when|after|before|until|if)\b|"
                         # "who was the first officer flying the jet", "who was the pilot killed in the crash"
                         r"\s+[a-z]{3,}(?:ing|ed)\b|\s*[,?]|\s*$)", re.I)


def asks_for_a_person(question: str) -> bool:
    """Whether a who question asks for a person by a word for one ("which Ukrainian official tweeted ...", "who is the
    Starbucks spokesperson who explained ..."), which a person's name answers (not a place's or a law's)."""
    m = _WHO_IS_THE.match(question)
    return asks_which_person(question) or bool(m and _singular(m.group("role").lower()) in PEOPLE_WORDS)


_ROLE_OPENING = re.compile(r"^\s*(?:and\s+)?(?:which|who(?:['’]s|\s+(?:is|was|are|were|will be))\s+(?:the|a|an))\s+",
                           re.I)


def role_words(question: str) -> list[str]:
    """The content stems of the words a who question asks for a person by, up to the word for one: "Which Ukrainian
    official tweeted ..." -> stems of "Ukrainian official"; "who is the Starbucks spokesperson who ..." -> of
    "Starbucks spokesperson". Empty when the question asks for no person by a role (``asks_for_a_person``)."""
    m = _ROLE_OPENING.match(question)
    if not m or not asks_for_a_person(question):
        return []
    words = []
    for word in question[m.end():].split()[:4]:
        words.append(word)
        if _singular(word.lower().strip("?,.")) in ROLES | PERSON_WORDS:
            return content_terms(" ".join(words))
    return []


# Words in ROLES that, after "which", ask for something else ("which pick", "which choice", "which partner")
_NOT_PEOPLE = {"pick", "choice", "partner", "head", "general", "member"}
# Titles written before a person's name ("Judge Ana Reyes", "Sen. Roger Wicker", "Pope Francis"): a "which judge"
# question needs a sentence with the word. Any other word for a person ("which Hollywood veteran", "which McDonald's
# executive") describes whom the question is about, and a sentence naming someone may answer it without the word.
NAME_TITLES = {"judge", "justice", "senator", "sen", "representative", "rep", "congressman", "congresswoman",
               "governor", "gov", "mayor", "president", "minister", "premier", "chancellor", "king", "queen", "prince",
               "princess", "pope", "admiral", "sheriff", "bishop", "cardinal", "rabbi", "imam", "ambassador",
               "commissioner", "secretary", "captain", "professor", "dr"}


def titles_a_name(noun: str) -> bool:
    """Whether the word for a person is a title written before the name ("Judge Ana Reyes"), which a sentence
    answering "which judge ..." holds."""
    return _singular(noun.lower()) in NAME_TITLES


def goes_by_a_name(noun: str) -> bool:
    """Whether a thing of this kind may be written by its proper name alone, without the noun: not a person's role
    ("Judge Ana Reyes": a "which judge" question needs a judge) nor a numbered thing ("Directive 3000.09")."""
    low = noun.lower()
    return low not in ROLES and _singular(low) not in ROLES and not _NAMING_WORD.search(low)


def required_noun(question: str, names: set[str] = frozenset()) -> tuple[str, str] | None:
    """The head noun of a "which X" question and its stem ("which judge" -> ("judge", "judg"); "which competing AI
    developer signed ..." -> the developer).

    If no retrieved passage mentions one, the sources cannot say which one. Words in ``names`` (lower-cased
    names, for questions typed in lower case: "which acme model") stand before the noun, not for it -- unless
    it is a word that names a numbered thing ("which directive covers ...": the articles write "Directive
    3000.09").
    """
    m = _WHICH.match(question)
    if not m:
        return None
    first = re.search(r"[A-Za-z][\w-]*", question[m.end():])
    if first and first.group().lower() in names and _NAMING_WORD.search(first.group()):
        word = first.group().lower()
    else:
        phrase = which_phrase(question, names)
        if not phrase:
            return None
        word = phrase[-1]
    terms = content_terms(word)
    return (word, terms[0]) if terms else None


# Things that go by a proper name the sources write without the noun: "which country" is answered by "Oman", "which
# chain" by "Starbucks". (People's roles are not here: the sources name them with the role, "Judge ...", so a
# "which judge" question keeps needing the word -- ``required_noun``.)
NAMED_NOUNS = {
    "country", "nation", "city", "town", "village", "state", "province", "region", "territory", "capital", "island",
    "continent", "port", "river", "sea", "lake", "mountain", "planet", "company", "firm", "automaker", "carmaker",
    "airline", "chain", "retailer", "brand", "bank", "startup", "app", "platform", "network", "website", "service",
    "team", "club", "university", "college", "agency", "organization", "organisation", "party", "museum", "film",
    "movie", "show", "series", "book", "album", "song", "band", "rocket", "holiday", "festival", "award", "prize",
    "honor", "honour", "medal", "trophy",
    # firms and bodies by what they do: "which Myrtle Beach-based developer", "which gang was blamed"
    "developer", "publisher", "studio", "manufacturer", "maker", "insurer", "lender", "supplier", "contractor",
    "carrier", "conglomerate", "corporation", "charity", "foundation", "nonprofit", "union", "league", "gang",
    "church", "school", "hospital", "restaurant", "hotel", "casino", "stadium", "airport", "county", "drug", "vaccine",
}
_WHICH_OR_WHAT = re.compile(r"\b(?:which|what)\b((?:\s+[\w’'-]+){1,4})", re.I)


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") and len(word) > 3 else word


def name_request(question: str) -> str | None:
    """The words asking which thing of a kind that goes by a proper name ("to which country", "which American
    chain", "what streaming platform"), or None: only describing words stand between "which" and the noun (a verb
    or an article means something else: "what did the company say")."""
    for m in _WHICH_OR_WHAT.finditer(question):
        end = m.start(1)
        for word in re.finditer(r"\S+", m.group(1)):
            low = re.sub(r"[’']s$", "", word.group().lower())
            if _singular(low) in NAMED_NOUNS:
                return question[m.start() : end + word.end()]
            if low in _stop() or low in _QUESTION_WORDS:
                break
    return None


def describing_stems(question: str) -> list[str]:
    """The stems of the words a name request narrows its kind with ("by which Chinese company" -> the stem of
    "Chinese"); none when the question is not one or names the kind alone ("which automaker": every name its
    eligible sentences give is a candidate of that kind)."""
    request = name_request(question)
    if request is None:
        return []
    return [terms[0] for word in request.split()[1:-1] if (terms := content_terms(word))]


# "What is the name of the co-captain who was attacked": the thing whose name is asked, up to where the phrase
# ends -- a relative word, a preposition, a verb, or a name ("the Russian spy Paul Manafort met")
# (or of someone's thing: "the name of Exxon's last remaining Russian venture"; or the title of a work: "the title of
# the film both candidates promoted")
_NAME_OF = re.compile(r"\b(?:name|title(?=\s+of\s+(?:the|a|an|this|that|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?"
                      r"(?:film|movie|documentary|book|novel|memoir|song|album|show|series|play|report|podcast|"
                      rf"painting|poem|episode)\b))\s+of\s+(?:the|a|an|this|that|his|her|its|their|{_OWNERS})\s+"
                      r"(?P<phrase>[^?.!,;]+)", re.I)
_NAME_OF_ENDS = {"who", "whom", "whose", "that", "which", "where", "when", "in", "on", "at", "for", "with", "from",
                 "by", "to", "of", "after", "before", "during", "and", "or"}


# A name given by the words that give one, whatever the thing is called: "the project, named Stargate", "a group
# known as the Proud Boys", "was dubbed Operation Warp Speed" -- or set in quotation marks as a title is: 'lead the
# "Department of Government Efficiency"', 'unveiled the "Do or Dye Act"' ("called" only as a name's verb: ", called
# X", "is called X", not "Trump called Biden")
_NAMING = re.compile(r"(?:\b(?:named|dubbed|nicknamed|titled|branded|known\s+as)|(?:,|\b(?:is|was|are|were|be|been|"
                     r"being))\s+called)\s+(?:the\s+)?[\"“‘']?(?P<name>[A-Z][\w’'.-]*)")
_QUOTED_TITLE = re.compile(r"[\"“]((?:[A-Z][\w’'.-]*)(?:\s+(?:of|the|and|or|for|on|in|to|a|an|[A-Z][\w’'.-]*)){0,7}?)"
                           r"[,.]?[\"”]")


def gives_a_name(sentence: str, question: str, noun: str) -> bool:
    """Whether the sentence gives something a name the question does not hold (``_NAMING``; for a thing, not a person,
    ``_QUOTED_TITLE`` too -- the manager's name is no quoted TV show): the answer to "what's the name of the new
    outfit ..." (``noun``) when the story calls it a department, not an outfit."""
    asked = name_words(question)
    named = [m.group("name") for m in _NAMING.finditer(sentence)]
    if _singular(noun.lower()) not in PEOPLE_WORDS:
        named += [m.group(1) for m in _QUOTED_TITLE.finditer(sentence) if m.group(1).split()[-1][:1].isupper()]
    return any(w.lower().strip("’'.") not in asked for name in named for w in name.split() if w[:1].isupper())


def name_asked_of(question: str) -> str | None:
    """The noun whose name a "what is the name of the X" question asks ("... of the Black riverboat co-captain who
    was attacked" -> "co-captain", "... of the new Blue Origin rocket" -> "rocket", "... of the Russian spy Paul
    Manafort met" -> "spy"), or None."""
    m = _NAME_OF.search(question)
    if not m:
        return None
    head, before_names = None, None
    words = m.group("phrase").split()
    for n, word in enumerate(words):
        low = word.lower()
        if (n == 0 and low in ("first", "last")) or low.isdigit():  # "the last remaining venture", "the 2024 bill"
            continue
        if head and low.endswith("ing") and n + 1 < len(words) and (words[n + 1][:1].isupper()
                                                                  or words[n + 1].lower() in _AFTER_A_VERB):
            break  # "the 2024 bill targeting Red 40": a participle and its object end the phrase
        if word[:1].isupper():  # a name in the phrase: a modifier ("Blue Origin rocket") or a clause's subject
            before_names = before_names or head or "?"
            head = None
            continue
        if low in _NAME_OF_ENDS or low in _PHRASE_ENDS or (len(low) > 4 and low.endswith("ed")):
            break
        head, before_names = low, None
    head = head or before_names  # "the spy Paul Manafort met": the spy
    return None if head in (None, "?") else head


def asks_for_a_name(question: str) -> bool:
    return name_request(question) is not None


def names_something_new(sentence: str, question: str, names: set[str] = frozenset(), outlet: str = "",
                        no_people: bool = False) -> bool:
    """Whether the sentence has a proper name the question does not: a capitalised word after its first word, or
    the first word when the sources only ever write it capitalised (``names``) or it looks like a name ("NATO").
    The outlet the sentence comes from is no new name ("an app spokesperson told USA TODAY" names no app); with
    ``no_people``, neither is a person named after a title ("former CEO Jonathan Tibus" names no company)."""
    asked = name_words(f"{question} {outlet}")
    if no_people:  # (nor the title itself: "CEO")
        asked = asked | titled_people_words(sentence) | TITLES
    for i, m in enumerate(TOKEN.finditer(sentence)):
        word = m.group().strip("’'.,")
        if not word[:1].isupper():
            continue
        low = re.sub(r"[’']s$", "", word).lower()
        if low in asked or low.replace(".", "") in asked or low in CALENDAR or low in _QUESTION_WORDS or len(low) < 2:
            continue
        if low == "no" and re.match(r"\.?\s*\d", sentence[m.end():]):
            continue  # "the No. 1 Conrad team": a rank, not a name
        if i == 0 and (low not in names or low in _stop() or low in OPENING_WORDS) and not _name_like(word):
            continue  # ("Once the sale closes, ...": a word the sources write capitalised only to open a sentence)
        return True
    return False


# Titles that stand before a name ("Transport Minister Jonas Weber", "Anthropic CEO Dario Amodei").
TITLES = {"ceo", "cto", "cfo", "chair", "chairman", "chairwoman", "chief", "executive", "president", "minister",
          "secretary", "senator", "sen", "rep", "representative", "governor", "gov", "mayor", "judge", "justice",
          "general", "gen", "admiral", "director", "spokesperson", "spokesman", "spokeswoman", "officer", "founder",
          "commissioner", "ambassador", "prime", "king", "queen", "prince", "princess", "pope", "dr", "mr", "ms",
          "mrs", "professor", "prof", "lawyer", "attorney", "leader", "head", "speaker", "deputy", "under-secretary",
          "vp"}
# What else says who a person is, before their name or after it ("Pentagon official Emil Michael", "Hegseth, a
# former Fox News host").
ROLES = TITLES | {"official", "host", "reporter", "analyst", "adviser", "advisor", "aide", "nominee", "candidate",
                  "member", "owner", "star", "actor", "actress", "singer", "player", "coach", "investor",
                  "billionaire", "entrepreneur", "founder", "veteran", "critic", "economist", "researcher", "scientist",
                  "activist", "author", "journalist", "lawmaker", "politician", "envoy", "negotiator", "strategist",
                  "captain", "commander", "manager", "pilot", "agent", "sheriff", "chancellor", "premier", "partner",
                  "dean", "bishop", "cardinal", "rabbi", "imam", "pick", "choice", "appointee", "administrator",
                  "superintendent", "supervisor", "treasurer", "comptroller", "inspector"}
# Words for a person by what they do or are to someone, asked for by "who was the ...", "which ...": a name answers
# ("Who was the cab driver that picked them up?": "The cab driver, Sukhcharn Singh, ...")
PERSON_WORDS = {"driver", "photographer", "columnist", "writer", "editor", "teacher", "doctor", "physician", "nurse",
                "surgeon", "firefighter", "soldier", "student", "witness", "victim", "suspect", "passenger", "worker",
                "employee", "resident", "neighbor", "wife", "husband", "son", "daughter", "mother", "father",
                "brother", "sister", "widow", "shooter", "gunman", "attacker", "killer", "designer", "architect",
                "artist", "musician", "athlete", "quarterback", "winner", "champion", "referee", "umpire",
                "astronaut", "engineer", "prosecutor", "defendant", "plaintiff", "juror", "detective",
                "councilor", "councillor", "councilman", "councilwoman", "councilmember", "staffer", "congressman",
                "congresswoman", "legislator", "trustee", "volunteer", "organizer", "chef", "farmer", "priest",
                "pastor", "historian", "curator", "ranger", "climber", "mountaineer", "skater", "swimmer", "runner",
                "golfer", "rapper", "comedian", "filmmaker", "producer", "novelist", "poet", "dentist", "paramedic",
                "trooper", "sergeant", "lieutenant", "colonel", "controller", "dispatcher", "coroner", "man", "woman",
                "boy", "girl", "teenager"}
PEOPLE_WORDS = (ROLES | PERSON_WORDS) - _NOT_PEOPLE  # what "which <word>" / "who was the <word>" asks a person by
# A person named right after a title or a word for one: "former CEO Jonathan Tibus", "Gov. Andy Beshear", "historian
# Garrett Graff"
_TITLED_PERSON = re.compile(rf"\b(?i:{'|'.join(sorted(PEOPLE_WORDS, key=len, reverse=True))})\.?\s+"
                            r"((?:[A-Z][a-z’'-]+\s+){1,2}[A-Z][a-z’'-]+)\b")


def titled_people_words(sentence: str) -> set[str]:
    """The lower-cased words of the names of people a sentence names after a title (``_TITLED_PERSON``)."""
    return {w.lower() for m in _TITLED_PERSON.finditer(spelled_titles(sentence))
            for w in re.split(r"\s+", re.sub(r"[’']s\b", "", m.group(1)))}


_IDENTITY_QUESTION = re.compile(r"^\s*(?:and\s+)?(?:tell me\s+)?(?:who|whom)(?:[’']s|\s+(?:is|was|are|were))\s+"
                                r"(?!the\b|a\b|an\b)(?P<who>[^?]+?)\s*\??\s*$", re.I)


# "What role did Emil Michael play?", "what is Lowe's job", "what position does Lowe hold": who someone is, by role
_ROLE_QUESTION = re.compile(  # the name capitalised ("what role did the Pentagon play" asks about no person)
    r"^\s*(?i:and\s+)?(?i:what)\s+(?:(?i:role|part|job|position|title|post)\s+(?i:does|did|do|has|had|will)\s+"
    r"(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)\s+(?i:play|have|hold|had|held|played|do)\b"
    r"|(?i:is|was)\s+(?P<whose>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*?)[’']s\s+(?i:role|job|position|title|post)\b)"
    r"[^?]*\??\s*$")


# "Who runs Anthropic?", "who heads the Pentagon", "who is in charge of the FDA": the person at the top of it, whom
# the articles name by a title beside its name ("Anthropic chief executive Dario Amodei", "CEO of Anthropic")
_LEADER_QUESTION = re.compile(
    r"^\s*(?:and\s+)?who(?:[’']s|\s+is|\s+was|\s+will)?\s+(?:runs?|running|ran|leads?|leading|led|heads?|heading|"
    r"headed|manages?|managing|chairs?|in charge (?:of|at)|the (?:boss|head|leader|chief) of|at the helm (?:of|at))"
    # (up to a comma: "who heads the Division of Public Health, quoted on ...": what follows sets the scene)
    r"\s+(?:the\s+)?(?P<org>[^?,]+?)\s*(?:,[^?]*)?\??\s*$", re.I)
_LEADER_TITLE = r"(?:ceo|chief executive(?: officer)?|president|chair(?:man|woman)?|head|leader|director|founder|owner)"


# ... or by the top title, after the organisation's name: "who will be Red Lobster's new CEO once the sale closes"
_LEADER_BY_TITLE = re.compile(
    r"^\s*(?:and\s+)?who(?:[’']s|\s+(?:is|was|will be|would be|became|becomes))\s+"
    rf"(?P<org>{_OWNER_NAME})[’']s?\s+(?:new|next|current|incoming|interim|"
    rf"acting|first)?\s*{_LEADER_TITLE}\b", re.I)


def leader_asked(question: str) -> str | None:
    """The organisation whose leader a question asks for ("who runs Anthropic", "who is Anthropic's CEO" ->
    "Anthropic"), or None."""
    if m := _LEADER_BY_TITLE.match(question):
        return m.group("org")
    m = _LEADER_QUESTION.match(question)
    if not m:
        return None
    # "Delaware's Division of Public Health" is written "the Division of Public Health" in a Delaware story
    return re.sub(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s\s+(?=[A-Z])", "", m.group("org"))


def gives_leader(sentence: str, org: str) -> bool:
    """Whether the sentence gives someone the top title of ``org``: "Anthropic chief executive Dario Amodei",
    "Anthropic's CEO", "the head of the FDA" (its name beside the title, with or without "the")."""
    name = re.escape(org)
    return bool(re.search(rf"\b{name}(?:[’']s)?\s+(?:\w+\s+)?{_LEADER_TITLE}\b|\b{_LEADER_TITLE}\s+(?:of|at)\s+"
                          rf"(?:the\s+)?{name}\b", sentence, re.I))


def identity_asked(question: str) -> str | None:
    """Whom a question asks who they are: "Who is Emil Michael?" -> "Emil Michael" (not "who is the spokesperson?",
    which asks for a name); "What role did Emil Michael play?", "What is Emil Michael's job?" -> "Emil Michael"."""
    if m := _ROLE_QUESTION.match(question):
        return m.group("who") or m.group("whose")
    m = _IDENTITY_QUESTION.match(question)
    if not m or _DONE_TO.match(m.group("who")) and not given_name_forms(m.group("who").split()[0]):
        return None  # "who was named chair of ...", "who is behind the hack": who did something, not who someone is
    if _DOING.search(m.group("who")):
        return None  # "who is amodei talking to": whom he talks to, not who he is
    return m.group("who")


# After "who is/was", what was done or where someone stands, not a person: "who was named chair", "who is behind it",
# "who was involved in", "who is running the company" (a given name typed in lower case, "ted cruz", is a person)
_DOING = re.compile(r"(?-i:\s(?:[a-z]{2,}ing|to|with|about|for|against)(?:\s|$))")
_DONE_TO = re.compile(r"(?-i:[a-z]+(?:ed|en|ing)|behind|in|at|on|to|from|for|with|about|not|also|still|now|"
                      r"responsible|likely|expected|set|due|going)\b")


_NAME_PHRASE = re.compile(r"[A-Z0-9][\w.’'-]*(?:\s+(?:(?:of|the|and|for|on)\s+)?[A-Z0-9][\w.’'-]*)*")
_DEFINITION_QUESTION = re.compile(r"^\s*(?:and\s+)?(?:tell me\s+)?what(?:[’']s|\s+(?:is|are|was|were))\s+(?:the\s+)?"
                                  r"(?P<what>[^?]+?)\s*\??\s*$", re.I)


def definition_asked(question: str) -> str | None:
    """What a question asks what it is, when that is a name: "What is RedNote?" -> "RedNote" (not "what is the
    deadline?", which asks for a fact)."""
    m = _DEFINITION_QUESTION.match(question)
    what = m.group("what").strip() if m else ""
    return what if _NAME_PHRASE.fullmatch(what) else None


# The word before a thing's name that says what it is ("Chinese app RedNote"), unless it is a word of another use
_NOT_A_KIND = ("of", "to", "on", "in", "at", "by", "for", "with", "from", "and", "or", "as", "than", "like", "that",
               "the", "a", "an", "about", "into", "over", "after", "before", "including", "such", "use", "join", "its",
               "their", "his", "her", "our", "your", "is", "was", "are", "were", "says", "said")


def describes(sentence: str, who: str, thing: bool = False) -> bool:
    """Whether a sentence says who someone is (with ``thing``, what something is: also "Chinese app RedNote", "a
    chatbot called Nova"): a role right before their name ("Pentagon official Emil Michael",
    "chief executive Dario Amodei") or set before it ("the council's choice for harbour master, Brann Lowe"), an
    apposition after it ("Hegseth, a former Fox News host", "Amodei, Anthropic's chief executive"), or "<name> is
    a ...". The last word of the name stands for it, as articles name a person
    after the first mention -- unless the sentence gives that last name to someone else ("Attorney General Tim Fox"
    says nothing of who Nicola Fox is)."""
    if len(who.split()) >= 2 and not names_in_full(sentence, who) \
            and others_by_surname(as_name(who), sentence):
        return False
    names = sorted({re.escape(who), re.escape(who.split()[-1])}, key=len, reverse=True)
    name = rf"(?i:{'|'.join(names)})"
    roles = "|".join(sorted(re.escape(r) for r in ROLES))
    # the words between a role and the name are names themselves ("Pentagon official Emil Michael"), in capitals:
    # "a Vietnam veteran and criticized Hegseth" says nothing of what Hegseth is
    before = rf"\b(?i:{roles})\s+(?:[A-Z][\w.’'-]*\s+){{0,3}}{name}\b"
    after = rf"\b{name}\s*,\s*(?:(?:a|an)\s|(?:the|who|whose|its|his|her|their)?\s*(?:[\w’'-]+\s+){{0,4}}?" \
            rf"(?:{roles})\b)"
    copula = rf"\b{name}\s+(?:is|was|has been|serves as|served as)\s+(?:a|an|the)\b"
    # "Trump's choice for a new FBI director, Kash Patel, ...": the role set before the name, a comma between
    set_before = rf"\b(?:{roles})\b[^,.;:]{{0,30}},\s+{name}\b"
    patterns = [before, after, copula, set_before]
    if thing:  # "a chatbot called Nova", "the project, named Stargate": a thing given its name
        patterns.append(rf"\b(?:called|named|dubbed|known as)\s+{name}\b")
    if re.search(before, sentence) or any(re.search(p, sentence, re.I) for p in patterns[1:]):
        return True
    # "Chinese app RedNote", "the startup DeepSeek": the kind of thing, in lower case right before its name
    kind = rf"\b(?!(?:{'|'.join(_NOT_A_KIND)})\b)[a-z][a-z-]{{2,}}(?<!ed)(?<!ing)\s+{name}\b"
    return thing and bool(re.search(kind, sentence))


_NUMBER = re.compile(r"\d[\d,.]*")


def _plain(number: str) -> str:
    """A number's digits as written, without thousands commas or a trailing mark: "3,000." -> "3000"."""
    return number.strip(",.").replace(",", "")


TOKEN = re.compile(r"[\w’'.-]+")  # a word with its inner apostrophes, dots and hyphens ("U.S.", "Amodei’s")
# Answers that range over several sources: summaries, comparisons, timelines (more passages, more claims).
WIDE_KINDS = ("summary", "conflict", "timeline")


def opens_on_a_surname(sentence: str, passage: str) -> bool:
    """Whether the sentence opens on someone's surname, as news names a person after the first mention: "Wein is a
    USGS researcher ..." in a passage that names "Anne Wein" in full. A capital that only opens the sentence is no name
    (``NAME_CUE`` skips it); the passage writing it after a first name is what makes it one."""
    first = re.match(rf"[{_UPPER}][{_LOWER}]{{2,}}\b", sentence)
    if not first or first.group() in _NO_NAME_OPENINGS or first.group().lower() in OPENING_WORDS | _QUESTION_WORDS:
        return False
    return bool(re.search(rf"\b[{_UPPER}][{_LOWER}]+ (?:[{_UPPER}]\. )?{first.group()}\b", passage))


@lru_cache(maxsize=512)  # asked of the same question once per candidate sentence
def name_words(text: str) -> frozenset[str]:
    """The text's words, lower-cased, without surrounding apostrophes and dots: for "does the question say it". A
    name the text writes in the possessive is said bare too ("Delaware's institute" asks of "Delaware")."""
    tokens = [w.strip("’'.") for w in TOKEN.findall(text)]
    words = {w.lower() for w in tokens}
    # a nationality says its country: "Exxon's last Russian venture" asks of Russia ("Ukrainian" of Ukraine, "Chinese"
    # of China, "British" of Britain)
    places = {f"{m.group(1).lower()}{end}" for w in tokens if (m := _demonym(w)) for end in _PLACE_ENDINGS}
    places |= {p.lower() for w in tokens for p in _IRREGULAR_DEMONYMS.get(w, ())}
    # "U.S." and "US", "D.C." and "DC": one name, with its dots or without
    return frozenset(words | {re.sub(r"[’']s$", "", w) for w in words} | {w.replace(".", "") for w in words} | places)


# How a place's name ends after the stem of its people's word: Israel(i), Russ(ian) -> Russia, Ukrain(ian) -> Ukraine,
# Chin(ese) -> China, Mexic(an) -> Mexico, Ital(ian) -> Italy, Kor(ean) -> Korea, Germ(an) -> Germany
_PLACE_ENDINGS = ("", "a", "ia", "e", "o", "y", "ea", "any")


_DEMONYM = re.compile(r"([A-Z][a-z]{3,}?)(?:ese|ian|ean|an|ish|i)")


def _demonym(word: str) -> re.Match | None:
    """``_DEMONYM``'s match of a word for the people of a place, in the singular or the plural ("Israeli",
    "Californians", "Israelis"; group 1 is the place's stem), or None."""
    plural = re.fullmatch(r"[A-Z][a-z]+(?:ns|is)", word)
    return _DEMONYM.fullmatch(word) or (_DEMONYM.fullmatch(word[:-1]) if plural else None)

# Nationalities not spelled from their country's name (the rest are, ``_DEMONYM``): a question's "American kids" are the
# article's "U.S. students", its "Norwegian study" the one "researchers from Norway" made.
_IRREGULAR_DEMONYMS = {
    "American": ("US", "United States", "America"), "British": ("UK", "Britain", "United Kingdom", "England"),
    "Scottish": ("Scotland",), "Scots": ("Scotland",), "Welsh": ("Wales",), "Irish": ("Ireland",),
    "French": ("France",), "Dutch": ("Netherlands", "Holland"), "Swiss": ("Switzerland",), "Greek": ("Greece",),
    "Danish": ("Denmark",), "Finnish": ("Finland",), "Norwegian": ("Norway",), "Polish": ("Poland",),
    "Spanish": ("Spain",), "Portuguese": ("Portugal",), "Turkish": ("Türkiye",), "Thai": ("Thailand",),
    "Filipino": ("Philippines",), "Peruvian": ("Peru",), "Icelandic": ("Iceland",), "Czech": ("Czechia",),
    "Emirati": ("UAE", "United Arab Emirates"), "Malagasy": ("Madagascar",), "Congolese": ("Congo",),
    "Argentine": ("Argentina",), "Slovak": ("Slovakia",), "Kazakh": ("Kazakhstan",), "Uzbek": ("Uzbekistan",),
    "Cypriot": ("Cyprus",), "Cuban": ("Cuba",),
}
# ... and the other way: a country by its nationalities ("US" by "American")
_NATIONALITY_OF = {country: [n for n, named in _IRREGULAR_DEMONYMS.items() if country in named]
                   for countries in _IRREGULAR_DEMONYMS.values() for country in countries}
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]$|^[A-Z]{2,6}$")
_LINK_WORDS = r"(?:of|and|for|the|on|in|to|&)"


@lru_cache(maxsize=256)
def _expansion(acronym: str) -> re.Pattern | None:
    """"GAO" -> Government Accountability Office, "DoD" -> Department of Defense, "NIST" -> National Institute of
    Standards and Technology: capitalised words whose initials are the acronym's capitals, linking words between."""
    if not _ACRONYM.match(acronym):
        return None
    letters = [ch for ch in acronym if ch.isupper()]
    if len(letters) < 2:
        return None
    body = rf"\s+(?:{_LINK_WORDS}\s+)*".join(rf"{ch}[a-z]+" for ch in letters)
    return re.compile(rf"\b{body}\b")


SHORT_NAME = 3  # letters up to which a name is matched as a whole word only


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer  # a hand-curated table of English given names and their short forms

    return NickNamer()


@lru_cache(maxsize=512)
def given_name_forms(given: str) -> set[str]:
    """The other forms of a given name, in lower case ("robert": "bob", "rob", ...; "bob": "robert", ...)."""
    table = _nicknamer()
    return (table.nicknames_of(given.lower()) | table.canonicals_of(given.lower())) - {given.lower()}


_NAME_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$", re.I)  # (typed in lower case too: "roy virgen jr.")


def surname_of(name: str) -> str:
    """The word news names a person by after the first mention: the last but a suffix ("Ann Roe Jr." is Roe)."""
    return next((w for w in reversed(name.split()) if not _NAME_SUFFIX.match(w)), name.split()[-1])


def proper_name(who: str) -> str:
    """The name at the end of a description of someone: "Orla opposition councilor Mara Quist" and "Calypso Lines CEO
    Ron Pell" -> "Mara Quist", "Ron Pell" (its capitalised words after the last role or title, a suffix among them:
    "Ann Roe Jr."); the description itself when it ends in none."""
    words = who.split()
    start = len(words)
    # (the last word is a name's even when it is a title's too: "inspector general Carol Pope")
    while start > 0 and (words[start - 1][:1].isupper() or _NAME_SUFFIX.match(words[start - 1])) \
            and (start == len(words) or words[start - 1].lower().strip(".") not in ROLES | TITLES):
        start -= 1
    return " ".join(words[start:]) or who


def others_by_surname(name: str, text: str) -> set[str]:
    """The given names of the other people ``text`` names by ``name``'s surname: "Joe" where "Jill Biden" is asked
    about and the article says "President Joe Biden". There the surname alone ("Biden wrote") may be either of them.
    Titles, function words and words the text also writes in lower case ("President Biden", "But Biden", "Former
    Biden aide") are no given names, and neither is another form of the asked one ("Bob" for "Robert")."""
    parts = [w for w in name.split() if not _NAME_SUFFIX.match(w)]
    if len(parts) < 2 or not re.fullmatch(r"[A-Z][a-z]+", parts[0]):
        return set()
    given, surname = parts[0], parts[-1]
    lower = set(re.findall(r"\b[a-z]+\b", text))
    # (a middle name is the asked one's own: "Andrea Martini" where "Giovanni Andrea Martini" is asked about)
    same = given_name_forms(given) | {given.lower()} | {w.lower() for w in parts[1:-1]}
    # one line: a byline's last name over a headline ("Courtney Subramanian\nBiden ...") is no first name
    return {m.group(1) for m in re.finditer(rf"\b([A-Z][a-z]+)[ \t]+(?:[A-Z]\.[ \t]+)?{re.escape(surname)}\b", text)
            if m.group(1).lower() not in same | ROLES | lower | _stop() | OPENING_WORDS}  # (not "Before Pope, ...")


@lru_cache(maxsize=512)
def given_name_variant(name: str) -> re.Pattern | None:
    """A person's name with its given name in another form: "Robert Menendez" is also "Bob Menendez",
    "Joe Biden" also "Joseph Biden" (a middle initial may stand between). None when the name is one word or its
    first word is no given name the table knows. The rest of the name must follow, so "Bob" alone never counts."""
    first, _, rest = name.partition(" ")
    if not rest or not re.fullmatch(r"[A-Z][a-z]+", first):
        return None
    forms = given_name_forms(first)
    if not forms:
        return None
    alternatives = "|".join(sorted(re.escape(f) for f in forms))
    return re.compile(rf"\b({alternatives})\s+(?:[A-Z]\.\s+)?{re.escape(rest)}\b", re.IGNORECASE)


def as_name(typed: str) -> str:
    """A name typed in any case, written as a name: each word capitalised ("nicola fox" -> "Nicola Fox")."""
    return " ".join(w[:1].upper() + w[1:] for w in typed.split())


def names_in_full(text: str, person: str) -> bool:
    """Whether ``text`` writes a person's full name (typed in any case): the given name, or another form of it, before
    the surname with at most two words between ("Jenny Lawton Seal", "Bob J. Menendez") -- not both words anywhere,
    as a round-up naming a "Patty Murray" and a "Mike Lawler" has "patty" and "lawler"."""
    words = person.split()
    if len(words) < 2:
        return mentions_name(text, person)
    written = rf"\b{re.escape(words[0])}\s+(?:\S+\s+){{0,2}}?{re.escape(words[-1])}\b"
    if re.search(written, text, re.I):
        return True
    variant = given_name_variant(as_name(person))
    return bool(variant and variant.search(text))


def mentions_name(text: str, name: str) -> bool:
    """Whether ``text`` names ``name``: as written, by all its longer words, with another form of its given name
    ("Bob Menendez" for "Robert Menendez"), spelled out (an acronym), or by its country (a nationality)."""
    text, name = unaccented(text), unaccented(name)
    haystack = text.lower()
    if re.fullmatch(r"(?:[A-Z]\.?){2,5}", name):  # "US" is written "U.S." too, and "U.S." "US"; "us" is not "US"
        letters = r"\.?".join(re.escape(ch) for ch in name.replace(".", ""))
        if re.search(rf"(?<![A-Za-z0-9.]){letters}\.?(?![A-Za-z0-9])", text):
            return True
    elif len(name) <= SHORT_NAME:  # "LA", "EU", "AI": a word of its own, not two letters inside "last" or "said"
        if re.search(rf"(?<![a-z0-9]){re.escape(name.lower())}(?![a-z0-9])", haystack):
            return True
    elif name.lower() in haystack:
        return True
    if re.fullmatch(r"[A-Z]{2,}s", name) and mentions_name(text, name[:-1]):
        return True  # "CEOs", "NGOs": an acronym in the plural is named by its singular too
    words = [w for w in re.split(r"[\s\-\u2013]+", name) if len(w) > 3]
    if words and all(w.lower() in haystack for w in words):
        return True
    variant = given_name_variant(name)
    if variant and variant.search(text):
        return True
    numbered = [str(value) if (value := roman_value(w)) else w for w in name.split()]
    if numbered != name.split() and re.search(rf"\b{re.escape(' '.join(numbered).lower())}\b", haystack):
        return True  # "Super Bowl LVIII" is "Super Bowl 58" too
    expansion = _expansion(name)
    if expansion and expansion.search(text):
        return True
    one = name[:-1].capitalize()  # "Americans" (or "americans", typed in lower case) are named by "American lives"
    if re.fullmatch(r"[A-Za-z][a-z]+ns", name) and (_DEMONYM.fullmatch(one) or one in _IRREGULAR_DEMONYMS) \
            and re.search(rf"\b{one}\b", text):
        return True
    demonym = _demonym(name)  # "Japanese" is said by "Japan", "Israeli" by "Israel", "Californians" by "California"
    if demonym and re.search(rf"\b{re.escape(demonym.group(1))}[a-z]*\b", text):
        return True
    country = _IRREGULAR_DEMONYMS.get(name)  # "Norwegian" by "Norway", "American" by "U.S.", "French" by "France"
    if country and any(mentions_name(text, c) for c in country):
        return True
    # and the other way: "the US turkey flock" is "the American turkey flock", "France" is named by "French officials"
    return any(re.search(rf"\b{d}\b", text) for d in _NATIONALITY_OF.get(name.replace(".", ""), ()))

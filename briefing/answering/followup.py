"""Follow-up questions made standalone by rule, from the previous turn: pronouns resolved, ellipsis filled.

- a pronoun takes the name it stands for: "Where did he post it?" after "What did Sean Parnell write?"
  becomes "Where did Sean Parnell post it?" (he/she/him/his/her take a person's name, found in the
  previous question or else in the previous answer; it/its/they/them/their take the previous subject when
  it is not a person);
- an elliptical follow-up reuses the previous question: "and the White House?" after "What did the
  Pentagon say about surveillance?" becomes "What did the White House say about surveillance?"; "and in
  March?" adds to it;
- a follow-up that opens on "and/so/also" but names no subject carries the previous one over
  ("and what did the Pentagon say?" -> "What did the Pentagon say about Anthropic?").

Earlier turns are resolved first, so a chain of follow-ups keeps its subject.
"""

from __future__ import annotations

import re

from briefing.answering.question import ABOUT, MORE_PREFIX, parse, without_asking
from briefing.answering.text import CALENDAR, NAME_WORD, TITLES, asks_for_a_name, identity_asked, key_entities

_LEAD = re.compile(r"^\s*(?:and|but|so|also|then|ok(?:ay)?|well)\b[\s,]*", re.I)
_ELLIPSIS = re.compile(r"^\s*(?:(?:and|but|so|also)\s+)?(?:(?:what|how)\s+about\s+)?(?P<rest>.+?)\s*[?.!]*\s*$", re.I)
_NOT_A_FRAGMENT = re.compile(
    r"^(?:who|whom|whose|what|when|where|why|how|which|did|does|do|is|are|was|were|has|have|had|can|could|will|"
    r"would|should|may|might|tell|give|list|summari[sz]e|explain|describe|compare)\b",
    re.I,
)
_WH = re.compile(r"^(?:who|whom|whose|what|when|where|why|how|which)\b", re.I)
_BARE_WH = re.compile(r"(?:who|whom|when|where|why|how|how so|since when)", re.I)
_TIME_FRAGMENT = re.compile(r"^(?:in|on|during|before|after|since|until|by|as of|back in)\b", re.I)
_PERSONAL = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.I)
_NON_PERSONAL = re.compile(r"\b(?:it|its|they|them|their|theirs)\b", re.I)
_ASKS_FOR_PERSON = re.compile(r"\b(?:who|whom|whose)\b|\bwhich\s+(?:\w+\s+)?(?:person|official|executive|"
                              r"spokes(?:person|man|woman)|secretary|leader|lawyer|judge|minister|officer|"
                              r"negotiator|chief|director|president)\b", re.I)
_POSSESSIVE = {"his", "her", "hers", "its", "their", "theirs"}
# Head words of organisations, places, laws and documents: a phrase holding one is not a person's name.
_NOT_A_PERSON = {
    "act", "administration", "agency", "army", "association", "bank", "board", "bureau", "cabinet", "center",
    "centre", "college", "commission", "committee", "company", "congress", "corp", "corporation", "council",
    "court", "department", "directive", "force", "forces", "foundation", "framework", "fund", "government",
    "group", "house", "inc", "institute", "journal", "league", "ministry", "navy", "news", "office", "party",
    "pentagon", "police", "post", "press", "reuters", "senate", "service", "state", "states", "street", "times",
    "union", "university", "unit", "war", "world", "cup", "ai", "authority", "airlines", "lines",
    # a company's or a publisher's plural head word: "Associated Newspapers", "Warner Bros", "Paramount Pictures"
    "newspapers", "media", "holdings", "partners", "industries", "technologies", "systems", "labs", "motors",
    "airways", "pictures", "studios", "records", "networks", "communications", "brands", "foods", "stores",
    "entertainment", "capital", "ventures", "investments", "energy", "pharmaceuticals", "financial", "bros",
    "securities", "associates",
    # a newspaper's or a magazine's: "Daily Mirror", "Chicago Tribune"
    "daily", "mirror", "herald", "tribune", "gazette", "guardian", "telegraph", "chronicle", "observer", "enquirer",
    "inquirer", "globe", "express", "independent", "weekly", "magazine", "today",
    # a place's or a product's: "Mount Everest", "Los Angeles", "Cape Horn", "App Store" ("he" is never one)
    "mount", "mt", "lake", "fort", "cape", "county", "city", "river", "island", "islands", "beach", "airport",
    "valley", "canyon", "los", "las", "san", "santa", "store", "app",
    # a continent's, a country's or a machine's: "North America", "Saudi Arabia", "Artillery Rocket System"
    "america", "africa", "asia", "europe", "arabia", "emirates", "kingdom", "republic", "system", "program",
    # a faith's or a creed's, and its houses: "Sunni Islamist", "Shiite Muslim", "Catholic Church", "Hindu Temple"
    "sunni", "shiite", "shia", "muslim", "islamist", "islamic", "catholic", "protestant", "evangelical", "jewish",
    "hindu", "buddhist", "sikh", "orthodox", "communist", "socialist", "church", "mosque", "temple", "synagogue",
}
_INITIAL = re.compile(r"[A-Z]\.")  # a middle initial: "Erek L. Barron"
# A place's first word, never a person's: "New York", "North Carolina", "West Virginia", "South Korea" (as a last word
# it may be a surname: "Kanye West")
_PLACE_OPENINGS = {"new", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                   "upper", "lower", "greater"}
# A party and state after a lawmaker's name ("Frank Pallone, Jr., D-N.J.", "R-Texas"): no thing of its own
_AFFILIATION = re.compile(r"^[DRI]-[A-Z]")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}  # "Frank Pallone, Jr.": part of a name, never one


def _turns(history: list | None) -> list[tuple[str, str | None]]:
    """(user question, assistant answer or None) for a history of strings, role/content messages or pairs."""
    turns: list[tuple[str, str | None]] = []
    for turn in history or []:
        if isinstance(turn, str) and turn.strip():
            turns.append((turn, None))
        elif isinstance(turn, dict) and isinstance(turn.get("content"), str):
            if turn.get("role") == "user":
                turns.append((turn["content"], None))
            elif turn.get("role") == "assistant" and turns and turns[-1][1] is None:
                turns[-1] = (turns[-1][0], turn["content"])
        elif isinstance(turn, (list, tuple)) and turn and isinstance(turn[0], str):
            answer = turn[1] if len(turn) > 1 and isinstance(turn[1], str) else None
            turns.append((turn[0], answer))
    return turns


def answers_so_far(history: list | None) -> str:
    """Every assistant turn of a history (strings, pairs or role/content messages), one after the other."""
    return " ".join(answer for _, answer in _turns(history) if answer)


def last_user_question(history: list | None) -> str | None:
    """The latest user turn of a history given as strings, (user, assistant) pairs or role/content messages."""
    turns = _turns(history)
    return turns[-1][0] if turns else None


def is_person(name: str) -> bool:
    """"Sean Parnell" is a person's name; "Defense Production Act", "White House", "OpenAI", "The Hill" are not."""
    words = name.split()
    # (each word a name's -- "Frank McCourt", "Conan O'Brien" -- or a middle initial: "Erek L. Barron")
    return 2 <= len(words) <= 4 and all(re.fullmatch(NAME_WORD, w) or (0 < i < len(words) - 1 and _INITIAL.fullmatch(w))
                                        for i, w in enumerate(words)) \
        and not any(w.lower() in _NOT_A_PERSON for w in words) and words[0].lower() not in {"the", "a", "an"} \
        and words[0].lower() not in _PLACE_OPENINGS


# A name the text only ever writes after an article or a preposition of place is a thing's or a place's: "the Atlantic
# Ocean", "in JAMA Network Open", "at Ritter Park" -- a person is written without one ("said Ada Roe", "by Ada Roe")
_THING_BEFORE = r"\b(?:the|a|an|in|at|near|into|inside|outside|across)\s+"


def _placed_as_a_thing(name: str, text: str) -> bool:
    spots = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return bool(spots) and all(re.search(rf"{_THING_BEFORE}$", text[:at], re.I) for at in spots)


def people_in(text: str) -> list[str]:
    """The people a text names. A title or affiliation before a name is not part of it: "Anthropic CEO Dario
    Amodei" and "Defense Secretary Pete Hegseth" name Dario Amodei and Pete Hegseth."""
    out = []
    for phrase in key_entities(text):
        words = phrase.split()
        titled = [i for i, w in enumerate(words) if w.lower().strip(".") in TITLES]
        words = words[titled[-1] + 1:] if titled else words
        person = next((" ".join(words[i:]) for i in range(len(words) - 1) if is_person(" ".join(words[i:]))), None)
        # (the whole phrase is what an article or a preposition stands before: "in JAMA Network Open")
        if person and not _placed_as_a_thing(person if titled else phrase, text):
            out.append(person)
    return list(dict.fromkeys(out))


def rewrite_followup(question: str, history: list | None) -> str:
    """The question made standalone from the previous turn; a question that stands alone is left as it is."""
    turns = _turns(history)
    if not turns:
        return question
    previous = turns[0][0]
    spoken_of: dict[str, str] = {}  # what "it" stood for last: "congestion pricing" three turns on
    for (earlier, _), (_, answered) in zip(turns[1:], turns, strict=False):  # each with the answer before it
        previous = _standalone(earlier, previous, answered, spoken_of)
    return _standalone(question, previous, turns[-1][1], spoken_of)


def _standalone(question: str, previous: str, previous_answer: str | None, spoken_of: dict[str, str] | None = None
                ) -> str:
    q = " ".join(question.split())
    previous = earlier = MORE_PREFIX.sub("", previous).strip()  # "Tell me more: Who is X?" asked who X is, as before
    subjects = key_entities(previous)
    fragment = _ELLIPSIS.match(q).group("rest")
    if _MORE_REQUEST.match(q):  # "tell me more", "anything else?": the previous question, beyond what was said
        return f"Tell me more: {earlier}"
    if _WH_ELSE.match(q):  # "who else?" after "Who threatened Anthropic?": who else threatened it
        asked, n = _WH.subn(lambda m: f"{m.group()} else", earlier, count=1)
        if n and not re.search(r"\belse\b", earlier, re.I):
            return f"Tell me more: {_capitalise(asked)}"
        return f"Tell me more: {earlier}"
    if _BARE_WH.fullmatch(fragment):  # "and when?", "why?": the previous question asked that way
        wh = fragment.lower()
        if asked := _ASKS_FOR_THING.match(previous):  # "Which airline did the DOT sue?" -> "why did the DOT sue it?"
            thing = _answered_thing(previous, previous_answer) or f"the {asked.group('thing')}"
            aux, rest = asked.group("rest").split(None, 1) if " " in asked.group("rest") else (asked.group("rest"), "")
            rest = rest.strip().rstrip("?.! ")
            if aux.lower() in {"did", "does", "do"}:
                return _capitalise(f"{wh} {aux} {rest} {thing}?")
            return _capitalise(f"{wh} {aux} {thing} {rest}?")
        if (did := _WHAT_DID.match(previous)) and (done := _answered_thing(previous, previous_answer)) \
                and not is_person(done):  # "what did the FDA ban?" asks for a thing, never for the lawmaker quoted
            # "What did the FDA ban?" answered "... Red No. 3 ...", then "why?": why did the FDA ban Red No. 3
            return _capitalise(f"{wh} {did.group('aux')} {did.group('rest').rstrip(' ?.!')} {done}?")
        swapped, n = _WH.subn(wh, previous.strip(), count=1)
        if _ASKS_FOR_DOER.match(previous) or re.match(rf"\s*(?:and\s+)?who\s+(?!{_AUX}\b)", previous, re.I):
            n = 0  # "Which outlet reported that talks resumed?" then "when?": not "When outlet reported ..."
        return _capitalise(swapped if n else f"{wh}: {previous.strip()}")
    if fragment and not _NOT_A_FRAGMENT.match(fragment) and not re.search(r"\b(?:he|she|it|they)\b", fragment, re.I) \
            and len(fragment.split()) <= 6:
        return _fill_ellipsis(fragment, previous, subjects)
    # A pronoun never stands for a name its own sentence says ("what has he said about Amodei" is not Amodei);
    # after a question asking for a person ("who ...?", "which official ...?") it stands for the one named in
    # the answer.
    # (nor one it names by a word typed in lower case: "what has he said about amodei" is not Dario Amodei)
    typed_here = {w.lower() for w in re.findall(r"[\w’'-]+", q)}
    named_here = {s.lower() for s in key_entities(q)} | {s.lower() for s in people_in(previous_answer or "")
                                                       if s.split()[-1].lower() in typed_here}
    people = [s for s in people_in(previous) if s.lower() not in named_here]
    if not people:  # "when did george mallory first try everest": the person typed in lower case, as the answer names
        people = [s for s in people_in(previous_answer or "") if s.lower() not in named_here
                  and re.search(rf"\b{re.escape(s)}\b", previous, re.I)]
    if not people and (who := identity_asked(previous)) and who.lower() not in named_here:
        people = [who]  # "Who is Hegseth?": asked who he is, so a person, though named by one word
    if not people and _PERSONAL.search(q):
        # "What did Biden say in his speech?" then "where did he give it?": a one-word name is the person "he" means
        # when it is the only name the question gives that could be one
        people = [one] if (one := _one_person(subjects, named_here)) else []
    answered = [s for s in people_in(previous_answer or "") if s.lower() not in named_here
                and s.lower() not in {p.lower() for p in people_in(previous)}]
    # the one the answer is about: the person it names most, by last name ("Glaser said ...", "comedian Nikki Glaser
    # was tapped to host", beside "roasting Tom Brady"), the first named on a tie
    answered.sort(key=lambda s: -len(re.findall(rf"\b{re.escape(s.split()[-1])}\b", previous_answer or "")))
    # ... unless it asked who someone is ("Who is Pete Hegseth?"): then "he" is still that person.
    asked_for = _ASKS_FOR_PERSON.search(previous) and not (identity_asked(previous) and people)
    person = (answered + people)[0] if asked_for and answered else next(iter(people + answered), None)
    # After "What approach has Anthropic built its brand on?", "how does it work" asks about the approach (the thing
    # the answer named), not about Anthropic.
    # After "Which airline did the DOT sue?" answered "... suing Southwest Airlines ...", "it" is Southwest Airlines.
    named = _asked_thing(previous) and (re.match(r"\s*(?:and\s+)?which\b", previous, re.I) or asks_for_a_name(previous))
    carried = ABOUT.search(previous)  # "what did Trump say about it?" after a question about the conversation's topic
    # "where did he give it?" after "What did Biden say in his speech?": his speech (Biden's, without a "he")
    # "it" is never a people ("is it Chinese?" after "Why are Americans joining RedNote?" is not about Americans)
    named_things = [s for s in subjects if not is_person(s) and s not in people and not _PEOPLE.fullmatch(s)
                    and s.lower() not in named_here]  # "is Anthropic fighting it?": not Anthropic
    owner = None if _PERSONAL.search(q) else person or _one_person(subjects, named_here)
    owned = _owned_object(previous, owner, next(iter(named_things), None))
    asked = parse(previous)  # "which foods contain it?" after "Tell me about the harbour levy": the levy
    summarised = asked.core if asked.shape == "summary" and asked.core else None
    # "which animal is it this year?" asked about the thing before: "when does it start?" asks about it too
    still = spoken_of.get("thing") if spoken_of and spoken_of.get("asked_with_it") else None
    thing = still or (_answered_thing(previous, previous_answer) if named else None) or _asked_thing(previous) \
        or (carried.group("topic") if carried else None) or summarised or owned \
        or next(iter(named_things), None) \
        or (spoken_of or {}).get("thing") \
        or _last_object(previous)  # "when did it start?" after "How much does congestion pricing cost?": as before
    if thing and _NOT_A_FRAGMENT.match(thing):
        thing = None  # a question carried as context ("(about: what did trump order ...)") is no thing: context again
    if spoken_of is not None:
        if thing and _IT.search(q):
            spoken_of["thing"] = thing
        spoken_of["asked_with_it"] = "yes" if thing and _IT.search(q) else ""
    resolved = q
    if person and _PERSONAL.search(q):
        # "what did she call him?": one person is not both; the subject ("she") is the one before, the other stays
        kinds = {_SUBJECT_OR_OBJECT.get(m.group().lower()) for m in _PERSONAL.finditer(q)}
        only = _SUBJECT if len(kinds) > 1 else _PERSONAL
        resolved = only.sub(lambda m: _name_for(m, person), resolved)
    if thing and _NON_PERSONAL.search(resolved):
        # "Where did he post it?": beside a person's pronoun, "it" is what the person did, not the earlier subject
        pronouns = _NON_PERSONAL if not (person and _PERSONAL.search(q)) or thing == owned else \
            re.compile(r"\b(?:they|them|their|theirs)\b", re.I)
        if _IT.search(q) and _THEY.search(q):  # "could they use it against X?": they who use it are not it
            pronouns = _IT
            if thing in named_things:  # "why did they do it?" after "What did Meta announce?": Meta did it
                pronouns = _THEY
        if (many := _plural_subject(previous)) and pronouns is not _IT and _THEY.search(q):
            # "what do they use instead?" after "When will manufacturers have to stop?": the manufacturers
            resolved = _THEY.sub(lambda m: _name_for(m, many), resolved)
            pronouns = _IT
        resolved = pronouns.sub(lambda m: _name_for(m, _with_article(thing, previous)), resolved)
    if resolved != q:
        return _capitalise(_LEAD.sub("", resolved))
    if _RESPONSE.search(q):  # "how did Anthropic respond?" after "What did the Pentagon offer?": respond to that
        return f"{_capitalise(_LEAD.sub('', q).rstrip(' ?.!'))} (to: {previous.strip()})"
    if _LEAD.match(q):
        carried = [s for s in subjects if s.lower() not in q.lower()]
        if carried:
            core = _LEAD.sub("", q).strip().rstrip("?").strip()
            return f"{_capitalise(core)} about {' and '.join(dict.fromkeys(carried))}?"
        if not subjects and not ABOUT.search(q):
            # "and what did republicans say?" after "what did biden decide about cuba" (names typed in lower case
            # are none that can be carried over): "and" goes on from the previous question, its context
            return f"{_capitalise(_LEAD.sub('', q).rstrip(' ?.!'))}? (about: {_topic(previous) or _bare(previous)})"
    # "how many people died?" after "What happened in the DC plane crash?": a question naming nothing of its own is
    # about the topic of the conversation, said after it as context (searched with it, not required of an answer)
    topic = _topic(previous) or (spoken_of or {}).get("thing")  # "who attended?" after "where was it held?"
    if not key_entities(q) and not _one_word_name(q) and not _PRONOUN.search(q) and topic:
        return f"{_capitalise(q.rstrip(' ?.!'))}? (about: {topic})"
    # "when did that happen?", "would that hurt Anthropic?": "that" is what the previous question asked about
    asked_before = _bare(previous)
    if _DEMONSTRATIVE.search(q) and not ABOUT.search(q):
        return f"{_capitalise(_LEAD.sub('', q).rstrip(' ?.!'))}? (about: {asked_before})"
    # A pronoun nothing above resolved ("and who will run it?" after "what is happening with red lobster", whose
    # names typed in lower case ``key_entities`` cannot see): the previous question is its context, so the search
    # still looks where the conversation is
    if (_PERSONAL.search(q) or _NON_PERSONAL.search(q)) and not ABOUT.search(q) and asked_before:
        return f"{_capitalise(_LEAD.sub('', q).rstrip(' ?.!'))}? (about: {topic or asked_before})"
    return question


# "What approach to AI has ...", "Which route did ...", "What company won ...": a question asking for a thing of a
# kind (a noun right after the question word; "what did ...", "what is ..." ask something else).
_AUX = r"(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could|should)"
_ASKS_FOR_THING = re.compile(
    rf"^\s*(?:and\s+)?(?:what|which)\s+(?!{_AUX}\b|about\b|if\b|happened\b|happens\b)"
    rf"(?P<thing>[a-z][\w’'-]*(?:\s+(?!{_AUX}\b)[\w’'-]+){{0,3}}?)\s+(?P<rest>{_AUX}\b.*)$", re.I)
# "What did the FDA ban?": what someone did to something, which the answer names
_WHAT_DID = re.compile(r"^\s*(?:and\s+)?what\s+(?P<aux>did|does|do|will|would|has|have|had)\s+"
                       r"(?P<rest>(?!.*\b(?:say|said|tell|told|write|wrote|post|think|mean|happen)\b)[^?]+?)\s*\??\s*$",
                       re.I)
_ASKS_FOR_DOER = re.compile(r"^\s*(?:and\s+)?(?:what|which)\s+(?P<thing>[a-z][a-z-]+)\s+(?P<rest>[a-z]+ed\b.*)$", re.I)


# A response asked about without saying to what: "how did Anthropic respond?", "and how did the union react".
_RESPONSE = re.compile(r"\b(?:respond|responded|react|reacted|reply|replied|answer|answered|comment|commented|"
                       r"push back|pushed back|retaliate|retaliated|in (?:response|reply|return))\s*[?.!]*\s*$", re.I)
# "What is the supply chain risk designation?": the thing it asks what it is, which "it" then stands for
_DEFINED = re.compile(r"^\s*(?:and\s+)?what(?:[’']s|\s+(?:is|are|was|were))\s+(?P<thing>(?:the|a|an)\s+[^?]+?|"
                      # "what is congestion pricing", "what are Anthropic's red lines"
                      r"(?-i:(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}))"
                      r"\s*\??\s*$", re.I)
_IT = re.compile(r"\b(?:it|its)\b", re.I)
_PEOPLE = re.compile(r"[A-Z][a-z]+(?:ans|ats|ists|ers)")  # "Americans", "Democrats", "Islanders": people, not "it"
_THEY = re.compile(r"\b(?:they|them|their|theirs)\b", re.I)
# "he"/"she" do, "him"/"her" are done to: after "what did she call him?" they are two people
_SUBJECT = re.compile(r"\b(?:he|she)\b", re.I)
_SUBJECT_OR_OBJECT = {"he": "subject", "she": "subject", "him": "object", "her": "object"}


_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers|it|its|they|them|their|theirs|this|that|these|those)\b", re.I)
# "tell me more", "more details please", "anything else?", "go on": the previous question again, for what the answer
# did not say yet (``question.MORE_PREFIX`` marks it; the extractive answerer leaves out the sentences already quoted)
_MORE_REQUEST = re.compile(
    r"^\s*(?:(?:and|ok(?:ay)?|so|please)[\s,]+)*(?:(?:can|could|would) you\s+)?(?:tell me more|say more|"
    r"more(?:\s+(?:details?|info(?:rmation)?|on (?:that|this|it)|about (?:that|this|it)))?|go on|continue|keep going|"
    r"anything else|any more|elaborate|expand(?: on (?:that|this|it))?)(?:[\s,]+please)?\s*[?.!]*\s*$", re.I)
_WH_ELSE = re.compile(r"^\s*(?:and\s+)?(?:who|what|where|which|whom)\s+else\s*[?.!]*\s*$", re.I)
# "that" / "this" standing alone for something said before ("about that", "did that happen"), not "that label"
_DEMONSTRATIVE = re.compile(r"\b(?:that|this)\b(?=\s*(?:[?.!,]|$|happen|mean|matter|change|affect|hurt|help|work|"
                            r"is|was|will|would|could|be|been|come|go|lead|cost|take|end|start))", re.I)
_OPENING = re.compile(r"^(?:(?:what|who|how|why|when|where|which|did|does|do|is|are|was|were|has|have|had|in|with|to|"
                      r"at|on|of|about|for|and|so)\s+)+", re.I)


def _topic(previous: str) -> str | None:
    """What the conversation is about, from the question before: the topic it carried, the topic of a summary or a
    timeline ("What happened in the DC plane crash?" -> "the DC plane crash"), the thing it asked what it is, the
    person it asked who they are, else the names it gave."""
    if m := ABOUT.search(previous):
        return m.group("topic")
    request = parse(previous)
    if request.shape == "summary" and request.core:
        return request.core
    if request.shape == "timeline":
        topic = _OPENING.sub("", " ".join(without_asking(request.core).split())).strip(" ?.!,")
        return topic or None
    if defined := _DEFINED.match(previous):
        return defined.group("thing")
    if who := identity_asked(previous):
        return who
    return ", ".join(key_entities(previous)) or None  # "the lawsuit" alone is no topic: which one is in the names


def _bare(previous: str) -> str:
    """The previous question without what a follow-up added to it (a carried topic, a request for more); what it
    responded to stays, as words: "How did havana respond - what did biden decide about cuba"."""
    responded = re.sub(r"\s*\(to: ([^)]*)\)\s*[?.!]*\s*$", r" - \1", previous)
    return MORE_PREFIX.sub("", ABOUT.sub("", responded)).strip().rstrip("?.! ")


def _one_word_name(fragment: str) -> list[str]:
    """A name a fragment opens with that ``key_entities`` leaves out as a sentence's first capital: "Microsoft" in
    "and Microsoft?", "Trump" in "what about Trump?" (a fragment is no sentence)."""
    m = re.match(r"^(?:(?:and|but|so|also|what about|how about)\s+)?([A-Z][\w’'.-]+)\s*[?.!]*$", fragment.strip())
    return [m.group(1)] if m and m.group(1).lower() not in _NOT_A_NAME else []


_NOT_A_NAME = {"who", "what", "when", "where", "why", "how", "which", "and", "but", "so", "also", "then", "ok", "okay",
               "yes", "no", "thanks", "it", "he", "she", "they", "this", "that", "those", "these", "there", "here"}


_PLURAL_SUBJECT = re.compile(r"^\s*(?:and\s+)?(?:what|when|why|how|where|who)\s+(?:will|would|did|do|can|could|should|"
                             r"are|were|have|had|must|might)\s+(?P<many>(?:the\s+)?(?-i:[a-z][a-z-]+(?<!s)s))\b",
                             re.I)


# "How many people died at the hajj?": those counted are who "they"/"them" are next ("how many of them were Egyptian")
_COUNTED_SUBJECT = re.compile(r"^\s*(?:and\s+)?how\s+many\s+(?P<many>(?-i:[a-z][a-z-]+s|people|children|men|women))"
                              r"\s+(?!(?:did|do|does|have|had|will|would|can|could)\b)(?P<did>[a-z][^?]*?)\s*\??\s*$",
                              re.I)


def _plural_subject(previous: str) -> str | None:
    """"manufacturers" in "When will manufacturers have to stop?", "the people who died at the hajj" in "How many
    people died at the hajj?": who "they" are after it."""
    if m := _COUNTED_SUBJECT.match(previous):
        return f"the {m.group('many')} who {m.group('did')}"
    m = _PLURAL_SUBJECT.match(previous)
    return m.group("many") if m else None


def _one_person(subjects: list[str], named_here: set[str]) -> str | None:
    """The one name of a question that may be a person's, when it gives exactly one ("Biden"), else None."""
    single = [s for s in subjects if _surname_like(s) and s.lower() not in named_here]
    return single[0] if len(single) == 1 else None


def _surname_like(name: str) -> bool:
    """A one-word name that may be a person's ("Biden", "Hegseth"), not an acronym, a brand written with inner
    capitals ("OpenAI", "DeepSeek"), an organisation or a calendar word."""
    return re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", name) is not None and name.lower() not in _NOT_A_PERSON \
        and name.lower() not in CALENDAR


def _owned_object(previous: str, person: str | None, owner_thing: str | None = None) -> str | None:
    """"his farewell speech" in "What did Biden say in his farewell speech?": as "Biden's farewell speech" when the
    person is given, else as it was said; "its policy" in "Why did Starbucks change its policy?" as "Starbucks's
    policy" (``owner_thing``)."""
    m = re.search(r"\b(his|her|their|its)\s+([a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,3})\s*[?.!]*$", previous.strip())
    if not m:
        return None
    owner = owner_thing if m.group(1).lower() == "its" else person
    return f"{owner}\u2019s {m.group(2)}" if owner else f"{m.group(1)} {m.group(2)}"


def _last_object(previous: str) -> str | None:
    """The last thing a question names with "the" ("Who threatened the supply chain risk designation?" -> "the
    supply chain risk designation"): what "it" stands for when the question named nothing else. In "What did the
    court filing reveal?" the thing is the subject, and the last word its verb."""
    text = previous.rstrip("?.! ")
    found = list(re.finditer(r"\bthe\s+[a-z][\w’'-]*(?:\s+(?!(?:and|or|of|to|in|on|for|by|with|from|at|about|into|"
                             r"over|after|before|than|as|the|a|an)\b)"
                             r"[a-z][\w’'-]*){0,4}", text))
    if not found:
        return None
    last = found[-1]
    subject = re.match(rf"^\s*(?:and\s+)?(?:what|why|how|when|where|who|whom)\s+(?:{_AUX}|may|might)\s+the\b", text,
                       re.I)
    if subject and last.start() == subject.end() - 3 and len(last.group().split()) > 2:  # "... reveal", "... do to X"
        return last.group().rsplit(" ", 1)[0]
    return last.group()


def _asked_thing(previous: str) -> str | None:
    """What a "what <noun> ..." question asked for, as a phrase "it" can stand for: "What approach to AI has
    Anthropic built its brand on?" -> "the approach to AI that has Anthropic built its brand on" (the words that
    find it; the thing itself is only in the answer); what a "what is the <thing>" question asked about."""
    if defined := _DEFINED.match(previous):
        return defined.group("thing")
    m = _ASKS_FOR_THING.match(previous) or _ASKS_FOR_DOER.match(previous)
    if not m or m.group("thing").lower() in {"time", "day", "date", "year", "month"}:
        return None
    rest = re.sub(r"^(?:did|does|do)\s+", "", m.group("rest").strip().rstrip("?.! ").strip(), flags=re.I)
    return f"the {m.group('thing')} that {rest}"


_CLAIM = re.compile(r"reported that (.+?)(?:\s*\[\d+\]|$)")


def _answered_thing(previous: str, previous_answer: str | None) -> str | None:
    """The name the answer to a "which <thing>" question gave: the first name its first claim says that the
    question did not (not a day or a month; a person's only when it names nothing else)."""
    claim = _CLAIM.search(previous_answer or "")
    if not claim:
        return None
    asked = {e.lower() for e in key_entities(previous)}
    new = [name for name in key_entities(claim.group(1)) if not any(name.lower() in a or a in name.lower()
                                                                     for a in asked)
           and name.lower().split()[0] not in CALENDAR and name.lower() not in _SUFFIXES
           and not _AFFILIATION.match(name) and not re.search(rf"\b{re.escape(name)}\b", previous, re.I)]
    # a name that reads as a person's ("Northsea Ferries" may) only when no other one is given
    return next((name for name in new if not is_person(name)), new[0] if new else None)


def _fill_ellipsis(fragment: str, previous: str, subjects: list[str]) -> str:
    """"and the White House?" -> the previous question about the White House; "and in March?" -> added to it."""
    base = previous.strip().rstrip("?").strip()
    if _TIME_FRAGMENT.match(fragment):
        return f"{base} {fragment}?"
    new = key_entities(fragment) or _one_word_name(fragment)
    if new and subjects:
        old = _with_article(subjects[0], previous)
        return re.sub(re.escape(old), fragment, base, count=1) + "?"
    return f"{base} \u2014 and {fragment}?"


def _with_article(name: str, text: str) -> str:
    """The name as the text says it: "the Pentagon" when it is preceded by "the"."""
    m = re.search(rf"\b(the\s+)?{re.escape(name)}", text, re.I)
    return m.group(0) if m else name


def _name_for(pronoun: re.Match, name: str) -> str:
    """The name a pronoun stands for, owning what follows when the pronoun does ("his deal" -> "Lowe's deal");
    "her" owns only when a word follows it ("her deal"), not at a question's end ("about her?")."""
    word = pronoun.group().lower()
    after = pronoun.string[pronoun.end():]
    owns = word in _POSSESSIVE and (word != "her" or re.match(r"\s+(?!(?:to|about|for|with|from|on|in|at|and|or|"
                                                                r"if|that|when|after|before)\b)[a-z]", after, re.I))
    return f"{name}\u2019s" if owns else name


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]

"""What a question asks for, whatever its surface: the core question and the shape of the answer it wants.

Analysts type requests as often as questions ("Summarize the dispute", "tell me about the DPA",
"can you explain why the talks collapsed", lower case, no question mark). ``parse`` strips the polite or
imperative wrapper to get the core question, and says which of four answer shapes it wants:

- ``focused``: one fact (a name, a date, a figure, the outlet, or a short general answer): the few
  sentences that answer it best;
- ``summary``: an open request about a topic ("summarize", "tell me about", "explain", "overview"):
  one claim per relevant article, most relevant first;
- ``comparison``: "compare", "how did ... differ", "how do the articles describe": one claim per
  source, side by side;
- ``timeline``: "timeline", "what happened", "how did ... unfold": one claim per dated article, in
  order of publication.

Each rule here serves a class of wordings, listed in its pattern; tests check them on wordings they were
not written from (tests/test_question.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# Politeness and framing that carry no content: "please", "can you tell me", "I'd like to know".
_WRAPPER = re.compile(
    r"^(?:(?:please|ok(?:ay)?|hi|hey|so|now)[\s,]+)*"
    r"(?:(?:can|could|would|will) you(?: please)?\s+|i(?:'d| would) like (?:you )?to\s+|i want (?:you )?to\s+|"
    r"help me\s+|let(?:'s| us)\s+)?",
    re.I,
)
# A request for the gist of a topic: the verb (or phrase) and what follows is the topic. (Matched with
# ``match(text, pos)``, so no ``^``.)
_SUMMARY = re.compile(
    r"(?:summari[sz]e|sum up|recap|outline|overview(?: of)?|brief me(?: on)?|fill me in(?: on)?|"
    r"catch me up(?: on)?|walk me through|give (?:me )?(?:an? |the )?(?:(?:quick|short|brief|general|high-level) )?"
    r"(?:overview|summary|rundown|recap|brief(?:ing)?|gist|background)(?: (?:of|on|about))?|"
    r"tell me (?:about|more about|everything about)|what do (?:we|you|the (?:articles|sources)) know about|"
    r"what(?:'s| is) (?:going on|happening|the latest|the story|the situation) (?:with|on|in|about)|"
    r"what is the (?:background|context) (?:of|to|on)|explain|describe|discuss|summary of|background on|"
    # "give me three facts about X", "key takeaways from X", "what are the main points of X", "any updates on X"
    r"(?:give me |what are )?(?:the )?(?:(?:two|three|four|five|a few|some|the) )?(?:key |main |basic |essential )?"
    r"(?:facts|(?:bullet )?points|bullets|takeaways|highlights|details|things to know)(?: (?:about|on|of|from|in))|"
    # "who are the key players in X", "who is involved in X": the people of a story, as each article's telling names
    r"who(?:'s|’s| is| are| were) (?:the )?(?:(?:key|main|major|central|principal) )?"
    r"(?:players|actors|parties|figures|people|names|stakeholders)(?: involved)? (?:in|on|behind)|"
    r"who(?:'s|’s| is| are| was| were) involved in|"
    # "which article is the most recent", "the latest article on X": each article's telling, the newest first
    r"(?:(?:which|what) (?:is|was|are) )?(?:the |your )?(?:most recent|latest|newest) "
    r"(?:articles?|stor(?:y|ies)|reports?|pieces?)(?: (?:is|are))?(?: (?:on|about|from|regarding))?|"
    r"(?:any )?(?:updates|news) (?:on|about)|the gist of|"
    # "the latest on X", "what's new with X", "an update on X", "any news about X": the newest reporting on X
    r"(?:(?:what(?:'s|’s| is) )?(?:the )?latest(?: news)?|what(?:'s|’s| is) new|"
    r"(?:(?:is|are) there )?(?:any |an )?update|"
    r"(?:(?:is|are) there )?(?:any |the )?(?:latest )?news) (?:on|about|with|from|in|regarding))\b[\s:,]*",
    re.I,
)
# A topic typed as a search with what is wanted of it last: "tiktok ban latest", "LA fires news", "egg prices
# update" (lower case: "... Fox News" names an outlet). Not after a question word: "what is the latest news".
_TRAILING_LATEST = re.compile(r"(?P<topic>.+?)[\s:,-]+(?:the\s+)?(?:latest(?:\s+news)?|news|updates?|latest\s+updates?)"
                              r"[\s?.!]*$")
_QUESTION_WORD = re.compile(r"(?:how|what|why|when|where|who|whom|whose|which|does|do|did|is|are|was|were|has|"
                            r"have|had|can|could|will|would|should|any)\b", re.I)
# A question word, an auxiliary or a request verb anywhere: a question or a request, however short ("deepseek who
# founded", "tiktok banned?", "walk me through the talks").
_NOT_BARE = re.compile(r"\b(?:who|whom|whose|what|when|where|why|how|which|is|are|was|were|did|does|do|has|have|had|"
                       r"can|could|will|would|should|may|might|summari[sz]e|explain|describe|compare|contrast|list|"
                       r"name|tell|give|show|find|outline|recap|brief|discuss|define|identify|quote|walk|catch|fill|"
                       r"any|and|or|vs|versus|me)\b", re.I)
BARE_TOPIC_WORDS = 2  # "la fires", "Southwest Airlines"; three words are mostly a topic and what is asked of it


def _bare_topic(text: str) -> bool:
    """Whether the text is a topic typed as a search, a word or two with no question in them: "tiktok", "la fires",
    "Southwest Airlines". Asked for as "tell me about" it: each article's telling ("ferry strike victims" asks
    something of the topic, a focused question)."""
    words = text.strip(" .!").split()
    return 0 < len(words) <= BARE_TOPIC_WORDS and "?" not in text and not _NOT_BARE.search(text)


# "tell me who ...", "explain why ...", "find out when ...": the wrapper of an embedded question.
_EMBEDDED = re.compile(
    r"(?:tell me|explain|show me|find(?: out)?|say|list|name|give me|i (?:wonder|want to know)|do you know|"
    r"describe)\s+(?=(?:who|whom|whose|what|when|where|why|how|which|whether|if)\b)",
    re.I,
)
# "name the judge deciding the case", "identify the company that bought the site": which one, asked by its name ("list
# the ..." asks for several and stays a request of its own)
_NAME_THE = re.compile(r"(?:name|identify)\s+(?:the|a|an)\s+(?=\w)", re.I)
# "Is there any evidence the talks will resume?", "any sign that X", "do we know if X": whether X, asked about
# through the evidence for it. The frame's words are not what a sentence must say ("evidence" rarely is).
_WHETHER_FRAME = re.compile(
    r"(?:(?:(?:is|was|has) there (?:been )?|are there |do (?:we|you|the (?:articles|sources)) (?:have|see) )"
    r"(?:any |an |a )?|any )"
    r"(?:evidence|signs?|indications?|hints?|confirmation|reports?)\s+(?:that\s+|of\s+|whether\s+|if\s+)?"
    r"(?=\S)|(?:do|does) (?:we|anyone|the (?:articles|sources)) (?:know|say) (?:whether|if)\s+",
    re.I,
)
_COMPARISON = re.compile(
    r"\b(?:compare[sd]?|comparison|contrast|differ(?:s|ed|ence|ences|ent|ently)?|distinguish|"
    # "the Texas vs. Texas A&M game" names a contest; "Texas versus Texas A&M" compares
    r"(?:versus|vs\.?)(?!\.?\s+(?:[\w&.'’-]+\s+){1,4}(?:game|match|matchup|case|fight|bout|series|rivalry|race|final|"
    r"showdown|clash|contest)\b)|"
    r"(?:how|what) do(?:es)? (?:the )?(?:articles|sources|outlets|reports|coverage) (?:describe|portray|frame|"
    r"characteri[sz]e|cover|say about|report)|each side|both sides|(?:the )?two sides'? (?:positions?|views?)|"
    r"disagree|agree or disagree|contradict)\b",
    re.I,
)
_TIMELINE = re.compile(
    r"\b(?:timeline|time line|chronolog\w*|sequence of events|order of events|what (?:has )?happened|"
    r"how did .{1,80} (?:unfold|develop|evolve|play out)|how has .{1,80} "
    r"(?:unfolded|developed|evolved)|events? (?:between|from|since|leading)|key (?:dates|events|moments|milestones)|"
    r"developments|step by step)\b",
    re.I,
)


# A request about the articles themselves, with no topic: "summarize the articles", "what do the sources say",
# "give me an overview", "summarise what each article says".
_ARTICLES = (r"(?:(?:the|all|all the|these|my|each|every)\s+)?"
             r"(?:articles?|sources?|stories|story|reports?|reporting|coverage|news)")
_LIBRARY = re.compile(
    rf"(?:summari[sz]e|sum up|recap|brief me on|give me (?:an? |the )?(?:(?:quick|short|brief|general) )?"
    rf"(?:overview|summary|rundown|recap|gist)(?: of)?)(?:\s+{_ARTICLES}|\s+what {_ARTICLES} (?:says?|report|tells?))?"
    rf"|what do(?:es)? {_ARTICLES} (?:say|report|tell (?:me|us))|give me an overview|brief me|catch me up"
    # "which article is the most recent", "show me the latest stories": each article, the newest first
    r"|(?:(?:show me|give me|which|what) (?:(?:is|was|are|were) )?)?(?:the |your )?(?:most recent|latest|newest) "
    r"(?:articles?|stor(?:y|ies)|reports?|pieces?|news|headlines|updates)(?: (?:is|are|was|were))?"
    r"|what(?:'s|’s| is) (?:the )?(?:latest|new)"
    r"|(?:which|what) (?:articles?|stor(?:y|ies)|reports?|pieces?) (?:is|are|was|were) (?:the )?"
    r"(?:most recent|latest|newest)(?: ones?)?",
    re.I,
)


# A question asked after sentences that set its scene, as news quizzes and analysts write them: "Donald Trump was
# sworn in Monday. Which holiday coincided with his inauguration?" The question is the last sentence; the ones
# before it are context (what the answer is about, not what it must say).
_AFTER_CONTEXT = re.compile(
    r"(.{12,}?[.!])\s+((?:what|which|who|whom|whose|when|where|why|how|in what|in which|on what|at what|to what|"
    r"to which|from what|for what|is|are|was|were|did|does|do|has|have|will|can)\b[^.!?]*\?)$",
    re.I,
)


@dataclass(frozen=True)
class Request:
    """A question as understood: ``core`` is what is asked ("why the talks collapsed"), ``shape`` the answer's."""

    text: str  # as typed (whitespace collapsed)
    core: str  # without the wrapper; the topic for a summary request
    shape: str  # focused | summary | comparison | timeline
    start: int = 0  # where the core begins in ``text``: what stands before it is the wrapper
    context: str = ""  # what a question's own sentences said before it ("The IRS began ... this week. What is ...?")
    whether: bool = False  # asked through the evidence for it: "is there any sign that <core>"
    more: bool = False  # "Tell me more: <the previous question>" (answering/followup.py): beyond what was said


# A follow-up carrying the conversation's topic (answering/followup.py): "How many people died? (about: the DC plane
# crash)". The topic is context, as a question's scene-setting sentences are.
MORE_PREFIX = re.compile(r"^Tell me more:\s+")  # a follow-up asking for more of the answer before (followup.py)
ABOUT = re.compile(r"\s*\(about: (?P<topic>[^)]+)\)\s*[?.!]*\s*$")


def parse(question: str) -> Request:
    """The core question and the answer shape it wants (see the module docstring)."""
    text = " ".join(question.split())
    if more := MORE_PREFIX.match(text):
        request = parse(text[more.end():])
        return replace(request, text=text, start=request.start + more.end(), more=True)
    if about := ABOUT.search(text):
        request = parse(text[: about.start()])
        if request.shape == "summary" and not request.core:  # "what's new?" in a conversation about X: X's news
            return replace(request, text=text, core=about.group("topic"))
        return replace(request, text=text, context=f"{about.group('topic')}. {request.context}".strip())
    start = _WRAPPER.match(text).end()
    if start >= len(text):
        start = 0
    if _LIBRARY.fullmatch(text[start:].strip(" ?.!")):
        return Request(text, "", "summary", len(text))  # the articles themselves: every article, its gist
    if (m := _TRAILING_LATEST.match(text, start)) and not _QUESTION_WORD.match(text, start):
        return Request(text, m.group("topic"), "summary", start)
    if _bare_topic(text[start:]):  # "tiktok", "la fires", "southwest airlines": a topic typed as a search
        return Request(text, text[start:].strip(" .!"), "summary", start)
    whether = which = False
    if m := _EMBEDDED.match(text, start):
        start = m.end()
    elif m := _NAME_THE.match(text, start):
        start, which = m.end(), True
    elif (m := _WHETHER_FRAME.match(text, start)) and len(text[m.end():].split()) >= 2:
        start, whether = m.end(), True
    elif m := _SUMMARY.match(text, start):
        topic = text[m.end():].strip(" ?.!")
        if topic and not re.match(r"(?:who|whom|whose|what|when|where|why|how|which)\b", topic, re.I):
            shape = "timeline" if _TIMELINE.search(topic) else "comparison" if _COMPARISON.search(topic) else "summary"
            return Request(text, topic, shape, text.index(topic, m.end()))
        if topic:
            start = text.index(topic, m.end())
    context = ""
    if m := _AFTER_CONTEXT.match(text, start):
        context, start = m.group(1), m.start(2)
    core = text[start:]
    core = f"Which {core}" if which else core[:1].upper() + core[1:]
    if _TIMELINE.search(core):
        return Request(text, core, "timeline", start, context)
    if _COMPARISON.search(core) or _SOURCES_DESCRIBE.match(core):  # "How was the deal described in the articles?"
        return Request(text, core, "comparison", start, context)
    return Request(text, core, "focused", start, context, whether)


_DATE_WORDS = re.compile(r"\b(?:(?:early|mid|late)[\s-]+)?(?:january|february|march|april|may|june|july|august|"
                         r"september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|"
                         r"sunday|today|yesterday|this|last|week|month|year|day)\b|\b\d{1,4}(?:st|nd|rd|th)?\b",
                         re.I)


# "How do the articles describe the size of the contract?": the frame asks about the sources; the subject is what
# a sentence must be about ("the contract"; "the size of" asks for an amount, which the sentence gives in figures).
_OUTLETS = r"(?:the\s+|these\s+|all\s+)?(?:different\s+|various\s+|other\s+)?(?:articles?|sources?|outlets?|" \
           r"reports?|coverage|stories|media|newspapers?|papers?)"
_SOURCES_DESCRIBE = re.compile(
    rf"^(?:how|what)\s+(?:do|does|did)\s+{_OUTLETS}\s+(?:describe|portray|frame|characteri[sz]e|cover|say about|"
    r"report(?:\s+on|\s+about)?|treat)\s+(?P<subject>.+?)\s*[?.!]*$"
    # "How did coverage of DeepSeek differ between outlets?"
    r"|^how\s+(?:do|does|did)\s+(?:the\s+)?(?:coverage|reporting|accounts?)\s+(?:of|on|about)\s+(?P<covered>.+?)\s+"
    r"(?:differ|vary|compare)\b.*$"
    # "How was DeepSeek covered by different outlets?"
    rf"|^how\s+(?:is|was|are|were|has|have)\s+(?P<passive>.+?)\s+(?:been\s+)?(?:described|portrayed|framed|"
    rf"characteri[sz]ed|covered|reported(?:\s+on)?|treated)\s+(?:by|in|across|among)\s+{_OUTLETS}\s*[?.!]*$", re.I)
_AMOUNT_OF = re.compile(r"\b(?:the\s+)?(?:size|amount|value|number|total|sum|scale|magnitude)\s+of\s+", re.I)


def described_subject(core: str) -> str | None:
    """What a question asks the sources to describe, without the frame: "How do the articles describe the size of
    the contract?" -> "the contract"; None for any other question."""
    m = _SOURCES_DESCRIBE.match(core.strip())
    return _AMOUNT_OF.sub("", m.group("subject") or m.group("covered") or m.group("passive")) if m else None


_ASKING_FOR_EVENTS = re.compile(r"\b(?:time ?line|chronolog\w*|sequence|order|happen(?:s|ed)?|unfold(?:s|ed)?|"
                                r"develop(?:s|ed)?|evolve[sd]?|play(?:s|ed)? out|events?|key|dates?|moments?|"
                                r"milestones?|developments?|step|give|show|walk|through|me)\b", re.I)


def without_asking(core: str) -> str:
    """What a timeline request is about once its asking ("what happened", "timeline of") and its dates are set aside:
    "" for "What happened on January 20, 2025?" (every article of that day), "the TikTok ban" for "Give me a
    timeline of the TikTok ban"."""
    return _DATE_WORDS.sub(" ", _ASKING_FOR_EVENTS.sub(" ", core))


# The two sides of a comparison: "compare X with Y", "how did X differ from Y", "how do X and Y <describe Z>",
# "<question about X> and <question about Y>" ("does the pentagon want ... and what does anthropic say ...").
_TWO_QUESTIONS = re.compile(
    r"^(.{8,}?)(?:,\s*|\s+)and\s+((?:how|what|why|when|where|who|which|does|do|did|is|are)\b.{8,})$", re.I)
_COMPARE_WITH = re.compile(r"^(?:compare|contrast)\s+(?:how\s+)?(.+?)\s+(?:with|to|against|versus|vs\.?)\s+(.+)$", re.I)
_DIFFER_FROM = re.compile(r"^(?:how|in what ways?|where)\s+(?:did|does|do|is|are|was|were)\s+(.+?)\s+"
                          r"(?:differ|diverge|contrast)\s+(?:from|with)\s+(.+)$", re.I)
# How a source treats a subject, in any tense: "describe", "covered", "reported on", "wrote about".
_TREATS = (r"(?:describe[sd]?|characteri[sz]e[sd]?|see|saw|sees|view(?:s|ed)?|talk(?:s|ed)? about|frame[sd]?|"
           r"portray(?:s|ed)?|treat(?:s|ed)?|cover(?:s|ed)?|report(?:s|ed)?(?: on)?|wr(?:ite|ites|ote) about|"
           r"present(?:s|ed)?|handle[sd]?)")
_X_AND_Y = re.compile(r"^(?:how|in what ways?)\s+(?:do|does|did)\s+(.+?)\s+and\s+(.+?)\s+"
                      rf"((?:{_TREATS}|disagree about|differ on|differ about)\b.*)$", re.I)
_COMPARE_HOW = re.compile(rf"^(?:compare|contrast)\s+how\s+(.+?)\s+and\s+(.+?)\s+({_TREATS}\b.*)$", re.I)


_AND_WH = re.compile(r"^((?:how|what|why|when|where|who|which|does|do|did|is|are|was|were)\b.{6,}?)[,\s]+and\s+"
                     r"(why|when|where|how|how so|since when)\s*[?.!]*$", re.I)
_QUESTION_START = re.compile(r"^(?:how|what|why|when|where|who|whom|whose|which|does|do|did|is|are|was|were|has|"
                             r"have|can|will)\b", re.I)


# What a topic is searched without: the words of a summary's or a timeline's frame, and words that carry nothing
_FRAME_ONLY = re.compile(r"\b(?:the|a|an|of|on|in|at|to|for|with|about|and|or|so|far|me|us|it|this|that|these|those|"
                         r"what|who|has|have|had|is|are|was|were|be|been|next|then|since|after|before|now)\b", re.I)


# The newest reporting asked for: "the latest on X", "what's new", "any news about X", "the most recent article"
_LATEST = re.compile(r"\b(?:latest|newest|most recent|recent|updates?|what[’']?s new|so far|any news|news (?:on|about|"
                     r"regarding))\b|\bnews\W*$", re.I)


def asks_latest(question: str) -> bool:
    """Whether the question asks for the newest reporting (a summary of it is told newest first)."""
    return bool(_LATEST.search(question))


def search_text(question: str) -> str:
    """What to search the library for: a summary's or a timeline's topic without the words asking for it ("the latest
    on the tiktok ban" -> "the tiktok ban", "what happened with the Southwest lawsuit" -> "the Southwest lawsuit":
    "latest" and "happened" are no topic words, and articles that use them are no closer to it). Any other question,
    and a request with no topic of its own ("What happened on January 20, 2025?"), as it is."""
    request = parse(question)
    if request.shape == "summary" and request.core:
        return request.core
    if request.whether:  # "is there any sign the strike will end" is searched as "the strike will end"
        return request.text[request.start:]
    if request.shape == "timeline":
        topic = " ".join(_ASKING_FOR_EVENTS.sub(" ", request.core).split()).strip(" ?.!,")
        if _FRAME_ONLY.sub(" ", without_asking(topic)).strip(" ?.!,"):
            return topic
    return question


def compound_parts(question: str) -> list[str] | None:
    """Two questions asked at once ("Who is Hegseth and what did he promise?"): each, to be answered in turn. None
    for one question, and for a comparison (its two sides are answered side by side)."""
    request = parse(question)
    if request.shape != "focused" or request.context:
        return None
    if why := _AND_WH.match(" ".join(request.core.split())):  # "What did the FDA ban and why?": then why it did
        return [f"{why.group(1)}?", f"{why.group(2)[:1].upper()}{why.group(2)[1:].lower()}?"]
    m = _TWO_QUESTIONS.match(" ".join(request.core.split()).strip(" ?.!"))
    if not m or not _QUESTION_START.match(m.group(1)):
        return None
    second = m.group(2)
    return [f"{m.group(1)}?", f"{second[:1].upper()}{second[1:]}?"]


def sides(question: str) -> tuple[str, str] | None:
    """The two sides a comparison sets against each other, each as text to score sentences against."""
    text = " ".join(question.split()).strip(" ?.!")
    if m := _TWO_QUESTIONS.match(text):
        return m.group(1), m.group(2)
    for pattern in (_COMPARE_HOW, _X_AND_Y):
        if m := pattern.match(text):
            return f"{m.group(1)} {m.group(3)}", f"{m.group(2)} {m.group(3)}"
    for pattern in (_COMPARE_WITH, _DIFFER_FROM):
        if m := pattern.match(text):
            return m.group(1), m.group(2)
    return None


"""The extractive answerer's selection rules on hand-made passages (real embedder, no store)."""

from __future__ import annotations

from dataclasses import replace

from briefing.answering.extractive import ExtractiveBackend, _names_near, _sentences
from briefing.answering.text import answer_type, qualitative_amount, satisfies_type
from briefing.answering.verify import verify
from briefing.types import Passage


def quotes_of(draft) -> list[str]:
    """Every quote of a draft's claims, in order."""
    return [q for claim in draft.claims for q in claim.quotes.values()]


def passage(n: int, text: str, **meta) -> Passage:
    meta.setdefault("published", "2026-03-05")
    meta.setdefault("title", f"Article {n}")
    return Passage(passage_id=f"p{n}", article_id=f"a{n}", text=text, start=0, end=len(text), score=0.6, **meta)


def answered(embedder, question: str, passages: list[Passage]):
    """The extractive answer to ``question`` from ``passages``, as the verifier lets it through."""
    return verify(question, ExtractiveBackend(embedder).generate(question, passages), passages, "extractive")


def passages_of(table: list[tuple[str, str, str]]) -> list[Passage]:
    """Passages 1, 2, ... of a table of (text, outlet, title) rows, one article each."""
    return [passage(i, text, outlet=outlet, title=title) for i, (text, outlet, title) in enumerate(table, 1)]


class RecordingRetriever:
    """The chain's retriever seam: fixed passages for every search, each search recorded (question, since, until)."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        self.searches: list[tuple[str, str | None, str | None]] = []

    def retrieve(self, question, k=8, since=None, until=None, sources=None):
        self.searches.append((question, since, until))
        return list(self.passages)

    def openings(self, passages):
        return passages


def chain_over(retriever, embedder, tmp_path):
    """The answer chain over ``retriever`` with the extractive backend."""
    from briefing.answering.chain import AnswerChain
    from briefing.audit import AuditLog

    return AnswerChain(retriever, {"extractive": ExtractiveBackend(embedder)}, AuditLog(tmp_path / "audit.jsonl"),
                       embedder=embedder)


def test_a_sentence_pointing_back_is_quoted_with_the_sentence_before_it(embedder):
    text = ("Policy is also evolving. DoD Directive 3000.09 governs autonomy in weapon systems, and the NIST "
            "framework guides testing of AI controls. Any new Anthropic-DoD pact will likely reference these "
            "standards to define what is in and out of scope.")
    p = passage(1, text)
    draft = ExtractiveBackend(embedder).generate("Which standards would a new Anthropic-DoD pact reference?", [p])
    quotes = quotes_of(draft)
    assert any("these standards" in q and "Directive 3000.09" in q for q in quotes)
    answer = verify("Which standards would a new Anthropic-DoD pact reference?", draft, [p], "extractive")
    assert not answer.abstained
    assert all(c.quote in text for c in answer.citations)  # still one verbatim span of the passage


def test_how_much_of_something_can_be_answered_in_words_but_how_many_needs_a_number(embedder):
    assert qualitative_amount("How much progress had the talks made?").search("virtually no progress was made")
    assert qualitative_amount("How many contracts were cancelled?") is None
    assert qualitative_amount("How much did the contract cost?") is None
    p = passage(1, "Anthropic said Thursday that virtually no progress had been made in its talks with the "
                   "Pentagon ahead of the deadline. The company was one of several firms that received a "
                   "$200 million contract last summer.", outlet="The Hill", published="2026-02-26")
    draft = ExtractiveBackend(embedder).generate("How much progress had Anthropic's talks with the Pentagon made?", [p])
    assert draft.claims and "virtually no progress" in draft.claims[0].text


def test_which_outlet_questions_want_a_sentence_naming_who_reported_it():
    assert answer_type("Which news outlet first reported that the talks had resumed?") == "source"
    assert answer_type("Who first reported the deal?") == "source"
    assert answer_type("Who is the Pentagon's chief spokesperson?") == "who"
    assert satisfies_type("source", "The renewed talks, first reported by the Financial Times, may go on.")
    assert satisfies_type("source", "An Anthropic spokesperson told The Hill in a statement.")
    assert not satisfies_type("source", "The talks resumed on Thursday after a breakdown.")


def test_which_noun_prefers_a_sentence_that_names_one():
    question = "Which AI model did the Pentagon want to use?"
    assert _names_near(["model"], "It asked to access its AI model Claude for all lawful purposes.", question)
    assert not _names_near(["model"], "Allow the Pentagon to use Anthropic's model for all purposes.",
                           "Which Anthropic model did the Pentagon want to use?")
    assert not _names_near(["model"], "The model was used for all lawful purposes.", question)


def test_an_amount_asked_for_a_year_comes_from_that_year(embedder):
    from briefing.answering.extractive import ExtractiveBackend

    def passage(pid, text, published):
        return Passage(passage_id=pid, article_id=pid, text=text, title="Port finances", outlet="Courier",
                       published=published, url=None, source_path=None, start=0, end=len(text))

    backend = ExtractiveBackend(embedder)
    other_year = [passage("a", "The port authority's budget reached $45 million in 2023, officials said.",
                          "2024-02-01")]
    draft = backend.generate("What was the port authority's budget in 2025?", other_year)
    assert not draft.claims
    last_year = [passage("b", "The port authority's budget reached $45 million last year, officials said.",
                         "2026-02-01")]
    draft = backend.generate("What was the port authority's budget in 2025?", last_year)
    assert draft.claims and "$45 million" in draft.claims[0].text


def test_a_summary_of_the_whole_story_is_told_apart_from_a_summary_of_one_detail():
    from briefing.answering.text import whole_story

    assert whole_story("the dispute", set())
    assert whole_story("the coverage of the Harbor Authority and the Ferry Union", set())
    assert whole_story("harbor authority and the ferry union", {"harbor", "authority", "ferry", "union"})
    assert not whole_story("the union's final offer", {"union"})
    assert not whole_story("the Harbor Authority's legal challenge", set())


FERRY = [
    ("Ferry crews in Port Elland walked off the job on Monday after the Harbor Authority rejected the union's final "
     "offer. The union's final offer asked for a six percent raise and a guaranteed rest day after every four "
     "shifts, a union steward said. Islanders queued for hours at the pier.", "2026-04-06", "Elland Courier"),
    ("The Harbor Authority hired two charter boats on Tuesday to keep medical supplies moving during the ferry "
     "strike. Officials said the charters would run twice a day until the dispute ends.", "2026-04-07", "Island Post"),
]


def test_a_summary_of_one_detail_quotes_the_sentence_about_it_not_the_articles_opening(embedder):
    passages = [passage(i, text, published=day, outlet=outlet) for i, (text, day, outlet) in enumerate(FERRY, 1)]
    detail = ExtractiveBackend(embedder).generate("Tell me about the union's final offer", passages)
    assert detail.claims and "six percent raise" in detail.claims[0].text
    story = ExtractiveBackend(embedder).generate("Summarize the coverage of Port Elland and the Harbor Authority",
                                                 passages)
    assert any("walked off the job" in claim.text for claim in story.claims)  # the whole story: the opening


def test_the_abstention_threshold_decides_whether_to_answer_and_further_claims_need_a_share_of_the_best(
        embedder, monkeypatch):
    import briefing.answering.extractive as extractive

    floors = []
    select = extractive.ExtractiveBackend._select

    def spy(candidates, vectors, eligible, kind, floor):
        floors.append((floor, max(candidates[i].relevance for i in eligible)))
        return select(candidates, vectors, eligible, kind, floor)

    monkeypatch.setattr(extractive.ExtractiveBackend, "_select", staticmethod(spy))
    text = ("Switching ferry operators is rarely quick for the islands. Crews must be retrained, berths refitted and "
            "safety certificates renewed, which can take months. The harbor also needs new timetables.")
    question = "What does switching ferry operators involve for the islands?"
    ExtractiveBackend(embedder).generate(question, [passage(1, text)])
    best = floors[-1][1]
    monkeypatch.setattr(extractive, "MIN_RELEVANCE", best - 0.001)  # the best claim just clears the threshold
    draft = ExtractiveBackend(embedder).generate(question, [passage(1, text)])
    assert draft.claims
    assert floors[-1][0] == best * extractive.RELATIVE_FLOOR  # not the threshold: that is for the best claim


def test_a_figure_of_another_partys_deal_does_not_answer_how_much_ones_deal_is_worth(embedder):
    text = ("The Harbor Authority signed a ferry contract worth $4 million with Elland Ferries last spring. "
            "Island Lines, a rival operator, also runs crossings to the islands.")
    p = passage(1, text, outlet="Island Post")
    for question in ("How much is Island Lines' ferry contract worth?", "how much is island lines's contract worth",
                     "What is Island Lines's deal with the Harbor Authority worth?"):
        draft = ExtractiveBackend(embedder).generate(question, [p])
        assert not draft.claims, question
    draft = ExtractiveBackend(embedder).generate("How much is the Harbor Authority's ferry contract worth?", [p])
    assert draft.claims and "$4 million" in draft.claims[0].text


def test_a_comparison_puts_a_sentence_for_each_side_side_by_side(embedder):
    from briefing.answering.question import sides

    assert sides("Compare the union's offer with the Harbor Authority's reply") == \
        ("the union's offer", "the Harbor Authority's reply")
    assert sides("How did the union's demand differ from the authority's offer?") == \
        ("the union's demand", "the authority's offer")
    assert sides("how do the crews and the authority describe the rota differently") == \
        ("the crews describe the rota differently", "the authority describe the rota differently")
    assert sides("did the crews strike and what did the authority say about it") == \
        ("did the crews strike", "what did the authority say about it")
    assert sides("What did the union and the authority agree?") is None
    text = ("The ferry union's offer asked for a six percent raise. The union's offer also asked for a rest day after "
            "every four shifts. Union leaders said the offer was their last. The offer would cost the islands about "
            "two million a year, the union said. The Harbor Authority replied that it could pay three percent at most.")
    draft = ExtractiveBackend(embedder).generate("Compare the union's offer with the Harbor Authority's reply",
                                                 [passage(1, text)])
    claims = " ".join(claim.text for claim in draft.claims)
    assert "three percent at most" in claims  # the authority's side
    assert "offer" in claims.split("Harbor Authority replied")[0]  # and, before it, the union's


def test_a_question_the_article_asks_is_never_a_claim_and_as_a_subhead_it_heads_the_answer(embedder):
    text = ("The Harbor Authority met on Tuesday to review the ferry timetable.\n"
            "When will the new ferry timetable begin?\n"
            "The Authority said the winter schedule takes effect on March 3, with two fewer crossings a day.\n"
            "Will the fares go up as well? Officials would not comment on prices.")
    p = passage(1, text, outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate("When does the new ferry timetable begin?", [p])
    quotes = quotes_of(draft)
    assert quotes and not any(q.rstrip().endswith("?") for q in quotes)  # the article's questions state nothing
    assert "March 3" in quotes[0]  # the sentence under "When will ... begin?" answers it


def test_a_name_question_scores_sentences_on_what_happened_not_on_the_words_describing_the_kind_asked_for(embedder):
    text = ("Regional airlines in the Midwest announced cuts to routes this winter, Transport Weekly noted. "
            "On Monday, Skyhop said it will cut 20% of its routes by the end of March.")
    p = passage(1, text, outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate("Which regional airline announced it will cut 20% of its routes?", [p])
    assert draft.claims and "Skyhop" in draft.claims[0].text


FERRY_STRIKES = [
    ("Port Elland crews stayed out for a second week. The walkout has so far cost the operator about $4 million, "
     "the Harbor Authority said on Friday.", "Harbour Post", "Strike goes on in Port Elland"),
    ("The ferry strike cost $9 million in lost fares and repairs, the operator of the Vesterhavn crossing said. "
     "The crews returned to work on Monday, March 2.", "Nordic Shipping News", "Vesterhavn crews back at work"),
]


def test_a_figure_comes_only_from_an_article_about_what_the_question_names(embedder):
    passages = passages_of(FERRY_STRIKES)
    for question in ("How much has the Port Elland ferry strike cost?", "how much did the port elland strike cost"):
        draft = ExtractiveBackend(embedder).generate(question, passages)
        quotes = quotes_of(draft)
        assert all("$9 million" not in q for q in quotes), question  # Vesterhavn's strike, not Elland's
    draft = ExtractiveBackend(embedder).generate("How much did the Vesterhavn ferry strike cost?", passages)
    assert draft.claims and "$9 million" in draft.claims[0].text


def test_a_short_name_is_a_word_of_its_own():
    from briefing.answering.text import mentions_name

    assert mentions_name("Fires in LA burned 40 homes.", "LA")
    assert not mentions_name("The last ferry left at noon.", "LA")  # "la" inside "last"
    assert mentions_name("Fires across Los Angeles burned 40 homes.", "LA")  # spelled out


def test_a_person_is_named_by_another_form_of_the_given_name_only_before_the_same_surname():
    from briefing.answering.text import mentions_name

    assert mentions_name("Former Sen. Bob Menendez reported to prison.", "Robert Menendez")
    assert mentions_name("President Joseph R. Biden signed it.", "Joe Biden")  # a middle initial between
    assert not mentions_name("Bob said Menendez would go.", "Robert Menendez")  # not one name
    assert not mentions_name("Sen. Tom Menendez reported to prison.", "Robert Menendez")  # Tom is no Robert


def test_a_date_comes_only_from_an_article_about_what_the_question_names(embedder):
    passages = passages_of(FERRY_STRIKES)
    draft = ExtractiveBackend(embedder).generate("When did the Port Elland crews return to work?", passages)
    assert all("returned to work" not in q for q in quotes_of(draft))
    draft = ExtractiveBackend(embedder).generate("When did the Vesterhavn crews return to work?", passages)
    assert draft.claims and "returned to work on Monday" in draft.claims[0].text


def test_a_signpost_or_a_cut_off_piece_of_a_sentence_is_never_a_claim(embedder):
    text = ("Here's what we know about the Port Elland ferry strike and the crews' demands.\n"
            "Editor's note: This page reflects news of the Port Elland ferry strike on Monday.\n"
            "Crews in Port Elland walked off the job on Monday over night shifts, the union said.\n"
            "crews of the Port Elland ferries were on strike again on Tuesday morning.")
    draft = ExtractiveBackend(embedder).generate("What do we know about the Port Elland ferry strike?",
                                                 [passage(1, text, outlet="Harbour Post")])
    quotes = quotes_of(draft)
    assert quotes and all(q.startswith("Crews in Port Elland") for q in quotes)


def test_a_who_question_wants_someone_who_did_what_it_asks_not_someone_at_the_scene(embedder):
    from briefing.answering.text import predicate

    assert predicate("Who delivered the speech at the harbour festival?").strip() == "delivered the speech"
    text = ("Mayor Ada Quill attended the official Port Elland ferry agreement ceremony at the Harbor Authority on "
            "Friday, with union leaders. Harbor master Brann Lowe signed the document for the Authority.")
    draft = ExtractiveBackend(embedder).generate(
        "Who signed the document at the official Port Elland ferry agreement ceremony?",
        [passage(1, text, outlet="Harbour Post")])
    assert draft.claims and "Brann Lowe" in draft.claims[0].text


def test_what_someone_said_is_a_sentence_with_their_words_not_one_about_them(embedder):
    from briefing.answering.text import speaker

    assert speaker("what did brann lowe write about the pier") == "brann lowe"
    assert speaker("How did the union respond?") is None
    from briefing.answering.text import speaks

    assert speaks("A union spokesperson told the Harbour Post on Friday that crews would return.", "the union")
    assert speaks("Crews will return on Monday, said Lowe.", "Brann Lowe")
    assert not speaks("The Harbor Authority told the union in writing that talks were over.", "the union")
    assert speaks("Crews will return, said Harbor Master Brann Lowe.", "Brann Lowe")  # a title between
    assert not speaks("Greta said after Lowe's four years as mayor, the pier is a ruin.", "Brann Lowe")  # spoken of
    assert not speaks("The pier will reopen, said the mayor about Lowe's plan.", "Brann Lowe")
    # who they are set off by commas, and a title of two words or more before the name
    assert speaks("Brann Lowe, a harbour engineer at the Elland institute in Vesterhavn, said the wall would hold.",
                  "Brann Lowe")
    assert speaks("\u201cThe wall will hold,\u201d said Elland Harbour engineer Brann Lowe.", "Brann Lowe")
    assert not speaks("Brann Lowe, the engineer, was not at the meeting, where the mayor said the wall would hold.",
                      "Brann Lowe")
    assert speaks("\u201cThe wall will hold,\u201d Brann Lowe, an engineer for the harbour board wrote.", "Brann Lowe")
    # whose words: not "like to" nor the noun "state"; "the articles" are the library, no one
    assert speaker("what does harbour engineer Brann Lowe like to say about the wall") == "harbour engineer Brann Lowe"
    assert speaker("How did secretary of state nominee Mara Lind describe the 2020 vote") == \
        "secretary of state nominee Mara Lind"
    from briefing.answering.extractive import _named_speaker
    assert _named_speaker("what do the articles say about the ferry deal", {"ferry"}) is None
    # two sides, set side by side, not one speaker
    assert _named_speaker("how do Harlow Council and Elland Ferries describe the levy differently", {"harlow"}) is None
    # a middle name is the asked one's own: "Andrea Lowe" is Giovanni Andrea Lowe, not someone else
    from briefing.answering.text import others_by_surname
    assert others_by_surname("Giovanni Andrea Lowe", "said councilor Giovanni Andrea Lowe. Andrea Lowe added.") == set()
    text = ("Harbor master Brann Lowe deserves support for his plan to reopen the Vesterhavn pier this spring. "
            "On Monday, Lowe said the pier would reopen only after repairs to the sea wall were finished.")
    p = passage(1, text, outlet="Harbour Post")
    for question in ("What did Brann Lowe say about the Vesterhavn pier?", "what did brann lowe say about the pier"):
        draft = ExtractiveBackend(embedder).generate(question, [p])
        assert draft.claims and "sea wall" in draft.claims[0].text, question


def test_whose_words_are_asked_the_person_not_their_workplace_title_or_a_claim_responded_to(embedder):
    """"What did Ada Roe of Harlow University say": Ada Roe's words (named "Roe" after the first mention); "how did Rep.
    Ada Roe describe": "Rep." is her title, no name an article must mention; "how did Roe respond to Lowe's claim"
    asks how she responded, not for Lowe's claim."""
    from briefing.answering.text import speaker

    assert speaker("What did Ada Roe of Harlow University say about the ferry levy?") == "Ada Roe"
    assert speaker("What did the Bank of England say about rates?") == "the Bank of England"
    assert speaker("What did Secretary of State Ada Roe say?") == "Secretary of State Ada Roe"
    assert speaker("How did Roe respond to Lowe's claim that the levy was illegal?") is None
    # the scene set before the asking words; a speech act's words; a suffix typed in lower case
    assert speaker("In her farewell address to the harbor board, what did Ada Roe say about the levy?") == "Ada Roe"
    assert speaker("what did ada roe promise to focus on in her last month") == "ada roe"
    assert speaker("In 2020, what did the council decide?") is None
    from briefing.answering.text import surname_of

    assert surname_of("roy lowe jr.") == "lowe"
    # a description headed by no name is no named speaker, whatever names its scene holds
    from briefing.answering.extractive import _named_speaker

    assert _named_speaker("what did the note found on the gunman in the May 2023 Harlow shooting warn people about",
                          {"harlow", "may"}) is None
    assert _named_speaker("What did Secretary of State Ada Roe say?", {"secretary", "ada", "roe"}) == \
        "Secretary of State Ada Roe"
    # a surname that is a title's word too is the name's ("inspector general Ada Pope"), and a preposition opening a
    # sentence before it is no other Pope's given name
    from briefing.answering.text import others_by_surname, proper_name

    assert proper_name("Harlow legislative inspector general Ada Pope") == "Ada Pope"
    assert others_by_surname("Ada Pope", "Before Pope, the board had no inspector. Pope said it was a paper tiger.") \
        == set()
    text = ("The Elland ferry levy is in bad shape, said Ada Roe, a professor of economics at Harlow University. "
            "Roe said the levy would not survive a court challenge.")
    p = passage(1, text, outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate("What did Ada Roe of Harlow University say about the ferry levy?", [p])
    assert draft.claims and "Ada Roe" in quotes_of(draft)[0], draft.abstain_reason
    titled = passage(1, "The levy would entice and mislead ferry users, Ada Roe, a Democrat on the harbor committee, "
                        "wrote to the board.")
    draft = ExtractiveBackend(embedder).generate("how did Rep. Ada Roe describe the Elland ferry levy", [titled])
    assert draft.claims and "entice and mislead" in quotes_of(draft)[0], draft.abstain_reason


def test_whose_words_a_described_speaker_a_pronoun_after_their_naming_and_a_present_tense_verb(embedder):
    """"What did Ada Roe, chair of the Harlow Ferry Trust, say": Ada Roe's words -- the description after the comma, or
    the role before the name and the workplace after it, is who she is, not her name; a quotation "she said" right
    after the sentence naming her first is hers, also when that sentence closes the passage before; "Roe admits" is
    her saying it. "Lowe attacked Roe. “...,” he said" is Lowe's, not hers."""
    from briefing.answering.text import speaker

    assert speaker("What did Ada Roe, chair of the Harlow Ferry Trust, say about the levy?") == "Ada Roe"
    assert speaker("what did Ada Roe, mother of ferry pilot Ben Roe, tell the board") == "Ada Roe"
    assert speaker("What did harbor historian Ada Roe of Harlow University say about the levy?") == \
        "harbor historian Ada Roe"
    question = "What did Ada Roe, chair of the Harlow Ferry Trust, tell the Harbour Post about the Elland ferry levy?"
    named = "Ada Roe, chair of the Harlow Ferry Trust, was asked by the Harbour Post about the Elland ferry levy."
    said = "“It is a tax on the people who can least afford the crossing,” she said."
    one = passage(1, f"{named} {said}", outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate(question, [one])
    assert draft.claims and "least afford" in " ".join(quotes_of(draft)), draft.abstain_reason
    # the naming sentence closes the passage before the quotation's
    first = replace(one, passage_id="p1a", text=named, end=len(named))
    second = replace(one, passage_id="p1b", text=said, start=len(named) + 1, end=len(named) + 1 + len(said))
    draft = ExtractiveBackend(embedder).generate(question, [second, first])
    assert draft.claims and "least afford" in " ".join(quotes_of(draft)), draft.abstain_reason
    # a sentence opening on its scene ("After the vote, ...") still names her first
    scene = passage(4, "After the vote, Ada Roe, chair of the Harlow Ferry Trust, was asked about the Elland ferry "
                       "levy. “It is a tax on the people who can least afford the crossing,” she said.",
                    outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate(question, [scene])
    assert draft.claims and "least afford" in " ".join(quotes_of(draft)), draft.abstain_reason
    # a quote opening on a sentence naming someone else ("Ben Lowe hoped ... He dreamed ..., he wrote") is theirs
    from briefing.answering.extractive import _said_by_the_one_named_before, _sentences

    lowe = passage(5, "After a while, Ada Roe left the Elland ferry office. Ben Lowe hoped the answers satisfied her."
                      "\n\nHe dreamed about the ferry “sinking under the weight of the levy,” he wrote in his journal.",
                   outlet="Harbour Post")
    journal = [c for c in _sentences([lowe]) if "sinking" in c.quote]
    assert journal and not _said_by_the_one_named_before(journal[0], "Ada Roe", [lowe])
    # someone else named first is the one "he" speaks for
    other = passage(2, "Ben Lowe, the Elland mayor, attacked Ada Roe over the ferry levy. “The Elland ferry levy is "
                       "a tax on the people who can least afford the crossing,” he said.", outlet="Harbour Post")
    assert not ExtractiveBackend(embedder).generate("What did Ada Roe say about the Elland ferry levy?", [other]).claims
    # a speech act asked ("what did Ada Roe admit"), and advice given as words ("she advised her not to ...")
    assert speaker("What did Ada Roe admit to the Harbour Post about the levy?") == "Ada Roe"
    advice = passage(6, "Kara Lind says that the last time she saw her doctor, she advised her not to take the Elland "
                        "ferry while the levy stood.", outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate("what did Kara Lind's doctor tell her about the Elland ferry",
                                                 [advice])
    assert draft.claims and "advised her" in " ".join(quotes_of(draft)), draft.abstain_reason
    present = passage(3, "The Elland ferry levy has been a long fight. “I am tired of the Elland ferry levy, and the "
                         "town is too,” Ada Roe admits.", outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate("What did Ada Roe say about the Elland ferry levy?", [present])
    assert draft.claims and "tired" in " ".join(quotes_of(draft)), draft.abstain_reason


def test_words_asked_of_a_month_or_year_are_not_from_an_article_published_before_it(embedder):
    """"What did Ada Roe say about the ferry levy in January 2025?": not her words an article of 2022 reported --
    published before then, it cannot hold them; a year naming a thing ("her 2024 campaign launch") dates no words."""
    old = passage(1, "“The Elland ferry levy is a tax on the people who can least afford the crossing,” Ada Roe said "
                     "at the harbor board meeting.", outlet="Harbour Post", published="2022-02-02")
    assert answered(embedder, "What did Ada Roe say about the Elland ferry levy in January 2025?", [old]).abstained
    new = replace(old, passage_id="p2", article_id="a2", published="2025-01-20")
    got = answered(embedder, "What did Ada Roe say about the Elland ferry levy in January 2025?", [new])
    assert not got.abstained and "least afford" in got.answer, got.answer
    got = answered(embedder, "In her 2024 campaign launch, what did Ada Roe say about the Elland ferry levy?", [old])
    assert not got.abstained and "least afford" in got.answer, got.answer
    # a month named: an article of the months before cannot hold words said then; a target ("by 2020") dates none
    march = replace(old, passage_id="p3", article_id="a3", published="2021-03-10")
    assert answered(embedder, "What did Ada Roe say about the Elland ferry levy in July 2021?", [march]).abstained
    got = answered(embedder, "What did Ada Roe say the Elland ferry levy would mean for the crossing by 2025?", [march])
    assert not got.abstained and "least afford" in got.answer, got.answer


def test_the_words_of_a_letter_are_the_signers(embedder):
    """A reader's letter signed on a line of its own ("— Ada Roe, Orla, Harlow") is the signer's words: "what did Ada
    Roe write about the ferry levy" is answered from the letter above her signature, not from the one above another
    reader's, nor from the editor's introduction above the letters."""
    forum = passage(1, "We asked readers what they think of the ferry levy.\n\nThe ferry levy will empty the island "
                       "of young families who cannot afford the crossing twice a day.\n— Ada Roe, Orla, Harlow\n\nThe "
                       "ferry levy is the fairest way to pay for the new terminal and the boats.\n— Ben Lowe, Elland, "
                       "Harlow", outlet="Harlow Ledger")
    got = answered(embedder, "what did Ada Roe of Orla say the ferry levy would do to young families on the island",
                   [forum])
    assert not got.abstained and "empty the island" in got.answer and "fairest" not in got.answer, got.answer
    # the same words asked of the other reader are not his
    got = answered(embedder, "what did Ben Lowe of Elland say the ferry levy would do to young families on the island",
                   [forum])
    assert "empty the island" not in got.answer, got.answer
    # the editor's introduction above the letters is no reader's words
    got = answered(embedder, "What did Ada Roe write to readers about the ferry levy?", [forum])
    assert "asked readers" not in got.answer, got.answer


def test_a_long_question_for_someones_words_is_judged_on_their_words_read_in_their_passage(embedder, monkeypatch):
    """A question setting its scene at length for a named speaker's words is judged on the sentence read in its
    passage, as a long figure question is: a quotation repeats little of the scene its passage tells. (The floor is
    set above what the sentence alone reaches here, so that only the passage's credit can clear it.)"""
    from briefing.answering import extractive

    text = ("It was a long evening in Harlow. Members ate cake and traded stories about storms and budgets, and the "
            "board thanked the caterers. In May 2024 the chair stepped down after eight years. Her farewell ran forty "
            "minutes. She spent part of it on the Elland levy, which had split the town. Ada Roe then turned to the "
            "ferry. “It was the right call for this town, and I would make it again tomorrow,” Roe said.")
    p = passage(1, text, outlet="Harbour Post")
    question = ("What did Ada Roe say about the Elland ferry levy in her May 2024 farewell address to the Harlow "
                "harbor board?")
    monkeypatch.setattr(extractive, "MIN_RELEVANCE", 0.6)
    draft = ExtractiveBackend(embedder).generate(question, [p])
    assert draft.claims and "right call" in " ".join(quotes_of(draft)), draft.abstain_reason
    monkeypatch.setattr(extractive, "PASSAGE_WEIGHT", 0.0)  # the sentence alone does not clear it
    assert not ExtractiveBackend(embedder).generate(question, [p]).claims


def test_what_someone_said_is_not_answered_where_the_sources_give_no_words_of_theirs(embedder):
    """"What did the Elland Ferry Company say about the closure?" over articles that tell the closure and name the
    company but give no words of it: the sources don't say -- a sentence about the topic is no one's words -- and where
    the company speaks, its words answer."""
    closure = passage(1, "The Vesterhavn pier closed on Monday after storm damage to the sea wall. Ferries of the "
                         "Elland Ferry Company were moved to the north quay, and repairs are expected to take months.",
                      outlet="Harbour Post")
    question = "What did the Elland Ferry Company say about the closure of the Vesterhavn pier?"
    draft = ExtractiveBackend(embedder).generate(question, [closure])
    assert not draft.claims and "Elland Ferry Company" in draft.abstain_reason, quotes_of(draft)
    spoken = passage(2, "The Elland Ferry Company said on Wednesday that its boats would not use the Vesterhavn pier "
                        "until the sea wall is rebuilt.", outlet="Coast Daily")
    draft = ExtractiveBackend(embedder).generate(question, [closure, spoken])
    assert draft.claims and "would not use" in quotes_of(draft)[0], draft.abstain_reason


def test_what_someone_said_goes_on_past_the_sentence_answering_first(embedder):
    """"What did Brann Lowe say about the sea wall?": his statement read on -- the quotation after the sentence in which
    he speaks, read whole across its sentences (the short ones are no claims of their own) -- and stopped where someone
    else speaks or the article goes on in its own words."""
    text = ("\"The wall is finished,\" harbour engineer Brann Lowe said of the Vesterhavn sea wall in an interview "
            "with the Coast Daily on Monday. \"It is cracked. We patch it. It breaks again. The sea wins.\" The mayor, "
            "Ada Roe, said the council would vote on repairs in March. \"We cannot wait for the next storm to decide "
            "for us,\" Roe said. Lowe has inspected the wall since 2009.")
    question = "What did Brann Lowe say about the Vesterhavn sea wall?"
    quotes = quotes_of(ExtractiveBackend(embedder).generate(question, [passage(1, text, outlet="Harbour Post")]))
    assert quotes and quotes[0].startswith("\"The wall is finished"), quotes
    assert len(quotes) >= 2 and quotes[1] == "\"It is cracked. We patch it. It breaks again. The sea wins.\"", quotes
    assert not any("Roe" in q or "since 2009" in q for q in quotes), quotes


def test_page_furniture_is_cut_from_a_claim_which_stays_a_verbatim_span(embedder):
    text = ("HARBOURTON, Elland — The Port Elland ferry crews returned to work on Monday after a two-week strike.\n\n"
            "Update:The Port Elland ferry union accepted the night-shift deal on Tuesday. Read more.\n\n"
            "∎ The Port Elland ferry strike cost the harbour authority about $4 million in lost fares.")
    p = passage(1, text, outlet="Harbour Post")
    for question in ("When did the Port Elland ferry crews return to work?",
                     "Did the Port Elland union accept the deal?", "How much did the Port Elland ferry strike cost?"):
        draft = ExtractiveBackend(embedder).generate(question, [p])
        quotes = quotes_of(draft)
        assert quotes, question
        for q in quotes:
            assert q in text and not q.startswith(("HARBOURTON", "Update", "∎")) and "Read more" not in q, q


def test_a_count_is_not_answered_by_a_year_a_time_or_a_number_naming_a_thing():
    from briefing.answering.text import amounts, satisfies_type

    assert amounts("The Ferry 5342 left Port Elland at 9 p.m. on Jan. 29, as it has since 1994.") == []
    assert amounts("About 40 people were aboard the COVID-19 test ferry.") == ["40"]
    assert amounts("Route 9 ferries carried 1,200 passengers, 5 percent of them children.") == ["1,200", "5 percent"]
    assert amounts("The repairs cost $4 million.") == ["$4 million"]
    # money or a share after a name is an amount, not part of the name ("Ferry 5342" is)
    assert amounts("The board awarded Northsea Ferries $118 million for the route.") == ["$118 million"]
    assert amounts("It gave Northsea Ferries 12 percent of the route.") == ["12 percent"]
    assert not satisfies_type("figure", "The crew of Ferry 5342 was honoured in 2019.", "How many crew died?")
    assert satisfies_type("figure", "Dozens of crew members were rescued.", "How many crew were rescued?")


def test_a_street_number_is_no_amount():
    from briefing.answering.text import amounts

    assert amounts("Volunteers gathered at the Grange Hall at 250 N. Alder Ave. in Marlow on Saturday.") == []
    assert amounts("The clinic moved to 1200 Harbor Boulevard, Suite 4.") == []
    assert amounts("The shelter at 42 Quarry St. took in 35 dogs.") == ["35"]  # the count after the address stays
    # a street's name before a noun is no address: "200 Main Street merchants" counts merchants
    assert amounts("The council wrote to 200 Main Street merchants.") == ["200"]
    assert amounts("Police said 12 Wall Street firms were fined.") == ["12"]


def test_how_many_is_answered_by_the_count_not_by_the_street_number_of_the_place(embedder):
    # "turkey and stuffing kits": a counted thing the question names in several words, so no sentence is required to
    # count "kits"; the sentence giving the place is the most like the question, and its street number is no count
    text = ("The Marlow Food Pantry will hold a drive-through giveaway of turkey and stuffing kits for the holiday at "
            "the Grange Hall at 250 N. Alder Ave. in Marlow. The pantry is giving away 600 turkey and stuffing kits, "
            "one per car.")
    question = "how many turkey and stuffing kits is the Marlow Food Pantry giving away at its drive-through giveaway"
    quotes = quotes_of(ExtractiveBackend(embedder).generate(question, [passage(1, text)]))
    assert quotes and "600 turkey" in quotes[0] and not any("250 N." in q for q in quotes), quotes


def test_how_many_is_answered_by_the_count_not_by_a_flight_number(embedder):
    text = ("In the aftermath of the collision between Ferry 5342 and a tug near Port Elland on Wednesday night, "
            "officials are seeking answers. Twelve people died in the collision, the harbour master said.\n"
            "Among those who died in the collision were two rowers who won the 1994 world championships.")
    draft = ExtractiveBackend(embedder).generate("How many people died in the ferry collision near Port Elland?",
                                                 [passage(1, text, outlet="Harbour Post")])
    quotes = quotes_of(draft)
    assert quotes and quotes[0].startswith("Twelve people died")


def test_a_question_after_sentences_setting_its_scene_is_answered_on_its_own_words(embedder):
    from briefing.answering.question import parse

    request = parse("The Port Elland crews went back to work this week. What is the deadline for their back pay?")
    assert request.core == "What is the deadline for their back pay?"
    assert request.context == "The Port Elland crews went back to work this week."
    assert parse("What did the U.S. Army say about the Port Elland strike?").context == ""
    text = ("The Port Elland ferry crews went back to work this week after a two-week strike over night shifts. "
            "The harbour authority must settle the crews' back pay by March 30, under the agreement they signed.")
    draft = ExtractiveBackend(embedder).generate(
        "The Port Elland ferry crews went back to work this week after their strike. What is the deadline for "
        "settling their back pay?", [passage(1, text, outlet="Harbour Post")])
    assert draft.claims and "March 30" in draft.claims[0].text


def test_what_someone_said_about_a_thing_comes_from_an_article_about_both(embedder):
    passages = [
        passage(1, "Harbor master Brann Lowe said on Monday that the night shifts would end before the summer season.",
                outlet="Harbour Post"),
        passage(2, "The Vesterhavn pier will reopen in May after repairs to the sea wall, the port authority said.",
                outlet="Coast Daily"),
    ]
    draft = ExtractiveBackend(embedder).generate("What did Brann Lowe say about the Vesterhavn pier?", passages)
    assert not draft.claims and "Brann Lowe and Vesterhavn" in draft.abstain_reason
    draft = ExtractiveBackend(embedder).generate("What did Brann Lowe say about the night shifts?", passages)
    assert draft.claims and "night shifts would end" in draft.claims[0].text


def test_a_question_about_money_is_answered_by_an_amount_of_money_not_a_count():
    from briefing.answering.text import satisfies_type

    asked = "How much did the Port Elland ferry strike cost?"
    assert not satisfies_type("figure", "The strike stranded three ferries and forty crew members.", asked)
    assert satisfies_type("figure", "The strike cost the authority $4 million in lost fares.", asked)
    assert satisfies_type("figure", "The strike cost the authority 4 million euros.", asked)
    assert satisfies_type("figure", "The strike stranded three ferries and forty crew members.",
                          "How many ferries did the strike strand?")
    # what is only ever counted in money, whatever verb asks for it: a count does not answer
    for asked in ("How much money has the port made selling its old ferries?", "How big a reward did police offer?",
                  "how much in subsidies did the island get after the storm"):
        assert not satisfies_type("figure", "The port has sold 12 of its 30 old ferries, officials said.", asked)
        assert satisfies_type("figure", "The port has taken in $2.5 million so far, officials said.", asked)
    # a count of things named after a tax is still a count
    assert satisfies_type("figure", "The IRS expects 140 million returns.",
                          "how many returns does the irs expect for tax year 2024")


def test_a_summary_of_a_detail_takes_only_sentences_about_it(embedder):
    passages = [
        passage(1, "The harbour council met on Tuesday to discuss the budget. Councillors observed a minute of silence "
                   "for the two crew members injured in clashes during the Port Elland ferry strike.",
                outlet="Harbour Post"),
        passage(2, "The spring fair drew record crowds on Sunday. Food stalls lined the quay and a brass band played "
                   "until late.", outlet="Coast Daily", title="Port Elland notebook"),
        # about the strike by its title only: its sentences are about something else
        passage(3, "Bus drivers in Harbourton voted on Friday to accept a new pay offer. Their union said the talks "
                   "had been calm.", outlet="Elland Weekly", title="Port Elland ferry strike: other news"),
    ]
    draft = ExtractiveBackend(embedder).generate("Summarize the news about the Port Elland ferry strike", passages)
    quotes = quotes_of(draft)
    assert quotes and all(q.startswith("Councillors observed") for q in quotes)


def test_a_story_two_articles_carry_word_for_word_is_told_once(embedder):
    wire = "The Port Elland ferry strike ended on Monday when crews accepted a deal on night shifts."
    passages = [
        passage(1, wire + " The harbour authority said sailings would resume on Tuesday.", outlet="Harbour Post"),
        passage(2, wire + " Crews had walked out two weeks earlier.", outlet="Coast Daily"),
    ]
    draft = ExtractiveBackend(embedder).generate("Summarize the news about the Port Elland ferry strike", passages)
    quotes = quotes_of(draft)
    assert sum(wire in q for q in quotes) == 1


def test_a_claim_opening_a_quotation_runs_on_to_where_it_closes(embedder):
    text = ("The harbor master spoke on Monday. \"The ferry crews deserve the night-shift deal. They kept the port "
            "running all winter.\" The union welcomed the remarks.")
    draft = ExtractiveBackend(embedder).generate("What did the harbor master say about the ferry crews' night-shift "
                                                 "deal?", [passage(1, text, outlet="Harbour Post")])
    quotes = quotes_of(draft)
    assert quotes and all(q.count('"') % 2 == 0 and q in text for q in quotes)
    assert any("running all winter.\"" in q for q in quotes)


def test_a_byline_a_contributor_note_or_a_link_is_never_a_claim(embedder):
    text = ("Ferry strike:Port Elland crews plan a second walkout over the summer.\n"
            "Mara Lind covers the Port Elland ferry strike for the Harbour Post. The Associated Press contributed to "
            "this report on the Port Elland ferry strike. For the latest on the Port Elland ferry strike, please read "
            "our live blog. Port Elland ferry crews voted on Monday to end the strike over night shifts.")
    draft = ExtractiveBackend(embedder).generate("What is the latest on the Port Elland ferry strike?",
                                                 [passage(1, text, outlet="Harbour Post")])
    quotes = quotes_of(draft)
    assert quotes and all(q.startswith("Port Elland ferry crews voted") for q in quotes)


def test_a_promotion_the_page_carries_is_never_a_claim():
    from briefing.answering.furniture import is_furniture

    assert is_furniture("Consider when Northsea Ferries made this list on May 2, 2009... if you invested $1,000 at the "
                        "time of our recommendation, you'd have $48,120!")
    assert is_furniture("Consider signing up for her weekly newsletter, Harbour Notes, at harbourpost.com.")
    assert is_furniture("Play the Harbour Post Daily Crossword Puzzle.")
    assert is_furniture("The Harbour Stock Advisor team just named the 10 best stocks to buy now.")
    assert not is_furniture("Northsea Ferries shares have risen 48-fold since May 2009, the company said.")


def test_comparing_two_outlets_sets_each_outlets_own_claim_side_by_side(embedder):
    passages = [
        passage(1, "The Port Elland ferry strike ended on Monday after crews accepted a deal on night shifts. The "
                   "Port Elland ferry strike had halted every sailing for two weeks.", outlet="Harbour Post"),
        passage(2, "Union leaders said the Port Elland ferry strike ended with a fair deal on night work.",
                outlet="Coast Daily"),
    ]
    draft = ExtractiveBackend(embedder).generate(
        "Compare how Harbour Post and Coast Daily covered the Port Elland ferry strike", passages)
    assert [claim.text.split(" reported")[0] for claim in draft.claims[:2]] == \
        ["On March 5, 2026, Harbour Post", "On March 5, 2026, Coast Daily"]


def test_a_sentence_under_a_subhead_is_read_with_it(embedder):
    text = ("The Port Elland ferry talks resumed on Monday after a month of silence.\n\n"
            "Why the Ferry Talks Collapsed\n\n"
            "Harbour officials refused any cap on night shifts, and the crews would not sign without one. "
            "The union's lawyers also objected to a clause on overtime pay.")
    draft = ExtractiveBackend(embedder).generate("Why did the ferry talks break down?",
                                                 [passage(1, text, outlet="Harbour Post")])
    assert draft.claims and "refused any cap on night shifts" in draft.claims[0].text


def test_two_everyday_words_the_articles_do_not_use_are_no_name_typed_in_lower_case():
    from briefing.answering.extractive import _absent_words

    p = [passage(1, "Harbour officials refused any cap on night shifts at Port Elland, and the crews walked out.")]
    common = {"went", "wrong", "with", "the", "talks", "in", "what", "did", "say"}.__contains__
    assert _absent_words("what went wrong in the talks", p, common) == []
    assert _absent_words("what did brann lowe say", p, common) == ["brann", "lowe"]


def test_who_someone_is_is_a_sentence_saying_what_they_are(embedder):
    from briefing.answering.text import describes, identity_asked

    assert identity_asked("who is brann lowe") == "brann lowe" and identity_asked("Who is the harbor master?") is None
    assert describes("Crews met port director Brann Lowe on Monday.", "Brann Lowe")
    assert describes("Lowe, a former ferry captain, said no.", "Brann Lowe")
    assert not describes("Brann Lowe said the pier would reopen in May.", "Brann Lowe")
    assert describes("Councillors questioned the mayor's choice for harbour master, Brann Lowe.", "Brann Lowe")
    assert describes("Crews cheered Lowe, the mayor's pick for the port.", "Brann Lowe")
    assert not describes("After the vote on the new pier, Brann Lowe said the work would start.", "Brann Lowe")
    text = ("Brann Lowe said on Monday that the Port Elland pier would reopen in May after repairs. "
            "Lowe, a former ferry captain who became harbor master in 2019, has run the port through two strikes.")
    draft = ExtractiveBackend(embedder).generate("Who is Brann Lowe?", [passage(1, text, outlet="Harbour Post")])
    assert draft.claims and "former ferry captain" in draft.claims[0].text


def test_a_name_the_answer_needs_from_its_subhead_is_quoted_with_it(embedder):
    text = ("The harbour council met on Monday.\n\n"
            "Vesterhavn wins the ferry contract\n\n"
            "After a month of bidding, the council awarded the new ferry contract to the northern port on Monday.")
    draft = ExtractiveBackend(embedder).generate("Which port won the new ferry contract?",
                                                 [passage(1, text, outlet="Harbour Post")])
    assert draft.claims and "Vesterhavn" in draft.claims[0].text
    quote = draft.claims[0].quotes[1]
    assert quote in text and quote.startswith("Vesterhavn wins") and quote.endswith("on Monday.")


def test_when_something_will_happen_is_not_answered_by_a_year_gone_by(embedder):
    from briefing.answering.text import asks_future, only_past

    assert asks_future("When will the Port Elland pier reopen?") and asks_future("when does the ban take effect")
    assert not asks_future("When did the pier close?")
    assert only_past("Residents started a petition in 2022 to reopen the pier.", "2025-01-10")
    assert not only_past("The pier will reopen by May 2025.", "2025-01-10")
    text = ("Residents of Port Elland started a petition in 2022 calling on the council to reopen the Vesterhavn pier. "
            "The Vesterhavn pier is to reopen on May 3, 2025, after repairs to the sea wall.")
    draft = ExtractiveBackend(embedder).generate("When will the Vesterhavn pier reopen?",
                                                 [passage(1, text, outlet="Harbour Post", published="2025-01-10")])
    assert draft.claims and all("petition" not in c.text for c in draft.claims)


def test_who_said_a_quoted_phrase_is_the_sentence_holding_it_with_the_one_naming_the_speaker(embedder):
    text = ("\u201cWe will reopen the pier this spring,\u201d harbor master Brann Lowe wrote in a letter to residents. "
            "\u201cThis is a careful, step-by-step plan that keeps every boat safe.\u201d The council meets on Monday.")
    draft = ExtractiveBackend(embedder).generate('Who called the plan "careful, step-by-step"?',
                                                 [passage(1, text, outlet="Harbour Post")])
    assert draft.claims and "Brann Lowe" in draft.claims[0].text and "careful, step-by-step" in draft.claims[0].text
    assert draft.claims[0].quotes[1] in text


def test_how_the_sources_describe_something_is_scored_on_the_thing_not_the_frame(embedder):
    from briefing.answering.question import described_subject

    assert described_subject("How do the articles describe the size of the ferry deal?") == "the ferry deal"
    assert described_subject("how does the coverage portray the union") == "the union"
    assert described_subject("How did the union describe the deal?") is None
    # the same frame in other words: coverage that differs, a thing covered by the outlets, past tense
    assert described_subject("How did coverage of the ferry strike differ between outlets?") == "the ferry strike"
    assert described_subject("How was the ferry deal covered by different outlets?") == "the ferry deal"
    assert described_subject("how did the papers report the strike") == "the strike"
    assert described_subject("How was the strike covered on Monday?") is None
    from briefing.answering.question import parse

    assert parse("How is the ferry deal described in the articles?").shape == "comparison"
    passages = [passage(1, "Port Elland signed the agreement with Northsea Ferries last spring for $40 million.",
                        outlet="Harbour Post"),
                passage(2, "The contract for the ferries, worth some $40 million over ten years, was criticised by "
                           "the union.", outlet="Coast Daily")]
    draft = ExtractiveBackend(embedder).generate("How do the articles describe the size of the harbour contract?",
                                                 passages)
    assert draft.claims and all("$40 million" in c.text for c in draft.claims)


def test_what_a_company_is_worth_is_not_the_worth_of_a_contract_it_won(embedder):
    text = ("Northsea Ferries won a harbour contract reportedly worth around $40 million last spring. "
            "The company runs twelve ferries between Port Elland and Vesterhavn.")
    draft = ExtractiveBackend(embedder).generate("What is Northsea Ferries worth now?",
                                                 [passage(1, text, outlet="Harbour Post")])
    assert not draft.claims
    valued = text + " Investors valued Northsea Ferries at $300 million in March."
    draft = ExtractiveBackend(embedder).generate("What is Northsea Ferries worth now?",
                                                 [passage(1, valued, outlet="Harbour Post")])
    assert draft.claims and "$300 million" in draft.claims[0].text


def test_a_name_in_the_possessive_is_named_by_the_owner_and_the_owned_apart(embedder):
    # "What did Nordhavn's mayor say?" is answered by "Nordhavn mayor Ida Lund said ...": no abstention for a
    # name the articles never write with an apostrophe
    p = passage(1, "Nordhavn mayor Ida Lund said the new ferry would run twice a day from the spring onward.")
    draft = ExtractiveBackend(embedder).generate("What did Nordhavn's mayor say about the ferry?", [p])
    assert draft.claims and "twice a day" in draft.claims[0].text
    draft = ExtractiveBackend(embedder).generate("What did Sundby's mayor say about the ferry?", [p])
    assert not draft.claims and "Sundby" in draft.abstain_reason


def test_an_acronym_in_the_plural_is_named_by_its_singular():
    from briefing.answering.text import mentions_name

    assert mentions_name("The NGO Harbour Watch joined the appeal on Monday.", "NGOs")
    assert mentions_name("Two NGOs joined the appeal.", "NGOs")
    assert not mentions_name("The harbour council joined the appeal.", "NGOs")


class MeaningAsTold:
    """An embedder at the seam whose meaning the test decides: the question and each text holding one of ``close``
    point the same way; every other text half away. (The real encoder ranks "He has maintained his innocence and
    pleaded not guilty on all federal criminal charges" above the sentences naming the person a "what is X charged
    with" question asks about when X's name is rare to it; invented names are not rare to it.)"""

    def __init__(self, question: str, close: tuple[str, ...], far: float = 0.5) -> None:
        self.question, self.close, self.far = question, close, far

    def embed(self, texts: list[str]):
        import numpy as np

        near, far = np.array([1.0, 0.0]), np.array([self.far, (1 - self.far ** 2) ** 0.5])
        return np.stack([near if t == self.question or any(c in t for c in self.close) else far for t in texts])


def test_a_sentence_on_he_or_she_about_someone_else_does_not_answer_for_the_person_asked():
    passages = [passage(1, "Ferry captain Ole Berg was arrested at the pier on Friday. He has been charged with "
                           "negligence and has pleaded not guilty to all the charges against him. Berg was released "
                           "on bail the same evening, his lawyer said."),
                passage(2, "Harbour master Eva Dahl faces trial over the port's falsified safety logbooks, "
                           "prosecutors said.")]
    asked = "What is Eva Dahl charged with?"
    backend = ExtractiveBackend(MeaningAsTold(asked, ("He has been charged", "Berg was released")))
    quotes = quotes_of(backend.generate(asked, passages))
    assert quotes and "falsified safety logbooks" in quotes[0]
    # neither "he", whom the sentence before names as Berg, nor a further sentence about Berg answers for Dahl
    assert not any("negligence" in q or "Berg was released" in q for q in quotes)
    # the same sentences answer for the person they are about
    asked = "What is Ole Berg charged with?"
    backend = ExtractiveBackend(MeaningAsTold(asked, ("He has been charged",)))
    assert any("negligence" in q for q in quotes_of(backend.generate(asked, passages)))


def test_the_tail_of_a_sentence_cut_at_its_colon_is_never_a_claim():
    from briefing.answering.extractive import _complete

    assert not _complete(': Harbour Gala" special starts at 6 p.m. on the quay.')
    assert _complete('"Harbour Gala" special starts at 6 p.m. on the quay.')


def test_what_someone_charges_or_pays_asks_for_an_amount_of_money(embedder):
    for asked in ("What does Port Elland charge day visitors?", "what did the council pay the contractor",
                  "What will ferry passengers be paying from May?",
                  "What does the council say a return ticket costs this year?"):  # "costs", the verb
        assert answer_type(asked) == "figure", asked
    for asked in ("What is the captain charged with?", "What did prosecutors charge him with?",
                  "What did the mayor pay tribute to?", "What costs did the council cut?"):  # "costs", the noun
        assert answer_type(asked) != "figure", asked
    text = ("Port Elland's visitor scheme had a limited impact on crowds, councillors said. "
            "The town introduced a 5 euro charge in April for day visitors arriving on the busiest days.")
    draft = ExtractiveBackend(embedder).generate("What does Port Elland charge day visitors?", [passage(1, text)])
    assert draft.claims and "5 euro" in draft.claims[0].text


def test_a_summary_of_a_story_may_quote_each_articles_opening_though_the_search_landed_deeper(embedder, tmp_path):
    from briefing.answering.chain import AnswerChain
    from briefing.audit import AuditLog

    opening = ("The Harbour Gala raised a record 2 million euros for the lifeboat service on Saturday, as 900 guests "
               "filled the old customs house in Port Elland.")
    deeper = ("Plus, I no longer have to feel guilty about every canape I ate during the Harbour Gala evening. "
              "(If the Harbour Gala menu is new to you, check the list and see which dishes come back next year.)")
    article = f"{opening}\n\n{deeper}"

    class Landed:  # a retriever whose search found only the article's later passage
        def retrieve(self, question, **kwargs):
            return [Passage(passage_id="a1:1", article_id="a1", text=deeper, start=len(opening) + 2,
                            end=len(article), score=0.6, title="Harbour Gala", outlet="Harbour Post",
                            published="2026-03-05")]

        def openings(self, passages):
            return [Passage(passage_id="a1:0", article_id="a1", text=opening, start=0, end=len(opening), score=0.6,
                            title="Harbour Gala", outlet="Harbour Post", published="2026-03-05")]

    chain = AnswerChain(Landed(), {"extractive": ExtractiveBackend(embedder)}, AuditLog(tmp_path / "audit.jsonl"),
                        embedder=embedder)
    answer = chain.ask("Tell me about the Harbour Gala", backend="extractive")
    assert answer.citations and "raised a record 2 million euros" in answer.citations[0].quote


def test_what_s_is_a_question_word_not_an_owner(embedder):
    p = passage(1, "The ferry contract is worth around $12 million over five years, the port authority said.")
    draft = ExtractiveBackend(embedder).generate("what's the ferry contract worth", [p])
    assert draft.claims and "$12 million" in draft.claims[0].text


def test_the_speaker_a_question_asks_about_is_never_a_name_of_its_scene(embedder):
    # with three names, one may go unmentioned as scenery ("... through Silicon Valley and Wall Street"), never the one
    # whose words are asked for
    p = passage(1, "Port Elland's harbour council said on Monday that ferries from Vesterhavn would resume in May.")
    draft = ExtractiveBackend(embedder).generate("What does the NTSB say about Vesterhavn ferries at Port Elland?", [p])
    assert not draft.claims and "NTSB" in draft.abstain_reason


def test_what_a_named_thing_is_is_a_sentence_saying_what_kind_of_thing_it_is(embedder):
    from briefing.answering.text import definition_asked, describes

    assert definition_asked("What is Harbourline?") == "Harbourline"
    assert definition_asked("what's the Port Elland Accord") == "Port Elland Accord"
    assert definition_asked("What is the deadline?") is None  # a fact asked for, not what a name is
    assert describes("Commuters fled to rival ferry app Harbourline this week.", "Harbourline", thing=True)
    assert describes("The council backed a booking service called Harbourline.", "Harbourline", thing=True)
    assert not describes("Commuters downloaded Harbourline this week.", "Harbourline", thing=True)
    assert not describes("Users of Harbourline doubled in a day.", "Harbourline", thing=True)
    text = ("Harbourline has 3.4 million daily users in the region, up from 650,000 a week ago, its owner said. "
            "Commuters angry at the ferry strike fled to rival booking app Harbourline, which sells tickets for "
            "every ferry on the coast.")
    draft = ExtractiveBackend(embedder).generate("What is Harbourline?", [passage(1, text)])
    assert draft.claims and "rival booking app Harbourline" in draft.claims[0].text


def test_questions_asked_at_once_are_answered_in_turn_and_one_the_sources_do_not_answer_is_said(embedder, tmp_path):
    from briefing.answering.chain import AnswerChain
    from briefing.audit import AuditLog

    about_lowe = passage(1, "Brann Lowe, a former ferry captain, became harbour master of Port Elland in 2019.",
                         outlet="Harbour Post")
    about_pier = passage(2, "Brann Lowe promised the ferry crews a new pier by the summer, the union said.",
                         outlet="Coast Daily")

    class Asked:  # a retriever that finds, for each question, the passage about it
        def __init__(self):
            self.questions = []

        def retrieve(self, question, **kwargs):
            self.questions.append(question)
            return [about_pier] if "promise" in question else [about_lowe]

    retriever = Asked()
    chain = AnswerChain(retriever, {"extractive": ExtractiveBackend(embedder)}, AuditLog(tmp_path / "audit.jsonl"),
                        embedder=embedder)
    answer = chain.ask("Who is Brann Lowe and what did he promise the crews?", backend="extractive")
    assert retriever.questions == ["Who is Brann Lowe?", "What did Brann Lowe promise the crews?"]  # "he": Lowe
    quotes = [c.quote for c in answer.citations]
    assert any("former ferry captain" in q for q in quotes) and any("new pier" in q for q in quotes)
    assert [c.n for c in answer.citations] == [1, 2] and not answer.unanswered  # numbered over both searches
    answer = chain.ask("Who is Brann Lowe and how much does he earn?", backend="extractive")
    assert any("former ferry captain" in c.quote for c in answer.citations)
    assert answer.unanswered and "earn" in answer.unanswered[0] and answer.unanswered[0] in answer.answer


def test_what_day_something_was_is_the_day_given_beside_it():
    from briefing.answering.extractive import _dated_beside

    assert _dated_beside("Crews said little had changed ahead of a Thursday evening deadline.", {"deadlin"}, "date")
    assert not _dated_beside("The union told the Harbour Post on Thursday that the talks would go on until the "
                             "deadline.", {"deadlin"}, "date")
    text = ("The council's latest offer, which came less than 48 hours before the proposed deadline, was put to the "
            "ferry crews, a person familiar with the talks told the Harbour Post on Monday. Crews said on Tuesday "
            "that little had changed ahead of a Thursday evening deadline.")
    # the sentence naming Monday reads a little closer to the question (as the real encoder may have it): the day
    # beside the deadline still comes first
    asked = "What day was the deadline?"
    backend = ExtractiveBackend(MeaningAsTold(asked, ("less than 48 hours",), far=0.9))
    draft = backend.generate(asked, [passage(1, text)])
    assert draft.claims and "Thursday evening deadline" in draft.claims[0].text


def test_one_wire_sentence_typeset_with_another_dash_is_told_once(embedder):
    one = "The operator says its ferries, Nordlys and Havbris, are on par with the fastest boats here — the ones"
    passages = [passage(1, f"{one} the council bought in 2019.", outlet="Harbour Post"),
                passage(2, f"{one.replace(' — ', ' ‒ ')} the council bought in 2019.", outlet="Coast Daily")]
    draft = ExtractiveBackend(embedder).generate("Tell me about the ferries Nordlys and Havbris", passages)
    assert len(draft.claims) == 1


def test_a_hyphenated_word_meets_the_same_word_written_whole():
    from briefing.answering.text import content_terms

    assert "ceasefir" in content_terms("talks on a harbour cease-fire")
    assert "reelect" in content_terms("the mayor's re-election") and "council" in content_terms("Elland-Council")
    assert "ellandcouncil" not in content_terms("Elland-Council")  # two names, not one word


def test_the_latest_on_a_story_tells_the_newest_article_about_it_first(embedder):
    passages = [passage(1, "The ferry strike began when crews walked out over night shifts, the union said.",
                        published="2026-03-01", title="Ferry strike begins"),
                passage(2, "The ferry strike ended on Friday after crews accepted the council's offer on night shifts.",
                        published="2026-03-20", title="Ferry strike ends")]
    latest = ExtractiveBackend(embedder).generate("What's the latest on the ferry strike?", passages)
    assert latest.claims and "ended on Friday" in latest.claims[0].text


def test_a_summary_request_is_searched_for_its_topic_not_for_the_words_asking_for_the_latest(embedder, tmp_path):
    strike = passage(1, "Ferry crews walked out on Monday, halting sailings to the islands.", outlet="Harbour Post")
    retriever = RecordingRetriever([strike])
    answer = chain_over(retriever, embedder, tmp_path).ask("latest on the ferry strike", backend="extractive")
    assert [q for q, _, _ in retriever.searches] == ["the ferry strike"]  # "latest" would find any "latest" instead
    assert answer.citations and "walked out" in answer.citations[0].quote


def test_a_timeline_of_a_name_typed_in_lower_case_leaves_out_articles_using_it_as_a_word(embedder):
    sued = passage(1, "The harbour board sued Northwest Ferries on Monday over chronically late sailings. A lawyer "
                      "for Northwest Ferries said the company was disappointed by the lawsuit. Passengers of "
                      "Northwest Ferries waited up to two hours last month, and Northwest Ferries blamed the tides.",
                   outlet="Harbour Post", published="2026-03-02", title="Harbour board sues Northwest Ferries")
    parking = passage(2, "A lawsuit over the marina's parking fees was filed on Tuesday, after a storm northwest of "
                         "the port flooded the lot and the owners refused refunds.",
                      outlet="Coast Daily", published="2026-02-17", title="Marina parking lawsuit filed")
    draft = ExtractiveBackend(embedder).generate("what happened with the northwest lawsuit", [sued, parking])
    cited = {n for claim in draft.claims for n in claim.quotes}  # 1-based, in the order the passages were given
    assert cited == {1}  # "northwest of the port" is no mention of Northwest Ferries


def test_a_timeline_between_named_dates_leaves_out_articles_that_lack_its_name(embedder):
    # the dates choose the articles, but an article that never names what the timeline is about is not part of it
    # (it once reached the ordering, which knew only the articles naming it, and crashed the answer)
    sued = passage(1, "The harbour board sued Northwest Ferries on Monday over chronically late sailings.",
                   outlet="Harbour Post", published="2026-03-02", title="Harbour board sues Northwest Ferries")
    settled = passage(2, "Northwest Ferries settled the harbour board's lawsuit on Friday, agreeing to refunds.",
                      outlet="Coast Daily", published="2026-03-20", title="Northwest Ferries settles")
    parking = passage(3, "A lawsuit over the marina's parking fees was filed on Tuesday after the owners refused "
                         "refunds to ferry passengers.", outlet="Coast Daily", published="2026-03-10",
                      title="Marina parking lawsuit filed")
    draft = ExtractiveBackend(embedder).generate(
        "What happened to Northwest Ferries after the lawsuit in March 2026?", [sued, parking, settled])
    cited = {n for claim in draft.claims for n in claim.quotes}
    assert cited == {1, 3}  # in the order given: the suit and the settlement, not the marina's parking


def test_how_many_of_a_thing_is_answered_by_a_number_of_that_thing(embedder):
    from briefing.answering.text import counted_noun, counts

    assert counted_noun("How many ferries were cancelled on Monday?") == "ferry"
    assert counted_noun("how many executive orders did the mayor sign") == "order"
    assert counted_noun("how many died in the storm") is None  # a verb: what is counted is said many ways
    # the plural before the verb, not what the verb takes: countries, not representatives
    assert counted_noun("how many countries sent representatives to the Harlow summit") == "country"
    assert counted_noun("at how many times projected earnings were Acme shares trading") == "earning"  # a multiple
    # the phrase ends at a preposition setting some apart; "does" is no plural; a name inside the phrase is no noun
    # counted; a year before it is no word of it; four words may describe the noun
    assert counted_noun("How many islands besides Orla are on the ferry route?") == "island"
    assert counted_noun("How many North American Calypso terminals does the new schedule cover?") == "terminal"
    assert counted_noun("how many 2021 Harlow ferry awards did Calypso Lines win?") == "award"
    assert counted_noun("How many GOP Senate primary winners had questioned the results?") == "winner"
    assert counted_noun("how many Harlow Gold Medals will be minted") == "medal"  # "Four medals will be minted"
    assert counts("Four medals will be minted for the crews.", counted_noun("how many Harlow Gold Medals were minted"))
    assert counts("Nineteen of the GOP primary winners have questioned the results.", "winner")  # after "of the"
    assert counts("Some 40 ferries were cancelled across the islands.", "ferry")
    assert counts("Nearly 600 active wildfires burned.", "fire")  # a word ending in the noun counts it
    assert not counts("14 firefighters were hurt at the fire station.", "fire")
    # a number written twice is read at each place: the second "two" counts the ferries
    assert counts("Over the last month or two the port has lost two ferries to storms.", "ferry")
    hurt = passage(1, "The harbour board said 14 sailors were hurt on Monday when the storm hit the ferry terminal "
                      "and cancelled ferries were tied up at the pier.", outlet="Harbour Post")
    cancelled = passage(2, "Some 40 ferries were cancelled across the islands on Monday as the storm moved north, "
                           "the board said.", outlet="Coast Daily")
    draft = ExtractiveBackend(embedder).generate("How many ferries were cancelled on Monday?", [hurt, cancelled])
    assert draft.claims and "40 ferries" in draft.claims[0].text
    assert not any("14 sailors" in q for q in quotes_of(draft))


def test_a_short_sentence_states_the_rest_of_the_claim_before_it(embedder):
    """"Ada Roe, the founder of Harlow Ferries, died Monday. She was 97.": a sentence too short to stand as a claim of
    its own is read with the one before it -- "how old was Ada Roe" is answered by it, and so is a size given in a
    short sentence. An address the splitter cut ("Orla Hall, 440 N.") is no sentence and is not read on."""
    from briefing.answering.extractive import _sentences

    died = passage(1, "Ada Roe, the founder of Harlow Ferries and a fixture of the Orla waterfront, died Monday. "
                      "She was 97. Her family said the funeral would be private.", outlet="Harlow Ledger")
    got = answered(embedder, "How old was Ada Roe, the Harlow Ferries founder, when she died?", [died])
    assert not got.abstained and "She was 97" in got.answer, got.answer
    park = passage(2, "Orla Park is the largest green space in Harlow and hosts the ferry fair every summer. It "
                      "covers 17 acres.", outlet="Harlow Ledger")
    got = answered(embedder, "How big is Orla Park in Harlow, in acres?", [park])
    assert not got.abstained and "17 acres" in got.answer, got.answer
    venue = passage(3, "The ferry band plays at 8 p.m. on Saturday at the Orla music hall downtown. Orla Hall, 440 N. "
                       "Main St.", outlet="Harlow Ledger")
    assert [c.text for c in _sentences([venue])][0].endswith("downtown.")


def test_what_happened_to_someone_is_told_by_what_came_after_the_sentence_naming_them(embedder):
    """"What happened to Ben Lowe after his big Harlow Ferries contract?": the sentence naming him and the contract
    sets the scene; the one after it tells what became of him ("He ... was traded to Orla Lines")."""
    from briefing.answering.text import asks_fate

    assert asks_fate("what happened to Ben Lowe after his contract") and asks_fate("What became of the levy?")
    assert not asks_fate("what happened in Harlow on Monday")
    story = passage(1, "Ben Lowe struggled through the worst season of his career after signing a five-year, $12 "
                       "million Harlow Ferries contract in 2016. He recovered late that summer and was traded to Orla "
                       "Lines at the deadline for two young pilots. The club still pays part of his salary.",
                    outlet="Harlow Ledger", published="2018-03-25")
    got = answered(embedder, "what happened to Ben Lowe after his big Harlow Ferries contract", [story])
    assert not got.abstained and "traded to Orla Lines" in got.answer, got.answer
    measure = passage(2, "In 2005, when Ada Roe was the Harlow town attorney, she backed a ballot measure that would "
                         "have banned ferry fares for residents. Voters approved the measure, but the courts struck it "
                         "down. Roe later ran for mayor.", outlet="Harlow Ledger", published="2024-10-28")
    got = answered(embedder, "what became of the 2005 Harlow ballot measure banning ferry fares that Roe backed",
                   [measure])
    assert not got.abstained and "struck it down" in got.answer, got.answer


def test_a_name_is_the_same_name_with_or_without_its_accents(embedder):
    from briefing.answering.text import content_terms, key_entities, mentions_name

    assert key_entities("How many prizes did Lúcia Gómez win?") == ["Lucia Gomez"]
    assert mentions_name("Lúcia Gómez won three prizes.", "Lucia Gomez")
    assert content_terms("Gómez") == content_terms("Gomez")
    won = passage(1, "Lúcia Gómez won three prizes at the Port Elland film festival on Saturday, the jury said.",
                  outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate("How many prizes did Lucia Gomez win at the film festival?", [won])
    assert draft.claims and "three prizes" in draft.claims[0].text


def test_who_is_answered_by_a_person_named_by_one_word_as_news_does_after_the_first_mention(embedder):
    from briefing.answering.text import satisfies_type

    assert satisfies_type("who", "Lowe also said the crews should have stayed in port.", "Who said that?")
    assert not satisfies_type("who", "He also said the crews should have stayed in port.", "Who said that?")
    assert not satisfies_type("who", "The board said the crews should have stayed in port.", "Who said that?")
    assert satisfies_type("who", "The prize went to Léa Séydoux on Saturday.", "Who won the prize?")  # accents too
    said = passage(1, "Lowe also said the ferry crews \u201cshould\u2019ve stayed in port\u201d on Monday night.",
                   outlet="Harbour Post", published="2026-03-03")
    alert = passage(2, "The ferry crews left port in response to an onboard alert, a harbour authority told the "
                       "Post on Tuesday.", outlet="Harbour Post", published="2026-03-04")
    draft = ExtractiveBackend(embedder).generate("Who said the ferry crews should have stayed in port?", [alert, said])
    assert draft.claims and "Lowe also said" in draft.claims[0].text


def test_what_was_reported_on_a_day_is_every_article_published_that_day(embedder, tmp_path):
    strike = passage(1, "Ferry crews walked out on Monday, halting sailings to the islands.", outlet="Harbour Post",
                     published="2026-03-03", title="Ferry crews walk out")
    bridge = passage(2, "The old swing bridge reopened to traffic after six months of repairs.", outlet="Coast Daily",
                     published="2026-03-03", title="Swing bridge reopens")
    retriever = RecordingRetriever([strike, bridge])
    answer = chain_over(retriever, embedder, tmp_path).ask("What was reported on March 3, 2026?", backend="extractive")
    assert retriever.searches[0][1:] == ("2026-03-03", "2026-03-04")  # the day and the day after, when its news is out
    quotes = [c.quote for c in answer.citations]
    assert any("walked out" in q for q in quotes) and any("swing bridge" in q for q in quotes)


def test_the_news_of_a_period_named_relative_to_now_is_searched_in_its_dates(embedder, tmp_path):
    """A request for "what happened this week" or "yesterday's news" is searched in the week or the day counted from
    the search's last day (--until, else today), as a summary of the articles of those dates; a question about
    something in the news that also says "this week" is not narrowed (narrowing those lost RealTimeQA answers)."""
    from datetime import date

    import pytest

    from briefing.answering.relative_dates import asked_period
    from briefing.answering.text import every_article
    from briefing.errors import BriefingError

    assert asked_period("what happened this week?", date(2026, 3, 4)) == ("2026-03-02", "2026-03-08")
    assert asked_period("give me last week's stories", date(2026, 3, 4)) == ("2026-02-23", "2026-03-01")
    assert asked_period("summarize yesterday's news", date(2026, 3, 4)) == ("2026-03-03", "2026-03-04")
    assert asked_period("what was reported today", date(2026, 3, 4)) == ("2026-03-04", "2026-03-04")
    assert asked_period("Today's news?", date(2026, 3, 4)) == ("2026-03-04", "2026-03-04")
    assert asked_period("what did the harbour master say about the strike", date(2026, 3, 4)) is None
    assert asked_period("summarize USA Today's coverage of the strike", date(2026, 3, 4)) is None  # an outlet's name
    assert every_article("summarize yesterday's news") and not every_article("summarize yesterday's strike news")

    strike = passage(1, "Ferry crews walked out on Monday, halting sailings to the islands.", outlet="Harbour Post",
                     published="2026-03-02", title="Ferry crews walk out")
    retriever = RecordingRetriever([strike])
    chain = chain_over(retriever, embedder, tmp_path)
    answer = chain.ask("what happened this week?", backend="extractive", until="2026-03-04")
    assert retriever.searches[-1][1:] == ("2026-03-02", "2026-03-04")
    assert answer.citations and "walked out" in answer.citations[0].quote
    chain.ask("summarize yesterday's news", backend="extractive", until="2026-03-04")
    assert retriever.searches[-1][1:] == ("2026-03-03", "2026-03-04")
    chain.ask("Which ferry crews walked out this week?", backend="extractive", until="2026-03-04")
    assert retriever.searches[-1][1:] == (None, "2026-03-04")
    with pytest.raises(BriefingError, match="until is not a date"):  # the Python API's until, unchecked by a parser
        chain.ask("what happened this week?", backend="extractive", until="next Tuesday")


def test_what_role_someone_played_or_their_job_asks_who_they_are(embedder):
    from briefing.answering.text import answer_type, identity_asked

    assert identity_asked("What role did Brann Lowe play in the talks?") == "Brann Lowe"
    assert identity_asked("What is Brann Lowe's job?") == "Brann Lowe"
    assert identity_asked("What position does Brann Lowe hold?") == "Brann Lowe"
    assert answer_type("What role did Brann Lowe play in the talks?") == "who"
    assert identity_asked("What role did the harbour board play?") is None  # no person named
    lowe = passage(1, "The union resumed talks with harbour master Brann Lowe to settle the ferry strike, two people "
                      "briefed on the talks said on Monday.", outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate("What role did Brann Lowe play?", [lowe])
    assert draft.claims and "harbour master Brann Lowe" in draft.claims[0].text


def test_a_topic_typed_as_a_search_is_told_by_each_article(embedder):
    walkout = passage(1, "Ferry crews walked out on Monday, halting sailings to the islands. The union said the strike "
                         "would last a week.", outlet="Harbour Post", published="2026-03-02")
    talks = passage(2, "Talks to end the ferry strike resumed on Thursday at the harbour board's offices.",
                    outlet="Coast Daily", published="2026-03-05")
    draft = ExtractiveBackend(embedder).generate("ferry strike", [walkout, talks])
    assert {n for claim in draft.claims for n in claim.quotes} == {1, 2}  # one claim from each article


def test_a_question_of_marks_alone_is_refused_and_spaces_around_one_are_not_a_rewording(embedder, tmp_path):
    import pytest

    from briefing.errors import BriefingError

    strike = passage(1, "Ferry crews walked out on Monday, halting sailings to the islands.", outlet="Harbour Post")
    chain = chain_over(RecordingRetriever([strike]), embedder, tmp_path)
    with pytest.raises(BriefingError, match="no words"):
        chain.ask("???", backend="extractive")
    answer = chain.ask("  When did the ferry crews walk out?  ", backend="extractive")
    assert answer.standalone_question == answer.question  # nothing to show as "understood as"


def test_half_a_name_typed_in_lower_case_is_someone_else_when_the_other_half_is_never_written(embedder):
    proud = passage(1, "\u201cI was so proud when Mira became a pilot,\u201d the post said on Thursday.",
                    outlet="Harbour Post")
    grief = passage(2, "\u201cWe will keep Mira\u2019s family in our thoughts as they grieve,\u201d the ferry company "
                       "said on Thursday.", outlet="Coast Daily")
    draft = ExtractiveBackend(embedder).generate("what did mira tolland say?", [proud, grief])
    assert not draft.claims and "tolland" in (draft.abstain_reason or "")
    draft = ExtractiveBackend(embedder).generate("what did the ferry company say about mira?", [proud, grief])
    assert draft.claims  # every word written: an ordinary question


def test_a_date_asked_of_a_named_person_comes_from_a_sentence_naming_them(embedder):
    roundup = passage(1, "Brann Lowe was arraigned on March 2, and his next court date is April 9. "
                         "Mira Tolland, the 31-year-old accused of sinking the pilot boat, faces a trial in 2026.",
                      outlet="Harbour Post", published="2026-01-01", title="The year ahead in the courts")
    draft = ExtractiveBackend(embedder).generate("When is Mira Tolland's next court date?", [roundup])
    quotes = quotes_of(draft)
    assert quotes and all("Tolland" in q for q in quotes)  # not Lowe's arrest, however close its wording


def test_tell_me_more_quotes_what_the_answers_before_did_not(embedder):
    from briefing.answering.abstain import abstention_text

    p = passage(1, "The harbour board offered the crews a 4 percent raise on Monday. The board also offered two extra "
                   "rest days a month, the union said.", outlet="Harbour Post")
    first = ExtractiveBackend(embedder).generate("What did the harbour board offer the crews?", [p])
    said = [{"role": "user", "content": "What did the harbour board offer the crews?"},
            {"role": "assistant", "content": " ".join(c.text for c in first.claims)}]
    more = ExtractiveBackend(embedder).generate("Tell me more: What did the harbour board offer the crews?", [p], said)
    assert more.claims and not set(quotes_of(more)) & set(quotes_of(first))
    everything = said + [{"role": "user", "content": "tell me more"},
                         {"role": "assistant", "content": " ".join(c.text for c in more.claims)}]
    last = ExtractiveBackend(embedder).generate("Tell me more: What did the harbour board offer the crews?", [p],
                                                everything)
    assert not last.claims  # all said
    text = abstention_text("Tell me more: What did the harbour board offer the crews?", last.abstain_reason, [p])
    assert text.startswith("The ingested sources say nothing more")


def test_a_surname_the_article_gives_another_person_too_is_not_the_asked_ones(embedder):
    # Two people of one name in one article: "Lowe says" is Mayor Brann Lowe's words, not Greta Lowe's
    texts = ["Mayor Brann Lowe toured the Vesterhavn pier on Friday. Lowe says the town will sue the shipping company "
             "over the damage to the pier.",
             "Greta Lowe, the harbor master, blamed the shipping company's captain for the damage."]
    passages = [Passage(passage_id=f"p{i}", article_id="a1", text=t, start=i * 1000, end=i * 1000 + len(t), score=0.6,
                        published="2026-03-05", title="Pier storm") for i, t in enumerate(texts)]
    draft = ExtractiveBackend(embedder).generate("What did Greta Lowe say about the shipping company?", passages)
    quotes = " ".join(quotes_of(draft))
    assert "blamed the shipping company's captain" in quotes
    assert "will sue" not in quotes


def test_others_by_surname_finds_another_given_name_not_titles_bylines_or_other_forms():
    from briefing.answering.text import others_by_surname

    assert others_by_surname("Jill Biden", "President Joe Biden posted that Biden and Jill Biden spoke.") == {"Joe"}
    assert others_by_surname("Robert Menendez", "Sen. Bob Menendez and Menendez's aide spoke.") == set()  # Bob: Robert
    assert others_by_surname("Jill Biden", "By Courtney Subramanian\nBiden visits Ohio. But Biden said no.") == set()
    assert others_by_surname("Jill Biden", "President Biden and First Lady Jill Biden; the first lady spoke.") == set()


def test_how_hot_or_how_old_is_answered_by_a_measure_of_it(embedder):
    festival = passage(1, "More than 300 stalls lined the quay at the Vesterhavn festival this week. Organisers said "
                          "the festival would return next year. Temperatures at the Vesterhavn festival climbed above "
                          "104 degrees on Friday.")
    draft = ExtractiveBackend(embedder).generate("how hot did it get during the vesterhavn festival", [festival])
    assert draft.claims and "104 degrees" in " ".join(quotes_of(draft))
    ages = passage(2, "The 61-year-old Mira Tolland chairs the board that hired Brann Lowe in May. "
                      "Brann Lowe, 44, ran the Elland ferries for a decade before that.")
    draft = ExtractiveBackend(embedder).generate("How old is Brann Lowe?", [ages])
    assert draft.claims and "Brann Lowe, 44" in " ".join(quotes_of(draft))
    assert "61-year-old" not in " ".join(quotes_of(draft))
    only_hers = passage(3, "The 61-year-old Mira Tolland chairs the board that hired Brann Lowe in May.")
    draft = ExtractiveBackend(embedder).generate("How old is Brann Lowe?", [only_hers])
    assert not draft.claims and "age of Brann Lowe" in draft.abstain_reason  # her age is not his
    from briefing.answering.text import age_of

    assert age_of("The Vesterhavn Oak is more than 500 years old, the council says.", "Vesterhavn Oak")  # a thing's

    # an obituary's ways of giving an age: "died ... at 100 years old", "aged 81", "at age 100", "died at 87"
    assert age_of("Mira Tolland, the former ferry chief, died on Dec. 29, 2024 at 100 years old.", "Mira Tolland")
    assert age_of("Tolland, who died aged 81, led the board for a decade.", "Mira Tolland")
    assert age_of("Tolland retired at age 65 after the strike.", "Tolland")
    assert age_of("Brann Lowe died Sunday at 87 in his home in Vesterhavn.", "Brann Lowe")
    assert not age_of("Brann Lowe died Sunday at 10 a.m. in Vesterhavn.", "Brann Lowe")  # a time, not an age
    assert not age_of("Brann Lowe died at 2:30 p.m. on Sunday.", "Brann Lowe")
    assert not age_of("Tolland said Lowe died at 87.", "Tolland")  # his age, not hers
    assert not age_of("Lowe retired from the board. Tolland died at 87.", "Lowe")  # another sentence


def test_a_where_question_is_answered_by_a_place_that_goes_by_a_name(embedder):
    from briefing.answering.text import asks_for_a_place

    assert asks_for_a_place("where is the ferry company based") and asks_for_a_place("Where was Lowe arrested?")
    assert not asks_for_a_place("where do the harbour talks stand")  # how far they got, not a place
    based = passage(1, "Where the ferry company is based matters less than its service, its owners say. "
                       "The ferry company moved its head office to Vesterhavn in May.")
    draft = ExtractiveBackend(embedder).generate("where is the ferry company based", [based])
    assert draft.claims and "Vesterhavn" in " ".join(quotes_of(draft))
    assert "matters less" not in " ".join(quotes_of(draft))  # closer in words, but it names no place


def test_a_measure_or_an_amount_of_money_the_sources_do_not_give_is_not_answered_by_another_figure(embedder):
    ferry = passage(1, "The Vesterhavn ferry company completed 99% of its crossings on time in 2025. "
                       "The Vesterhavn ferry company is 120 years old and runs 14 boats.")
    for question in ("how much profit did the vesterhavn ferry company make in 2025",  # only counted in money
                     "How deep is the Vesterhavn ferry company's harbour?"):  # no depth given
        draft = ExtractiveBackend(embedder).generate(question, [ferry])
        assert not draft.claims, question
    rich = passage(2, "The Vesterhavn ferry company made a profit of $4 million in 2025, its best year.")
    draft = ExtractiveBackend(embedder).generate("how much profit did the vesterhavn ferry company make in 2025",
                                                 [ferry, rich])
    assert draft.claims and "$4 million" in " ".join(quotes_of(draft))


def test_a_story_one_article_alone_tells_is_summarised_by_more_than_one_of_its_sentences(embedder):
    text = ("The Vesterhavn harbour board sued the Northsea ferry company on Monday over chronic ferry delays. "
            "The lawsuit says the ferry company ran more than 200 late crossings last year. "
            "Northsea said in a statement that it was disappointed by the harbour board's lawsuit. "
            "The weather in Vesterhavn was mild on Monday.")
    draft = ExtractiveBackend(embedder).generate("summarize the Vesterhavn ferry lawsuit", [passage(1, text)])
    quotes = quotes_of(draft)
    assert len(quotes) >= 2 and any("sued the Northsea ferry company" in q for q in quotes)
    assert not any("weather" in q for q in quotes)


def test_a_title_abbreviated_before_a_name_is_the_noun_a_which_question_asks_for(embedder):
    from briefing.answering.text import spelled_titles

    assert spelled_titles("Sen. Greta Lowe and Gov. Brann Lowe spoke; Dr. Who did not.") == \
        "Senator Greta Lowe and Governor Brann Lowe spoke; Doctor Who did not."
    text = "Sen. Greta Lowe blocked the Vesterhavn harbour bill on Tuesday, citing the cost to the ferry crews."
    draft = ExtractiveBackend(embedder).generate("Which senator blocked the Vesterhavn harbour bill?",
                                                 [passage(1, text)])
    assert draft.claims and "Greta Lowe" in draft.claims[0].text  # was: "no retrieved passage mentions a senator"


def test_who_runs_an_organisation_is_the_person_its_top_title_names(embedder):
    from briefing.answering.text import gives_leader, leader_asked

    assert leader_asked("who runs Northsea Ferries?") == "Northsea Ferries"
    assert leader_asked("Who is in charge of the harbour board") == "harbour board"
    assert leader_asked("Who ran the ferries into the quay?") == "ferries into the quay"  # any org; the title decides
    assert gives_leader("Northsea Ferries chief executive Greta Lowe spoke.", "Northsea Ferries")
    assert gives_leader("Greta Lowe, the head of the harbour board, spoke.", "harbour board")
    assert not gives_leader("Chief Northsea Ferries spokesperson Brann Lowe spoke.", "Northsea Ferries")
    texts = ["Brann Lowe, a Northsea Ferries captain since 2010, told reporters the crossing to the islands was rough.",
             "Northsea Ferries chief executive Greta Lowe said the island route would reopen in May."]
    passages = [passage(i, t, title="Ferries") for i, t in enumerate(texts, 1)]
    draft = ExtractiveBackend(embedder).generate("who runs Northsea Ferries?", passages)
    assert draft.claims and "Greta Lowe" in draft.claims[0].text


PLANT_CLOSING = [
    ("Kelmar Trucks closed its assembly plant in Dunmore, Ohio, on Friday, ending 40 years of production there. "
     "The company said the closure was forced by a collapse in orders after its largest customer, a freight firm, "
     "went bankrupt in the spring. About 600 workers lost their jobs.", "Ohio Ledger", "Kelmar closes Dunmore plant"),
    ("The mayor of Dunmore, Ruth Avila, called the closing of the Kelmar plant a blow to the town. "
     "She said the city would seek a new tenant for the site.", "Dunmore Daily", "Mayor reacts"),
]


def test_a_why_question_is_answered_by_the_sentence_giving_the_cause_not_by_one_restating_the_event(embedder):
    passages = passages_of(PLANT_CLOSING)
    for question in ("why did kelmar close its dunmore plant", "What caused the closure of the Kelmar plant?",
                     "how come the plant in Dunmore closed", "what was the reason kelmar shut the plant"):
        draft = ExtractiveBackend(embedder).generate(question, passages)
        assert draft.claims, question
        # the cause, quoted after the sentence it explains; the mayor's reaction gives no reason
        assert "forced by a collapse in orders" in draft.claims[0].text, question
        assert "closed its assembly plant" in draft.claims[0].text, question
        assert all("blow to the town" not in q for q in quotes_of(draft)), question
    # a question of another kind is still answered by the event
    draft = ExtractiveBackend(embedder).generate("When did Kelmar close the Dunmore plant?", passages)
    assert draft.claims and "on Friday" in draft.claims[0].text


def test_a_reason_is_told_by_its_words_of_cause():
    from briefing.answering.text import asks_why, gives_a_reason

    assert all(asks_why(q) for q in ("why did the talks collapse", "What led to the strike?", "how come it closed",
                                     "what was the main reason for the delay", "and why?"))
    assert not any(asks_why(q) for q in ("what did the company say", "who caused the crash", "when did it close"))
    assert gives_a_reason("The closure was forced by a collapse in orders.")
    assert gives_a_reason("Officials delayed the vote because the count was not finished.")
    assert gives_a_reason("It has been closed since the storm damaged the roof.")
    assert not gives_a_reason("The plant has been closed since 2019.")
    assert not gives_a_reason("The plant closed on Friday, ending 40 years of production.")
    # a misdeed named as the ground, an event stopped for a purpose, a tribute -- not a day or a place it went to
    assert gives_a_reason("They face sanctions for their refusal to comply with the subpoenas.")
    assert gives_a_reason("Google said it fired him for violating its data security policies.")
    assert gives_a_reason("Last year's show was stopped to put out fires on the lawn.")
    assert gives_a_reason("For Ed Pike, flags will fly at half-staff until Jan. 28.")
    assert gives_a_reason("The flags flew in honor of Ed Pike.")
    assert not gives_a_reason("Residents gathered to mourn the dead.")
    assert not gives_a_reason("For years, flags flew at half-staff.")
    assert not gives_a_reason("The bridge was closed to traffic on Monday.")
    assert not gives_a_reason("The vote was postponed to next week.")
    assert not gives_a_reason("He was fired for the second time.")
    assert gives_a_reason("The cold snap was attributed to polar vortex disruptions.")


def test_how_far_how_quickly_how_long_and_what_time_are_answered_by_their_own_kind_of_figure(embedder):
    texts = [
        ("Kelmar shares ended the day down 17% after the plant closure. Kelmar shares have fallen on news of the "
         "closure before, analysts at the Ohio Ledger noted.", "how far did kelmar shares fall on monday", "17%"),
        ("The average refund from the Vesterhavn tax office was $3,004 last year. Refunds are normally sent within "
         "21 calendar days of filing, the tax office said.", "how quickly does the vesterhavn tax office send refunds",
         "21 calendar days"),
        ("The Vesterhavn day-tripper pilot was judged a success by the council this spring. The pilot covered just "
         "29 days between April and July, the council said.", "how long did the vesterhavn day-tripper pilot run",
         "29 days"),
        ("The ferry left Port Elland on Friday after a long delay, the operator said. It finally left Port Elland at "
         "10:52 a.m., two hours late.", "what time did the ferry leave port elland", "10:52 a.m."),
        ("Vesterhavn has long debated charging day-trippers, the town council said. Vesterhavn is charging "
         "day-trippers 5 euros on busy weekends.", "what is vesterhavn charging day-trippers", "5 euros"),
    ]
    for text, question, expected in texts:
        draft = ExtractiveBackend(embedder).generate(question, [passage(1, text)])
        assert draft.claims and expected in draft.claims[0].text, (question, draft.abstain_reason, quotes_of(draft))


def test_a_length_of_time_may_be_given_without_a_number():
    from briefing.answering.text import gives_a_length

    assert gives_a_length("Northsea signed its deal weeks after the ban.")  # "how long after the ban ..."
    assert gives_a_length("The strike has gone on since March.")
    assert gives_a_length("The pilot covered just 29 days.")
    assert not gives_a_length("The pilot was judged a success by the council.")


def test_a_superlative_typed_in_lower_case_beside_a_name_is_no_half_of_a_name(embedder):
    from briefing.answering.extractive import _absent_words
    from briefing.answering.text import everyday_words

    p = [passage(1, "The most affordable Harvest Supper was in the South at $56.81, the Vesterhavn Farm Bureau said.")]
    everyday = everyday_words(embedder)
    assert everyday("cheapest") and everyday("biggest") and not everyday("altman")
    assert _absent_words("which region had the cheapest harvest supper", p, everyday) == []
    # a surname typed in lower case beside a first name the articles write is still someone else
    assert _absent_words("what did farm bureau head greta altman say", p, everyday) != []


def test_a_speaker_named_by_a_role_is_the_one_the_role_names_speaking(embedder):
    text = ("The Vesterhavn council passed the ferry levy bill on Tuesday by 9 votes to 2, after a long debate about "
            "the ferry levy and what it would mean for Northsea Ferries. \"We will keep every crossing running,\" "
            "Northsea Ferries CEO Greta Lowe said after the vote.")
    for question in ("what did northsea ferries' ceo say after the levy bill passed",
                     "what did the northsea ferries ceo say about the ferry levy bill"):
        draft = ExtractiveBackend(embedder).generate(question, [passage(1, text, outlet="Harbour Post")])
        assert draft.claims and "keep every crossing running" in draft.claims[0].text, (question, quotes_of(draft))


def test_who_someone_is_is_not_answered_by_another_person_of_the_same_surname(embedder):
    text = ("Attorney General Tim Fox, a former county prosecutor, is the state's top lawyer. The ruling upholds an "
            "earlier opinion by Fox, who said he was confident his position would be vindicated.")
    for question in ("who is nicola fox", "Who is Nicola Fox?"):
        draft = ExtractiveBackend(embedder).generate(question, [passage(1, text, outlet="Harbour Post")])
        assert not draft.claims and "nicola fox" in draft.abstain_reason.lower(), (question, quotes_of(draft))
    draft = ExtractiveBackend(embedder).generate("who is tim fox", [passage(1, text, outlet="Harbour Post")])
    assert draft.claims and "Attorney General Tim Fox" in draft.claims[0].text
    # a round-up naming a Nicola Harper and a Tim Fox names no Nicola Fox
    roundup = text + " Harbour master Nicola Harper said the pier would reopen in May."
    draft = ExtractiveBackend(embedder).generate("who is nicola fox", [passage(1, roundup, outlet="Harbour Post")])
    assert not draft.claims and "nicola fox" in draft.abstain_reason.lower(), quotes_of(draft)


def test_a_last_name_the_sentence_gives_someone_else_does_not_describe_the_one_asked_about():
    from briefing.answering.text import describes

    assert not describes("The ruling upholds an opinion by Attorney General Tim Fox, who said he was right.",
                         "nicola fox")
    assert describes("The ruling upholds an opinion by Attorney General Tim Fox, who said he was right.", "tim fox")
    from briefing.answering.text import names_in_full

    assert names_in_full("Harbour master Jenny Lawton Seal spoke.", "jenny seal")  # a middle name between
    assert names_in_full("Former Sen. Bob Menendez reported to prison.", "robert menendez")  # another form
    assert not names_in_full("Sen. Patty Murray and Rep. Mike Lawler both voted no.", "patty lawler")
    # an administrator is a role like a director
    assert describes("“We will look for ice,” Nicola Fox, associate administrator of the science directorate, said.",
                     "nicola fox")


def test_a_which_noun_the_articles_write_before_a_number_is_still_the_noun_asked_for(embedder):
    text = ("Harbour Directive 12 governs night shifts at Port Elland, the Harbor Authority said. The crews want a "
            "cap on night shifts written into it.")
    draft = ExtractiveBackend(embedder).generate("which directive covers night shifts at port elland",
                                                 [passage(1, text, outlet="Harbour Post")])
    assert draft.claims and "Directive 12" in draft.claims[0].text, draft.abstain_reason
    text = "Crews shut Route 9 along the Vesterhavn shore on Monday after the storm washed out a bridge."
    draft = ExtractiveBackend(embedder).generate("which route runs along the vesterhavn shore",
                                                 [passage(1, text, outlet="Harbour Post")])
    assert draft.claims and "Route 9" in draft.claims[0].text, draft.abstain_reason


def test_which_described_thing_is_answered_by_the_sentence_naming_it_beside_the_description(embedder):
    """A lede often withholds the name ("a small Swedish battery maker said ..."); the question's describing words
    ("which Swedish company") stand beside the name elsewhere ("The Swedish start-up Voltera ..."): that sentence
    joins the answer, though the unnamed lede is the most like the question."""
    from briefing.answering.text import describing_stems

    assert describing_stems("Shares fell after an announcement by which Swedish company?") == ["swedish"]
    assert describing_stems("Which automaker faces an inquiry?") == []  # the kind alone: any name of one answers
    assert describing_stems("What did the company say?") == []
    passages = [
        passage(1, "Shares of European carmakers fell sharply on Tuesday after a small Swedish battery maker said it "
                   "could build cells at half the cost of its rivals. The drop stunned investors in Frankfurt."),
        passage(2, "The Swedish start-up Voltera unveiled a battery cell on Tuesday that it says costs half as much to "
                   "build as its rivals' cells. Analysts at Nordbank called the claim bold."),
    ]
    question = "Carmaker shares fell on Tuesday after a battery claim by which Swedish company?"
    draft = ExtractiveBackend(embedder).generate(question, passages)
    assert any("Voltera" in q for q in quotes_of(draft)), quotes_of(draft)
    assert not any("Nordbank" in q for q in quotes_of(draft))


def test_a_kind_of_thing_the_articles_call_by_its_name_alone_is_no_reason_to_abstain(embedder):
    """"Which business daily ...?" where the articles write only the paper's name: a name request, not a missing
    word; "which judge ...?" still needs a judge (a role is written with the name: "Judge Ana Reyes")."""
    from briefing.answering.text import goes_by_a_name

    assert goes_by_a_name("daily") and goes_by_a_name("newcomer")
    assert not goes_by_a_name("judge") and not goes_by_a_name("senators") and not goes_by_a_name("directive")
    passages = [passage(1, "The merger talks between Korvel and Estrada were first reported on Monday by the Harbour "
                           "Ledger, citing people familiar with the matter. Korvel shares rose 4% on the news.")]
    backend = ExtractiveBackend(embedder)
    draft = backend.generate("Which business daily first reported the Korvel-Estrada merger talks?",
                             passages)
    assert any("Harbour Ledger" in q for q in quotes_of(draft)), draft.abstain_reason
    draft = backend.generate("Which judge first reported the Korvel-Estrada merger talks?", passages)
    assert not draft.claims and "judge" in draft.abstain_reason


def test_what_award_asks_for_the_awards_name_not_the_sentence_echoing_the_question(embedder):
    """Awards go by a name ("the Golden Lyre"): "what prize did the choir win" is not answered by "the choir won a
    prize", however close its words."""
    from briefing.answering.text import asks_for_a_name

    assert asks_for_a_name("What honor did the mayor give the choir?") and asks_for_a_name("which award did it win")
    passages = [passage(1, "The Elland choir won a prize at the Vesterhavn festival on Sunday, its director said. "
                           "The prize the choir won at the festival, the Golden Lyre, is its top honour.")]
    draft = ExtractiveBackend(embedder).generate("What prize did the Elland choir win at the Vesterhavn festival?",
                                                 passages)
    assert draft.claims and "Golden Lyre" in quotes_of(draft)[0], quotes_of(draft)


def test_a_question_opening_with_a_preposition_before_a_name_is_answered(embedder):
    """"Besides Easter, ..." and "Despite Friday's flood, ..." were read as the names "Besides Easter" and "Despite",
    which no article mentions: the sources were said not to answer."""
    p = passage(1, "The Harlow Mill closes on only two holidays a year, Easter and Midsummer Day, the owners said. "
                   "The ferry to Port Ellis sailed at noon on Saturday after Friday's flood had cleared.",
                outlet="Valley Post", published="2025-04-02")
    for question, answer in [("Besides Easter, which holiday does the Harlow Mill close on?", "Midsummer Day"),
                             ("Despite Friday's flood, when did the ferry to Port Ellis sail?", "noon on Saturday")]:
        got = answered(embedder, question, [p])
        assert not got.abstained, question
        assert answer in got.answer, (question, got.answer)


def test_what_time_wants_a_time_of_day_and_the_day_alone_does_not_say_it(embedder):
    """"What time ...?" is answered by an hour ("7:30 p.m.", "noon", "at dawn"); a sentence giving only the day ("on
    Saturday", "Thursday afternoon") was quoted as the answer. With no hour given, the sources do not say."""
    dated = passage(1, "The Harlow ferry will make its first crossing of the season on Saturday, the port authority "
                       "said. The mayor will hold a ribbon-cutting at the dock Thursday afternoon.",
                    outlet="Valley Post", published="2025-04-02")
    timed = passage(2, "The Harlow ferry will make its first crossing of the season at 7:30 p.m. on Saturday, the port "
                       "authority said.", outlet="Coast Herald", published="2025-04-03")
    backend = ExtractiveBackend(embedder)
    question = "What time will the Harlow ferry make its first crossing of the season?"
    assert verify(question, backend.generate(question, [dated]), [dated], "extractive").abstained
    ribbon = "At what time is the ribbon-cutting at the Harlow ferry dock?"
    assert verify(ribbon, backend.generate(ribbon, [dated]), [dated], "extractive").abstained
    got = verify(question, backend.generate(question, [dated, timed]), [dated, timed], "extractive")
    assert not got.abstained and "7:30 p.m." in got.answer
    assert "Thursday afternoon" not in got.answer


def test_an_age_asked_in_other_words_and_with_an_apposition(embedder):
    """"What is Mara Lind's age?" asks what "how old is Mara Lind?" does, and "Harlow's new harbor master" set off
    after her name describes her: the age is hers, not a figure of Harlow's (which was required and abstained)."""
    p = passage(1, "Harlow hired a new harbor master on Monday to run its busiest port in decades. Lind, 52, spent "
                   "two decades piloting tankers before taking the job. The port handled 4,000 ships last year.",
                title="Harlow names Mara Lind harbor master", outlet="Valley Post", published="2025-04-02")
    backend = ExtractiveBackend(embedder)
    for question in ("What is Mara Lind's age?", "How old is Mara Lind, Harlow's new harbor master?",
                     "what is the age of Mara Lind"):
        got = verify(question, backend.generate(question, [p]), [p], "extractive")
        assert not got.abstained, question
        assert "Lind, 52" in got.answer and "4,000" not in got.answer, (question, got.answer)


def test_a_name_typed_with_a_plain_apostrophe_is_the_name_printed_with_a_curly_one(embedder):
    """Articles print "Ka’ena Point" and "D’Arcy"; people type "Ka'ena" and "D'Arcy" -- no article "mentioned" them."""
    from briefing.answering.text import mentions_name

    assert mentions_name("The trail to Ka\u2019ena Point reopened.", "Ka'ena Point")
    assert mentions_name("The trail to Ka'ena Point reopened.", "Ka\u2019ena Point")
    assert mentions_name("a \u201cbig\u201d day for Port\u2013Ellis", "Port-Ellis")
    p = passage(1, "Rangers reopened the trail to Ka\u2019ena Point on Tuesday after storm damage closed it in "
                   "March, the state parks department said.", outlet="Island Times", published="2025-04-02")
    question = "When did the trail to Ka'ena Point reopen?"
    got = answered(embedder, question, [p])
    assert not got.abstained and "Tuesday" in got.answer


def test_how_many_counts_its_noun_whatever_verb_follows_and_a_named_thing_is_not_a_person(embedder):
    """"How many ferries serve ...": a number of ferries, not another number of the story (the verb "serve" ended no
    counted phrase, and the sentence naming the town was preferred before the count was looked for). "How many
    Harbor Award nominations did The Tide receive?": '"The Tide" received four nominations' answers though it does not
    repeat "Harbor Award" (read as a person each answer had to name)."""
    from briefing.answering.text import counted_noun

    assert counted_noun("How many ferries serve Port Ellis?") == "ferry"
    assert counted_noun("How many television viewers watched the address?") == "viewer"
    assert counted_noun("How many people watched?") is None  # people are counted under many names
    backend = ExtractiveBackend(embedder)
    ferries = passage(1, "Port Ellis expects 3,200 summer visitors a week on its ferries, the port authority said. "
                         "Eleven ferries serve the town, up from nine.", outlet="Valley Post", published="2025-04-02")
    question = "How many ferries serve Port Ellis each summer?"
    got = verify(question, backend.generate(question, [ferries]), [ferries], "extractive")
    assert "Eleven ferries" in got.answer and "3,200" not in got.answer, got.answer
    awards = passage(2, "Western \"Salt\" received six Harbor Award nominations, the most of any film. Period drama "
                        "\"The Tide\" received four nominations, including best picture.",
                     outlet="Coast Herald", published="2025-04-03")
    question = "How many Harbor Award nominations did The Tide receive?"
    got = verify(question, backend.generate(question, [awards]), [awards], "extractive")
    assert "\"The Tide\" received four nominations" in got.answer, got.answer


def test_another_of_a_numbered_series_is_not_the_one_asked_about(embedder):
    """"When is Regatta 12?" is not answered by "Regatta 11 was held on Saturday, June 8" (the same name, another
    number); a sentence about Regatta 12 is, and with none the sources do not say."""
    from briefing.answering.text import another_of_the_series, numbered_names, series_asked, year_named

    assert numbered_names("When is Regatta 12 and what did Title 42 change?") == [("Regatta", "12"), ("Title", "42")]
    assert numbered_names("What happened on January 20?") == []
    assert another_of_the_series("Regatta 11 was held on June 8.", "Regatta", {"12"})
    assert not another_of_the_series("Regatta 12 follows Regatta 11.", "Regatta", {"12"})
    assert not another_of_the_series("Regatta 11 was held on June 8.", "Regatta", {"12", "11"})  # both asked
    assert series_asked("Did Regatta 11 or Regatta 12 draw more 2025 race entries?") == [
        ("Regatta", {"11", "12"}, False), ("race", {"2025"}, True)]
    assert year_named("When will the club accept 2025 race entries?") == [("race", "2025")]
    assert another_of_the_series("It accepted 2024 regatta race entries in May.", "race", {"2025"}, before=True)
    backend = ExtractiveBackend(embedder)
    old = passage(1, "Regatta 11 was held on Saturday, June 8, 2024, on Lake Harlow, the sailing club said.",
                  outlet="Valley Post", published="2024-06-09")
    question = "When is Regatta 12 on Lake Harlow?"
    got = verify(question, backend.generate(question, [old]), [old], "extractive")
    assert got.abstained, got.answer
    new = passage(2, "Regatta 12 will be sailed on Lake Harlow on Saturday, June 14, 2025, the sailing club said.",
                  outlet="Valley Post", published="2025-04-02")
    got = verify(question, backend.generate(question, [old, new]), [old, new], "extractive")
    assert "June 14" in got.answer and "June 8" not in got.answer, got.answer
    entries = passage(3, "The sailing club began accepting 2024 race entries on May 1, 2024, its secretary said.",
                      outlet="Valley Post", published="2024-05-02")
    question = "When will the sailing club start accepting 2025 race entries?"
    assert verify(question, backend.generate(question, [entries]), [entries], "extractive").abstained


def test_how_many_things_is_not_answered_by_money_a_share_an_age_or_units_of_time(embedder):
    """A count ("how many deportees") is not given by "24 hours a day", "$2 million" or "at age 10"; units asked for
    ("how many days") are still counted in those units."""
    from briefing.answering.text import asks_a_count, counted_amounts

    assert asks_a_count("How many deportees did the shelter take in?") and asks_a_count("how many people died")
    assert not any(asks_a_count(q) for q in ("How many days did the strike last?", "how many times did he call",
                                             "How much did it cost?"))
    assert counted_amounts("It took in 3,400 deportees and 12 families, 10 percent more, for $2 million.") == \
        ["3,400", "12"]
    assert counted_amounts("It is open 24 hours a day; she came at age 10; 40,000 acres burned; a 44-year-old man.") \
        == []
    assert counted_amounts("The ferry line won a seven-figure contract and hired 40 crew.") == ["40"]  # money
    shelter = passage(1, "The Vesterhavn shelter is open 24 hours a day and takes in people who have been deported. "
                         "Its new wing cost $2 million to build, the Vesterhavn council said.")
    question = "How many deportees did the Vesterhavn shelter take in last year?"
    draft = ExtractiveBackend(embedder).generate(question, [shelter])
    assert not draft.claims and "figure" in draft.abstain_reason, quotes_of(draft)
    counted = passage(2, "The Vesterhavn shelter is open 24 hours a day. It took in 3,400 deportees last year, the "
                         "Vesterhavn council said.")
    draft = ExtractiveBackend(embedder).generate(question, [counted])
    assert draft.claims and "3,400 deportees" in quotes_of(draft)[0]
    days = passage(3, "The Vesterhavn ferry strike lasted 12 days, the union said.")
    draft = ExtractiveBackend(embedder).generate("How many days did the Vesterhavn ferry strike last?", [days])
    assert draft.claims and "12 days" in quotes_of(draft)[0]


def test_a_length_said_of_another_dimension_does_not_measure_the_one_asked(embedder):
    """"How deep is the reef?" is not answered by "20 feet high"; "40 feet below the surface" answers it."""
    question = "How deep underwater is the Vesterhavn reef?"
    high = passage(1, "The Vesterhavn reef is more than 500 years old and nearly 20 feet high, divers said.")
    draft = ExtractiveBackend(embedder).generate(question, [high])
    assert not draft.claims and "how deep" in draft.abstain_reason, quotes_of(draft)
    deep = passage(2, "The Vesterhavn reef is nearly 20 feet high and lies 40 feet below the surface, divers said.")
    draft = ExtractiveBackend(embedder).generate(question, [deep])
    assert draft.claims and "40 feet below" in quotes_of(draft)[0]


def test_how_long_is_answered_by_a_length_of_time_or_not_at_all(embedder):
    """"How long did the speech last?": an age ("then 61 years old") or another fact of the day is no length; none
    given, the sources do not say. "Can stretch months" gives one without a number."""
    from briefing.answering.text import gives_a_length

    assert gives_a_length("Approval can stretch months for sensitive systems.")
    assert not gives_a_length("The mayor, then 61 years old, spoke at the quay.")
    assert not gives_a_length("Prices have risen in recent days.")
    question = "How long did Mayor Tolland's harbor speech last?"
    aged = passage(1, "Mayor Mira Tolland, then 61 years old, gave her harbor speech at the Vesterhavn quay on Friday. "
                      "Mayor Tolland's harbor speech drew a crowd of 300, organisers said.")
    draft = ExtractiveBackend(embedder).generate(question, [aged])
    assert not draft.claims and "length of time" in draft.abstain_reason, quotes_of(draft)
    timed = passage(2, "Mayor Mira Tolland gave her harbor speech at the Vesterhavn quay on Friday. The speech lasted "
                       "40 minutes, organisers said.")
    draft = ExtractiveBackend(embedder).generate(question, [timed])
    assert draft.claims and "40 minutes" in " ".join(quotes_of(draft))


def test_the_dead_do_not_answer_how_many_were_injured(embedder):
    """A toll's two counts are not each other's answer: "at least eight people died" does not say how many were
    hurt (and the reverse); a sentence giving both answers either."""
    from briefing.answering.text import tells_the_toll, toll_asked

    assert toll_asked("How many people were injured by the storm?") == "injured"
    assert toll_asked("how many died in the crash") == "dead"
    assert toll_asked("How many were killed or injured?") is None
    assert not tells_the_toll("At least eight people died in Elland.", "injured")
    assert tells_the_toll("Eight people died and 40 were hurt in Elland.", "injured")
    storm = passage(1, "At least eight people died in Elland after the storm tore through the valley on Sunday. The "
                       "Elland storm knocked out power to 40,000 homes, the utility said.")
    draft = ExtractiveBackend(embedder).generate("How many people were injured by the Elland storm?", [storm])
    assert not draft.claims and "injured" in draft.abstain_reason, quotes_of(draft)
    both = passage(2, "At least eight people died in Elland after the storm, and 40 people were injured there, the "
                      "county said.")
    draft = ExtractiveBackend(embedder).generate("How many people were injured by the Elland storm?", [both])
    assert draft.claims and "40 people were injured" in quotes_of(draft)[0]


def test_which_network_airs_a_game_is_not_asking_which_outlet_reported_it():
    assert answer_type("Which network is airing the Elland-Harlow final?") == "general"
    assert answer_type("What network will broadcast the Harbor Awards?") == "general"
    assert answer_type("Which network first reported the Elland merger?") == "source"
    assert answer_type("What newspaper first reported the Elland merger?") == "source"


def test_an_acronym_is_named_with_or_without_its_dots():
    from briefing.answering.text import mentions_name

    assert mentions_name("The law has been used three times in U.S. history.", "US")
    assert mentions_name("US forces left the base.", "U.S.")
    assert mentions_name("The U.K. government said", "UK")
    assert not mentions_name("Tell us more, thus said the mayor.", "US")


def test_how_high_a_rate_or_a_price_rose_is_answered_by_a_share_or_a_sum(embedder):
    rates = passage(1, "Inflation in Vesterhavn was a worry for the harbor council all year. Year-over-year "
                       "inflation in Vesterhavn peaked in 2022 at about 9%, the council said.")
    draft = ExtractiveBackend(embedder).generate("how high did yearly inflation in vesterhavn peak", [rates])
    assert draft.claims and "9%" in quotes_of(draft)[0], draft.abstain_reason


def test_a_figure_asked_with_two_owners_is_given_by_a_sentence_naming_one_in_an_article_naming_both(embedder):
    """"How much have Tolland's backers pledged for Northsea's ferry arm?": "Tolland said backers pledged $2
    billion" in an article about Northsea answers it; a figure from an article never naming Northsea does not."""
    question = "How much have Mira Tolland's backers pledged toward buying Northsea's ferry business?"
    story = passage(1, "Northsea must sell its ferry business by June, and Mira Tolland wants to buy it. Tolland, "
                       "founder of the Elland Trust, said a group of backers has pledged up to $2 billion for the "
                       "purchase.", title="Northsea ferry sale")
    draft = ExtractiveBackend(embedder).generate(question, [story])
    assert draft.claims and "$2 billion" in quotes_of(draft)[0], draft.abstain_reason
    elsewhere = passage(2, "Mira Tolland, founder of the Elland Trust, said a group of backers has pledged up to $2 "
                           "billion for a stadium.", title="Elland stadium")
    draft = ExtractiveBackend(embedder).generate(question, [elsewhere])
    assert not draft.claims, quotes_of(draft)


def test_a_figure_of_ones_thing_is_given_under_its_name_in_its_story_or_after_a_sentence_naming_it(embedder):
    """The owner of "Keller's subscription" need not stand in the sentence giving the figure: a subhead or the sentence
    before may name it, or the story is about it; "per Dana Ruiz's column" names the source cited, not an owner."""
    review = passage(1, "Car subscriptions are spreading.\n\nKeller\n\nKeller offers a lane-keeping system called "
                        "Glide for $30 per month. With this, you get hands-free driving on 150,000 miles of highway. "
                        "Ostra charges $900 a year for faster acceleration. Dana Ruiz hosts a weekly tech show.\n\n"
                        "Brisa\n\nThe basic plan costs $12 a month.", title="Car subscriptions: what they cost")
    draft = ExtractiveBackend(embedder).generate(
        "how many miles of highway does Keller's hands-free subscription system cover", [review])
    assert draft.claims and "150,000 miles" in quotes_of(draft)[0], draft.abstain_reason
    assert "Keller offers" in quotes_of(draft)[0]  # the sentence naming the owner is quoted with it
    draft = ExtractiveBackend(embedder).generate(
        "how much per year does Ostra charge for faster acceleration, per Dana Ruiz's December column", [review])
    assert draft.claims and "$900" in quotes_of(draft)[0], draft.abstain_reason
    fair = passage(2, "The fair opens Friday at the harbor grounds. The main stage will hold nearly 2,000 guests, "
                      "according to the organising committee.", title="Vesterhavn harbor fair 2026: what to know")
    draft = ExtractiveBackend(embedder).generate("how many guests can fit on the main stage at Vesterhavn's 2026 "
                                                 "harbor fair", [fair])
    assert draft.claims and "2,000 guests" in quotes_of(draft)[0], draft.abstain_reason
    draft = ExtractiveBackend(embedder).generate("how much is Brisa's basic plan per month", [review])
    assert draft.claims and "$12 a month" in quotes_of(draft)[0], draft.abstain_reason
    # another party's figure still does not answer: a sentence naming others, or another's possessive
    draft = ExtractiveBackend(embedder).generate("how much is Keller's fee for faster acceleration", [review])
    assert not any("$900" in q for q in quotes_of(draft)), quotes_of(draft)


def test_an_explainers_answer_line_is_about_whom_its_question_subhead_names(embedder):
    """"What time is Mara Lind's swearing-in?" over "The ceremony will take place at 10 a.m." answers what time her
    swearing-in is, though the line does not repeat her name."""
    explainer = passage(1, "Mara Lind won the Harlow mayoral election in November.\n\nWhat time is Mara Lind's "
                           "swearing-in?\n\nThe ceremony will take place at 10 a.m. at the harbor hall.\n\nWhere "
                           "can I watch it?\n\nThe town will stream it online.", title="Harlow's new mayor")
    draft = ExtractiveBackend(embedder).generate("What time is Mara Lind's swearing-in scheduled for?", [explainer])
    assert draft.claims and "10 a.m." in quotes_of(draft)[0], draft.abstain_reason


def test_who_was_the_driver_or_photographer_asks_for_the_person_a_sentence_names_beside_that_word(embedder):
    """"Who was the photographer that made ...?" asks for a person by what they do, as "who was the spokesperson"
    does: "The photographer, Ines Moll, ..." answers it, though it shares few of the question's words."""
    story = passage(1, "Harlow's mayor Mara Lind unveiled her official portrait at the harbor hall on Friday, before "
                       "council members and guests. The photographer, Ines Moll, spent two hours on the sitting in "
                       "March. Guests praised the likeness.", title="Harlow unveils the mayor's portrait")
    question = ("Who was the photographer that made Harlow mayor Mara Lind's official portrait unveiled at the harbor "
                "hall?")
    draft = ExtractiveBackend(embedder).generate(question, [story])
    assert draft.claims and "Ines Moll" in quotes_of(draft)[0], draft.abstain_reason


def test_a_toll_word_in_an_age_question_asks_no_toll(embedder):
    """"How old was he when he died?" asks an age, not how many died."""
    obituary = passage(1, "Hundreds attended the August funeral for Elland firefighter Brann Lowe, 23, at the "
                          "harbor church.")
    draft = ExtractiveBackend(embedder).generate("How old was Elland firefighter Brann Lowe when he died?", [obituary])
    assert draft.claims and "Brann Lowe, 23" in quotes_of(draft)[0], draft.abstain_reason


def test_the_age_asked_is_of_the_one_named_with_an_initial_or_of_the_one_they_have(embedder):
    """"How old is Brann T. Lowe Jr.": a name with an initial and a suffix is one name, named after the first mention
    by its surname ("Lowe, 61,"); "How old is Brann Lowe's daughter": her age ("his 9-year-old daughter"), not his."""
    from briefing.answering.text import age_asked_of_owned, key_entities

    assert key_entities("How old is Brann T. Lowe Jr. as he faces the harbor board?")[0] == "Brann T. Lowe Jr"
    assert "S. Rep" not in " ".join(key_entities("What did U.S. Rep. Ada Roe say?"))  # an initialism is no initial
    profile = passage(1, "Harbor master Brann T. Lowe Jr. faces the Elland harbor board on Monday. Lowe, 61, has run "
                         "the Vesterhavn port since 2009.")
    draft = ExtractiveBackend(embedder).generate("How old is Brann T. Lowe Jr. as he faces the Elland harbor board?",
                                                 [profile])
    assert draft.claims and "Lowe, 61" in quotes_of(draft)[0], draft.abstain_reason
    assert age_asked_of_owned("How old was Brann Lowe's daughter when he won the race?") == "daughter"
    assert age_asked_of_owned("How old is Brann Lowe?") is None
    family = passage(1, "Harbor master Brann Lowe, 61, won the Vesterhavn regatta on Sunday with his crew, his "
                        "9-year-old daughter cheering from the quay.")
    question = "How old was Brann Lowe's daughter when he won the Vesterhavn regatta?"
    draft = ExtractiveBackend(embedder).generate(question, [family])
    assert draft.claims and "9-year-old daughter" in quotes_of(draft)[0], draft.abstain_reason
    alone = passage(1, "Harbor master Brann Lowe, 61, won the Vesterhavn regatta on Sunday with his crew, his "
                       "daughter cheering from the quay.")
    assert not ExtractiveBackend(embedder).generate(question, [alone]).claims  # his age is not hers


def test_how_many_voted_for_is_not_answered_by_those_voting_against(embedder):
    """A vote is told in two counts, as a toll is: "eleven senators voted against" does not say how many voted for it;
    a tally gives both."""
    from briefing.answering.text import tells_the_toll, toll_asked

    assert toll_asked("How many councillors voted for the Elland levy?") == "for"
    assert toll_asked("how many councillors voted to approve the levy") == "for"
    assert toll_asked("How many councillors voted against the levy?") == "against"
    assert toll_asked("How many councillors voted to reject the levy?") == "against"
    assert toll_asked("How many votes did Ada Roe get for the seat?") is None
    assert toll_asked("how many people supported the plan") is None
    assert tells_the_toll("The council voted 9-4 to approve the levy.", "for")
    against = passage(1, "Four Harbour Party councillors voted against the Elland levy on Tuesday, citing its cost to "
                         "the ferry operators.")
    question = "How many councillors voted for the Elland levy on Tuesday?"
    assert not ExtractiveBackend(embedder).generate(question, [against]).claims
    tally = passage(2, "The Elland council passed the levy on Tuesday, with nine councillors voting for it and four "
                       "against.")
    draft = ExtractiveBackend(embedder).generate(question, [against, tally])
    assert draft.claims and "nine councillors" in quotes_of(draft)[0], draft.abstain_reason
    # a tally counts the members voting each way ("how many senators voted for it": "86 to 11"), of the year a "last
    # June" of its article names
    tallied = passage(2, "The Elland council took up the ferry levy on Tuesday. The final tally in the council was "
                         "9 to 4.")
    draft = ExtractiveBackend(embedder).generate(question, [against, tallied])
    assert draft.claims and "9 to 4" in quotes_of(draft)[0], draft.abstain_reason
    from briefing.answering.extractive import Candidate, _of_year

    text = "Last June, the council passed the levy by a 9-4 vote."
    for published, year, expected in (("2022-02-02", 2021, True), ("2022-08-02", 2021, False),
                                      ("2022-08-02", 2022, True)):
        p = passage(1, text, published=published)
        assert _of_year(Candidate(n=1, passage=p, start=0, end=len(text), text=text, order=0), year) is expected


def test_a_vote_of_one_chamber_is_not_answered_by_another_chambers(embedder):
    """"What was the Assembly vote tally on the levy?" is not answered by the Senate's tally; the White House is no
    chamber."""
    from briefing.answering.text import of_another_chamber

    question = "What was the Assembly vote tally when it passed the Elland ferry levy in May?"
    assert of_another_chamber("The final tally in the Senate was 31 to 7.", question)
    assert not of_another_chamber("The Assembly passed it 52 to 20, a day before the Senate vote.", question)
    assert not of_another_chamber("The White House said the vote was 52 to 20.", question)
    senate = passage(1, "The Elland ferry levy passed the legislature in May, after weeks of debate over its cost to "
                        "commuters. The final tally in the Senate was 31 to 7.")
    assert not ExtractiveBackend(embedder).generate(question, [senate]).claims
    assembly = passage(2, "The Elland ferry levy passed the Assembly in May by a vote of 52 to 20.")
    draft = ExtractiveBackend(embedder).generate(question, [senate, assembly])
    assert draft.claims and "52 to 20" in quotes_of(draft)[0], draft.abstain_reason


def test_a_share_a_vote_a_race_time_and_a_contract_are_answered_by_their_own_kind_of_figure(embedder):
    """"What percentage of districts earned five stars": a percent or a fraction, not "five stars" (nor "half-star");
    "what was the Senate vote": a tally; "what was her winning time": a race's time; "how much is his contract":
    money."""
    from briefing.answering.text import answer_type, measure_asked, satisfies_type

    share = "What percentage of Elland school districts earned five stars in 2022?"
    assert not satisfies_type("figure", "Schools can earn up to five stars, and half-star ratings are possible.", share)
    for given in ("About 12% of districts earned five stars.", "Half of the districts earned five stars.",
                  "One in four districts earned five stars.", "Two-thirds of districts earned five stars."):
        assert satisfies_type("figure", given, share), given
    assert not satisfies_type("figure", "Profit rose in the fourth quarter to 12 stars.", share)
    assert measure_asked("What was the Senate vote on the Elland levy?")[0] == "vote"
    assert measure_asked("what was the vote about") is None and answer_type("what was the vote about") == "general"
    assert satisfies_type("figure", "The Senate passed it 52-44.", "What was the Senate vote on the Elland levy?")
    assert measure_asked("What was Ada Roe's winning time at the Harlow 10K?")[0] == "time"
    contract = "How much is harbor pilot Ada Roe's contract with the Elland port?"
    assert not satisfies_type("figure", "Roe could develop into a 70-catch pilot, one scout said.", contract)
    assert satisfies_type("figure", "Roe signed a $4 million contract.", contract)
    race = passage(1, "Ada Roe won the women's race at the Harlow 10K on Sunday, ahead of 3,000 runners. Her winning "
                      "time was 31:05, a course record.")
    draft = ExtractiveBackend(embedder).generate("What was Ada Roe's winning time at the Harlow 10K?", [race])
    assert draft.claims and "31:05" in quotes_of(draft)[0], draft.abstain_reason
    no_time = passage(1, "Ada Roe won the women's race at the Harlow 10K on Sunday, ahead of 3,000 runners.")
    assert not ExtractiveBackend(embedder).generate("What was Ada Roe's winning time at the Harlow 10K?",
                                                    [no_time]).claims


def test_a_unit_closing_the_question_is_the_unit_of_the_answer():
    from briefing.answering.text import satisfies_type

    question = "How big is the Vesterhavn estate, the harbor master's home, in acres?"
    assert satisfies_type("figure", "The estate covers 17 acres on the north shore.", question)
    assert satisfies_type("figure", "He bought the 17-acre estate in 1985.", question)
    assert not satisfies_type("figure", "He bought the estate for $10 million in 1985.", question)


def test_an_explainers_answer_line_without_its_full_stop_is_a_sentence(embedder):
    """Under a subhead, "The harbor festival will close on Aug. 11" (no full stop) answers; a second subhead, a
    line opening on a label ("The claim: ...") or with a question word, or a passage's cut-off last line does not."""
    explainer = passage(1, "Vesterhavn harbor festival closing date\n\nThe Vesterhavn harbor festival will hold its "
                           "closing parade on Aug. 11\n\nHow many times has Vesterhavn hosted the festival?\n\n"
                           "Vesterhavn has hosted it three times.")
    draft = ExtractiveBackend(embedder).generate("when is the vesterhavn harbor festival closing parade", [explainer])
    assert draft.claims and "Aug. 11" in quotes_of(draft)[0], draft.abstain_reason
    from briefing.answering.extractive import _unstopped_sentence

    assert _unstopped_sentence("The Vesterhavn harbor festival will hold its closing parade on Aug. 11")
    assert not _unstopped_sentence("What you should know about the Vesterhavn harbor festival this year")
    assert not _unstopped_sentence("The claim: the mayor has said the harbor festival will be cancelled for good")
    assert not _unstopped_sentence("Harbor Festival Parade Route And Closing Times For Visitors Are Set")
    checked = passage(2, "Fact check: festival rumor\n\nThe claim: the Vesterhavn harbor festival closing parade was "
                         "cancelled on Aug. 11\n\nOur rating: False.")
    draft = ExtractiveBackend(embedder).generate("when was the vesterhavn closing parade cancelled", [checked])
    assert not any("The claim" in q for q in quotes_of(draft))


def test_the_day_a_state_held_or_a_statement_was_made_does_not_say_when_an_event_happens(embedder):
    """"When will the museum reopen?": not "As of Sunday, it is working to reopen" nor "is closed, read a statement
    Saturday"; "will reopen Nov. 2, the museum said Friday" answers; "when did the museum respond" is answered by the
    day it said something."""
    question = "When will the Vesterhavn museum reopen to visitors?"
    stamped = passage(1, "As of Sunday, the Vesterhavn museum says it is still assessing storm damage and working to "
                         "reopen to visitors. \"The Vesterhavn museum is temporarily closed,\" read a statement "
                         "Saturday on the museum's website.")
    draft = ExtractiveBackend(embedder).generate(question, [stamped])
    assert not draft.claims, quotes_of(draft)
    dated = passage(2, "The Vesterhavn museum will reopen to visitors on Nov. 2, the museum said Friday.")
    draft = ExtractiveBackend(embedder).generate(question, [dated])
    assert draft.claims and "Nov. 2" in quotes_of(draft)[0], draft.abstain_reason
    assert satisfies_type("when", "The museum said Friday it had rejected the offer.", "When did the museum respond?")
    assert not satisfies_type("when", "The museum said Friday it had rejected the offer.",
                              "When will the museum reopen?")


def test_a_name_after_an_abbreviated_title_is_a_name(embedder):
    """"Sen. Mira Tolland" names someone: the full stop of "Sen." is no sentence's end, and the sentence gives a name
    a who-question asks for."""
    assert satisfies_type("who", "The bill was written by Sen. Mira Tolland, the committee's chair.",
                          "Who chairs the Elland harbor committee?")
    assert satisfies_type("who", "\u201cIt went well.\u201d said Dr. Brann Lowe, the harbor committee's chair.",
                          "Who chairs the Elland harbor committee?")
    chair = passage(1, "\u201cI think the hearing went well.\u201d said Sen. Mira Tolland, R-Elland, the chair of the "
                       "Harbor Committee who ran the hearing.")
    draft = ExtractiveBackend(embedder).generate("Who is the chair of the Harbor Committee?", [chair])
    assert draft.claims and "Mira Tolland" in quotes_of(draft)[0], draft.abstain_reason


def test_which_person_by_a_word_for_one_is_a_who_question_answered_by_a_name(embedder):
    """"Which Vesterhavn veteran won ..." asks for a person by a word describing her: a who question, answered by the
    sentence naming the winner though it never says "veteran". A title written before a name ("which judge") still
    needs the word: a sentence naming someone else is not the judge."""
    assert answer_type("Which Vesterhavn veteran won her first acting award at the Elland Film Prize?") == "who"
    assert answer_type("Which McAllister's executive talked to the Elland Courier about the results?") == "who"
    assert answer_type("Which company's ferry sank?") == "general"
    award = passage(1, "Mira Tolland won her first acting award at the Elland Film Prize on Sunday, 45 years after her "
                       "screen debut in Vesterhavn. The ceremony was held at the old harbor hall.")
    draft = ExtractiveBackend(embedder).generate(
        "Which Vesterhavn veteran won her first acting award at the Elland Film Prize?", [award])
    assert draft.claims and "Mira Tolland won her first acting award" in quotes_of(draft)[0], draft.abstain_reason
    ruling = passage(2, "Brann Lowe, the harbor's lawyer, said the Elland ferry ban blocked by the court would be "
                        "appealed.")
    draft = ExtractiveBackend(embedder).generate("Which judge blocked the Elland ferry ban?", [ruling])
    assert not draft.claims and "judge" in draft.abstain_reason, quotes_of(draft)


def test_a_month_or_a_rank_is_not_a_name(embedder):
    """"On Nov. 1" opens a sentence with two capitalised words and "No. 1" is capitalised, but neither names anyone:
    a who question is not answered by a date, nor a which-team question by a rank."""
    from briefing.answering.text import names_something_new

    assert not satisfies_type("who", "On Nov. 1, 2024, the company completed its sale of Kelmar Parts.",
                              "Who bought Kelmar Parts?")
    assert satisfies_type("who", "On Nov. 1, 2024, Mira Tolland completed her purchase of Kelmar Parts.",
                          "Who bought Kelmar Parts?")
    assert not names_something_new("The No. 1 Elland Rovers will practice Thursday.",
                                   "Which team will the Elland Rovers play on Friday?")
    assert names_something_new("The No. 1 Elland Rovers will play Harlow Town on Friday.",
                               "Which team will the Elland Rovers play on Friday?")
    sale = passage(1, "On Nov. 1, 2024, the company completed its previously announced sale of Kelmar Parts for "
                      "nearly $1.5 billion.")
    draft = ExtractiveBackend(embedder).generate("Who bought Kelmar Parts from Elland Auto?", [sale])
    assert not draft.claims, quotes_of(draft)


def test_a_margin_of_error_is_a_figure_and_a_quarter_code_is_not_a_name():
    """"What is the margin of error" asks for a figure; "Q1 2019" is the articles' "first quarter", not a name the
    passages must mention."""
    from briefing.answering.text import key_entities

    assert answer_type("What is the margin of error of the Elland Courier poll?") == "figure"
    assert key_entities("How many more ferries did Kelmar sell in Q1 2019 than in FY2018?") == ["Kelmar"]


def test_how_many_things_is_not_answered_by_a_count_of_other_things(embedder):
    """"How many jobs is Kelmar cutting?" is not answered by the number of stores it closes, and sentences counting
    only other things mean the sources do not say; a sentence counting the jobs answers."""
    stores = passage(1, "Kelmar Parts will close 40 stores and two warehouses across Elland and cut jobs as demand for "
                        "ferry parts slows, the company said. Kelmar Parts has 251 stores in Elland.")
    draft = ExtractiveBackend(embedder).generate("How many jobs is Kelmar Parts cutting?", [stores])
    assert not draft.claims and "number of jobs" in draft.abstain_reason, quotes_of(draft)
    from briefing.answering.text import counted_word

    assert counted_word("How many cities did the Elland storm flood?") == "cities"  # the reason says it as asked
    jobs = passage(2, "Kelmar Parts will close 40 stores and cut 300 jobs as demand for ferry parts slows, the company "
                      "said.")
    draft = ExtractiveBackend(embedder).generate("How many jobs is Kelmar Parts cutting?", [stores, jobs])
    assert draft.claims and "300 jobs" in quotes_of(draft)[0], draft.abstain_reason


def test_how_deadly_asks_for_the_toll(embedder):
    """"How deadly was the ferry fire?" is answered by its dead, not by another figure of the fire; with none given,
    the sources do not say."""
    assert answer_type("give me a recap of how deadly the elland ferry fire was") == "figure"
    fire = passage(1, "The Elland ferry fire broke out at 3 a.m. and burned for 20 hours, destroying 14 cars on the "
                      "deck. At least 12 people died in the fire, the coast guard said.")
    draft = ExtractiveBackend(embedder).generate("How deadly was the Elland ferry fire?", [fire])
    assert draft.claims and "12 people died" in quotes_of(draft)[0], draft.abstain_reason
    cars = passage(2, "The Elland ferry fire broke out at 3 a.m. and burned for 20 hours, destroying 14 cars on the "
                      "deck, the coast guard said.")
    draft = ExtractiveBackend(embedder).generate("How deadly was the Elland ferry fire?", [cars])
    assert not draft.claims, quotes_of(draft)
    hurt = passage(3, "The Elland ferry fire injured 30 people on the car deck, the coast guard said.")
    draft = ExtractiveBackend(embedder).generate("How deadly was the Elland ferry fire?", [hurt])
    assert not draft.claims and "deadly" in draft.abstain_reason, quotes_of(draft)


def test_the_name_of_a_thing_is_given_beside_it_or_not_at_all(embedder):
    """"What was the name of the ferry captain who was attacked?" asks for a name given beside the captain; a sentence
    about an unnamed captain does not say it, and neither does a name elsewhere in the sentence."""
    from briefing.answering.text import name_asked_of

    assert name_asked_of("What is the name of the Black riverboat co-captain who was attacked?") == "co-captain"
    assert name_asked_of("What was the name of the Elland spy Mira Tolland met in 2016?") == "spy"
    assert name_asked_of("What is the name of the new Blue Origin rocket?") == "rocket"
    unnamed = passage(1, "\u201cWe saw a mob attack him,\u201d said Brann Lowe, a dock worker in Elland, describing "
                         "the attack on the ferry captain by the boaters.")
    question = "What was the name of the ferry captain who was attacked on the Elland dock?"
    draft = ExtractiveBackend(embedder).generate(question, [unnamed])
    assert not draft.claims and "name of the captain" in draft.abstain_reason, quotes_of(draft)
    named = passage(2, "The boaters attacked the ferry captain, Orrin Hale, on the Elland dock on Saturday, the police "
                       "said.")
    draft = ExtractiveBackend(embedder).generate(question, [unnamed, named])
    assert draft.claims and "Orrin Hale" in quotes_of(draft)[0], draft.abstain_reason


def test_a_number_of_reports_of_things_is_not_a_number_of_the_things(embedder):
    """"250 reports of possible fires" counts reports: it does not say how many fires there were. "36 of the fires"
    and "dozens of fires" count fires."""
    from briefing.answering.text import counted_noun, counts

    fires = counted_noun("How many fires has the Elland fire service confirmed?")
    assert not counts("The service received more than 250 reports of possible fires on Sunday.", fires)
    assert counts("Crews confirmed 36 of the fires.", fires) and counts("Crews fought dozens of fires.", fires)
    reports = passage(1, "The Elland fire service received more than 250 reports of possible fires, smoke and downed "
                         "lines across the valley on Sunday.")
    draft = ExtractiveBackend(embedder).generate("How many fires has the Elland fire service confirmed?", [reports])
    assert not draft.claims, quotes_of(draft)


def test_a_length_written_as_one_word_before_its_noun_answers_how_long(embedder):
    from briefing.answering.text import gives_a_length

    assert gives_a_length("The draft calls on the crews to observe a 30-day truce.")
    assert gives_a_length("The council approved a six-month pilot of night ferries.")
    assert not gives_a_length("A 10-year-old boy was rescued from the harbour.")  # an age
    truce = passage(1, "The harbour council may vote this week on a resolution that calls for the ferry unions to "
                       "observe a 30-day truce, according to a draft obtained by the Post.", outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate("how long a truce does the draft resolution ask the ferry unions for",
                                                 [truce])
    assert draft.claims and "30-day truce" in draft.claims[0].text, draft.abstain_reason


def test_a_nationality_asked_of_is_found_in_an_article_naming_the_country(embedder):
    study = passage(1, "Researchers from Norway modelled how a change of diet at age 20 could add up to 13 years to a "
                       "man's life, the study published on Tuesday found.", outlet="Harbour Post",
                    title="Diet could add years to your life")
    draft = ExtractiveBackend(embedder).generate(
        "how many years of life could a man gain by changing his diet at 20, according to the Norwegian study", [study])
    assert draft.claims and "13 years" in draft.claims[0].text, draft.abstain_reason


def test_a_person_asked_for_by_a_role_is_answered_by_a_persons_name_not_a_place(embedder):
    from briefing.answering.followup import people_in

    assert people_in("at all of the chain's 900 cafes in North America") == []
    assert people_in("the Long Range Harbour Defence System") == []
    assert people_in("in New York, Gov. Kathy Hochul said") == ["Kathy Hochul"]
    assert people_in("Kanye West said") == ["Kanye West"]  # a compass word closing a name is a surname
    place = passage(1, "The harbour board's new rule on ferry tickets takes effect on March 2 at all of its "
                       "terminals in North America, the board announced.", outlet="Harbour Post")
    person = passage(2, "Harbour board spokesperson Mara Lind told the Post that the ferry ticket rule puts "
                        "paying passengers first.", outlet="Harbour Post")
    question = "who is the harbour board spokesperson who explained the new ferry ticket rule"
    draft = ExtractiveBackend(embedder).generate(question, [place, person])
    assert draft.claims and "Mara Lind" in draft.claims[0].text
    assert not ExtractiveBackend(embedder).generate(question, [place]).claims  # no person named: not said


def test_a_faith_or_a_creed_is_no_persons_name(embedder):
    from briefing.answering.followup import people_in

    assert people_in("A Sunni Islamist militia and its allies took the port.") == []
    assert people_in("The Catholic Church said it would help.") == []
    assert people_in("Shiite Muslim leaders met Karim Haddad on Friday.") == ["Karim Haddad"]
    group = passage(1, "A Sunni Islamist militia named the Harbour Front, and its allies, have led the latest rebel "
                       "offensive on the port of Elland.", outlet="Harbour Post")
    leader = passage(2, "The Harbour Front's leader, Karim Haddad, told fighters the port would fall within days.",
                     outlet="Coast Daily")
    question = "Who is the leader of the Harbour Front?"
    assert not ExtractiveBackend(embedder).generate(question, [group]).claims  # no person named: not said
    draft = ExtractiveBackend(embedder).generate(question, [group, leader])
    assert draft.claims and "Karim Haddad" in draft.claims[0].text


def test_a_person_asked_for_by_a_role_may_be_named_further_on_in_the_story(embedder):
    story = ("Two years on, a Harbour County judge is deciding whether the ferry operator's lawsuit against the port "
             "can go ahead. The operator says the port broke its lease. Port officials deny it. ")
    named = passage(1, story + "Judge Mara Lind has said she will rule on the motion “within weeks”, leaving "
                               "the operator waiting.", outlet="Harbour Post")
    question = ("name the Harbour County judge deciding whether the ferry operator's lawsuit against the port can "
                "go ahead")
    draft = ExtractiveBackend(embedder).generate(question, [named])
    assert draft.claims and "Mara Lind" in quotes_of(draft)[0], draft.abstain_reason
    # a person named without the role's words is someone else in the story, not the judge
    other = passage(1, story + "Port spokesman Ed Crane has said the lease was clear from the start.",
                    outlet="Harbour Post")
    assert not ExtractiveBackend(embedder).generate(question, [other]).claims


def test_a_yearly_event_of_a_named_year_is_not_dated_by_an_article_from_years_before(embedder):
    old = passage(1, "In many ways, the mayor's harbour speech was a follow-up to his Feb. 12 State of the Harbour "
                     "address, in which he pledged more ferries.", outlet="Harbour Post", published="2013-05-23")
    new = passage(2, "Mayor Lowe will deliver his State of the Harbour address on Feb. 5, his office said.",
                  outlet="Coast Daily", published="2019-01-30")
    question = "On what date will the mayor deliver his 2019 State of the Harbour address?"
    assert not ExtractiveBackend(embedder).generate(question, [old]).claims  # 2013 tells of an earlier one
    draft = ExtractiveBackend(embedder).generate(question, [old, new])
    assert draft.claims and "Feb. 5" in draft.claims[0].text


def test_where_is_answered_by_a_sentence_placing_it_not_one_naming_the_asked_in_the_possessive(embedder):
    from briefing.answering.text import name_words, places_something_new

    assert "harlow" in name_words("Where will Harlow's new ferry museum open?")  # the possessive says the name too
    assert places_something_new("The museum will open at 44 Quay Street in Elland.", "where will the museum open")
    assert not places_something_new("The museum will open in January.", "where will the museum open")
    launch = passage(1, "The Harlow Council is launching a new ferry museum, a centre for the history of the island "
                        "crossings, council chair Mara Lind announced Tuesday.", outlet="Harbour Post")
    placed = passage(2, "The museum will be part of the council's heritage service and will be located, for now, at "
                        "44 Quay Street in Elland.", outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate("where will the Harlow Council's new ferry museum be located",
                                                 [launch, placed])
    assert draft.claims and "44 Quay Street" in draft.claims[0].text


def test_who_told_it_may_be_an_unnamed_source(embedder):
    told = passage(1, "The council's latest offer included some of the union's suggested wording on night shifts, a "
                      "person familiar with the talks told the Harbour Post on Thursday.", outlet="Harbour Post")
    draft = ExtractiveBackend(embedder).generate(
        "Who told the Harbour Post that the council's latest offer included some of the union's wording?", [told])
    assert draft.claims and "person familiar with the talks" in draft.claims[0].text, draft.abstain_reason


def test_who_was_given_a_post_is_answered_by_a_sentence_giving_that_post(embedder):
    from briefing.answering.text import post_given

    assert post_given("Who was named executive director of the ferry museum?") == "executive director"
    assert post_given("who has been appointed harbour master") == "harbour master"
    assert post_given("who won the ferry race") is None
    other = passage(1, "In a separate release Tuesday, the university announced that Mara Lind had been named the "
                       "Franklin professor of maritime history, where she will lead the ferry museum's research.",
                    outlet="Harbour Post")
    question = "Who was named executive director of the ferry museum?"
    assert not ExtractiveBackend(embedder).generate(question, [other]).claims  # another post: not said
    given = passage(2, "The council named Tomas Berg executive director of the ferry museum on Monday.",
                    outlet="Coast Daily")
    draft = ExtractiveBackend(embedder).generate(question, [other, given])
    assert draft.claims and "Tomas Berg" in draft.claims[0].text


def test_a_count_written_as_a_share_of_a_million_answers_how_many(embedder):
    from briefing.answering.text import amounts

    assert amounts("About half a million people have been killed, the monitor said.") == ["half a million"]
    assert amounts("Nearly a quarter of a million people fled.") == ["a quarter of a million"]
    toll = passage(1, "More than a decade later, about half a million people have been killed in the island war, "
                      "according to the Harbour Observatory for Human Rights.", outlet="Harbour Post")
    strike = passage(2, "On Thursday, a warplane struck the port of Elland, killing at least 16 people, according to "
                        "the Harbour Observatory for Human Rights.", outlet="Coast Daily")
    draft = ExtractiveBackend(embedder).generate(
        "roughly how many people have been killed in the island war according to the harbour observatory",
        [strike, toll])
    assert draft.claims and "half a million" in draft.claims[0].text, draft.abstain_reason


def test_what_category_or_magnitude_is_answered_by_that_measure_or_not_at_all(embedder):
    from briefing.answering.text import measure_asked

    assert measure_asked("What category was Hurricane Lowe when it made landfall?")[0] == "category"
    assert measure_asked("what magnitude was the earthquake off Elland")[0] == "magnitude"
    outage = passage(1, "Thousands of homes on the islands remain without power after Hurricane Lowe passed on "
                        "Thursday, the harbour board said.", outlet="Harbour Post")
    question = "What category was Hurricane Lowe when it made landfall?"
    assert not ExtractiveBackend(embedder).generate(question, [outage]).claims  # "thousands" is no category
    landfall = passage(2, "Hurricane Lowe made landfall as a Category 4 storm near Elland late on Thursday, "
                          "forecasters said.", outlet="Coast Daily")
    draft = ExtractiveBackend(embedder).generate(question, [outage, landfall])
    assert draft.claims and "Category 4" in draft.claims[0].text, draft.abstain_reason


def test_a_vote_tally_is_answered_by_the_votes_for_and_against_or_not_at_all(embedder):
    from briefing.answering.text import measure_asked

    assert measure_asked("give me the vote tally when the Harlow council passed the ferry levy")[0] == "tally"
    assert measure_asked("how much aid would the new package bring the tally to") is None  # a total, no vote
    question = "What was the council's vote tally when it passed the Harlow ferry levy in May?"
    passed = passage(1, "The Harlow council passed the ferry levy on Tuesday, raising $4 million a year for 12 new "
                        "crew members, officials said.", outlet="Harlow Courier")
    assert not ExtractiveBackend(embedder).generate(question, [passed]).claims  # no count of the votes
    tally = passage(2, "The Harlow council passed the ferry levy 7-2 on Tuesday after a long debate over fares.",
                    outlet="Coast Daily")
    draft = ExtractiveBackend(embedder).generate(question, [passed, tally])
    assert draft.claims and "7-2" in draft.claims[0].text, draft.abstain_reason


def test_the_words_asked_for_are_quoted_after_the_sentence_setting_them_up(embedder):
    from briefing.answering.text import asks_for_words

    assert asks_for_words("tell me the one piece of advice Lind gave the harbour board")
    assert asks_for_words("what did Lind say about the ferry levy")
    assert not asks_for_words("researchers from what country built the model behind the study saying diets matter")
    text = ("Asked to give a single piece of advice to the harbour board going forward, Lind paused for the briefest "
            "of moments. “Patience goes a really long way,” she said. The board meets again in May.")
    draft = ExtractiveBackend(embedder).generate("tell me the one piece of advice Lind gave the harbour board",
                                                 [passage(1, text, outlet="Harbour Post")])
    assert draft.claims and "Patience goes a really long way" in draft.claims[0].text
    # ... but not someone else's words after it: where no words of Lind's are given, the sources don't say
    other = ("It is unclear what the harbour board has offered Lind as part of its latest proposal. “The offer makes "
             "no progress at all on the night ferries,” a union spokesperson told the Post on Thursday.")
    draft = ExtractiveBackend(embedder).generate("what did Lind say about the harbour board's latest proposal",
                                                 [passage(1, other, outlet="Harbour Post")])
    assert not draft.claims and "Lind" in draft.abstain_reason, quotes_of(draft)


def test_an_amount_in_the_small_coin_is_money():
    from briefing.answering.text import amounts, counted_amounts, satisfies_type

    asked = "by how much will the price of a loaf go up at Harlow bakeries"
    assert satisfies_type("figure", "A loaf is expected to rise by 12p as Harlow's bakeries pay more for flour.", asked)
    assert satisfies_type("figure", "The Elland bakery said a loaf would cost 45 cents more from May.", asked)
    assert not satisfies_type("figure", "About 30 bakeries in Harlow face higher flour bills.", asked)
    # a time of day is no coin, and a price is no count
    assert amounts("The bakery shuts at 10p.m. and reopens at 6am.") == []
    assert counted_amounts("Loaves rise by 12p at 30 bakeries.") == ["30"]


def test_how_many_of_a_unit_with_a_word_before_it_is_a_measure_not_a_count(embedder):
    from briefing.answering.text import asks_a_count

    for asked in ("how many extra years could a swimmer gain", "How many additional days will the bridge stay shut?",
                  "how many consecutive weeks did the strike last"):
        assert not asks_a_count(asked), asked
    assert asks_a_count("how many extra ferries will run")  # ferries are counted, however many more
    harbor = passage(1, "The Elland study modelled lifelong swimming. A woman who starts swimming daily at 30 could "
                        "gain nine years of life, the study found. About 2,000 swimmers took part.",
                     outlet="Harbor Gazette", title="Swimming adds years, study finds")
    draft = ExtractiveBackend(embedder).generate("how many extra years of life could a woman gain by swimming daily "
                                                 "from age 30, according to the Elland study", [harbor])
    assert draft.claims and "nine years of life" in quotes_of(draft)[0]


def test_a_name_with_dots_or_without_and_the_reporting_outlet_are_no_new_names(embedder):
    """"Which app ..." asks for a name the question does not give. "U.S." is the question's "US" written with dots
    ("D.C." its "DC"), and the outlet a sentence comes from is who reports it ("a spokesperson told the Elland
    Courier"), not the app: a sentence naming only those gives no answer, and the one naming the app does."""
    from briefing.answering.text import names_something_new

    question = "Which app did US users join after the Fennic ban?"
    assert not names_something_new("Over 9 million Fennic users are based in the U.S., a spokesperson said.", question)
    assert names_something_new("Over 9 million Fennic users are based in the U.S., Harlow Chat said.", question)
    assert not names_something_new("Officials in D.C. weighed the ban.", "What did DC officials decide?")
    assert not names_something_new("There are 9 million Fennic users in the US, a spokesperson told the Elland "
                                   "Courier.", question, outlet="Elland Courier")
    assert names_something_new("There are 9 million Fennic users in the US, a spokesperson told the Elland "
                               "Courier.", question)
    table = [("There are over 9 million Fennic users based in the U.S., an app spokesperson told the Elland Courier "
              "after the Fennic ban was upheld in court.", "Elland Courier", "Fennic ban upheld"),
             ("With the Fennic ban looming, US users are already finding their way to other apps, like Lumo.",
              "Harlow Post", "Users move to other apps")]
    draft = ExtractiveBackend(embedder).generate(question, passages_of(table))
    assert draft.claims and all("Lumo" in q for q in quotes_of(draft)), quotes_of(draft)


def test_an_outlet_named_before_its_report_answers_which_outlet_reported_it(embedder):
    """"Which outlet reported ...?" is answered by a sentence naming the outlet before its reporting ("after a Harlow
    Ledger report said ...", "the Elland Courier first reported ..."), as by one naming it after ("reported by ..."); a
    single capitalised word opening the sentence ("Police reported ...") names no outlet."""
    from briefing.answering.text import SOURCE_CUE

    assert SOURCE_CUE.search("Criticism grew after a Harlow Ledger report said ferry data was read abroad.")
    assert SOURCE_CUE.search("The Elland Courier first reported the sale on Friday.")
    assert SOURCE_CUE.search("It came after Ledger reported that the sale was off.")
    assert not SOURCE_CUE.search("Police reported three injuries at the ferry terminal.")
    assert not SOURCE_CUE.search("Officials said the inquiry found problems with the ferry data.")
    table = [("Kelmar has confirmed that ferry passenger data can be read by some staff abroad.", "Elland Courier",
              "Kelmar confirms data access"),
             ("Criticism grew this year after a Harlow Ledger report said Kelmar ferry passenger data had been read "
              "repeatedly from abroad.", "Elland Courier", "Kelmar under pressure")]
    draft = ExtractiveBackend(embedder).generate(
        "which news outlet reported that Kelmar ferry passenger data had been read repeatedly from abroad",
        passages_of(table))
    assert draft.claims and "Harlow Ledger report said" in quotes_of(draft)[0], (quotes_of(draft),
                                                                                 draft.abstain_reason)


def test_how_many_counts_the_plural_before_its_verb():
    """"How many members sit on the board": the counted phrase ends at a word the question's list of verbs does not
    hold ("sit"), and the plural before it is what is counted."""
    from briefing.answering.text import counted_noun

    assert counted_noun("How many members sit on the Harlow port board?") == "member"
    assert counted_noun("how many fans live in the city") == "fan"
    assert counted_noun("how many acres burned in the Marlow fire") == "acre"
    assert counted_noun("How many people live in Harlow?") is None  # people are counted under many names
    assert counted_noun("how many homes were destroyed") == "home"


def test_how_many_members_sit_is_answered_by_the_count_of_members(embedder):
    board = passage(1, "The Harlow port board has nine members, chair Ada Lind said on Monday. The board meets on the "
                       "first Tuesday of each month in the old customs house, and its meetings are open to the public.",
                    outlet="Harlow Ledger", title="Harlow port board to meet monthly")
    question = "How many members sit on the Harlow port board?"
    got = answered(embedder, question, [board])
    assert not got.abstained and "nine members" in got.answer, got.answer


def test_whose_is_answered_by_someone_named_by_a_title_and_surname(embedder):
    from briefing.answering.text import satisfies_type

    assert satisfies_type("who", "The council rejected Dr. Okafor's proposal for a new clinic.", "Whose proposal?")
    assert not satisfies_type("who", "The council rejected the proposal for a new clinic.", "Whose proposal?")
    council = passage(1, "The Marlow town council on Tuesday rejected Dr. Okafor's proposal for a walk-in clinic on "
                         "Quarry Road, citing its cost. The vote was 5-2.", outlet="Marlow Times",
                      title="Council rejects clinic plan")
    question = "whose walk-in clinic proposal did the Marlow council reject"
    got = answered(embedder, question, [council])
    assert not got.abstained and "Okafor" in got.answer, got.answer


def test_what_number_asks_for_a_rank_given_by_an_ordinal(embedder):
    """"What number mayor will Ada Lind become at the January 2025 ceremony?": "Harlow's 41st mayor" answers it, said
    in an article of December 2024 (a rank is of no year), and a sentence of amounts alone does not."""
    from briefing.answering.text import asks_a_rank

    assert asks_a_rank("What number mayor of Harlow is Ada Lind?")
    assert not asks_a_rank("What number of people voted?")  # an amount
    assert satisfies_type("figure", "Ada Lind will be sworn in as Harlow's 41st mayor.", "What number mayor is Lind?")
    assert not satisfies_type("figure", "Ada Lind won 4,210 votes.", "What number mayor is Lind?")
    sworn = passage(1, "Ada Lind won 4,210 votes in the November runoff. Lind will become Harlow's 41st mayor at the "
                       "January swearing-in ceremony in the town hall, the clerk's office said.",
                    outlet="Harlow Ledger", published="2024-12-20", title="Lind to be sworn in as mayor")
    question = "What number mayor will Ada Lind become at the January 2025 ceremony?"
    got = answered(embedder, question, [sworn])
    assert not got.abstained and "41st mayor" in got.answer, got.answer


def test_a_past_event_the_question_dates_is_not_answered_from_an_article_published_before_it(embedder):
    """"How many ferries were in the package the council approved on April 21, 2025?": an article of April 13 tells of
    another package (it was published before the one asked about); with no later article, the sources don't say."""
    from briefing.answering.text import event_since

    assert event_since("How many boats are in the package the council approved on April 21, 2025?") == "2025-04-21"
    assert event_since("who was hurt in the crash that happened in March 2024") == "2024-03-01"
    assert event_since("when is the vote scheduled for June 2026") is None  # to come: reported before it happens
    assert event_since("How many boats were in the package in April 2025?") is None  # no event verb before the date
    # a public address dated, which no article before it reports ("per her july 24 2024 address", typed in lower case)
    assert event_since("what did ada roe promise, per her july 24 2024 address to the council?") == "2024-07-24"
    assert event_since("what did Ada Roe say in her March 2023 remarks") == "2023-03-01"
    assert event_since("What is the harbor office's address in 2024?") is None
    older = passage(1, "The Harlow council approved a transport package on Sunday that includes 18 new ferries and "
                       "300 bus shelters, the mayor's office said.", outlet="Harlow Ledger", published="2025-04-13",
                    title="Council approves transport package")
    newer = passage(2, "The second transport package the Harlow council approved on Monday includes 6 new ferries "
                       "and a rebuilt pier, the mayor's office said.", outlet="Harlow Ledger", published="2025-04-21",
                    title="Council approves second transport package")
    question = "How many ferries are in the transport package the Harlow council approved on April 21, 2025?"
    backend = ExtractiveBackend(embedder)
    only_older = verify(question, backend.generate(question, [older]), [older], "extractive")
    assert only_older.abstained and "published since April 21, 2025" in only_older.answer, only_older.answer
    both = verify(question, backend.generate(question, [older, newer]), [older, newer], "extractive")
    assert not both.abstained and "6 new ferries" in both.answer and "18 new ferries" not in both.answer, both.answer


def test_who_is_answered_by_a_sentence_opening_on_a_surname_named_in_full_before(embedder):
    """News names a person in full once, then by the surname: "Okafor is a county hydrologist who leads the flood
    study" answers "who leads the flood study" after "Nia Okafor told the Ledger ..."; a capital that only opens a
    sentence ("Last year ...") is no surname."""
    from briefing.answering.text import opens_on_a_surname

    named = "Nia Okafor told the Ledger the levee would hold. Okafor is a county hydrologist."
    assert opens_on_a_surname("Okafor is a county hydrologist.", named)
    assert not opens_on_a_surname("Okafor is a county hydrologist.", "Okafor is a county hydrologist.")
    held = "It rained in the United States. Last year the levee held."
    assert not opens_on_a_surname("Last year the levee held.", held)
    study = passage(1, "\u201cWe are trying to have a flood without having one,\u201d Nia Okafor told the Harlow "
                       "Ledger. Okafor is a county hydrologist who leads the Marsh River flood study and has worked "
                       "on two earlier ones.", outlet="Harlow Ledger", title="Planning for the next Marsh River flood")
    question = "Who is the county hydrologist who leads the Marsh River flood study?"
    got = answered(embedder, question, [study])
    assert not got.abstained and "Okafor is a county hydrologist" in got.answer, got.answer


def test_how_many_is_answered_by_a_number_of_them_after_the_noun(embedder):
    """"How many emails did she delete": "stored her emails on a home server and deleted 8,000 of them" counts the
    emails the sentence named before the number."""
    from briefing.answering.text import counts

    assert counts("She stored emails on a server and deleted 8,000 of them.", "email")
    assert not counts("She stored emails on a server and deleted 8,000 files.", "email")
    assert not counts("She deleted 8,000 of them.", "email")  # no emails named before
    memo = passage(1, "The audit found that the former clerk stored town emails on a home server and deleted 8,000 "
                      "of them before she left office in March.", outlet="Harlow Ledger", published="2024-05-02",
                   title="Audit faults former clerk")
    question = "how many emails did the former Harlow clerk delete, per the May 2024 audit"
    got = answered(embedder, question, [memo])
    assert not got.abstained and "8,000 of them" in got.answer, got.answer


def test_a_country_asked_about_is_named_by_its_nationality():
    """"the US turkey flock" is the article's "American turkey flock" (and "France" its "French officials"): a
    question anchored on a country is not refused for an article that names it by its nationality."""
    from briefing.answering.text import mentions_name

    assert mentions_name("The American turkey flock is the smallest since 1985.", "US")
    assert mentions_name("The American turkey flock is the smallest since 1985.", "U.S.")
    assert mentions_name("French officials said the port would reopen.", "France")
    assert not mentions_name("The turkey flock is the smallest since 1985.", "US")


def test_why_and_where_questions_are_typed_by_their_question_word():
    """"Why is the flock so small, per the farm bureau's cost survey?" asks for a reason: "cost" in the words naming
    the source makes it no figure question; "where does rent cost most" asks for a place."""
    assert answer_type("why is the US turkey flock the smallest since 1985, per the farm bureau's cost survey") \
        == "general"
    assert answer_type("Where does a dinner for ten cost the most?") == "general"
    assert answer_type("How much does a dinner for ten cost, per the farm bureau's survey?") == "figure"


def test_a_figure_of_someones_thing_is_given_by_a_sentence_of_the_passage_that_names_them(embedder):
    """"How many boats may moor under Mayor Lind's new rules": the passage's first sentence gives the number and its
    next names whose rules they are; a sentence naming nobody new is hers. A passage on another's rules is not."""
    rules = passage(1, "Up to 40 boats will be allowed to moor at the Harlow marina starting Friday, as long as "
                       "their crews stay aboard overnight. Mayor Ada Lind announced the new mooring rules on Tuesday "
                       "after a month of complaints from residents.", outlet="Harlow Ledger", published="2024-05-02",
                    title="Marina reopens to visiting boats")
    question = "how many boats can moor at the Harlow marina under Mayor Lind's May 2024 rules"
    got = answered(embedder, question, [rules])
    assert not got.abstained and "Up to 40 boats" in got.answer, got.answer
    other = passage(1, "Up to 40 boats will be allowed to moor at the Harlow marina starting Friday, as long as "
                       "their crews stay aboard overnight. The harbor board announced the new mooring rules on Tuesday "
                       "after a month of complaints from residents.", outlet="Harlow Ledger", published="2024-05-02",
                    title="Marina reopens to visiting boats")
    got = answered(embedder, question, [other])
    assert got.abstained, got.answer


def test_where_is_answered_by_a_place_named_after_its_kind(embedder):
    """"in the southern province of Sweida", "in the city of Mosul" place something as "in Sweida" does (and where
    no sentence places anything new, the most relevant one is kept: the answer reads the same either way)."""
    from briefing.answering.text import places_something_new

    question = "where did the protests against the governor first break out in Veldia"
    assert places_something_new("The unrest began in the southern province of Orsa, home to a mining town.", question)
    assert places_something_new("Crowds gathered in the city of Mareth on Friday.", question)
    assert not places_something_new("Protests against the governor are spreading in Veldia.", question)
    unrest = passage(1, "A wave of protests against the governor of Veldia is gathering momentum, analysts say. The "
                        "protests against the governor first broke out in August in the southern province of Orsa, "
                        "where fuel subsidies were cut.",
                     outlet="The Week", published="2023-09-08", title="Veldia's new protests")
    question = "where did the august 2023 protests against the governor first break out in veldia"
    got = answered(embedder, question, [unrest])
    assert not got.abstained and "province of Orsa" in got.answer, got.answer


def test_a_past_event_dated_by_the_night_or_morning_of_a_day_is_dated(embedder):
    """"the launch called off on the night of May 6, 2024" dates the event as "on May 6, 2024" does: an article of May 5
    cannot say why."""
    from briefing.answering.text import event_since

    assert event_since("why was the ferry launch called off on the night of May 6, 2024?") == "2024-05-06"
    assert event_since("who was hurt when the storm struck in the early hours of March 3, 2024") == "2024-03-03"
    assert event_since("why is the launch scheduled for the night of May 6, 2024?") is None  # still to come
    launch = passage(1, "The ferry Calypso is set to launch from Harlow at 10:34 p.m. Monday, May 6, weather "
                        "permitting. Crews loaded the last of the cargo on Sunday.", outlet="Harlow Ledger",
                     published="2024-05-05", title="Calypso ferry to launch Monday night")
    question = "why was the Calypso ferry launch called off on the night of May 6, 2024?"
    got = answered(embedder, question, [launch])
    assert got.abstained and "published since May 6, 2024" in got.answer, got.answer


def test_this_year_in_an_article_of_the_year_asked_speaks_of_it(embedder):
    """"How much does the dinner cost in 2024": "Dinner costs 5% less than last year. This year's feast came in at
    $58.08", in an article of 2024, gives 2024's cost -- "last year" beside it does not make it another year's."""
    feast = passage(1, "A traditional holiday dinner for ten will cost 5% less than last year, according to the "
                       "survey. This year's feast for ten people came in at $58.08, the Harlow farm bureau said.",
                    outlet="Harlow Ledger", published="2024-11-20", title="Holiday dinner costs dip in 2024")
    question = "how much does a holiday dinner for ten cost in 2024, per the Harlow farm bureau survey"
    got = answered(embedder, question, [feast])
    assert not got.abstained and "$58.08" in got.answer, got.answer


def test_a_people_asked_about_in_the_plural_is_named_by_its_nationality():
    """"how many americans died": "64,000 American lives" names them (typed in lower case or not)."""
    from briefing.answering.text import mentions_name

    assert mentions_name("The epidemic claimed 64,000 American lives last year.", "americans")
    assert mentions_name("Canadian troops arrived on Monday.", "Canadians")
    assert not mentions_name("The epidemic claimed 64,000 lives last year.", "Americans")


def test_who_heads_an_organisation_asked_with_its_scene_is_answered_by_its_head(embedder):
    """"who heads Veldia's Division of Public Health, quoted on the limits of case data in March 2020": the
    organisation is "Division of Public Health" -- what follows the comma sets the scene, and a story of Veldia writes
    it without "Veldia's" -- and its director answers."""
    from briefing.answering.text import leader_asked

    question = ("who heads Veldia's Division of Public Health, quoted on the limits of case data in March 2020")
    assert leader_asked(question) == "Division of Public Health"
    assert leader_asked("who runs Anthropic?") == "Anthropic"
    data = passage(1, "Veldia's health officials released new case counts on Thursday. Dr. Ana Rull, the director of "
                      "the Division of Public Health, said Thursday that the state lab had run 1,200 tests. The data "
                      "cannot show where each patient lives, officials said.", outlet="Harlow Ledger",
                   published="2020-03-27", title="What Veldia can and can't say about its cases")
    got = answered(embedder, question, [data])
    assert not got.abstained and "Ana Rull" in got.answer, got.answer


def test_a_date_written_with_a_short_month_is_no_name_the_articles_must_mention(embedder):
    """"on Nov. 12, 2024", "in Feb 2024", "Sept. 2023": a date, however the month is cut short -- not a name that no
    article mentions ("Feb"), while a first name that looks like a month still is one ("Jan Smith")."""
    from briefing.answering.text import key_entities

    assert key_entities("who did the mayor pick as harbor master on Nov. 12, 2024") == []
    assert key_entities("what time did the Orla probe land in Feb 2024") == ["Orla"]
    assert key_entities("what did Halvorsen say in Sept. 2023") == ["Halvorsen"]
    assert key_entities("what did Jan Smith say") == ["Jan Smith"]
    pick = passage(1, "Mayor Ruth Okafor said on Tuesday that she will appoint Dana Whitlow as Harlow's next harbor "
                      "master, ending a two-month search.", outlet="Harlow Ledger", published="2024-11-12",
                   title="Okafor picks Whitlow for harbor master")
    got = answered(embedder, "who did Harlow's mayor pick as harbor master on Nov. 12, 2024", [pick])
    assert not got.abstained and "Dana Whitlow" in got.answer, got.answer


def test_where_something_came_from_is_answered_by_the_place_it_came_from(embedder):
    """"where did the ferry sail from": "sailing from Port Arden", not where it went or where it ran aground ("near
    Gull Rock"), the most like the question."""
    from briefing.answering.text import places_something_new

    question = "where did the Calypso ferry sail from before it ran aground in March 2024"
    assert places_something_new("The ferry was sailing from Port Arden to Harlow when it struck the reef.", question)
    assert not places_something_new("The Calypso ferry ran aground near Gull Rock on Sunday night.", question)
    assert places_something_new("The Calypso ferry ran aground near Gull Rock on Sunday night.",
                                "where did the Calypso ferry run aground")  # not asked where from: any new place
    wreck = passage(1, "The Calypso ferry ran aground near Gull Rock in Harlow Bay late Sunday, the coast guard said. "
                       "The ferry was sailing from Port Arden with 212 passengers when it struck the reef. No one "
                       "was hurt.", outlet="Harlow Ledger", published="2024-03-11", title="Ferry runs aground")
    got = answered(embedder, question, [wreck])
    assert not got.abstained and "Port Arden" in got.answer, got.answer


def test_a_name_asked_of_a_thing_is_given_by_the_words_that_name_it(embedder):
    """"what's the name of the new outfit ...": 'will lead the "Office of Harbor Renewal"' or "the fund, named
    Tidewater" gives it, whatever the story calls the thing; a quoted show's title names no person, and "called" as a
    verb of calling names nothing."""
    from briefing.answering.text import gives_a_name

    question = "what's the name of the new outfit Dana Whitlow will run for Harlow"
    assert gives_a_name('Whitlow will run the "Office of Harbor Renewal" from May.', question, "outfit")
    assert gives_a_name("The city set up a fund, named Tidewater, to pay for it.", question, "outfit")
    assert not gives_a_name("Mayor Okafor called Whitlow on Tuesday.", question, "outfit")
    assert not gives_a_name('Whitlow told "Harbor Today" she was ready.', "the name of the manager who quit",
                            "manager")
    office = passage(1, "Harlow's mayor said Tuesday that Dana Whitlow will run the new \"Office of Harbor Renewal\", "
                        "set up to rebuild the docks. Whitlow led the port for a decade.", outlet="Harlow Ledger",
                     published="2024-11-12", title="Whitlow to lead harbor revamp")
    got = answered(embedder, question, [office])
    assert not got.abstained and "Office of Harbor Renewal" in got.answer, got.answer


def test_why_is_answered_by_a_purpose_a_circumstance_or_what_makes_it_likelier(embedder):
    """Reasons given without "because": a purpose by the verb of what a measure is for ("a fee ... to curb crowding"),
    a circumstance after a comma (", given his role in the talks"), what makes a thing likelier or harder ("the cold
    snap makes it less likely") -- not an intention restating the event ("plans to curb ...") nor the passive of
    giving ("was given the award")."""
    from briefing.answering.text import gives_a_reason

    assert gives_a_reason("The council approved a fee on cars entering the old town to curb crowding.")
    assert gives_a_reason("Prosecutors declined to charge Holt, given his role in the talks.")
    assert gives_a_reason("She said the cold snap makes it less likely that the ice will hold.")
    assert not gives_a_reason("The council plans to curb crowding in the old town.")
    assert not gives_a_reason("Holt was given the award on Friday.")
    fee = passage(1, "Harlow will charge drivers $9 to enter its old town from June. The council approved the fee on "
                     "cars entering the old town to curb crowding on its narrow streets, the mayor said. Residents "
                     "will be exempt.", outlet="Harlow Ledger", published="2024-03-02", title="Harlow approves old "
                                                                                             "town fee")
    got = answered(embedder, "why is harlow charging drivers to enter the old town", [fee])
    assert not got.abstained and "to curb crowding" in got.answer, got.answer


def test_how_someone_ruled_is_answered_by_a_verdict_given_on_what_was_asked(embedder):
    """"how did the high court rule on the ferry law": a verdict given on it ("the High Court upheld the ferry law"),
    not one to come ("is set to hear arguments"), withheld ("has not decided") or given in another case ("the High
    Court ruled 5-2 to hear the Orsa tax case"); with none, the sources don't say. "How did the vote split" asks no
    verdict."""
    from briefing.answering.text import verdict_asked

    assert verdict_asked("how did the midnight vote split between the two candidates") is None
    assert verdict_asked("how did the senate vote on the harbor bill") == ("the senate", " on the harbor bill", "vote")
    before = passages_of([
        ("The Veldia High Court is set to hear arguments on the ferry law on March 3. The law bans private ferries "
         "from the bay. The court has not decided whether to fast-track the case.", "Harlow Ledger",
         "Court to hear ferry law case"),
        ("The Veldia High Court ruled 5-2 on Monday to hear the Orsa tax case next year. Lawyers for Orsa welcomed "
         "the decision.", "The Week", "Court takes up Orsa tax case")])
    question = "how did the Veldia High Court rule on the ferry law"
    got = answered(embedder, question, before)
    assert got.abstained and "passages says how the Veldia High Court ruled" in got.answer, got.answer
    after = passages_of([("The Veldia High Court upheld the ferry law on Friday, ending a two-year fight over private "
                          "ferries in the bay. The ruling was 4-3.", "Harlow Ledger", "Court upholds ferry law")])
    got = answered(embedder, question, after)
    assert not got.abstained and "upheld the ferry law" in got.answer, got.answer


def test_someone_reporting_a_thing_in_a_month_dates_the_event_not_the_articles(embedder, tmp_path):
    """"two days after reporting the crash to regulators in May 2016": a company's report to regulators, an event --
    the articles telling of it may come later, so the month is no filter on their dates ("what did the Harbor Post
    report in May 2016" and "what was reported in May 2016" ask for the month's articles)."""
    from briefing.answering.text import asks_for_publication

    assert asks_for_publication("what did the Harbor Post report in May 2016")
    assert asks_for_publication("what was reported about the ferry in May 2016")
    assert asks_for_publication("summarize reports from May 2016")
    assert not asks_for_publication("how much did Calypso Lines raise two days after reporting the crash to regulators "
                                    "in May 2016")
    assert not asks_for_publication("how did the port respond to the union's letter over its report on safety in May "
                                    "2016")
    later = passage(1, "Calypso Lines reported the May 7 ferry crash to regulators on May 16, two days before the "
                       "company raised $40 million from investors. Its shares fell on Wednesday.",
                    outlet="Harlow Ledger", published="2016-07-06", title="Calypso Lines under scrutiny")
    retriever = RecordingRetriever([later])
    chain = chain_over(retriever, embedder, tmp_path)
    answer = chain.ask("how much did Calypso Lines raise from investors two days after reporting the crash to "
                       "regulators in May 2016", backend="extractive", until="2016-07-08")
    assert retriever.searches[0][1:] == (None, "2016-07-08")
    assert not answer.abstained and "$40 million" in answer.answer, answer.answer


def test_how_someone_responded_is_answered_by_their_response_on_what_was_asked(embedder):
    """"how did the port authority respond to the union's letter": "the port authority rejected the letter's demands"
    -- the one asked about responding, named just before its verb -- not a sentence where someone else responds in a
    story naming them ("the authority's spokesman Tom Reyes ... quoted a pilot who disputed the letter")."""
    from briefing.answering.text import gives_a_verdict, verdict_asked

    question = "how did the Harlow port authority respond to the pilots union's letter on night sailings"
    asked = verdict_asked(question)
    assert asked == ("the Harlow port authority", " to the pilots union's letter on night sailings", "respond")
    assert gives_a_verdict("The port authority on Friday rejected the pilots union's letter on night sailings.", *asked)
    assert not gives_a_verdict("The letter went to the port authority's spokesman Tom Reyes, who read it to a pilot "
                               "on the night shift, and the union disputed his account of night sailings.", *asked)
    story = passages_of([("The Harlow pilots union sent the port authority a letter on Monday demanding an end to "
                          "night sailings. The letter went to the port authority's spokesman Tom Reyes, who read it to "
                          "a pilot on the night shift, and the union disputed his account of night sailings.",
                          "Harlow Ledger", "Pilots demand end to night sailings")])
    got = answered(embedder, question, story)
    assert got.abstained, got.answer


def test_a_response_is_judged_on_what_it_responds_to_as_its_passage_tells_it(embedder):
    """"How did chairman Ada Roe respond to protesters disrupting the ferry hearing": "Roe condemned the disrupters"
    names little of the protest -- the passage telling the protest before it does; a response "joked" is one too. A
    response in a passage about something else still does not answer."""
    from briefing.answering.text import gives_a_verdict, verdict_asked

    question = "How did chairman Ada Roe respond to protesters disrupting the Harlow ferry fare hearing in May?"
    asked = verdict_asked(question)
    protest = ("Protesters disrupted the Harlow ferry fare hearing in May, shouting over the board until police led "
               "them out. Chairman Ada Roe condemned the disrupters, calling the interruptions out of order.")
    response = "Chairman Ada Roe condemned the disrupters, calling the interruptions out of order."
    assert gives_a_verdict(response, *asked, told_in=protest)
    assert not gives_a_verdict(response, *asked, told_in="The orchard festival opened on Friday. " + response)
    got = answered(embedder, question, [passage(1, protest, outlet="Harlow Ledger")])
    assert not got.abstained and "condemned the disrupters" in got.answer, got.answer
    joked = passage(2, "Ada Roe was named host of the Harlow ferry gala on Friday. “Harlow demanded it, and now it is "
                       "happening,” Roe joked in a statement.", outlet="Harlow Ledger")
    got = answered(embedder, "How did Ada Roe react after being named host of the Harlow ferry gala?", [joked])
    assert not got.abstained and "demanded it" in got.answer, got.answer


def test_how_much_was_raised_is_answered_by_money(embedder):
    """"how much capital did the company raise", "how much did the startup raise": money raised, not the nearest other
    figure ("about nine days after the crash")."""
    from briefing.answering.text import satisfies_type

    question = "how much capital did Calypso Lines raise from investors after the crash"
    assert not satisfies_type("figure", "Calypso Lines told regulators about nine days after the crash.", question)
    assert satisfies_type("figure", "The company raised nearly $40 million in capital from investors.", question)
    assert not satisfies_type("figure", "Nine days later it raised more.", "how much did the startup raise")
    story = passage(1, "Calypso Lines said Wednesday that it had notified ferry regulators about nine days after a "
                       "deadly crash. Two days after reporting the crash to regulators, Calypso Lines raised nearly "
                       "$40 million in capital from investors.", outlet="Harlow Ledger", published="2016-07-06",
                    title="Calypso Lines under scrutiny")
    got = answered(embedder, "how much capital did Calypso Lines raise from investors two days after reporting the "
                             "deadly crash to regulators", [story])
    assert not got.abstained and "$40 million" in got.answer, got.answer


def test_how_many_days_is_a_count_of_days_whatever_the_money_words_around_it(embedder):
    """"how many days did the fee trial cover": a number of days answers, though "fee" is a money word."""
    question = "How many days did Orla's 2024 harbor fee trial cover?"
    assert satisfies_type("figure", "The trial, watched by other ports, covered just 41 days.", question)
    assert not satisfies_type("figure", "The trial covered just 41 days.", "how much was the harbor fee")
    story = passage(1, "The trial, watched closely by other ports, covered just 41 days and ends on Sunday. "
                       "Boats paid a 5 euro charge to enter the harbor.", outlet="Harlow Ledger",
                    published="2024-07-12", title="Orla ends harbor toll trial")
    got = answered(embedder, question, [story])
    assert not got.abstained and "41 days" in got.answer, got.answer


def test_a_figure_of_the_year_asked_may_be_set_against_an_earlier_one(embedder):
    """"the attendance at the 2021 county fair in Brennan": '120,500, down 8% from the 131,000 who attended last
    year' gives that year's figure, in an article of that year."""
    story = passage(1, "Brennan: Kessel County Fair officials blame heavy rains for a drop in attendance this summer. "
                       "Attendance at the Aug. 20-29 Kessel County Fair was 120,500, down 8% from the 131,000 who "
                       "attended last year. Between Aug. 21 and Aug. 24, Brennan received nearly 4 inches of rain.",
                    outlet="Harlow Ledger", published="2021-10-14", title="Fair attendance falls")
    got = answered(embedder, "what was the attendance at the 2021 Kessel County Fair in Brennan", [story])
    assert not got.abstained and "120,500" in got.answer, got.answer


def test_a_date_of_a_law_is_not_narrowed_to_the_person_who_signed_it(embedder):
    """"When does the ferry ban, signed by Gov. Ada Brenner, take effect?": the sentence giving the date speaks of
    "the law", not of her."""
    story = passage(1, "Dover: Gov. Ada Brenner has signed Kessel's ferry noise ban into law. The ferry noise ban "
                       "signed Monday goes into effect Jan. 1, 2023. A second law Brenner signed Monday will raise "
                       "fines for illegal dumping.", outlet="Harlow Ledger", published="2021-07-31", title="Ferry ban")
    got = answered(embedder, "When does Kessel's ferry noise ban, signed by Gov. Ada Brenner in July 2021, go into "
                             "effect?", [story])
    assert not got.abstained and "Jan. 1, 2023" in got.answer, got.answer


def test_someones_words_are_quoted_from_where_the_quotation_opens(embedder):
    """A quotation split over sentences by the splitter is quoted whole: the sentence naming the speaker closes a
    quotation an earlier sentence opened."""
    story = passage(1, 'Not everyone in Orla thinks the parking trial should go on.\n\n"It has been a complete flop. '
                       'The streets are still jammed with cars," said opposition councilor Mara Quist, adding that '
                       'fewer drivers were paying.', outlet="Harlow Ledger", published="2024-07-12",
                    title="Orla parking trial")
    got = answered(embedder, "What did Orla opposition councilor Mara Quist say about the 2024 parking trial?",
                   [story])
    assert not got.abstained and "complete flop" in got.answer, got.answer


def test_words_set_up_by_a_sentence_are_quoted_to_where_their_quotation_closes(embedder):
    """'Pell said in a memo to staff that ...' set up a quotation of three sentences closed by 'the memo said': asked
    what he told staff, the answer quotes it whole."""
    story = passage(1, "Ron Pell, Calypso Lines' CEO, also said in a memo to staff Thursday that the safety board "
                       "is the only authority on the crash.\n\n\u201cWhile the inquiry goes on we will share what we "
                       "can as we learn it. The safety board leads every inquiry into a ferry accident. The board "
                       "will be the single source of facts going forward, and accuracy matters most,\u201d the memo "
                       "said.\n\nDivers searched the harbor on Friday.", outlet="Harlow Ledger",
                    published="2025-01-30", title="Ferry crash inquiry")
    got = answered(embedder, "What did Calypso Lines CEO Ron Pell tell staff about the safety board's role after the "
                             "ferry crash?", [story])
    assert not got.abstained and "single source of facts" in got.answer, got.answer


def test_a_board_member_or_a_first_officer_is_a_person_asked_for_by_name(embedder):
    """"which port board member briefed reporters", "who was the first officer flying the ferry": a sentence naming
    the person, not the story's lede, which names no one."""
    from briefing.answering.text import asks_for_a_person

    assert asks_for_a_person("which port board member briefed reporters after the crash")
    assert asks_for_a_person("who was the first officer flying the Calypso ferry")
    assert not asks_for_a_person("which NATO member sent tanks")
    story = passage(1, "In the aftermath of the collision between the Calypso ferry and a cargo barge on Wednesday "
                       "night near Harlow harbor, officials are seeking urgent answers about the crash. During the "
                       "news conference, port board member Lena Ostrova said the barge carried a recorder.",
                    outlet="Harlow Ledger", published="2025-01-30", title="Ferry crash")
    got = answered(embedder, "which Harlow port board member briefed reporters the night after the Calypso ferry "
                             "collision", [story])
    assert not got.abstained and "Lena Ostrova" in got.answer, got.answer


def test_a_firm_asked_for_by_what_it_does_needs_its_name(embedder):
    """"Which Brennan-based developer is behind the tower?": a sentence about "a Brennan-based developer" does not
    say which."""
    story = passage(1, "Last month, a Brennan-based developer planning to build a 30-story, harbor-themed tower "
                       "obtained a permit to tear the old mill down. Thousands of petitioners hope to save it.",
                    outlet="Harlow Ledger", published="2019-07-31", title="Mill demolition")
    got = answered(embedder, "Which Brennan-based developer plans to build the 30-story harbor-themed tower?", [story])
    assert got.abstained and "gives a name" in got.answer, got.answer


def test_a_company_speaking_is_no_person_named(embedder):
    """"Calypso Lines said in a statement" names a company: asked to name the dispatcher, the sources don't say."""
    story = passage(1, "On Wednesday, just before 9 p.m., the Calypso ferry collided with a barge near Harlow harbor, "
                       "Calypso Lines said in a statement. Divers searched the harbor on Thursday.",
                    outlet="Harlow Ledger", published="2025-01-30", title="Ferry crash")
    got = answered(embedder, "Name the harbor dispatcher who was handling both the Calypso ferry and the barge on "
                             "Jan. 29, 2025.", [story])
    assert got.abstained, got.answer


def test_the_people_of_a_place_are_counted_as_people(embedder):
    """"How many Harlowans evacuated": an article on Harlow speaks of them, and "41,000 people" counts them; the
    word is no slip for "Harlow"."""
    from briefing.answering.spelling import respell

    story = passage(1, "Gov. Ada Brenner pleaded with Harlow residents to heed evacuation orders, saying 41,000 people "
                       "have already evacuated their homes. Firefighters are battling 60 wildfires across Harlow.",
                    outlet="Harlow Ledger", published="2020-08-21", title="Harlow wildfires")
    question = "How many Harlowans had already evacuated their homes because of the wildfires, according to Brenner?"
    assert respell(question, [story]) == question
    got = answered(embedder, question, [story])
    assert not got.abstained and "41,000" in got.answer, got.answer


def test_why_is_answered_by_a_reason_less_like_the_question_than_the_event_restated(embedder):
    """"why did investigators blame the pilot for the crash": the sentence giving the reason ("blamed the crash on
    Roe for steering left of the channel"), though the story's lede, which restates the crash, is more like the
    question."""
    story = passage(1, "Harlow: A pilot for Mayor Ed Pike's office was trying to pass a barge on the Orla river last "
                       "month when the ferry in which they were traveling crashed into a dock, killing Pike and three "
                       "other people, police said. Data from the ferry's recorder showed it was going 31 knots. "
                       "Investigators blamed the crash on Roe for \u201csteering left of "
                       "the channel with a contributing factor of excessive speed.\u201d",
                    outlet="Harlow Ledger", published="2022-09-19", title="Ferry crash report")
    got = answered(embedder, "why did Harlow investigators blame pilot Ann Roe for the August 2022 ferry crash that "
                             "killed Mayor Ed Pike", [story])
    assert not got.abstained and "left of the channel" in got.answer, got.answer


def test_what_someone_said_about_a_figure_asks_for_their_words(embedder):
    """"what did Ann Roe Jr. say about her mother's margin of victory": her words, not a figure."""
    assert answer_type("what did Ann Roe Jr. say about her mother's margin of victory") == "general"
    assert answer_type("what did Ann Roe say the margin of victory was") == "figure"
    story = passage(1, "Roe and her aides say they hope to win by a record margin of 20 points. Ann Roe Jr. said "
                       "\u201ca win is a win is a win\u201d for her mother, regardless of the margin of victory Monday "
                       "night.", outlet="Harlow Ledger", published="2024-01-15", title="Harlow votes")
    got = answered(embedder, "what did Ann Roe Jr. say about her mother's margin of victory in the 2024 Harlow "
                             "mayoral vote", [story])
    assert not got.abstained and "a win is a win" in got.answer, got.answer


def test_a_turnout_or_an_attendance_is_a_count_not_a_length_of_time(embedder):
    """"What was total turnout at the caucuses?": a number of people, not "about 30 minutes after their 7 p.m.
    start"; none given, the sources don't say."""
    question = "What was total statewide turnout at the 2024 Kessel Republican caucuses?"
    assert not satisfies_type("figure", "Results should come about 30 minutes after the 7 p.m. start.", question)
    assert satisfies_type("figure", "Turnout reached 110,298 caucusgoers.", question)
    assert satisfies_type("figure", "The commission committed $25 million to revive the leopard population.",
                          "how much has the commission committed to reviving the leopard population")
    story = passage(1, "Ed Pike, a consultant for the Republican Party of Kessel, told reporters ahead of the 2024 "
                       "caucuses that results from the smallest precincts should be available about 30 minutes after "
                       "their 7 p.m. start.", outlet="Harlow Ledger", published="2024-01-15", title="Kessel caucuses")
    got = answered(embedder, question, [story])
    assert got.abstained, got.answer




def test_why_is_not_answered_by_the_event_restated_when_no_sentence_gives_a_reason(embedder):
    """"Why was the mayor heading to Orla on her last day in office?": the articles tell the trip, not why --
    the sources don't say, rather than the trip restated; given a reason, it answers."""
    told = passage(1, "Mayor Ada Roe is set to travel to Orla on Sunday, her last full day in office. She leaves "
                      "office on Monday after eight years.", outlet="Harlow Ledger", published="2025-01-15")
    question = "Why was Mayor Ada Roe heading to Orla on her last full day in office?"
    got = answered(embedder, question, [told])
    assert got.abstained and "reason" in got.answer, got.answer
    why = passage(1, "Mayor Ada Roe is set to travel to Orla on Sunday, her last full day in office, because the "
                     "ferry terminal she fought for opens there. She leaves office on Monday.", outlet="Harlow Ledger",
                  published="2025-01-15")
    assert "ferry terminal" in answered(embedder, question, [why]).answer


def test_why_is_not_answered_by_a_reason_from_years_before_the_event_asked_about(embedder):
    """"Why are flags at half-staff during the January 2025 regatta": not the reason an article of 2020 gave for flags
    lowered at a regatta then, though it says "after" and is more like the question than the 2025 article's "in honor
    of Ed Pike"."""
    now = passage(1, "Flags will fly at half-staff in Harlow until Jan. 28 in honor of Ed Pike. That means flags are "
                     "being flown at half-staff during the January 2025 Harlow regatta.", outlet="Harlow Ledger",
                  published="2025-01-09", title="Flags at half-staff for Pike")
    then = passage(2, "Flags were flown at half-staff during a Harlow regatta. Crowds were thin this year. The "
                      "mayor's decision to lower flags during the regatta came hours after council members sent a "
                      "letter requesting it.", outlet="Harlow Ledger", published="2020-05-23", title="Flags lowered")
    got = answered(embedder, "Why are flags being flown at half-staff during the January 2025 Harlow regatta?",
                   [now, then])
    assert not got.abstained and "Ed Pike" in got.answer and "council members" not in got.answer, got.answer


def test_the_worth_of_a_thing_named_after_its_kind_is_its_own(embedder):
    """"How much is the ferry Bluebell, seized by Harlow in March, worth?": Bluebell's own worth, not the worth of
    all the property seized with it; none given, the sources don't say."""
    seized = passage(1, "Harlow seized $156 million worth of property, including the ferry \u201cBluebell\u201d "
                        "belonging to Ed Pike, in Orla; the $71 million \u201cLady Ann\u201d yacht was taken too.",
                     outlet="Harlow Ledger", published="2022-03-05", title="Harlow seizes ferries")
    question = "How much is the ferry Bluebell, seized from Ed Pike by Harlow in March 2022, worth?"
    assert answered(embedder, question, [seized]).abstained
    valued = passage(2, "The ferry Bluebell is worth about $12 million, officials in Harlow said on Friday.",
                     outlet="Harlow Ledger", published="2022-03-05", title="Bluebell's worth")
    got = answered(embedder, question, [seized, valued])
    assert not got.abstained and "$12 million" in got.answer and "$156 million" not in got.answer, got.answer


def test_who_did_a_deed_is_not_answered_by_the_deed_told_without_its_doer(embedder):
    """"who stole the bell": "Ranger Ed Pike says a bell has been stolen" names the one who told of it, not the thief;
    "... was stolen by two teenagers" would say who."""
    story = passage(1, "Orla: Ranger Ed Pike says a bronze bell has been stolen from the Orla lighthouse in the "
                       "Outer Banks. The lighthouse reopens on Friday.", outlet="Harlow Ledger",
                    published="2019-10-14", title="Orla news")
    question = "who stole the bronze bell from the Orla lighthouse in October 2019"
    got = answered(embedder, question, [story])
    assert got.abstained and "who stole it" in got.answer, got.answer
    told = passage(2, "The bronze bell was stolen from the Orla lighthouse by Ann Roe and Lena Ostrova, police said.",
                   outlet="Harlow Ledger", published="2019-10-15", title="Bell thieves named")
    got = answered(embedder, question, [story, told])
    assert not got.abstained and "Ann Roe" in got.answer, got.answer


def test_what_someone_decided_is_a_verdict_they_gave(embedder):
    """"What did the parole board decide at his hearing" asks for the board's verdict, as "how did it decide" does:
    not another fact of the case ("he was paroled in 1999")."""
    old = passage(1, "The Harlow parole board heard Ed Pike at his September 2022 parole hearing, where he spoke for "
                     "an hour. He was paroled in 1999 and returned to Orla on probation.",
                  outlet="Harlow Ledger", published="2022-09-19", title="Pike parole hearing")
    question = "What did the Harlow parole board decide at Ed Pike's September 2022 parole hearing?"
    got = answered(embedder, question, [old])
    assert got.abstained and "how the Harlow parole board decided" in got.answer, got.answer
    ruled = passage(2, "The Harlow parole board denied Ed Pike parole at his September 2022 hearing, citing the "
                       "severity of his crimes.", outlet="Harlow Ledger", published="2022-09-20",
                    title="Parole denied")
    got = answered(embedder, question, [old, ruled])
    assert not got.abstained and "denied Ed Pike parole" in got.answer, got.answer


def test_a_number_spelled_with_a_hyphen_is_one_number(embedder):
    """"Eighty-four percent of the ferries" is a share, not a count of anything; "sixty-five people" counts sixty-five.
    A "how many" question the story answers only with a share is not answered."""
    from briefing.answering.text import counted_amounts

    assert counted_amounts("Eighty-four percent of Orla Ferries' boats are run by the company.") == []
    assert counted_amounts("Some sixty-five people came, and Thirty-two of the 50 stalls opened.") == \
        ["sixty-five", "Thirty-two", "50"]
    share = passage(1, "Orla Ferries runs the Kessel crossing. Eighty-four percent of Orla Ferries' boats are run by "
                       "the company itself, according to the filing.", outlet="Harlow Ledger", published="2024-03-02",
                    title="Orla Ferries pulls out of Kessel")
    got = answered(embedder, "How many people does Orla Ferries employ on the Kessel crossing?", [share])
    assert got.abstained, got.answer


def test_who_holds_someones_post_is_answered_by_a_person_named(embedder):
    """"who will be Harlow Ferries' new CEO once the sale closes": a person named in the post ("Mara Lind will become
    the chief executive of Harlow Ferries"), not the story's lede about the sale, which names companies -- the owner's
    name stands where "the" would ("who is the chain's CEO"), and the top title asks who heads it."""
    from briefing.answering.text import asks_for_a_person, leader_asked

    assert asks_for_a_person("who will be Harlow Ferries' new CEO once the sale closes")
    assert asks_for_a_person("Who is Kessel Oil's chief executive?")
    assert not asks_for_a_person("who is Kessel Oil's biggest rival")
    assert leader_asked("Who was Harlow Ferries' president in 2020?") == "Harlow Ferries"
    assert leader_asked("who is Kessel Oil's biggest rival") is None
    # a title abbreviated before the name is the role asked for: "Sen. Mara Lind" is a senator
    assert _names_near(["senat"], "Ferries are a lifeline, said Sen. Mara Lind on the floor.", "which senator spoke")
    sale = passage(1, "Harlow Ferries will be the latest purchase by Orla Capital of a company out of bankruptcy, "
                      "after its purchases of Dune Media and Tideway Cinemas. Once the sale closes, Mara Lind will "
                      "become the chief executive of Harlow Ferries.", outlet="Harlow Ledger", published="2024-09-05",
                   title="Orla Capital buys Harlow Ferries")
    got = answered(embedder, "who will be Harlow Ferries' new CEO once Orla Capital closes its purchase of the ferry "
                             "line out of bankruptcy", [sale])
    assert not got.abstained and "Mara Lind" in got.answer, got.answer


def test_the_name_of_someones_thing_or_the_title_of_a_work_is_a_name_asked_for(embedder):
    """"the name of Kessel Oil's last remaining venture", "the title of the film both candidates promoted": a name
    given beside the thing (by the words that name one, or in quotation marks), or the sources don't say; "the title
    of the official" asks no name of a work, and a month beside the thing ("screenings of the film in June") names
    none."""
    from briefing.answering.text import gives_a_name, name_asked_of

    assert name_asked_of("What is the name of Kessel Oil's last remaining Orla venture?") == "venture"
    assert name_asked_of("what is the title of the film about the Harlow strike that both candidates promoted") == \
        "film"
    assert name_asked_of("What is the title of the official who resigned?") is None
    unnamed = passage(1, "Both Harlow candidates promoted a film that makes dubious claims about the dock strike. "
                         "Dana Whitlow sponsored screenings of the film in June.", outlet="Harlow Ledger",
                      published="2024-08-11", title="Harlow race")
    got = answered(embedder, "What is the title of the film about the dock strike that both Harlow candidates "
                             "promoted?", [unnamed])
    assert got.abstained, got.answer
    assert name_asked_of("What's the name of Rep. Ana Lune's 2024 bill targeting Red 40 and Yellow 5?") == "bill"
    assert gives_a_name('In June, Rep. Ana Lune unveiled the "Do or Dye Act," a ban.', "the name of Lune's bill",
                        "bill")
    # (the story told, its thing named further on; a "Morovian venture" is one in Morovia, which names no venture)
    venture = passage(2, "Kessel Oil pledged to leave its last remaining project in Morovia. Dune Gas will also exit "
                         "its ventures in Morovia, the company said. The Brine-2 venture is one of the largest foreign "
                         "investments there.", outlet="Harlow Ledger", published="2022-03-02",
                      title="Kessel Oil quits Morovia")
    got = answered(embedder, "What is the name of Kessel Oil's last remaining Morovian venture?", [venture])
    assert not got.abstained and "Brine-2" in got.answer and "Dune Gas" not in got.answer, got.answer


def test_the_name_a_which_question_asks_comes_from_the_story_its_answer_tells(embedder):
    """"which journal published the Harlow fish diet study": the journal named in the story the answer is about, even
    when another article names another journal in words closer to the question -- and a sentence quoting an answer's
    sentence as its context takes that claim's place."""
    story = passage(1, "New research shows Harlow fishermen can lower their heart risk by eating a diet rich in fish "
                       "and greens. The study, published in the journal Orla Medicine, followed 9,000 fishermen.",
                    outlet="Harlow Ledger", published="2022-11-29", title="Fish diet study")
    other = passage(2, "A heart study of diet published Thursday in the peer-reviewed journal Kessel Reports found "
                       "that fish eaters lived longer.", outlet="Harlow Ledger", published="2020-09-17",
                    title="Fish eaters live longer")
    question = "which journal published the research showing a fish-rich diet lowered Harlow fishermen's heart risk"
    got = answered(embedder, question, [story, other])
    assert not got.abstained and "Orla Medicine" in got.answer and "Kessel Reports" not in got.answer, got.answer


def test_an_adverb_before_the_verb_ends_a_which_questions_noun(embedder):
    """"Which Harlow campaign aide falsely claimed ...": the aide, a person, asked for by name -- "falsely" is the
    verb's adverb, not the head of the noun phrase; an aide left unnamed does not say which one."""
    from briefing.answering.text import asks_for_a_person, which_phrase

    assert which_phrase("Which Harlow campaign aide falsely claimed the ferry never sank?") == ["campaign", "aide"]
    assert which_phrase("which company quietly dropped its plan") == ["company"]
    assert which_phrase("which daily first reported the talks") == ["daily"]
    assert asks_for_a_person("Which Harlow campaign aide falsely claimed the ferry never sank?")
    unnamed = passage(1, "Mayor Lind pushed a litany of false claims about the ferry. One of her campaign aides "
                         "falsely claimed that the ferry never sank.", outlet="Harlow Ledger", published="2022-03-26",
                      title="Lind and the ferry")
    got = answered(embedder, "Which Harlow campaign aide falsely claimed the ferry never sank?", [unnamed])
    assert got.abstained, got.answer
    named = passage(2, "Mayor Lind pushed a litany of false claims about the ferry. Lind's campaign aide Tom Reed "
                       "falsely claimed that the ferry never sank.", outlet="Harlow Ledger", published="2022-03-26",
                    title="Lind and the ferry")
    got = answered(embedder, "Which Harlow campaign aide falsely claimed the ferry never sank?", [named])
    assert not got.abstained and "Tom Reed" in got.answer, got.answer


def test_a_name_of_a_kind_of_thing_is_no_person_named_after_a_title(embedder):
    """"what ferry company had Mara Lind run before": a sentence whose only new names are a person after a title
    ("former CEO Jon Tibbs") or the title itself ("CEO") names no company, and neither does a word the sources write
    capitalised only to open a sentence ("Once the sale closes, ..."): with no other, the sources don't say; "Lind was
    formerly CEO of Kessel Lines" does name one."""
    from briefing.answering.text import names_something_new

    question = "Before Harlow Ferries picked her, what ferry company had Mara Lind run as chief executive?"
    lede = "Once the sale closes, Mara Lind will become the CEO of Harlow Ferries, after former CEO Jon Tibbs."
    assert not names_something_new(lede, question, {"once"}, no_people=True)
    assert names_something_new("Lind was formerly CEO of Kessel Lines.", question, {"once"}, no_people=True)
    story = passage(1, f"{lede} Tibbs led the line through its bankruptcy.", outlet="Harlow Ledger",
                    published="2024-09-05", title="Harlow Ferries names Lind")
    got = answered(embedder, question, [story])
    assert got.abstained, got.answer



def test_a_study_or_ruling_dated_by_month_is_not_told_by_an_article_from_before_it(embedder):
    """"the November 2022 study", "his April 2021 concurrence": a piece of work exists once made public, so an article
    published before that month tells of another one; an awaited event ("the November 2022 midterms") is written
    about before it happens."""
    from briefing.answering.text import event_since

    assert event_since("Over how many years were men tracked in the November 2022 Harlow diet study?") == "2022-11-01"
    assert event_since("What did Justice Orla liken ferries to in her April 2021 concurrence?") == "2021-04-01"
    assert event_since("who won the November 2022 midterms in Harlow") is None
    older = passage(1, "The Harlow diet study followed 20,000 men for up to 28 years, the researchers said.",
                    outlet="Harlow Ledger", published="2022-09-01", title="Harlow diet study")
    got = answered(embedder, "Over how many years were men tracked in the November 2022 Harlow diet study?", [older])
    assert got.abstained, got.answer


def test_how_many_things_someone_does_is_a_count_of_theirs(embedder):
    """"How many ferries does operator Kessel Lines run in Harlow?": a count of Kessel Lines', not "30 ferries run in
    Harlow" in a passage of the story that does not name Kessel Lines."""
    from briefing.answering.text import doer_of_count

    assert doer_of_count("How many ferries does operator Kessel Lines run in Harlow?") == "Kessel Lines"
    assert doer_of_count("How many people did President Orla Lind pardon?") == "Orla Lind"
    assert doer_of_count("How many homes were destroyed?") is None
    assert doer_of_count("how many emails did the former Harlow clerk delete") is None
    meta = {"outlet": "Harlow Ledger", "published": "2023-12-26", "title": "Ferry crews cut"}
    named = passage(1, "Kessel Lines, a ferry operator, is cutting its Harlow crews as a wage law nears.", **meta)
    counted = Passage(passage_id="p1b", article_id="a1", text="The law covers 30 ferries run in Harlow, the port said.",
                      start=90, end=145, score=0.6, **meta)
    got = answered(embedder, "How many ferries does operator Kessel Lines run in Harlow?", [named, counted])
    assert got.abstained, got.answer


def test_how_many_units_is_a_number_of_those_units(embedder):
    """"Over how many years were the men tracked": "for up to 28 years", not "the men were 60 years old"."""
    assert satisfies_type("figure", "They were tracked for up to 28 years.", "Over how many years were they tracked?")
    assert not satisfies_type("figure", "On average, the men were 60 years old at the start.",
                              "Over how many years were they tracked?")
    aged = passage(1, "The Harlow diet study found fish cut heart risk. On average, the men were 60 years old at the "
                      "start of the Harlow study.", outlet="Harlow Ledger", published="2022-11-29",
                   title="Harlow diet study")
    got = answered(embedder, "Over how many years were men tracked in the Harlow diet study?", [aged])
    assert got.abstained, got.answer


def test_a_name_the_articles_do_not_use_is_no_reason_to_abstain_where_they_answer(embedder):
    """"Which Acme chatbot rattled Silicon Valley investors?": the question's scene ("Silicon Valley") need not be in
    the article that answers it. The answer-type and anchoring gates still abstain where the thing asked of is
    another's ("what it cost in Madrid" against a cost in Lisbon)."""
    launch = passage(1, "Acme unveiled its chatbot Orbit in Lisbon on Monday, and technology shares fell sharply as "
                        "investors weighed the cost of the rival model.", outlet="Harlow Ledger",
                     title="Acme unveils Orbit")
    got = answered(embedder, "Which Acme chatbot rattled Silicon Valley investors?", [launch])
    assert not got.abstained and "Orbit" in got.answer, got.answer
    cost = passage(2, "Acme's chatbot Orbit cost $40 million to build in Lisbon, the company said on Monday.",
                   outlet="Harlow Ledger", title="What Orbit cost")
    got = answered(embedder, "How much did Acme's chatbot cost to build in Madrid?", [cost])
    assert got.abstained and "$40 million" not in got.answer, got.answer


def test_a_further_claim_goes_on_with_the_story_unless_it_names_someone_new(embedder):
    """Once the answer's first claim names what was asked about ("the Harlow harbor bill"), a further sentence of the
    same article that names no one new goes on with the same story ("The bill provides $12 million ...") and stays in
    the answer; one naming someone new ("Tom Kessel ... said") does not (which the helper below tells apart; a further
    sentence about someone else in another article is kept out as before:
    ``test_a_sentence_on_he_or_she_about_someone_else_does_not_answer_for_the_person_asked``)."""
    from briefing.answering.extractive import _names_a_person

    story = passage(1, "Governor Mara Lind signed the Harlow harbor bill into law in May, which puts $90 million into "
                       "the Harlow harbor and its ferry service. The bill provides $12 million in new money for the "
                       "ferry service, its boats and its piers. Tom Kessel, the port director, said the ferry service "
                       "needs $30 million more.", outlet="Harlow Ledger", title="Harlow harbor bill signed")
    question = "How much money does the Harlow harbor bill give the ferry service?"
    got = answered(embedder, question, [story])
    assert not got.abstained and "$90 million" in got.answer and "$12 million" in got.answer, got.answer
    assert _names_a_person("Tom Kessel, the port director, said the ferry service needs $30 million more.", question)
    assert not _names_a_person("The bill provides $12 million in new money for the ferry service.", question)


def test_a_long_question_setting_its_scene_is_judged_on_its_answer_read_in_its_passage(embedder):
    """A question that sets its scene at length is answered by a short sentence whose passage tells the scene (the
    sentence alone repeats too little of the question); a short question is still judged on its sentence alone, for
    every passage of a story covers its few words."""
    fire = passage(1, "A fire tore through a house in the old quarter of Harlow on Tuesday night, an hour before the "
                      "family sat down to break the Ramadan fast. Police said the owner, who had taken "
                      "methamphetamine, poured petrol on the stairs after an argument with his brother. Four members "
                      "of his family were killed. Neighbours pulled two children from a window, and firefighters put "
                      "out the blaze by midnight.", outlet="Harlow Courier")
    budget = passage(2, "Harlow's council approved a new budget for the fire service on Monday, adding 12 firefighters "
                        "and two engines to the old quarter's station.", outlet="Harlow Courier")
    long_question = ("How many family members died when a Harlow man high on meth set his house on fire before the "
                     "Ramadan meal on Tuesday night?")
    draft = ExtractiveBackend(embedder).generate(long_question, [fire, budget])
    assert quotes_of(draft) == ["Four members of his family were killed."], draft.abstain_reason
    draft = ExtractiveBackend(embedder).generate("How many firefighters lost their jobs in Harlow?", [fire, budget])
    assert not draft.claims, quotes_of(draft)


def test_a_line_of_a_list_the_article_introduces_is_a_statement_without_its_full_stop(embedder):
    """"Here's how the ratings work:" followed by lines without full stops ("Five stars mean a pass rate of 96.5% or
    more"): each line states a fact and can be quoted; a subhead after the list is still no claim."""
    ratings = passage(1, "The harbour board grades every ferry line each spring.\n\nHere's how the star ratings work "
                         "for punctuality:\n\nOne star means fewer than 84% of sailings leave on time\n\nFive stars "
                         "mean 96.5% of sailings or more leave on time\n\nSafety\n\nThe board also inspects every "
                         "vessel twice a year.", outlet="Harbour Post")
    texts = [c.text for c in _sentences([ratings])]
    assert "Five stars mean 96.5% of sailings or more leave on time" in texts
    assert "Safety" not in texts
    draft = ExtractiveBackend(embedder).generate(
        "what share of sailings must leave on time for a ferry line to get five stars from the harbour board",
        [ratings])
    assert draft.claims and "96.5%" in quotes_of(draft)[0], draft.abstain_reason


def test_a_surname_with_a_capital_after_its_prefix_or_a_middle_initial_names_a_person(embedder):
    # "Frank McCourt", "Erek L. Barron", "Conan O'Brien": names all the same, which a who question is answered by
    from briefing.answering.followup import people_in

    assert people_in("A bid came from billionaire Hugh McTavish and Dara J. Okafor, with Nell O'Brien.") == [
        "Hugh McTavish", "Dara J. Okafor", "Nell O'Brien"]
    assert people_in("Clips on YouTube Shorts and PayPal Holdings grew.") == []  # a brand's inner capital is none
    ferry = passages_of([
        ("The Harlow ferry line carried 2 million passengers last year, up from 1.6 million, the port authority "
         "reported on Monday. A consortium led by billionaire Hugh McTavish pledged $5 billion for the Harlow ferry "
         "line on Tuesday, promising new boats within two years.", "Harlow Herald", "Ferry line draws a bid"),
        ("Dara J. Okafor, the harbor master, said the Harlow ferries would keep running through the winter storms. "
         "Ice closed the harbor for nine days in 2024, the port authority reported.", "Coast Times",
         "Ferries to run all winter"),
    ])
    got = answered(embedder, "Who is the billionaire behind the $5 billion pledge for the Harlow ferry line?", ferry)
    assert not got.abstained and "McTavish" in got.answer, got.answer
    got = answered(embedder, "Who is the harbor master who said the Harlow ferries would keep running through the "
                             "winter?", ferry)
    assert not got.abstained and "Okafor" in got.answer, got.answer


def test_a_person_the_question_names_by_surname_is_no_one_new(embedder):
    # "who is the DeSantis campaign spokesman ...": not "Ron DeSantis' campaign criticized ..." -- he is asked about
    count = passages_of([
        ("Mara Okafor's campaign immediately criticized the early count of the Harlow mayoral vote on Monday night. "
         "“It is a farce to call the race before the mail ballots are counted,” said a statement from the campaign's "
         "spokesman, Lee Brandt.", "Harlow Herald", "Okafor camp attacks early call"),
    ])
    got = answered(embedder, "Who is the Okafor campaign spokesman who called the early count of the mayoral vote a "
                             "farce?", count)
    assert not got.abstained and "Brandt" in got.claims[0].text, got.answer


def test_a_name_holding_the_kind_asked_names_one_of_that_kind(embedder):
    # "which Connecticut university ...": "Wesleyan University" names one, though not beside "Connecticut" -- and
    # "university" is the word of its stem "universiti"
    campus = passages_of([
        ("A Dutch investment firm, the Larkin Group, had invited the private liberal arts school to consider teaming "
         "up to open a campus in Utrecht. Burlington: The president of Hollis University said the school has decided "
         "not to pursue the proposed idea of opening a campus abroad.", "Vermont Ledger", "School drops campus plan"),
    ])
    got = answered(embedder, "Which Vermont university dropped plans to open a campus abroad with the Larkin Group?",
                   campus)
    assert not got.abstained and "Hollis University" in got.answer, got.answer


def test_a_name_written_after_an_article_or_a_preposition_of_place_is_no_person(embedder):
    # "the Atlantic Ocean", "in JAMA Network Open": a place's or a thing's -- a who question they alone answer is not
    from briefing.answering.followup import people_in

    assert people_in("The park lies near the Atlantic Ocean, a study in JAMA Network Open said.") == []
    assert people_in("The Anthropic CEO Dario Amodei spoke with Ada Roe.") == ["Dario Amodei", "Ada Roe"]
    trail = passages_of([
        ("Rangers closed the Harlow trail on Monday after a rockslide buried the path below the Granite Spire. The "
         "park service said the trail would stay shut for the winter.", "Harlow Herald", "Trail closed"),
    ])
    got = answered(embedder, "Who is the park ranger who closed the Harlow trail after the rockslide?", trail)
    assert got.abstained, got.answer


def test_a_sentence_saying_a_named_spot_is_the_place_for_it_answers_where(embedder):
    # "where can birdwatchers see herons": "Gull Point is a quiet spot for birdwatchers ..." places it by its name,
    # with no "in" or "at" before the name -- as a sentence placing the park "in Elland County" does
    park = passages_of([
        ("Harlow Park covers 400 acres of marsh and woods in Elland County, near the Atlantic Ocean. Gull Point is a "
         "quiet spot for birdwatchers to see herons nesting in the spring. The park opens at dawn.", "Harlow Herald",
         "Park guide"),
    ])
    got = answered(embedder, "Where in Harlow Park can birdwatchers see herons nesting?", park)
    assert not got.abstained and "Gull Point" in got.answer, got.answer


def test_a_proposal_a_name_given_or_a_view_asked_of_someone_is_their_words(embedder):
    # "what did Roe call the plan", "what did Lowe propose instead", "what do the researchers predict": their words,
    # not a sentence about them -- and not a clause of the scene ("when she called") nor a demand ("call for")
    from briefing.answering.text import speaker, speaks

    assert speaker("What did Gov. Ada Roe call the harbor wall plan?") == "Gov. Ada Roe"
    assert speaker("what did Ada Roe offer Ben Lowe when she called to congratulate him") is None
    assert speaker("what did Ada Roe call for at the harbor summit") is None
    assert speaks("Storm sirens will one day sound in every port, Harlow Institute researchers predict.",
                  "Harlow Institute researchers")
    wall = passages_of([
        ("Gov. Ada Roe's office released the harbor wall plan's budget on Monday: $40 million over four years. On "
         "Tuesday, Roe called it “a monument to waste” and asked lawmakers to stop it.", "Harlow Herald",
         "Governor attacks wall"),
    ])
    got = answered(embedder, "What did Gov. Ada Roe call the harbor wall plan?", wall)
    assert not got.abstained and "monument to waste" in got.answer, got.answer
    lagoon = passages_of([
        ("Mayor Ben Lowe's bid to move bed tax money from tourism ads to the lagoon cleanup failed on Tuesday. Lowe "
         "proposed an extra penny of tourist tax instead.", "Coast Times", "Bed tax stays"),
    ])
    got = answered(embedder, "what did Mayor Ben Lowe propose instead of moving the bed tax money to the lagoon "
                             "cleanup", lagoon)
    assert not got.abstained and "extra penny" in got.answer, got.answer


def test_a_reason_from_years_before_the_event_asked_is_no_reason_for_it(embedder):
    # "why did Harlow Ferries delay its March 2022 sailing": not the 2015 reason for another delay
    old = passage(1, "Harlow Ferries delayed the new ferry's first sailing because of rough winds in the channel, "
                     "the company said on Tuesday.", outlet="Harlow Herald", title="Ferry delayed",
                  published="2015-04-09")
    question = "Why did Harlow Ferries delay its March 2022 sailing of the new ferry?"
    assert answered(embedder, question, [old]).abstained
    new = replace(old, passage_id="p2", article_id="a2", published="2022-03-21")
    got = answered(embedder, question, [new])
    assert not got.abstained and "rough winds" in got.answer, got.answer


def test_the_headlines_listed_under_read_more_are_links_not_news(embedder):
    # "Read more:" / "Harlow names 21 more failing schools": another story's headline, never a claim -- while the
    # lines after "Here's how the ratings work:" are statements
    text = ("The new index gave 17 schools a perfect score of 100.\n\nRead more:\n\nHarlow names 21 more failing "
            "schools in its new school index\n\nReport: Harlow kids falter in third grade reading\n\nGiven the "
            "setting, the jail school's score surprised no one.\n\nHere's how the ratings work:\n\nOne star means a "
            "graduation rate of less than 84%")
    quotes = [c.text for c in _sentences([passage(1, text)])]
    assert not any("failing schools" in q or "falter" in q for q in quotes), quotes
    assert "One star means a graduation rate of less than 84%" in quotes and any("jail school" in q for q in quotes)


def test_a_possessive_in_the_scene_of_a_figure_question_owns_no_figure(embedder):
    # "how much can households get ... after Gov. Roe's disaster declaration": the grant's figure, wherever she is named
    declared = passage(1, "Gov. Ada Roe declared a disaster in Harlow County on Monday after the river flooded 300 "
                          "homes.", outlet="Harlow Herald", title="Flood aid opens")
    fund = replace(declared, passage_id="p2", text="The Harlow Flood Fund provides grants of up to $5,000 for "
                   "households with incomes up to 200% of the federal poverty level.", start=200, end=320)
    got = answered(embedder, "how much can households get from the Harlow Flood Fund after Gov. Ada Roe's disaster "
                             "declaration", [declared, fund])
    assert not got.abstained and "$5,000" in got.answer, got.answer

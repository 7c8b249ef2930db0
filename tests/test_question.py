"""How requests are understood, on wordings the rules were not written from: wrappers, shapes, names,
verbs of saying, relative dates and abstention wording. Pure functions: no model, no store."""

from __future__ import annotations

from briefing.answering.abstain import abstention_text, filter_phrase
from briefing.answering.question import parse
from briefing.answering.relative_dates import annotate, found
from briefing.answering.text import answer_type, content_terms, key_entities
from briefing.types import Passage


def test_open_requests_are_summaries_of_their_topic():
    for request, topic in [
        ("Summarise the negotiations over the contract", "the negotiations over the contract"),
        ("please give me a quick rundown of the court case", "the court case"),
        ("Fill me in on the supply chain risk label.", "the supply chain risk label"),
        ("what do we know about Emil Michael", "Emil Michael"),
        ("Could you describe the proposed compromise?", "the proposed compromise"),
    ]:
        parsed = parse(request)
        assert parsed.shape == "summary", request
        assert topic.endswith(parsed.core) or parsed.core == topic, (request, parsed.core)


def test_an_embedded_question_is_typed_by_its_core():
    assert answer_type("could you tell me when the Pentagon made its final offer") == "when"
    assert answer_type("Explain who Emil Michael is") == "who"
    assert answer_type("tell me how much the award was worth") == "figure"
    assert parse("Can you explain why the deal fell apart?").core == "Why the deal fell apart?"


def test_comparisons_and_timelines_whatever_the_wording():
    assert parse("In what ways do the outlets differ on the court filing?").shape == "comparison"
    assert parse("contrast the two companies' positions").shape == "comparison"
    assert parse("OpenAI versus Anthropic on surveillance").shape == "comparison"
    assert parse("Walk me through the chronology of the talks").shape == "timeline"
    assert parse("how did the standoff play out").shape == "timeline"
    assert parse("Who signed a deal with the Pentagon?").shape == "focused"
    # "X vs. Y" before "game", "case", "match" names a contest: the question is about it, not a comparison
    assert parse("What was the final score of the Elland vs. Port Rovers game?").shape == "focused"
    assert parse("Who won the Korvel versus Estrada case?").shape == "focused"
    assert parse("Elland vs. Port Rovers: how did their coverage differ?").shape == "comparison"


def test_a_capital_that_only_opens_the_sentence_is_not_a_name():
    assert key_entities("Outline the budget fight") == []
    assert key_entities("Describe what Hegseth threatened") == ["Hegseth"]
    assert key_entities("NATO said what?") == ["NATO"]
    assert key_entities("Pete Hegseth threatened what?") == ["Pete Hegseth"]
    assert key_entities("Please summarize OpenAI's deal") == ["OpenAI"]


def test_a_preposition_opening_the_question_is_not_part_of_the_name_after_it():
    assert key_entities("Besides Easter, which holiday closes the mill?") == ["Easter"]
    assert key_entities("Despite Friday's flood, when did the ferry sail?") == []
    assert key_entities("Under Mayor Okafor, what happened to the ferry?") == ["Mayor Okafor"]
    assert key_entities("In Port Ellis, how many ferries sail?") == ["Port Ellis"]
    assert key_entities("Unlike Brandt, did Okafor attend?") == ["Brandt", "Okafor"]
    assert key_entities("Port Ellis voted on what?") == ["Port Ellis"]  # a name opening it stays whole


def test_an_initialism_after_a_name_is_not_cut_into_the_name():
    """In "the Northeast U.S. coast" the name is "Northeast" (an abstention may say that no article mentions it), not
    "Northeast U"; a middle initial is a word of its name ("John Q. Harlow" is one name)."""
    assert key_entities("What reef was mapped off the Northeast U.S. coast in 2024?") == ["Northeast"]
    assert key_entities("What did the Midlands U.K. councils decide?") == ["Midlands"]
    assert key_entities("What did John Q. Harlow say?") == ["John Q. Harlow"]


def test_verbs_of_saying_are_one_family():
    asked = {" ".join(content_terms(f"What did the spokesperson {verb} about the offer?"))
             for verb in ("say", "write", "post", "tell reporters", "claim", "argue", "mention")}
    asked.add(" ".join(content_terms("What has the spokesperson stated about the offer?")))
    assert {" ".join(w for w in a.split() if w != "report") for a in asked} == {"spokesperson offer"}, asked


def test_relative_dates_follow_the_publication_date_and_news_style():
    text = ("Officials said Tuesday the offer stands, the memo went out Sunday night, and a vote is due by "
            "Thursday; talks stalled last week.")
    published = "2026-04-14"  # a Tuesday
    assert annotate(text, published) == (
        "Officials said Tuesday [April 14, 2026] the offer stands, the memo went out Sunday night [April 12, 2026], "
        "and a vote is due by Thursday [April 16, 2026]; talks stalled last week [the week of April 6, 2026].")
    assert annotate(text, None) == text  # undated: never guessed
    assert [d["date"] for d in found("It was announced yesterday.", "2026-04-14")] == ["2026-04-13"]
    # a weekday told in the future is the next one -- not when a verb in the past stands right before it
    assert annotate("The band will play a free concert Wednesday; the council will meet this Friday.", published) == (
        "The band will play a free concert Wednesday [April 15, 2026]; the council will meet this Friday [April 17, "
        "2026].")
    assert annotate("The vote is scheduled Thursday.", published) == "The vote is scheduled Thursday [April 16, 2026]."
    assert annotate("He will testify, she said Monday.", published) == (
        "He will testify, she said Monday [April 13, 2026].")


def _passage(n: int, outlet: str | None, published: str | None, title: str) -> Passage:
    return Passage(passage_id=f"p{n}", article_id=f"a{n}", text="…", start=0, end=1, score=0.5, title=title,
                   outlet=outlet, published=published)


def test_an_abstention_says_what_is_missing_within_which_filters_and_what_came_closest():
    near = [_passage(1, "Reuters", "2026-01-05", "Talks resume"), _passage(2, None, None, "An undated note")]
    text = abstention_text("Who chairs the oversight board?", "no retrieved passage gives a name for it", near)
    assert text.startswith("The ingested sources do not say who chairs the oversight board.")
    assert "No retrieved passage gives a name for it." in text
    assert "Reuters, January 5, 2026, “Talks resume”" in text and "unknown outlet, undated" in text

    empty = abstention_text("what did the ministry announce", "no ingested article matches", [], since="2026-05-01",
                            until="2026-05-31", sources=["Le Monde"], closest=near)
    assert "Nothing from Le Monde between May 1 and May 31, 2026 is in the library." in empty
    assert "Closest articles outside the filters: Reuters" in empty
    assert filter_phrase(None, "2026-02-01", None) == "published on or before February 1, 2026"
    # dates asked about after the last day searched: said so, never as an empty range "between March 1 and May 16"
    late = abstention_text("how old was the harbor master in March 2026", "no ingested article matches", [],
                           since="2026-03-01", until="2025-05-16", closest=near)
    assert "It asks about March 1, 2026 or later, after the last day searched (May 16, 2025)" in late
    assert "between" not in late


def test_a_long_question_is_not_echoed_in_full():
    text = abstention_text("What " + "very " * 5000 + "long question?", "nothing found", [])
    assert len(text) < 400


def test_an_acronym_is_mentioned_when_spelled_out():
    from briefing.answering.text import mentions_name

    assert mentions_name("The Federal Aviation Administration grounded the jets.", "FAA")
    assert mentions_name("a report by the Ministry of Health found", "MoH")
    assert mentions_name("the International Atomic Energy Agency said", "IAEA")
    assert not mentions_name("The Federal Reserve held rates.", "FAA")
    assert not mentions_name("anything at all", "Parliament")  # not an acronym: only the name itself counts


def test_a_request_verb_before_a_name_is_not_part_of_it():
    assert key_entities("Compare Maria Lopez's offer with the union's demands") == ["Maria Lopez"]
    assert key_entities("Describe Tesla's recall") == ["Tesla"]


def test_dates_and_amounts_asked_for_by_name():
    assert answer_type("Give me the exact date the strike ended") == "date"
    assert answer_type("the day the ferry sank") == "date"
    assert answer_type("what was the city's transit budget last year") == "figure"
    assert answer_type("Tell me the club's payroll total") == "figure"
    assert answer_type("What did the bill say about ferries?") == "general"


def test_a_figure_word_describing_another_noun_does_not_ask_for_a_figure():
    # "the revenue agency", "the budget office": the figure word is a modifier, the question asks what they did
    for question in ("What ink colors does the state revenue agency recommend?", "What did the budget office say?",
                     "What does the sales team want?", "What did the fee waiver program offer?",
                     "What did the population survey find?"):
        assert answer_type(question) == "general", question
    for question in ("What was the fee?", "what revenue did the ferry line report", "What is the death toll so far",
                     "What price tag did the council put on the bridge?", "What was the budget deficit last year?",
                     "what was the turnout"):
        assert answer_type(question) == "figure", question


def test_when_asked_with_a_preposition():
    for question in ("In what year did the mill close?", "At what time is the ribbon-cutting?",
                     "By what time must ballots arrive?", "In which month did the strike start?"):
        assert answer_type(question) == "when", question
    # the asking words closing the question, as a quiz writes it
    for question in ("The Harlow ferry ban could take effect on which day?", "The levy is due by what date?"):
        assert answer_type(question) == "date", question
    for question in ("The Elland mill closed in which year?", "Ferries will return to the north quay in what month?"):
        assert answer_type(question) == "when", question
    # (not a date asked for: "which day care")
    assert answer_type("The inspectors visited on which day care center's orders?") != "date"


def test_a_figure_holding_the_digits_of_a_number_the_question_gives_is_still_an_answer():
    """"How many products contain Dye No. 4?": "4,100 products" answers; only the question's own number does not (it
    was read as "4" inside "4,100", and every figure with a 4 in it was dropped)."""
    from briefing.answering.text import satisfies_type

    assert satisfies_type("figure", "More than 4,100 products contain Dye No. 4, the group said.",
                          "How many products contain Dye No. 4?")
    assert satisfies_type("figure", "The 2 day fair drew 12,000 people.", "How many people came to the 2 day fair?")
    assert not satisfies_type("figure", "The fair returned in 2024, on its old grounds.",
                              "How many people came to the fair in 2024?")


def test_an_answer_is_not_the_number_or_name_the_question_already_gives():
    from briefing.answering.text import satisfies_type

    question = "What was the port's budget in 2024?"
    assert not satisfies_type("figure", "The port expanded in 2024 under new management.", question)
    assert satisfies_type("figure", "In 2024 the port spent $45 million on dredging.", question)
    who = "Who replaced Anna Keller at the port?"
    assert not satisfies_type("who", "Anna Keller left the port in May.", who)
    assert satisfies_type("who", "Anna Keller was replaced by Jonas Weber in May.", who)


def test_relative_times_answer_when():
    assert answer_type("When did the ferry sink?") == "when"
    from briefing.answering.text import satisfies_type

    assert satisfies_type("when", "The ferry sank weeks after the inspection.")
    assert satisfies_type("when", "Two days later the port reopened.")
    assert not satisfies_type("when", "The ferry sank near the harbour wall.")


def test_a_lowercase_name_before_the_noun_of_a_which_question():
    from briefing.answering.text import required_noun

    assert required_noun("which acme drone did the army order", {"acme"}) == ("drone", "drone")
    assert required_noun("which acme drone did the army order") == ("drone", "drone")  # the noun before the verb


def test_the_noun_of_a_which_question_is_the_head_of_its_phrase_not_its_first_word():
    """Describing words stand before the noun ("which competing AI developer"), the verb after it: the noun a passage
    must mention is the last word before the verb, an adverb, a preposition or a determiner."""
    from briefing.answering.text import required_noun, which_phrase

    assert required_noun("Which competing AI developer, favoring safeguards, signed a contract?")[0] == "developer"
    assert required_noun("Which London-based business daily first broke the news?")[0] == "daily"
    assert required_noun("Which right-leaning policy institute now employs him?")[0] == "institute"
    assert required_noun("which british war monitor put the toll at 500,000", {"british"})[0] == "monitor"
    assert required_noun("Which federal regulator opened a probe?")[0] == "regulator"
    assert required_noun("Which type of Army helicopter collided with the jet?")[0] == "helicopter"
    assert required_noun("which drugmaker's market value was used")[0] == "drugmaker"
    assert required_noun("Which public benefits computer system was shut down?")[0] == "system"  # a plural modifier
    assert required_noun("Which directive covers autonomy in weapons?")[0] == "directive"  # an -s verb after it
    assert required_noun("Which insurer faces a lawsuit?")[0] == "insurer"  # a determiner after the verb
    assert required_noun("Which judge said the order was unlawful?")[0] == "judge"
    assert which_phrase("Which now-defunct U.S. airline did he fly for?") == ["now-defunct", "airline"]
    assert required_noun("What did the judge say?") is None


def test_a_nationality_is_mentioned_by_its_country():
    from briefing.answering.text import mentions_name

    assert mentions_name("Officials in Khartoum, Sudan, said", "Sudanese")  # (irregular ones such as Dutch: not)
    assert mentions_name("Tunisia's fund", "Tunisian")
    assert mentions_name("the Kenya Wildlife Service", "Kenyan")
    assert not mentions_name("Jakarta police said", "Japanese")
    assert not mentions_name("Bristol council said", "Brian")  # a first name is not a nationality


def test_which_country_or_which_chain_asks_for_a_proper_name():
    from briefing.answering.text import asks_for_a_name, names_something_new

    assert asks_for_a_name("The striking ferry crews were flown to which island?")
    assert asks_for_a_name("which regional airline cancelled its morning crossings")
    assert asks_for_a_name("In which Baltic port did the freighter run aground?")
    assert asks_for_a_name("What bakery chain's shares fell?")
    assert not asks_for_a_name("What did the airline say about the delays?")  # a verb after "what": not a name
    assert not asks_for_a_name("Which harbour master signed the order?")  # a role: the sources write it with the name
    assert not asks_for_a_name("Which rules did the port change?")
    from briefing.answering.text import name_request  # the words that describe the name asked for

    assert name_request("which regional airline cancelled its morning crossings") == "which regional airline"
    assert name_request("In which Baltic port did the freighter run aground?") == "which Baltic port"
    assert name_request("What did the airline say about the delays?") is None
    question = "The stranded passengers were taken to which island?"
    assert names_something_new("The passengers were taken to Hiiumaa by the coast guard.", question)
    assert not names_something_new("The stranded passengers were taken to the island on Tuesday.", question)
    assert not names_something_new("Officials said the passengers were safe.", question)  # an opening capital
    assert names_something_new("Hiiumaa took in forty passengers.", question, {"hiiumaa"})


def test_a_which_country_question_skips_sentences_that_name_no_country(embedder):
    from briefing.answering.extractive import ExtractiveBackend
    from briefing.types import Passage

    text = ("Eleven stranded sailors from the freighter have been transferred to a third country, officials said. "
            "The eleven sailors were transferred to Latvia on Friday under an agreement with the shipping company.")
    p = Passage(passage_id="p1", article_id="a1", text=text, start=0, end=len(text), score=0.6, title="Freighter",
                published="2026-05-02", outlet="Port Gazette")
    draft = ExtractiveBackend(embedder).generate("Eleven stranded sailors have been transferred to which country?", [p])
    assert draft.claims and all("Latvia" in claim.text for claim in draft.claims)


def test_a_source_question_is_scored_on_the_event_it_asks_about():
    from briefing.answering.text import reported_event

    assert reported_event("Which newspaper was first to report the ferry strike in Port Elland?") == \
        "the ferry strike in Port Elland"
    assert reported_event("which outlet said the harbor would close") == "the harbor would close"
    assert reported_event("Whose reporting says the union rejected the offer?") == "the union rejected the offer"
    assert reported_event("Who first reported the pier collapse?") == "the pier collapse"
    assert reported_event("When did the strike start?") == "When did the strike start?"  # not a source question



def test_which_company_is_answered_by_a_one_word_company_name(embedder):
    from briefing.answering.extractive import ExtractiveBackend
    from briefing.answering.text import answer_type

    assert answer_type("Which company won the ferry contract?") == "general"  # a name, not a person's
    text = ("Ferrox, which won the ferry contract weeks after Island Lines withdrew, starts sailing in June. "
            "Island Lines had run the crossings for a decade before Ferrox.")  # a name: capitalised mid-sentence
    p = Passage(passage_id="p1", article_id="a1", text=text, start=0, end=len(text), score=0.6, title="Ferries",
                published="2026-04-12", outlet="Island Post")
    draft = ExtractiveBackend(embedder).generate("Which company won the ferry contract after Island Lines withdrew?",
                                                 [p])
    assert draft.claims and "Ferrox" in draft.claims[0].text


def test_a_word_for_the_story_itself_or_one_everyday_word_is_not_a_topic_the_articles_lack():
    from briefing.answering.extractive import _absent_words

    text = "Ferry crews in Port Elland walked out on Monday in a row with the Harbor Authority over night shifts."
    p = Passage(passage_id="p1", article_id="a1", text=text, start=0, end=len(text), score=0.6, title="Walkout",
                published="2026-04-06")
    assert _absent_words("brief me on the harbor feud", [p]) == []  # "feud": the story, in other words
    assert _absent_words("what did sam altman say about ferries", [p])  # a lower-cased name the articles lack
    # one everyday word the articles do not use is a rewording, left to the relevance test, not "not mentioned"
    assert _absent_words("how did the crews react", [p]) == []
    # a function word beside it ("because", "his") is no second word of a name
    assert _absent_words("why are the ferry crews quitting because of this", [p]) == []


def test_a_request_about_the_articles_themselves_is_a_summary_of_every_article():
    for text in ("summarize the articles", "What do the sources say?", "give me an overview", "brief me",
                 "Summarise what each article says", "can you give me a quick rundown"):
        request = parse(text)
        assert (request.shape, request.core) == ("summary", ""), text
    assert parse("brief me on the ferry strike").core == "the ferry strike"  # a topic: not the whole library
    assert parse("What did he say?").shape == "focused"


def test_a_question_word_with_its_verb_run_on_is_not_a_name_or_a_topic():
    assert content_terms("What's the ferry fare about") == content_terms("the ferry fare about")
    assert key_entities("What's the Harbor Authority's budget?") == ["Harbor Authority"]


def test_the_sides_of_a_comparison_of_how_sources_treated_a_subject_in_any_tense():
    from briefing.answering.question import sides

    assert sides("Compare how the Harbour Post and Coast Daily covered the ferry strike") == \
        ("the Harbour Post covered the ferry strike", "Coast Daily covered the ferry strike")
    assert sides("how did the union and the port authority describe the deal") == \
        ("the union describe the deal", "the port authority describe the deal")
    assert sides("Contrast how Elland Weekly and the Courier reported on the vote") == \
        ("Elland Weekly reported on the vote", "the Courier reported on the vote")


def test_a_day_named_in_a_question_spans_it_and_the_day_after():
    from briefing.answering.text import date_range

    assert date_range("What happened on January 20, 2025?") == ("2025-01-20", "2025-01-21")
    assert date_range("what happened between march 3 and march 5 2026") == ("2026-03-03", "2026-03-06")
    assert date_range("What happened in late March 2026?") == ("2026-03-20", "2026-03-31")


def test_a_timeline_of_nothing_but_dates_is_about_every_article():
    from briefing.answering.text import every_article

    assert every_article("What happened on January 20, 2025?")
    assert every_article("walk me through the key events of last week")
    assert not every_article("Give me a timeline of the ferry strike")
    assert not every_article("how did the harbour dispute unfold")


def test_someone_asked_what_they_reported():
    from briefing.answering.text import reporter_asked

    assert reporter_asked("What did the Harbour Post report about the strike?") == ("the Harbour Post",
                                                                                   "about the strike?")
    assert reporter_asked("what has coast daily written") == ("coast daily", "")
    assert reporter_asked("Who reported the strike first?") is None


def test_which_outlets_covered_a_story_is_each_outlets_telling_of_it_not_one_credited_detail():
    from briefing.answering.text import answer_type, every_article, story_covered

    assert story_covered("Which outlets covered the harbour strike?") == "the harbour strike"
    assert story_covered("What newspapers wrote about the ferry fire?") == "the ferry fire"
    assert story_covered("Which papers covered the Vesterhavn-Elland row?") == "the Vesterhavn-Elland row"
    for nothing_but_the_story in ("which outlets reported on this", "Which outlets covered the story?"):
        assert story_covered(nothing_but_the_story) == "" and every_article(nothing_but_the_story)
        assert answer_type(nothing_but_the_story) == "summary"
    for one_credited in ("Which outlet first reported the reopened ferry talks?",
                         "Which newspaper broke the news that the port would close?"):
        assert story_covered(one_credited) is None and answer_type(one_credited) == "source"
    assert answer_type("Which outlets covered the harbour strike?") == "summary"


def test_one_outlets_article_and_two_names_compared_are_read_from_the_question():
    from briefing.answering.text import reporter_asked, two_compared

    assert reporter_asked("Summarize the Harbour Post article") == ("Harbour Post", "")
    assert reporter_asked("what does the Coast Daily's story say about the strike") == ("Coast Daily",
                                                                                     "about the strike")
    assert reporter_asked("Summarize the ferry strike") is None
    # when and where its article came out: told by its claims' leads ("On May 2, 2026, the Harbour Post reported ...")
    assert reporter_asked("When was the Harbour Post article published?")[0] == "Harbour Post"
    assert reporter_asked("what is the date of the coast daily's story")[0] == "coast daily"
    assert reporter_asked("Where was the Harbour Post story republished?")[0] == "Harbour Post"
    assert reporter_asked("When was the ferry deal announced?") is None
    # any summary request of one outlet's article
    assert reporter_asked("Key takeaways from the Harbour Post article") == ("Harbour Post", "")
    assert reporter_asked("give me three facts about the Coast Daily story") == ("Coast Daily", "")
    assert reporter_asked("Key takeaways from the ferry strike") is None
    assert two_compared("Compare the Harbour Post and Coast Daily") == ("the Harbour Post", "Coast Daily", "")
    assert two_compared("how did harbour post and coast daily differ on the strike?") == (
        "harbour post", "coast daily", "the strike")
    assert two_compared("Compare how the Harbour Post and Coast Daily covered the strike") is None  # sides, not names


def test_a_question_asking_for_a_toll_a_rate_or_a_score_wants_a_figure():
    from briefing.answering.text import answer_type

    for asked in ("What was the final death toll in the ferry fire?", "What is the unemployment rate in Port Elland?",
                  "What was the final score of the harbour derby?", "what's the casualty count"):
        assert answer_type(asked) == "figure", asked
    # how long something took is often said in words ("approximately one week"): no figure required
    assert answer_type("How long did the ferry strike last?") == "general"


def test_two_questions_asked_at_once_are_each_answered_in_turn_but_a_comparison_is_not_split():
    from briefing.answering.question import compound_parts

    assert compound_parts("Who is Brann Lowe and what did he promise the ferry crews?") == [
        "Who is Brann Lowe?", "What did he promise the ferry crews?"]
    assert compound_parts("when does the strike end, and why did it start") == [
        "When does the strike end?", "Why did it start?"]
    assert compound_parts("How did the Harbour Post and Coast Daily differ on the strike?") is None
    assert compound_parts("What did Brann Lowe say about wages and hours?") is None  # one question


def test_facts_takeaways_points_and_updates_on_a_topic_are_summary_requests():
    for asked, topic in (("Give me three facts about the ferry strike", "the ferry strike"),
                         ("What are the main points of the mayor's harbour speech?", "the mayor's harbour speech"),
                         ("key takeaways from the harbour council hearing", "the harbour council hearing"),
                         ("Any updates on the pier repairs?", "the pier repairs"),
                         ("the gist of the ferry deal", "the ferry deal"),
                         ("Give me three bullet points on the pier repairs", "the pier repairs"),
                         # the people of a story: each article's telling names them
                         ("Who are the key players in the ferry strike?", "the ferry strike"),
                         ("who is involved in the harbour talks", "the harbour talks"),
                         ("Who were the main parties involved in the pier sale?", "the pier sale"),
                         ("what is the latest article about the pier", "the pier")):
        request = parse(asked)
        assert (request.shape, request.core) == ("summary", topic), asked
    assert parse("Which details did the port filing reveal?").shape == "focused"
    assert parse("Who is the key witness in the ferry case?").shape == "focused"  # one person asked for
    assert parse("Which players were involved in the strike?").shape == "focused"


def test_the_newest_articles_asked_for_without_a_topic_are_every_article_newest_first():
    for asked in ("Which article is the most recent?", "what is the latest article", "show me the newest stories",
                  "the latest news", "What's new?", "latest headlines"):
        request = parse(asked)
        assert (request.shape, request.core) == ("summary", ""), asked
    assert parse("What is the latest on the pier?").core == "the pier"
    # in a conversation about a topic (answering/followup.py carries it), the newest on that topic
    assert (parse("What's new? (about: the ferry strike)").shape, parse("What's new? (about: the ferry strike)").core) \
        == ("summary", "the ferry strike")


def test_what_the_deadline_was_asks_for_a_date():
    for asked in ("What was the deadline?", "what's the filing deadline for ferry permits",
                  "What is the release date of the harbour report?"):
        assert answer_type(asked) == "when", asked
    assert answer_type("What was the deadline extension about?") == "general"


def test_a_topic_asked_for_its_latest_news_is_a_summary_searched_without_those_words():
    from briefing.answering.question import search_text

    for typed, topic in [("ferry strike latest", "ferry strike"), ("dock closure news", "dock closure"),
                         ("the harbour tender - updates", "the harbour tender"),
                         ("latest on the ferry strike", "the ferry strike"),
                         ("what's new with the harbour tender", "the harbour tender"),
                         ("an update on the dock closure", "the dock closure"),
                         ("any news about the lighthouse sale", "the lighthouse sale")]:
        request = parse(typed)
        assert (request.shape, request.core) == ("summary", topic), typed
        assert search_text(typed) == topic
    # the latest news of no topic is every article's, the newest first; an outlet's name is no such request
    assert (parse("What is the latest news?").shape, parse("What is the latest news?").core) == ("summary", "")
    assert parse("articles from Harbour News").core.endswith("Harbour News")  # "News" of a name is kept
    assert search_text("Who owns the lighthouse?") == "Who owns the lighthouse?"


def test_a_timeline_is_searched_for_its_topic_unless_it_has_none():
    from briefing.answering.question import search_text

    searched = search_text("what happened with the ferry lawsuit")
    assert "ferry lawsuit" in searched and "happened" not in searched.lower()
    assert "timeline" not in search_text("Give me a timeline of the dock closure").lower()
    assert search_text("What happened on March 3, 2026?") == "What happened on March 3, 2026?"  # every article


def test_whether_asked_through_the_evidence_for_it_is_asked_about_the_thing_itself():
    from briefing.answering.abstain import abstention_text
    from briefing.answering.question import search_text

    for typed, core in [("Is there any evidence the ferry strike will end?", "The ferry strike will end?"),
                        ("any sign that the dock reopened", "The dock reopened"),
                        ("Do we know if the tender was cancelled?", "The tender was cancelled?"),
                        ("Are there reports that the mayor resigned?", "The mayor resigned?")]:
        request = parse(typed)
        assert (request.shape, request.core, request.whether) == ("focused", core, True), typed
        assert search_text(typed).lower() == core.lower()
    # the words alone are no frame: a statement about reports, the evidence itself asked about
    assert not parse("Reports say the talks resumed").whether
    assert not parse("Are there reports of injuries?").whether
    said = abstention_text("Is there any sign the ferry strike will end?", "no passage says", [])
    assert said.startswith("The ingested sources do not say whether the ferry strike will end.")


def test_an_abstention_after_a_bare_when_quotes_the_question_it_was_asked_of():
    from briefing.answering.abstain import abstention_text

    said = abstention_text("When: Which outlet reported that the ferry talks resumed?", "nothing dates it", [])
    assert said.startswith("The ingested sources do not say when \u2014 "
                           "\u201cWhich outlet reported that the ferry talks resumed?\u201d")
    said = abstention_text("How many sailors walked out? (about: the ferry strike)", "no passage says", [])
    assert said.startswith("The ingested sources do not say how many sailors walked out.")  # the topic is context


def test_dates_of_publication_asked_for_are_a_filter_and_nothing_but_dates_is_every_article():
    from briefing.answering.text import asks_for_publication, date_range, every_article, reporter_asked

    assert asks_for_publication("What was reported on March 3, 2026?")
    assert asks_for_publication("What did the Harbour Post write about the strike in March 2026?")
    assert not asks_for_publication("What did the union say on March 3, 2026?")  # an event's day, reported after it
    assert date_range("What happened in the week of March 2, 2026?") == ("2026-03-02", "2026-03-09")
    assert every_article("What was reported on March 3, 2026?")
    assert every_article("Summarize the news from March 3, 2026")
    assert not every_article("What was reported about the ferry strike on March 3, 2026?")
    assert reporter_asked("How did the Harbour Post describe the strike?") == ("the Harbour Post", "the strike?")


def test_a_few_words_with_no_question_in_them_are_a_topic_to_summarise():
    for typed in ["ferry strike", "Northsea Ferries", "lowe"]:
        request = parse(typed)
        assert (request.shape, request.core) == ("summary", typed), typed
    for asked in ["ferry strike who called", "strike ended?", "Walk me through the talks", "ferries and the levy",
                  "ferry strike victims"]:  # a topic and what is asked of it: a focused question
        assert parse(asked).core.lower() != asked.lower() or parse(asked).shape != "summary", asked


def test_may_the_verb_is_no_month_and_what_year_wants_a_year():
    from briefing.answering.text import satisfies_type

    assert not satisfies_type("when", "Red drinks may soon look different, the agency said.", "When does it start?")
    assert satisfies_type("when", "The ban starts in May, the agency said.", "When does it start?")
    question = "What year did the harbour master retire?"
    assert not satisfies_type("when", "He retired on a Friday, after leaving the board.", question)
    assert satisfies_type("when", "He retired in 2019, after leaving the board.", question)
    assert satisfies_type("when", "He retired last year, after leaving the board.", question)
    assert satisfies_type("when", "He retired on a Friday, after leaving the board.", "When did he retire?")


def test_a_question_opening_on_a_mark_has_its_first_word_all_the_same():
    from briefing.answering.text import key_entities

    assert key_entities("¿Qué pasó con Northsea Ferries?") == ["Northsea Ferries"]
    assert key_entities('"Why did the ferries stop?"') == []


def test_content_terms_are_remembered_but_each_caller_gets_its_own_list():
    """The terms of a sentence are computed once (the answerer and the verifier score the same sentences); a caller
    extending its list ("head" added for a sentence naming a leader) must not change what the next caller gets."""
    from briefing.answering.text import content_terms

    first = content_terms("The Elland ferries were cancelled on Friday.")
    first.extend(["head"])
    again = content_terms("The Elland ferries were cancelled on Friday.")
    assert "head" not in again and again == first[:-1] and again


def test_a_name_ending_in_s_inside_a_which_phrase_is_no_verb():
    """A plural-looking word after the phrase's first word is read as its verb ("which directive covers ..."), but a
    capitalised one is a name ("Phillips", "Angeles", "Texas"): the noun asked for comes after it."""
    from briefing.answering.text import which_phrase

    assert which_phrase("which Captain Phillips star was left out of the nominations") == ["star"]
    assert which_phrase("Which Los Angeles neighborhood burned first?") == ["neighborhood"]
    assert answer_type("which Harbour Ferries captain steered the boat") == "who"
    assert which_phrase("Which directive covers autonomy in weapons?") == ["directive"]  # still a verb in lower case


def test_name_the_thing_asks_which_thing_it_is():
    """"name the judge deciding ...", "identify the company that ...": a which question, typed by its noun."""
    assert parse("name the harbour judge deciding whether the ferry case goes ahead").core.startswith(
        "Which harbour judge deciding")
    assert answer_type("name the harbour judge deciding whether the ferry case goes ahead") == "who"
    assert answer_type("Identify the senator who voted against the ferry levy") == "who"
    assert answer_type("identify the company that bought the marina") == "general"
    assert parse("list the ferries cancelled on Monday").core != "Which ferries cancelled on Monday"


def test_a_nationality_spelled_apart_from_its_country_is_mentioned_by_it():
    from briefing.answering.text import mentions_name

    assert mentions_name("Researchers from Norway modelled the diets.", "Norwegian")
    assert mentions_name("The U.S. Education Department data shows", "American")
    assert mentions_name("Paris and the rest of France", "French")
    assert mentions_name("a ferry from Cuba", "Cuban")
    assert not mentions_name("Police in Brussels said", "Dutch")
    assert not mentions_name("The U.K. government said", "American")


def test_a_name_asked_is_found_however_the_articles_write_it():
    """Roman numerals of a series ("Super Bowl LVIII" is "Super Bowl 58"), and acronyms of kinds of things ("SUV")
    that are no names."""
    from briefing.answering.text import mentions_name, roman_value

    assert roman_value("LVIII") == 58 and roman_value("XIV") == 14 and roman_value("CIA") is None
    assert roman_value("I") is None  # one letter: a pronoun or an initial
    assert mentions_name("Ferry Cup 58 is Sunday, in Elland.", "Ferry Cup LVIII")
    assert not mentions_name("Ferry Cup 57 is Sunday, in Elland.", "Ferry Cup LVIII")
    assert "SUV" not in key_entities("what happened in the Harlow self-driving SUV crash in Elland")

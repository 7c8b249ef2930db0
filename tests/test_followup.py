"""Follow-up questions are rewritten into standalone ones by carrying the previous subject over."""

from __future__ import annotations

from briefing.answering.followup import last_user_question, rewrite_followup

PREVIOUS = "When did Anthropic say virtually no progress had been made?"


def exchange(question: str, answer: str) -> list[dict]:
    """A chat history of one question and its answer, as role/content messages."""
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def test_follow_up_carries_the_previous_subject():
    rewritten = rewrite_followup("and what did the Pentagon say?", [PREVIOUS])
    assert rewritten == "What did the Pentagon say about Anthropic?"


def test_pronoun_follow_up_gets_the_subject():
    assert "Anthropic" in rewrite_followup("What did they demand?", [PREVIOUS])


def test_standalone_question_is_left_alone():
    assert rewrite_followup("Who is Sean Parnell?", [PREVIOUS]) == "Who is Sean Parnell?"
    assert rewrite_followup("and what did the Pentagon say?", None) == "and what did the Pentagon say?"


def test_history_as_chat_messages_or_pairs():
    messages = [{"role": "user", "content": PREVIOUS}, {"role": "assistant", "content": "On February 26 ..."}]
    assert last_user_question(messages) == PREVIOUS
    assert last_user_question([(PREVIOUS, "answer")]) == PREVIOUS


def test_personal_pronouns_take_the_persons_name_in_place():
    assert rewrite_followup("When did she resign?", ["What did Maria Lopez announce?"]) \
        == "When did Maria Lopez resign?"
    assert rewrite_followup("what was his title", ["Who met Emil Michael?"]) == "What was Emil Michael\u2019s title"


def test_a_person_named_only_in_the_previous_answer_is_found_there():
    turn = ("Who leads the agency?", "On May 2, 2026, Reuters reported that the agency is led by Tomas Berg. [1]")
    assert rewrite_followup("What did he say about the budget?", [turn]) == "What did Tomas Berg say about the budget?"


def test_it_and_they_take_the_previous_subject_when_it_is_not_a_person():
    assert rewrite_followup("Who can invoke it?", ["What is the Stafford Act?"]) == "Who can invoke the Stafford Act?"
    assert rewrite_followup("why did they refuse", ["What did the European Commission propose?"]) \
        == "Why did the European Commission refuse"


def test_an_elliptical_follow_up_reuses_the_previous_question():
    previous = ["What did the Treasury say about tariffs?"]
    assert rewrite_followup("and the Federal Reserve?", previous) == "What did the Federal Reserve say about tariffs?"
    assert rewrite_followup("what about in April?", previous) == "What did the Treasury say about tariffs in April?"
    assert rewrite_followup("and when?", previous) == "When did the Treasury say about tariffs?"


def test_a_chain_of_follow_ups_keeps_its_subject():
    history = ["Who is Ana Silva?", "What did she propose?"]
    assert rewrite_followup("Why did she withdraw it?", history) == "Why did Ana Silva withdraw it?"


def test_a_pronoun_never_stands_for_a_name_its_own_question_says():
    history = exchange("Which minister met the union leader Maria Lopez on Monday?",
                       "On May 2, 2025, the Courier reported that Maria Lopez met the labour "
                       "minister Tomas Berg at the ministry. [1]")
    assert rewrite_followup("What has she said about Maria Lopez?", history) != \
        "What has Maria Lopez said about Maria Lopez?"
    assert rewrite_followup("What did he promise Maria Lopez?", history) == "What did Tomas Berg promise Maria Lopez?"


def test_after_a_who_question_he_is_the_person_the_answer_named():
    history = exchange("Who chairs the harbour board?",
                       "On May 2, 2025, the Courier reported that Anna Keller, who chairs "
                       "the harbour board, opposed the plan. [1]")
    assert rewrite_followup("Why did she oppose it?", history) == "Why did Anna Keller oppose it?"


def test_a_title_before_a_name_is_not_part_of_the_person():
    from briefing.answering.followup import people_in

    text = ("On May 2, 2025, The Courier reported that Harbour Board chair Anna Keller met Transport Minister "
            "Jonas Weber.")
    assert people_in(text) == ["Anna Keller", "Jonas Weber"]


def test_it_stands_for_the_earlier_subject_unless_a_persons_pronoun_claims_it():
    history = exchange("What do the reports say about the Harbour Board's dredging plan?",
                       "The Courier reported that Anna Keller backs the plan. [1]")
    assert rewrite_followup("and what did the union say about it", history) == \
        "What did the union say about the Harbour Board"
    assert rewrite_followup("Where did she announce it?", history) == "Where did Anna Keller announce it?"


def test_after_a_what_noun_question_it_is_the_thing_asked_for_not_the_subject():
    # the thing itself is only in the answer: "it" keeps the words that find it
    assert rewrite_followup("how does it work", ["What ticketing scheme has the Harbor Authority adopted?"]) == \
        "How does the ticketing scheme that has the Harbor Authority adopted work"
    assert rewrite_followup("when did it start", ["Which ferry route did the Harbor Authority cut?"]) == \
        "When did the ferry route that the Harbor Authority cut start"
    assert rewrite_followup("where is it based", ["Which company signed the ferry deal?"]) == \
        "Where is the company that signed the ferry deal based"
    # "what did ..." asks what someone did: "it" is still the subject
    assert rewrite_followup("what did it say", ["What did the Harbor Authority announce?"]) == \
        "What did the Harbor Authority say"


def test_after_asking_who_someone_is_he_is_still_that_person():
    history = exchange("Who is Brann Lowe?",
                       "On May 2, 2026, Harbour Post reported that Mayor Ada Quill named "
                       "Brann Lowe harbor master. [1]")
    assert rewrite_followup("what did he say about the night shifts?", history) \
        == "What did Brann Lowe say about the night shifts?"
    history[0]["content"] = "Who is the harbor master?"  # asks for a person: the one the answer named
    history[1]["content"] = "On May 2, 2026, Harbour Post reported that Brann Lowe is the harbor master. [1]"
    assert rewrite_followup("what did he say about the night shifts?", history) \
        == "What did Brann Lowe say about the night shifts?"


def test_after_a_which_question_it_is_the_thing_the_answer_named():
    history = exchange("Which ferry line did the Harbor Authority fine?",
                       "On May 2, 2026, Harbour Post reported that the Harbor Authority said "
                       "on Monday it was fining Northsea Ferries for late sailings. [1]")
    assert rewrite_followup("how much does it have to pay?", history) == "How much does Northsea Ferries have to pay?"


def test_a_bare_why_after_a_which_question_asks_about_the_thing_the_answer_named():
    history = exchange("Which ferry line did the Harbor Authority fine?",
                       "On May 2, 2026, Harbour Post reported that the Harbor Authority was "
                       "fining Northsea Ferries for late sailings. [1]")
    assert rewrite_followup("why?", history) == "Why did the Harbor Authority fine Northsea Ferries?"
    assert rewrite_followup("and when?", history[:1]) == "When did the Harbor Authority fine the ferry line?"


def test_it_after_what_something_is_or_after_a_question_naming_one_thing_is_that_thing():
    asked = exchange("What is the harbour levy?", "On May 2, 2026, the Harbour Post reported that the levy ... [1]")
    assert rewrite_followup("who proposed it?", asked) == "Who proposed the harbour levy?"
    asked = exchange("Who proposed the harbour levy?", "On May 2, 2026, the Harbour Post reported that ... [1]")
    assert rewrite_followup("is the union fighting it?", asked) == "Is the union fighting the harbour levy?"


def test_a_bare_when_after_a_question_asking_who_or_which_did_something_keeps_that_question_whole():
    asked = exchange("Which outlet reported that the ferry talks resumed?", "... reported by the Coast Daily ... [1]")
    assert rewrite_followup("when?", asked) == "When: Which outlet reported that the ferry talks resumed?"
    asked = exchange("Who called the strike?", "On May 2, 2026, the Harbour Post reported that the union ... [1]")
    assert rewrite_followup("why?", asked) == "Why: Who called the strike?"
    asked = exchange("What did the council offer?", "On May 2, 2026, the Harbour Post reported that ... [1]")
    assert rewrite_followup("why?", asked) == "Why did the council offer?"


def test_a_response_asked_about_without_saying_to_what_is_a_response_to_the_previous_question():
    asked = exchange("What did the council offer the crews on Monday?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("how did the union respond?", asked) == (
        "How did the union respond (to: What did the council offer the crews on Monday?)")
    assert rewrite_followup("how did the union respond to the vote?", asked) == "how did the union respond to the vote?"


def test_a_follow_up_naming_nothing_of_its_own_is_asked_about_the_conversations_topic():
    from briefing.answering.question import parse

    strike = exchange("What happened in the Port Elland ferry strike?", "On May 2, 2026, ... [1]")
    asked = rewrite_followup("how many sailors walked out?", strike)
    assert asked == "How many sailors walked out? (about: the Port Elland ferry strike)"
    request = parse(asked)  # the topic is the question's context, not a part of what it asks
    assert (request.core, request.context) == ("How many sailors walked out?", "the Port Elland ferry strike.")
    # the topic stays with the conversation, and "it" stands for it
    chain = strike + exchange("how many sailors walked out?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("what did the union leader say?", chain).endswith("(about: the Port Elland ferry strike)")
    assert rewrite_followup("what did the mayor say about it?", chain) == \
        "What did the mayor say about the Port Elland ferry strike?"
    # a question about a named thing carries its names
    sued = exchange("Why did the harbour board sue Northsea Ferries?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("what did the company say?", sued) == "What did the company say? (about: Northsea Ferries)"
    # a question naming its own subject stands alone
    assert rewrite_followup("What did the Harbour Board say?", sued) == "What did the Harbour Board say?"


def test_he_after_a_question_naming_one_person_by_one_name_and_it_for_what_he_owned():
    speech = exchange("What did Lowe say in his harbour speech?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("where did he give it?", speech) == "Where did Lowe give his harbour speech?"
    assert rewrite_followup("when was it?", speech) == "When was Lowe\u2019s harbour speech?"


def test_and_a_one_word_name_asks_the_previous_question_about_it():
    reacted = exchange("How did Northsea react to the levy?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("and Brannock?", reacted) == "How did Brannock react to the levy?"
    assert rewrite_followup("what about Brannock?", reacted) == "How did Brannock react to the levy?"


def test_that_standing_alone_is_what_the_previous_question_asked_about():
    threat = exchange("What did the harbour board threaten?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("would that hurt the ferry crews?", threat) == \
        "Would that hurt the ferry crews? (about: What did the harbour board threaten)"
    assert rewrite_followup("when did that happen?", threat) == \
        "When did that happen? (about: What did the harbour board threaten)"
    # "that" before a noun says which one: no previous question needed
    assert rewrite_followup("What would that levy cost the Harbour Board?", threat) == \
        "What would that levy cost the Harbour Board?"


def test_it_after_what_did_the_thing_do_is_the_thing_not_its_verb():
    filing = exchange("What did the court filing reveal?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("who unsealed it?", filing) == "Who unsealed the court filing?"
    designation = exchange("Who threatened the supply chain risk designation?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("is it legal?", designation) == "Is the supply chain risk designation legal?"


def test_she_and_him_in_one_follow_up_are_two_people():
    lowe = exchange("Who is Mira Tolland?", "On May 2, 2026, ... Mira Tolland, the harbour master, ... [1]")
    assert rewrite_followup("what did she call him?", lowe) == "What did Mira Tolland call him?"
    assert rewrite_followup("what did she say?", lowe) == "What did Mira Tolland say?"


def test_it_after_what_is_a_thing_named_in_lower_case_or_a_summary_of_one_is_that_thing():
    pricing = exchange("What is congestion pricing?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("how much does it cost?", pricing) == "How much does congestion pricing cost?"
    levy = exchange("Tell me about the harbour levy", "On May 2, 2026, ... [1]")
    assert rewrite_followup("who pays it?", levy) == "Who pays the harbour levy?"
    # a question with a verb is no thing: "it" is what it named
    refusing = exchange("What is Northsea refusing?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("why does it refuse?", refusing) == "Why does Northsea refuse?"


def test_it_keeps_standing_for_the_same_thing_down_a_conversation():
    history = exchange("What is congestion pricing?", "On May 2, 2026, ... [1]") + \
        exchange("how much does it cost?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("when did it start?", history) == "When did congestion pricing start?"


def test_they_and_it_in_one_follow_up_are_two_things_and_a_possessed_plural_is_them():
    levy = exchange("What is the harbour levy?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("could they use it against Northsea?", levy) == \
        "Could they use the harbour levy against Northsea?"
    lines = exchange("What are Northsea's red lines?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("why does the board object to them?", lines) == \
        "Why does the board object to Northsea's red lines?"


def test_they_after_a_question_whose_subject_is_plural_are_those_people():
    stop = exchange("When will operators have to stop the old boats?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("what do they use instead?", stop) == "What do operators use instead?"
    crews = exchange("Why did the crews walk out?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("when did they go back?", crews) == "When did the crews go back?"


def test_its_thing_they_who_did_it_and_no_people_as_it():
    policy = exchange("Why did Northsea change its fare policy?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("when does it take effect?", policy) == "When does Northsea\u2019s fare policy take effect?"
    announced = exchange("What did Northsea announce?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("why did they do it?", announced) == "Why did Northsea do it?"
    joining = exchange("Why are Islanders joining Northsea?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("is it cheaper?", joining) == "Is Northsea cheaper?"


def test_it_is_never_a_name_its_own_question_gives_and_in_response_responds_to_the_previous_question():
    chain = exchange("What is the harbour levy?", "On May 2, 2026, ... [1]") + \
        exchange("what does it do to Northsea?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("is Northsea fighting it in court?", chain) == \
        "Is Northsea fighting the harbour levy in court?"
    offer = exchange("What did the board offer the crews?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("what did the union say in response?", offer) == \
        "What did the union say in response (to: What did the board offer the crews?)"


def test_it_asked_about_twice_running_is_still_the_same_thing_after_a_which_question():
    history = exchange("What is the harbour festival?", "On May 2, 2026, ... [1]") + \
        exchange("which band is headlining it this year?", "On May 2, 2026, the Harbour Post reported that the "
                 "Northsea Pipers will play ... [1]")
    assert rewrite_followup("when does it start?", history) == "When does the harbour festival start?"
    # after a which-question that was not about "it", "it" is what the answer named
    sued = exchange("Which ferry company did the board sue?", "On May 2, 2026, the Harbour Post reported that the "
                    "board is suing Northsea Ferries over delays. [1]")
    assert rewrite_followup("how much could it pay?", sued) == "How much could Northsea Ferries pay?"


def test_she_after_who_did_it_is_the_one_the_answer_is_about_not_the_first_name_in_it():
    hosted = exchange("Who hosted the harbour gala?", "On May 2, 2026, the Harbour Post reported that after roasting "
                      "Brann Lowe last year, comedian Mira Tolland was picked to host the gala. [1] On May 3, 2026, "
                      "the Coast Daily reported that \u201cIt is a huge night,\u201d Tolland said. [2]")
    assert rewrite_followup("how was she received?", hosted) == "How was Mira Tolland received?"


def test_tell_me_more_and_who_else_ask_the_previous_question_again_for_more():
    from briefing.answering.question import parse

    offered = exchange("What did the harbour board offer?", "On May 2, 2026, ... [1]")
    for more in ["tell me more", "more details please", "anything else?", "go on", "Can you elaborate?"]:
        assert rewrite_followup(more, offered) == "Tell me more: What did the harbour board offer?", more
    threatened = exchange("Who threatened the ferry crews?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("who else?", threatened) == "Tell me more: Who else threatened the ferry crews?"
    request = parse("Tell me more: What did the harbour board offer?")
    assert request.more and request.core == "What did the harbour board offer?"
    # a "tell me more about X" request is a summary of X, as before
    assert rewrite_followup("tell me more about the levy", offered) == "tell me more about the levy"


def test_he_after_tell_me_more_about_who_someone_is_is_still_that_person():
    history = exchange("Who is Mira Tolland?", "On May 2, 2026, ... Mira Tolland ... [1]") + \
        exchange("anything else?", "On May 3, 2026, the Harbour Post reported that Tolland was a top aide to "
                 "harbour master Brann Lowe. [1]")
    assert rewrite_followup("what did the union say about her?", history) == \
        "What did the union say about Mira Tolland?"
    assert rewrite_followup("what did the union say about her deal?", history) == \
        "What did the union say about Mira Tolland\u2019s deal?"


def test_a_follow_up_naming_nothing_after_a_chain_about_it_is_about_what_it_stood_for():
    history = exchange("What happened at the harbour gala?", "On May 2, 2026, ... [1]") + \
        exchange("where was it held?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("who attended?", history) == "Who attended? (about: the harbour gala)"


def test_a_question_and_why_is_two_questions_and_why_asks_about_what_the_answer_named():
    from briefing.answering.question import compound_parts
    from briefing.answering.text import key_entities

    assert compound_parts("What did the harbour board ban and why?") == ["What did the harbour board ban?", "Why?"]
    assert compound_parts("How much did Northsea lose, and when?") == ["How much did Northsea lose?", "When?"]
    assert key_entities("Why did the board ban Dye No. 7?") == ["Dye No. 7"]  # "No. 7" is part of the name
    banned = exchange("What did the harbour board ban?", "On May 2, 2026, the Harbour Post reported that the board "
                      "banned Dye No. 7 from the marina. [1]")
    assert rewrite_followup("why?", banned) == "Why did the harbour board ban Dye No. 7?"


def test_a_pronoun_nothing_resolves_keeps_the_previous_question_as_context():
    # names typed in lower case are none the rules can see: the previous question is the context, the pronoun stays
    buying = exchange("who is buying harbour ferries", "On May 2, 2026, ... Northsea Capital ... [1]")
    assert rewrite_followup("and who will run it?", buying) == "Who will run it? (about: who is buying harbour ferries)"
    # "and ..." goes on from the previous question even when it carries no name over
    decided = exchange("what did the mayor decide about the pier", "On May 2, 2026, ... [1]")
    assert rewrite_followup("and what did the unions say?", decided) == \
        "What did the unions say? (about: what did the mayor decide about the pier)"


def test_who_was_named_or_who_is_someone_talking_to_does_not_ask_who_someone_is():
    from briefing.answering.text import identity_asked

    assert identity_asked("who was named chair of the harbour board") is None
    assert identity_asked("who is lowe talking to at the council") is None
    assert identity_asked("who is behind the strike") is None
    assert identity_asked("who is ted lowe") == "ted lowe"  # a given name typed in lower case is a person
    named = exchange("who was named chair of the harbour board",
                     "On May 2, 2026, ... harbour master Greta Lowe was named chair of the board ... [1]")
    assert rewrite_followup("who did she replace", named) == "Who did Greta Lowe replace"


def test_a_newspaper_a_party_tag_or_a_name_the_question_types_itself_is_not_the_one_meant():
    lawsuit = exchange("what happened with prince harry's lawsuit",
                       "On May 2, 2026, ... Harry sued the owner of the Daily Mirror ... [1]")
    assert "Daily Mirror" not in rewrite_followup("who was his lawyer", lawsuit)
    ban = exchange("What did the harbour board ban?",
                   "On May 2, 2026, ... Greta Lowe, D-N.J., urged the board to act ... [1]")
    assert rewrite_followup("why?", ban) == "Why did the harbour board ban?"  # not its 'D-N', nor Greta Lowe
    talks = exchange("who is lowe talking to at the council",
                     "On May 2, 2026, ... Brann Lowe met Mira Tolland, the council's clerk ... [1]")
    assert rewrite_followup("what has she said about lowe", talks) == "What has Mira Tolland said about lowe"


def test_it_after_a_question_about_one_thing_and_another_is_the_last_thing_named():
    filing = exchange("what did the court filing reveal about the pier talks", "On May 2, 2026, ... [1]")
    assert rewrite_followup("when did the board end it", filing) == "When did the board end the pier talks"


def test_they_after_how_many_were_counted_are_those_counted():
    deaths = exchange("how many people died at the harbour festival", "On May 2, 2026, ... 14 people died ... [1]")
    assert rewrite_followup("how many of them were children", deaths) == \
        "How many of the people who died at the harbour festival were children"
    hurt = exchange("How many firefighters were injured in the pier fire?", "On May 2, 2026, ... [1]")
    assert rewrite_followup("how many of them were volunteers", hurt) == \
        "How many of the firefighters who were injured in the pier fire were volunteers"


def test_a_question_carried_as_context_is_never_put_in_a_pronouns_place():
    # "who will manage it?" kept the question before as its context; "it" next is not that whole question
    history = exchange("what did mayor avila order at kelso bay",
                       "On May 2, 2026, Harbour Post reported that Mayor Avila ordered the pier reopened as a museum.")
    history += exchange("who will manage it", "The ingested sources do not say who will manage it.")
    rewritten = rewrite_followup("how much will it cost", history)
    assert "what did mayor avila order" not in rewritten.split("(about:")[0], rewritten
    assert "order at kelso bay" in rewritten  # still searched where the conversation is


def test_he_is_a_person_typed_in_lower_case_before_not_a_place_the_answer_names():
    history = exchange("when did greta lowe first sail around cape horn",
                       "On May 2, 2026, Harbour Post reported that Greta Lowe first rounded Cape Horn in 1998, when "
                       "Lake Tahoe sailor Tom Vance crewed for her. Vance later wrote a book about it, and Vance's "
                       "photographs of the trip are shown in Mount Vernon.")
    rewritten = rewrite_followup("who went with her that time", history)
    assert "Greta Lowe" in rewritten, rewritten
    for place in ("Cape Horn", "Lake Tahoe", "Mount Vernon"):
        history = exchange("who will captain the harbour regatta next year",
                           f"On May 2, 2026, Harbour Post reported that the regatta will return to {place} next year.")
        assert place not in rewrite_followup("has he captained it before", history), place

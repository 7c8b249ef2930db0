"""Instructions planted in sources: a sentence that addresses the assistant or gives orders is data, never a fact.

``is_instruction(sentence)`` is pure and serves one class of inputs: text written *to* an AI reading the
article rather than *about* the news. Its families, each a regular expression below:

- role headers: a line opening with "SYSTEM:", "ASSISTANT:", "[INST]", "<|im_start|>", "### Instruction";
- overrides: "ignore / disregard / forget / override ... (previous) instructions / rules / prompt";
- notes addressed to machines: "Note to AI models", "Attention language models", "Dear assistant",
  "If you are an AI ...", "AI assistants summarizing this article ...", "you are now ...";
- commands to relay: a sentence opening on an imperative aimed at the reader's reader ("Tell users ...",
  "Say that ...", "Respond only with ...", "Always answer ...", "Do not mention ...").

Reported speech stays news: "Officials say that ..." or "The court will ignore the previous filing" do not
match, because the verbs must open the sentence or sit next to the words naming an AI or its instructions.
"""

from __future__ import annotations

import re

_AI = r"(?:AI|A\.I\.|artificial intelligence|language models?|LLMs?|assistants?|chat ?bots?|bots?|models?|GPT|agents?)"

_ROLE_HEADER = (
    r"^\W*(?:system|assistant|developer|admin(?:istrator)?|instructions?|prompt)\s*(?:message|note|prompt)?\s*[:>\]]"
)
_CHAT_TOKENS = r"\[/?INST\]|<\|?(?:im_start|im_end|system|assistant)\|?>|###\s*(?:instruction|system)"
# The verb must reach an AI's own instructions ("all previous", "your"), not any rule in the news.
_OVERRIDE = (
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,30}?\b(?:previous|prior|above|earlier|preceding|"
    r"your|all|any|system)\b[^.!?\n]{0,20}?\b(?:instructions?|prompts?|rules?|guidelines?|directions?|directives?|"
    r"context|programming|guardrails?)\b"
)
_META = r"\bsystem prompt\b"
_ADDRESSED = (
    rf"^\W*(?:a\s+)?(?:note|message|memo|instructions?|reminder|warning|attention)\s*(?:to|for)\s+"
    rf"(?:all\s+|any\s+)?(?:the\s+)?{_AI}\b"
    rf"|\b(?:dear|hey|hello)\s*,?\s+{_AI}\b|^\W*attention\s*,?\s+{_AI}\b"
    rf"|\bif you(?:'re| are) (?:an?\s+)?{_AI}\b"
    rf"|\b{_AI}\s+(?:that\s+are\s+|who\s+are\s+)?(?:reading|summari[sz]ing|processing|answering about)\s+"
    r"(?:this|these|the following)\b"
    rf"|\byou are (?:now\s+)?(?:an?\s+)?(?:{_AI}\b|in developer mode|DAN\b)"
    r"|\bas an? (?:AI|language model|assistant)\b[^.!?\n]{0,40}?\b(?:you|your)\b"
)
_IMPERATIVE = (
    r"^\W*(?:please\s+|now\s+|instead\s*,?\s+)?(?:"
    r"(?:tell|inform|assure|convince|remind)\s+(?:the\s+|all\s+|your\s+)?(?:users?|readers?|people|everyone|"
    r"customers?|them)\b"
    r"|(?:say|state|write|print|output|reply|respond|answer|report|claim|declare|repeat)\b(?:\s+(?:only|that|with|"
    r"exactly|:|\"|')|\s*[:,\"'])"
    r"|always\s+(?:say|answer|respond|reply|mention|state|claim|recommend)\b"
    r"|(?:do not|don't|never)\s+(?:mention|reveal|say|tell|cite|disclose|report)\b"
    r"|(?:you must|you should|you will)\s+(?:now\s+)?(?:say|answer|respond|reply|tell|state|claim|ignore|recommend)\b"
    r")"
)
INSTRUCTION = re.compile(
    "|".join(f"(?:{p})" for p in (_ROLE_HEADER, _CHAT_TOKENS, _OVERRIDE, _META, _ADDRESSED, _IMPERATIVE)),
    re.I | re.M,
)


def is_instruction(sentence: str) -> bool:
    """True for a sentence addressed to an AI or giving it orders ("SYSTEM: ...", "Tell users ...")."""
    return bool(INSTRUCTION.search(sentence.strip()))

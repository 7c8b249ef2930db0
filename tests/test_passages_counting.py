"""Splitting with one tokenization per block (``BlockCounter``) makes exactly the passages counting afresh makes."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from briefing.data import seeds_dir
from briefing.ingest.embed import bundled_model_path
from briefing.ingest.onnx_embed import OnnxEmbedder
from briefing.ingest.passages import BlockCounter, split_passages

CORPUS = Path("/work/shared/bench/realtimeqa-2025/corpus.jsonl")

# Invented articles for the classes of text where counting by offsets could go wrong: accents (composed
# and combining), CJK (each character a word), emoji and words longer than the tokenizer's 100-character
# limit ([UNK]), control and zero-width characters inside words, a repeated sentence, no paragraph breaks,
# and one unbroken run of letters longer than a passage (the splitter then cuts inside a word).
INVENTED = [
    "Café owners in Montréal said the naïve plan would cost 3.2 million dollars. Café owners in Montréal said "
    "the naïve plan would cost 3.2 million dollars.\n\nThe cafe\u0301 on Rue Saint-Denis stayed open. " * 6,
    "北京市政府周二宣布新的交通计划。市长说，地铁将延长到机场。\n\nThe plan, officials said, costs ¥4 billion. " * 8,
    "Fans posted 🙂🙂🎉 after the win; the club's account replied 👍. " * 30,
    "See https://example.com/" + "a" * 140 + "/index.html for the full filing.\n\nA second paragraph follows. " * 5,
    "Zero\u200bwidth and soft\u00adhyphen and con\x07trol characters appear in scraped pages. " * 25,
    "word " * 900,
    "x" * 3000 + " end.",
    "Dr. Smith (R-Texas) told the U.S. Senate: \"We can't wait.\" Sen. Jones disagreed -- strongly.\n" * 20,
]


@pytest.fixture(scope="module")
def model() -> OnnxEmbedder:
    return OnnxEmbedder(Path("unused.onnx"), bundled_model_path(), "tokenizer only")


def articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt"))] + INVENTED
    if CORPUS.exists():  # real news text, when the benchmark data is on this machine
        lines = CORPUS.read_text(encoding="utf-8").splitlines()[:40]
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts


@pytest.mark.parametrize(("size", "overlap"), [(192, 32), (64, 16), (32, 8)])
def test_the_same_passages_as_counting_each_piece_afresh(model, size, overlap):
    for text in articles():
        before = split_passages(text, size, overlap, model.tokenizer)
        after = split_passages(text, size, overlap, model.tokenizer, model.token_words)
        assert after == before, text[:80]


def test_every_piece_counts_as_the_tokenizer_counts_it(model):
    rng = random.Random(7)
    for text in articles():
        block = text[:8000]
        counter = BlockCounter(block, model.token_words, model.tokenizer)
        for _ in range(60):
            a = rng.randrange(len(block))
            b = rng.randrange(a, min(len(block), a + 600) + 1)
            if rng.random() < 0.5:  # also pieces that start and end at a space, as the splitter's do
                a, b = block.rfind(" ", 0, a) + 1, max(b, block.find(" ", b) if " " in block[b:] else len(block))
            piece = block[a:b]
            assert counter.count(piece) == len(model.tokenizer(piece)), (a, b, piece[:60])


def test_a_news_article_is_tokenized_once_per_block(model):
    """The splitter's pieces of ordinary prose all start and end between words: none is tokenized again."""
    calls: list[str] = []

    def tokenizer(piece: str) -> list:
        calls.append(piece)
        return model.tokenizer(piece)

    text = next(p for p in sorted(seeds_dir().glob("*.txt"))).read_text(encoding="utf-8")
    words = []
    passages = split_passages(text, 64, 16, tokenizer, lambda block: words.append(block) or model.token_words(block))
    assert len(passages) > 3 and calls == [] and len(words) == 1

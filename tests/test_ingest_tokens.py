"""Ingest hands the encoder each passage's word pieces from the splitter's one tokenization of its block, so the
encoder does not tokenize the passage again: the ids are exactly the tokenizer's own for the text it reads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from test_passages_counting import INVENTED

from briefing import Briefing, Settings
from briefing.ingest.embed import bundled_model_path
from briefing.ingest.onnx_embed import MAX_TOKENS, OnnxEmbedder, TokenizedText
from briefing.ingest.pipeline import Ingestor, embedding_text
from briefing.types import Article

# Titles where title ids + passage ids could differ from the ids of "title\npassage": accents, CJK, a trailing
# combining accent, punctuation at the seam, none at all, and one so long the encoder truncates the text.
TITLES = ["Café owners in Montréal", "北京市政府", "cafe\u0301", "Why? (Updated)", "", "word " * 300]


@pytest.fixture(scope="module")
def model() -> OnnxEmbedder:
    """The encoder's tokenizers only (no ONNX session is made)."""
    return OnnxEmbedder(Path("unused.onnx"), bundled_model_path(), "tokenizer only")


class RecordingEmbedder:
    """The real tokenizers at the seam; records what ``embed`` is handed and returns stand-in unit vectors."""

    name = "recording"

    def __init__(self, model: OnnxEmbedder) -> None:
        self.tokenizer, self.token_words, self.count_tokens = model.tokenizer, model.token_words, model.count_tokens
        self.texts: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.texts += texts
        return np.tile(np.eye(1, 384, dtype=np.float32), (len(texts), 1))


def articles() -> list[Article]:
    from test_passages_counting import articles as texts

    return [Article(article_id=f"a{i}", title=TITLES[i % len(TITLES)], text=text) for i, text in enumerate(texts())]


def test_each_passage_reaches_the_encoder_with_the_ids_of_its_text(model):
    ingestor = Ingestor(Settings(chroma_url=None), store=None, embedder=RecordingEmbedder(model))
    tokenized = 0
    for article in articles():
        spans = ingestor._spans(article)
        passages = ingestor._passages(article, spans, sentences=False)
        for passage, text in zip(passages, ingestor.embedding_texts(article, passages, spans), strict=True):
            assert text == embedding_text(article, passage)
            if isinstance(text, TokenizedText):
                tokenized += 1
                assert text.ids == model.tokenizer(str(text)), (article.title[:20], passage.text[:60])
    assert tokenized > 100


def test_an_ingest_hands_the_encoder_tokenized_passages(tmp_path, model):
    """The whole run, not only ``embedding_texts``: every seed passage arrives with its ids."""
    recording = RecordingEmbedder(model)
    seeds = Path(__file__).resolve().parent.parent / "data" / "seeds"
    Briefing(settings=Settings(home=tmp_path, chroma_url=None), embedder=recording).ingest([seeds])
    assert len(recording.texts) > 10
    for text in recording.texts:
        assert isinstance(text, TokenizedText)
        assert text.ids == model.tokenizer(str(text))


def test_the_encoder_reads_a_tokenized_texts_ids_as_the_tokenizer_would_make_them(model):
    texts = [f"{title}\n{body}" for title in TITLES for body in ("A short passage.", INVENTED[0], "word " * 400)]
    texts.append("")
    tokenized = [TokenizedText(text, model.tokenizer(text)) for text in texts]
    expected = [encoding.ids for encoding in model._tokenizer.encode_batch(texts)]
    assert model._input_ids(tokenized) == expected
    assert max(len(ids) for ids in expected) == MAX_TOKENS  # truncation was exercised
    # plain texts and tokenized ones in one call keep their order
    mixed = [t if i % 2 else texts[i] for i, t in enumerate(tokenized)]
    assert model._input_ids(mixed) == expected


def test_the_encoder_does_not_tokenize_a_tokenized_text_again(model):
    cls, sep = model._tokenizer.encode("").ids
    assert model._input_ids([TokenizedText("some words", [7, 8, 9])]) == [[cls, 7, 8, 9, sep]]


def test_a_tokenized_text_is_its_text_to_everyone_else():
    text = TokenizedText("Title\nA passage.", [1, 2])
    assert text == "Title\nA passage." and hash(text) == hash("Title\nA passage.")
    assert {text: 1}["Title\nA passage."] == 1
    import copy
    import pickle

    assert pickle.loads(pickle.dumps(text)).ids == [1, 2] and copy.copy(text).ids == [1, 2]

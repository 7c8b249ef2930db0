"""Sentence-aware splitting into passages that know their character span in the article text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    # The word-piece ids of ``text`` (no special tokens), read off its block's tokenization when the span starts
    # and ends between words (see ``BlockCounter.ids``), so the encoder need not tokenize it again; None when
    # unknown. Not part of a span's identity: the same passage with or without them.
    ids: list[int] | None = field(default=None, compare=False, repr=False)


def _locate(text: str, chunk: str, cursor: int) -> tuple[int, int]:
    """Where a splitter chunk sits in the text: exact match first, else whitespace-tolerant."""
    pos = text.find(chunk, cursor)
    if pos < 0:
        pos = text.find(chunk)
    if pos >= 0:
        return pos, pos + len(chunk)
    pattern = r"\s+".join(re.escape(word) for word in chunk.split())
    m = re.compile(pattern).search(text, cursor) or re.compile(pattern).search(text)
    if m is None:  # the splitter only re-joins whitespace, so this means a bug, not bad input
        raise ValueError(f"passage not found in its article text: {chunk[:60]!r}")
    return m.start(), m.end()


# The splitter's time and memory grow much faster than linearly with the length of a text it cannot
# cut at sentences (measured: a 1 MB line of words took 177 s and 700 MB), so text is first cut into
# blocks of at most this many characters: at a paragraph, line or sentence end when there is one in
# the block's second half, else at a space. Articles with ordinary paragraphs are not affected.
BLOCK_CHARS = 8000


def blocks(text: str, limit: int = BLOCK_CHARS) -> list[tuple[int, int]]:
    """(start, end) pieces of ``text``, each at most ``limit`` characters, cut at the best boundary available."""
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for boundary in ("\n\n", "\n", ". ", " "):
            at = window.rfind(boundary)
            if at >= limit // 2:
                cut = at + len(boundary)
                break
        end = start + (cut if cut > 0 else limit)
        out.append((start, end))
        start = end
    if start < len(text):
        out.append((start, len(text)))
    return out


class BlockTokens(NamedTuple):
    """A text's word pieces, in order: their ids, character spans and the index of the word each is a piece of."""

    ids: list[int]
    starts: list[int]
    ends: list[int]
    words: list[int]


TokenWords = Callable[[str], BlockTokens]


class BlockCounter:
    """Token counts of pieces of one block of text, read off a single tokenization of the whole block.

    The splitter counts the tokens of the block, then of each paragraph, then of each sentence of a
    long paragraph: each character tokenized two or three times. A word-piece tokenizer normalises
    character by character and cuts the text into words (at spaces and punctuation) before it cuts
    each word into pieces, alone; so a piece of the block that starts and ends between words has
    exactly the block's tokens that lie inside it. Such pieces are counted by bisecting the block's
    token offsets; any other piece (cut inside a word) is tokenized afresh by ``tokenizer``.
    """

    def __init__(self, block: str, token_words: TokenWords, tokenizer: Callable[[str], list]) -> None:
        self.block = block
        self.tokenizer = tokenizer
        self.tokens = token_words(block)
        self.cursor = 0  # the splitter asks in text order: the next piece starts at or after the last

    def between_words(self, at: int) -> bool:
        """Whether no word of the block spans the position ``at`` (it starts or ends there, or lies elsewhere).

        Looked up where asked rather than by listing every word's span first (that loop over each token took
        ~0.6 of the corpus's 3.5 CPU s of splitting): the word of the last token starting before ``at`` is the
        last word starting before it, and it ends at its last token's end (a word's pieces are consecutive tokens).
        """
        starts, ends, words = self.tokens.starts, self.tokens.ends, self.tokens.words
        i = bisect_left(starts, at) - 1  # the last token starting before ``at``
        if i < 0:
            return True
        end, word, j = ends[i], words[i], i + 1
        while j < len(words) and words[j] == word:  # the rest of that word's pieces
            end = max(end, ends[j])
            j += 1
        return end <= at

    def count(self, piece: str) -> int:
        at = self.block.find(piece, self.cursor)
        if at < 0:
            at = self.block.find(piece)
        end = at + len(piece)
        if at < 0 or not (self.between_words(at) and self.between_words(end)):
            return len(self.tokenizer(piece))
        self.cursor = at
        starts = self.tokens.starts
        return bisect_left(starts, end) - bisect_left(starts, at)

    def ids(self, start: int, end: int) -> list[int] | None:
        """The word-piece ids of ``block[start:end]`` when it starts and ends between words (the block's tokens
        inside it, as for ``count``), else None (the text would have to be tokenized by itself)."""
        if not (self.between_words(start) and self.between_words(end)):
            return None
        starts = self.tokens.starts
        return self.tokens.ids[bisect_left(starts, start) : bisect_left(starts, end)]

    def __call__(self, piece: str) -> range:
        """What the splitter's tokenizer returns, as far as it looks: something of the token count's length."""
        return range(self.count(piece))


def split_passages(
    text: str,
    chunk_size: int,
    chunk_overlap: int,
    tokenizer: Callable[[str], list] | None = None,
    token_words: TokenWords | None = None,
) -> list[Span]:
    """Split an article into passages of at most ``chunk_size`` tokens, on sentence boundaries.

    ``tokenizer`` should be the embedding model's own (so passages fit what it reads); each span's
    text is exactly ``text[start:end]``, which is what lets a quote be located later. ``token_words``
    (the same tokenizer's tokens with their words, see ``BlockCounter``) makes the same passages
    with each block tokenized once, and gives each span the ids of its word pieces where they are known.
    """
    from llama_index.core.node_parser import SentenceSplitter  # lazy: heavy import

    def splitter(counter: Callable[[str], Sequence] | None) -> SentenceSplitter:
        return SentenceSplitter(
            chunk_size=chunk_size,
            chunk_overlap=min(chunk_overlap, chunk_size // 2),
            tokenizer=counter,
            paragraph_separator="\n\n",
            include_metadata=False,
            include_prev_next_rel=False,
        )

    plain: SentenceSplitter | None = None
    spans: list[Span] = []
    for offset, block_end in blocks(text):
        block = text[offset:block_end]
        counter = None
        if token_words is not None and tokenizer is not None:
            counter = BlockCounter(block, token_words, tokenizer)
            split = splitter(counter)
        else:
            split = plain = plain or splitter(tokenizer)
        cursor = 0
        for chunk in split.split_text(block):
            if not chunk.strip():
                continue
            start, end = _locate(block, chunk.strip(), cursor)
            ids = counter.ids(start, end) if counter is not None else None
            spans.append(Span(offset + start, offset + end, block[start:end], ids))
            cursor = start + 1
    return spans

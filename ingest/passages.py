"""Sentence-aware splitting into passages that know their character span in the article text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


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


# (start, end, word) of each token of a text: its character span and the index of the word it is a piece of
TokenWords = Callable[[str], Sequence[tuple[int, int, int]]]


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
        tokens = token_words(block)
        self.block = block
        self.tokenizer = tokenizer
        self.starts = [start for start, _, _ in tokens]
        spans: dict[int, list[int]] = {}
        for start, end, word in tokens:
            span = spans.setdefault(word, [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
        ordered = sorted(spans.values())
        self.word_starts = [start for start, _ in ordered]
        self.word_ends = [end for _, end in ordered]
        self.cursor = 0  # the splitter asks in text order: the next piece starts at or after the last

    def between_words(self, at: int) -> bool:
        i = bisect_left(self.word_starts, at) - 1  # the last word starting before ``at``
        return i < 0 or self.word_ends[i] <= at

    def count(self, piece: str) -> int:
        at = self.block.find(piece, self.cursor)
        if at < 0:
            at = self.block.find(piece)
        end = at + len(piece)
        if at < 0 or not (self.between_words(at) and self.between_words(end)):
            return len(self.tokenizer(piece))
        self.cursor = at
        return bisect_left(self.starts, end) - bisect_left(self.starts, at)

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
    with each block tokenized once.
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
        if token_words is not None and tokenizer is not None:
            split = splitter(BlockCounter(block, token_words, tokenizer))
        else:
            split = plain = plain or splitter(tokenizer)
        cursor = 0
        for chunk in split.split_text(block):
            if not chunk.strip():
                continue
            start, end = _locate(block, chunk.strip(), cursor)
            spans.append(Span(offset + start, offset + end, block[start:end]))
            cursor = start + 1
    return spans

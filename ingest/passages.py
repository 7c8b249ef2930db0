"""Sentence-aware splitting into passages that know their character span in the article text."""

from __future__ import annotations

import re
from collections.abc import Callable
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


def split_passages(
    text: str,
    chunk_size: int,
    chunk_overlap: int,
    tokenizer: Callable[[str], list] | None = None,
) -> list[Span]:
    """Split an article into passages of at most ``chunk_size`` tokens, on sentence boundaries.

    ``tokenizer`` should be the embedding model's own (so passages fit what it reads); each span's
    text is exactly ``text[start:end]``, which is what lets a quote be located later.
    """
    from llama_index.core.node_parser import SentenceSplitter  # lazy: heavy import

    splitter = SentenceSplitter(
        chunk_size=chunk_size,
        chunk_overlap=min(chunk_overlap, chunk_size // 2),
        tokenizer=tokenizer,
        paragraph_separator="\n\n",
        include_metadata=False,
        include_prev_next_rel=False,
    )
    spans: list[Span] = []
    for offset, block_end in blocks(text):
        block = text[offset:block_end]
        cursor = 0
        for chunk in splitter.split_text(block):
            if not chunk.strip():
                continue
            start, end = _locate(block, chunk.strip(), cursor)
            spans.append(Span(offset + start, offset + end, block[start:end]))
            cursor = start + 1
    return spans

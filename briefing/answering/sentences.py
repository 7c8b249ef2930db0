"""Moved to ingest/sentences.py (sentence spans are computed at ingest and stored with each passage)."""

from ingest.sentences import passage_sentences, sentence_spans

__all__ = ["passage_sentences", "sentence_spans"]

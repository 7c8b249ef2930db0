"""The keyword index built page by page ranks exactly as one bm25s build of the whole corpus (index/keyword.py)."""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys

import bm25s
import numpy as np
import pytest
import Stemmer

import briefing.index.store
from briefing import Settings
from briefing.index.keyword import KeywordIndex
from briefing.index.retrieve import Retriever
from briefing.index.store import Store
from briefing.types import Article, Passage

WORDS = ("harbour", "glaciers", "orchard", "lanterns", "meadow", "quarry", "violin", "saddles", "compass", "falcon",
         "granite", "pepper", "ribbon", "thunder", "walnuts", "copper", "island", "marble", "velvet", "canyon",
         "running", "runs", "ferries", "bridge", "mayor", "council", "budget", "election", "storm", "flooding")
FILLER = ("the", "a", "of", "and", "to", "in", "was", "on")
QUERIES = ("glacier harbour", "running ferries on the bridge", "mayor budget council", "storm flooding island",
           "velvet", "copper granite marble quarry", "the and of", "walnut pepper thunder lantern")
N_ARTICLES = 31  # 62 passages: several pages of 7 with a short last one, or of 2 that end exactly
K = 2 * N_ARTICLES  # every hit: no cut inside a run of tied scores


def tied_order(ranking: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Passages of equal score by id. Their order in a bm25s ranking follows how the vocabulary is numbered,
    which ``bm25s.tokenize`` draws from a set of strings (another order in every process): not a ranking."""
    return sorted(ranking, key=lambda hit: (-hit[1], hit[0]))


def invented_library() -> list[tuple[Article, list[Passage], np.ndarray]]:
    """Articles of two passages of random words (repeats, so term frequencies and lengths vary)."""
    rng = random.Random(12)
    batch = []
    for n in range(N_ARTICLES):
        aid = f"a{(n * 17) % N_ARTICLES:03d}"  # written out of id order
        texts = [" ".join(rng.choice(WORDS if rng.random() < 0.6 else FILLER) for _ in range(rng.randint(4, 40)))
                 for _ in range(2)]
        digest = hashlib.sha256("|".join(texts).encode()).hexdigest()[:16]
        passages = [Passage(passage_id=f"{aid}-{digest[:8]}-{i:04d}", article_id=aid, text=t, start=0, end=len(t),
                            sentences=[(0, len(t))]) for i, t in enumerate(texts)]
        art = Article(article_id=aid, title=f"{rng.choice(WORDS)} report {n}", text="\n\n".join(texts),
                      outlet=f"Outlet {n % 3}", published=f"2026-01-{1 + n % 28:02d}", passages=2, content_hash=digest)
        batch.append((art, passages, np.ones((2, 8), dtype=np.float32) / np.sqrt(8)))
    return batch


def whole_corpus_build(batch) -> tuple[list[tuple[str, str]], bm25s.BM25]:
    """The build before paging: every passage's "title\\ntext" tokenized at once, in passage id order."""
    rows = sorted((p.passage_id, f"{art.title}\n{p.text}") for art, passages, _ in batch for p in passages)
    bm25 = bm25s.BM25()
    bm25.index(bm25s.tokenize([text for _, text in rows], stopwords="en", stemmer=Stemmer.Stemmer("english"),
                              show_progress=False), show_progress=False)
    return rows, bm25


def columns_by_term(bm25: bm25s.BM25) -> dict[str, list[tuple[int, float]]]:
    """Every (passage position, score) of a BM25 matrix, by term."""
    m = bm25.scores
    return {term: list(zip(m["indices"][m["indptr"][i] : m["indptr"][i + 1]].tolist(),
                           m["data"][m["indptr"][i] : m["indptr"][i + 1]].tolist(), strict=True))
            for term, i in bm25.vocab_dict.items() if term}


def whole_corpus_ranking(batch, query: str, k: int) -> list[tuple[str, float]]:
    rows, bm25 = whole_corpus_build(batch)
    stemmer = Stemmer.Stemmer("english")
    tokens = bm25s.tokenize([query], stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False)
    if not tokens[0]:
        return []
    docs, scores = bm25.retrieve(tokens, k=k, show_progress=False, n_threads=0)
    return [(rows[int(d)][0], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]


@pytest.mark.parametrize("page", [7, 2])
def test_the_paged_build_from_a_store_ranks_as_the_whole_corpus_build(tmp_path, monkeypatch, page):
    batch = invented_library()
    store = Store(Settings(home=tmp_path / "home"))
    store.write(batch)
    monkeypatch.setattr(briefing.index.store, "PAGE", page)
    pages = []
    store.over_passages(lambda got: pages.extend(len(p) for p in got))
    assert len(pages) >= 62 // page and sum(pages) == 62  # several pages, every passage once

    library = Retriever(store, embedder=None, cache_dir=tmp_path / "cache").keyword_index()
    assert library.size == 62
    for query in QUERIES:
        expected = whole_corpus_ranking(batch, query, K)
        got = library.search(query, K)
        assert [s for _, s in got] == [s for _, s in expected], query  # the same scores, bit for bit
        assert tied_order(got) == tied_order(expected), query  # on the same passages
        assert len(expected) > 0 or query == "the and of"


def test_pages_in_any_order_build_the_same_index(tmp_path):
    batch = invented_library()
    passages = [p for art, ps, _ in batch for p in ps]
    for p, (art, _, _) in zip(passages, [b for b in batch for _ in range(2)], strict=True):
        p.title, p.published, p.outlet = art.title, art.published, art.outlet
    random.Random(3).shuffle(passages)
    index = KeywordIndex.from_pages(passages[i : i + 5] for i in range(0, len(passages), 5))
    assert index.ids == sorted(p.passage_id for p in passages)
    by_id = {p.passage_id: p for p in passages}
    assert [by_id[i].article_id for i in index.ids] == index.article_ids
    mask = index.filter_mask(None, "2026-01-10", ["outlet 1"])
    assert mask.tolist() == [by_id[i].published <= "2026-01-10" and by_id[i].outlet == "Outlet 1" for i in index.ids]
    assert columns_by_term(index.bm25) == columns_by_term(whole_corpus_build(batch)[1])  # every score, bit for bit
    for query in QUERIES:
        got = [(index.ids[i], s) for i, s in index.search(query, K)]
        assert tied_order(got) == tied_order(whole_corpus_ranking(batch, query, K)), query
    index.save(tmp_path / "idx")
    loaded = KeywordIndex.load(tmp_path / "idx")
    got = [(loaded.ids[i], s) for i, s in loaded.search(QUERIES[0], K)]
    assert tied_order(got) == tied_order(whole_corpus_ranking(batch, QUERIES[0], K))


def test_an_index_built_with_scipy_searches_the_same_in_a_process_without_it(tmp_path):
    """`briefing ask` imports bm25s without scipy (import_bm25s_without_scipy): an index saved by a process with
    scipy loads there and ranks the same, and scipy can still be imported after."""
    passages = [Passage(passage_id=f"a{i}:0", article_id=f"a{i}", text=text, start=0, end=len(text))
                for i, text in enumerate(["The Pentagon set a deadline for Anthropic on Friday.",
                                          "Anthropic said the talks made virtually no progress.",
                                          "A spokesperson for the Pentagon wrote on X about the deadline.",
                                          "Rain is expected across the region this weekend."])]
    index = KeywordIndex(passages)
    index.save(tmp_path / "index")
    query = "pentagon deadline"
    expected = [[d, round(s, 5)] for d, s in index.search(query, k=3)]
    assert sorted(d for d, _ in expected) == [0, 2]  # the two passages with the words; the others have neither
    probe = (f"import json, sys\nfrom pathlib import Path\n"
             f"from briefing.index.keyword import KeywordIndex, import_bm25s_without_scipy\n"
             f"import_bm25s_without_scipy()\nimport bm25s\n"
             f"index = KeywordIndex.load(Path({str(tmp_path / 'index')!r}))\n"
             f"hits = [[d, round(s, 5)] for d, s in index.search({query!r}, k=3)]\n"
             f"without = 'scipy' in sys.modules or bm25s.SCIPY_AVAILABLE\n"
             f"import scipy.sparse\n"
             f"print(json.dumps([hits, without]))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [expected, False]

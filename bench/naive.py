"""The naive LlamaIndex pipeline over the RealTimeQA corpus: the baseline the project's retrieval is measured against.

    .venv/bin/python bench/naive.py [--dir /tmp/bench-f/naive]    # build once (~1,500 chunks), then reuse

What a first LlamaIndex tutorial builds: one ``Document`` per article (text, plus ``title`` and
``published`` as metadata, which LlamaIndex prepends to what the encoder reads), ``SentenceSplitter``
with chunk_size=1024 / chunk_overlap=128 (its default tiktoken tokens), a ``VectorStoreIndex`` over a
persistent Chroma collection, and retrieval by ``similarity_top_k``. The encoder is the project's own
all-MiniLM-L6-v2 (``ingest.embed.SentenceTransformerEmbedder``) wrapped in a ``BaseEmbedding``: the
same model the project uses, which reads at most 256 word pieces, so most of each 1024-token chunk is
never encoded (that is part of what "naive" means). ``until=date`` becomes a metadata filter on an
integer ``published_ord`` (excluded from the encoder's and the LLM's view); undated articles never
pass it, as in the project's store. Global ``llama_index.core.Settings`` is never touched.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from common import bench_data_or_exit, read_jsonl  # noqa: I001 - common puts the repo on sys.path

DEFAULT_DIR = Path("/tmp/bench-f/naive")
COLLECTION = "naive_rtqa"
CHUNK_SIZE, CHUNK_OVERLAP = 1024, 128


def published_ord(iso: str | None) -> int | None:
    return int(iso.replace("-", "")) if iso else None


def project_embedding(embedder):
    """The project's embedder as a llama-index ``BaseEmbedding`` (built lazily: llama-index imports are heavy)."""
    from llama_index.core.embeddings import BaseEmbedding
    from pydantic import PrivateAttr

    class ProjectEmbedding(BaseEmbedding):
        _inner: object = PrivateAttr()

        def __init__(self, inner, **kwargs) -> None:
            super().__init__(model_name=inner.name, embed_batch_size=64, **kwargs)
            self._inner = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._inner.embed([query])[0].tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._inner.embed([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._inner.embed(texts).tolist()

    return ProjectEmbedding(embedder)


def documents(corpus: Path):
    from llama_index.core import Document

    from briefing.ingest.metadata import parse_published

    docs = []
    for row in read_jsonl(corpus):
        published = parse_published(row["publish_date"]) if row.get("publish_date") else None
        meta = {"title": row.get("title") or ""}
        if published:
            meta |= {"published": published, "published_ord": published_ord(published)}
        docs.append(Document(text=row["text"], metadata=meta, excluded_embed_metadata_keys=["published_ord"],
                             excluded_llm_metadata_keys=["published_ord"]))
    return docs


class NaivePipeline:
    """Build (once) or open the naive index in ``folder``; ``retrieve`` returns the chunk texts, best first."""

    def __init__(self, folder: Path, embedder) -> None:
        import chromadb
        from llama_index.core import StorageContext, VectorStoreIndex
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.folder = folder
        self.embed_model = project_embedding(embedder)
        client = chromadb.PersistentClient(path=str(folder / "chroma"))
        collection = client.get_or_create_collection(COLLECTION, metadata={"hnsw:space": "cosine"})
        self.vector_store = ChromaVectorStore(chroma_collection=collection)
        self.build_seconds: float | None = None
        if collection.count() == 0:
            from llama_index.core.node_parser import SentenceSplitter

            docs = documents(bench_data_or_exit() / "corpus.jsonl")
            t0 = time.perf_counter()
            self.index = VectorStoreIndex.from_documents(
                docs, storage_context=StorageContext.from_defaults(vector_store=self.vector_store),
                embed_model=self.embed_model,
                transformations=[SentenceSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)],
            )
            self.build_seconds = time.perf_counter() - t0
        else:
            self.index = VectorStoreIndex.from_vector_store(self.vector_store, embed_model=self.embed_model)
        self.chunks = collection.count()

    def _nodes(self, question: str, k: int, until: str | None):
        from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters

        filters = None
        if until:
            filters = MetadataFilters(filters=[
                MetadataFilter(key="published_ord", value=published_ord(until), operator=FilterOperator.LTE)])
        return self.index.as_retriever(similarity_top_k=k, filters=filters).retrieve(question)

    def retrieve(self, question: str, k: int, until: str | None = None) -> list[str]:
        return [n.node.get_content() for n in self._nodes(question, k, until)]  # the chunk text, no metadata header

    def passages(self, question: str, k: int, until: str | None = None):
        """The top-k chunks as the project's ``Passage`` (title and date from the chunk's metadata), to answer from."""
        from briefing.types import Passage

        out = []
        for n in self._nodes(question, k, until):
            text = n.node.get_content()
            out.append(Passage(passage_id=n.node.node_id, article_id=n.node.ref_doc_id or n.node.node_id, text=text,
                               start=0, end=len(text), title=n.node.metadata.get("title", ""),
                               published=n.node.metadata.get("published"), score=float(n.score or 0.0)))
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args()
    bench_data_or_exit()
    from briefing.ingest.embed import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    embedder.embed(["warm-up"])
    naive = NaivePipeline(args.dir, embedder)
    built = f"built in {naive.build_seconds:.0f} s" if naive.build_seconds else "reused"
    print(f"naive LlamaIndex pipeline at {args.dir}: {naive.chunks} chunks ({built})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

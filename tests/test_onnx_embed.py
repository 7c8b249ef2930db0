"""The ONNX export answers questions with the same vectors as sentence-transformers, without torch."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from briefing import Briefing, Settings
from briefing.ingest.embed import bundled_model_path
from briefing.ingest.onnx_embed import OnnxEmbedder, export_onnx, onnx_path


@pytest.fixture(scope="module")
def onnx_file(tmp_path_factory):
    target = onnx_path(tmp_path_factory.mktemp("cache"), bundled_model_path())
    return export_onnx(bundled_model_path(), target)


def test_onnx_vectors_equal_sentence_transformers(embedder, onnx_file):
    texts = ["Who is the Pentagon's chief spokesperson?", "short", "word " * 400,  # longer than 256 pieces
             "Anthropic said Thursday that \u201cvirtually no progress\u201d had been made."]
    fast = OnnxEmbedder(onnx_file, bundled_model_path(), "x").embed(texts)
    reference = embedder.embed(texts)
    assert fast.shape == reference.shape
    assert np.allclose(fast, reference, atol=1e-4)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


def test_onnx_embedder_does_not_import_torch(onnx_file):
    code = (f"import sys; from pathlib import Path; from ingest.onnx_embed import OnnxEmbedder; "
            f"from ingest.embed import bundled_model_path; "
            f"OnnxEmbedder(Path({str(onnx_file)!r}), bundled_model_path(), 'x').embed(['hi']); "
            f"print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_briefing_uses_the_export_for_questions_once_it_exists(tmp_path, monkeypatch):
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "BRIEFING_EMBED_MODEL"):
        monkeypatch.delenv(name, raising=False)
    b = Briefing(settings=Settings(home=tmp_path))
    assert b.query_embedder is b.embedder  # no export yet: the ingest embedder answers
    path = b.prepare_fast_queries()
    assert path.exists() and path.is_relative_to(tmp_path)
    fresh = Briefing(settings=Settings(home=tmp_path))
    assert isinstance(fresh.query_embedder, OnnxEmbedder)

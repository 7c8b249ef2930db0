"""A faster way to embed questions: the default model exported once to ONNX, run by onnxruntime.

Answering a question needs a handful of embeddings, and importing torch + sentence-transformers
costs seconds per process; onnxruntime and tokenizers load in a fraction of that. The export is
numerically the same model (mean pooling, unit length; tests/test_onnx_embed.py checks it against
sentence-transformers), made by ``export_onnx`` after an ingest and cached under BRIEFING_HOME.
"""

from __future__ import annotations

import warnings
from functools import cached_property
from pathlib import Path

import numpy as np

MAX_TOKENS = 256  # what all-MiniLM-L6-v2 reads


def onnx_path(cache_dir: Path, model_dir: Path) -> Path:
    """Where the export of a model folder lives (keyed by the weights file's size and mtime)."""
    weights = model_dir / "model.safetensors"
    stat = weights.stat()
    return cache_dir / "onnx" / f"{model_dir.name}-{stat.st_size}-{int(stat.st_mtime)}.onnx"


def export_onnx(model_dir: Path, target: Path) -> Path:
    """Export a BERT-style sentence-transformers folder with mean pooling + normalisation to ONNX."""
    import torch  # lazy: only the export needs torch
    from transformers import AutoModel, AutoTokenizer

    # Eager attention traces the padding mask as data; the fused SDPA path bakes it in as a constant.
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))

    class MeanPooled(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    sample = tokenizer(["a short sample", "a somewhat longer sample sentence for tracing"], return_tensors="pt",
                       padding=True)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about shape-dependent branches (checked by the tests)
        torch.onnx.export(
            MeanPooled(model), tuple(sample[n] for n in names), str(tmp), input_names=names,
            output_names=["embedding"], opset_version=17, dynamo=False,
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "embedding": {0: "batch"}},
        )
    tmp.replace(target)  # atomic: a concurrent reader never loads half a file
    return target


class OnnxEmbedder:
    """``embed(texts) -> array`` with onnxruntime; same vectors as the sentence-transformers model."""

    def __init__(self, onnx_file: Path, model_dir: Path, name: str, batch_size: int = 64) -> None:
        self.onnx_file = onnx_file
        self.model_dir = model_dir
        self.name = name
        self.batch_size = batch_size

    @cached_property
    def session(self):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        return onnxruntime.InferenceSession(str(self.onnx_file), options, providers=["CPUExecutionProvider"])

    @cached_property
    def _tokenizer(self):
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        tok.enable_truncation(MAX_TOKENS)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")
        return tok

    @cached_property
    def tokenizer(self):
        """Word pieces without truncation (for counting), unlike the encoder's own tokenizer."""
        from tokenizers import Tokenizer

        counter = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        counter.no_truncation()
        counter.no_padding()
        return lambda text: counter.encode(text, add_special_tokens=False).ids

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text))

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        out = []
        for i in range(0, len(texts), self.batch_size):
            encodings = self._tokenizer.encode_batch(texts[i : i + self.batch_size])
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            out.append(self.session.run(None, feed)[0])
        return np.concatenate(out).astype(np.float32, copy=False)

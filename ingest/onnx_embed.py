"""The default model exported once to ONNX (fp32, and dynamically quantised to int8), run by onnxruntime.

Ingest and questions use the same ONNX encoder, so stored vectors and question vectors always come
from one model. The fp32 export is numerically the sentence-transformers model (mean pooling, unit
length; tests/test_onnx_embed.py checks it); the int8 one is onnxruntime's ``quantize_dynamic`` of it
(int8 weights, activations quantised per call at run time; ``UNFUSED`` for its session), about twice as fast on
a CPU with vectors at cosine >= 0.98 of fp32. Exporting needs torch once; the files are cached under the models folder
(``BRIEFING_MODELS_DIR``) keyed by the weights file, so later processes import neither torch nor
sentence-transformers.
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from pathlib import Path

import numpy as np

MAX_TOKENS = 256  # what all-MiniLM-L6-v2 reads
PRECISIONS = ("int8", "fp32")


def onnx_path(cache_dir: Path, model_dir: Path, precision: str = "fp32") -> Path:
    """Where the export of a model folder lives (keyed by the weights file's size and mtime)."""
    weights = model_dir / "model.safetensors"
    stat = weights.stat()
    suffix = "" if precision == "fp32" else f"-{precision}"
    return cache_dir / "onnx" / f"{model_dir.name}-{stat.st_size}-{int(stat.st_mtime)}{suffix}.onnx"


def _scratch(target: Path) -> Path:
    """A per-process temporary name beside ``target``: concurrent exporters never write one file."""
    return target.with_name(f"{target.stem}.{os.getpid()}.tmp")


def export_onnx(model_dir: Path, target: Path) -> Path:
    """Export a BERT-style sentence-transformers folder with mean pooling + normalisation to ONNX."""
    import torch  # lazy: only the export needs torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bars would clutter CLI output

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
    tmp = _scratch(target)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about shape-dependent branches (checked by the tests)
        torch.onnx.export(
            MeanPooled(model), tuple(sample[n] for n in names), str(tmp), input_names=names,
            output_names=["embedding"], opset_version=17, dynamo=False,
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "embedding": {0: "batch"}},
        )
    tmp.replace(target)  # atomic: a concurrent reader never loads half a file
    return target


def quantize_int8(fp32_file: Path, target: Path) -> Path:
    """onnxruntime's dynamic quantisation of an fp32 export: int8 weights, per-batch int8 activations."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _scratch(target)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # "please run pre-processing first" goes to the root logger; not needed here
    try:
        # per channel: per-tensor scales measured cosine 0.87 (worst passage) against fp32, per channel 0.98
        quantize_dynamic(str(fp32_file), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root.setLevel(level)
    tmp.replace(target)
    return target


def ensure_onnx(cache_dir: Path, model_dir: Path, precision: str) -> Path:
    """The cached export of ``model_dir`` at ``precision``, made now (once, with torch) when missing."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
    fp32 = onnx_path(cache_dir, model_dir, "fp32")
    if not fp32.exists():
        export_onnx(model_dir, fp32)
    if precision == "fp32":
        return fp32
    target = onnx_path(cache_dir, model_dir, precision)
    if not target.exists():
        quantize_int8(fp32, target)
    return target


def bucket_order(lengths: list[int], batch_size: int) -> list[np.ndarray]:
    """Indices grouped into batches of similar length (longest first), so padding wastes little work.

    The caller writes each batch's results back at these indices: the output keeps the input order.
    """
    order = np.argsort(-np.asarray(lengths), kind="stable")
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


# Texts per call when several run side by side: ingest's passages, an answer's candidate sentences. One: a 32-passage
# batch's activations (32 x ~210 tokens x 1,536 floats in the feed-forward block: ~40 MB) spill out of the 2 MB per-core
# cache; one passage's stay in it, and nothing is padded. Measured on 603 RealTimeQA passages, both cores, interleaved
# (README, Encoder): ~25 % less CPU than batches of 32 for fp32 and int8 alike. It also gives each int8 vector its own
# activation scales, so a text's int8 vector never depends on the texts embedded with it (batches of 4 measured worst
# cosine 0.969 to fp32). An answer's ~40 short sentences measured the same way (bench/README, "Stop 29"): one per call
# side by side took about half the time of batches of 32 one at a time over both cores.
BATCH_SIZE = 1

# Graph rewrites onnxruntime must not make, per precision. int8: SkipLayerNormFusion joins each feed-forward block's
# residual add and layer norm into one SkipLayerNormalization (its bias went into the quantised product), whose CPU
# kernel took 299 ms where fp32's separate Add + LayerNormalization take ~80 (onnxruntime 1.32 profile, 125
# passages, one thread); unfused, the int8 encoder measured ~10 % less CPU at ingest, at the same cosine to fp32. The
# fp32 graph is not fused that way (its bias adds stay apart), so it has nothing to turn off.
UNFUSED = {"fp32": (), "int8": ("SkipLayerNormFusion",)}


class TokenizedText(str):
    """A text whose word-piece ids (no special tokens, not truncated) the caller already has.

    ``OnnxEmbedder.embed`` reads them instead of tokenizing the text again (ingest: the splitter tokenized each
    block once to size its passages, ``passages.BlockCounter.ids``); to every other embedder, wrapper or cache it
    is just the text. The ids must be what ``OnnxEmbedder.tokenizer`` makes of the text.
    """

    ids: list[int]

    def __new__(cls, text: str, ids: list[int]) -> TokenizedText:
        made = super().__new__(cls, text)
        made.ids = ids
        return made

    def __getnewargs__(self) -> tuple[str, list[int]]:  # pickled and copied with its ids
        return str(self), self.ids


def usable_cores() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class OnnxEmbedder:
    """``embed(texts) -> array`` with onnxruntime, batches bucketed by token length.

    Several texts (ingest's passages, an answer's sentences) run ``batch_size`` per call (see ``BATCH_SIZE``), side by
    side, one call per core, each on one thread (``threads``: how many at once; default the usable cores), rather than
    one batch at a time split across the cores by onnxruntime's intra-op threads, which meet at a barrier after every
    operator, so when another process or the pipeline's own threads take a core, the other core waits. A text alone
    (a question) runs on one thread as well. A call's result does not depend on the threads that run it.
    ``disabled_optimizers``: onnxruntime graph rewrites left out (``UNFUSED``: part of an encoder's recipe).
    """

    def __init__(self, onnx_file: Path, model_dir: Path, name: str, batch_size: int = BATCH_SIZE,
                 threads: int | None = None, disabled_optimizers: tuple[str, ...] = ()) -> None:
        self.onnx_file = onnx_file
        self.model_dir = model_dir
        self.name = name
        self.batch_size = batch_size
        self.threads = threads or usable_cores()
        self.disabled_optimizers = tuple(disabled_optimizers)
        self.max_tokens = MAX_TOKENS

    @cached_property
    def session(self):
        """One onnxruntime thread a call: calls run side by side (see the class note). A text alone runs on it too:
        over both cores a question took 4-6 ms against 6 on one, while a second session cost every cold start
        ~0.1 s (bench/README, "Stop 29"). Built from the graph ``rewritten_graph`` saves on first use."""
        import onnxruntime

        return onnxruntime.InferenceSession(str(self.rewritten_graph()), self._options(),
                                            providers=["CPUExecutionProvider"],
                                            disabled_optimizers=list(self.disabled_optimizers))

    def _options(self):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        return options

    def rewritten_graph(self) -> Path:
        """The export as onnxruntime's basic and extended graph rewrites leave it (operators fused, constants
        folded; ``disabled_optimizers`` left out), saved beside the export on first use and read after: a session
        built from it skips those rewrites, ~120 -> ~70 ms of every cold `briefing ask` (bench/README, "Stop 32"),
        with the same vectors bit for bit (tests/test_onnx_embed.py). Keyed by the onnxruntime version and the
        rewrites left out; the layout rewrites, which depend on the machine, still run in each session. Where the
        folder cannot be written, the export itself (each session then rewrites it, as before)."""
        import onnxruntime

        left_out = "".join(f"-no{name}" for name in sorted(self.disabled_optimizers))
        target = self.onnx_file.with_name(f"{self.onnx_file.stem}.ort{onnxruntime.__version__}{left_out}.onnx")
        if target.exists():
            return target
        if not os.access(target.parent, os.W_OK):  # a read-only models folder
            return self.onnx_file
        options = self._options()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        # whole or not at all: concurrent first uses (processes, threads) each write their own scratch, then rename it
        scratch = target.with_name(f"{target.stem}.{os.getpid()}-{threading.get_ident()}.tmp")
        options.optimized_model_filepath = str(scratch)
        try:
            onnxruntime.InferenceSession(str(self.onnx_file), options, providers=["CPUExecutionProvider"],
                                         disabled_optimizers=list(self.disabled_optimizers))
            scratch.replace(target)
        except OSError:  # the rename, on a folder that changed under us: the export serves as well
            scratch.unlink(missing_ok=True)
            return self.onnx_file
        return target

    @cached_property
    def _tokenizer(self):
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        tok.enable_truncation(MAX_TOKENS)
        tok.no_padding()  # each bucket is padded to its own longest text below
        return tok

    @cached_property
    def tokenizer(self):
        """Word pieces without truncation (for counting), unlike the encoder's own tokenizer."""
        from tokenizers import Tokenizer

        counter = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        counter.no_truncation()
        counter.no_padding()
        return lambda text: counter.encode(text, add_special_tokens=False).ids

    @cached_property
    def token_words(self):
        """A text's word pieces: ids, spans and words, as ``tokenizer`` cuts it (see passages.BlockCounter)."""
        from tokenizers import Tokenizer

        from briefing.ingest.passages import BlockTokens

        counter = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        counter.no_truncation()
        counter.no_padding()

        def token_words(text: str) -> BlockTokens:
            e = counter.encode(text, add_special_tokens=False)
            offsets = e.offsets
            return BlockTokens(e.ids, [start for start, _ in offsets], [end for _, end in offsets], e.word_ids)

        return token_words

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text))

    @cached_property
    def _specials(self) -> tuple[int, int]:
        """The ids the encoder's tokenizer puts before and after a text's word pieces ([CLS], [SEP])."""
        around = self._tokenizer.encode("").ids
        return around[0], around[-1]

    def _input_ids(self, texts: list[str]) -> list[list[int]]:
        """Each text's input ids as the encoder's tokenizer makes them: [CLS], its word pieces cut to ``MAX_TOKENS``
        in all, [SEP]. A ``TokenizedText``'s are built from its ids (the same: tests/test_onnx_embed.py); the rest
        are tokenized, in one batch."""
        out: list[list[int] | None] = [None] * len(texts)
        fresh = [i for i, text in enumerate(texts) if not isinstance(text, TokenizedText)]
        if fresh:
            for i, encoding in zip(fresh, self._tokenizer.encode_batch([texts[i] for i in fresh]), strict=True):
                out[i] = encoding.ids
        if len(fresh) < len(texts):
            first, last = self._specials
            for i, text in enumerate(texts):
                if out[i] is None:
                    out[i] = [first, *text.ids[: MAX_TOKENS - 2], last]
        return out

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        pieces = self._input_ids(texts)
        batches = bucket_order([len(ids) for ids in pieces], self.batch_size)
        side_by_side = len(batches) > 1 and self.threads > 1

        def run(batch: np.ndarray) -> np.ndarray:
            width = max(len(pieces[i]) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            types = np.zeros((len(batch), width), dtype=np.int64)  # one sequence: its type ids are all 0
            for row, i in enumerate(batch):
                ids[row, : len(pieces[i])] = pieces[i]
                mask[row, : len(pieces[i])] = 1
            return self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]

        if side_by_side:
            # onnxruntime releases the GIL inside run(); map keeps the batches' order (longest first: the short
            # ones at the end even out the threads)
            with ThreadPoolExecutor(self.threads, thread_name_prefix="onnx-embed") as pool:
                results = list(pool.map(run, batches))
        else:
            results = [run(batch) for batch in batches]
        out = np.empty((len(texts), results[0].shape[1]), dtype=np.float32)
        for batch, vectors in zip(batches, results, strict=True):
            out[batch] = vectors
        # int8 activations drift the norm slightly; the seam promises unit length
        return out / np.linalg.norm(out, axis=1, keepdims=True).clip(min=1e-12)

"""The ONNX encoders: fp32 equals sentence-transformers, int8 stays close to it, batches come back in order,
and a store never mixes the vectors of two encoders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from briefing import Briefing, Settings
from briefing.errors import ConfigError
from briefing.ingest.embed import DEFAULT_NAME, INT8_NAME, bundled_model_path
from briefing.ingest.files import load_file
from briefing.ingest.onnx_embed import UNFUSED, OnnxEmbedder, bucket_order, ensure_onnx

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory) -> Path:
    """A models folder holding both exports, made once per test run (the export itself is under test)."""
    folder = tmp_path_factory.mktemp("models")
    ensure_onnx(folder, bundled_model_path(), "int8")  # exports fp32 first, then quantises it
    return folder


def onnx(models_dir: Path, precision: str, batch_size: int | None = None, threads: int | None = None) -> OnnxEmbedder:
    """The encoder at ``precision`` with its shipped recipe (the graph rewrites it leaves out); texts per call as
    shipped unless ``batch_size`` is given."""
    per_call = {} if batch_size is None else {"batch_size": batch_size}
    return OnnxEmbedder(ensure_onnx(models_dir, bundled_model_path(), precision), bundled_model_path(), precision,
                        threads=threads, disabled_optimizers=UNFUSED[precision], **per_call)


def seed_sentences() -> list[str]:
    """Real news sentences: every line of the bundled seed articles with a few words on it."""
    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        for item in load_file(path, 20_000_000):
            lines += [line.strip() for line in item.fields.text.splitlines() if len(line.split()) >= 4]
    return lines


def test_onnx_fp32_vectors_equal_sentence_transformers(embedder, models_dir):
    texts = ["Who is the Pentagon's chief spokesperson?", "short", "word " * 400,  # longer than 256 pieces
             "Anthropic said Thursday that \u201cvirtually no progress\u201d had been made."]
    fast = onnx(models_dir, "fp32").embed(texts)
    reference = embedder.embed(texts)
    assert fast.shape == reference.shape
    assert np.allclose(fast, reference, atol=1e-4)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("batch_size", [32, 1])  # 32: texts sharing int8 activation scales; 1: each text alone
def test_int8_vectors_are_close_to_fp32_on_real_sentences(embedder, models_dir, batch_size):
    sentences = seed_sentences()
    assert len(sentences) >= 30
    int8 = onnx(models_dir, "int8", batch_size=batch_size).embed(sentences)
    reference = embedder.embed(sentences)
    cosines = (int8 * reference).sum(axis=1)
    assert cosines.min() >= 0.98, sentences[int(cosines.argmin())]
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(int8, reference, atol=1e-4)  # it is another encoder, hence recorded apart


def test_int8_file_is_quantised_and_smaller(models_dir):
    import onnx as onnx_lib

    fp32 = ensure_onnx(models_dir, bundled_model_path(), "fp32")
    int8 = ensure_onnx(models_dir, bundled_model_path(), "int8")
    assert int8.stat().st_size < fp32.stat().st_size / 2
    ops = {node.op_type for node in onnx_lib.load(str(int8)).graph.node}
    assert ops & {"DynamicQuantizeLinear", "MatMulInteger", "DynamicQuantizeMatMul"}


def test_bucket_order_groups_similar_lengths_and_covers_every_index():
    lengths = [5, 200, 7, 180, 6, 190, 8]
    batches = bucket_order(lengths, 3)
    flat = [int(i) for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [sorted(lengths[i] for i in b) for b in batches] == [[180, 190, 200], [6, 7, 8], [5]]


def test_bucketed_batches_come_back_in_input_order(models_dir):
    # long and short texts interleaved, so sorting by length reorders them across batches
    texts = [("long " * (20 + 37 * i) if i % 2 else f"short text number {i}") for i in range(11)]
    encoder = onnx(models_dir, "fp32", batch_size=3)
    together = encoder.embed(texts)
    alone = np.stack([encoder.embed([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


@pytest.mark.parametrize("precision", ["fp32", "int8"])
def test_batches_side_by_side_give_the_vectors_of_batches_one_at_a_time(models_dir, precision):
    # more batches than threads, of different lengths: each thread takes several, finishing out of order
    texts = [("word " * (3 + 29 * (i % 7))) + f"item {i}" for i in range(40)]
    one_at_a_time = onnx(models_dir, precision, batch_size=4, threads=1).embed(texts)
    side_by_side = onnx(models_dir, precision, batch_size=4, threads=3).embed(texts)
    assert np.array_equal(side_by_side, one_at_a_time)  # same batches, same kernels: bit for bit


def test_many_texts_run_one_per_call_so_other_texts_never_move_an_int8_vector(models_dir):
    # an ingest-sized call: int8 activations are scaled per call, so a batch's texts would shift each other's vectors
    texts = [("word " * (3 + 23 * (i % 9))) + f"passage {i}" for i in range(300)]
    encoder = onnx(models_dir, "int8", threads=1)
    many = encoder.embed(texts)
    for i in (0, 1, 150, 299):
        assert np.array_equal(many[i], encoder.embed([texts[i]])[0])  # as if embedded alone, bit for bit


def test_int8_leaves_skip_layer_norm_unfused(models_dir, tmp_path):
    import onnxruntime

    int8 = ensure_onnx(models_dir, bundled_model_path(), "int8")

    def optimised_ops(disabled: list[str]) -> set[str]:
        import onnx as onnx_lib

        options = onnxruntime.SessionOptions()
        options.optimized_model_filepath = str(tmp_path / f"optimised-{len(disabled)}.onnx")
        onnxruntime.InferenceSession(str(int8), options, providers=["CPUExecutionProvider"],
                                     disabled_optimizers=disabled)
        return {node.op_type for node in onnx_lib.load(options.optimized_model_filepath).graph.node}

    assert "SkipLayerNormalization" in optimised_ops([])  # what onnxruntime would do by default
    assert "SkipLayerNormalization" not in optimised_ops(list(UNFUSED["int8"]))  # the name still turns it off
    assert "LayerNormalization" in optimised_ops(list(UNFUSED["int8"]))


def test_onnx_embedder_does_not_import_torch(models_dir):
    onnx_file = ensure_onnx(models_dir, bundled_model_path(), "int8")
    code = (f"import sys; from pathlib import Path; from briefing.ingest.onnx_embed import OnnxEmbedder; "
            f"from briefing.ingest.embed import bundled_model_path; "
            f"OnnxEmbedder(Path({str(onnx_file)!r}), bundled_model_path(), 'x').embed(['hi']); "
            f"print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---- the encoder a Briefing uses, and the store's record of it ------------------------------


def test_int8_setting_uses_one_onnx_encoder_for_ingest_and_questions(home, models_dir):
    b = Briefing(settings=Settings(home=home, models_dir=models_dir, encoder="int8"))
    assert isinstance(b.embedder, OnnxEmbedder) and b.embedder.name == INT8_NAME
    assert b.query_embedder.onnx_file == b.embedder.onnx_file
    assert b.embedder.disabled_optimizers == b.query_embedder.disabled_optimizers == UNFUSED["int8"]
    assert b.query_embedder.name == INT8_NAME
    assert b.prepare_fast_queries() == b.embedder.onnx_file


def test_fp32_setting_uses_the_fp32_export_for_ingest_and_questions(home, models_dir):
    b = Briefing(settings=Settings(home=home, models_dir=models_dir, encoder="fp32"))
    fp32 = ensure_onnx(models_dir, bundled_model_path(), "fp32")
    assert isinstance(b.embedder, OnnxEmbedder) and b.embedder.name == DEFAULT_NAME  # as sentence-transformers
    assert b.embedder.onnx_file == fp32
    fresh = Briefing(settings=Settings(home=home, models_dir=models_dir, encoder="fp32"))
    assert isinstance(fresh.query_embedder, OnnxEmbedder) and fresh.query_embedder.onnx_file == fp32
    assert "embedder" not in fresh.__dict__  # questions never loaded the ingest encoder


def test_fp32_falls_back_to_sentence_transformers_when_the_export_fails(home, tmp_path, monkeypatch):
    import briefing.ingest.onnx_embed as onnx_embed
    from briefing.ingest.embed import SentenceTransformerEmbedder

    def broken(model_dir, target):
        raise RuntimeError("no exporter here")

    monkeypatch.setattr(onnx_embed, "export_onnx", broken)
    b = Briefing(settings=Settings(home=home, models_dir=tmp_path / "empty", encoder="fp32"))
    assert isinstance(b.embedder, SentenceTransformerEmbedder) and b.embedder.name == DEFAULT_NAME
    assert b.query_embedder is b.embedder
    int8 = Briefing(settings=Settings(home=home, models_dir=tmp_path / "empty", encoder="int8"))
    with pytest.raises(ConfigError, match="BRIEFING_ENCODER=fp32"):
        _ = int8.embedder


class OtherFake:
    """Another encoder at the seam: the fake's vectors under another name, negated (so they differ)."""

    def __init__(self, fake, name: str = "other-384") -> None:
        self.fake, self.name = fake, name
        self.tokenizer, self.count_tokens = fake.tokenizer, fake.count_tokens

    def embed(self, texts):
        return -self.fake.embed(texts)


def test_the_store_records_the_encoder_that_made_it(store_settings, fake_embedder, seeds):
    b = Briefing(settings=store_settings, embedder=fake_embedder)
    assert b.store.encoder() is None
    b.ingest(seeds)
    assert b.store.encoder() == fake_embedder.name
    reopened = Briefing(settings=store_settings, embedder=fake_embedder)  # another process would read the same
    assert reopened.store.encoder() == fake_embedder.name


def test_another_encoder_is_refused_for_ingest_and_questions(store_settings, fake_embedder, seeds, tmp_path):
    Briefing(settings=store_settings, embedder=fake_embedder).ingest(seeds)
    other = Briefing(settings=store_settings, embedder=OtherFake(fake_embedder))
    extra = tmp_path / "extra.txt"
    extra.write_text("Title: A new article\n\nSomething else happened on Tuesday in the city.", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        other.ingest([extra])
    assert "BRIEFING_ENCODER" in str(err.value) and "--reembed" in str(err.value)
    assert fake_embedder.name in str(err.value) and "other-384" in str(err.value)
    with pytest.raises(ConfigError, match="BRIEFING_ENCODER"):
        other.retrieve("What did the Pentagon offer Anthropic?")
    assert len(Briefing(settings=store_settings, embedder=fake_embedder).sources()) == 4  # nothing was added


def test_a_store_from_before_the_record_is_taken_as_fp32(home, fake_embedder, seeds, models_dir):
    fake_embedder.name = DEFAULT_NAME  # what wrote every store before encoders were recorded
    legacy = Briefing(settings=Settings(home=home), embedder=fake_embedder)
    legacy.ingest(seeds)
    legacy.store.records.modify(metadata={"other": "x"})  # as an old store: no encoder recorded
    assert legacy.store.encoder() is None
    int8 = Briefing(settings=Settings(home=home, models_dir=models_dir, encoder="int8"))
    with pytest.raises(ConfigError, match="BRIEFING_ENCODER"):
        int8.retrieve("What did the Pentagon offer Anthropic?")
    fp32 = Briefing(settings=Settings(home=home, models_dir=models_dir, encoder="fp32"))
    assert fp32.retrieve("What did the Pentagon offer Anthropic?")


def test_the_default_encoder_is_the_stores_own_and_int8_for_a_new_store(home, tmp_path, fake_embedder, seeds,
                                                                        models_dir):
    """BRIEFING_ENCODER=auto (the default): a new store is made with int8 (2.4x faster ingest, the same recall:
    bench/README); a store fp32 made, or one from before encoders were recorded, keeps fp32; a setting wins."""
    assert Settings().encoder == "auto"
    new = Briefing(settings=Settings(home=home, models_dir=models_dir))
    assert new.embedder.name == new.query_embedder.name == INT8_NAME
    fake_embedder.name = DEFAULT_NAME
    Briefing(settings=Settings(home=tmp_path / "fp32"), embedder=fake_embedder).ingest(seeds)
    made_by_fp32 = Briefing(settings=Settings(home=tmp_path / "fp32", models_dir=models_dir))
    assert made_by_fp32.query_embedder.name == DEFAULT_NAME
    assert made_by_fp32.retrieve("What did the Pentagon offer Anthropic?")  # no encoder mismatch
    legacy = Briefing(settings=Settings(home=tmp_path / "legacy"), embedder=fake_embedder)
    legacy.ingest(seeds)
    legacy.store.records.modify(metadata={"other": "x"})  # as an old store: no encoder recorded
    assert Briefing(settings=Settings(home=tmp_path / "legacy", models_dir=models_dir)).query_embedder.name \
        == DEFAULT_NAME
    fake_embedder.name = INT8_NAME
    Briefing(settings=Settings(home=tmp_path / "int8"), embedder=fake_embedder).ingest(seeds)
    assert Briefing(settings=Settings(home=tmp_path / "int8", models_dir=models_dir)).query_embedder.name == INT8_NAME
    chosen = Briefing(settings=Settings(home=tmp_path / "fp32", models_dir=models_dir, encoder="int8"))
    assert chosen.query_embedder.name == INT8_NAME  # refused at the first search, as any other encoder


def test_a_store_of_the_first_int8_recipe_is_refused(home, fake_embedder, seeds, models_dir):
    first = f"{DEFAULT_NAME} int8"  # batches of 32, SkipLayerNormalization fused: other int8 vectors
    assert INT8_NAME != first
    fake_embedder.name = first
    Briefing(settings=Settings(home=home), embedder=fake_embedder).ingest(seeds)
    int8 = Briefing(settings=Settings(home=home, models_dir=models_dir, encoder="int8"))
    with pytest.raises(ConfigError, match="BRIEFING_ENCODER") as err:
        int8.retrieve("What did the Pentagon offer Anthropic?")
    assert first in str(err.value) and INT8_NAME in str(err.value)


def test_reembed_replaces_every_vector_with_the_new_encoder(store_settings, fake_embedder, seeds):
    first = Briefing(settings=store_settings, embedder=fake_embedder)
    first.ingest(seeds)
    before = {p.passage_id: p.text for p in first.store.all_passages()}
    other = OtherFake(fake_embedder)
    b = Briefing(settings=store_settings, embedder=other)
    report = b.reembed()
    assert len(report.updated) == 4 and not report.failed
    assert b.store.encoder() == "other-384"
    after = b.store.all_passages()
    assert sorted(p.text for p in after) == sorted(before.values())  # the same passages, new ids (new hash)
    assert not set(before) & {p.passage_id for p in after}
    stored = b.store.vectors([p.passage_id for p in after])
    titles = {a.article_id: a.title for a in b.sources()}
    for p in after:
        expected = other.embed([f"{titles[p.article_id]}\n{p.text}"])[0]
        assert np.allclose(stored[p.passage_id], expected, atol=1e-6)
    assert b.store.count_passages() == len(after)  # no vector of the old encoder is left
    assert len(b.reembed().unchanged) == 4  # a second run has nothing to do
    assert len(b.ingest(seeds).unchanged) == 4  # the files hash as the re-embedded records do
    assert b.retrieve("What did the Pentagon offer Anthropic?")


def test_cli_reembed_after_switching_encoders(tmp_path, models_dir):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "OPENAI_"))}
    env |= {"BRIEFING_HOME": str(tmp_path / "home"), "BRIEFING_MODELS_DIR": str(models_dir)}
    exe = str(Path(sys.executable).parent / "briefing")

    def run(*args, encoder):
        return subprocess.run([exe, *args], env={**env, "BRIEFING_ENCODER": encoder}, capture_output=True,
                              text=True, timeout=300)

    assert run("ingest", str(SEEDS), encoder="fp32").returncode == 0
    refused = run("ask", "What did the Pentagon offer Anthropic?", encoder="int8")
    assert refused.returncode == 2 and "BRIEFING_ENCODER" in refused.stderr
    redone = run("ingest", "--reembed", encoder="int8")
    assert redone.returncode == 0, redone.stderr
    assert "re-embedded 4 articles" in redone.stderr
    asked = run("ask", "What did the Pentagon offer Anthropic?", "--json", encoder="int8")
    assert asked.returncode == 0, asked.stderr
    assert run("ask", "What did the Pentagon offer Anthropic?", encoder="fp32").returncode == 2


def test_one_session_of_one_thread_serves_a_question_and_an_answers_sentences(models_dir, monkeypatch):
    # each session a cold `briefing ask` opens costs it ~0.1 s; calls run side by side, one thread each
    import onnxruntime

    opened = []
    real = onnxruntime.InferenceSession

    def opening(path, options, **kwargs):
        opened.append(options.intra_op_num_threads)
        return real(path, options, **kwargs)

    encoder = onnx(models_dir, "int8", threads=2)
    encoder.rewritten_graph()  # saved once per models folder (the test below), not once per process
    monkeypatch.setattr(onnxruntime, "InferenceSession", opening)
    encoder.embed(["a question about the deal"])
    encoder.embed(["a question about the deal", "a sentence that may answer it"])  # an answer's candidates
    assert opened == [1]


@pytest.mark.parametrize("precision", ["int8", "fp32"])
def test_sessions_start_from_the_saved_rewritten_graph_with_the_vectors_of_the_export(models_dir, tmp_path,
                                                                                      precision):
    """A cold `briefing ask` builds its session from the graph onnxruntime's rewrites left, saved once beside the
    export: the vectors are those of a session built from the export itself, bit for bit."""
    import onnxruntime

    folder = tmp_path / "onnx"
    folder.mkdir()
    export = folder / ensure_onnx(models_dir, bundled_model_path(), precision).name
    export.write_bytes(ensure_onnx(models_dir, bundled_model_path(), precision).read_bytes())
    texts = seed_sentences()[:40] + ["Who is the Pentagon's chief spokesperson?"]

    def encoder() -> OnnxEmbedder:
        return OnnxEmbedder(export, bundled_model_path(), precision, disabled_optimizers=UNFUSED[precision])

    first = encoder()
    vectors = first.embed(texts)
    others = [p for p in folder.iterdir() if p != export]
    assert len(others) == 1 and others[0].suffix == ".onnx"  # the rewritten graph, and no scratch file left
    rewritten = others[0]
    assert first.rewritten_graph() == rewritten and rewritten.stat().st_size > 1_000_000
    when = rewritten.stat().st_mtime_ns
    assert np.array_equal(encoder().embed(texts), vectors)  # a later process reads it again ...
    assert rewritten.stat().st_mtime_ns == when  # ... without writing it again

    plain = encoder()  # the session every process built before: the export, rewritten in memory
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    plain.__dict__["session"] = onnxruntime.InferenceSession(str(export), options, providers=["CPUExecutionProvider"],
                                                             disabled_optimizers=list(UNFUSED[precision]))
    assert np.array_equal(plain.embed(texts), vectors)


def test_a_models_folder_that_cannot_be_written_serves_the_export_itself(models_dir, tmp_path, monkeypatch):
    import briefing.ingest.onnx_embed as onnx_embed

    folder = tmp_path / "onnx"
    folder.mkdir()
    export = folder / "model-int8.onnx"
    export.write_bytes(ensure_onnx(models_dir, bundled_model_path(), "int8").read_bytes())
    # as for a user without write access (the tests run as root, who has it everywhere)
    monkeypatch.setattr(onnx_embed.os, "access", lambda path, mode: Path(path) != folder)
    encoder = OnnxEmbedder(export, bundled_model_path(), "int8", disabled_optimizers=UNFUSED["int8"])
    assert encoder.rewritten_graph() == export
    assert encoder.embed(["a question"]).shape == (1, 384)
    assert [p.name for p in folder.iterdir()] == [export.name]


def test_an_answers_sentences_get_the_vectors_they_get_alone(models_dir):
    # an answerer's call: the question and a few dozen sentences of mixed length; int8 activations are scaled per call,
    # so sentences sharing a call would shift each other's vectors
    texts = ["Which app has soared in popularity?"] + [("word " * (2 + 5 * (i % 6))) + f"sentence {i}"
                                                        for i in range(40)]
    encoder = onnx(models_dir, "int8", threads=2)
    together = encoder.embed(texts)
    for i in (0, 1, 20, 40):
        assert np.array_equal(together[i], encoder.embed([texts[i]])[0])


def test_texts_with_their_ids_give_the_vectors_of_the_texts(models_dir):
    """Ingest hands the encoder each passage's ids (``TokenizedText``): the vectors are bit for bit those of the
    texts tokenized by the encoder, one batch at a time and side by side."""
    from briefing.ingest.onnx_embed import TokenizedText

    texts = [f"Seed\n{sentence}" for sentence in seed_sentences()]
    texts = (texts * (1 + 300 // len(texts)))[:300]  # enough to run side by side
    for precision in ("int8", "fp32"):
        model = onnx(models_dir, precision, threads=2)
        tokenized = [TokenizedText(text, model.tokenizer(text)) for text in texts]
        for call in (texts[:40], texts):
            assert np.array_equal(model.embed(tokenized[: len(call)]), model.embed(call))

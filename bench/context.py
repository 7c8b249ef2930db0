"""Answer recall by k and at equal tokens of context: project retrieval, passage windows, the naive pipeline.

    .venv/bin/python bench/context.py --home DIR [--naive-dir /tmp/bench-f/naive] [--json]
    .venv/bin/python bench/context.py --seeds --home DIR    # the seed gold sets over data/seeds, project rows only

Rows, all measured in this one run on the 65 RealTimeQA 2025 questions, with and without ``until=date``:

- project hybrid (the default retrieval) and project dense, passages as retrieved;
- project hybrid with *windows* at answer time: each passage widened to its article's previous and
  next passage (``±1``), or preceded by its article's lede (the first ``LEDE_TOKENS`` word pieces);
- the naive LlamaIndex pipeline (``bench/naive.py``: 1024/128 chunks, same MiniLM encoder).

Two measures: **R@k** (answer string in one of the first k retrieved units, k = 1, 5, 10: a naive
chunk holds ~5x the text of a project passage) and **R@N tokens** (answer string in the context made
of the retrieved units in rank order until N word pieces of all-MiniLM-L6-v2 are used, the last unit
cut at the budget; text already in the context -- the overlap of neighbouring passages of one article
-- is not counted twice, and touching spans of one article are joined before the answer is looked
for). Mean tokens of context at k=5 are printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

from common import word_pieces
from rtqa import DEFAULT_HOME, answer_in, rtqa_briefing  # noqa: I001 - rtqa puts the repo on sys.path

KS = (1, 5, 10)
BUDGETS = (512, 1024, 2048, 5120)
LEDE_TOKENS = 64
PROJECT_DEPTH = 30  # passages retrieved per question (the retriever keeps at most 30 stories)
NAIVE_DEPTH = 10


def subtract(span: tuple[int, int], covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``span`` not inside any of ``covered`` (character offsets)."""
    parts = [span]
    for cs, ce in covered:
        nxt = []
        for s, e in parts:
            if ce <= s or cs >= e:
                nxt.append((s, e))
                continue
            if s < cs:
                nxt.append((s, cs))
            if ce < e:
                nxt.append((ce, e))
        parts = nxt
    return [(s, e) for s, e in parts if e > s]


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def fill_budget(pieces, docs: dict[str, str], budget: int | None, count, cut) -> tuple[list[str], int]:
    """Context texts from ``pieces`` = [(doc key, start, end)] in rank order within ``budget`` word pieces.

    ``count(text)`` gives a text's word pieces, ``cut(text, n)`` the prefix holding its first n. Returns
    the joined spans' texts and the tokens used.
    """
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    used = 0
    for key, start, end in pieces:
        text = docs[key]
        for s, e in subtract((start, end), covered[key]):
            n = count(text[s:e])
            if budget is not None and used + n > budget:
                keep = cut(text[s:e], budget - used)
                if keep:
                    covered[key].append((s, s + len(keep)))
                used = budget
                return [docs[k][s:e] for k, spans in covered.items() for s, e in merge(spans)], used
            covered[key].append((s, e))
            used += n
    return [docs[k][s:e] for k, spans in covered.items() for s, e in merge(spans)], used


def answered(item: dict, texts: list[str]) -> bool:
    """RealTimeQA: the answer string occurs; seed gold: every fact has one of its wordings in the context."""
    if "answer" in item:
        return answer_in(item["answer"], texts)
    return all(any(answer_in(wording, texts) for wording in fact) for fact in item["facts"])


def seed_briefing(home: Path):
    """The four seed articles in their own store under ``home``; the answerable seed gold items (dev + holdout)."""
    from common import REPO, read_jsonl

    from briefing import Briefing, Settings

    b = Briefing(settings=Settings(home=home, openai_base_url=None, openai_api_key=None))
    b.ingest([REPO / "data" / "seeds"])
    gold = REPO / "eval" / "gold"
    items = [row for name in ("seeds.jsonl", "seeds_holdout.jsonl") for row in read_jsonl(gold / name)]
    return b, [row for row in items if not row.get("expect_abstain") and row.get("facts")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", type=Path, default=DEFAULT_HOME)
    ap.add_argument("--naive-dir", type=Path, default=Path("/tmp/bench-f/naive"))
    ap.add_argument("--seeds", action="store_true",
                    help="the seed gold sets (eval/gold/seeds*.jsonl over data/seeds) instead: project rows only")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from naive import NaivePipeline

    if args.seeds:
        b, questions = seed_briefing(args.home)
    else:
        b, questions = rtqa_briefing(args.home)
    retriever = b.retriever
    embedder = b.embedder
    embedder.embed(["warm-up"])
    tok = word_pieces()

    def count(text: str) -> int:
        return len(tok.encode(text, add_special_tokens=False).ids)

    def cut(text: str, n: int) -> str:
        if n <= 0:
            return ""
        offsets = tok.encode(text, add_special_tokens=False).offsets
        return text if n >= len(offsets) else text[: offsets[n - 1][1]]

    articles = {a.article_id: a for a in b.store.articles(with_text=True)}
    docs = {aid: a.text or "" for aid, a in articles.items()}
    by_article = defaultdict(list)
    for p in b.store.all_passages():
        by_article[p.article_id].append(p)
    neighbours = {}
    for plist in by_article.values():
        plist.sort(key=lambda p: p.start)
        for i, p in enumerate(plist):
            prev = plist[i - 1] if i else p
            nxt = plist[i + 1] if i + 1 < len(plist) else p
            neighbours[p.passage_id] = (prev.start, nxt.end)
    lede_end = {aid: len(cut(text, LEDE_TOKENS)) for aid, text in docs.items()}

    def pieces(passages, window: str):
        out = []
        for p in passages:
            if window == "±1":
                out.append((p.article_id, *neighbours.get(p.passage_id, (p.start, p.end))))
            elif window == "lede":
                out.append((p.article_id, 0, lede_end[p.article_id]))
                out.append((p.article_id, p.start, p.end))
            else:
                out.append((p.article_id, p.start, p.end))
        return out

    naive = None if args.seeds else NaivePipeline(args.naive_dir, embedder)
    systems = [("project hybrid", "hybrid", "none"), ("project hybrid ±1 window", "hybrid", "±1"),
               ("project hybrid + lede", "hybrid", "lede"), ("project dense", "dense", "none"),
               ("naive LlamaIndex 1024/128", "naive", "none")]
    if naive is None:
        systems = [s for s in systems if s[1] != "naive"]
    rows = []
    for until in ((False,) if args.seeds else (False, True)):
        runs = {}
        for q in questions:
            date = q["date"] if until else None
            runs.setdefault("hybrid", []).append(retriever.retrieve(q["question"], k=PROJECT_DEPTH, until=date))
            runs.setdefault("dense", []).append(
                retriever.retrieve(q["question"], k=PROJECT_DEPTH, until=date, mode="dense"))
            if naive is not None:
                runs.setdefault("naive", []).append(naive.retrieve(q["question"], NAIVE_DEPTH, until=date))
        for name, source, window in systems:
            hits = {f"R@{k}": 0 for k in KS} | {f"R@{n} tok": 0 for n in BUDGETS}
            tokens_at_5 = 0
            for q, got in zip(questions, runs[source], strict=True):
                if source == "naive":
                    chunk_docs = {f"c{i}": t for i, t in enumerate(got)}
                    unit_pieces = [(f"c{i}", 0, len(t)) for i, t in enumerate(got)]
                    docs_for = chunk_docs
                else:
                    unit_pieces = pieces(got, window)
                    docs_for = docs
                per_unit = 2 if window == "lede" else 1
                for k in KS:
                    texts, _ = fill_budget(unit_pieces[: k * per_unit], docs_for, None, count, cut)
                    hits[f"R@{k}"] += answered(q, texts)
                    if k == 5:
                        tokens_at_5 += sum(count(t) for t in texts)
                for n in BUDGETS:
                    texts, _ = fill_budget(unit_pieces, docs_for, n, count, cut)
                    hits[f"R@{n} tok"] += answered(q, texts)
            total = len(questions)
            rows.append({"system": name, "until": until, **{k: v / total for k, v in hits.items()},
                         "tokens@5": tokens_at_5 / total})

    if args.json:
        print(json.dumps({"rows": rows, "naive_chunks": naive and naive.chunks, "load": os.getloadavg()}, indent=2))
        return 0
    print(f"{'seed gold sets' if args.seeds else 'RealTimeQA 2025'}: {len(questions)} questions; project store "
          f"{b.store.count_passages()} passages" + (f"; naive {naive.chunks} chunks" if naive else ""))
    cols = [f"R@{k}" for k in KS] + [f"R@{n} tok" for n in BUDGETS]
    print(f"{'system':<28}{'until':<6}" + "".join(f"{c:>11}" for c in cols) + f"{'tok@5':>8}")
    for r in rows:
        print(f"{r['system']:<28}{'yes' if r['until'] else 'no':<6}" + "".join(f"{r[c]:>11.3f}" for c in cols)
              + f"{r['tokens@5']:>8.0f}")
    print("tok@5: mean MiniLM word pieces in the context of the first 5 units (passages, windows or chunks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

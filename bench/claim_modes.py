"""Quotes copied by the model vs sentence ids: output tokens, latency and verified-claim rate, local model.

    .venv/bin/python bench/claim_modes.py [--home DIR] [--limit 10] [--llm local|openai]

The same evidence sentences are shown both ways (``prompts/claims.md``: numbered, the model cites ids and the
quote is taken from the source; ``prompts/claims_quotes.md``: unnumbered, the model copies its quote). Asked:
the first ``--limit`` answerable questions of the dev gold set, over the seed articles. A claim is verified when
the verifier keeps it; a quote is verbatim when it is a span of the passage it names (quotes and whitespace
normalised).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing import Briefing, Settings  # noqa: E402
from briefing.answering.draft import Draft, DraftClaim  # noqa: E402
from briefing.answering.openai_backend import MAX_CLAIMS, claims_schema, to_structured_draft  # noqa: E402
from briefing.answering.verify import _norm, verify  # noqa: E402
from briefing.data import seeds_dir  # noqa: E402
from briefing.errors import LLMError  # noqa: E402
from briefing.prompts import render_messages  # noqa: E402

QUOTES_SCHEMA = {"type": "object", "required": ["claims"], "properties": {"claims": {
    "type": "array", "maxItems": MAX_CLAIMS, "items": {"type": "object", "required": ["text", "source", "quote"],
                                                       "properties": {"text": {"type": "string"},
                                                                      "source": {"type": "integer"},
                                                                      "quote": {"type": "string"}}}}}}


def quoted_draft(text: str, n_passages: int) -> tuple[Draft, int, int]:
    """(draft, quotes given, quotes that name a real source) from a quotes-mode reply."""
    items = json.loads(text)["claims"]
    claims = []
    for item in items:
        n = item.get("source")
        ok = isinstance(n, int) and 1 <= n <= n_passages
        body = " ".join(str(item.get("text", "")).split())
        claims.append(DraftClaim(f"{body} [{n}]" if ok else body, {n: item.get("quote", "")} if ok else {}))
    return Draft(claims), len(items), sum(isinstance(i.get("source"), int) for i in items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default=None)
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--llm", default="local", choices=["local", "openai"])
    args = parser.parse_args()
    home = Path(args.home or tempfile.mkdtemp(prefix="claim-modes-"))
    b = Briefing(settings=Settings(home=home))
    b.ingest([seeds_dir()])
    gold = [json.loads(line) for line in (files("briefing.eval") / "gold" / "seeds.jsonl").read_text().splitlines()]
    questions = [g["question"] for g in gold if not g["expect_abstain"]][: args.limit]
    backend = b.chain.backend(args.llm)
    rows = {"ids": [], "quotes": []}
    for q in questions:
        passages = b.retrieve(q, k=8)
        messages = backend.claims_messages(q, passages)
        evidence = backend.last_evidence
        for mode in ("ids", "quotes"):
            if mode == "ids":
                msgs, schema = messages, claims_schema()
            else:
                msgs = render_messages("claims_quotes", question=q, max_claims=MAX_CLAIMS, evidence=evidence)
                schema = QUOTES_SCHEMA
            fmt = {"type": "json_schema", "json_schema": {"name": "claims", "schema": schema, "strict": True}}
            t0 = time.perf_counter()
            try:
                response = backend._create(msgs, None, stream=False, response_format=fmt)
            except LLMError as exc:
                print(f"{mode:6} {exc}", flush=True)
                continue
            seconds = time.perf_counter() - t0
            text = response.choices[0].message.content
            tokens = getattr(response.usage, "completion_tokens", None)
            if mode == "ids":
                draft = to_structured_draft(text, evidence)
                verbatim = len(draft.claims)
            else:
                draft, _, _ = quoted_draft(text, len(passages))
                verbatim = sum(any(_norm(qt) in _norm(passages[n - 1].text) for n, qt in c.quotes.items() if qt)
                               for c in draft.claims)
            answer = verify(q, draft, passages, args.llm, embedder=b.query_embedder)
            rows[mode].append({"seconds": seconds, "tokens": tokens or 0, "drafted": len(draft.claims),
                               "verified": len(answer.claims), "verbatim": verbatim})
            print(f"{mode:6} {seconds:6.1f} s {tokens or 0:4} tokens {len(draft.claims)} drafted "
                  f"{len(answer.claims)} verified {verbatim} verbatim  {q[:60]}", flush=True)
    print(f"\n{len(questions)} questions, {args.llm}")
    for mode, r in rows.items():
        if not r:
            continue
        drafted = sum(x["drafted"] for x in r)
        print(f"{mode:6}: output tokens p50 {statistics.median(x['tokens'] for x in r):.0f}, "
              f"latency p50 {statistics.median(x['seconds'] for x in r):.1f} s, "
              f"verified {sum(x['verified'] for x in r)}/{drafted} claims, "
              f"verbatim quotes {sum(x['verbatim'] for x in r)}/{drafted}")


if __name__ == "__main__":
    main()

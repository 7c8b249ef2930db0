"""`make run`'s first step: ingest the bundled sample corpus when the store is empty."""

from __future__ import annotations

import sys

from briefing.api import Briefing
from briefing.commands import export_for_fast_queries
from briefing.data import seeds_dir

SEEDS = seeds_dir()


def main() -> int:
    b = Briefing()
    if b.sources():
        print(f"store at {b.settings.chroma_url or b.settings.home_dir}: {len(b.sources())} articles; not re-seeding")
        return 0
    report = b.ingest([SEEDS])
    print(f"ingested the sample corpus {SEEDS}: {report.summary()}")
    export_for_fast_queries(b)
    for path, reason in report.failed:
        print(f"  failed: {path}: {reason}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())

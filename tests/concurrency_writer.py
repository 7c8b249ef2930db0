"""A second process writing into a BRIEFING_HOME that a chat is serving (run by tests/test_concurrency.py).

Each round writes one new article carrying a unique word, ingests it, then deletes the previous
round's article; every step is printed as a JSON line with the time it finished, so the test can
tell which articles were live when each of its questions started.

    python tests/concurrency_writer.py ROUNDS FOLDER [api|cli]

``api`` keeps one ``Briefing`` (a Python API user); ``cli`` runs `briefing ingest` / `briefing delete`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

BRIEFING = str(Path(sys.executable).parent / "briefing")  # the console script of this very environment


def article(word: str, n: int) -> str:
    return (f"Harbour Gazette\nMarch {n % 28 + 1}, 2026\n\n"
            f"The {word} council approves a floating library\n\n"
            f"The {word} council voted on Tuesday to build a floating library in the old harbour. "
            f"Council chair Ada Lindqvist said the {word} library would open next spring with 4,000 books. "
            f"Critics of the {word} plan said the harbour floods every winter.\n")


def emit(**event) -> None:
    print(json.dumps(event | {"t": time.time()}), flush=True)


def main(rounds: int, folder: Path, mode: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    b = None
    if mode == "api":
        from briefing import Briefing

        b = Briefing()
    previous = None
    for n in range(rounds):
        word = f"zorbl{n:03d}x"
        path = folder / f"{word}.txt"
        path.write_text(article(word, n), encoding="utf-8")
        if b is not None:
            report = b.ingest([path])
            ok = report.ok and len(report.added) == 1
            article_id = next(a.article_id for a in b.sources() if word in a.title) if ok else None
        else:
            run = subprocess.run([BRIEFING, "ingest", "--json", str(path)], capture_output=True, text=True)
            ok = run.returncode == 0
            listed = subprocess.run([BRIEFING, "sources", "--json"], capture_output=True, text=True).stdout
            article_id = next((a["article_id"] for a in json.loads(listed) if word in a["title"]), None)
        emit(event="added", round=n, word=word, article_id=article_id, ok=ok)
        if previous is not None:
            if b is not None:
                b.delete(previous[1])
                ok = True
            else:
                ok = subprocess.run([BRIEFING, "delete", previous[1]], capture_output=True).returncode == 0
            emit(event="deleted", round=n - 1, word=previous[0], article_id=previous[1], ok=ok)
        previous = (word, article_id)
    emit(event="done")


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "api")

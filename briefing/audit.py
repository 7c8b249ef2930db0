"""The audit trail: one JSON line per question answered, appended under BRIEFING_HOME."""

from __future__ import annotations

import fcntl
import json
from datetime import UTC, datetime
from pathlib import Path

from briefing.types import Answer


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, answer: Answer, filters: dict, k: int) -> None:
        """Append what the user asked, what they were told, and from which sources."""
        entry = {
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "question": answer.question,
            "standalone_question": answer.standalone_question,
            "filters": filters,
            "k": k,
            "backend": answer.backend,
            "fallback_reason": answer.fallback_reason,
            "abstained": answer.abstained,
            "answer": answer.answer,
            "as_of": answer.as_of,
            "citations": [
                {k: c.to_dict()[k] for k in ("n", "article_id", "passage_id", "outlet", "published", "quote")}
                for c in answer.citations
            ],
            "removed": answer.removed,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self.path.open("a", encoding="utf-8") as f:
            fcntl.flock(f, fcntl.LOCK_EX)  # several chat users may answer at once
            f.write(line)
            fcntl.flock(f, fcntl.LOCK_UN)

    def entries(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]

"""Prompt files (``prompts/NAME.md``, package data of ``briefing.prompts``) loaded by name and rendered
with jinja2, strictly.

A file is a chat: ``## system`` / ``## user`` headings on their own lines start each message. The
template is split on those headings *before* rendering, so text substituted into a message (an
article, a question) can never open a message of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from briefing.errors import ConfigError

_ROLE = re.compile(r"^## (system|user|assistant)[ \t]*$", re.M)


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, StrictUndefined

    return Environment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)


@lru_cache(maxsize=16)
def _template(name: str) -> tuple[tuple[str, object], ...]:
    path = files(__name__) / f"{name}.md"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"prompt file {path} cannot be read: {exc.strerror or exc}") from None
    cuts = list(_ROLE.finditer(source))
    if not cuts:
        raise ConfigError(f"prompt file {path} has no '## system' or '## user' heading")
    parts = []
    for i, m in enumerate(cuts):
        body = source[m.end() : cuts[i + 1].start() if i + 1 < len(cuts) else len(source)]
        parts.append((m.group(1), _env().from_string(body.strip("\n"))))
    return tuple(parts)


def render_messages(name: str, **variables) -> list[dict[str, str]]:
    """The chat messages of ``prompts/NAME.md``; a variable the template uses but is not given raises."""
    from jinja2 import UndefinedError

    try:
        return [{"role": role, "content": tpl.render(**variables).strip()} for role, tpl in _template(name)]
    except UndefinedError as exc:
        raise ConfigError(f"prompt {name!r}: {exc.message}") from None

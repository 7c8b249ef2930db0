"""E-mail newsletters, one message (.eml) or a mailbox (.mbox), with the standard library's ``email``.

Each message is an article: the subject its title, the list's name (List-Id) or else the sender's
display name its outlet, the Date header its publication date (the day in the sender's time zone),
an RFC 5064 Archived-At link its URL. The HTML part goes through trafilatura; plain text otherwise.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses

from briefing.errors import IngestError
from briefing.ingest.fields import ArticleFields, html_body_text, read_part
from briefing.ingest.metadata import clean_inline, clean_text, parse_published

_LIST_ID = re.compile(r'^\s*"?([^"<]*?)"?\s*<[^>]+>\s*$')
# mbox: each message starts with a "From " line at the start of the file or after a blank line.
_MBOX_SEPARATOR = re.compile(rb"(?:\A|\n\n|\r\n\r\n)(?=From [^\n]*\n)")


def _outlet(msg: EmailMessage) -> str | None:
    """The mailing list's name (List-Id: "Morning Brief <brief.example.com>"), else the sender's display name."""
    list_id = str(msg.get("List-Id") or "")
    if (m := _LIST_ID.match(list_id)) and m[1].strip():
        return clean_inline(m[1])
    sender = msg.get("From")
    if sender is not None:
        addresses = getattr(sender, "addresses", None) or ()
        for address in addresses:
            if isinstance(address, Address) and address.display_name:
                return clean_inline(address.display_name)
        for name, _ in getaddresses([str(sender)]):
            if name:
                return clean_inline(name)
    return None


def _published(msg: EmailMessage) -> str | None:
    date = msg.get("Date")
    stated = getattr(date, "datetime", None)  # already parsed by the default policy, in its own time zone
    return stated.date().isoformat() if stated else parse_published(str(date) if date else None)


def _body(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("html", "plain"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset or a broken transfer encoding
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    if not isinstance(content, str):
        return ""
    return html_body_text(content) if part.get_content_subtype() == "html" else clean_text(content)


def message_fields(msg: EmailMessage, label: str) -> ArticleFields:
    """One message as an article."""
    text = _body(msg)
    if not text:
        raise IngestError(label, "e-mail with no text or HTML body")
    archived = str(msg.get("Archived-At") or "").strip().strip("<>")
    return ArticleFields(
        text=text,
        title=clean_inline(str(msg.get("Subject") or "")),
        outlet=_outlet(msg),
        published=_published(msg),
        url=archived if archived.startswith("http") else None,
    )


def _parse(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def read_eml(data: bytes, label: str) -> list[ArticleFields]:
    """One e-mail message."""
    msg = _parse(data)
    if not msg.keys():
        raise IngestError(label, "not an e-mail message (no headers)")
    return [message_fields(msg, label)]


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox file, each without its "From " separator line (mboxrd ">From " unquoted)."""
    chunks = [c for c in _MBOX_SEPARATOR.split(data) if c.strip()]
    messages = []
    for chunk in chunks:
        if not chunk.startswith(b"From "):
            continue  # text before the first separator is not a message
        body = chunk.split(b"\n", 1)[1] if b"\n" in chunk else b""
        messages.append(re.sub(rb"(?m)^>(>*From )", rb"\1", body))
    return messages


def read_mbox(data: bytes, label: str) -> list[ArticleFields | IngestError]:
    """Every message of an mbox mailbox; a message without a body fails alone."""
    messages = split_mbox(data)
    if not messages:
        raise IngestError(label, 'not an mbox mailbox (no "From " line starting a message)')
    return [read_part(lambda raw, where: message_fields(_parse(raw), where), raw, label, f"#{n}")
            for n, raw in enumerate(messages, start=1)]

"""Mask evidence so that no output, log or ledger ever holds a raw personal value.

At most four ninths of a value stay visible, never more than 4 leading and 4 trailing characters,
and a masked value can no longer pass the validator it came from (the masked digits break the
pattern), so a report scanned by this tool finds nothing.
"""

from __future__ import annotations

MASK = "*"


def _keep(length: int) -> tuple[int, int]:
    """How many leading and trailing characters stay visible."""
    if length <= 2:
        return (1 if length == 2 else 0), 0
    if length <= 6:
        return 1, 1 if length >= 5 else 0
    visible = min(8, length * 4 // 9)
    head = min(4, (visible + 1) // 2)
    return head, min(4, visible - head)


def mask(value: str, entity: str | None = None) -> str:
    """Mask one value, keeping a shape a data officer can recognise (``1101**********123X``)."""
    value = value.strip()
    if entity == "EMAIL_ADDRESS" and "@" in value:
        local, _, domain = value.rpartition("@")
        return (local[:1] + MASK * 3 if local else MASK) + "@" + _mask_domain(domain)
    if entity in ("PERSON", "LOCATION"):
        return _mask_words(value)
    head, tail = _keep(len(value))
    middle = len(value) - head - tail
    return value[:head] + MASK * middle + (value[len(value) - tail :] if tail else "")


def _mask_domain(domain: str) -> str:
    labels = domain.split(".")
    if len(labels) < 2:
        return MASK * len(domain)
    return ".".join([labels[0][:1] + MASK * max(1, len(labels[0]) - 1), *labels[1:]])


def _mask_words(value: str) -> str:
    """Names and addresses: keep the first character of each word (one Han character per value)."""
    if any("\u3400" <= ch <= "\u9fff" for ch in value):
        keep = 1 if len(value) <= 4 else min(3, len(value) // 4)
        return value[:keep] + MASK * (len(value) - keep)
    return " ".join(word[:1] + MASK * (len(word) - 1) for word in value.split())

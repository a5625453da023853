"""Pseudonym columns: hashes, HMACs, base64 and tokens of identifiers are de-identified, still personal."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

import pyarrow as pa
import pytest

from compliance.anonymity.pseudonyms import pseudonym

IDS = [f"11010519{80 + i % 20:02d}0{1 + i % 9}{10 + i % 18:02d}{i % 1000:03d}{i % 10}" for i in range(200)]
KEY = b"processor-secret"


def _column(values):
    return pa.array(values, type=pa.string())


TOKENS = {
    "sha256": ([hashlib.sha256(v.encode()).hexdigest() for v in IDS], "hex", 64),
    "md5": ([hashlib.md5(v.encode()).hexdigest() for v in IDS], "hex", 32),
    "hmac-sha256 upper": ([hmac.new(KEY, v.encode(), "sha256").hexdigest().upper() for v in IDS], "hex", 64),
    "base64 of sha256": ([base64.b64encode(hashlib.sha256(v.encode()).digest()).decode() for v in IDS], "base64", 44),
    "urlsafe base64 hmac": (
        [base64.urlsafe_b64encode(hmac.new(KEY, v.encode(), "sha1").digest()).decode() for v in IDS],
        "base64",
        28,
    ),
    "uuid": ([str(uuid.uuid5(uuid.NAMESPACE_OID, v)) for v in IDS], "uuid", 36),
    "prefix kept + hex": ([v[:6] + "_" + hashlib.sha1(v.encode()).hexdigest()[:16] for v in IDS], "prefixed-token", 23),
    "tok_ + base64": (
        ["tok_" + base64.b64encode(hashlib.md5(v.encode()).digest()).decode()[:22] for v in IDS],
        "prefixed-token",
        26,
    ),
}


@pytest.mark.parametrize("name", sorted(TOKENS))
def test_tokens_are_pseudonyms(name):
    values, kind, length = TOKENS[name]
    found = pseudonym("key", _column(values))
    assert found is not None, name
    assert (found.kind, found.length) == (kind, length)
    assert "de-identified, still personal" in found.why


def test_repeated_tokens_of_the_same_people_still_count():
    values = [hashlib.sha256(v.encode()).hexdigest() for v in IDS[:100]] * 2  # each person twice
    assert pseudonym("key", _column(values)) is not None


NOT_TOKENS = {
    "names": ["张伟", "王芳", "李娜", "刘洋"] * 50,
    "amounts": [f"{i * 3.5:.2f}" for i in range(200)],
    "dates": [f"2024-01-{1 + i % 28:02d}" for i in range(200)],
    "words": [f"department of {w} studies" for w in ["history", "physics", "chemistry", "biology"] * 50],
    "low uniqueness hex": [hashlib.sha256(str(i % 10).encode()).hexdigest() for i in range(200)],
    "long lowercase words": [f"internationalisation{chr(97 + i % 26)}" for i in range(200)],
    "mixed lengths": [hashlib.sha256(v.encode()).hexdigest()[: 10 + i % 50] for i, v in enumerate(IDS)],
}


@pytest.mark.parametrize("name", sorted(NOT_TOKENS))
def test_other_columns_are_not_pseudonyms(name):
    assert pseudonym("col", _column(NOT_TOKENS[name])) is None


def test_too_few_values_say_nothing():
    assert pseudonym("key", _column([hashlib.sha256(b"x").hexdigest(), None, None])) is None

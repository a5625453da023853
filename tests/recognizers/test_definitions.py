"""The plain recognizer definitions: the Presidio recognizers built from them and the Presidio-free
matcher agree on every text, the copy of Presidio's built-in data equals the installed Presidio, the
public-suffix check equals tldextract, and a plain scan imports none of Presidio, spaCy, tldextract."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import tldextract
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
)
from presidio_analyzer.predefined_recognizers.generic.iban_patterns import regex_per_country

from compliance.detect.recognizers import CHINA_DEFINITIONS, CnMobileRecognizer, CnPatternRecognizer, entity_specs
from compliance.detect.recognizers import _presidio_data as copied
from compliance.detect.recognizers.public_suffix import has_fqdn, public_suffix_trie, snapshot_path

SPECS = {spec.entity: spec for spec in entity_specs()}
EXAMPLES = {
    "CN_RESIDENT_ID": ["11010519491231002X", "110105 19491231 002X", "110105491231002", "11010519491231002Y"],
    "CN_MOBILE": ["13800138000", "+86 138-0013-8000", "12800138000", "13800138000,13900139000"],
    "CN_BANK_CARD": ["6222021234567890128", "6225880123456789", "4111111111111111"],
    "CN_PASSPORT": ["E12345678", "G12345678", "D1234567", "E00000000"],
    "CN_HMT_PERMIT": ["C12345678", "H1234567890", "M12345678", "12345678"],
    "CN_LICENSE_PLATE": ["京A12345", "沪AD12345", "粤B·12345", "京A1234"],
    "CN_USCC": ["91110000600037341L", "911100006000373411", "91110000600037341M"],
    "EMAIL_ADDRESS": ["zhang.san@example.com", "a@b.co.uk", "x@localhost", "u@foo.ck", "u@www.ck", "a@xn--fiqs8s"],
    "IP_ADDRESS": ["192.168.1.20", "10.0.0.1/24", "::1", "fe80::1%eth0", "::ffff:1.2.3.4", "999.1.1.1", "::"],
    "CREDIT_CARD": ["4111111111111111", "4111 1111 1111 1111", "5500-0000-0000-0004", "1234567890123", "378282246310"],
    "IBAN_CODE": ["DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "DE0037040044"],
    "URL": ["example.com", "https://www.example.org/path?q=1", "'http://a.b.cn/x'", "foo.notatld"],
    "PHONE_NUMBER": ["+1 201-555-0123", "010-62345678", "13800138000", "+44 20 7946 0958", "12345"],
}
FILLER = st.text(st.sampled_from(list("的一是了 abcXYZ0123456789 ,.:;-_/@()，。：；、+'\"\n号码电话邮箱")), max_size=14)


def presidio_spans(entity: str, text: str) -> list[tuple[int, int, float]]:
    """What the Presidio recognizer built from the definition returns, in its order."""
    results = SPECS[entity].recognizer.analyze(text, [entity], None)
    return [(r.start, r.end, r.score) for r in results if r.entity_type == entity]


def assert_same(entity: str, text: str) -> None:
    fast = SPECS[entity].definition.analyze(text)
    slow = presidio_spans(entity, text)
    if entity in ("IBAN_CODE", "PHONE_NUMBER"):  # their order follows region / group loops: compare as sets
        fast, slow = sorted(fast), sorted(slow)
    assert fast == slow, (entity, text)


@pytest.mark.parametrize("entity", list(EXAMPLES))
def test_examples_agree_with_presidio(entity: str) -> None:
    for value in EXAMPLES[entity]:
        for text in (value, f"说明：{value}，谢谢", f"{value} {value}", f"x{value}y", f"({value})"):
            assert_same(entity, text)
    assert any(SPECS[entity].definition.analyze(v) for v in EXAMPLES[entity])  # the test reaches real matches


@pytest.mark.parametrize("entity", list(EXAMPLES))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_texts_agree_with_presidio(entity: str, data: st.DataObject) -> None:
    value = data.draw(st.sampled_from(EXAMPLES[entity]))
    mangled = data.draw(st.text(st.sampled_from(sorted(set(value))), max_size=len(value) + 2))
    text = data.draw(FILLER) + data.draw(st.sampled_from([value, mangled])) + data.draw(FILLER)
    assert_same(entity, text)


def test_validators_are_the_definitions() -> None:
    for entity in ("EMAIL_ADDRESS", "IP_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "URL"):
        for value in EXAMPLES[entity]:
            assert SPECS[entity].validate(value) == bool(presidio_spans(entity, value)), (entity, value)


def test_china_recognizers_are_presidio_recognizers_of_the_definitions() -> None:
    recognizer = CnMobileRecognizer(supported_language="en")
    assert isinstance(recognizer, CnPatternRecognizer)
    assert [(p.name, p.regex, p.score) for p in recognizer.patterns] == list(CnMobileRecognizer.PATTERNS)
    for definition in CHINA_DEFINITIONS:
        spec = SPECS[definition.ENTITY]
        assert spec.recognizer.context == list(definition.CONTEXT)
        assert tuple(spec.definition.patterns) == tuple(definition.PATTERNS)


def test_copied_presidio_data_equals_the_installed_presidio() -> None:
    def rows(cls):
        return tuple((p.name, p.regex, p.score) for p in cls.PATTERNS)

    assert rows(EmailRecognizer) == copied.EMAIL_PATTERNS
    assert rows(IpRecognizer) == copied.IP_PATTERNS
    assert rows(CreditCardRecognizer) == copied.CREDIT_CARD_PATTERNS
    assert rows(IbanRecognizer) == copied.IBAN_PATTERNS
    url = tuple((n, h + copied.URL_BASE_REGEX + t, s) for n, h, t, s in copied.URL_PATTERN_PARTS)
    assert url == rows(UrlRecognizer) and copied.URL_BASE_REGEX == UrlRecognizer.BASE_URL_REGEX
    for context, cls in [
        (copied.EMAIL_CONTEXT, EmailRecognizer),
        (copied.IP_CONTEXT, IpRecognizer),
        (copied.CREDIT_CARD_CONTEXT, CreditCardRecognizer),
        (copied.IBAN_CONTEXT, IbanRecognizer),
        (copied.URL_CONTEXT, UrlRecognizer),
        (copied.PHONE_CONTEXT, PhoneRecognizer),
    ]:
        assert context == tuple(cls.CONTEXT)
    assert regex_per_country == copied.IBAN_FORMATS
    assert copied.PHONE_SCORE == PhoneRecognizer.SCORE
    assert PhoneRecognizer().leniency == copied.PHONE_LENIENCY


_OFFLINE = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def _rules() -> list[str]:
    found, stack = [], [(public_suffix_trie(), "")]
    while stack:
        node, name = stack.pop()
        for label, child in node.matches.items():
            dotted = f"{label}.{name}" if name else label
            found.append(dotted)
            stack.append((child, dotted))
    return found


def test_public_suffix_check_equals_tldextract_on_every_rule() -> None:
    assert snapshot_path() is not None
    rules = _rules()
    assert len(rules) > 5000
    for rule in rules:
        for text in (f"a@{rule}", f"a@x.{rule}", f"a@y.x.{rule}", rule):
            assert has_fqdn(text) == (_OFFLINE(text).fqdn != ""), text


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab.-@:/[]1_", "xn--", "ck", "com", "co", "uk", "jp", "www", "。", "．"]), max_size=12)
)
def test_public_suffix_check_equals_tldextract_on_random_text(parts: list[str]) -> None:
    text = "".join(parts)
    assert has_fqdn(text) == (_OFFLINE(text).fqdn != "")


HEAVY = ("presidio_analyzer", "spacy", "tldextract")


def test_a_plain_scan_imports_no_presidio_spacy_or_tldextract(tmp_path: Path) -> None:
    small = tmp_path / "small.csv"
    small.write_text("姓名,手机,邮箱\n张三,13800138000,zhang@example.com\n李四,13900139000,li@example.org\n", "utf-8")
    cli = shutil.which("compliance")
    assert cli, "the compliance console script is installed"
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run([cli, "scan", str(small)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "CN_MOBILE" in done.stdout and "EMAIL_ADDRESS" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "compliance.scanner" in imported  # the import log is real
    assert not {name for name in imported if name.split(".")[0] in HEAVY}

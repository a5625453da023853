"""The analyzer builds and runs with the network blocked and without any spaCy model."""

from __future__ import annotations

import socket

import pytest
import spacy
import tldextract.tldextract as tld_module
from presidio_analyzer.nlp_engine import NoOpNlpEngine, SpacyNlpEngine

from compliance.detect import analyzer as analyzer_module
from compliance.detect.analyzer import build_analyzer, clear_analyzer_cache
from compliance.detect.recognizers import _entity_specs
from compliance.errors import UsageError

TEXT = "请联系 zhang.san@example.com，或访问 https://www.example.org/about 了解详情。"


@pytest.fixture
def attempts(monkeypatch) -> list[tuple]:
    """Record (and refuse) every attempt to open a connection or resolve a name."""
    calls: list[tuple] = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise OSError("network blocked by test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return calls


@pytest.fixture
def fresh_build(monkeypatch):
    """Start from tldextract's network-enabled default and uncached builds; clean up afterwards."""
    monkeypatch.setattr(tld_module, "TLD_EXTRACTOR", tld_module.TLDExtract(cache_dir=None))
    clear_analyzer_cache()
    _entity_specs.cache_clear()
    yield
    clear_analyzer_cache()
    _entity_specs.cache_clear()


def test_harness_detects_tldextract_default_going_online(attempts, fresh_build) -> None:
    tld_module.TLD_EXTRACTOR("example.com")  # the default extractor fetches the suffix list
    assert attempts


def test_builds_and_analyzes_email_and_url_offline(attempts, fresh_build, monkeypatch) -> None:
    def no_model(*args, **kwargs):
        raise AssertionError("a spaCy model was requested")

    monkeypatch.setattr(spacy, "load", no_model)
    analyzer = build_analyzer()
    results = analyzer.analyze(text=TEXT, language="zh")
    found = {(r.entity_type, TEXT[r.start : r.end]) for r in results}
    assert ("EMAIL_ADDRESS", "zhang.san@example.com") in found
    assert ("URL", "https://www.example.org/about") in found
    assert isinstance(analyzer.nlp_engine, NoOpNlpEngine)
    assert attempts == []


def test_analyzer_is_cached_per_model(fresh_build) -> None:
    assert build_analyzer() is build_analyzer(None) is build_analyzer("")
    assert set(build_analyzer().supported_languages) == {"zh", "en"}


def test_missing_spacy_model_is_a_usage_error_not_a_download(attempts, fresh_build, monkeypatch) -> None:
    def no_download(*args, **kwargs):
        raise AssertionError("download attempted")

    monkeypatch.setattr(spacy.cli, "download", no_download)
    with pytest.raises(UsageError, match="not installed") as info:
        build_analyzer("xx_no_such_model_sm")
    assert "\n" not in str(info.value)
    assert attempts == []


def test_installed_pipeline_is_used_through_spacy(tmp_path, attempts, fresh_build) -> None:
    spacy.blank("en").to_disk(tmp_path / "tiny_en")
    analyzer = build_analyzer(str(tmp_path / "tiny_en"))
    assert isinstance(analyzer.nlp_engine, SpacyNlpEngine)
    results = analyzer.analyze(text="Mail zhang.san@example.com now", language="en")
    assert "EMAIL_ADDRESS" in {r.entity_type for r in results}
    assert analyzer.analyze(text="手机13800138000", language="zh")
    assert attempts == []


def test_window_context_words() -> None:
    find = analyzer_module.find_context_word
    assert find("身份证号码：", ["身份证"]) == "身份证"
    assert find("user_id:", ["id"]) == "id"
    assert find("paid in full", ["id"]) == ""

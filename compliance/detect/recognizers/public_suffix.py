"""``tldextract.extract(text).fqdn != ""`` without importing tldextract: Presidio's e-mail check.

Why: Presidio's ``EmailRecognizer.validate_result`` asks tldextract whether the matched address has a
registrable domain under a public suffix. Importing tldextract pulls in ``requests`` and friends (a
fifth of a second at start-up), although all a scan needs is the Public Suffix List snapshot that
tldextract ships. This module reads that same snapshot file (found with ``importlib.util.find_spec``,
which does not run the package) and follows tldextract 5's lookup step for step: the lenient host
of the text, its labels, the public-suffix trie walked from the last label (wildcards and
exceptions included; private suffixes excluded, as ``tldextract.extract`` does by default).
``tests/recognizers/test_definitions.py`` compares it with tldextract itself.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import scheme_chars

SNAPSHOT = ".tld_set_snapshot"
_PRIVATE_SEPARATOR = "// ===BEGIN PRIVATE DOMAINS==="
_SUFFIX_RE = re.compile(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)
_SCHEME_CHARS = set(scheme_chars)
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


@dataclass
class SuffixNode:
    """One node of the reversed-label trie (the shape of ``tldextract.tldextract.Trie``)."""

    matches: dict[str, SuffixNode] = field(default_factory=dict)
    end: bool = False


def snapshot_path() -> Path | None:
    """The Public Suffix List snapshot inside the installed tldextract package, or ``None``."""
    spec = importlib.util.find_spec("tldextract")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / SNAPSHOT
    return path if path.is_file() else None


@cache
def public_suffix_trie() -> SuffixNode:
    """The public (not private) suffix rules of the snapshot as a trie of reversed labels."""
    path = snapshot_path()
    if path is None:
        raise RuntimeError("tldextract's public suffix snapshot is not installed")
    public_text = path.read_text(encoding="utf-8").partition(_PRIVATE_SEPARATOR)[0]
    root = SuffixNode()
    for match in _SUFFIX_RE.finditer(public_text):
        node = root
        for label in reversed(match.group("suffix").split(".")):
            node = node.matches.setdefault(label, SuffixNode())
        node.end = True
    return root


def _schemeless(url: str) -> str:
    slashes = url.find("//")
    if slashes == 0:
        return url[2:]
    if slashes < 2 or url[slashes - 1] != ":" or set(url[: slashes - 1]) - _SCHEME_CHARS:
        return url
    return url[slashes + 2 :]


def lenient_host(url: str) -> str:
    """tldextract's ``lenient_netloc``: the host of a URL-like string (``user@`` and port dropped)."""
    authority = _schemeless(url).partition("/")[0].partition("?")[0].partition("#")[0]
    after_userinfo = authority.rpartition("@")[-1]
    if after_userinfo and after_userinfo[0] == "[":
        head, bracket, _ = after_userinfo.partition("]")
        if bracket:
            return f"{head}]"
    return after_userinfo.partition(":")[0].strip().rstrip(".\u3002\uff0e\uff61")


def _decoded(label: str) -> str:
    lowered = label.lower()
    if lowered.startswith("xn--"):
        import idna  # only for punycode labels (tldextract decodes them the same way)

        try:
            return idna.decode(lowered)
        except (UnicodeError, IndexError):
            pass
    return lowered


def _public_suffix_index(labels: list[str]) -> int | None:
    node = public_suffix_trie()
    suffix_index = label_index = len(labels)
    for label in reversed(labels):
        decoded = _decoded(label)
        if decoded in node.matches:
            label_index -= 1
            node = node.matches[decoded]
            if node.end:
                suffix_index = label_index
            continue
        if "*" in node.matches:
            return label_index if f"!{decoded}" in node.matches else label_index - 1
        break
    return None if suffix_index == len(labels) else suffix_index


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ipaddress.AddressValueError:
        return False
    return True


def has_fqdn(text: str) -> bool:
    """``tldextract.extract(text).fqdn != ""``: a domain label under a public suffix."""
    host = lenient_host(text).translate(_DOTS)
    if len(host) >= 4 and host[0] == "[" and host[-1] == "]" and _is_ipv6(host[1:-1]):
        return False
    labels = host.split(".")
    index = _public_suffix_index(labels)
    if index is None:
        return False  # no suffix: an IPv4 address or a bare name
    domain = labels[index - 1] if index > 0 else ""
    return bool(".".join(labels[index:])) and bool(domain)

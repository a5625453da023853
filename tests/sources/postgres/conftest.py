"""PostgreSQL fixtures: the test database from ``COMPLIANCE_TEST_POSTGRES_URL`` (.ci/postgres.sh prints it).

Without that variable the tests that need the server skip locally and FAIL when ``CI=true`` (a CI run
must never pass them silently). The fixture schema (fixture.sql) is loaded once per cluster.
The session-wide network block (tests/conftest.py) is narrowed here to loopback: psycopg resolves
``127.0.0.1`` with ``getaddrinfo`` before libpq connects, and the test server is local.
"""

from __future__ import annotations

import os
import urllib.parse

import pytest

from .fixture_schema import SCHEMA, load


@pytest.fixture(autouse=True)
def _no_network(loopback_only):
    """Loopback only, not tests/conftest.py's block of everything (see the module docstring)."""


@pytest.fixture(scope="session")
def pg_base() -> str:
    """The test database URL (role ``compliance``); skips, or fails under CI=true, when unset."""
    url = os.environ.get("COMPLIANCE_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but COMPLIANCE_TEST_POSTGRES_URL is unset: start .ci/postgres.sh in .ci/run")
        pytest.skip("COMPLIANCE_TEST_POSTGRES_URL is unset (eval \"$(bash .ci/postgres.sh start)\")")
    load(url)
    return url


def with_query(url: str, **query: str) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(query, safe=",")


def as_role(url: str, role: str, password: str | None = None) -> str:
    """``url`` with another user (and password) in its user part."""
    parts = urllib.parse.urlsplit(url)
    hosts = parts.netloc.rpartition("@")[2]
    user = role if password is None else f"{role}:{urllib.parse.quote(password, safe='')}"
    return urllib.parse.urlunsplit((parts.scheme, f"{user}@{hosts}", parts.path, parts.query, ""))


@pytest.fixture(scope="session")
def pg_url(pg_base: str) -> str:
    """The fixture schema of the test database."""
    return with_query(pg_base, schema=SCHEMA)


@pytest.fixture(scope="session")
def roles() -> dict[str, str]:
    return {
        "password": os.environ.get("COMPLIANCE_TEST_POSTGRES_PASSWORD_ROLE", "compliance_pw"),
        "secret": os.environ.get("COMPLIANCE_TEST_POSTGRES_PASSWORD", "compliance-test-secret"),
        "noselect": os.environ.get("COMPLIANCE_TEST_POSTGRES_NOSELECT_ROLE", "compliance_noselect"),
    }

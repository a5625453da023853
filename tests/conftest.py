"""Shared fixtures. Network access is blocked for the whole test session: the tool must work offline."""

from __future__ import annotations

import importlib.util
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _register_benchmarks_package() -> None:
    """Make ``benchmarks`` importable without putting the checkout on sys.path, which would shadow the
    installed ``compliance`` package that the tests are meant to exercise."""
    folder = ROOT / "benchmarks"
    spec = importlib.util.spec_from_file_location(
        "benchmarks", folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    if spec and spec.loader and "benchmarks" not in sys.modules:
        module = importlib.util.module_from_spec(spec)
        sys.modules["benchmarks"] = module
        spec.loader.exec_module(module)


_register_benchmarks_package()


class NetworkBlocked(RuntimeError):
    pass


def _refuse(*args, **kwargs):
    raise NetworkBlocked("network access attempted during tests")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


_LOOPBACK = ("127.0.0.1", "::1", "localhost")


@pytest.fixture
def loopback_only(monkeypatch):
    """Only loopback addresses resolve or connect: what tests of a local server (PostgreSQL, Spark's JVM)
    request instead of the block of everything above (their folders' ``_no_network`` overrides it)."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if host not in _LOOPBACK:
            raise OSError(f"network access attempted during tests: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(sock, address):
        if isinstance(address, tuple) and address[0] not in _LOOPBACK:
            raise OSError(f"network access attempted during tests: {address[0]}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(scope="session")
def _session_ledger(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("ledger") / "ledger.db")


@pytest.fixture(autouse=True)
def _ledger_outside_the_checkout(monkeypatch, _session_ledger):
    """Every `compliance scan` records its run (README "Scan ledger"); in tests into one throw-away ledger
    of the session, never into .compliance/ of the checkout or an example. tests/ledger pass --ledger."""
    monkeypatch.setenv("COMPLIANCE_LEDGER", _session_ledger)

"""Database URLs as sources: which strings are one, and the one way they are shown (never with a password).

A database URL is SQLAlchemy's ``dialect[+driver]://...``: PostgreSQL (:data:`POSTGRES_SCHEMES`, read by
compliance/sources/postgres_reader.py) and the dialects of :data:`SQL_DIALECTS` with any driver
(``mysql+pymysql://``, ``sqlite:///shop.db``; read by compliance/sources/sql_reader.py).

``postgresql://user:secret@host:5432/db?schema=public&table=customers`` may carry a password, in the
user part or as a ``password=`` query parameter. :func:`public_url` is the only spelling of a URL that
reaches a report, an error line, a log or a ledger: the user stays, the password goes. The scan still
needs the password to connect, so :func:`expose` keeps the URL as given in this process's memory under
its public spelling and :func:`secret_url` gives it back to the reader; nothing else holds it.

This module imports nothing heavy: the CLI calls it before any reader is loaded.
"""

from __future__ import annotations

import re
import urllib.parse

#: URL schemes read by compliance/sources/postgres_reader.py (``postgresql+psycopg`` is SQLAlchemy's spelling)
POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg2")
DATABASE_SCHEMES = POSTGRES_SCHEMES  # the name before the other dialects came
#: SQLAlchemy dialects read by compliance/sources/sql_reader.py, as ``dialect`` or ``dialect+driver``
SQL_DIALECTS = ("sqlite", "mysql", "mariadb", "mssql", "oracle")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_SECRET_PARAMETERS = frozenset({"password", "sslpassword"})

_given: dict[str, str] = {}  # public spelling → the URL as given (with its password)


def scheme_of(text: str) -> str | None:
    found = _SCHEME.match(text)
    return found.group(1).lower() if found else None


def is_url(text: str) -> bool:
    return scheme_of(text) is not None


def dialect_of(text: str) -> str | None:
    """``postgresql`` for the PostgreSQL schemes, the SQLAlchemy dialect of the others (``mysql`` for
    ``mysql+pymysql://``), None when ``text`` is no database URL."""
    scheme = scheme_of(text)
    if scheme in POSTGRES_SCHEMES:
        return "postgresql"
    dialect = (scheme or "").partition("+")[0]
    return dialect if dialect in SQL_DIALECTS else None


def is_postgres_url(text: str) -> bool:
    return scheme_of(text) in POSTGRES_SCHEMES


def is_database_url(text: str) -> bool:
    return dialect_of(text) is not None


def public_url(url: str) -> str:
    """``url`` without any password (user part and ``password=``/``sslpassword=`` parameters); anything
    that does not parse as a URL keeps only its scheme."""
    try:
        parts = urllib.parse.urlsplit(url)
        userinfo, at, hosts = parts.netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}@{hosts}" if at else hosts
        kept = [  # the query as written (a table named 客户 stays readable), less its secrets
            piece
            for piece in parts.query.split("&")
            if piece and urllib.parse.unquote_plus(piece.partition("=")[0]).lower() not in _SECRET_PARAMETERS
        ]
        query = "?" + "&".join(kept) if kept else ""
        # spelt out, not urlunsplit: that drops the ``//`` of ``sqlite:///shop.db`` (no host)
        return f"{parts.scheme}://{netloc}{parts.path}{query}"
    except ValueError:  # e.g. an invalid port or IPv6 literal: show nothing that could hold a secret
        scheme = scheme_of(url) or "url"
        return f"{scheme}://(unparsable URL)"


def expose(url: str) -> str:
    """The public spelling of a database URL, remembering the URL as given for :func:`secret_url` (the
    latest one, when URLs that differ only in their password are exposed one after the other)."""
    shown = public_url(url)
    _given[shown] = url
    return shown


def secret_url(shown: str) -> str:
    """The URL as given behind a public spelling from :func:`expose` (or ``shown`` itself)."""
    return _given.get(shown, shown)


def parse_source(shown: str) -> tuple:
    """(SQLAlchemy URL of the URL as given, ``values(key)`` → the query parameter's values as a list,
    the tables ``table=`` lists: repeatable or comma-separated, in order, once each) for a public
    spelling from :func:`expose`; raises InputError for a URL SQLAlchemy cannot parse. Imports SQLAlchemy
    (the readers call it, not the CLI)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from ..errors import InputError

    given = secret_url(shown)
    try:
        url = make_url(given)
    except (ArgumentError, ValueError):
        raise InputError("not a valid database URL", source=public_url(given)) from None
    query = dict(url.query)

    def values(key: str) -> list[str]:
        raw = query.get(key, ())
        return [raw] if isinstance(raw, str) else list(raw)

    tables = tuple(dict.fromkeys(t.strip() for v in values("table") for t in v.split(",") if t.strip()))
    return url, values, tables

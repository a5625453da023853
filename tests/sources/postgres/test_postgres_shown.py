"""A PostgreSQL source is named in reports by its public URL, readable: ``postgresql://compliance@127.0.0.1:
PORT/compliance_test?...`` (the masker once read ``compliance@127.0.0.1`` as an e-mail address and an IPv4
address and showed ``postgresql://c***@***.1:...``)."""

from __future__ import annotations

from .conftest import with_query
from .test_postgres_cli import scan


def test_the_source_url_is_shown_as_given_without_password(pg_url, tmp_path):
    url = with_query(pg_url, table="products")
    text = tmp_path / "report.txt"
    done, report = scan([url, "--format", f"text={text}"], tmp_path)
    assert done.returncode == 0, done.stderr
    (asset,) = report["assets"]
    assert asset["source"] == url and asset["id"] == f"{url}#products"
    assert "@" in url and "***" not in asset["source"]
    assert f"{url}#products  PASS" in text.read_text(encoding="utf-8")

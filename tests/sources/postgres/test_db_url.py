"""The one spelling of a database URL that is ever shown: no password, whatever the URL holds
(no server needed)."""

from __future__ import annotations

import urllib.parse

from hypothesis import given
from hypothesis import strategies as st

from compliance.sources import expand_paths
from compliance.sources.db_url import expose, is_database_url, public_url, secret_url

names = st.text("abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=12)
# passwords hold an upper-case marker the other parts never do, and characters that need quoting
passwords = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=16).map(
    lambda text: "PW" + text
)


@given(user=names, password=passwords, host=names, port=st.integers(1, 65535), db=names, table=names)
def test_the_shown_url_never_holds_the_password(user, password, host, port, db, table):
    quoted = urllib.parse.quote(password, safe="")
    for url in (
        f"postgresql://{user}:{quoted}@{host}:{port}/{db}?schema=public&table={table}",
        f"postgres://{user}@{host}:{port}/{db}?password={quoted}&table={table}",
        f"postgresql://{user}@{host}/{db}?sslpassword={quoted}&sslmode=require",
    ):
        shown = public_url(url)
        assert "PW" not in shown and quoted not in shown
        assert shown.startswith(url.split("://")[0] + f"://{user}@{host}")
        assert f"/{db}" in shown
        assert public_url(shown) == shown  # idempotent
        assert secret_url(expose(url)) == url  # the reader still connects with the password


def test_the_query_is_kept_as_written():
    url = "postgresql://u:s3cret@db.example:5432/crm?schema=销售&table=客户,订单&table=x&password=s3cret"
    assert public_url(url) == "postgresql://u@db.example:5432/crm?schema=销售&table=客户,订单&table=x"


def test_an_unparsable_url_shows_nothing_of_itself():
    assert public_url("postgresql://u:s3cret@[::1/db") == "postgresql://(unparsable URL)"


def test_database_urls_among_paths(tmp_path):
    (tmp_path / "a.csv").write_text("x\n1\n", encoding="utf-8")
    url = "postgresql://u:s3cret@localhost/db?table=t"
    files, rejected = expand_paths([str(tmp_path / "a.csv"), url, url])
    assert files == [str(tmp_path / "a.csv"), "postgresql://u@localhost/db?table=t"] and rejected == []
    assert is_database_url("postgres://h/db") and is_database_url("postgresql+psycopg://h/db")
    assert is_database_url("mysql+pymysql://h/db") and is_database_url("sqlite:///shop.db")  # sql_reader.py
    assert not is_database_url("s3://bucket/db") and not is_database_url("data/postgresql.csv")

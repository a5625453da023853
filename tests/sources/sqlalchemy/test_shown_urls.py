"""safe_name on database URLs: ``scheme://user@host:port`` stays readable (it is no data subject's e-mail
or IP address), the names after it are masked like file names; other URLs and e-mail addresses are
masked as before."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compliance.redact import name_was_masked, safe_name
from compliance.sources.db_url import POSTGRES_SCHEMES, SQL_DIALECTS

SCHEMES = st.sampled_from([*POSTGRES_SCHEMES, *SQL_DIALECTS, "mysql+pymysql", "mssql+pyodbc", "oracle+oracledb"])
USERS = st.from_regex(r"[a-z][a-z0-9_.]{0,12}", fullmatch=True)
IPV4 = st.tuples(*[st.integers(0, 255)] * 4).map(lambda parts: ".".join(map(str, parts)))
HOSTS = st.one_of(IPV4, st.from_regex(r"[a-z][a-z0-9-]{0,10}(\.[a-z]{2,6}){1,2}", fullmatch=True))


@given(scheme=SCHEMES, user=USERS, host=HOSTS, port=st.integers(1, 65535))
def test_authority_readable_names_after_it_masked(scheme, user, host, port):
    authority = f"{scheme}://{user}@{host}:{port}"
    assert safe_name(f"{authority}/crm?schema=public&table=orders") == f"{authority}/crm?schema=public&table=orders"
    shown = safe_name(f"error: {authority}/crm?table=13812345678#13812345678: no such table")
    assert shown == f"error: {authority}/crm?table=138******78#138******78: no such table"
    assert name_was_masked(f"{authority}/13812345678") and not name_was_masked(f"{authority}/crm")


def test_other_urls_and_addresses_are_masked_as_before():
    assert safe_name("https://zhang.san@example.com/x") != "https://zhang.san@example.com/x"
    assert safe_name("s3://zhang.san@example.com/x") != "s3://zhang.san@example.com/x"
    assert "zhang.san@example.com" not in safe_name("contact zhang.san@example.com, then mysql://etl@db.example/crm")
    assert "mysql://etl@db.example/crm" in safe_name("contact zhang.san@example.com, then mysql://etl@db.example/crm")
    assert safe_name("sqlite:///exports/13812345678.db") == "sqlite:///exports/138******78.db"


def test_a_mobile_number_in_a_database_urls_user_part_is_still_masked():
    """Only the e-mail and IPv4 shapes of ``user@host`` are kept readable, not a number written there."""
    from compliance.redact import safe_name

    shown = safe_name("postgresql://13812345678@127.0.0.1:5432/db")
    assert "13812345678" not in shown and "127.0.0.1:5432" in shown

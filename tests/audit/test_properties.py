"""Properties of the report's computations and of the catalogue's table formats (hypothesis)."""

from __future__ import annotations

import csv
import datetime
import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.audit.trend import trend
from compliance.catalog import catalog_entries, latest_per_asset, open_violations, render_catalog

SEVERITIES = ("critical", "high", "medium", "low")
BASE = datetime.datetime(2026, 1, 1, 8, tzinfo=datetime.UTC)


def _record(asset: str, day: int, violations: list[tuple[str, str]]) -> dict:
    when = (BASE + datetime.timedelta(days=day)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "time": when,
        "asset": {"id": asset, "source": f"{asset}.csv", "table": None, "owner": None, "manifest": None},
        "rows": {"scanned": 1, "total": 1, "total_is_estimate": False},
        "level": {"declared": None, "detected": "general"},
        "categories": [],
        "columns": {"personal": [], "sensitive": []},
        "individuals": {"estimate": None, "exact": False},
        "flows": [],
        "violations": [
            {"rule": rule, "severity": severity, "fingerprint": f"{asset}:{rule}", "message": "", "references": []}
            for rule, severity in violations
        ],
        "suppressions": [],
        "status": "ok",
    }


histories = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d"]),
        st.integers(min_value=0, max_value=500),
        st.lists(st.tuples(st.sampled_from(["R1", "R2", "R3"]), st.sampled_from(SEVERITIES)), max_size=4),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(histories)
def test_the_trends_last_point_is_the_latest_state_of_every_asset(history):
    records = sorted((_record(a, d, v) for a, d, v in history), key=lambda r: r["time"])
    points, unit = trend(records)
    latest = latest_per_asset(records)
    expected = dict.fromkeys(SEVERITIES, 0)
    for record in latest.values():
        for violation in open_violations(record):
            expected[violation["severity"]] += 1
    assert points[-1].counts == expected
    assert points[-1].assets == len(latest)
    assert sum(p.scans for p in points) == len(records)
    assert [p.label for p in points] == sorted({p.label for p in points})  # one point per bucket, in order
    assert unit in ("day", "week", "month")


names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(names, min_size=1, max_size=5, unique=True))
def test_any_asset_name_keeps_the_markdown_and_csv_tables_intact(assets):
    records = [_record(name, i, []) for i, name in enumerate(assets)]
    entries = catalog_entries(records)
    meta = {"from": "ledger", "generated_at": "2026-12-03T12:00:00Z"}
    lines = render_catalog(entries, "markdown", lang="en", meta=meta).splitlines()
    header = next(line for line in lines if line.startswith("| Asset"))
    columns = len(re.findall(r"(?<!\\)\|", header))
    rows = [line for line in lines[lines.index(header) + 2 :] if line]
    assert len(rows) == len(latest_per_asset(records))  # one line per asset: no name breaks a row
    for row in rows:
        assert len(re.findall(r"(?<!\\)(?:\\\\)*\|", row)) >= columns  # no name adds or removes a cell
        assert "\n" not in row and "\r" not in row
    parsed = list(csv.reader(io.StringIO(render_catalog(entries, "csv", lang="en", meta=meta))))
    assert len(parsed) == len(entries) + 1 and all(len(r) == len(parsed[0]) for r in parsed)

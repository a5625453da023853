"""Cross-border volume per processor and year (`compliance ledger exports`, `exported_this_year: from_ledger`)."""

from __future__ import annotations

import json
import shutil

from compliance.ledger import open_ledger
from compliance.ledger.exports import exported_this_year, yearly_exports

from .ledger_support import REPO, cross_border_flow, hand_record, run_cli

EXAMPLE = REPO / "examples" / "important-data-raw-cross-border"


def _records() -> list[dict]:
    domestic = {**cross_border_flow("internal", 7_000_000), "cross_border": False, "type": "internal"}
    return [
        hand_record(1, time="2025-12-31T23:59:59Z", asset="shop/orders", flows=[cross_border_flow("eu", 900_000)]),
        hand_record(2, time="2026-01-05T08:00:00Z", asset="shop/orders", flows=[cross_border_flow("eu", 1_000)]),
        hand_record(3, time="2026-03-05T08:00:00Z", asset="shop/orders", flows=[cross_border_flow("eu", 1_200)]),
        hand_record(4, time="2026-04-01T08:00:00Z", asset="shop/orders", flows=[cross_border_flow("eu", 800)]),
        hand_record(
            5,
            time="2026-04-02T08:00:00Z",
            asset="hr/staff",
            flows=[
                cross_border_flow("payroll", 500, sensitive=50),
                domestic,
                cross_border_flow("visa", 9_999, exemption="contract_necessity"),
            ],
        ),
        hand_record(
            6, time="2026-05-01T08:00:00Z", asset="crm/leads", flows=[cross_border_flow("us", 70, processor="Other")]
        ),
        hand_record(
            7, time="2026-06-01T08:00:00Z", asset="crm/unknown", flows=[cross_border_flow("jp", None, processor="Unk")]
        ),
        hand_record(8, time="2026-06-02T08:00:00Z", asset="tmp/x", flows=[cross_border_flow("kr", 5, processor=None)]),
    ]


def test_each_flow_counts_once_at_its_largest_exempt_and_domestic_left_out():
    totals = {t.processor: t for t in yearly_exports(_records(), 2026)}
    assert list(totals) == ["Acme", "Other", "Unk", None]  # named ones sorted, the unnamed last
    acme = totals["Acme"]
    assert (acme.individuals, acme.sensitive_individuals, acme.exempt_flows) == (1_200 + 500, 50, 1)
    assert [(f["asset"], f["flow"], f["records"]) for f in acme.flows] == [
        ("hr/staff", "payroll", 1),
        ("shop/orders", "eu", 3),
    ]
    assert totals["Other"].individuals == 70
    assert totals["Unk"].individuals is None  # unknown stays unknown: the evaluation fails closed
    assert totals[None].individuals == 5
    assert yearly_exports(_records(), 2025)[0].individuals == 900_000


def test_a_scans_own_flows_are_left_out():
    sums = exported_this_year(_records(), 2026, "Acme", exclude={("shop/orders", "eu")})
    assert sums == {"individuals": 500, "sensitive_individuals": 50}
    assert exported_this_year(_records(), 2026, "Nobody") == {"individuals": 0, "sensitive_individuals": 0}


def test_the_exports_command(tmp_path):
    ledger = str(tmp_path / "ledger.db")
    with open_ledger(ledger) as led:
        led.append(_records())
    result = run_cli("ledger", "exports", "--year", "2026", "--ledger", ledger, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(d["processor"], d["individuals"]) for d in data] == [
        ("Acme", 1700),
        ("Other", 70),
        ("Unk", None),
        (None, 5),
    ]
    text = run_cli("ledger", "exports", "--year", "2026", "--ledger", ledger).stdout
    assert "Acme: 1,700 individuals, 50 with sensitive PI, 2 flow(s); 1 exempt flow(s) not counted" in text
    assert "Unk: unknown individuals" in text


def test_from_ledger_feeds_the_cross_border_decision(tmp_path):
    project = tmp_path / "repo"
    shutil.copytree(EXAMPLE, project)
    config = project / "compliance.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "as_of: 2026-06-30\nprocessor:\n  name: Example Automotive\n  ciio: false\n"
        "  exported_this_year: from_ledger\n",
        encoding="utf-8",
    )
    ledger = str(tmp_path / "ledger.db")
    ours = "Example Automotive"
    with open_ledger(ledger) as led:
        led.append(
            [
                hand_record(
                    1,
                    time="2026-02-01T00:00:00Z",
                    asset="auto/dealers",
                    flows=[cross_border_flow("de", 150_000, processor=ours, sensitive=20)],
                ),
                hand_record(
                    2,
                    time="2025-12-01T00:00:00Z",
                    asset="auto/old",  # last year
                    flows=[cross_border_flow("de", 999_999, processor=ours)],
                ),
                hand_record(
                    3,
                    time="2026-07-01T00:00:00Z",
                    asset="auto/later",  # after the reference date
                    flows=[cross_border_flow("de", 888_888, processor=ours)],
                ),
                hand_record(
                    4,
                    time="2026-03-01T00:00:00Z",
                    asset="auto/vehicle-trajectories",  # this run's own flow
                    flows=[cross_border_flow("rd-centre-germany", 777_777, processor=ours)],
                ),
                hand_record(
                    5,
                    time="2026-03-01T00:00:00Z",
                    asset="other/company",
                    flows=[cross_border_flow("de", 666_666, processor="Someone Else")],
                ),
            ]
        )
    result = run_cli("scan", "--project", config, "--format", "json", "--ledger", ledger)
    assert result.exit_code == 1, result.stderr
    facts = json.loads(result.stdout)["assets"][0]["flows"][0]["decision"]["facts"]
    assert (facts["exported_this_year_individuals"], facts["exported_this_year_sensitive_individuals"]) == (150_000, 20)
    with open_ledger(ledger, create=False) as led:
        last = list(led.records())[-1]
    assert last["flows"][0]["processor"] == ours  # this run is recorded under the processor for the next one

    refused = run_cli("scan", "--project", config, "--no-ledger")
    assert refused.exit_code == 2 and "from_ledger" in refused.stderr

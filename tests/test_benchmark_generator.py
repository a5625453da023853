"""The benchmark dataset generator makes what its truth claims, and the scorer counts correctly.

The accuracy benchmark is only as good as its truth: these tests check that personal columns hold
valid values (checksums, birth dates, regions), that decoys are what they claim, that the truth covers
the file, and that the scorer's precision/recall/F1 match numbers worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
from pathlib import Path

import pyarrow.csv as pacsv
import pytest
from stdnum import luhn
from stdnum.cn import ric, uscc
from stdnum.iso7064 import mod_11_2

from benchmarks import generate_dataset as gen
from benchmarks import peer_presidio_structured as peer

ROWS = 600
MOBILE = re.compile(r"^(?:\+86 ?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}$")


@pytest.fixture(scope="module")
def table() -> tuple[dict[str, list[str]], dict[str, dict[str, object]]]:
    return gen.generate_columns(ROWS, seed=11)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, object]]]:
    return gen.generate(ROWS, 11, tmp_path_factory.mktemp("bench"))


def _filled(values: list[str]) -> list[str]:
    return [v for v in values if v]


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    first, truth1 = gen.generate(200, 5, tmp_path / "a")
    second, truth2 = gen.generate(200, 5, tmp_path / "b")
    other, _ = gen.generate(200, 6, tmp_path / "c")
    assert first.read_bytes() == second.read_bytes()
    assert (tmp_path / "a" / "truth.json").read_bytes() == (tmp_path / "b" / "truth.json").read_bytes()
    assert truth1 == truth2
    assert other.read_bytes() != first.read_bytes()


def test_truth_covers_every_column_in_file_order(written: tuple[Path, dict[str, dict[str, object]]]) -> None:
    csv_path, truth = written
    parsed = pacsv.read_csv(csv_path)
    assert parsed.num_rows == ROWS  # no stray newlines or quoting problems
    assert parsed.column_names == list(truth)
    assert len(truth) >= 20
    assert {"c3", "c7", "备注", "order_no", "统一社会信用代码"} <= set(truth)
    for entry in truth.values():
        assert isinstance(entry["personal"], bool)
        assert entry["entity"] is None or isinstance(entry["entity"], str)
    assert [name for name, entry in truth.items() if entry.get("sporadic")] == ["备注"]
    assert truth["统一社会信用代码"] == {"entity": "CN_USCC", "personal": False}
    assert truth["c3"] == {"entity": "CN_MOBILE", "personal": True}
    assert truth["c7"] == {"entity": None, "personal": False}


def test_column_order_is_shuffled_per_seed() -> None:
    assert [c.name for c in gen.column_order(1)] != [c.name for c in gen.column_order(2)]
    assert sorted(c.name for c in gen.column_order(1)) == sorted(c.name for c in gen.COLUMNS)


def test_resident_ids_are_valid_and_minor_count_is_true(table) -> None:
    data, truth = table
    ids = data["身份证号"]
    assert all(ric.is_valid(v) and mod_11_2.is_valid(v) for v in ids)  # checksum, birth date, region
    births = [ric.get_birth_date(v) for v in ids]
    minors = sum(gen.age_on(b, dt.date(2026, 1, 1)) < 14 for b in births)
    assert truth["身份证号"]["minors_under_14"] == minors
    assert 0 < minors < ROWS * 0.08  # ~3 %
    assert len(set(ids)) > ROWS * 0.99


def test_minor_ids_really_are_under_14() -> None:
    import random

    rng = random.Random(3)
    for _ in range(200):
        minor = gen.resident_id(rng, minor=True)
        adult = gen.resident_id(rng, minor=False)
        assert gen.age_on(ric.get_birth_date(minor), gen.REFERENCE_DATE) < 14
        assert gen.age_on(ric.get_birth_date(adult), gen.REFERENCE_DATE) >= 18


def test_bank_cards_are_luhn_valid_unionpay(table) -> None:
    for card in table[0]["银行卡号"]:
        digits = card.replace(" ", "")
        assert digits.startswith("62") and 16 <= len(digits) <= 19
        assert luhn.is_valid(digits)


def test_usccs_validate_including_organisation_code(table) -> None:
    for code in table[0]["统一社会信用代码"]:
        assert uscc.is_valid(code)
        assert gen.org_code_check(code[8:16]) == code[16]


def test_org_code_check_matches_a_published_code() -> None:
    # stdnum's documented example 91110000600037341L: organisation code 60003734-1
    assert gen.org_code_check("60003734") == "1"
    assert uscc.is_valid("91110000600037341L")


def test_order_numbers_are_timestamps_not_ids(table) -> None:
    data, _ = table
    for order, created in zip(data["order_no"], data["created_at"], strict=True):
        assert len(order) == 18 and order.isdigit()
        stamp = dt.datetime.strptime(order[:14], "%Y%m%d%H%M%S")
        assert stamp == dt.datetime.strptime(created, "%Y-%m-%d %H:%M:%S")
        assert not ric.is_valid(order)


def test_tracking_numbers_and_other_decoys(table) -> None:
    data, _ = table
    courier = re.compile(r"^(?:SF\d{12,13}|YT\d{13}|7[358]\d{10})$")
    assert all(courier.match(v) for v in data["tracking_no"])
    kinds = {v[:2] if v[:2] in ("SF", "YT") else "ZTO" for v in data["tracking_no"]}
    assert kinds == {"SF", "YT", "ZTO"}
    assert all(re.match(r"^SKU-[A-Z]{2}\d{2}-\d{4}$", v) for v in data["sku"])
    uuid_form = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    assert all(uuid_form.match(v) for v in data["c7"] + data["uuid"])
    assert all(re.match(r"^\d+\.\d{2}$", v) for v in data["amount"])


def test_personal_formats(table) -> None:
    data, _ = table
    assert all(MOBILE.match(v) for v in data["手机号"])
    assert any(v.startswith("+86") for v in data["手机号"]) and any("-" in v for v in data["手机号"])
    assert all(re.match(r"^1[3-9]\d{9}$", v) for v in data["c3"])
    assert all(re.match(r"^E(?:\d{8}|[A-H]\d{7})$", v) for v in _filled(data["passport_no"]))
    assert all(re.match(r"^C(?:\d{8}|[A-Z]\d{7})$", v) for v in _filled(data["港澳通行证号"]))
    plate = re.compile(rf"^[{gen.PLATE_PROVINCES}][A-HJ-NP-Z](?:[DF]\d{{5}}|[A-HJ-NP-Z0-9]{{5}})$")
    assert all(plate.match(v) for v in _filled(data["车牌号"]))
    assert all(re.match(r"^[\u4e00-\u9fff]{2,4}$", v) for v in data["姓名"])
    assert all(re.match(r"^[A-Za-z.' -]+$", v) and " " in v for v in data["contact"])
    assert all("@" in v for v in _filled(data["email"]))


def test_sporadic_remarks_count_matches_truth() -> None:
    data, truth = gen.generate_columns(3000, seed=2)
    mobile = re.compile(r"1[3-9]\d[- ]?\d{4}[- ]?\d{4}")
    hits = sum(bool(mobile.search(v)) for v in data["备注"])
    assert truth["备注"]["rows_with_entity"] == hits
    assert 0.004 * 3000 < hits < 0.02 * 3000  # ~1 %


def test_big_file_repeats_block_with_distinct_row_ids(tmp_path: Path) -> None:
    path, truth = gen.generate_big(0.002, seed=4, out_dir=tmp_path, block_mb=0.5)
    assert path.stat().st_size >= 0.002 * 1024**3
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types={"row_id": "int64"}))
    assert table.column_names == list(truth) and table.column_names[0] == "row_id"
    assert table.column("row_id").to_pylist() == list(range(table.num_rows))
    blocks = table.num_rows // len(set(table.column("uuid").to_pylist()))
    assert blocks >= 4
    single = gen.generate_columns(table.num_rows // blocks, seed=4)[1]
    assert truth["身份证号"]["minors_under_14"] == single["身份证号"]["minors_under_14"] * blocks


# --- scorer -------------------------------------------------------------------------------------------

TRUTH = {
    "a": {"entity": "PERSON", "personal": True},
    "b": {"entity": "CN_MOBILE", "personal": True},
    "c": {"entity": None, "personal": False},
    "d": {"entity": "CN_USCC", "personal": False},
    "e": {"entity": "CN_MOBILE", "personal": True, "sporadic": True},
}


def test_score_mapping_one_by_hand() -> None:
    mapping = {"a": "PERSON", "b": "PHONE_NUMBER", "c": "UUID", "d": "CN_USCC"}
    # a: TP (entity right), b: TP (entity wrong), c: FP, d: TN (CN_USCC is not personal); e skipped
    s = peer.score(mapping, TRUTH)
    assert (s.tp, s.fp, s.fn, s.tn) == (2, 1, 0, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == 1.0
    assert s.f1 == pytest.approx(0.8)  # 2 * (2/3) * 1 / (2/3 + 1)
    assert s.entity_accuracy == pytest.approx(0.5)
    assert [m[0] for m in s.mistakes] == ["b", "c"]
    # with the sporadic column: e was missed, so one more FN and one more entity miss
    s = peer.score(mapping, TRUTH, include_sporadic=True)
    assert (s.tp, s.fp, s.fn, s.tn) == (2, 1, 1, 1)
    assert s.f1 == pytest.approx(2 / 3) and s.entity_accuracy == pytest.approx(1 / 3)


def test_score_mapping_two_by_hand() -> None:
    mapping = {
        "a": None,
        "b": "CN_MOBILE",
        "d": {"entity": "CN_USCC", "personal": True},  # caller overrides the personal decision
        "e": ["CN_MOBILE", "PHONE_NUMBER"],  # best first
        "zzz": "PERSON",
    }
    s = peer.score(mapping, TRUTH)
    assert (s.tp, s.fp, s.fn, s.tn) == (1, 1, 1, 1)
    assert (s.precision, s.recall, s.f1, s.entity_accuracy) == (0.5, 0.5, 0.5, 0.5)
    assert s.unknown_columns == ("zzz",)
    s = peer.score(mapping, TRUTH, include_sporadic=True)
    assert (s.tp, s.fp, s.fn, s.tn) == (2, 1, 1, 1)
    assert s.f1 == pytest.approx(2 / 3) and s.entity_accuracy == pytest.approx(2 / 3)


def test_score_extremes() -> None:
    perfect = {k: v["entity"] for k, v in TRUTH.items()}
    perfect["c"] = None
    s = peer.score(perfect, TRUTH, include_sporadic=True)
    assert (s.precision, s.recall, s.f1, s.entity_accuracy) == (1.0, 1.0, 1.0, 1.0)
    assert s.mistakes == ()
    s = peer.score({}, TRUTH)
    assert (s.tp, s.fn, s.tn) == (0, 2, 2)
    assert (s.precision, s.recall, s.f1, s.entity_accuracy) == (0.0, 0.0, 0.0, 0.0)


# --- peer -------------------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """Refuse and record every connection or DNS lookup (tldextract would swallow the error)."""
    attempts: list[tuple[object, ...]] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access attempted in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_peer_runs_offline_and_maps_every_column(tmp_path: Path, no_network: list) -> None:
    csv_path, truth = gen.generate(40, 9, tmp_path)
    result = peer.run_peer(csv_path, rows=25)
    assert no_network == []
    assert result.rows == 25 and result.columns == len(truth)
    assert set(result.mapping) == set(truth)
    assert result.mapping["ip_address"] == "IP_ADDRESS"
    assert result.mapping["c7"] == "UUID"
    assert result.mapping["sku"] is None
    assert result.rows_per_second > 0 and result.seconds >= result.read_seconds
    s = peer.score(result.mapping, truth)
    assert 0.0 < s.f1 < 1.0  # the stand-in analyzer has no Chinese recognizers

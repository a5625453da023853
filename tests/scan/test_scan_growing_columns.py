"""Tables that gain columns while being read (JSON keys first seen late, xlsx cells past the header)."""

from __future__ import annotations

import json

from .conftest import run_cli


def test_json_key_first_seen_after_the_sample(tmp_path):
    rows = [{"name": "张伟", "order": f"A{i}"} for i in range(3000)]
    rows[-1]["mobile"] = "13812345678"
    data = tmp_path / "late.json"
    data.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    for extra in ([], ["--full"]):
        result = run_cli("scan", str(data), "--format", "json", "--no-timestamp", "--sample", "50", *extra)
        assert result.exit_code == 0, result.output
        columns = {c["name"]: c for c in json.loads(result.stdout)["assets"][0]["columns"]}
        assert columns["name"]["entities"][0]["type"] == "PERSON"
        if extra:
            assert "mobile" in columns

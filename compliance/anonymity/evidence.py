"""The anonymisation evidence file (``schemas/anonymisation-evidence.schema.json``) and its verification.

The file records what was done (method, hierarchy level per column, suppression), what the output
measures (k, l, t, prosecutor risk) and the SHA-256 of input and output, so a later scan can tell that
the file it reads is the one the evidence speaks for (``manifest anonymisation.evaluation_ref``).
"""

from __future__ import annotations

import hashlib
import json
import os

from .. import __version__
from ..errors import ConfigError, InputError
from ..output import write_file
from ..redact import safe_name
from ..schema_check import json_path, most_relevant, validator_for

SCHEMA = "anonymisation-evidence.schema.json"
METHOD = "generalisation and suppression; optimal lattice search (Flash-style, predictive tagging)"
LOSS_MEASURE = (
    "Loss Metric (Iyengar 2002): mean over quasi-identifier cells of (original values under the generalised "
    "value - 1) / (distinct values - 1), all records"
)


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build(result, targets, input_path: str, output_path: str, shown) -> dict:
    m = result.measurement
    plan = result.plan
    suppressed = plan.suppressed
    return {
        "schema_version": "1",
        "tool": {"name": "dataflow-compliance", "version": __version__},
        "method": METHOD,
        "information_loss": {"measure": LOSS_MEASURE, "value": round(plan.result.loss, 6)},
        "search": {"nodes": plan.result.nodes, "evaluated": plan.result.evaluated},
        "quasi_identifiers": [dict(step, column=safe_name(step["column"])) for step in plan.steps()],
        "sensitive": [safe_name(s.column) for s in m.sensitive],
        "direct_identifiers": [{"column": safe_name(d.column), "action": a} for d, a in result.direct],
        "pseudonyms": [{"column": safe_name(p.column), "kind": p.kind, "action": a} for p, a in result.pseudonyms],
        "targets": {"k": targets.k, "l": targets.l, "max_suppression": targets.max_suppression},
        "measured": m.as_dict(),
        "suppression": {
            "records": suppressed,
            "rate": round(suppressed / result.input_rows, 6) if result.input_rows else 0.0,
        },
        "input": {"path": shown(input_path), "sha256": sha256_file(input_path), "rows": result.input_rows},
        "output": {
            "path": shown(output_path),
            "sha256": sha256_file(output_path),
            "rows": result.data.num_rows,
            "format": result.fmt,
        },
    }


def validate_instance(evidence: dict, path: str) -> None:
    """Raise ConfigError naming every schema violation (``file: json.path: message``)."""
    errors = sorted(
        safe_name(f"{path}: {json_path(list(e.absolute_path))}: {e.message}")
        for e in map(most_relevant, validator_for(SCHEMA).iter_errors(evidence))
    )
    if errors:
        raise ConfigError(errors[0], errors=errors)


def write(evidence: dict, path: str) -> None:
    validate_instance(evidence, path)
    write_file(path, json.dumps(evidence, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def load(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            evidence = json.load(fh)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the evidence file ({type(exc).__name__})", source=path) from None
    validate_instance(evidence, path)
    return evidence


def verify(reference: str, folder: str, data_path: str) -> tuple[str, dict | None]:
    """("verified" | "mismatch" | "invalid" | "not_a_file", evidence) for a manifest's evaluation_ref."""
    path = reference if os.path.isabs(reference) else os.path.join(folder, reference)
    if not reference.endswith(".json") or not os.path.isfile(path):
        return "not_a_file", None
    try:
        evidence = load(path)
    except InputError:
        return "invalid", None
    same = evidence["output"]["sha256"] == sha256_file(data_path)
    return ("verified" if same else "mismatch"), evidence

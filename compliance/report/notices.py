"""What a report must say besides its findings, worded once for every format.

* A scan that evaluated no rule of the pack (datasets without a manifest and without ``--flow``)
  says so: its ``violations: 0`` is not a pass of the rules, only detection ran.
* What directory walks skipped (hidden entries, ``.gitignore``, ``--exclude``, unsupported files),
  counted by kind: not errors, but never dropped silently.
"""

from __future__ import annotations

from .model import Report

_WORDS = {
    "en": {
        "detection_only": (
            "no manifest and no --flow: only detection ran; pass --flow TYPE or a manifest to check the rules"
        ),
        "detection_and_deny": (
            "no manifest and no --flow: only detection and --deny ran; "
            "pass --flow TYPE or a manifest to check the rules"
        ),
        "skipped": "skipped",
        "hidden": "hidden",
        "ignored": "ignored by .gitignore",
        "excluded": "excluded",
        "unsupported": "unsupported",
    },
    "zh": {
        "detection_only": (
            "没有资产清单，也没有 --flow：只做了识别，未检查任何规则；请指定 --flow TYPE 或资产清单以检查规则"
        ),
        "detection_and_deny": (
            "没有资产清单，也没有 --flow：只做了识别和 --deny 检查；请指定 --flow TYPE 或资产清单以检查规则"
        ),
        "skipped": "已跳过",
        "hidden": "隐藏",
        "ignored": ".gitignore 忽略",
        "excluded": "已排除",
        "unsupported": "不支持的类型",
    },
}
SKIP_KINDS = ("hidden", "ignored", "excluded", "unsupported")


def words(lang: str) -> dict[str, str]:
    return _WORDS.get(lang, _WORDS["en"])


def pack_rules_evaluated(report: Report) -> int:
    """Rules of the pack evaluated over all assets (``--deny`` checks not counted)."""
    from ..deny import is_deny_rule

    return sum(1 for a in report.assets for rule in a.evaluated_rules if not is_deny_rule(rule))


def rules_evaluated(report: Report) -> int:
    """Every rule evaluated over all assets, ``--deny`` checks included."""
    return sum(len(a.evaluated_rules) for a in report.assets)


def detection_only(report: Report) -> bool:
    """Some input was read, but no rule of the pack was evaluated on any of it (and no manifest given)."""
    read = [a for a in report.assets if not a.scan.error and a.scan.level is not None]
    if not read or report.nothing_scanned or any(a.manifest for a in report.assets):
        return False
    return pack_rules_evaluated(report) == 0


def notes(report: Report, lang: str = "en") -> list[str]:
    """Sentences every format shows above its summary."""
    if not detection_only(report):
        return []
    return [words(lang)["detection_and_deny" if report.denied else "detection_only"]]


def skipped_counts(report: Report) -> dict[str, int]:
    counts = dict.fromkeys(SKIP_KINDS, 0)
    for skip in report.skipped:
        counts[skip.kind] = counts.get(skip.kind, 0) + 1
    return counts


def skipped_summary(report: Report, lang: str = "en") -> str | None:
    """``skipped: 3 (1 hidden, 2 unsupported)``, or None when nothing was skipped."""
    if not report.skipped:
        return None
    w = words(lang)
    parts = ", ".join(f"{n} {w.get(kind, kind)}" for kind, n in skipped_counts(report).items() if n)
    return f"{w['skipped']}: {len(report.skipped)} ({parts})"

"""What a report must say besides its findings, worded once for every format.

* A scan that evaluated no rule of the pack (datasets without a manifest and without ``--flow``)
  says so: its ``violations: 0`` is not a pass of the rules, only detection ran.
* What directory walks skipped (hidden entries, ``.gitignore``, ``--exclude``, unsupported files),
  counted by kind: not errors, but never dropped silently.
* The pack's rules the run did not evaluate, by reason (``--skip-rule``, ``--only-rule``, disabled, not
  applicable), on one line.
"""

from __future__ import annotations

from .model import Report
from .rule_skips import by_reason

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
        "rules_skipped": "rules not evaluated",
        "skip_rule": "--skip-rule",
        "only_rule": "--only-rule",
        "disabled": "disabled",
        "not_applicable": "not applicable",
        "more": "more",
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
        "rules_skipped": "未评估的规则",
        "skip_rule": "--skip-rule",
        "only_rule": "--only-rule",
        "disabled": "已停用",
        "not_applicable": "不适用",
        "more": "条",
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


#: rule ids shown per reason on the one summary line (the JSON report lists them all)
SHOWN_RULE_IDS = 6


def rules_skipped_summary(report: Report, lang: str = "en") -> str | None:
    """``rules not evaluated: 3 (--skip-rule: DCS-PI-001; not applicable: DCS-XB-001, DCS-XB-002)``, or
    None when every rule was evaluated or no rule at all was (the detection-only note says why)."""
    if not report.rules_skipped or detection_only(report):
        return None
    w = words(lang)
    parts = []
    for reason, ids in by_reason(report.rules_skipped).items():
        shown = ", ".join(ids[:SHOWN_RULE_IDS])
        if len(ids) > SHOWN_RULE_IDS:
            shown += f", +{len(ids) - SHOWN_RULE_IDS} {w['more']}"
        parts.append(f"{w[reason]}: {shown}")
    return f"{w['rules_skipped']}: {len(report.rules_skipped)} ({'; '.join(parts)})"


def summary_lines(report: Report, lang: str = "en") -> list[str]:
    """The skipped-entries and skipped-rules lines the text and markdown summaries show (those that apply)."""
    return [line for line in (skipped_summary(report, lang), rules_skipped_summary(report, lang)) if line]

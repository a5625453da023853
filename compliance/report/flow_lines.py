"""Each flow's decision in plain lines, shared by the text, markdown, SARIF and JUnit renderings.

The lines quote only values that already passed the masking gate (flow ids, destinations) and words of
the decision itself; renderers still escape them for their own markup.
"""

from __future__ import annotations

from .model import FlowDecision

_WORDS = {
    "en": {
        "flow": "flow",
        "cross_border": "cross-border",
        "domestic": "domestic",
        "required": "required route",
        "declared": "declared",
        "nothing": "nothing",
        "exemption": "exemption",
        "holds": "holds",
        "fails": "does not hold",
        "why": "why",
        "thresholds": "thresholds",
        "problem": "problem",
        "would_change": "absent facts taken at their strictest (giving them may change the route)",
        "notes": "also",
        "failed": "failed rules",
        "sensitive": "sensitive",
        "pass": "PASS",
        "fail": "FAIL",
    },
    "zh": {
        "flow": "流向",
        "cross_border": "出境",
        "domestic": "境内",
        "required": "应采取的路径",
        "declared": "已声明",
        "nothing": "无",
        "exemption": "豁免",
        "holds": "成立",
        "fails": "不成立",
        "why": "理由",
        "thresholds": "阈值",
        "problem": "问题",
        "would_change": "按最严格情形处理的缺失事实（补充后路径可能改变）",
        "notes": "另",
        "failed": "违反的规则",
        "sensitive": "敏感",
        "pass": "通过",
        "fail": "不通过",
    },
}


def headline(d: FlowDecision, lang: str = "en") -> str:
    w = _WORDS.get(lang, _WORDS["en"])
    where = f"{w['cross_border']}: {d.trigger}" if d.cross_border else w["domestic"]
    declared = d.declared_route or w["nothing"]
    return (
        f"{w['flow']} {d.flow} ({d.recipient_type}): {where}; {w['required']}: {d.required_route} "
        f"[{'; '.join(d.articles)}]; {w['declared']}: {declared}; {w[d.status]}"
    )


def details(d: FlowDecision, lang: str = "en") -> list[str]:
    w = _WORDS.get(lang, _WORDS["en"])
    t = d.thresholds
    lines = [f"{w['why']}: {d.reason}"]
    if d.cross_border and t:
        lines.append(
            f"{w['thresholds']}: {t['small_volume']:,} / {t['assessment_individuals']:,}; "
            f"{w['sensitive']} {t['assessment_sensitive']:,} (XB-2024 Arts 5(4), 7, 8)"
        )
    if d.exemption_holds is not None:
        verdict = w["holds"] if d.exemption_holds else w["fails"]
        extra = f": {d.exemption_problem}" if d.exemption_problem else ""
        lines.append(f"{w['exemption']} {d.exemption or '?'} {verdict}{extra}")
    if d.route_problem:
        lines.append(f"{w['problem']}: {d.route_problem}")
    if d.would_change:
        lines.append(f"{w['would_change']}: {', '.join(d.would_change)}")
    lines += [f"{w['notes']}: {note}" for note in d.notes]
    if d.failed_rules:
        lines.append(f"{w['failed']}: {', '.join(d.failed_rules)}")
    return lines


def lines(d: FlowDecision, lang: str = "en") -> list[str]:
    """The headline and its indented details."""
    return [headline(d, lang), *(f"  {line}" for line in details(d, lang))]

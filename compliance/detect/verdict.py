"""Decide what a column holds from its header signals and its value tallies.

Value evidence decides for every entity that has a value pattern: a header alone never makes a
column of order numbers personal, and a meaningless header (``c3``) does not hide a column of mobile
numbers. A header signal lowers the share of valid values needed. Categories without a value pattern
(health, religion, biometrics ...) can only come from the header.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..policy.model import Pack
from .detectors import SPECIFICITY, value_detectors
from .headers import (
    EXPLICIT,
    HeaderSignal,
    names_a_birth_date,
    names_a_key,
    names_a_non_person,
    person_name_header,
)
from .tally import ColumnTally

#: share of non-null values that must validate for a column to hold an entity
MIN_RATIO = 0.6
#: the same when the header names the entity
MIN_RATIO_WITH_HEADER = 0.3
#: a more specific entity wins when it explains at least this share of the best one's matches
SPECIFIC_ENOUGH = 0.85
HEADER_BOOST = 0.1
#: formats that plain numbers match by chance (row numbers, amounts, months and coordinates pass as
#: phone numbers of some country, 8-digit values as permits): without a header naming them, a column
#: of mostly plain numbers or dates is not one of them
NEEDS_HEADER_FOR_DIGITS = frozenset({"PHONE_NUMBER", "CN_HMT_PERMIT"})
#: entities whose header lowers the bar only for the values it vouches for (``ValueDetector.plausible``:
#: phone numbers plausible for the pack's ``settings.phone_regions``), not for every valid value
HEADER_NEEDS_PLAUSIBLE = frozenset({"PHONE_NUMBER"})


@dataclass(frozen=True)
class EntityHit:
    type: str
    match_ratio: float
    count: int
    score: float
    sporadic: bool = False  # found inside free text, not as the column's values
    masked: bool = False  # every value found was masked at the source (138****5678): de-identified at most


@dataclass
class ColumnVerdict:
    name: str
    entities: list[EntityHit] = field(default_factory=list)
    category: str | None = None
    evidence: list[str] = field(default_factory=list)
    header_signals: list[str] = field(default_factory=list)
    non_null: int = 0
    placeholders: int = 0  # N/A, -, 未提供 ...: not values, not part of any share
    name_masked: bool = False  # set on the report's masked copy when ``name`` held a personal value

    @property
    def primary(self) -> str | None:
        whole = [e for e in self.entities if not e.sporadic]
        return whole[0].type if whole else None


def _rank(entity: str) -> int:
    return SPECIFICITY.index(entity) if entity in SPECIFICITY else len(SPECIFICITY)


def _base_scores() -> dict[str, float]:
    return {d.entity: d.score for d in value_detectors()}


def decide(tally: ColumnTally, signals: list[HeaderSignal], pack: Pack) -> ColumnVerdict:
    """The column's entities (best first), its category and masked evidence."""
    verdict = ColumnVerdict(
        tally.name,
        non_null=tally.non_null,
        placeholders=tally.placeholders,
        header_signals=[s.target for s in signals],
    )
    hinted = {s.entity for s in signals if s.entity}
    if person_name_header(tally.name, pack) == EXPLICIT:
        hinted.add("PERSON")  # forename, 姓氏: person-name headers the pack's keywords do not list
    scores = _base_scores()
    if tally.non_null:
        whole = [(e, r, c) for e, r, c in shares(tally, hinted) if r >= _bar(e, tally, hinted)]
        if "PERSON" not in hinted and names_a_non_person(tally.name):
            whole = [w for w in whole if w[0] != "PERSON"]  # Katrina the hurricane, Bella the dog
        primary = _choose(whole, hinted)
        if primary:
            entity, ratio, count = primary
            boost = HEADER_BOOST if entity in hinted else 0.0
            score = min(1.0, scores.get(entity, 0.5) + boost)
            entry = tally.entities[entity]
            masked = entry.masked > 0 and entry.full == 0
            verdict.entities.append(EntityHit(entity, round(ratio, 4), count, round(score, 2), masked=masked))
            verdict.evidence.extend(tally.entities[entity].examples)
        elif names_a_birth_date(tally.name) and tally.bare_digits >= MIN_RATIO * tally.non_null:
            # dates (or birth years) under a birth-date header: the person's DATE_TIME; the header's
            # ``personal`` category signal decides the category, the values only that they are dates
            share = tally.bare_digits / tally.non_null
            score = scores.get("DATE_TIME", 0.6)
            verdict.entities.append(EntityHit("DATE_TIME", round(share, 4), tally.bare_digits, score))
        for entity, entry in sorted(tally.entities.items(), key=lambda kv: _rank(kv[0])):
            if primary and entity == primary[0]:
                continue
            if entry.embedded and tally.is_free_text:
                count = entry.embedded + entry.full
                ratio = round(count / tally.non_null, 4)
                verdict.entities.append(EntityHit(entity, ratio, count, scores.get(entity, 0.5), sporadic=True))
                verdict.evidence.extend(e for e in entry.examples if e not in verdict.evidence)
    verdict.evidence = verdict.evidence[:3]
    verdict.category = category_of(verdict, signals, pack)
    return verdict


def shares(tally: ColumnTally, hinted: set[str]) -> list[tuple[str, float, int]]:
    """(entity, share of the column's values, count) of every entity whose values fill the column.

    Raw and masked-at-source values both count. Under a header naming it, an entity in
    ``HEADER_NEEDS_PLAUSIBLE`` counts only the values the header vouches for when that is what lets
    it pass the lowered bar (``_bar``)."""
    out = []
    for entity, entry in tally.entities.items():
        count = entry.full + entry.masked
        if not count:
            continue
        if entity in hinted and entity in HEADER_NEEDS_PLAUSIBLE:
            vouched = entry.plausible + entry.masked
            if count / tally.non_null < MIN_RATIO or _digits_only(entity, tally, set()):
                count = vouched
        if count:
            out.append((entity, count / tally.non_null, count))
    return out


def _digits_only(entity: str, tally: ColumnTally, hinted: set[str]) -> bool:
    """Mostly plain numbers or dates, no header naming an entity that plain numbers match by chance."""
    return entity in NEEDS_HEADER_FOR_DIGITS and entity not in hinted and tally.bare_digits * 2 >= tally.non_null


def _bar(entity: str, tally: ColumnTally, hinted: set[str]) -> float:
    """The share an entity's values need (above 1 when plain numbers cannot be this entity, or when
    the header names a record key: ``id`` values ``2015-000001`` pass as some country's phone number)."""
    if _digits_only(entity, tally, hinted):
        return float("inf")
    if entity in NEEDS_HEADER_FOR_DIGITS and entity not in hinted and names_a_key(tally.name):
        return float("inf")
    return MIN_RATIO_WITH_HEADER if entity in hinted else MIN_RATIO


def candidate_entities(tally: ColumnTally, hinted: set[str], margin: float) -> set[str]:
    """Entities whose share is within ``margin`` (a factor below 1) of their bar: a decision sample
    keeps their detectors for the full pass, so a share near the bar is decided on every row."""
    if not tally.non_null:
        return set()
    return {e for e, r, _ in shares(tally, hinted) if r >= _bar(e, tally, hinted) * margin}


def _choose(whole: list[tuple[str, float, int]], hinted: set[str]) -> tuple[str, float, int] | None:
    """One entity explains a column: the best supported, preferring specific and header-named ones."""
    if not whole:
        return None
    best_ratio = max(ratio for _, ratio, _ in whole)
    close = [w for w in whole if w[1] >= best_ratio * SPECIFIC_ENOUGH]
    return min(close, key=lambda w: (w[0] not in hinted, _rank(w[0]), -w[1]))


def category_of(verdict: ColumnVerdict, signals: list[HeaderSignal], pack: Pack) -> str | None:
    """The highest-level category among the column's entities and category-only header signals."""
    candidates = []
    for hit in verdict.entities:
        mapping = pack.entities.get(hit.type)
        if mapping:
            candidates.append(mapping.category)
    candidates.extend(s.category for s in signals if s.category and not s.entity)
    known = [c for c in candidates if pack.category(c)]
    if not known:
        return None
    order = pack.level_order
    best = known[0]
    for cat in known[1:]:
        if order.compare(pack.category(cat).min_level, pack.category(best).min_level) > 0:
            best = cat
    return best

"""The domain: provinces, pledges and their targets, year-end actuals (plain frozen
dataclasses; pydantic is never imported here).

No I/O here. Values arrive as tomllib gives them, with floats already parsed
as ``Decimal`` so that no binary rounding ever touches a figure; numbers are
kept as ``Fraction`` from then on. How a figure, a threshold or a number of
points is read and refused is ``figures.py``. A file is turned into these objects
either directly, when it is plain (``load_file.py``, ``plain_pledge.py``,
``load_registry.py``), or through pydantic's validation of ``schema.py`` (the same
fields, whose problems users read), which converts what it validated into them.
The checks that span several fields are the plain functions here (``check_target``,
``check_references``...), run on the domain objects by both ways.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any

from pledgecli.diagnostics import Problem
from pledgecli.figures import (
    Threshold,
    parse_threshold,
)
from pledgecli.i18n import _
from pledgecli.names import did_you_mean
from pledgecli.report_model import Actuals as Actuals
from pledgecli.report_model import Correction as Correction
from pledgecli.report_model import Deduction as Deduction
from pledgecli.report_model import Province as Province
from pledgecli.scoring_model import DocumentHeader as DocumentHeader
from pledgecli.scoring_model import MissedScoring as MissedScoring
from pledgecli.scoring_model import Rotation as Rotation
from pledgecli.scoring_model import Scoring as Scoring
from pledgecli.scoring_model import check_scoring


class Rule(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOVE = "above"
    BELOW = "below"
    GROWTH_AT_LEAST = "growth_at_least"
    GROWTH_AT_MOST = "growth_at_most"
    MUST_BE = "must_be"

    @property
    def is_growth(self) -> bool:
        """Judged on (this year - baseline year) / baseline year."""
        return self is Rule.GROWTH_AT_LEAST or self is Rule.GROWTH_AT_MOST

    @property
    def is_upper(self) -> bool:
        """The figure must stay at or under the threshold (strictly, for ``below``)."""
        return self is Rule.AT_MOST or self is Rule.BELOW or self is Rule.GROWTH_AT_MOST

    @property
    def is_strict(self) -> bool:
        """Exactly on the threshold misses (``above``: trên/hơn N, ``below``: dưới N)."""
        return self is Rule.ABOVE or self is Rule.BELOW

    def holds(self, actual: Fraction, threshold: Fraction) -> bool:
        """Whether ``actual`` meets ``threshold`` under this rule, exactly."""
        if self.is_strict:
            return actual < threshold if self.is_upper else actual > threshold
        return actual <= threshold if self.is_upper else actual >= threshold


class JudgedBy(StrEnum):
    CLUSTER = "cluster"


class Scope(StrEnum):
    PROVINCE = "province"
    CLUSTER = "cluster"


RULE_KEYS = tuple(rule.value for rule in Rule)
_RULES = tuple(Rule)


@dataclass(frozen=True, kw_only=True)
class Target:
    """One chỉ tiêu of a pledge, with exactly one rule (``check_target``)."""

    id: str
    text: str
    metric: str
    per: str | None = None
    at_least: Any = None
    at_most: Any = None
    above: Any = None
    below: Any = None
    growth_at_least: Any = None
    growth_at_most: Any = None
    must_be: Any = None
    scope: Scope = Scope.PROVINCE
    judged_by: JudgedBy | None = None
    unit: str | None = None
    baseline_year: int | None = None
    overrides: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def rule(self) -> Rule:
        # Asked several times per result: found once per target (targets are frozen).
        for rule in _RULES:
            if getattr(self, rule.value) is not None:
                return rule
        raise AssertionError("validated targets have a rule")

    @property
    def is_percent(self) -> bool:
        """Ratios and growth are judged as percentages."""
        return self.per is not None or self.rule.is_growth

    @cached_property
    def threshold(self) -> Threshold:
        # Parsed once per target, not once per province (targets are frozen).
        return self.parse_threshold(getattr(self, self.rule.value), ())

    def threshold_for(self, province: str | None) -> Threshold:
        if province is not None and province in self.overrides:
            return self.parse_threshold(self.overrides[province], ())
        return self.threshold

    def uses_baseline(self) -> bool:
        return self.rule.is_growth

    def parse_threshold(self, value: object, key: tuple[str | int, ...]) -> Threshold:
        rule = self.rule if key == () or key[0] == "overrides" else Rule(str(key[0]))
        return parse_threshold(
            value,
            key,
            must_be=rule is Rule.MUST_BE,
            growth=rule.is_growth,
            per=self.per is not None,
        )


def check_target(target: Target) -> None:
    """A target has one rule, a threshold its rule reads, and only the keys its rule
    allows; a ``Problem`` (its key relative to the target) if not."""
    given = [key for key in RULE_KEYS if getattr(target, key) is not None]
    if not given:
        raise Problem(
            _('target "{target}" has no rule').format(target=target.id),
            hint=_(
                "add one of at_least, at_most, above, below, growth_at_least, "
                "growth_at_most, must_be"
            ),
        )
    if len(given) > 1:
        raise Problem(
            _('target "{target}" has {count} rules ({rules}); a target has one').format(
                target=target.id, count=len(given), rules=", ".join(given)
            ),
            key=(given[1],),
            hint=_("split it into two targets"),
        )
    rule = Rule(given[0])
    target.parse_threshold(getattr(target, rule.value), (rule.value,))
    for province, value in target.overrides.items():
        target.parse_threshold(value, ("overrides", province))
    if target.scope is Scope.CLUSTER and target.overrides:
        raise Problem(
            _(
                'target "{target}" is judged on the whole cluster, so it cannot have overrides'
            ).format(target=target.id),
            key=("overrides",),
        )
    if target.per is not None and rule is Rule.MUST_BE:
        raise Problem(_("a must_be target cannot have per"), key=("per",))
    if target.baseline_year is not None and not rule.is_growth:
        raise Problem(
            _("baseline_year only applies to growth_at_least and growth_at_most"),
            key=("baseline_year",),
        )
    if target.judged_by is not None and rule is not Rule.MUST_BE:
        raise Problem(
            _("a target judged by the cluster is a yes/no target: give it must_be = true"),
            key=("judged_by",),
        )


def check_unique_ids(ids: Iterable[str]) -> None:
    """The ids of a pledge's targets, in order: each once."""
    seen: set[str] = set()
    for index, target_id in enumerate(ids):
        if target_id in seen:
            raise Problem(
                _('target id "{target}" is used twice; ids must be unique in a pledge').format(
                    target=target_id
                ),
                key=(index, "id"),
            )
        seen.add(target_id)


def check_distinct(provinces: list[str]) -> None:
    """The signatories of a pledge: each once."""
    seen: set[str] = set()
    for index, province in enumerate(provinces):
        if province in seen:
            raise Problem(_('"{province}" is listed twice').format(province=province), key=(index,))
        seen.add(province)


@dataclass(frozen=True, kw_only=True)
class Pledge:
    """A cluster's giao ước thi đua for one year. ``year`` and ``cluster`` come from the path."""

    year: int
    cluster: str
    path: Path
    name: str
    signed_on: date | None = None
    leader: str | None = None
    deputy: str | None = None
    next_leader: str | None = None
    next_deputy: str | None = None
    provinces: list[str]
    targets: list[Target]
    scoring: Scoring = field(default_factory=Scoring)
    rotation: Rotation = field(default_factory=lambda: Rotation())
    document: DocumentHeader = field(default_factory=DocumentHeader)

    def target(self, target_id: str) -> Target:
        return next(t for t in self.targets if t.id == target_id)

    def baseline_years(self) -> set[int]:
        return {self.baseline_year_of(t) for t in self.targets if t.rule.is_growth}

    def baseline_year_of(self, target: Target) -> int:
        return target.baseline_year if target.baseline_year is not None else self.year - 1


def check_references(pledge: Pledge) -> None:
    """What a pledge's keys say of each other (baseline years, leaders and deputies among
    the signatories, scoring of existing targets, overrides of signatories); a ``Problem``
    (its key relative to the pledge) if not."""
    for index, target in enumerate(pledge.targets):
        if target.baseline_year is not None and not 0 < target.baseline_year < pledge.year:
            raise Problem(
                _("baseline_year {baseline} is not a year before {year}").format(
                    baseline=target.baseline_year, year=pledge.year
                ),
                key=("targets", index, "baseline_year"),
                hint=_("leave it out to compare with {year}").format(year=pledge.year - 1),
            )
    if pledge.leader is not None and pledge.leader not in pledge.provinces:
        raise Problem(
            _('leader "{leader}" does not sign this pledge').format(leader=pledge.leader),
            key=("leader",),
            hint=did_you_mean(pledge.leader, pledge.provinces) or _("name one of provinces"),
        )
    if pledge.next_leader is not None and pledge.next_leader not in pledge.provinces:
        raise Problem(
            _('next_leader "{leader}" does not sign this pledge').format(
                leader=pledge.next_leader
            ),
            key=("next_leader",),
            hint=did_you_mean(pledge.next_leader, pledge.provinces) or _("name one of provinces"),
        )
    for key, head in (("deputy", pledge.leader), ("next_deputy", pledge.next_leader)):
        deputy = getattr(pledge, key)
        if deputy is not None and deputy not in pledge.provinces:
            raise Problem(
                _('{key} "{province}" does not sign this pledge').format(
                    key=key, province=deputy
                ),
                key=(key,),
                hint=did_you_mean(deputy, pledge.provinces) or _("name one of provinces"),
            )
        if deputy is not None and deputy == head:
            raise Problem(
                _('{key} "{province}" is also the leader; the deputy is another unit').format(
                    key=key, province=deputy
                ),
                key=(key,),
            )
    check_scoring(pledge.scoring, [t.id for t in pledge.targets if t.scope is Scope.PROVINCE])
    signatories = set(pledge.provinces)  # overrides x provinces would be quadratic
    for index, target in enumerate(pledge.targets):
        for province in target.overrides:
            if province not in signatories:
                raise Problem(
                    _('override for "{province}", which does not sign this pledge').format(
                        province=province
                    ),
                    key=("targets", index, "overrides", province),
                    hint=did_you_mean(province, pledge.provinces),
                )

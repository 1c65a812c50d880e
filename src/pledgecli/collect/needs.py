"""What figures a year's pledges need from each province, and what kind each metric is."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from pledgecli.dataset import DataSet
from pledgecli.diagnostics import UserError
from pledgecli.i18n import _
from pledgecli.models import Pledge, Rule
from pledgecli.service import select_pledges

if TYPE_CHECKING:
    from pledgecli.evaluate import BaselineMembers

Kind = Literal["number", "boolean"]
Figure = Fraction | bool


@dataclass(frozen=True, slots=True)
class FormRow:
    """One line of a reporting form: one province, one metric."""

    year: int
    province: str
    province_name: str
    metric: str
    kind: Kind
    value: Figure | None
    previous: Figure | None
    targets: str


# A FormRow made by setting its slots directly: what FormRow(...) makes (it has no
# __post_init__), without the frozen class's object.__setattr__ per field (half the cost
# of a national form's 170,000 rows).
_YEAR, _PROVINCE, _NAME, _METRIC, _KIND, _VALUE, _PREVIOUS, _TARGETS = (
    getattr(FormRow, name).__set__
    for name in (
        "year", "province", "province_name", "metric", "kind", "value", "previous", "targets"
    )
)


def new_row(
    year: int,
    province: str,
    province_name: str,
    metric: str,
    kind: Kind,
    value: Figure | None,
    previous: Figure | None,
    targets: str,
) -> FormRow:
    """``FormRow(year, province, ...)``, faster."""
    row: FormRow = object.__new__(FormRow)
    _YEAR(row, year)
    _PROVINCE(row, province)
    _NAME(row, province_name)
    _METRIC(row, metric)
    _KIND(row, kind)
    _VALUE(row, value)
    _PREVIOUS(row, previous)
    _TARGETS(row, targets)
    return row


def check_year(year: int) -> None:
    """Folders are named by four-digit years; any other number would be a folder no one reads."""
    if not 1000 <= year <= 9999:
        raise UserError(
            _("{year} is not a year").format(year=year), _("write the year in full, e.g. 2021")
        )


def metric_kinds(data: DataSet) -> dict[str, Kind]:
    """Every metric the data knows, from every pledge (``must_be`` needs true/false) and
    every report (a value that is true/false)."""
    kinds: dict[str, Kind] = {}
    for pledges in data.pledges.values():
        for pledge in pledges.values():
            for target in pledge.targets:
                boolean = target.rule is Rule.MUST_BE
                kinds.setdefault(target.metric, "boolean" if boolean else "number")
                if target.per is not None:
                    kinds.setdefault(target.per, "number")
    known = kinds.keys()
    for reports in data.actuals.values():
        for report in reports.values():
            if report.metrics.keys() <= known:  # the usual report: nothing new (at once)
                continue
            for metric, value in report.metrics.items():
                kinds.setdefault(metric, "boolean" if isinstance(value, bool) else "number")
    return kinds


def _metric_texts(pledges: list[Pledge]) -> dict[str, list[str]]:
    """metric -> the texts of the targets that need it, in pledge order."""
    texts: dict[str, list[str]] = {}
    for pledge in pledges:
        for target in pledge.targets:
            texts.setdefault(target.metric, [])
            if target.text not in texts[target.metric]:
                texts[target.metric].append(target.text)
            if target.per is not None:
                text = _("{text} (denominator)").format(text=target.text)
                texts.setdefault(target.per, [])
                if text not in texts[target.per]:
                    texts[target.per].append(text)
    return texts


def previous_figure(
    data: DataSet,
    province: str,
    metric: str,
    year: int,
    members_of: BaselineMembers | None = None,
) -> Figure | None:
    """The province's figure of ``year - 1``; for a province that absorbed others since,
    the sum over it and them (what its growth targets compare with). Many lookups pass
    ``members_of`` (``baseline_members_of(data.provinces)``, built once)."""
    if members_of is None:
        from pledgecli.merger import baseline_members_of  # (only then: 170,000 calls a form)

        members_of = baseline_members_of(data.provinces)
    members = members_of(province, year - 1, year)
    reports = data.actuals.get(year - 1, {})
    values = [reports[m].metrics.get(metric) if m in reports else None for m in members]
    if any(v is None for v in values):
        return None
    if len(values) == 1:
        return values[0]
    if any(isinstance(v, bool) for v in values):
        return None
    return sum((v for v in values if isinstance(v, Fraction)), Fraction(0))


def form_rows(data: DataSet, year: int, cluster: str | None = None) -> list[FormRow]:
    """One row per signatory and metric the year's pledges (or one cluster's) need,
    with the value already recorded for ``year`` and the one of ``year - 1``."""
    pledges = select_pledges(data, year, cluster)
    kinds = metric_kinds(data)
    texts = _metric_texts(pledges)
    from pledgecli.merger import baseline_members_of

    members_of = baseline_members_of(data.provinces)  # one index of mergers for every row
    members: dict[tuple[str, int, int], tuple[str, ...]] = {}

    def members_once(province: str, since: int, until: int) -> tuple[str, ...]:
        key = (province, since, until)
        found = members.get(key)
        if found is None:
            found = members[key] = members_of(province, since, until)
        return found

    joined = {metric: " | ".join(found) for metric, found in texts.items()}
    current_year = data.actuals.get(year, {})
    last_year = data.actuals.get(year - 1, {})
    rows: list[FormRow] = []
    add = rows.append
    seen: dict[str, set[str]] = {}  # province -> the metrics it has a row of already
    nothing: dict[str, Figure] = {}
    for pledge in pledges:
        metrics = [
            (metric, kinds[metric], joined[metric])
            for metric in dict.fromkeys(m for t in pledge.targets for m in (t.metric, t.per) if m)
        ]
        for province in pledge.provinces:
            current = current_year.get(province)
            figures = current.metrics if current else nothing
            name = data.province_name(province)
            # last year's figures of a province nothing merged into (the common case) read
            # at once, what previous_figure gives it; a merged one's sum is its own
            alone = members_once(province, year - 1, year) == (province,)
            before = last_year.get(province) if alone else None
            earlier = before.metrics if before is not None else nothing
            done = seen.setdefault(province, set())
            for metric, kind, targets in metrics:
                if metric in done:
                    continue
                done.add(metric)
                if alone:
                    previous = earlier.get(metric)
                else:
                    previous = previous_figure(data, province, metric, year, members_once)
                add(
                    new_row(
                        year, province, name, metric, kind, figures.get(metric), previous, targets
                    )
                )
    return rows

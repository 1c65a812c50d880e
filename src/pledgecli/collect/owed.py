"""Which figures a year's pledges need and who owes them: the rows of a baseline form
(``pledge template 2024 --for 2025``) and the list of ``pledge missing``.

A pledge of YEAR needs, from each signatory, the YEAR figure of every metric its targets
use (and their denominators), and for each growth target the figure of its baseline year
from each province that made up the signatory then (a merged province: the ones merged
into it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pledgecli.collect.needs import FormRow, _metric_texts, metric_kinds, previous_figure
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import UserError, display_path, sort_key, with_lines
from pledgecli.i18n import _, ngettext
from pledgecli.lookup import province_suggestion, resolve_province
from pledgecli.merger import baseline_members_of
from pledgecli.round_outcomes import MissingFigure, MissingOutcome
from pledgecli.service import select_pledges


@dataclass(frozen=True)
class Need:
    """One figure a pledge needs: of ``province`` in ``year``, for ``signatory``'s targets."""

    year: int
    province: str
    metric: str
    signatory: str
    cluster: str
    targets: tuple[str, ...]


def needs(data: DataSet, year: int, cluster: str | None) -> list[Need]:
    """Every figure the year's pledges need, each once (first the year's, in pledge
    order, then the baseline years')."""
    found: dict[tuple[int, str, str], Need] = {}
    members_of = baseline_members_of(data.provinces)
    baseline: list[Need] = []
    for pledge in select_pledges(data, year, cluster):
        for province in pledge.provinces:
            for target in pledge.targets:
                for metric in (target.metric, target.per):
                    if metric is None:
                        continue
                    _add(
                        found, Need(year, province, metric, province, pledge.cluster, ()), target.id
                    )
                if not target.rule.is_growth:
                    continue
                base = pledge.baseline_year_of(target)
                for member in members_of(province, base, year):
                    need = Need(base, member, target.metric, province, pledge.cluster, ())
                    key = (base, member, target.metric)
                    if key not in found:
                        baseline.append(need)
                    _add(found, need, target.id)
    this_year = [n for k, n in found.items() if k[0] == year]
    return this_year + [found[(n.year, n.province, n.metric)] for n in baseline]


def _add(found: dict[tuple[int, str, str], Need], need: Need, target: str) -> None:
    key = (need.year, need.province, need.metric)
    earlier = found.get(key)
    if earlier is None:
        found[key] = Need(*key, need.signatory, need.cluster, (target,))
    elif target not in earlier.targets:
        found[key] = Need(*key, earlier.signatory, earlier.cluster, (*earlier.targets, target))


def baseline_rows(data: DataSet, year: int, for_year: int, cluster: str | None) -> list[FormRow]:
    """The rows of a form of ``year`` asking for what ``for_year``'s growth targets need
    from ``year`` (their baseline year)."""
    if for_year <= year:
        raise UserError(
            _("--for {for_year} must be a later year than {year}").format(
                for_year=for_year, year=year
            ),
            _("e.g. pledge template {previous} --for {year}").format(previous=year - 1, year=year),
        )
    pledges = select_pledges(data, for_year, cluster)
    kinds = metric_kinds(data)
    texts = _metric_texts(pledges)
    members_of = baseline_members_of(data.provinces)
    rows: list[FormRow] = []
    for need in needs(data, for_year, cluster):
        if need.year != year:
            continue
        current = data.actuals.get(year, {}).get(need.province)
        rows.append(
            FormRow(
                year=year,
                province=need.province,
                province_name=data.province_name(need.province),
                metric=need.metric,
                kind=kinds.get(need.metric, "number"),
                value=current.metrics.get(need.metric) if current else None,
                previous=previous_figure(data, need.province, need.metric, year, members_of),
                targets=" | ".join(texts.get(need.metric, [])),
            )
        )
    if not rows:
        raise UserError(
            _("no growth target of {for_year} has {year} as its baseline year").format(
                for_year=for_year, year=year
            ),
            _("pledge template {year} makes the form of {year}'s own pledges").format(year=year),
        )
    return rows


def run_missing(
    data: DataSet, year: int, cluster: str | None, province_text: str | None
) -> MissingOutcome:
    """What the year's pledges need that is not recorded, per signatory."""
    province = None
    if province_text is not None:
        province = resolve_province(province_text, data.provinces)
        if province is None:
            raise UserError(
                _('unknown province "{province}"').format(province=province_text),
                province_suggestion(province_text, data.provinces),
            )
    found = needs(data, year, cluster)
    if province is not None:
        found = [n for n in found if province in (n.signatory, n.province)]
        if not found:
            raise UserError(
                _("{province} signs no {year} pledge").format(
                    province=data.province_name(province), year=year
                )
            )
    missing = []
    for need in found:
        report = data.actuals.get(need.year, {}).get(need.province)
        if report is not None and need.metric in report.metrics:
            continue
        missing.append(
            MissingFigure(
                year=need.year,
                province=need.province,
                metric=need.metric,
                signatory=need.signatory,
                cluster=need.cluster,
                targets=need.targets,
                report=report is not None,
            )
        )
    names = {n.province: data.province_name(n.province) for n in found} | {
        n.signatory: data.province_name(n.signatory) for n in found
    }
    metric_names = {n.metric: data.catalog.name(n.metric) for n in found}
    signatories = list(dict.fromkeys(n.signatory for n in found))
    return MissingOutcome(year, missing, signatories, len(found), names, metric_names)


def find_missing(
    data_dir: Path | None, year: int, cluster: str | None, province: str | None
) -> MissingOutcome:
    """``pledge missing``: load what the year needs (refusing broken data), then list."""
    from pledgecli.collect.needs import check_year
    from pledgecli.load import find_data_dir, load

    check_year(year)
    data = load(find_data_dir(data_dir), year)
    refuse_broken(data, year)
    return run_missing(data, year, cluster, province)


def refuse_broken(data: DataSet, year: int) -> None:
    """Refuse when the files the form is made from have errors."""
    relevant = (
        data.root / "provinces.toml",
        data.root / "pledges" / str(year),
        data.root / "actuals" / str(year),
        data.root / "actuals" / str(year - 1),
    )
    errors = [
        d
        for d in data.diagnostics
        if d.severity == "error"
        and d.path is not None
        and any(d.path == p or p in d.path.parents for p in relevant)
    ]
    if errors:
        shown = sorted(with_lines(errors), key=sort_key)
        summary = ngettext(
            "error: {count} problem in {path}; no form was made (see pledge validate)",
            "error: {count} problems in {path}; no form was made (see pledge validate)",
            len(errors),
        )
        raise UserError(
            shown, closing=summary.format(count=len(errors), path=display_path(data.root))
        )

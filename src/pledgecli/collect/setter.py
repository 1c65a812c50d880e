"""``pledge set YEAR PROVINCE metric=value ...``: quick entry from the command line,
planned, validated and written like an imported form."""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from pledgecli.collect.lock import data_lock
from pledgecli.collect.needs import check_year, metric_kinds
from pledgecli.collect.numbers import parse_boolean, parse_number
from pledgecli.collect.plan import Entry, record
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Problem, UserError
from pledgecli.figure_format import Value, figure_text
from pledgecli.i18n import _
from pledgecli.load import find_data_dir, load
from pledgecli.lookup import province_suggestion, resolve_province
from pledgecli.names import did_you_mean
from pledgecli.round_outcomes import Recorded


def entries_from_arguments(
    data: DataSet, province_text: str, assignments: Sequence[str]
) -> list[Entry]:
    province = resolve_province(province_text, data.provinces)
    if province is None:
        raise UserError(
            _('unknown province "{province}"').format(province=province_text),
            province_suggestion(province_text, data.provinces),
        )
    kinds = metric_kinds(data)
    entries: dict[str, Entry] = {}
    for assignment in assignments:
        # NFC: a name typed in decomposed form (as some keyboards and macOS write it) is one name
        metric, sign, text = (
            unicodedata.normalize("NFC", part.strip()) for part in assignment.partition("=")
        )
        if not sign or not metric or not text:
            raise UserError(
                _('"{argument}" is not metric=value').format(argument=assignment),
                _("for example: coops_new=25"),
            )
        if metric not in kinds:
            raise UserError(
                _('unknown metric "{metric}": no pledge and no report uses it').format(
                    metric=metric
                ),
                did_you_mean(metric, kinds),
            )
        try:
            value: Value = parse_boolean(text) if kinds[metric] == "boolean" else parse_number(text)
        except Problem as error:
            raise UserError(f"{metric}: {error.message}", error.hint) from None
        if not isinstance(value, bool) and value < 0:
            raise UserError(
                _("{metric}: a count cannot be negative ({value})").format(
                    metric=metric, value=text
                )
            )
        entry = Entry(province, metric, value, f'"{assignment}"')
        earlier = entries.get(metric)
        if earlier is not None and not _same_value(earlier.value, value):
            raise UserError(
                _("{metric} of {province} is given twice: {first} ({where}) and {second}").format(
                    metric=metric,
                    province=province,
                    first=figure_text(earlier.value),
                    where=earlier.where,
                    second=figure_text(value),
                ),
                _("give each metric once"),
            )
        entries.setdefault(metric, entry)
    return list(entries.values())


def _same_value(first: Value, second: Value) -> bool:
    return isinstance(first, bool) == isinstance(second, bool) and first == second


def run_set(
    data_dir: Path | None,
    year: int,
    province: str,
    assignments: Sequence[str],
    *,
    force: bool,
    dry_run: bool,
    strict: bool = False,
) -> Recorded:
    check_year(year)
    root = find_data_dir(data_dir)
    # Read, plan and write under the data directory's lock: a figure another command
    # records meanwhile is never lost. A dry run writes nothing and needs no lock.
    with contextlib.nullcontext() if dry_run else data_lock(root):
        data = load(root)
        entries = entries_from_arguments(data, province, assignments)
        return record(
            data,
            year,
            entries,
            force=force,
            dry_run=dry_run,
            origin=_("Written by pledge set."),
            strict=strict,
        )

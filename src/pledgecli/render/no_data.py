"""What is missing behind each "no data" and "no baseline": the province, the target, and
which figure of which year, so that staff know whom to call. Shared by every view."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pledgecli.catalog import metric_name
from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.i18n import _
from pledgecli.outcomes import Report
from pledgecli.render import target_label

# The forms of Result.missing (see evaluate.measure): "<province> <year>: <metric>",
# "<province> <year>: no report", "<metric> <year> = 0".
_FIGURE = re.compile(r"^(?P<province>\S+) (?P<year>\d{4}): (?P<what>.+)$")
_ZERO = re.compile(r"^(?P<metric>\S+) (?P<year>\d{4}) = 0$")
EMPTY = (Status.NO_DATA, Status.NO_BASELINE)


def missing_item(name_of: Callable[[str], str], result: Result, item: str) -> str:
    """One missing figure in words, the metric by its name in the reader's language:
    ``Rural households (2021)``; another province's ``Bạc Liêu: Co-op members (2024)``;
    ``the report of 2021``; ``Active co-ops (2021) is 0``."""
    zero = _ZERO.match(item)
    if zero is not None:
        metric = metric_name(zero["metric"])
        return _("{metric} ({year}) is 0").format(metric=metric, year=zero["year"])
    found = _FIGURE.match(item)
    if found is None:
        return item
    year, what = found["year"], found["what"]
    if what == "no report":
        text = _("the report of {year}").format(year=year)
    else:
        text = _("{metric} ({year})").format(metric=metric_name(what), year=year)
    if found["province"] != result.province:
        text = _("{province}: {what}").format(province=name_of(found["province"]), what=text)
    return text


def missing_what(name_of: Callable[[str], str], result: Result) -> str:
    """Everything missing behind ``result``, in words, ``; `` between."""
    return "; ".join(missing_item(name_of, result, item) for item in result.missing)


def missing_line(report: Report, result: Result, label: str) -> str:
    what = missing_what(report.name_of, result)
    return _("{province}, {target}: missing {what}").format(
        province=report.name_of(result.province), target=label, what=what
    )


def missing_notes(
    report: Report,
    pledge_results: PledgeResults,
    results: Sequence[Result] | None = None,
    *,
    most: int | None = None,
) -> list[str]:
    """A heading line, then one line per no-data or no-baseline result of ``results``
    (default: those ``report`` shows): ``Cà Mau, T6: missing households_rural (2021)``.
    At most ``most`` lines, then how many more. Nothing when nothing is missing."""
    labels = {t.id: target_label(i) for i, t in enumerate(pledge_results.pledge.targets)}
    shown = report.shown(pledge_results) if results is None else results
    empty = [r for r in shown if r.status in EMPTY and r.missing]
    if not empty:
        return []
    lines = [_("? What is missing, and whom to ask for it:")]
    listed = empty if most is None else empty[:most]
    lines += [missing_line(report, r, labels[r.target.id]) for r in listed]
    if len(listed) < len(empty):
        lines.append(
            _("… and {count} more (every one: --format csv, or the workbook).").format(
                count=len(empty) - len(listed)
            )
        )
    return lines

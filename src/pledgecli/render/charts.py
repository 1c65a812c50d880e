"""Charts of a judged pledge: the figures (pure) and their pictures (matplotlib).

Three charts, the same in the workbooks (native Excel charts, see ``xlsx_book``), the
Word report (PNG) and the HTML report and ``check --format svg`` (SVG):

- scores by province, highest first, the flag nominee marked;
- how many provinces met, missed or lacked data for each target;
- per province, how many targets it met, missed or lacked data for.

A pledge signed by more than :data:`LIMIT` provinces draws the first :data:`LIMIT`
(the highest scores; the provinces that met the fewest targets), and a pledge of more
than :data:`LIMIT` targets the :data:`LIMIT` targets met by the fewest provinces (in the
pledge's order), and says so in the title. SVG is self-contained: text is drawn as paths in DejaVu Sans, which ships with
matplotlib, so nothing is fetched and Vietnamese letters show everywhere. matplotlib is
imported only when a picture is drawn; the HTML report draws the same pictures without it
(:mod:`pledgecli.render.html_chart`, from the :class:`Bars` made here).
"""

from __future__ import annotations

import heapq
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from pledgecli.display import number
from pledgecli.evaluate import PledgeResults, Status
from pledgecli.i18n import _
from pledgecli.models import Scope
from pledgecli.render import target_label
from pledgecli.safe_text import visible
from pledgecli.scoring import ProvinceScore, Ranked, nominee, rank

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from pledgecli.outcomes import Report

LIMIT = 40
MET_COLOUR = "#2e7d32"
MISSED_COLOUR = "#c62828"
NO_DATA_COLOUR = "#f9a825"
SCORE_COLOUR = "#5b7fa6"
NOMINEE_COLOUR = "#d4a017"
FONT = "DejaVu Sans"  # ships with matplotlib; has every Vietnamese letter


class Chart(StrEnum):
    SCORES = "scores"
    TARGETS = "targets"
    STATUSES = "statuses"


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Bars:
    """One bar chart as plain values: a bar per label, one series or several stacked."""

    chart: Chart
    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    axis: str
    highlight: frozenset[int] = field(default_factory=frozenset)  # bars of the nominee
    highlight_name: str = ""
    texts: tuple[str, ...] = ()  # the figure written at the end of each bar, if any


def _name(names: Mapping[str, str], province: str) -> str:
    return names.get(province, province)


def _shown_of(shown: int, total: int, title: str) -> str:
    if shown >= total:
        return title
    return _("{title} ({shown} of {total} shown)").format(title=title, shown=shown, total=total)


def scores_bars(
    results: PledgeResults,
    scores: Mapping[str, ProvinceScore],
    names: Mapping[str, str],
    ranking: Sequence[Ranked] | None = None,
) -> Bars:
    """``ranking``: ``rank(scores, names)`` when the caller has it (a review does): ranking
    again sorts every name of a national pledge by its Vietnamese key (33,210 of them)."""
    if ranking is None:
        ranking = rank(scores, names)
    proposed = set(nominee(ranking, results.pledge.scoring).provinces)
    top = ranking[:LIMIT]
    title = _shown_of(len(top), len(ranking), _("Scores by province"))
    return Bars(
        Chart.SCORES,
        title,
        tuple(_name(names, r.score.province) for r in top),
        (Series(_("Score"), SCORE_COLOUR, tuple(float(r.score.score) for r in top)),),
        _("Points"),
        frozenset(i for i, r in enumerate(top) if r.score.province in proposed),
        _("Proposed for the emulation flag"),
        tuple(number(r.score.score) for r in top),
    )


def _status_series(counts: Sequence[tuple[int, int, int]]) -> tuple[Series, ...]:
    return (
        Series(_("Met"), MET_COLOUR, tuple(float(c[0]) for c in counts)),
        Series(_("Missed"), MISSED_COLOUR, tuple(float(c[1]) for c in counts)),
        Series(_("No data"), NO_DATA_COLOUR, tuple(float(c[2]) for c in counts)),
    )


# (a target's id, its status's value): an Enum member's hash is a Python call, its str's is cached
_TARGET_STATUS = attrgetter("target.id", "status._value_")


def _province_counts(results: PledgeResults) -> dict[str, tuple[int, int, int]]:
    """Per target with a province's result: how many provinces met, missed, had no data
    (or no baseline). Counted in C (:class:`~collections.Counter`, a national pledge has
    ~70,000 results), the cluster's own results taken off again."""
    tally = Counter(map(_TARGET_STATUS, results.results))
    tally.subtract(map(_TARGET_STATUS, results.cluster_results()))
    counts: dict[str, tuple[int, int, int]] = {}
    for (target_id, _value), count in tally.items():
        if count and target_id not in counts:
            met, missed = tally[target_id, Status.MET.value], tally[target_id, Status.MISSED.value]
            other = sum(tally[target_id, s.value] for s in Status) - met - missed
            counts[target_id] = (met, missed, other)
    return counts


def targets_bars(results: PledgeResults) -> Bars:
    counts = _province_counts(results)
    targets = [
        (target_label(i), t.id)
        for i, t in enumerate(results.pledge.targets)
        if t.scope is Scope.PROVINCE and t.id in counts
    ]
    title = _("Provinces that met each target")
    if len(targets) > LIMIT:  # the targets the cluster has to look at first, in pledge order
        order = {target_id: i for i, (_label, target_id) in enumerate(targets)}
        fewest = sorted(targets, key=lambda t: (counts[t[1]][0], order[t[1]]))[:LIMIT]
        title = _("Provinces per target: the {shown} targets met by the fewest, of {total}").format(
            shown=LIMIT, total=len(targets)
        )
        targets = sorted(fewest, key=lambda t: order[t[1]])
    return Bars(
        Chart.TARGETS,
        title,
        tuple(label for label, _id in targets),
        _status_series([(counts[i][0], counts[i][1], counts[i][2]) for _l, i in targets]),
        _("Provinces"),
    )


def statuses_bars(
    results: PledgeResults, scores: Mapping[str, ProvinceScore], names: Mapping[str, str]
) -> Bars:
    provinces = [p for p in results.pledge.provinces if p in scores]
    if len(provinces) > LIMIT:  # the provinces staff need to call first
        # sorted(...)[:LIMIT] without sorting them all (ties kept in the same order)
        provinces = heapq.nsmallest(
            LIMIT, provinces, key=lambda p: (scores[p].met, scores[p].score, _name(names, p))
        )
        title = _("Targets per province: the {shown} that met the fewest, of {total}").format(
            shown=LIMIT, total=len(scores)
        )
    else:
        title = _("Targets met, missed and without data per province")
    return Bars(
        Chart.STATUSES,
        title,
        tuple(_name(names, p) for p in provinces),
        _status_series(
            [
                (
                    scores[p].met,
                    scores[p].missed,
                    scores[p].no_data + scores[p].no_baseline,
                )
                for p in provinces
            ]
        ),
        _("Targets"),
    )


def bars(
    chart: Chart,
    results: PledgeResults,
    scores: Mapping[str, ProvinceScore],
    names: Mapping[str, str],
) -> Bars:
    if chart is Chart.SCORES:
        return scores_bars(results, scores, names)
    if chart is Chart.TARGETS:
        return targets_bars(results)
    return statuses_bars(results, scores, names)


# -- pictures ---------------------------------------------------------------------------


def _height(chart: Bars) -> float:
    return 1.3 + 0.28 * max(len(chart.labels), 1)


def _draw(axes: Axes, chart: Bars) -> None:
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    positions = list(range(len(chart.labels)))
    left = [0.0] * len(positions)
    handles = []
    for series in chart.series:
        colours = [NOMINEE_COLOUR if i in chart.highlight else series.colour for i in positions]
        axes.barh(positions, series.values, left=left, color=colours, height=0.7)
        handles.append(Patch(color=series.colour, label=visible(series.name)))
        left = [a + b for a, b in zip(left, series.values, strict=True)]
    if chart.highlight:
        handles.append(Patch(color=NOMINEE_COLOUR, label=visible(chart.highlight_name)))
    for position, value, text in zip(positions, left, chart.texts, strict=False):
        axes.text(value, position, f" {visible(text)}", va="center", fontsize=8)
    axes.set_yticks(positions, [visible(label) for label in chart.labels], fontsize=8)
    axes.invert_yaxis()  # first label on top
    axes.set_xlabel(visible(chart.axis), fontsize=9)
    axes.set_title(visible(chart.title), fontsize=10, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if len(handles) > 1:
        axes.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if not chart.labels:
        axes.text(0.5, 0.5, _("nothing to show"), ha="center", transform=axes.transAxes)


def _figure(charts: Sequence[Bars], width: float = 7.5) -> Figure:
    """The charts stacked, laid out by hand (a layout engine would draw everything twice)."""
    from matplotlib.figure import Figure

    heights = [_height(c) for c in charts]
    total = sum(heights)
    figure = Figure(figsize=(width, total))
    longest = max((len(label) for c in charts for label in c.labels), default=4)
    left = min(0.35 + 0.062 * longest, width * 0.4)  # inches for the province names
    right = 1.9  # the legend
    top = total
    for chart, height in zip(charts, heights, strict=True):
        title_lines = chart.title.count("\n") + 1
        bottom = top - height
        axes = figure.add_axes(
            (
                left / width,
                (bottom + 0.55) / total,
                (width - left - right) / width,
                (height - 0.55 - 0.25 - 0.2 * title_lines) / total,
            )
        )
        _draw(axes, chart)
        top = bottom
    return figure


def _save(charts: Sequence[Bars], file_format: str, dpi: int = 150) -> bytes:
    import matplotlib

    rc: Any = {
        "font.family": FONT,
        "svg.fonttype": "path",  # glyphs as paths: no font needed to view it
        "svg.hashsalt": "pledge",  # the same ids every run
    }
    with matplotlib.rc_context(rc):
        figure = _figure(charts)
        out = io.BytesIO()
        metadata = {"Date": None} if file_format == "svg" else {"Software": None}
        figure.savefig(out, format=file_format, dpi=dpi, metadata=metadata)
        figure.clear()  # its artists refer to each other: let them go now, not at a later gc
    return out.getvalue()


def svg(chart: Bars) -> str:
    """One chart as a self-contained SVG document (no font or file fetched)."""
    return _save([chart], "svg").decode("utf-8")


def png(chart: Bars, dpi: int = 150) -> bytes:
    """One chart as a PNG picture (for the Word report)."""
    return _save([chart], "png", dpi)


def inline_svg(chart: Bars) -> str:
    """One chart as an ``<svg>`` element to put inside an HTML page (no XML prolog)."""
    import re

    text = svg(chart)
    text = text[text.index("<svg") :]
    # The RDF metadata says nothing to a reader of the page (and names addresses).
    return re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)


def review_charts(
    results: PledgeResults,
    scores: Mapping[str, ProvinceScore],
    names: Mapping[str, str],
    ranking: Sequence[Ranked] | None = None,
) -> list[Bars]:
    """The charts of a review, in the order the reports show them: targets per province
    (with the results), provinces per target (with the totals), scores (with the ranking,
    ``ranking`` when the review has it: see :func:`scores_bars`)."""
    return [
        statuses_bars(results, scores, names),
        targets_bars(results),
        scores_bars(results, scores, names, ranking),
    ]


def check_svg(report: Report) -> str:
    """``check --format svg``: per pledge, targets per province, provinces per target and
    the scores, as one self-contained SVG."""
    charts: list[Bars] = []
    for results in report.pledges:
        scores = report.scores.get(results.pledge.cluster, {})
        if report.province is not None:
            scores = {p: s for p, s in scores.items() if p == report.province}
        names = report.province_names
        title = visible(results.pledge.name) + f" — {results.pledge.year}"
        first = statuses_bars(results, scores, names)
        charts.append(
            Bars(first.chart, f"{title}\n{first.title}", first.labels, first.series, first.axis)
        )
        if report.province is None:
            charts.append(targets_bars(results))
            charts.append(scores_bars(results, scores, names))
    return _save(charts, "svg").decode("utf-8")

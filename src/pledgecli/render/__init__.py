"""Results -> text, one module per format; only the table renderer imports Rich."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TextIO

from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.i18n import _
from pledgecli.scoring import ProvinceScore


@dataclass(frozen=True)
class Report:
    """What ``pledge check`` shows: the judged pledges of a year, maybe for one province."""

    year: int
    pledges: tuple[PledgeResults, ...]
    province_names: Mapping[str, str]
    province: str | None = None
    scores: Mapping[str, Mapping[str, ProvinceScore]] = field(default_factory=dict)

    def score_of(self, cluster: str, province: str | None) -> ProvinceScore | None:
        """A province's score in a cluster's pledge (``None`` for the cluster row)."""
        if province is None:
            return None
        return self.scores.get(cluster, {}).get(province)

    def points_of(self, cluster: str, result: Result) -> Fraction | None:
        """The points one result earned (its share, plus any bonus), before the cap."""
        score = self.score_of(cluster, result.province)
        if score is None or result.target.id not in score.by_target:
            return None
        earned = score.by_target[result.target.id]
        return earned.points + earned.bonus if earned.bonus else earned.points

    def name_of(self, province: str | None) -> str:
        if province is None:
            return _("Whole cluster")
        return self.province_names.get(province, province)

    def shown(self, pledge: PledgeResults) -> list[Result]:
        """The results this report shows: all, or those of its one province."""
        if self.province is None:
            return list(pledge.results)
        return pledge.for_province(self.province)

    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for pledge in self.pledges:
            for result in self.shown(pledge):
                counts[result.status] += 1
        return counts


Renderer = Callable[[Report], str]


def renderer(name: str) -> Renderer:
    if name == "json":
        from pledgecli.render.json import render
    elif name == "csv":
        from pledgecli.render.csv import render
    elif name == "markdown":
        from pledgecli.render.markdown import render
    else:
        raise KeyError(name)
    return render


def write(name: str, report: Report, out: TextIO) -> None:
    """Write ``report`` in the format ``name``; JSON goes out piece by piece, so that national
    data (100,000 results) never sits in memory as one string."""
    if name == "json":
        from pledgecli.render.json import chunks

        out.writelines(chunks(report))
    else:
        out.write(renderer(name)(report))


def target_label(index: int) -> str:
    """Short column header of the ``index``-th target (0-based): T1, T2, ..."""
    return f"T{index + 1}"

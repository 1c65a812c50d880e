"""The axes of the HTML report's charts as matplotlib sets them: the limits its autoscale
gives bars (:func:`limits`), the ticks of ``MaxNLocator(integer=True)`` (:func:`ticks`) and
``ScalarFormatter``'s texts of them (:func:`tick_labels`), ported so that
:mod:`pledgecli.render.html_chart` draws what :mod:`pledgecli.render.charts` draws, without
importing matplotlib (tests/test_html_chart.py compares them with matplotlib's)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pledgecli.render.charts import Bars

STEPS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
NBINS = 10


def _scale_range(vmin: float, vmax: float, n: int) -> tuple[float, float]:
    dv = abs(vmax - vmin)
    meanv = (vmax + vmin) / 2
    offset = 0.0
    if abs(meanv) / dv >= 100:
        offset = math.copysign(10 ** (math.log10(abs(meanv)) // 1), meanv)
    return 10 ** (math.log10(dv / n) // 1), offset


def ticks(vmin: float, vmax: float) -> list[float]:
    """The ticks of an axis from ``vmin`` to ``vmax`` shown by MaxNLocator(integer=True)."""
    if vmax < vmin:
        vmin, vmax = vmax, vmin
    if vmax - vmin <= max(abs(vmin), abs(vmax)) * 1e-14:  # matplotlib's nonsingular
        if vmin == vmax == 0:
            vmin, vmax = -1e-13, 1e-13
        else:
            vmin, vmax = vmin - 1e-13 * abs(vmin), vmax + 1e-13 * abs(vmax)
    scale, offset = _scale_range(vmin, vmax, NBINS)
    low_v, high_v = vmin - offset, vmax - offset
    extended = [0.1 * s for s in STEPS[:-1]] + list(STEPS) + [10 * STEPS[1]]
    steps = [
        s * scale for s in extended if s * scale < 1 or abs(s * scale - round(s * scale)) < 0.001
    ]
    raw = (high_v - low_v) / NBINS
    large = [i for i, s in enumerate(steps) if s >= raw]
    first = large[0] if large else len(steps) - 1
    found: list[float] = []
    for step in reversed(steps[: first + 1]):
        if math.floor(high_v) - math.ceil(low_v) >= 1:
            step = max(1.0, step)
        tol = 1e-10
        if offset:
            tol = min(0.4999, max(1e-10, 10 ** (math.log10(abs(offset) / step) - 12)))
        best = (low_v // step) * step
        d, m = divmod(low_v - best, step)
        low = d + 1 if abs(m / step - 1) < tol else d
        d, m = divmod(high_v - best, step)
        high = d if abs(m / step) < tol else d + 1
        found = [k * step + best for k in range(int(low), int(high) + 1)]
        if sum(1 for t in found if low_v <= t <= high_v) >= 2:
            break
    return [t + offset for t in found]


def tick_labels(values: Sequence[float]) -> list[str]:
    """ScalarFormatter's texts of the ticks (all the locator gave, shown or not): the
    decimals the ticks' spread needs, the same for all, a minus sign rather than a hyphen
    (no offset and no power of ten: the charts' values stay under a million)."""
    spread = max(values) - min(values) if values else 0.0
    if spread == 0:
        spread = max((abs(v) for v in values), default=0.0) or 1.0
    magnitude = math.floor(math.log10(spread))
    decimals = max(0, 3 - magnitude)
    while decimals >= 0:
        if max(abs(v - round(v, decimals)) for v in values) < 1e-3 * 10**magnitude:
            decimals -= 1
        else:
            break
    decimals += 1
    return [f"{0.0 if abs(v) < 1e-8 else v:.{decimals}f}".replace("-", "\u2212") for v in values]


# -- the chart --------------------------------------------------------------------------


def limits(chart: Bars) -> tuple[float, float, float, float]:
    """(xmin, xmax, ytop, ybottom) of the axes, as matplotlib's autoscale sets them: a
    margin of 5% each side, but not past the edge a bar starts from (a sticky edge)."""
    count = len(chart.labels)
    if not count:
        return 0.0, 1.0, 0.0, 1.0
    lows, highs, sticky = [], [], set()
    left = [0.0] * count
    for series in chart.series:
        for i, value in enumerate(series.values):
            lows.append(min(left[i], left[i] + value))
            highs.append(max(left[i], left[i] + value))
            sticky.add(left[i])
            left[i] += value
    low, high = min(lows), max(highs)
    if high - low <= max(abs(low), abs(high)) * 1e-15:  # MaxNLocator.nonsingular
        if low == high == 0:
            low, high = -0.05, 0.05
        else:
            low, high = low - 0.05 * abs(low), high + 0.05 * abs(high)
    tol = 1e-5 * max(abs(low), abs(high), high - low)
    below = [s for s in sticky if s < low + tol]
    above = [s for s in sticky if s > high - tol]
    margin = 0.05 * (high - low)
    xmin, xmax = low - margin, high + margin
    if below:
        xmin = max(xmin, max(below))
    if above:
        xmax = min(xmax, min(above))
    ylow, yhigh = -0.35, count - 1 + 0.35
    margin = 0.05 * (yhigh - ylow)
    return xmin, xmax, ylow - margin, yhigh + margin

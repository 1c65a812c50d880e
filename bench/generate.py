"""Synthetic pledge data in the v1 format, for the benchmark and the scale tests.

``python3 bench/generate.py OUT --units 3321 --targets 30`` writes a data
directory in which UNITS units (communes: ``xa-00001`` ...) all sign one
pledge of TARGETS targets for YEAR, and every unit reports its figures for
YEAR and for the year before (the growth targets' baseline).

The targets cycle through every kind of rule: counts at least / at most (with
per-unit overrides), ratios at least / at most, growth, ``must_be`` true and
false, and the cluster-scope versions of counts, ratios and growth. Figures are
drawn from a seeded generator, so the same arguments always write the same
bytes; a few units leave a figure out or report a baseline of zero, so every
status (met, missed, no-data, no-baseline) appears.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SEED = 6
DEFAULT_YEAR = 2026
CLUSTER = "bench"


@dataclass(frozen=True)
class Kind:
    """One kind of target: how its TOML reads and how a unit's figures are drawn."""

    rule: str
    ratio: bool = False
    growth: bool = False
    scope: str = "province"


KINDS = (
    Kind("at_least = {count}"),
    Kind("at_most = {count}"),
    Kind('at_least = "{percent}%"', ratio=True),
    Kind('at_most = "{percent}%"', ratio=True),
    Kind('growth_at_least = "{growth}%"', growth=True),
    Kind("must_be = true"),
    Kind("must_be = false"),
    Kind("at_least = {cluster_count}", scope="cluster"),
    Kind('at_least = "{percent}%"', ratio=True, scope="cluster"),
    Kind('growth_at_least = "{growth}%"', growth=True, scope="cluster"),
)


def kind_of(index: int) -> Kind:
    return KINDS[index % len(KINDS)]


def unit_id(number: int) -> str:
    return f"xa-{number:05d}"


def metric_of(index: int) -> str:
    return f"metric_{index:02d}"


def per_of(index: int) -> str:
    return f"metric_{index:02d}_total"


def is_flag(index: int) -> bool:
    return kind_of(index).rule.startswith("must_be")


def provinces_toml(units: int) -> str:
    lines = []
    for number in range(1, units + 1):
        lines += [f"[{unit_id(number)}]", f'name = "Xã Thử Nghiệm {number:05d}"']
        if number % 10 == 0:
            lines.append(f'aliases = ["XTN {number}"]')
        lines.append("")
    return "\n".join(lines)


def pledge_toml(units: int, targets: int, year: int, rng: random.Random) -> str:
    ids = [unit_id(n) for n in range(1, units + 1)]
    lines = [
        f"# Synthetic benchmark pledge: {units} units x {targets} targets (bench/generate.py).",
        f'name = "Giao ước thi đua thử nghiệm {year}: {units} xã, {targets} chỉ tiêu"',
        f"signed_on = {year}-01-15",
        f'leader = "{ids[0]}"',
        "provinces = [",
        *(f'  "{pid}",' for pid in ids),
        "]",
        "",
    ]
    for index in range(targets):
        kind = kind_of(index)
        rule = kind.rule.format(
            count=rng.randint(5, 20),
            cluster_count=units * 10,
            percent=rng.choice(["50", "60", "12.5", "33.33"]),
            growth=rng.choice(["5", "8", "10", "2.5"]),
        )
        lines += [
            "[[targets]]",
            f'id = "target-{index + 1:02d}"',
            f'text = "Chỉ tiêu {index + 1}: {kind.rule.split(" = ")[0]} ({kind.scope})"',
            f'metric = "{metric_of(index)}"',
        ]
        if kind.ratio:
            lines.append(f'per = "{per_of(index)}"')
        if kind.scope == "cluster":
            lines.append('scope = "cluster"')
        lines.append(rule)
        if kind.scope == "province" and not is_flag(index) and index % 3 == 0:
            overridden = ids[::50]
            value = '"40%"' if kind.ratio or kind.growth else "3"
            lines.append("[targets.overrides]")
            lines += [f"{pid} = {value}" for pid in overridden]
        lines.append("")
    return "\n".join(lines)


def figures(targets: int, rng: random.Random, base: dict[str, str] | None) -> dict[str, str]:
    """One unit's metrics as TOML values; with ``base``, this year's grow from it."""
    values: dict[str, str] = {}
    for index in range(targets):
        metric = metric_of(index)
        if is_flag(index):
            wanted = kind_of(index).rule.endswith("true")
            values[metric] = str(wanted if rng.random() < 0.8 else not wanted).lower()
            continue
        kind = kind_of(index)
        if kind.growth and base is not None and metric in base:
            previous = int(base[metric])
            values[metric] = str(round(previous * rng.uniform(0.95, 1.2)))
        elif kind.ratio:
            total = rng.randint(20, 400)
            values[per_of(index)] = str(total)
            values[metric] = str(rng.randint(0, total))
        elif index % 10 == 0:
            values[metric] = f"{rng.randint(0, 40)}.{rng.randint(0, 9)}"
        else:
            values[metric] = str(rng.randint(0, 30) if not kind.growth else rng.randint(50, 5000))
    return values


def actuals_toml(values: dict[str, str], year: int) -> str:
    lines = [f'source = "Số liệu tổng hợp thử nghiệm {year} (bench/generate.py)"', "", "[metrics]"]
    lines += [f"{metric} = {value}" for metric, value in values.items()]
    return "\n".join(lines) + "\n"


def generate(
    out: Path,
    units: int,
    targets: int,
    *,
    seed: int = DEFAULT_SEED,
    year: int = DEFAULT_YEAR,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """Write the data directory ``out`` (created; existing files are overwritten)."""
    if units < 1 or targets < 1:
        raise ValueError("units and targets must be at least 1")
    rng = random.Random(seed)
    write(out / "provinces.toml", provinces_toml(units))
    write(out / "pledges" / str(year) / f"{CLUSTER}.toml", pledge_toml(units, targets, year, rng))
    own = [i for i in range(targets) if kind_of(i).scope == "province"]
    growth = [i for i in own if kind_of(i).growth]
    for number, pid in enumerate(_units(units), start=1):
        base = figures(targets, rng, None)
        current = figures(targets, rng, base)
        # A few gaps, on the units' own targets only, so that the cluster-wide ones are
        # still judged: a figure left out (no data), a baseline of zero (no baseline).
        if number % 97 == 0 and own:
            current.pop(metric_of(own[number % len(own)]), None)
        if number % 101 == 0 and growth:
            base[metric_of(growth[number % len(growth)])] = "0"
        write(out / "actuals" / str(year - 1) / f"{pid}.toml", actuals_toml(base, year - 1))
        write(out / "actuals" / str(year) / f"{pid}.toml", actuals_toml(current, year))
        if progress is not None:
            progress(number)
    return out


def _units(units: int) -> Iterator[str]:
    return (unit_id(n) for n in range(1, units + 1))


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="data directory to write")
    parser.add_argument("--units", type=int, default=3321, help="signatories (default 3321)")
    parser.add_argument("--targets", type=int, default=30, help="targets (default 30)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--year", type=int, default=DEFAULT_YEAR)
    args = parser.parse_args(argv)
    generate(args.out, args.units, args.targets, seed=args.seed, year=args.year)
    print(f"{args.out}: {args.units} units x {args.targets} targets, pledge year {args.year}")


if __name__ == "__main__":
    main()

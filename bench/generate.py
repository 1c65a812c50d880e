"""Synthetic pledge data in the v1 format, for the benchmark and the scale tests.

``python3 bench/generate.py OUT --units 3321 --targets 30`` writes a data
directory in which UNITS units (communes: ``xa-00001`` ...) all sign one
pledge of TARGETS targets for YEAR, and every unit reports its figures for
YEAR and for the year before (the growth targets' baseline). ``--forms DIR``
also writes what the provinces send back and sign, for the benchmark of
``import`` and ``draft``: the national form of YEAR filled in (``form-YEAR.csv``
and ``form-YEAR.xlsx``, with the columns ``pledge template`` writes) and the
pledge's targets as signed (``signed-YEAR.txt``). A pledge of 10,000 targets
(``--units 34 --targets 10000``) measures how the commands grow with targets.

Reports read as provinces send them: a comment saying whose report it is, a
``source``, and a ``[metrics]`` table of plain figures, some with a note in a
comment (an estimate, a figure awaiting confirmation), nothing else.

The targets cycle through every kind of rule: counts at least / at most (with
per-unit overrides), ratios at least / at most, growth, ``must_be`` true and
false, and the cluster-scope versions of counts, ratios and growth. Figures are
drawn from a seeded generator, so the same arguments always write the same
bytes; a few units leave a figure out or report a baseline of zero, so every
status (met, missed, no-data, no-baseline) appears.
"""

from __future__ import annotations

import argparse
import csv
import random
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SEED = 6
DEFAULT_YEAR = 2026
CLUSTER = "bench"
FORM_UNITS = 3321  # units per form in the folders of forms (the national form of 2025)


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
        elif kind.ratio and base is not None and metric in base:
            # a year later the same unit reports figures near last year's (pledge warns of
            # a change of ten times or more, the slip of a thousands separator)
            total = max(1, round(int(base[per_of(index)]) * rng.uniform(0.9, 1.1)))
            values[per_of(index)] = str(total)
            values[metric] = str(min(total, round(int(base[metric]) * rng.uniform(0.9, 1.1))))
        elif kind.ratio:
            total = rng.randint(20, 400)
            values[per_of(index)] = str(total)
            values[metric] = str(rng.randint(0, total))
        elif index % 10 == 0:
            values[metric] = f"{rng.randint(0, 40)}.{rng.randint(0, 9)}"
        else:
            values[metric] = str(rng.randint(0, 30) if not kind.growth else rng.randint(50, 5000))
    return values


NOTES = ("# ước thực hiện cả năm", "# số liệu chờ Sở Nông nghiệp xác nhận", "# theo báo cáo quý IV")


def actuals_toml(values: dict[str, str], year: int, number: int) -> str:
    """A unit's report as a province writes it: whose it is, its source, plain figures,
    and on some units a note beside a figure or above the table (no padding)."""
    lines = [
        f"# Báo cáo tổng kết năm {year}: Xã Thử Nghiệm {number:05d}.",
        f'source = "Liên minh HTX tỉnh tổng hợp, báo cáo số {number}/BC-LMHTX năm {year}"',
        "",
        "[metrics]",
    ]
    if number % 7 == 0:
        lines.append("# Số liệu đến hết ngày 15/12, tháng 12 ước tính.")
    for position, (metric, value) in enumerate(values.items()):
        note = NOTES[(number + position) % len(NOTES)] if (number + position) % 11 == 0 else ""
        lines.append(f"{metric} = {value}  {note}" if note else f"{metric} = {value}")
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
        write(out / "actuals" / str(year - 1) / f"{pid}.toml", actuals_toml(base, year - 1, number))
        write(out / "actuals" / str(year) / f"{pid}.toml", actuals_toml(current, year, number))
        if progress is not None:
            progress(number)
    return out


FORM_COLUMNS = ("year", "province", "metric", "value", "province_name", "kind")


def form_rows(data: Path, year: int = DEFAULT_YEAR) -> list[list[object]]:
    """The national form of ``year`` as the provinces fill it in, read back from the reports
    written by :func:`generate`: one row per unit and metric the pledge needs, in the columns
    of ``pledge template`` (plus last year's figure); a figure a unit left out stays empty."""
    pledge = tomllib.loads((data / "pledges" / str(year) / f"{CLUSTER}.toml").read_text("utf-8"))
    metrics: list[str] = []
    for target in pledge["targets"]:
        metrics += [m for m in (target["metric"], target.get("per")) if m and m not in metrics]
    registry = tomllib.loads((data / "provinces.toml").read_text("utf-8"))
    rows: list[list[object]] = []
    for pid in pledge["provinces"]:
        figures = _metrics(data / "actuals" / str(year) / f"{pid}.toml")
        before = _metrics(data / "actuals" / str(year - 1) / f"{pid}.toml")
        for metric in metrics:
            value, previous = figures.get(metric, ""), before.get(metric, "")
            kind = "true/false" if isinstance(value, bool) or isinstance(previous, bool) else "number"
            rows.append([year, pid, metric, value, registry[pid]["name"], kind, previous])
    return rows


def _metrics(path: Path) -> dict[str, object]:
    metrics: dict[str, object] = tomllib.loads(path.read_text("utf-8"))["metrics"]
    return metrics


def write_forms(data: Path, out: Path, year: int = DEFAULT_YEAR) -> tuple[Path, Path, Path]:
    """Write into ``out`` what comes back from the provinces for ``year``: the filled national
    form as CSV and XLSX (``form-YEAR.csv``, ``form-YEAR.xlsx``) and the signed targets
    (``signed-YEAR.txt``). Returns the three paths."""
    out.mkdir(parents=True, exist_ok=True)
    rows = form_rows(data, year)
    csv_path, xlsx_path = out / f"form-{year}.csv", out / f"form-{year}.xlsx"
    _write_form_csv(csv_path, year, rows)
    _write_form_xlsx(xlsx_path, year, rows)
    signed = out / f"signed-{year}.txt"
    signed.write_text(signed_text(data, year), encoding="utf-8")
    return csv_path, xlsx_path, signed


def write_form_folders(
    data: Path, out: Path, year: int = DEFAULT_YEAR, units_per_form: int = FORM_UNITS
) -> tuple[Path, Path]:
    """The filled form of ``year`` cut into forms of at most ``units_per_form`` units each,
    as a folder of CSV forms (``out/form-YEAR-csv/``) and one of XLSX forms
    (``out/form-YEAR-xlsx/``): what a user imports when the national form is past
    ``import``'s limits (``pledge import FOLDER``). Returns the two folders."""
    rows = form_rows(data, year)
    folders = out / f"form-{year}-csv", out / f"form-{year}-xlsx"
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    part_of = {unit: i // units_per_form for i, unit in enumerate(dict.fromkeys(r[1] for r in rows))}
    parts: list[list[list[object]]] = [[] for _ in range(max(part_of.values(), default=-1) + 1)]
    for row in rows:
        parts[part_of[row[1]]].append(row)
    for number, part in enumerate(parts, start=1):
        name = f"form-{year}-{number:02d}"
        _write_form_csv(folders[0] / f"{name}.csv", year, part)
        _write_form_xlsx(folders[1] / f"{name}.xlsx", year, part)
    return folders


def _write_form_csv(path: Path, year: int, rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([*FORM_COLUMNS, f"value_{year - 1}"])
        writer.writerows([_form_text(cell) for cell in row] for row in rows)


def _write_form_xlsx(path: Path, year: int, rows: list[list[object]]) -> None:
    from openpyxl import Workbook  # a dependency of pledge; only the forms need it

    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"form-{year}")
    sheet.append([*FORM_COLUMNS, f"value_{year - 1}"])
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
    book.save(path)


def _form_text(cell: object) -> str:
    return str(cell).lower() if isinstance(cell, bool) else str(cell)


PHRASES = {
    "at_least": "đạt ít nhất {value}",
    "at_most": "không vượt quá {value}",
    "growth_at_least": "tăng ít nhất {value} so với năm trước",
    "must_be": "{value}",
}


def signed_text(data: Path, year: int = DEFAULT_YEAR) -> str:
    """The pledge's targets as the signed document lists them, one numbered line each."""
    pledge = tomllib.loads((data / "pledges" / str(year) / f"{CLUSTER}.toml").read_text("utf-8"))
    lines = [f"GIAO ƯỚC THI ĐUA NĂM {year}", "", "Các chỉ tiêu thi đua:", ""]
    for number, target in enumerate(pledge["targets"], start=1):
        rule = next(key for key in PHRASES if key in target)
        value = target[rule]
        if rule == "must_be":
            wording = "hoàn thành" if value else "không để xảy ra"
            lines.append(f"{number}. {wording.capitalize()} chỉ tiêu {target['metric']}.")
            continue
        scope = "Toàn Cụm" if target.get("scope") == "cluster" else "Mỗi đơn vị"
        what = f"tỷ lệ {target['metric']} trên {target['per']}" if "per" in target else target["metric"]
        lines.append(f"{number}. {scope} {what} {PHRASES[rule].format(value=value)}.")
    return "\n".join(lines) + "\n"


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
    parser.add_argument(
        "--forms", type=Path, help="also write the filled form and the signed targets here"
    )
    args = parser.parse_args(argv)
    generate(args.out, args.units, args.targets, seed=args.seed, year=args.year)
    print(f"{args.out}: {args.units} units x {args.targets} targets, pledge year {args.year}")
    if args.forms is not None:
        for path in write_forms(args.out, args.forms, args.year):
            print(path)


if __name__ == "__main__":
    main()

"""Loading a data directory: the folder walk -> validated models + diagnostics.

Nothing here raises on bad user data. Every problem becomes a ``Diagnostic``
with its file and (where it can be found) line, and loading goes on so that
one run reports them all. Each file is read by ``load_registry`` (provinces.toml) or
``load_file`` (pledges, reports); the checks across files are ``checks.CHECKS``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from pledgecli.catalog import FILE_NAME as CATALOG_FILE
from pledgecli.catalog import load_catalog, use_catalog
from pledgecli.checks import CHECKS, Check, run_checks
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, UserError
from pledgecli.files import FileProblem, list_folder
from pledgecli.i18n import _
from pledgecli.load_file import load_actuals, load_pledge
from pledgecli.load_registry import load_provinces

_YEAR = re.compile(r"^\d{4}$")


def pledge_years(root: Path) -> list[int]:
    """The years that have a folder of pledges (four-digit folder names)."""
    return sorted(int(p.name) for p in _year_dirs(root / "pledges", DataSet(root=root), quiet=True))


def find_data_dir(option: Path | None) -> Path:
    """``--data DIR``, then ``PLEDGE_DATA``, then ``./data``."""
    if option is not None:
        root, origin = option, "--data"
    elif os.environ.get("PLEDGE_DATA"):
        root, origin = Path(os.environ["PLEDGE_DATA"]), "PLEDGE_DATA"
    else:
        root, origin = Path("data"), "default"
    if not root.is_dir():
        hint = (
            _("run pledge in the folder that holds data/, or give --data DIR or set PLEDGE_DATA")
            if origin == "default"
            else None
        )
        given = _(" (from {origin})").format(origin=origin) if origin != "default" else ""
        raise UserError(_("data directory not found: {path}").format(path=root) + given, hint)
    return root


def load(
    root: Path,
    year: int | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    checks: Sequence[Check] = CHECKS,
) -> DataSet:
    """Load the data directory; with ``year``, only what judging that year needs.

    ``progress(done, total)`` is called after each report is read (the bulk of the files:
    6,600 for national data), for the command layer's progress bar. ``checks``: the
    checks across files to run (a command that only refuses errors: ``ERROR_CHECKS``)."""
    data = DataSet(root=root)
    load_provinces(data)
    if os.path.lexists(root / CATALOG_FILE):  # read_toml says why it is not a file
        data.files_checked += 1
        data.catalog = load_catalog(root, data.diagnostics)
    use_catalog(data.catalog)  # metric names shown in this run come from this directory
    pledge_dir, actual_dir = root / "pledges", root / "actuals"
    data.pledge_years = pledge_years(root)
    # A folder that is a file (or cannot be listed) is said once, never read as empty.
    folders = {folder: _entries(folder, data) is not None for folder in (pledge_dir, actual_dir)}
    for pledge_year in [year] if year is not None else data.pledge_years:
        for path in _toml_files(pledge_dir / str(pledge_year), data, folders[pledge_dir]):
            pledge = load_pledge(path, pledge_year, data)
            if pledge is not None:
                data.pledges.setdefault(pledge_year, {})[pledge.cluster] = pledge
    if year is None:
        actual_years = [int(p.name) for p in _year_dirs(actual_dir, data, quiet=False)]
    else:
        actual_years = sorted(
            {year}.union(*(p.baseline_years() for p in data.pledges.get(year, {}).values()))
        )
    reports = [
        (y, path, listed)
        for y in actual_years
        for path, listed in _toml_entries(actual_dir / str(y), data, folders[actual_dir])
    ]
    for done, (actual_year, path, listed) in enumerate(reports, start=1):
        actuals = load_actuals(path, actual_year, data, listed=listed)
        if actuals is not None:
            data.actuals.setdefault(actual_year, {})[actuals.province] = actuals
        if progress is not None:
            progress(done, len(reports))
    if year is None:
        _check_unused_dirs(root, data)
    data.diagnostics.extend(run_checks(data, checks))
    data.diagnostics = list(dict.fromkeys(data.diagnostics))  # a folder is said once
    return data


def _entries(folder: Path, data: DataSet | None) -> list[os.DirEntry[str]] | None:
    """The entries of ``folder``; ``None`` when it is missing or unusable (said in
    ``data.diagnostics``, unless ``data`` is ``None``)."""
    try:
        return list_folder(folder)
    except FileProblem as problem:
        if data is not None:
            data.diagnostics.append(Diagnostic(folder, problem.message, hint=problem.hint))
        return None


def _toml_files(folder: Path, data: DataSet, parent_usable: bool = True) -> list[Path]:
    """Every ``*.toml`` of ``folder``, whatever it is: ``read_toml`` says why a folder, a
    FIFO or a link to nothing of that name cannot be read, so none is skipped in silence.
    Only an editor's lock (``.#name.toml``, a link to nothing while a file is open) is not."""
    return [path for path, _listed in _toml_entries(folder, data, parent_usable)]


def _toml_entries(
    folder: Path, data: DataSet, parent_usable: bool = True
) -> list[tuple[Path, str | None]]:
    """``_toml_files``, each with its path as the listing gave it when the listing said it
    is a regular file (no link), else ``None``."""
    if not parent_usable:
        return []
    entries = _entries(folder, data) or []
    return [
        (folder / entry.name, entry.path if _is_file(entry) else None)
        for entry in entries
        if entry.name.endswith(".toml") and len(entry.name) > 5 and not entry.name.startswith(".#")
    ]


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=False)  # the listing's own word: no system call
    except OSError:
        return False


def _year_dirs(folder: Path, data: DataSet, *, quiet: bool) -> list[Path]:
    entries = _entries(folder, None if quiet else data)
    years = []
    for entry in entries or []:
        child = folder / entry.name
        if _YEAR.match(entry.name):
            if _is_dir(entry):
                years.append(child)
            elif not quiet:
                _entries(child, data)  # says what is there instead of a folder
        elif _is_dir(entry) and not entry.name.startswith(".") and not quiet:
            data.diagnostics.append(
                Diagnostic(
                    child,
                    _("folder name is not a year; its files are not read"),
                    severity="warning",
                )
            )
    return years


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a looping link
        return False


def _check_unused_dirs(root: Path, data: DataSet) -> None:
    _year_dirs(root / "pledges", data, quiet=False)


def revalidate_actuals(data: DataSet, year: int, contents: Mapping[Path, bytes]) -> None:
    """Check reports as if ``contents`` (path -> bytes not yet written) were on disk:
    what ``pledge import`` and ``pledge set`` validate before they write anything.
    ``data`` is a loaded data set; its diagnostics and actuals are updated."""
    data.diagnostics = [d for d in data.diagnostics if d.path not in contents]
    for path, content in contents.items():
        data.actuals.get(year, {}).pop(path.stem, None)
        actuals = load_actuals(path, year, data, content)
        if actuals is not None:
            data.actuals.setdefault(year, {})[actuals.province] = actuals
    data.diagnostics.extend(run_checks(data))
    data.diagnostics = list(dict.fromkeys(data.diagnostics))

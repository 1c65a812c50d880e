"""``pledge import FILE... | DIR``: many returned forms at once, as one import.

Every form is read and checked first; any problem in any of them and nothing is written.
The figures of all the forms make one plan per province (a province's rows may come
from several forms), validated and written all or nothing, so importing the same forms
twice changes nothing the second time. One year per run: a folder mixing the forms of two
years is refused with the files of each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from pledgecli.collect.form_read import XLSX_SUFFIXES, FormRecord, read_form
from pledgecli.collect.importer import FormLookups, collecting, entries_from_form, settled
from pledgecli.collect.lock import data_lock
from pledgecli.collect.needs import check_year
from pledgecli.collect.plan import Entry, pause_collector, record
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, UserError, display_path
from pledgecli.figure_format import figure_text
from pledgecli.i18n import _, ngettext
from pledgecli.round_outcomes import Recorded

FORM_SUFFIXES = (".csv", *XLSX_SUFFIXES)


def form_files(paths: Sequence[Path]) -> list[Path]:
    """The forms named, a folder standing for the forms in it (sorted by name; Excel's
    lock files ``~$...`` and hidden files left out). Each file once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in FORM_SUFFIXES
                and not p.name.startswith(("~$", "."))
            )
            if not inside:
                raise UserError(
                    _("no form in {path}").format(path=display_path(path)),
                    _("a folder of returned forms holds .xlsx or .csv files"),
                )
            found += inside
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def import_forms(
    paths: Sequence[Path],
    data_dir: Path | None,
    year: int | None,
    *,
    force: bool,
    dry_run: bool,
    strict: bool = False,
) -> Recorded:
    from pledgecli.collect.prefetch import start as start_reading
    from pledgecli.load import find_data_dir, load

    if year is not None:
        check_year(year)
    files = form_files(paths)
    root = find_data_dir(data_dir)
    # Large workbooks are read by a second process while this one loads the data set
    # (collect/prefetch.py); their records, and any error, are the same.
    reader = None
    try:
        reader = start_reading(files)
        read: Callable[[Path], Iterator[FormRecord]] = (
            read_form if reader is None else reader.records
        )
        if dry_run:  # writes nothing, so needs no lock
            data = load(root)
            chosen, entries, origin = _read_forms(files, data, year, read)
            return record(
                data, chosen, entries, force=force, dry_run=True, origin=origin, strict=strict
            )
        # The data directory is read once, under its lock, and the forms are read,
        # compared, planned and written under it too: a figure another command records
        # meanwhile is never lost (it waits for this one, or this one for it).
        with data_lock(root), collecting():
            data = load(root)
            settled()
            resume = pause_collector()  # the forms' rows and figures hold no cycle
            try:
                chosen, entries, origin = _read_forms(files, data, year, read)
            finally:
                resume()  # and stay to the end: set aside, as settled() does
            return record(  # the figures are not kept here: planned, they are let go
                data, chosen, entries, force=force, dry_run=False, origin=origin, strict=strict
            )
    finally:
        if reader is not None:
            reader.close()


def _origin(names: Sequence[str]) -> str:
    return _("Written by pledge import from {file}.").format(file=", ".join(names))


def _read_forms(
    files: Sequence[Path],
    data: DataSet,
    year: int | None,
    read: Callable[[Path], Iterator[FormRecord]] = read_form,
) -> tuple[int, list[Entry], str | dict[str, str]]:
    """The year and the figures of every form, and the comment heading a report it
    creates: the forms its province's figures came from. Any problem in any form is a
    :class:`UserError` listing them all."""
    lookups = FormLookups(data)  # made once for all the forms
    sources: dict[str, dict[str, None]] = {}  # province -> the forms its figures are in
    errors: list[Diagnostic] = []
    unshown = 0  # problems past the ones listed, each form's "and N more" line aside
    entries: dict[tuple[str, str], Entry] = {}
    years: dict[int, list[Path]] = {}
    several = len(files) > 1
    for path in files:
        found = entries_from_form(path, read(path), data, year, lookups)
        errors += found.errors
        if found.unshown:
            unshown += found.unshown - 1
        if found.errors:
            continue
        years.setdefault(found.year, []).append(path)
        if not several:  # one form: its figures are already each given once
            return found.year, found.entries, _origin([path.name])
        for entry in found.entries:
            sources.setdefault(entry.province, {})[path.name] = None
            entry = Entry(entry.province, entry.metric, entry.value, f"{path.name} {entry.where}")
            earlier = entries.get((entry.province, entry.metric))
            if earlier is None:
                entries[(entry.province, entry.metric)] = entry
            elif not _same(earlier, entry):
                errors.append(
                    Diagnostic(
                        path,
                        _(
                            "{metric} of {province} is given twice: {first} ({where}) and {second}"
                        ).format(
                            metric=entry.metric,
                            province=entry.province,
                            first=figure_text(earlier.value),
                            where=earlier.where,
                            second=f"{figure_text(entry.value)} ({entry.where})",
                        ),
                        hint=_("keep one of the two figures"),
                    )
                )
    if len(years) > 1:
        errors.append(
            Diagnostic(
                files[0].parent,
                _("the forms are of different years: {years}").format(
                    years="; ".join(
                        f"{y}: " + ", ".join(p.name for p in years[y]) for y in sorted(years)
                    )
                ),
                hint=_("import one year at a time"),
            )
        )
    if errors:
        where = (
            display_path(files[0])
            if len(files) == 1
            else _("{count} forms").format(count=len(files))
        )
        raise UserError(
            errors,
            closing=ngettext(
                "error: {count} problem in {path}; nothing was written",
                "error: {count} problems in {path}; nothing was written",
                len(errors) + unshown,
            ).format(count=len(errors) + unshown, path=where),
        )
    chosen = next(iter(years)) if years else year
    assert chosen is not None
    texts: dict[tuple[str, ...], str] = {}  # one text for the provinces of the same forms
    origins = {
        province: texts.get(key) or texts.setdefault(key, _origin(key))
        for province, names in sources.items()
        for key in (tuple(names),)
    }
    return chosen, list(entries.values()), origins


def _same(first: Entry, second: Entry) -> bool:
    one, other = first.value, second.value
    return isinstance(one, bool) == isinstance(other, bool) and one == other

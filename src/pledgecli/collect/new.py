"""``pledge new YEAR --from YEAR0``: next year's pledge drafted from this year's.

The draft keeps every key of the old pledge (targets, scoring, ...) except what
belongs to the old year: ``signed_on`` is left for the new signing, ``leader``
becomes the old ``next_leader`` (or is left to fill in), per-province overrides are
dropped unless kept by a flag, explicit baseline years move on by the same number
of years, and a growth target's text that names its old baseline year names the
new one. Signatories that have since merged into another province are replaced by
that province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pledgecli.collect.writer import write_atomic
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, UserError, display_path, sort_key, with_lines
from pledgecli.i18n import _
from pledgecli.load import find_data_dir, load
from pledgecli.merger import successor
from pledgecli.models import Pledge
from pledgecli.read import read_toml

_DROPPED = ("year", "cluster", "signed_on", "leader", "deputy", "next_leader", "next_deputy")


@dataclass
class Draft:
    cluster: str
    source: Path
    path: Path
    text: str = ""
    notes: list[str] = field(default_factory=list)


def _year_in(text: str, old: int, new: int) -> str:
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


def _provinces(
    data: DataSet, provinces: list[str], year: int, notes: list[str]
) -> tuple[list[str], dict[str, str]]:
    """The signatories as of ``year``: merged ones replaced by their successor."""
    on = date(year, 1, 1)
    mapping = {p: successor(data.provinces, p, on) for p in provinces}
    for old, new in mapping.items():
        if old != new:
            notes.append(
                _("{old} merged into {new}: listed as {new}").format(
                    old=data.province_name(old), new=new
                )
            )
    return list(dict.fromkeys(mapping.values())), mapping


def _target(
    raw: dict[str, Any],
    pledge: Pledge,
    shift: int,
    mapping: dict[str, str],
    *,
    keep_overrides: bool,
    notes: list[str],
) -> dict[str, Any]:
    target = dict(raw)
    model = pledge.target(str(raw["id"]))
    overrides = target.pop("overrides", None)
    if overrides and keep_overrides:
        kept = {}
        for province, value in overrides.items():
            new_id = mapping.get(province, province)
            if new_id != province:
                notes.append(
                    _("{target}: the override of {province} was dropped (merged)").format(
                        target=model.id, province=province
                    )
                )
                continue
            kept[province] = value
        if kept:
            target["overrides"] = kept
    elif overrides:
        notes.append(
            _("{target}: overrides dropped ({provinces}); --keep-overrides keeps them").format(
                target=model.id, provinces=", ".join(overrides)
            )
        )
    if model.uses_baseline():
        old_base = pledge.baseline_year_of(model)
        new_base = old_base + shift
        if "baseline_year" in target:
            target["baseline_year"] = new_base
        text = _year_in(model.text, old_base, new_base)
        if text != model.text:
            target["text"] = text
            notes.append(
                _("{target}: the text now says {new} instead of {old}").format(
                    target=model.id, new=new_base, old=old_base
                )
            )
    return target


def draft(data: DataSet, pledge: Pledge, year: int, *, keep_overrides: bool) -> Draft:
    """The text of next year's pledge from ``pledge``."""
    import tomli_w

    diagnostics: list[Diagnostic] = []
    raw = read_toml(pledge.path, diagnostics)
    if raw is None:
        raise UserError(diagnostics)
    path = data.root / "pledges" / str(year) / pledge.path.name
    result = Draft(pledge.cluster, pledge.path, path)
    shift = year - pledge.year
    provinces, mapping = _provinces(data, pledge.provinces, year, result.notes)
    body: dict[str, Any] = {k: v for k, v in raw.items() if k not in _DROPPED}
    body["provinces"] = provinces
    body.update({k: getattr(pledge, k) for k in ("deputy", "next_deputy") if k in body})  # ids
    body["targets"] = [
        _target(t, pledge, shift, mapping, keep_overrides=keep_overrides, notes=result.notes)
        for t in raw["targets"]
    ]
    placeholders = [
        _("# signed_on = {year}-01-31    # the day the pledge is signed").format(year=year),
        *_leader_lines(data, pledge, year, mapping, result.notes),
    ]
    text = tomli_w.dumps(body)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("provinces ="))
    lines[at:at] = placeholders
    header = [
        _("# Giao ước thi đua năm {year}: a draft made by `pledge new` from {source}.").format(
            year=year, source=f"pledges/{pledge.year}/{pledge.path.name}"
        ),
        _("# Check every target and threshold, fill in signed_on, then run pledge validate."),
        "",
    ]
    result.text = "\n".join([*header, *lines]) + "\n"
    _check_draft(result, year)
    return result


def _leader_lines(
    data: DataSet, pledge: Pledge, year: int, mapping: dict[str, str], notes: list[str]
) -> list[str]:
    """The draft's leader and deputy: for the year right after ``pledge``, the pair
    proposed by the rotation rule (``pledgecli.leaders``), written with a comment saying
    it is a proposal; otherwise the old ``next_leader``, or a line to fill in."""
    from pledgecli.leaders import Basis, cluster_leaders

    if year == pledge.year + 1:
        history = [
            p
            for y, by_cluster in data.pledges.items()
            if y < pledge.year and (p := by_cluster.get(pledge.cluster)) is not None
        ]
        proposal = cluster_leaders([*history, pledge], data.provinces).proposal
        lines = []
        for key, province, basis in (
            ("leader", proposal.leader, proposal.leader_basis),
            ("deputy", proposal.deputy, proposal.deputy_basis),
        ):
            if province is None:
                continue
            province = mapping.get(province, province)
            if basis is Basis.ELECTED:
                lines.append(f'{key} = "{province}"')
                elected = (
                    _("leader: {leader}, elected in {old} (next_leader)")
                    if key == "leader"
                    else _("deputy: {leader}, elected in {old} (next_deputy)")
                )
                notes.append(elected.format(leader=province, old=pledge.year))
                continue
            if basis is Basis.DEPUTY:
                why = _("deputy in {old}, proposed by rotation").format(old=pledge.year)
            else:
                why = _("proposed by rotation")
            lines.append(
                f'{key} = "{province}"    # '
                + _("{why}; a proposal: the cluster decides (pledge leaders)").format(why=why)
            )
            proposed = (
                _("leader: {province}, {why} (a proposal: the cluster decides)")
                if key == "leader"
                else _("deputy: {province}, {why} (a proposal: the cluster decides)")
            )
            notes.append(proposed.format(province=province, why=why))
        if proposal.leader is not None:
            return lines
        notes.append(_("leader: none can be proposed by rotation; fill it in"))
    elif pledge.next_leader is not None:
        leader = mapping.get(pledge.next_leader, pledge.next_leader)
        notes.append(
            _("leader: {leader}, elected in {old} (next_leader)").format(
                leader=leader, old=pledge.year
            )
        )
        return [f'leader = "{leader}"']
    if pledge.leader is not None:
        return [
            _('# leader = "..."    # the cụm trưởng of {year} (in {old_year}: "{old}")').format(
                year=year, old_year=pledge.year, old=pledge.leader
            )
        ]
    return [_('# leader = "..."    # the cụm trưởng of {year}').format(year=year)]


def _check_draft(result: Draft, year: int) -> None:
    """A draft that would not validate is a bug here, never the user's to find."""
    import tomllib
    from decimal import Decimal

    from pledgecli.plain_pledge import plain_pledge

    raw = tomllib.loads(result.text, parse_float=Decimal)
    raw = {**raw, "year": year, "cluster": result.cluster, "path": result.path}
    if plain_pledge(raw) is not None:  # valid as pydantic would find it, without pydantic
        return
    from pydantic import ValidationError

    from pledgecli.schema import validate

    try:
        validate(Pledge, raw)
    except ValidationError as error:
        reason = "; ".join(str(e["msg"]) for e in error.errors())
        raise UserError(
            _("cannot draft {path} from {source}: {reason}").format(
                path=display_path(result.path), source=display_path(result.source), reason=reason
            )
        ) from None


@dataclass
class Outcome:
    """What ``pledge new`` did (``out``, for stdout) and the warnings to show before it."""

    out: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def run_new(
    data_dir: Path | None,
    year: int,
    from_year: int,
    cluster: str | None,
    *,
    keep_overrides: bool,
    force: bool,
    dry_run: bool,
) -> Outcome:
    from pledgecli.collect.needs import check_year
    from pledgecli.service import select_pledges

    check_year(year)
    if year == from_year:
        raise UserError(_("YEAR and --from are both {year}").format(year=year))
    data = load(find_data_dir(data_dir))
    broken = [
        d
        for d in data.diagnostics
        if d.severity == "error" and d.path is not None and (data.root / "pledges" / str(from_year)) in d.path.parents
    ]
    if broken:
        raise UserError(sorted(with_lines(broken), key=sort_key))
    pledges = select_pledges(data, from_year, cluster)
    drafts = [draft(data, p, year, keep_overrides=keep_overrides) for p in pledges]
    existing = [d.path for d in drafts if d.path.exists()]
    if existing and not force:
        shown = ", ".join(display_path(p) for p in existing)
        raise UserError(
            _("a pledge exists already: {paths}; nothing was written").format(paths=shown),
            _("give --force to replace it"),
        )
    outcome = Outcome()
    for item in drafts:
        where = display_path(item.path)
        if dry_run:
            outcome.out.append(_("# would write {path}").format(path=where))
            outcome.out.append(item.text.rstrip("\n"))
        else:
            write_atomic(item.path, item.text, force=force)
            outcome.out.append(
                _("wrote {path} from {source}").format(path=where, source=display_path(item.source))
            )
        outcome.out += [f"  {note}" for note in item.notes]
    if dry_run:
        outcome.out.append(_("dry run: nothing was written"))
    return outcome

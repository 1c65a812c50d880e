"""The view of ``pledge leaders``: each cluster's head and deputy year by year, and the
pair proposed for next year with its basis (a proposal, never a decision)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from pledgecli.i18n import _
from pledgecli.leaders import Basis, ClusterLeaders, LeadersOutcome
from pledgecli.render.document import Block, Cell, Column, Heading, Paragraph, TableBlock
from pledgecli.render.document import write_json as write_payload
from pledgecli.render.formats import Page

Names = Mapping[str, str]
NOT_RECORDED = "—"


def _name(names: Names, province: str | None) -> str:
    return NOT_RECORDED if province is None else names.get(province, province)


def rule_text(entry: ClusterLeaders) -> str:
    gap = entry.rule.no_repeat_within
    if entry.rule.deputy_becomes_leader:
        return _(
            "Rule: the deputy becomes leader; a unit that led is not proposed to lead again "
            "within {years} years; failing that, the signatory longest without leading, in "
            "the order the pledge lists them."
        ).format(years=gap)
    return _(
        "Rule: a unit that led is not proposed to lead again within {years} years; the "
        "signatory longest without leading, in the order the pledge lists them."
    ).format(years=gap)


def basis_text(entry: ClusterLeaders, names: Names, deputy: bool) -> str:
    proposal = entry.proposal
    province = proposal.deputy if deputy else proposal.leader
    basis = proposal.deputy_basis if deputy else proposal.leader_basis
    last = entry.rotation[-1].year
    name = _name(names, province)
    if basis is Basis.ELECTED:
        if deputy:
            return _("Deputy {province}: elected at the {year} review (next_deputy).").format(
                province=name, year=last
            )
        return _("Leader {province}: elected at the {year} review (next_leader).").format(
            province=name, year=last
        )
    if basis is Basis.DEPUTY:
        return _("Leader {province}: deputy in {year}, the deputy becomes leader.").format(
            province=name, year=last
        )
    if basis is Basis.ROTATION:
        led = [e.year for e in entry.rotation if e.leader == province]
        if deputy:
            text = _("Deputy {province}: next in turn, so that it may lead the year after.")
        else:
            text = _("Leader {province}: the signatory longest without leading.")
        text = text.format(province=name)
        if led:
            return text + " " + _("It last led in {year}.").format(year=max(led))
        return text + " " + _("It has not led in these years.")
    if deputy:
        return _("No deputy can be proposed: no other signatory may lead the year after.")
    return _(
        "No leader can be proposed: every signatory led within the last {years} years."
    ).format(years=entry.rule.no_repeat_within)


def cluster_blocks(entry: ClusterLeaders, names: Names) -> list[Block]:
    proposal = entry.proposal
    blocks: list[Block] = [
        Heading(_("{name} ({cluster})").format(name=entry.name, cluster=entry.cluster)),
        TableBlock(
            (
                Column("year", _("Year"), numeric=True),
                Column("leader", _("Leader (Cụm trưởng)")),
                Column("deputy", _("Deputy (Cụm phó)")),
            ),
            tuple(
                (
                    Cell(str(row.year), row.year),
                    Cell(_name(names, row.leader), row.leader),
                    Cell(_name(names, row.deputy), row.deputy),
                )
                for row in entry.rotation
            ),
        ),
        Paragraph(
            _(
                "Proposed for {year} (a proposal; the cluster decides): leader {leader}, "
                "deputy {deputy}."
            ).format(
                year=proposal.year,
                leader=_name(names, proposal.leader),
                deputy=_name(names, proposal.deputy),
            ),
            strong=True,
        ),
        Paragraph(basis_text(entry, names, deputy=False)),
        Paragraph(basis_text(entry, names, deputy=True)),
    ]
    if proposal.passed_over:
        listed = ", ".join(
            _("{province} ({year})").format(province=_name(names, p), year=year)
            for p, year in proposal.passed_over.items()
        )
        blocks.append(
            Paragraph(
                _("Not proposed to lead, having led too recently: {provinces}.").format(
                    provinces=listed
                )
            )
        )
    if entry.left_out:
        blocks.append(
            Paragraph(
                _("Left out, merged into another province by {year}: {provinces}.").format(
                    year=proposal.year,
                    provinces=", ".join(_name(names, p) for p in entry.left_out),
                )
            )
        )
    blocks.append(Paragraph(rule_text(entry)))
    return blocks


def leaders_json(outcome: LeadersOutcome) -> dict[str, object]:
    return {
        "clusters": [
            {
                "cluster": entry.cluster,
                "name": entry.name,
                "rotation": [
                    {"year": row.year, "leader": row.leader, "deputy": row.deputy}
                    for row in entry.rotation
                ],
                "proposal": {
                    "year": entry.proposal.year,
                    "decided": False,
                    "leader": entry.proposal.leader,
                    "leader_basis": entry.proposal.leader_basis.value,
                    "deputy": entry.proposal.deputy,
                    "deputy_basis": entry.proposal.deputy_basis.value,
                    "passed_over": dict(entry.proposal.passed_over),
                    "left_out": list(entry.left_out),
                },
                "rule": {
                    "deputy_becomes_leader": entry.rule.deputy_becomes_leader,
                    "no_repeat_within": entry.rule.no_repeat_within,
                },
            }
            for entry in outcome.clusters
        ]
    }


# -- writers (see pledgecli.render.formats) -------------------------------------------


def _outcome(page: Page) -> LeadersOutcome:
    assert isinstance(page.value, LeadersOutcome)
    return page.value


def write_table(page: Page, out: TextIO) -> None:
    from pledgecli.render.document import write_rich

    outcome = _outcome(page)
    blocks = [b for entry in outcome.clusters for b in cluster_blocks(entry, outcome.names)]
    write_rich(blocks, out)


def write_json(page: Page, out: TextIO) -> None:
    write_payload(leaders_json(_outcome(page)), out)

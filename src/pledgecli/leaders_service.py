"""``pledge leaders``: load the pledges of every year, then each cluster's rotation and the
proposed pair for the year after its last pledge (see ``pledgecli.leaders``)."""

from __future__ import annotations

from pathlib import Path

from pledgecli.diagnostics import UserError, sort_key, with_lines
from pledgecli.i18n import _
from pledgecli.leaders import LeadersOutcome, cluster_leaders
from pledgecli.load import find_data_dir, load
from pledgecli.models import Pledge
from pledgecli.names import did_you_mean


def run_leaders(data: Path | None, cluster: str | None) -> LeadersOutcome:
    """Every cluster's leaders (or one cluster's); :class:`UserError` when a pledge or the
    registry has errors, when there is no pledge, or when ``cluster`` has none."""
    root = find_data_dir(data)
    data_set = load(root)
    pledges_dir = root / "pledges"
    broken = [
        d
        for d in data_set.diagnostics
        if d.severity == "error"
        and d.path is not None
        and (pledges_dir in d.path.parents or d.path.name == "provinces.toml")
    ]
    if broken:
        raise UserError(
            sorted(with_lines(broken), key=sort_key),
            closing=_("nothing was proposed (see pledge validate)"),
        )
    by_cluster: dict[str, list[Pledge]] = {}
    for year in sorted(data_set.pledges):
        for cluster_id, pledge in data_set.pledges[year].items():
            by_cluster.setdefault(cluster_id, []).append(pledge)
    if not by_cluster:
        raise UserError(_("no pledge in {path}").format(path=pledges_dir))
    if cluster is not None and cluster not in by_cluster:
        raise UserError(
            _('no pledge of cluster "{cluster}"').format(cluster=cluster),
            did_you_mean(cluster, by_cluster)
            or _("clusters: {clusters}").format(clusters=", ".join(sorted(by_cluster))),
        )
    chosen = [cluster] if cluster is not None else sorted(by_cluster)
    names = {pid: p.name for pid, p in data_set.provinces.items()}
    return LeadersOutcome(
        [cluster_leaders(by_cluster[c], data_set.provinces) for c in chosen], names
    )

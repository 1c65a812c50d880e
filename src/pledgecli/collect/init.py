"""``pledge init``: a new data directory with the province registry and an example pledge."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pledgecli.collect.registry import CURRENT, FORMER, provinces_toml
from pledgecli.collect.writer import write_atomic
from pledgecli.diagnostics import UserError, display_path
from pledgecli.i18n import _

_EXAMPLE = """\
{intro}

name = "Cụm thi đua số 1 Liên minh HTX các tỉnh miền núi phía Bắc"
signed_on = 2026-01-15          {signed_on}
leader = "lai-chau"             {leader}
provinces = ["lai-chau", "son-la", "phu-tho", "lao-cai", "cao-bang", "dien-bien", "tuyen-quang", "lang-son"]

{targets}

[[targets]]
id = "new-coops"
text = "Thành lập mới ít nhất 20 HTX"
metric = "coops_new"
at_least = 20

{overrides}
[targets.overrides]
lai-chau = 15

[[targets]]
id = "effective-rate"
text = "HTX hoạt động có hiệu quả đạt 60% trở lên trên tổng số HTX đang hoạt động"
metric = "coops_effective"
per = "coops_active"            {per}
at_least = "60%"                {percent}

[[targets]]
id = "members-growth"
text = "Số thành viên HTX tăng từ 5% trở lên so năm trước"
metric = "coop_members"
growth_at_least = "5%"          {growth}

[[targets]]
id = "support-fund"
text = "Liên minh HTX các tỉnh đều có Quỹ Hỗ trợ phát triển HTX"
metric = "has_support_fund"
must_be = true                  {must_be}

[[targets]]
id = "cluster-new-coops"
text = "Toàn Cụm thành lập mới ít nhất 150 HTX"
metric = "coops_new"
scope = "cluster"               {scope}
at_least = 150
"""


def _comment(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in text.split("\n"))


def example_pledge() -> str:
    """The commented example pledge, its comments in the reader's language (``init``)."""
    comments = {
        "intro": _(
            "An example pledge (giao ước thi đua) to copy. pledge does not read this file:\n"
            "pledges are read from pledges/<year>/<cluster>.toml. To use it, copy it to for\n"
            "example pledges/2026/cum-1.toml, change what differs, and run `pledge validate`.\n"
            "\n"
            'The cluster is the "Cụm thi đua số 1" of the northern mountain provinces (Lai\n'
            "Châu was its leader in 2025); the targets are illustrative. A province may be\n"
            'written by its id, name or alias: "lai-chau", "Lai Châu" or "Lai Chau".'
        ),
        "signed_on": _("optional: the day the pledge was signed"),
        "leader": _("optional: the cụm trưởng of the year, one of provinces"),
        "targets": _(
            "Each [[targets]] is one chỉ tiêu: an id, the text as signed, the metric that\n"
            "the provinces' year-end reports (actuals/<year>/<province>.toml) give, and\n"
            "exactly one rule: at_least, at_most, growth_at_least or must_be."
        ),
        "overrides": _("Optional: a different threshold for some provinces."),
        "per": _("a ratio: coops_effective / coops_active"),
        "percent": _("ratios and growth are percentages, in quotes"),
        "growth": _("compared with the same figure of the year before"),
        "must_be": _("reported as true or false"),
        "scope": _("judged once, on the sum over the provinces"),
    }
    return _EXAMPLE.format(**{key: _comment(text) for key, text in comments.items()})


@dataclass(frozen=True)
class InitOutcome:
    root: Path
    written: tuple[Path, ...]
    current: int
    merged: int


def holds_data(root: Path) -> list[str]:
    """The visible entries of ``root`` (hidden ones such as ``.git`` do not count)."""
    if not root.exists():
        return []
    return sorted(p.name for p in root.iterdir() if not p.name.startswith("."))


def init(root: Path) -> InitOutcome:
    """Create the data directory ``root``; refuse one that already holds anything."""
    if root.exists() and not root.is_dir():
        raise UserError(_("{path} is a file, not a folder").format(path=display_path(root)))
    entries = holds_data(root)
    if entries:
        shown = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "")
        raise UserError(
            _("{path} already holds data ({entries}); nothing was written").format(
                path=display_path(root), entries=shown
            ),
            _("choose a new or empty folder"),
        )
    files = {
        root / "provinces.toml": provinces_toml(),
        root / "pledges" / "example.toml": example_pledge(),
    }
    for path, text in files.items():
        write_atomic(path, text)
    try:
        (root / "actuals").mkdir(exist_ok=True)
    except OSError as error:
        raise UserError(
            _("cannot create {path}: {reason}").format(
                path=display_path(root / "actuals"), reason=error.strerror
            )
        ) from None
    return InitOutcome(root, tuple(files), len(CURRENT), len(FORMER))

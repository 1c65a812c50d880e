"""What ``pledge draft`` does: the signed targets of a file -> a draft pledge, as values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pledgecli.diagnostics import UserError, display_path
from pledgecli.draft.engine import Draft, draft
from pledgecli.draft.output import to_toml
from pledgecli.draft.source import read_source
from pledgecli.i18n import _
from pledgecli.names import fold, is_slug


@dataclass(frozen=True)
class Drafted:
    draft: Draft
    text: str  # the pledge file, TOML with comments in the reader's language


def draft_file(source: Path, year: int | None, cluster: str | None) -> Drafted:
    """Read ``source`` and draft its pledge; ``UserError`` when there is nothing to draft."""
    if cluster is not None and not is_slug(cluster):
        raise UserError(
            _('the cluster id "{cluster}" is not a lowercase kebab-case id').format(
                cluster=cluster
            ),
            _('use "{id}"').format(id=fold(cluster)),
        )
    if year is not None and not 1900 < year < 2200:
        raise UserError(_("{year} is not a pledge year").format(year=year))
    lines = read_source(source)
    if not lines:
        raise UserError(
            _("{path}: no target found (the file has no text)").format(path=display_path(source))
        )
    result = draft(lines, year, cluster)
    if not result.targets:
        raise UserError(
            _("{path}: no target found").format(path=display_path(source)),
            _("write one target a line, or a list with - before each target"),
        )
    return Drafted(result, to_toml(result, source.name))

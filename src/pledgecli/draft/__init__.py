"""``pledge draft``: a draft pledge file from the targets as signed.

``read_source(path)`` reads the lines of a .txt/.md/.docx/.xlsx, ``draft(lines, year,
cluster)`` reads their targets, ``to_toml(draft)`` writes the pledge file and
``summary_lines(draft)`` says what was understood, target by target.
"""

from pledgecli.draft.engine import Draft, DraftTarget, Note, Reason, Status, draft
from pledgecli.draft.metrics import metric_for, use_catalogue
from pledgecli.draft.output import summary_lines, to_toml
from pledgecli.draft.source import SourceLine, read_source

__all__ = [
    "Draft",
    "DraftTarget",
    "Note",
    "Reason",
    "SourceLine",
    "Status",
    "draft",
    "metric_for",
    "read_source",
    "summary_lines",
    "to_toml",
    "use_catalogue",
]

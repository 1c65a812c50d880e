"""Results -> text: the table of renderers is in :mod:`pledgecli.render.formats`; one
module per view; only the table and document renderers import Rich."""

from __future__ import annotations

__all__ = ["target_label"]


def target_label(index: int) -> str:
    """Short column header of the ``index``-th target (0-based): T1, T2, ..."""
    return f"T{index + 1}"

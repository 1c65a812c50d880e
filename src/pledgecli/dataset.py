"""The data set: what ``load`` read from a data directory, the record every stage takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pledgecli.catalog import Catalog, shipped_catalog
from pledgecli.diagnostics import Diagnostic
from pledgecli.models import Actuals, Pledge, Province
from pledgecli.names import Candidates


@dataclass
class DataSet:
    """Everything read from a data directory, and every problem found on the way."""

    root: Path
    provinces: dict[str, Province] = field(default_factory=dict)
    pledges: dict[int, dict[str, Pledge]] = field(default_factory=dict)
    actuals: dict[int, dict[str, Actuals]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    pledge_years: list[int] = field(default_factory=list)
    catalog: Catalog = field(default_factory=shipped_catalog)
    """The metric catalogue: the shipped indicators and the directory's metrics.toml."""
    # For hints about unknown provinces, built on the first one: every folded id, name and
    # alias -> id, and the ids to search (a pledge of 3,321 communes against the wrong
    # registry asks for 3,321 suggestions).
    labels: dict[str, str] = field(default_factory=dict, repr=False)
    ids: Candidates | None = field(default=None, repr=False)
    registry_unread: bool = False
    """provinces.toml is missing or cannot be read: its one error stands for every province
    name that would be unknown without it (no cascade of wrong hints)."""
    resolved: list[Diagnostic] = field(default_factory=list, repr=False)
    """Province names of pledge files read as ids (``pledge_names.py``), for
    ``validate --verbose``; notes, never problems."""

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def province_name(self, province_id: str) -> str:
        province = self.provinces.get(province_id)
        return province.name if province else province_id

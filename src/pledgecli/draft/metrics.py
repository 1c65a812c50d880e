"""Which metric a target's text is about: a small table of the bundled data's metrics.

``metric_for(text)`` and ``per_for(metric, base)`` look the text up in ``CATALOGUE``
and ``BASES``; :func:`use_catalogue` points them at another table (the metric
catalogue of data collection, when it exists). A text no entry fits gets an id made
from its own words (:func:`derived_id`), which the draft marks for review.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> str:
    """Lowercase ASCII words separated by single spaces; ``hợp tác xã`` -> ``htx``."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("đ", "d").replace("Đ", "D").casefold()
    joined = " " + " ".join(_WORD.findall(plain)) + " "
    for long, short in _ABBREVIATIONS:
        joined = joined.replace(f" {long} ", f" {short} ")
    return joined.strip()


_ABBREVIATIONS = (
    ("lien hiep hop tac xa", "lien hiep htx"),
    ("hop tac xa", "htx"),
    ("to hop tac", "tht"),
    ("lien minh htx", "lien minh htx"),
)


@dataclass(frozen=True)
class Entry:
    """A metric and the words a target's text must hold (all of ``every``, one of ``some``
    when given, none of ``never``); ``per`` is its usual denominator for a ratio."""

    metric: str
    every: tuple[str, ...]
    some: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    per: str | None = None

    def fits(self, text: str) -> bool:
        padded = f" {text} "
        return (
            all(f" {w} " in padded for w in self.every)
            and (not self.some or any(f" {w} " in padded for w in self.some))
            and not any(f" {w} " in padded for w in self.never)
        )


# The metrics of the bundled pledges, the most specific first.
DEFAULT_CATALOGUE: tuple[Entry, ...] = (
    Entry("unions_new", ("lien hiep htx",), ("thanh lap", "moi")),
    Entry("managers_trained", ("can bo quan ly", "dao tao")),
    Entry("staff_trained", ("can bo co quan", "dao tao"), per="staff_total"),
    Entry("value_chain_models_new", ("mo hinh", "chuoi gia tri")),
    Entry("coops_new", ("htx",), ("thanh lap",), ("lien hiep", "mo hinh")),
    Entry("coops_effective", ("hieu qua",), (), ("nong nghiep",), per="coops_active"),
    Entry("alliance_members", ("thanh vien lien minh",)),
    Entry("households_member", ("ho dan",), ("tham gia", "thanh vien"), per="households_rural"),
    Entry("coop_members", ("thanh vien",), ("htx",)),
    Entry("has_support_fund", ("quy ho tro",)),
    Entry("training_plan_done", ("ke hoach dao tao",)),
)

# Bases of ratios, as written after "trên tổng số ...", "số ...".
DEFAULT_BASES: tuple[Entry, ...] = (
    Entry("coops_active", ("htx", "dang hoat dong")),
    Entry("households_rural", ("ho dan",)),
    Entry("staff_total", ("can bo co quan",)),
)

_tables: dict[str, tuple[Entry, ...]] = {
    "metrics": DEFAULT_CATALOGUE,
    "bases": DEFAULT_BASES,
}


def use_catalogue(metrics: Sequence[Entry], bases: Sequence[Entry] = DEFAULT_BASES) -> None:
    """Look metrics up in ``metrics`` (and ratio bases in ``bases``) from now on."""
    _tables["metrics"] = tuple(metrics)
    _tables["bases"] = tuple(bases)


def metric_for(text: str) -> str | None:
    """The catalogue's metric for a target's text, or ``None`` when no entry fits."""
    entry = _entry(text)
    return entry.metric if entry else None


def _entry(text: str) -> Entry | None:
    folded = words(text)
    return next((e for e in _tables["metrics"] if e.fits(folded)), None)


def per_for(metric: str | None, base: str | None) -> str | None:
    """The denominator of a ratio: from its written base, else the metric's usual one."""
    if base:
        folded = words(base)
        found = next((e.metric for e in _tables["bases"] if e.fits(folded)), None)
        if found:
            return found
    if metric is not None:
        entry = next((e for e in _tables["metrics"] if e.metric == metric), None)
        if entry is not None:
            return entry.per
    return None


# Words that say how much, not what: left out of an id made from a text.
_FILLER_PHRASES = (
    "phan dau",
    "ty le",
    "linh vuc",
    "it nhat",
    "toi thieu",
    "tro len",
    "khong qua",
    "toi da",
    "cung ky",
    "thuc hien tot",
    "to chuc thanh cong",
    "phan tram",
    "tong so",
)
_FILLER = frozenset(
    [
        "nang",
        "trong",
        "dat",
        "co",
        "cac",
        "cua",
        "va",
        "duoc",
        "la",
        "cho",
        "voi",
        "so",
        "tu",
        "tren",
        "hon",
        "duoi",
        "tang",
        "giam",
        "nam",
        "truoc",
        "moi",
        "xuong",
        "con",
        "them",
        "deu",
        "mot",
        "hai",
        "ba",
        "bon",
        "ve",
        "o",
        "tai",
        "nhung",
        "nhu",
        "da",
        "se",
        "can",
        "phai",
    ]
)


def derived_id(text: str) -> str:
    """A metric id made from the words of ``text``: ``htx_hoat_dong_hieu_qua_nong_nghiep``."""
    padded = f" {words(text)} "
    for phrase in _FILLER_PHRASES:
        padded = padded.replace(f" {phrase} ", " ")
    kept = [w for w in padded.split() if w not in _FILLER and not w.isdigit()]
    return "_".join(kept[:8]) or "metric"

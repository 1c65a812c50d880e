"""Rating bands (xếp loại) and nominations with quotas (Cờ thi đua, Bằng khen): pure.

Bands come from ``[scoring.bands]`` (name -> lower bound in points); a province gets the
highest band whose bound its score reaches (a score exactly on a bound gets that band),
or none when it is below every bound. Nominations take the ranking in order: the flag
first (``flag_quota`` seats), then certificates from those not proposed for the flag
(``certificate_quota`` seats). A province is eligible for the flag when it met every
target (if ``nominee_must_meet_all``) and reaches ``flag_min_band``; for a certificate
when it reaches ``certificate_min_band``. When provinces tie with equal scores across
the last seat, none of them is cut: they are all shown as tied for the seats left, for
the cluster to decide. ``alternates`` more eligible provinces follow in rank order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from pledgecli.i18n import N_, _, language
from pledgecli.models import Scoring
from pledgecli.names import fold
from pledgecli.scoring import Ranked


@dataclass(frozen=True)
class Band:
    name: str
    at_least: Fraction


def bands(scoring: Scoring) -> tuple[Band, ...]:
    """The bands of a pledge, highest bound first."""
    ordered = sorted(scoring.bands.items(), key=lambda item: -item[1])
    return tuple(Band(name, bound) for name, bound in ordered)


def band_of(score: Fraction, scoring: Scoring) -> str | None:
    """The name of the highest band ``score`` reaches, or None (no bands, or below all)."""
    for band in bands(scoring):
        if score >= band.at_least:
            return band.name
    return None


def reaches(score: Fraction, band: str | None, scoring: Scoring) -> bool:
    """Whether ``score`` is in ``band`` or a higher one (any score reaches no band)."""
    return band is None or score >= scoring.bands[band]


# The ratings of the emulation regulations, so that an English reader reads them in English.
_KNOWN_BANDS = {
    fold(name): english
    for name, english in (
        ("Xuất sắc", N_("Excellent")),
        ("Hoàn thành xuất sắc nhiệm vụ", N_("Excellent")),
        ("Hoàn thành xuất sắc", N_("Excellent")),
        ("Tốt", N_("Good")),
        ("Hoàn thành tốt nhiệm vụ", N_("Good")),
        ("Hoàn thành tốt", N_("Good")),
        ("Khá", N_("Fair")),
        ("Hoàn thành", N_("Completed")),
        ("Hoàn thành nhiệm vụ", N_("Completed")),
        ("Không hoàn thành", N_("Not completed")),
        ("Không hoàn thành nhiệm vụ", N_("Not completed")),
    )
}


def band_label(name: str) -> str:
    """A band's name for the reader: as written in Vietnamese; in English, the usual
    English of the regulations' ratings (other names as written)."""
    if language() == "vi":
        return name
    english = _KNOWN_BANDS.get(fold(name))
    return _(english) if english is not None else name


class Award(StrEnum):
    FLAG = "flag"
    CERTIFICATE = "certificate"


class Ineligible(StrEnum):
    """Why a province cannot be proposed (JSON values)."""

    NOT_ALL_MET = "not-all-met"
    BELOW_BAND = "below-band"


@dataclass(frozen=True)
class Nomination:
    """The proposal for one award.

    ``nominees`` take seats for certain; ``tied`` share the ``seats_left`` (more tied
    than seats: the cluster decides); ``alternates`` follow in rank order."""

    award: Award
    quota: int
    nominees: tuple[str, ...]
    tied: tuple[str, ...]
    seats_left: int
    alternates: tuple[str, ...]
    ineligible: Mapping[str, Ineligible]

    @property
    def has_tie(self) -> bool:
        return bool(self.tied)

    @property
    def proposed(self) -> tuple[str, ...]:
        """Every province proposed or tied for a seat."""
        return self.nominees + self.tied


def eligibility(entry: Ranked, award: Award, scoring: Scoring) -> Ineligible | None:
    """None when ``entry`` may be proposed for ``award``, else why not."""
    score = entry.score
    if award is Award.FLAG:
        if scoring.nominee_must_meet_all and not score.met_all:
            return Ineligible.NOT_ALL_MET
        minimum = scoring.flag_min_band
    else:
        minimum = scoring.certificate_min_band
    return None if reaches(score.score, minimum, scoring) else Ineligible.BELOW_BAND


def nominate(
    ranking: Sequence[Ranked], scoring: Scoring, award: Award, exclude: Sequence[str] = ()
) -> Nomination:
    """The proposal for ``award`` from ``ranking`` (best first), leaving out ``exclude``."""
    quota = (scoring.flag_quota if award is Award.FLAG else scoring.certificate_quota).seats(
        len(ranking)
    )
    ineligible: dict[str, Ineligible] = {}
    eligible: list[Ranked] = []
    for entry in ranking:
        if entry.score.province in exclude:
            continue
        why = eligibility(entry, award, scoring)
        if why is None:
            eligible.append(entry)
        else:
            ineligible[entry.score.province] = why
    nominees: list[str] = []
    tied: list[str] = []
    index = 0
    while index < len(eligible) and len(nominees) < quota:
        score = eligible[index].score.score
        group = [e.score.province for e in eligible[index:] if e.score.score == score]
        if len(nominees) + len(group) <= quota:
            nominees += group
        else:
            tied = group
        index += len(group)
        if tied:
            break
    seats_left = quota - len(nominees)
    rest = [e.score.province for e in eligible[index:]]
    return Nomination(
        award=award,
        quota=quota,
        nominees=tuple(nominees),
        tied=tuple(tied),
        seats_left=seats_left if tied else 0,
        alternates=tuple(rest[: scoring.alternates]) if quota else (),
        ineligible=ineligible,
    )


def nominations(ranking: Sequence[Ranked], scoring: Scoring) -> tuple[Nomination, Nomination]:
    """The flag, then certificates from those not proposed (nor tied) for the flag."""
    flag = nominate(ranking, scoring, Award.FLAG)
    certificates = nominate(ranking, scoring, Award.CERTIFICATE, exclude=flag.proposed)
    return flag, certificates


def bands_of(ranking: Sequence[Ranked], scoring: Scoring) -> dict[str, str | None]:
    """Each province's band (None: no bands, or below every bound)."""
    return {entry.score.province: band_of(entry.score.score, scoring) for entry in ranking}

"""``--format json``: the v1 contract of data-format.md, plus extra fields."""

from __future__ import annotations

import json
from fractions import Fraction

from pledgecli.evaluate import PledgeResults, Result
from pledgecli.render import Report
from pledgecli.scoring import ProvinceScore

JsonValue = int | float | bool | None


def json_number(value: Fraction | bool | None) -> JsonValue:
    if value is None or isinstance(value, bool):
        return value
    if value.denominator == 1:
        return value.numerator
    return float(value)


def result_json(result: Result, report: Report, cluster: str) -> dict[str, object]:
    return {
        "province": result.province,
        "target": result.target.id,
        "status": result.status.value,
        "actual": json_number(result.actual),
        "threshold": json_number(result.threshold),
        "province_name": report.name_of(result.province) if result.province else None,
        "gap": json_number(result.gap),
        "baseline": json_number(result.baseline),
        "baseline_year": result.baseline_year,
        "missing": list(result.missing),
        "baseline_from": list(result.baseline_from) if result.assembled else None,
        "score": json_number(report.points_of(cluster, result)),
    }


def pledge_json(pledge_results: PledgeResults, report: Report) -> dict[str, object]:
    pledge = pledge_results.pledge
    return {
        "cluster": pledge.cluster,
        "name": pledge.name,
        "year": pledge.year,
        "signed_on": pledge.signed_on.isoformat() if pledge.signed_on else None,
        "leader": pledge.leader,
        "provinces": list(pledge.provinces),
        "targets": [
            {
                "id": t.id,
                "text": t.text,
                "metric": t.metric,
                "per": t.per,
                "rule": t.rule.value,
                "scope": t.scope.value,
                "threshold": json_number(t.threshold),
            }
            for t in pledge.targets
        ],
        "results": [result_json(r, report, pledge.cluster) for r in report.shown(pledge_results)],
        "scores": [
            score_json(score)
            for province in pledge.provinces
            if (score := report.score_of(pledge.cluster, province)) is not None
            and (report.province is None or province == report.province)
        ],
    }


def score_json(score: ProvinceScore) -> dict[str, object]:
    return {
        "province": score.province,
        "score": json_number(score.score),
        "points": json_number(score.points),
        "bonus": json_number(score.bonus),
        "deductions": [
            {"points": json_number(d.points), "reason": d.reason} for d in score.deductions
        ],
        "met": score.met,
        "missed": score.missed,
        "no_data": score.no_data,
        "no_baseline": score.no_baseline,
    }


def render(report: Report) -> str:
    payload = {
        "year": report.year,
        "province": report.province,
        "summary": {status.value: n for status, n in report.counts().items()},
        "pledges": [pledge_json(p, report) for p in report.pledges],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

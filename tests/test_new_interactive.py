"""``pledge new YEAR --interactive``: questions in a real terminal (a pseudo-terminal
driven by pexpect), never a prompt when standard input is not a terminal."""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest
from conftest import PINNED_ENV, Run

from pledgecli.collect.interactive import (
    COMMENT,
    JUDGED,
    cluster_id,
    corrected,
    leader_of,
    propose,
    signatories,
)
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import UserError
from pledgecli.load_registry import load_provinces
from pledgecli.models import Rule

TARGET_FILE = Path("pledges/2024/tay-nam-song-hau.toml")


class Terminal:
    """``pledge ARGS`` in a pseudo-terminal: answer each question as it appears."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {k: v for k, v in {**os.environ, **PINNED_ENV}.items() if v is not None}
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "pledgecli", *args],
            cwd=str(cwd),
            env=env,
            encoding="utf-8",
            timeout=60,
            dimensions=(40, 200),
        )
        self.seen: list[str] = []

    def answer(self, question: str, text: str) -> str:
        """Wait for ``question``, type ``text``; what was shown since the last answer."""
        self.child.expect_exact(question)
        shown = str(self.child.before) + question
        self.seen.append(shown)
        self.child.sendline(text)
        return shown

    def finish(self) -> tuple[int, str]:
        self.child.expect(pexpect.EOF)
        self.child.close()
        rest = str(self.child.before)
        self.seen.append(rest)
        status = self.child.exitstatus
        assert status is not None
        return status, rest


@pytest.fixture
def terminal(bundled_copy: Path) -> Iterator[Terminal]:
    term = Terminal(["new", "2024", "--interactive", "--data", str(bundled_copy)], bundled_copy)
    yield term
    if term.child.isalive():
        term.child.terminate(force=True)


def test_questions_in_a_terminal_write_a_pledge_that_validates(
    terminal: Terminal, bundled_copy: Path, run: Run
) -> None:
    t = terminal
    t.answer("Cluster (its id", "Tây Nam sông Hậu")
    t.answer("The cluster's name, as signed [Tây Nam sông Hậu]", "Cụm thi đua Tây Nam sông Hậu")
    t.answer("Signatories", "Cần Thơ, soc trang, Atlantis")
    # the unknown name is said, and the question asked again
    shown = t.answer("Signatories", "Cần Thơ, soc trang, Bac Lieu")
    assert '"Atlantis" is not a province of provinces.toml' in shown
    shown = t.answer("Leader (cụm trưởng) of 2024", "2")
    assert "2. Sóc Trăng (soc-trang)" in shown
    t.answer("Target 1", "Thành lập mới ít nhất 20 HTX, 01 Liên hiệp HTX")
    shown = t.answer("Right?", "y")
    assert "proposed: at least 20, metric coops_new" in shown
    t.answer("Right?", "")  # the default: yes
    t.answer(
        "Target 2", "HTX hoạt động có hiệu quả đạt 60% trở lên trên tổng số HTX đang hoạt động"
    )
    shown = t.answer("Right?", "n")
    assert "proposed: at least 60% of coops_active, metric coops_effective" in shown
    t.answer("Rule [at_least]", "at_most")
    t.answer("Metric [coops_effective]", "")
    t.answer("Threshold (e.g. 20, 60%, 1.5) [60%]", "70,5%")
    t.answer("Target 3", "Tổ chức thành công Đại hội")
    shown = t.answer("Right?", "y")
    assert "yes/no, judged by the cluster" in shown
    t.answer("Target 4", "Doanh thu tăng hơn 5% so năm trước")
    shown = t.answer("Rule [comment]", "growth_at_least")
    assert "not understood: growth of more than 5" in shown
    t.answer("Metric", "coop_revenue")
    t.answer("Threshold", "5")
    shown = t.answer("Threshold", "5%")
    assert "a growth is a percentage" in shown
    t.answer("Target 5", "")
    status, rest = t.finish()
    assert status == 0, rest
    path = bundled_copy / "pledges" / "2024" / "tay-nam-song-hau.toml"
    assert "wrote" in rest
    pledge = tomllib.loads(path.read_text("utf-8"), parse_float=Decimal)
    assert pledge["name"] == "Cụm thi đua Tây Nam sông Hậu"
    assert pledge["provinces"] == ["can-tho", "soc-trang", "bac-lieu"]
    assert pledge["leader"] == "soc-trang"
    rules = [
        (t["metric"], next((r.value, t[r.value]) for r in Rule if r.value in t))
        for t in pledge["targets"]
    ]
    assert rules == [
        ("coops_new", ("at_least", 20)),
        ("unions_new", ("at_least", 1)),
        ("coops_effective", ("at_most", "70.5%")),
        ("dai_hoi", ("must_be", True)),
        ("coop_revenue", ("growth_at_least", "5%")),
    ]
    assert pledge["targets"][3]["judged_by"] == "cluster"
    assert not list(path.parent.glob(".*.tmp"))  # written atomically: no temporary left
    code, out, _ = run(["validate", "--data", str(bundled_copy)])
    assert code == 0, out


def test_stopping_with_ctrl_d_writes_nothing(terminal: Terminal, bundled_copy: Path) -> None:
    terminal.answer("Cluster (its id", "tay-nam-song-hau")
    terminal.child.expect_exact("name, as signed")
    terminal.child.sendeof()
    status, rest = terminal.finish()
    assert status == 2
    assert "stopped: nothing was written" in rest
    assert not (bundled_copy / "pledges" / "2024").exists()


def test_no_prompt_when_stdin_is_not_a_terminal(run: Run, bundled_copy: Path) -> None:
    code, out, err = run(["new", "2024", "--interactive", "--data", str(bundled_copy)])
    assert code == 2
    assert out == ""
    assert "standard input is not a terminal" in err
    assert "Cluster" not in out + err
    assert not (bundled_copy / "pledges" / "2024").exists()
    code, _, err = run(["new", "2024", "-i", "--data", str(bundled_copy), "--lang", "vi"])
    assert code == 2
    assert "không phải là một terminal" in err


def test_no_prompt_from_a_pipe_in_a_real_process(bundled_copy: Path) -> None:
    import subprocess

    env = {k: v for k, v in {**os.environ, **PINNED_ENV}.items() if v is not None}
    done = subprocess.run(
        [sys.executable, "-m", "pledgecli", "new", "2024", "--interactive", "--data", "."],
        input="tay-nam-song-hau\n",
        capture_output=True,
        text=True,
        cwd=bundled_copy,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "standard input is not a terminal" in done.stderr


def test_new_needs_from_or_interactive(run: Run, bundled_copy: Path) -> None:
    code, _, err = run(["new", "2024", "--data", str(bundled_copy)])
    assert code == 2
    assert "--from YEAR0" in err and "--interactive" in err
    code, _, err = run(["new", "2024", "--from", "2021", "-i", "--data", str(bundled_copy)])
    assert code == 2
    assert "not both" in err


@pytest.fixture
def registry(bundled: Path) -> DataSet:
    data = DataSet(bundled)
    load_provinces(data)
    return data


def test_signatories_by_name_id_or_alias_and_the_leader_among_them(registry: DataSet) -> None:
    assert signatories("Cần Thơ; an-giang, KIEN GIANG, can tho", registry, 2024) == [
        "can-tho",
        "an-giang",
        "kien-giang",
    ]
    with pytest.raises(UserError, match="merged into"):
        signatories("Bạc Liêu", registry, 2026)
    with pytest.raises(UserError, match="Atlantis"):
        signatories("Atlantis", registry, 2024)
    chosen = ["can-tho", "an-giang"]
    assert leader_of("2", chosen, registry) == "an-giang"
    assert leader_of("Cần Thơ", chosen, registry) == "can-tho"
    assert leader_of("", chosen, registry) is None
    with pytest.raises(UserError, match="does not sign"):
        leader_of("Cà Mau", chosen, registry)
    assert cluster_id("tay-nam-song-hau") == ("tay-nam-song-hau", None)
    assert cluster_id("Cụm Tây Nam") == ("cum-tay-nam", "Cụm Tây Nam")


def test_a_proposal_corrected() -> None:
    (target,) = propose("Tỷ lệ HTX khá, tốt đạt từ 60% trở lên", 2024, 1)
    assert (target.rule, target.threshold) == (Rule.AT_LEAST, Fraction(3, 5))
    fixed = corrected(target, "below", "1,5", "")
    assert (fixed.rule, fixed.value, fixed.percent) == (Rule.BELOW, Decimal("1.5"), False)
    assert corrected(target, JUDGED, "", "").judged_by_cluster
    assert corrected(target, COMMENT, "", "").rule is None
    with pytest.raises(UserError, match="not a number"):
        corrected(target, "at_least", "nhiều", "")

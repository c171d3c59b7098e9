"""Version requirements in csec.yaml's `extends.version`: which standard versions a workspace accepts."""

from __future__ import annotations

import pytest

from csec_builder.versions import parse_requirement


@pytest.mark.parametrize(
    ("requirement", "accepted", "refused"),
    [
        (">=1.1", ["1.1", "1.1.0", "1.2.3", "2.0"], ["1.0.9", "0.9"]),
        ("<2", ["1.99.0", "0.1"], ["2", "2.0.0", "10.0"]),
        ("==1.1", ["1.1", "1.1.0"], ["1.1.1", "1.10"]),
        ("~=1.1", ["1.1", "1.4.2"], ["1.0.9", "2.0"]),
        ("~=1.1.0", ["1.1.0", "1.1.7"], ["1.2.0", "1.0.5"]),
        (">=1.1, <2, !=1.3.0", ["1.1.0", "1.2.9", "1.3.1"], ["1.3", "2.0.0", "1.0.0"]),
        (">1.0,<=1.5", ["1.0.1", "1.5.0"], ["1.0.0", "1.5.1"]),
    ],
)
def test_requirement_accepts_and_refuses(requirement: str, accepted: list[str], refused: list[str]) -> None:
    parsed = parse_requirement(requirement)
    assert [v for v in accepted if not parsed.allows(v)] == []
    assert [v for v in refused if parsed.allows(v)] == []


@pytest.mark.parametrize(
    ("requirement", "hint"),
    [
        ("1.1", 'needs a comparison in front, such as ">=1.1"'),
        (">=one", "'one' is not a version number"),
        (">=1.1,", "is not a version requirement"),
        ("=>1.1", "use >=, >, <=, <, ==, != or ~="),
        ("~=1", "~= needs at least two parts"),
    ],
)
def test_unreadable_requirement_says_how_to_write_one(requirement: str, hint: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_requirement(requirement)
    assert hint in str(caught.value)


def test_a_bad_requirement_in_csec_yaml_is_reported_at_its_line(cli, tmp_path) -> None:
    (tmp_path / "csec.yaml").write_text('extends:\n  standard: California CSEC 101\n  version: "1.1"\n')
    run = cli("validate", cwd=tmp_path)
    assert run.exit_code == 1, run.output
    assert "csec.yaml:3:12: error: extends.version: '1.1' needs a comparison in front, such as \">=1.1\"" in run.stdout

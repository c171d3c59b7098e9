"""Workspace Jinja templates: bounded in what they may build, and their errors reported at their own lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from csec_builder.problems import TemplateError
from csec_builder.render.guide.guide import render_template
from csec_builder.render.guide.sandbox import OUTPUT_LIMIT, TEXT_LIMIT

# Each asks for gigabytes (or for a number of billions of bits) in one expression.
HUGE = [
    "{{ 'x' * 1000000000 }}",
    "{{ 1000000000 * 'x' }}",
    "{{ [0] * 1000000000 }}",
    "{{ 'ab'|center(1000000000) }}",
    "{{ 'ab'.ljust(1000000000) }}",
    "{{ 'ab'.zfill(1000000000) }}",
    "{{ 'a\tb'.expandtabs(1000000000) }}",
    "{{ 'ab'|indent(1000000000) }}",
    "{{ '%1000000000d' % 5 }}",
    "{{ '%d'|format(5) ~ '%.1000000000f'|format(1.5) }}",
    "{{ '{:>1000000000}'.format(5) }}",
    "{{ 'abc'.replace('', 'y' * 5000000) }}",
    "{{ 'abc'|replace('', 'y' * 5000000) }}",
    "{{ range(100000)|join('-' * 1000) }}",
    "{{ ('-' * 1000).join(range(100000)|map('string')) }}",
    "{{ [1]|batch(1000000000, 0)|list }}",
    "{{ {'a': 1}|tojson(indent=1000000000) }}",
    "{{ 10 ** 1000000000 }}",
    "{% set x = ['a'] %}{% for i in range(40) %}{{ x.extend(x) }}{% endfor %}",
    "{% set ns = namespace(s='x' * 4000000) %}{% for i in range(10) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
]


def _render(tmp_path: Path, body: str) -> str:
    folder = tmp_path / "templates"
    (folder / "guide").mkdir(parents=True, exist_ok=True)
    (folder / "guide" / "guide.md.j2").write_text(f"# Guide\n\n{body}\n", encoding="utf-8")
    return render_template([folder], "md", "guide/guide.md.j2", {})


@pytest.mark.parametrize("body", HUGE)
def test_a_template_cannot_build_a_huge_value(tmp_path: Path, body: str) -> None:
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, body)
    (problem,) = caught.value.problems
    assert (problem.path.name, problem.line) == ("guide.md.j2", 3)
    assert "limit is" in problem.message


def test_a_template_cannot_write_a_huge_output(tmp_path: Path) -> None:
    # Every value is under the limit; together they are not.
    body = "{% set s = 'x' * 9000000 %}{% for i in range(10) %}{{ s }}{% endfor %}"
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, body)
    assert f"the limit is {OUTPUT_LIMIT:,}" in caught.value.problems[0].message
    assert caught.value.problems[0].path.name == "guide.md.j2"


def test_values_under_the_limits_still_render(tmp_path: Path) -> None:
    text = _render(tmp_path, "{{ 'ab' * 3 }}|{{ 'x'|center(5) }}|{{ [1, 2] + [3] }}|{{ '%05d' % 42 }}|{{ 2 ** 10 }}")
    assert "ababab|  x  |[1, 2, 3]|00042|1024" in text
    big = _render(tmp_path, f"{{{{ ('y' * {TEXT_LIMIT}) | length }}}}")
    assert str(TEXT_LIMIT) in big


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ 1 / 0 }}", "template error: ZeroDivisionError: division by zero"),
        ("{{ 'a' + 1 }}", "template error: TypeError: can only concatenate str"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "template error: RecursionError"),
        ("{% for i in range(10 ** 9) %}{% endfor %}", "template error: OverflowError: Range too big"),
        ("{% include '/etc/passwd' %}", "template '/etc/passwd' not found"),
    ],
)
def test_a_template_error_names_the_template_and_line(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, body)
    (problem,) = caught.value.problems
    assert (problem.path.name, problem.line) == ("guide.md.j2", 3)
    assert message in problem.message


def test_an_error_in_an_included_template_names_the_included_one(tmp_path: Path) -> None:
    (tmp_path / "templates" / "guide").mkdir(parents=True)
    (tmp_path / "templates" / "guide" / "part.md.j2").write_text("one\ntwo\n{{ 1 // 0 }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, "{% include 'guide/part.md.j2' %}")
    (problem,) = caught.value.problems
    assert (problem.path.name, problem.line) == ("part.md.j2", 3)


def test_a_build_with_a_huge_template_value_fails_at_the_template(workspace: Path, cli, tmp_path: Path) -> None:
    override = workspace / "templates" / "guide" / "guide.md.j2"
    override.write_text("# Guide\n{{ contractor.title }}\n{{ 'x' * 1000000000 }}\n{{ 1 / 0 }}\n", encoding="utf-8")
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path / "out", "-f", "md")
    assert run.exit_code == 1
    assert "templates/guide/guide.md.j2:3:1: error: template error: the template makes a value of" in run.stderr
    assert "may be a bug" not in run.output and "Traceback" not in run.output
    assert not (tmp_path / "out" / "bay-area-academy").exists()
    override.write_text("# Guide\n{{ contractor.title }}\n\n{{ 1 / 0 }}\n", encoding="utf-8")
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path / "out", "-f", "md")
    assert "templates/guide/guide.md.j2:4:1: error: template error: ZeroDivisionError" in run.stderr
    assert "may be a bug" not in run.output

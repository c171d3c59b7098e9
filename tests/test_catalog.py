"""The content of the standard catalog: every objective is complete enough to teach from.

These are editorial rules for objectives/*.yaml that the schema alone does not enforce: a
measurable statement, enough slides with speaker notes a trainer can actually say, practice,
a knowledge check, sources, and survivor-centred language.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from csec_builder.models import Objective

from .helpers import REPO, copy_workspace

IDS = sorted(p.stem for p in (REPO / "objectives").glob("*.yaml"))
AUDIENCES = ("child-welfare", "probation", "caregiver")

# Terms survivors and the field have asked us to stop using. They may appear only in quotation
# marks, where a slide names them as words to avoid (LANG-01 does).
BANNED = re.compile(r"\b(child prostitutes?|johns?|pimps?|pimping|child pornography)\b", re.IGNORECASE)
QUOTED = re.compile(r'"[^"\n]*"|“[^”]*”')


def words(text: str) -> int:
    return len(text.split())


def unquoted(text: str) -> str:
    return QUOTED.sub('""', text)


def test_every_objective_file_loads(catalog: dict[str, Objective]) -> None:
    assert sorted(catalog) == IDS
    assert len(IDS) >= 14


# --- each objective ------------------------------------------------------------------------


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_statement_is_measurable(objective: Objective) -> None:
    assert objective.statement.startswith("Participants will be able to ")


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_has_at_least_three_key_points(objective: Objective) -> None:
    assert len(objective.key_points) >= 3


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_slides_have_three_to_six_bullets_and_real_notes(objective: Objective) -> None:
    assert len(objective.slides) >= 2
    for slide in objective.slides:
        assert 3 <= len(slide.bullets) <= 6 or slide.diagram, f"{slide.title!r} has {len(slide.bullets)} bullets"
        assert slide.diagram is None or sum(bool(s.detail) for s in slide.diagram.steps) >= 2, slide.title
        assert words(slide.notes) >= 40, f"{slide.title!r} notes have {words(slide.notes)} words"


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_has_an_activity_or_a_discussion_question(objective: Objective) -> None:
    assert objective.activities or objective.discussion_questions


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_has_a_knowledge_check_with_answers(objective: Objective) -> None:
    assert len(objective.knowledge_check) >= 2
    for item in objective.knowledge_check:
        assert item.question.strip() and item.answer.strip()
        if item.choices:
            assert item.answer in item.choices


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_cites_at_least_one_reference(objective: Objective) -> None:
    assert len(objective.references) >= 1
    assert all(words(r.citation) >= 3 for r in objective.references)


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_no_banned_terms_outside_quotation_marks(objective: Objective) -> None:
    texts = [objective.title, objective.statement, *objective.key_points, *objective.discussion_questions]
    for slide in objective.slides:
        texts += [slide.title, *slide.bullets, slide.notes]
    for activity in objective.activities:
        texts += [activity.title, activity.instructions]
    for item in objective.knowledge_check:
        texts += [item.question, item.answer, *(item.choices or []), item.rationale or ""]
    found = [(m.group(0), text[:60]) for text in texts for m in BANNED.finditer(unquoted(text))]
    assert found == []


def test_banned_term_check_would_catch_an_unquoted_term() -> None:
    assert BANNED.search(unquoted("The pimp controlled her phone"))
    assert BANNED.search(unquoted("Child Pornography laws"))
    assert not BANNED.search(unquoted('Avoid "pimp"; say "trafficker"'))
    assert not BANNED.search(unquoted("Johnson county and pimple are fine"))


def test_the_language_objective_names_the_terms_to_avoid(catalog: dict[str, Objective]) -> None:
    slides = " ".join(" ".join(s.points) for s in catalog["LANG-01"].slides)
    for term in ("child prostitute", "john", "pimp", "child pornography"):
        assert re.search(rf'"{term}"', slides, re.IGNORECASE), f'LANG-01 should quote "{term}" as a term to avoid'


# --- the catalog as a whole ----------------------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_audience_has_a_whole_required_course(catalog: dict[str, Objective], audience: str) -> None:
    required = [o for o in catalog.values() if audience in o.required_for]
    assert required, f"nothing is required for {audience}"
    domains = {o.domain for o in required}
    assert len(domains) >= 6, f"the {audience} course only spans {sorted(domains)}"


def test_covers_at_least_six_domains(inputs, catalog: dict[str, Objective]) -> None:
    used = {o.domain for o in catalog.values()}
    assert len(used) >= 6
    assert used <= set(inputs.config.model.domain_ids)


def test_slide_titles_are_unique_across_the_catalog(catalog: dict[str, Objective]) -> None:
    titles = Counter(s.title.casefold() for o in catalog.values() for s in o.slides)
    assert [title for title, count in titles.items() if count > 1] == []


def test_validate_has_no_warnings_on_the_standard_catalog(cli, tmp_path) -> None:
    # The one warning of the repository: the Spanish sample teaches its untranslated objectives in English
    # (fallback_language), until objectives/es/ holds every objective required for caregivers.
    run = cli("validate", "--workspace", REPO)
    warnings = [line for line in run.stdout.splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and "foster-kinship-care-education-es.yaml" in warnings[0], run.output
    ws = copy_workspace(tmp_path / "ws")
    (ws / "contractors" / "foster-kinship-care-education-es.yaml").unlink()
    run = cli("validate", "--workspace", ws, "--strict")
    assert run.exit_code == 0, run.output
    assert ": warning: " not in run.stdout
    assert "no problems" in run.stdout

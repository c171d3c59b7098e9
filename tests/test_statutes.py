"""The second statute check of the shipped catalog (issue 20) stays fixed.

Each test reads the shipped objectives or sample profiles and fails if one of the corrected problems
comes back: the exact wording and locator of Penal Code §11166(j)(3), AB 2108's notices for any child
missing from foster care, the origin of the reasonable and prudent parent standard, the joint-report
rule (taught to professionals, kept out of the caregiver course), "immediately" beside every 24-hour
clock, a single correct corner in SCOPE-01's first round, and knowledge checks whose answer is not
given away by being the one short choice. The small readers the checks rely on are tested first, so
that a reader that stopped finding anything would fail rather than pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from csec_builder.models import KnowledgeCheckItem, Objective

# --- readers ---------------------------------------------------------------------------------

# A reporting clock of 24 hours, not a hotline open "24 hours a day" (the same reader as test_content).
TWENTY_FOUR_HOURS = re.compile(
    r"\b(?:24|twenty-four)[- ]hours?\b(?!\s+a\s+day)(?!\s*(?:hotline|helpline|crisis|line\b|access|service))",
    re.IGNORECASE,
)
# A sentence ends at . ! ? (or a closing quote after one) before a capital, a quote or the end; a
# blank line, list item, table row or heading starts a new block (notes, steps, Markdown documents).
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z\"“(])")
BLOCK = re.compile(r"\n\s*\n|\n(?=\s*(?:[|#>*-]|\d+[.)]\s))")
J3_WORDS = '"immediately, or in no case later than 24 hours from receipt of the information"'
# §11166 with the subdivision the catalog cites: (a)(1), (h), (i)(1), (j)(2) or (j)(3).
SECTION_11166 = re.compile(r"11166(?![\d.])")
LOCATED_11166 = re.compile(r"11166(?:,\s*subdivision\s*)?\((?:a\)\(1|h|i\)\(1|j\)\([23])\)")
JOINT_REPORT = re.compile(r"jointly|joint report|mutual agreement|agree that one|11166\(h\)", re.IGNORECASE)
CREATED_PRUDENT = re.compile(
    r"(?:Public Law|PL|P\.L\.)\s*113-183[^.]*\bcreat\w*[^.]*prudent parent"
    r"|created the reasonable and prudent parent",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    blocks = (re.sub(r"\s+", " ", block).strip() for block in BLOCK.split(text))
    return [s for block in blocks for s in SENTENCE_END.split(block) if s]


def bare_clocks(text: str) -> list[str]:
    """The sentences of `text` that give a 24-hour clock without "immediately"."""
    return [s for s in sentences(text) if TWENTY_FOUR_HOURS.search(s) and "immediately" not in s.lower()]


def unlocated_11166(text: str) -> int:
    """How many times `text` cites §11166 without the subdivision."""
    return len(SECTION_11166.findall(text)) - len(LOCATED_11166.findall(text))


def uniquely_shortest(item: KnowledgeCheckItem) -> bool:
    others = [len(c) for c in item.choices or [] if c != item.answer]
    return bool(others) and len(item.answer) < min(others)


def corner_range(sign: str) -> tuple[int, int]:
    """'Under 11' -> (0, 10); '11 to 14' -> (11, 14); '17 or older' -> (17, 99)."""
    if m := re.fullmatch(r"Under (\d+)", sign):
        return 0, int(m.group(1)) - 1
    if m := re.fullmatch(r"(\d+) to (\d+)", sign):
        return int(m.group(1)), int(m.group(2))
    if m := re.fullmatch(r"(\d+) or older", sign):
        return int(m.group(1)), 99
    raise ValueError(f"unreadable corner sign {sign!r}")


def correct_corners(corners: dict[str, str], onset: tuple[int, int]) -> list[str]:
    """The corners whose range holds the whole onset span."""
    return [n for n, sign in corners.items() if corner_range(sign)[0] <= onset[0] and onset[1] <= corner_range(sign)[1]]


def test_the_clock_reader_wants_immediately_in_the_same_sentence() -> None:
    assert bare_clocks("Report a youth missing from placement within 24 hours, alongside the police report.")
    assert bare_clocks("Report it immediately. The 24 hours are an outer limit, not a waiting period.")
    assert not bare_clocks("Report immediately, or in no case later than 24 hours, to NCMEC.")
    assert not bare_clocks("Confidential help, 24 hours a day. Call 18 U.S.C. §1591 a federal law.")
    assert bare_clocks("| Missing | immediately |\n| NCMEC | within 24 hours |")


def test_the_locator_reader_finds_a_bare_11166() -> None:
    assert unlocated_11166("Penal Code §11166 as amended by SB 794 sets the same clock") == 1
    assert unlocated_11166("PC §11166(j)(3) and Penal Code 11166, subdivision (j)(2), and §11166(a)(1)") == 0
    assert unlocated_11166("Penal Code §11165.7 names foster parents") == 0


def test_the_shortest_and_corner_readers() -> None:
    item = KnowledgeCheckItem(question="q", choices=["Yes", "Not at all", "Maybe later"], answer="Yes")
    assert uniquely_shortest(item)
    assert not uniquely_shortest(item.model_copy(update={"choices": ["Yes", "No!", "Maybe"]}))
    old = {"1": "Under 10", "2": "10 to 12", "3": "13 to 15", "4": "16 or older"}
    assert correct_corners(old, (11, 14)) == []
    assert correct_corners({"1": "Under 11", "2": "11 to 14", "3": "15 or older"}, (11, 14)) == ["2"]


def test_the_joint_report_and_prudent_parent_readers() -> None:
    assert JOINT_REPORT.search("Reporters who jointly know of a case may agree that one reports (§11166(h))")
    assert not JOINT_REPORT.search("Telling the worker is in addition to your report, never instead of it.")
    assert CREATED_PRUDENT.search("Federal law, Public Law 113-183, created the reasonable and prudent parent standard")
    assert not CREATED_PRUDENT.search("Public Law 113-183 made a reasonable and prudent parent standard federal law")


# --- texts ---------------------------------------------------------------------------------


def every_text(objective: Objective) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of an objective that a trainer or participant reads."""
    yield "statement", objective.statement
    yield from ((f"key_points[{n}]", p) for n, p in enumerate(objective.key_points))
    for n, slide in enumerate(objective.slides):
        yield from ((f"slides[{n}]", t) for t in (slide.title, *slide.bullets, slide.notes))
    for n, activity in enumerate(objective.activities):
        yield from ((f"activities[{n}]", t) for t in (activity.prompt or "", activity.instructions))
        yield from ((f"activities[{n}].documents", d.body) for d in activity.documents)
    yield from ((f"discussion_questions[{n}]", q) for n, q in enumerate(objective.discussion_questions))
    for n, item in enumerate(objective.knowledge_check):
        texts = (item.question, *(item.choices or []), item.answer, item.rationale or "")
        yield from ((f"knowledge_check[{n}]", t) for t in texts)


def taught(objective: Objective) -> str:
    """What the slides and key points say: the text every participant sees."""
    return " ".join([*objective.key_points, *(t for s in objective.slides for t in (s.title, *s.bullets))])


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def courses(inputs) -> dict[str, tuple[str, list[Objective]]]:
    """Each sample contractor's audience and the objectives it teaches."""
    return {
        source.model.id: (source.model.audience, list(inputs.preparation(source).objectives))
        for source in inputs.contractors
    }


# --- the clocks ----------------------------------------------------------------------------


def test_every_24_hour_clock_in_the_catalog_says_immediately_in_the_same_sentence(catalog) -> None:
    clocks = [(o.id, w) for o in catalog.values() for w, t in every_text(o) if TWENTY_FOUR_HOURS.search(t)]
    assert len(clocks) >= 20, "the catalog teaches the 24-hour clocks in many places"
    bare = [(o.id, w, s) for o in catalog.values() for w, t in every_text(o) for s in bare_clocks(t)]
    assert bare == []


def test_every_24_hour_clock_in_a_sample_profile_says_immediately(inputs) -> None:
    profiles = {source.model.id: list(strings(source.model.model_dump())) for source in inputs.contractors}
    assert len(profiles) >= 6
    clocks = [i for i, texts in profiles.items() for t in texts if TWENTY_FOUR_HOURS.search(t)]
    assert "sierra-probation-training" in clocks, "the Sierra profile's NCMEC resource gives the missing-youth clock"
    assert [(i, s) for i, texts in profiles.items() for t in texts for s in bare_clocks(t)] == []


@pytest.mark.parametrize("objective", ["MISSING-01", "PROB-01"], indirect=True)
def test_11166_j3_is_quoted_exactly_with_its_locator(objective: Objective) -> None:
    assert J3_WORDS in taught(objective).replace("\\", "")
    assert "§11166(j)(3)" in taught(objective)
    texts = list(every_text(objective))
    assert [(w, t[:60]) for w, t in texts if unlocated_11166(t)] == []
    assert [w for w, t in texts if "California's own rule" in t] == []
    assert "(24 hours at most)" not in " ".join(t for _, t in texts)


def test_no_sentence_gives_11166s_missing_child_clock_in_the_federal_words(catalog) -> None:
    about_missing = re.compile(r"missing|abducted|NCMEC", re.IGNORECASE)
    wrong = [
        (o.id, w, s[:80])
        for o in catalog.values()
        for w, t in every_text(o)
        for s in sentences(t)
        if "11166" in s and about_missing.search(s) and "and in no case later than 24 hours" in s
    ]
    assert wrong == []


def test_missing_01_teaches_ab_2108s_notices_to_child_welfare_and_probation(catalog) -> None:
    missing = catalog["MISSING-01"]
    assert {"child-welfare", "probation"} <= set(missing.required_for)
    text = taught(missing)
    for words in ("AB 2108", "16501.35", "any child missing from foster care", "Tribe", "Indian custodian"):
        assert words.lower() in text.lower(), words
    assert "immediately, but in no case later than 24 hours" in text.lower()
    assert any("AB 2108" in r.citation for r in missing.references)
    assert "AB 2108" in taught(catalog["PROB-01"])


# --- who reports -----------------------------------------------------------------------------


def test_the_joint_report_rule_is_taught_to_professionals_and_kept_from_caregivers(inputs) -> None:
    by_contractor = courses(inputs)
    audiences = {audience for audience, _ in by_contractor.values()}
    assert audiences == {"child-welfare", "probation", "caregiver"}
    for contractor, (audience, objectives) in by_contractor.items():
        slides = " ".join(taught(o) for o in objectives)
        everything = " ".join(t for o in objectives for _, t in every_text(o))
        if audience == "caregiver":
            assert not JOINT_REPORT.search(everything), contractor
            assert re.search(r"report yourself|report is yours|your own report", everything), contractor
        else:
            assert JOINT_REPORT.search(slides), f"{contractor} does not teach the joint-report rule"
            assert re.search(r"was not made must then make it", slides), f"{contractor}: the duty that remains"


def test_no_caregiver_objective_mentions_joint_reports(catalog) -> None:
    caregiver = [o for o in catalog.values() if "caregiver" in o.required_for]
    assert len(caregiver) >= 10
    assert [(o.id, w) for o in caregiver for w, t in every_text(o) if JOINT_REPORT.search(t)] == []


def test_report_01_no_longer_says_telling_a_supervisor_never_replaces_a_report(catalog) -> None:
    texts = [t for _, t in every_text(catalog["REPORT-01"])]
    assert not [t for t in texts if re.search(r"supervisor[^.]*never (?:replaces|a substitute)", t)]
    assert "11166(i)(1)" in taught(catalog["REPORT-01"])


@pytest.mark.parametrize("objective", ["REPORT-01", "CARE-01"], indirect=True)
def test_foster_parents_is_worded_as_the_statutes_term_with_its_sources(objective: Objective) -> None:
    assert "the statute's term" in taught(objective)
    cited = " ".join(r.citation for r in objective.references)
    assert "16519.5" in cited and "§1517" in cited
    said = [t for _, t in every_text(objective)]
    assert not [
        t for t in said if re.search(r"resource (?:and foster |or foster )?parents? (?:are|is) mandated", t, re.I)
    ]


def test_report_01_names_the_agencies_that_take_reports(catalog) -> None:
    text = taught(catalog["REPORT-01"])
    assert "11165.9" in text
    assert re.search(r"not a\s+school district police or security department", text)
    assert re.search(r"probation department if the county has designated it", text)


# --- the law ---------------------------------------------------------------------------------


def test_no_text_says_public_law_113_183_created_the_prudent_parent_standard(catalog) -> None:
    assert [(o.id, w) for o in catalog.values() for w, t in every_text(o) if CREATED_PRUDENT.search(t)] == []
    care = taught(catalog["CARE-01"])
    assert "§§362.04 and 362.05" in care and "2006" in care and "89377" in care


def test_law_01_states_sb_1322_and_236_1_c_as_written(catalog) -> None:
    text = taught(catalog["LAW-01"])
    assert "647(b)(5)" in text and "WIC §305" in text
    assert re.search(r"no arrest or charge", text, re.IGNORECASE)
    assert re.search(r"236\.1\(c\).{0,200}with the intent", text)
    assert "dependency jurisdiction" in text and "child welfare's jurisdiction" not in text


def test_the_health_signs_carry_the_pregnancy_caveat(catalog) -> None:
    assert re.search(
        r"pregnancy is not, in and of itself, a basis for a\s+reasonable suspicion", taught(catalog["IND-01"])
    )


@pytest.mark.parametrize("objective", ["LAW-02", "SCREEN-01"], indirect=True)
def test_documentation_is_in_the_statewide_child_welfare_information_system(objective: Objective) -> None:
    text = taught(objective)
    assert "statewide child welfare information system" in text
    assert "case management system" not in text and "CWS/CMS" not in text


def test_probation_labels_the_return_conversation_as_practice(catalog) -> None:
    points = " ".join(catalog["PROB-01"].key_points)
    assert re.search(r"Good practice, not a statute: have the return conversation", points)


def test_def_01_says_force_need_not_be_shown_for_a_minor(catalog) -> None:
    answers = [i.answer for i in catalog["DEF-01"].knowledge_check if "§1591" in i.answer]
    assert answers and all("for a minor" in a for a in answers)


def test_mdt_01_names_survivor_led_services_with_a_source(catalog) -> None:
    mdt = catalog["MDT-01"]
    assert re.search(r"Survivor-led services are designed or delivered by people with lived experience", taught(mdt))
    assert any("survivor-mentor program" in r.citation for r in mdt.references)


# --- SCOPE-01's four corners ------------------------------------------------------------------


def test_round_1_of_four_corners_has_exactly_one_correct_corner_and_the_trainer_is_told_it(catalog) -> None:
    scope = catalog["SCOPE-01"]
    onset = re.search(r"(\d+) to (\d+) for boys and (\d+) to (\d+) for girls", " ".join(scope.key_points))
    assert onset
    span = (min(int(onset.group(1)), int(onset.group(3))), max(int(onset.group(2)), int(onset.group(4))))
    activity = next(a for a in scope.activities if a.title.startswith("Four corners"))
    signs = next(d.body for d in activity.documents if d.given_to == "participants")
    round_1 = signs.split("## Round 1", 1)[1].split("## Round 2", 1)[0]
    corners = dict(re.findall(r"^\|\s*(\d)\s*\|\s*([^|]+?)\s*\|", round_1, re.MULTILINE))
    assert len(corners) == 4
    right = correct_corners(corners, span)
    assert len(right) == 1, f"corners {corners} hold the onset {span} {len(right)} times"
    assert f'corner {right[0]}, "{corners[right[0]]}"' in activity.instructions


# --- fair knowledge checks --------------------------------------------------------------------


def test_few_items_give_the_answer_away_as_the_one_short_choice(catalog) -> None:
    items = [(o.id, i) for o in catalog.values() for i in o.knowledge_check if i.choices]
    assert len(items) >= 50
    shortest = [f"{oid}: {item.question[:40]}" for oid, item in items if uniquely_shortest(item)]
    assert len(shortest) <= 0.15 * len(items), f"{len(shortest)} of {len(items)}: {shortest}"

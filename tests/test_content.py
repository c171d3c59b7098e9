"""The legal and teaching content of the shipped catalog stays correct.

test_catalog.py checks that every objective is complete; this module checks what the catalog
teaches: every statute or letter a slide cites is in that objective's references, the federal
24-hour clocks always say "immediately", caregivers are taught that they are mandated reporters,
activities tell participants what to do without giving them the answers, and the order of the
choices in a knowledge check does not give the answer away. The first block tests the small
readers the checks rely on, so that a check that silently stopped finding anything would fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from csec_builder.models import Activity, Document, Objective

from .helpers import REPO

IDS = sorted(p.stem for p in (REPO / "objectives").glob("*.yaml"))
QUOTED = re.compile(r'"[^"\n]*"|“[^”]*”')

# Every audience must be taught self-care, reporting and who exploits (issue 7, section 2).
REQUIRED_FOR_EVERY_AUDIENCE = ("WELL-01", "REPORT-01", "RECRUIT-01")
# The objectives that teach caregivers what to do when they suspect exploitation.
CAREGIVER_REPORTING = ("REPORT-01", "CARE-01")


# --- reading citations ---------------------------------------------------------------------

_NUM = r"\d+(?:\.\d+)?(?:\([a-zA-Z0-9]+\))*"
_NUM_LIST = rf"{_NUM}(?:(?:\s*,\s*|\s*,?\s+(?:and|or)\s+)(?:§\s*)?{_NUM})*"
_SECTION_WORD = r"(?:\s*§§?\s*|\s+sections?\s+|\s+)"
_CODES = {
    "PC": r"\b(?:Penal\s+Code|Pen\.\s*Code|PC)",
    "WIC": r"(?:\bWelfare\s+and\s+Institutions\s+Code|\bWelf\.\s*&\s*Inst\.\s*Code|\bW&IC|\bWIC)",
}
CODE_SECTIONS = {code: re.compile(rf"{name}{_SECTION_WORD}({_NUM_LIST})") for code, name in _CODES.items()}
WIC_CHAPTER = re.compile(rf"{_CODES['WIC']}[^.;]*?\b[Cc]hapter\s+(\d+(?:\.\d+)?)")
USC = re.compile(rf"\b(\d+)\s+U\.\s?S\.\s?C\.?{_SECTION_WORD}({_NUM_LIST})")
BARE_SECTION = re.compile(rf"§§?\s*({_NUM_LIST})")
PUBLIC_LAW = re.compile(r"\b(?:Public\s+Law|P\.\s?L\.|PL)\s+(\d+)\s*[-–]\s*(\d+)")
ACL = re.compile(
    r"\b(?:All\s+County\s+Letters?(?:\s*\(ACLs?\))?|ACLs?)\s*(?:Nos?\.\s*)?(\d{2}-\d{2,3}(?:(?:\s*,\s*|\s+and\s+)\d{2}-\d{2,3})*)"
)
ACIN = re.compile(
    r"\b(?:All\s+County\s+Information\s+Notices?(?:\s*\(ACINs?\))?|ACINs?)\s*(?:Nos?\.\s*)?"
    r"(I-\d{1,3}-\d{2}(?:(?:\s*,\s*|\s+and\s+)I-\d{1,3}-\d{2})*)"
)
BILL = re.compile(r"\b(SB|AB|Senate\s+Bill|Assembly\s+Bill)\s+(\d+)\b")
LEGINFO_URL = re.compile(r"lawCode=(PEN|WIC)&sectionNum=([\d.]+)")
LEGINFO_CHAPTER_URL = re.compile(r"lawCode=WIC&.*chapter=([\d.]+?)\.?&")


def _roots(num_list: str) -> list[str]:
    """'11166(a)(1), 647(b) and 653.22' -> ['11166', '647', '653.22']: subdivisions are part of a section."""
    return re.findall(r"(?<![\d.(])\d+(?:\.\d+)?(?=[^\d.]|\.(?!\d)|$)", re.sub(r"\([^)]*\)", "", num_list))


def citations(text: str) -> set[tuple[str, str]]:
    """The statutes, federal laws, bills, ACLs and ACINs a text cites, as (kind, number) keys."""
    found: set[tuple[str, str]] = set()
    rest = text
    for code, pattern in CODE_SECTIONS.items():
        for match in pattern.finditer(text):
            found |= {(code, n) for n in _roots(match.group(1))}
        rest = pattern.sub(" ", rest)
    found |= {("WIC", f"chapter {m.group(1)}") for m in WIC_CHAPTER.finditer(text)}
    for match in USC.finditer(text):
        found |= {(f"{match.group(1)} USC", n) for n in _roots(match.group(2))}
    rest = USC.sub(" ", rest)
    # A section cited with no code ("§11165.7(a)(14)") is checked against every code.
    found |= {("§", n) for m in BARE_SECTION.finditer(rest) for n in _roots(m.group(1))}
    found |= {("PL", f"{m.group(1)}-{m.group(2)}") for m in PUBLIC_LAW.finditer(text)}
    found |= {("ACL", n) for m in ACL.finditer(text) for n in re.findall(r"\d{2}-\d{2,3}", m.group(1))}
    found |= {("ACIN", n) for m in ACIN.finditer(text) for n in re.findall(r"I-\d{1,3}-\d{2}", m.group(1))}
    found |= {("SB" if m.group(1)[0] == "S" else "AB", m.group(2)) for m in BILL.finditer(text)}
    return found


def reference_citations(objective: Objective) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for ref in objective.references:
        found |= citations(ref.citation)
        url = ref.url or ""
        found |= {("PC" if m.group(1) == "PEN" else "WIC", m.group(2)) for m in LEGINFO_URL.finditer(url)}
        found |= {("WIC", f"chapter {m.group(1)}") for m in LEGINFO_CHAPTER_URL.finditer(url)}
    return found


def is_covered(key: tuple[str, str], references: set[tuple[str, str]]) -> bool:
    kind, number = key
    if kind == "§":
        return any(number == n for k, n in references if k in ("PC", "WIC", "§") or k.endswith("USC"))
    return key in references


def test_citation_reader_normalises_the_forms_the_catalog_uses() -> None:
    assert citations("Penal Code §11165.7(a)(14) names foster parents") == {("PC", "11165.7")}
    assert citations("PC §§647(b), 653.22 no longer apply") == {("PC", "647"), ("PC", "653.22")}
    assert citations("Penal Code 236.1(c) and Penal Code section 11165.1") == {("PC", "236.1"), ("PC", "11165.1")}
    assert citations("WIC §300(b)(2) and Welfare and Institutions Code section 16501.35") == {
        ("WIC", "300"),
        ("WIC", "16501.35"),
    }
    assert citations("18 U.S.C. §§1591, 2251 and 2423(c) apply") == {
        ("18 USC", "1591"),
        ("18 USC", "2251"),
        ("18 USC", "2423"),
    }
    assert citations("All County Letter 16-08 and ACL No. 14-62") == {("ACL", "16-08"), ("ACL", "14-62")}
    assert citations("All County Information Notice I-23-15, or ACIN I-21-16") == {
        ("ACIN", "I-23-15"),
        ("ACIN", "I-21-16"),
    }
    assert citations("PL 113-183 and Public Law 113-183") == {("PL", "113-183")}
    assert citations("SB 794 (2015), Assembly Bill 1702") == {("SB", "794"), ("AB", "1702")}
    assert citations("the phone report (§11166(a))") == {("§", "11166")}


def test_a_subdivision_is_covered_by_its_section_and_a_missing_letter_is_not() -> None:
    refs = citations("California Penal Code §11166; 18 U.S.C. §2423, Transportation of minors")
    assert is_covered(("PC", "11166"), refs)
    assert citations("PC §11166(a)(1)") <= refs
    assert is_covered(("§", "2423"), refs)
    assert not is_covered(("PC", "11165"), citations("California Penal Code §11165.1"))
    assert not is_covered(("ACL", "16-08"), citations("All County Letter 16-49"))


def cited_texts(objective: Objective) -> Iterator[tuple[str, str]]:
    """(where, text) for every slide title, bullet, note and key point of an objective."""
    for n, point in enumerate(objective.key_points):
        yield f"key_points[{n}]", point
    for n, slide in enumerate(objective.slides):
        yield f"slides[{n}].title", slide.title
        for b, bullet in enumerate(slide.bullets):
            yield f"slides[{n}].bullets[{b}]", bullet
        yield f"slides[{n}].notes", slide.notes


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_every_law_or_letter_cited_on_a_slide_is_in_the_references(objective: Objective) -> None:
    references = reference_citations(objective)
    missing = sorted(
        {
            (where, f"{kind} {number}")
            for where, text in cited_texts(objective)
            for kind, number in citations(text)
            if not is_covered((kind, number), references)
        }
    )
    assert missing == [], f"{objective.id}: cited but not in references: {missing}"


# --- what every audience is required to learn ----------------------------------------------


def test_every_audience_is_required_to_learn_self_care_reporting_and_who_exploits(inputs, catalog) -> None:
    audiences = inputs.config.model.audience_ids
    assert audiences
    missing = {
        audience: [i for i in REQUIRED_FOR_EVERY_AUDIENCE if audience not in catalog[i].required_for]
        for audience in audiences
    }
    assert {a: ids for a, ids in missing.items() if ids} == {}


# --- the federal 24-hour clocks ------------------------------------------------------------

# A 24-hour reporting clock, not a hotline that is open "24 hours a day".
TWENTY_FOUR_HOURS = re.compile(
    r"\b(?:24|twenty-four)[- ]hours?\b(?!\s+a\s+day)(?!\s*(?:hotline|helpline|crisis|line\b|access|service))",
    re.IGNORECASE,
)


def test_the_clock_reader_finds_a_bare_24_hour_clock_and_not_a_hotline() -> None:
    assert TWENTY_FOUR_HOURS.search("report to law enforcement within 24 hours")
    assert TWENTY_FOUR_HOURS.search("The federal 24-hour clocks")
    assert not TWENTY_FOUR_HOURS.search("confidential help, 24 hours a day")
    assert not TWENTY_FOUR_HOURS.search("a 24-hour hotline")


def slide_and_key_point_texts(objective: Objective) -> Iterator[tuple[str, str]]:
    yield from ((w, t) for w, t in cited_texts(objective) if not w.endswith(".notes"))


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_no_slide_or_key_point_gives_a_24_hour_clock_without_immediately(objective: Objective) -> None:
    bare = [
        (where, text)
        for where, text in slide_and_key_point_texts(objective)
        if TWENTY_FOUR_HOURS.search(text) and "immediately" not in text.lower()
    ]
    assert bare == [], f"{objective.id}: say 'immediately, and in no case later than 24 hours': {bare}"


# --- caregivers are mandated reporters -----------------------------------------------------

WORKER = re.compile(r"\b(?:worker|probation officer|caseworker|PO)\b", re.IGNORECASE)
TELL_WORKER = re.compile(
    r"\b(?:tell|telling|share|sharing|inform|informing|notify|let|call|calling|mention)\b[^.;]*?"
    r"\b(?:worker|probation officer|caseworker)\b",
    re.IGNORECASE,
)
ENOUGH = re.compile(
    r"\b(?:enough|sufficient|suffices?|all (?:you|we|they) (?:need|have) to do|the only (?:thing|step)"
    r"|most important step|instead of (?:a |the |your |making )?(?:report|calling)|rather than (?:a )?report"
    r"|in place of (?:a |the |your )?report|counts? as (?:a |the |your )?report|meets? (?:your|the) (?:duty|obligation)"
    r"|fulfil+s? (?:your|the) (?:duty|obligation)|takes? care of (?:the|your) report)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(r"\b(?:not|never|no|nor|isn't|doesn't|don't|without)\b|n't\b", re.IGNORECASE)
# The caregiver's own report: to the hotline, on form SS 8572, or "report" in so many words.
OWN_REPORT = re.compile(r"hotline|SS 8572|\breport", re.IGNORECASE)


def says_telling_the_worker_is_enough(text: str) -> list[str]:
    """Sentences that present telling the worker as all a caregiver must do (quoted misconceptions aside)."""
    flat = re.sub(r"\s+", " ", QUOTED.sub('""', text))
    sentences = re.split(r"(?<=[.;!?])\s+", flat)
    return [s for s in sentences if WORKER.search(s) and ENOUGH.search(s) and not NEGATION.search(s)]


def test_the_worker_reader_catches_the_old_wording_and_spares_the_correct_one() -> None:
    old = "If you are a resource parent, the most important step is to tell the placing social worker promptly."
    assert says_telling_the_worker_is_enough(old)
    assert says_telling_the_worker_is_enough("Telling your worker is enough.")
    assert not says_telling_the_worker_is_enough(
        "Telling the worker is in addition to your report, never instead of it."
    )
    assert not says_telling_the_worker_is_enough('A friend says "telling the worker is enough"; it is not.')


def all_texts(objective: Objective) -> Iterator[tuple[str, str]]:
    yield from cited_texts(objective)
    for n, activity in enumerate(objective.activities):
        yield f"activities[{n}].prompt", activity.prompt or ""
        yield f"activities[{n}].instructions", activity.instructions
        for d, document in enumerate(activity.documents):
            yield f"activities[{n}].documents[{d}]", document.body
    for n, item in enumerate(objective.knowledge_check):
        yield f"knowledge_check[{n}]", f"{item.answer}. {item.rationale or ''}"


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_nothing_says_telling_the_worker_is_enough(objective: Objective) -> None:
    found = [(where, s) for where, text in all_texts(objective) for s in says_telling_the_worker_is_enough(text)]
    assert found == []


@pytest.mark.parametrize("objective", CAREGIVER_REPORTING, indirect=True)
def test_caregiver_reporting_content_teaches_the_mandated_reporter_duty(objective: Objective) -> None:
    assert "caregiver" in objective.required_for
    slides = " ".join(" ".join([s.title, *s.bullets]) for s in objective.slides)
    points = " ".join(objective.key_points)
    for text in (slides, points):
        assert re.search(r"11165\.7", text), f"{objective.id} must cite PC §11165.7"
        assert re.search(r"foster parents?|resource parents?", text, re.IGNORECASE)
        assert "36 hours" in text, f"{objective.id} must teach the 36-hour written report"
        assert "SS 8572" in text, f"{objective.id} must name form SS 8572"


@pytest.mark.parametrize("objective", CAREGIVER_REPORTING, indirect=True)
def test_where_caregivers_are_told_to_tell_the_worker_they_are_also_told_to_report(objective: Objective) -> None:
    units = [(f"key_points[{n}]", p) for n, p in enumerate(objective.key_points)]
    units += [(f"slides[{n}]", " ".join([s.title, *s.bullets])) for n, s in enumerate(objective.slides)]
    telling = [(where, text) for where, text in units if TELL_WORKER.search(text)]
    assert telling, f"{objective.id} never tells caregivers to tell the worker"
    worker_only = [where for where, text in telling if not OWN_REPORT.search(WORKER.sub("", text))]
    assert worker_only == []


def test_a_caregiver_check_on_suspected_exploitation_never_answers_tell_the_worker_alone(catalog) -> None:
    about_caregivers = re.compile(r"resource parent|foster parent|caregiver|in your (?:home|care)", re.IGNORECASE)
    about_suspicion = re.compile(r"exploit|suspect|signs|key cards?|hotel", re.IGNORECASE)
    items = [
        (o.id, item)
        for o in catalog.values()
        for item in o.knowledge_check
        if about_caregivers.search(item.question) and about_suspicion.search(item.question)
    ]
    assert items, "no knowledge check asks a caregiver what to do about suspected exploitation"
    worker_only = [i for i, item in items if WORKER.search(item.answer) and not OWN_REPORT.search(item.answer)]
    assert worker_only == []


def test_report_01_teaches_reasonable_suspicion_and_any_exploiter(catalog) -> None:
    report = catalog["REPORT-01"]
    text = " ".join([*report.key_points, *(b for s in report.slides for b in s.bullets)])
    assert re.search(r"11166\(a\)\(1\)", text)
    assert re.search(r"reasonable suspicion", text, re.IGNORECASE)
    assert re.search(r"not only (?:by )?a parent or caretaker", text)


def test_law_01_teaches_ab_1702_as_written(catalog) -> None:
    law = catalog["LAW-01"]
    text = " ".join([*law.key_points, *(b for s in law.slides for b in s.bullets)])
    assert re.search(r"participated in, or permitted", text)
    assert re.search(r"coerced", text)
    assert "361.5(b)(17)" in text


# --- activities: what participants see -----------------------------------------------------


def activities(catalog: dict[str, Objective]) -> list[tuple[str, int, Activity]]:
    return [(o.id, n, a) for o in catalog.values() for n, a in enumerate(o.activities)]


def test_every_activity_has_a_participant_prompt(catalog) -> None:
    found = activities(catalog)
    assert found
    assert [f"{i} activities[{n}]" for i, n, a in found if not a.prompt] == []


# Text that marks an answer: never on a participant's page. "Answer:" counts only where it labels a
# line ("give short answers: ..." in a role card is not a key).
ANSWER_MARKER = re.compile(
    r"\banswer key\b|^[\s>*_#|-]*answers?[*_]*\s*[:—–]|\bexpected answers?\b|\bcorrect answers?\s*[:—–]",
    re.IGNORECASE | re.MULTILINE,
)
# A trainer's step that states an answer ("4. Confirm that all three meet the definition").
ANSWER_STEP = re.compile(
    r"\bconfirm that\b|\bthe answer is\b|\bexpected answers?\b|\bcorrect answers?\b", re.IGNORECASE
)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9§.()']+", text.lower())


def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def participant_texts(activity: Activity) -> list[str]:
    return [activity.prompt or ""] + [d.body for d in activity.documents if d.given_to == "participants"]


def answer_steps(instructions: str) -> list[str]:
    """The clauses of the trainer's steps that state an answer, from the marker to the end of the sentence."""
    clauses = []
    for line in instructions.splitlines():
        marker = ANSWER_STEP.search(line)
        if marker:
            clauses.append(re.split(r"[.;]", line[marker.start() :])[0])
    return clauses


def answer_leaks(activity: Activity) -> list[str]:
    """Where an activity's prompt or participant documents give away what only the trainer may see."""
    leaks = [f"marker {m.group(0)!r}" for text in participant_texts(activity) if (m := ANSWER_MARKER.search(text))]
    prompt_5, prompt_8 = ngrams(activity.prompt or "", 5), ngrams(activity.prompt or "", 8)
    leaks += [f"prompt repeats {c[:60]!r}" for c in answer_steps(activity.instructions) if ngrams(c, 5) & prompt_5]
    keys = [d for d in activity.documents if d.given_to == "trainer"]
    leaks += [f"prompt copies {d.title!r}" for d in keys if ngrams(d.body, 8) & prompt_8]
    return leaks


def test_answer_key_readers_catch_the_old_def_01_step() -> None:
    old = Activity(
        title="Is it exploitation?",
        minutes=5,
        instructions="1. Show the scenarios.\n2. Confirm that all three meet the definition, and name the value.",
        prompt="Decide whether all three meet the definition here.\nAnswer: yes.",
        materials=[
            Document(title="Key", given_to="trainer", body="Scenario 2: the value went to the relative, not the youth.")
        ],
    )
    leaks = answer_leaks(old)
    assert any(leak.startswith("marker") for leak in leaks)
    assert ANSWER_MARKER.search("Situation 1\n\n**Answer:** the social worker reports.")
    assert not ANSWER_MARKER.search('If the worker asks "where were you?", give short answers: "Nowhere."')
    assert any(leak.startswith("prompt repeats") for leak in leaks)
    copied = old.model_copy(update={"prompt": "Note that the value went to the relative, not the youth."})
    assert any(leak.startswith("prompt copies") for leak in answer_leaks(copied))


def test_no_prompt_or_participant_document_carries_answer_key_text(catalog) -> None:
    found = activities(catalog)
    assert found
    leaks = [f"{i} activities[{n}]: {leak}" for i, n, a in found for leak in answer_leaks(a)]
    assert leaks == []


def test_def_01_handout_states_the_exchange_in_scenario_3(catalog) -> None:
    activity = catalog["DEF-01"].activities[0]
    handouts = [d for d in activity.documents if d.given_to == "participants"]
    assert handouts
    scenario_3 = handouts[0].body.split("Scenario 3", 1)[1]
    assert re.search(r"\bpays?\b|\bpaid\b|in exchange", scenario_3)
    assert not re.search(r"all three", " ".join(participant_texts(activity)), re.IGNORECASE)


# --- knowledge checks ----------------------------------------------------------------------


def choice_items(catalog: dict[str, Objective]) -> list[tuple[str, object]]:
    return [(o.id, item) for o in catalog.values() for item in o.knowledge_check if item.choices]


@pytest.mark.parametrize("objective", IDS, indirect=True)
def test_two_to_four_checks_each_with_a_rationale(objective: Objective) -> None:
    assert 2 <= len(objective.knowledge_check) <= 4
    assert [item.question[:50] for item in objective.knowledge_check if not item.rationale] == []


def is_longest(item) -> bool:
    return len(item.answer) >= max(len(c) for c in item.choices)


def test_the_answer_is_not_first_in_most_items(catalog) -> None:
    items = choice_items(catalog)
    assert len(items) >= 10
    first = [i for i, item in items if item.choices[0] == item.answer]
    assert len(first) < len(items) / 2, f"answer first in {len(first)} of {len(items)} items: {sorted(set(first))}"


def test_the_answer_is_not_the_longest_choice_in_most_items(catalog) -> None:
    items = choice_items(catalog)
    assert len(items) >= 10
    longest = [i for i, item in items if is_longest(item)]
    assert len(longest) < len(items) / 2, (
        f"answer longest in {len(longest)} of {len(items)} items: {sorted(set(longest))}"
    )


@pytest.mark.parametrize("objective", ["DEF-01", "LAW-01", "LAW-02", "REPORT-01", "CARE-01"], indirect=True)
def test_reviewed_objectives_never_give_the_answer_away_by_order_or_length(objective: Objective) -> None:
    items = [item for item in objective.knowledge_check if item.choices]
    assert items
    assert [item.question[:50] for item in items if item.choices[0] == item.answer] == []
    assert [item.question[:50] for item in items if is_longest(item)] == []

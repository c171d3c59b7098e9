"""The fixed words csec-builder adds around the catalog's content, in the contractor's language.

The words themselves are data: one catalog per language beside this module (`en.yaml`, `es.yaml`,
...), with the same keys and {placeholders} in each. This module only puts them together, so a new
language is a new file, never a change here or an `if language == ...` in a renderer. Dates and
clock times are formatted by Babel from CLDR's locale data.
"""

from __future__ import annotations

import datetime
import re
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import yaml

from ..models import Activity, Contractor, LocalResource, Objective, material_name

if TYPE_CHECKING:  # plan imports wording, so the plan's types are for annotations only
    from ..plan import PlannedCheck

LETTERS = "ABCDEFGHIJ"  # the schema allows at most ten choices; the same letters in every language

SOURCE_LANGUAGE = "en"
"""The language the catalog's objectives are written in, and the fallback for missing translations."""

OPENING_KINDS = ("title", "content_warning", "agenda", "objectives")
CLOSING_KINDS = ("resources", "references", "closing")

CATALOG_DIR = Path(__file__).resolve().parent
SETTINGS = ("document_language", "time_format", "date_format")
"""Catalog keys that configure formatting rather than hold words."""

WRITE_IN_LINES = 3  # answer lines under an open question
CHECKBOX = "☐"


def languages() -> list[str]:
    """The languages csec-builder has fixed wording for: the names of the catalogs beside this module."""
    return sorted(path.stem for path in CATALOG_DIR.glob("*.yaml"))


def catalog_language(tag: str) -> str | None:
    """The catalog a BCP 47 tag uses: its own (es-MX) if there is one, else its primary language's (es)."""
    available = {name.casefold(): name for name in languages()}
    for candidate in (tag, tag.split("-")[0]):
        if candidate.casefold() in available:
            return available[candidate.casefold()]
    return None


@cache
def read_catalog(language: str) -> dict[str, Any]:
    """One language's catalog as written (the package's own file: no positions needed)."""
    with (CATALOG_DIR / f"{language}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def for_language(tag: str) -> Wording:
    """The wording for a contractor's `language`; a tag without a catalog is refused by validate first."""
    language = catalog_language(tag)
    if language is None:
        raise ValueError(f"no wording for language '{tag}' (available: {', '.join(languages())})")
    return _wording(language, tag)


@lru_cache(maxsize=16)
def _wording(language: str, tag: str) -> Wording:
    return Wording(language, tag)


class Wording:
    """The fixed words of one language, with the few rules that put them together.

    Upper-case attributes (`wording.AGENDA_TITLE`) are the catalog's keys, as guide templates use them;
    `text(key, **values)` fills a key's placeholders.
    """

    LETTERS = LETTERS

    def __init__(self, language: str, tag: str | None = None) -> None:
        self.language = language
        self.strings = read_catalog(language)
        document = self.strings["document_language"]
        # A contractor's own regional tag (es-MX) wins over the catalog's default region (es-US).
        self.LANGUAGE = tag if tag and "-" in tag else document
        self.locale = self.LANGUAGE.replace("-", "_")

    def __reduce__(self) -> tuple:  # workers receive plans pickled: rebuild from the catalog, cached
        return for_language, (self.LANGUAGE if "-" in self.LANGUAGE else self.language,)

    def __getattr__(self, name: str) -> Any:
        if not name.isupper():
            raise AttributeError(name)
        try:
            value = self.strings[name.lower()]
        except KeyError:
            raise AttributeError(name) from None
        return _frozen(value)

    def text(self, key: str, /, **values: object) -> str:
        return str(self.strings[key]).format(**values)

    # --- dates and times (Babel) ---------------------------------------------------------

    def time(self, minutes: int) -> str:
        """A clock time, `minutes` after midnight, as the language writes it."""
        from babel.dates import format_time

        minutes %= 24 * 60
        return format_time(datetime.time(minutes // 60, minutes % 60), self.strings["time_format"], locale=self.locale)

    def date(self, day: datetime.date) -> str:
        from babel.dates import format_date

        return format_date(day, self.strings["date_format"], locale=self.locale)

    # --- slides --------------------------------------------------------------------------

    def continued(self, index: int) -> str:
        return self.text("continued") if index == 1 else self.text("continued_n", index=index)

    def continued_notes(self, first: int) -> str:
        return self.text("continued_notes", first=first)

    def minutes_line(self, minutes: int) -> str:
        return self.text("minutes_line", minutes=minutes)

    def states_minutes(self, line: str) -> bool:
        """Whether a prompt's line already says how long ("Pairs, 4 minutes"): then the slide adds no time line."""
        return _pattern(self.strings["states_minutes"]).search(line) is not None

    def break_agenda(self, meal: bool) -> str:
        return self.text("meal_agenda") if meal else self.text("break_agenda")

    def short_statement(self, objective: Objective) -> str:
        """An objective on the objectives slides ("What you will be able to do today"): verb first."""
        if objective.short_statement:
            return objective.short_statement
        lead = self.text("statement_lead")
        text = objective.statement
        if text.casefold().startswith(lead.casefold()):
            text = text[len(lead) :].lstrip()
        return text[:1].upper() + text[1:]

    def references_intro(self, count: int) -> str:
        return self.text("references_intro", count=count)

    def title_subtitle(self, contractor: Contractor) -> str:
        parts = [contractor.organization]
        if contractor.trainers:
            parts.append(", ".join(contractor.trainers))
        if contractor.session.date:
            parts.append(self.date(contractor.session.day))
        return " · ".join(parts)

    def title_notes(self, contractor: Contractor) -> str:
        trainers = ", ".join(contractor.trainers) or self.text("the_trainers")
        return self.text("title_notes", title=contractor.title, trainers=trainers, organization=contractor.organization)

    def agenda_notes(self, contractor: Contractor, agenda: list) -> str:
        breaks = [a for a in agenda if a.kind == "break"]
        pauses = ", ".join(self.text("agenda_break", start=a.time, minutes=a.minutes) for a in breaks)
        return self.text("agenda_notes", breaks=pauses or self.text("breaks_as_needed"))

    def objectives_notes(self, objectives: list[Objective]) -> str:
        statements = "\n".join(f"- {o.id}: {o.statement}" for o in objectives)
        return f"{self.text('objectives_notes')}\n{statements}"

    def section_notes(self, objective: Objective, item: object) -> str:
        activities = objective.total_minutes - objective.minutes
        if activities:
            timing = self.text("section_timing_activities", minutes=objective.minutes, activities=activities)
        else:
            timing = self.text("section_timing", minutes=objective.minutes)
        points = "\n".join(f"- {p}" for p in objective.key_points)
        start = getattr(item, "time", "")
        return self.text("section_notes", start=start, timing=timing, statement=objective.statement) + f"\n{points}"

    def activity_notes(self, activity: Activity) -> str:
        """The trainer's side of an activity slide: the steps, expected answers and debrief, and what to have ready."""
        materials = ", ".join(material_name(m) for m in activity.materials) or self.text("no_materials")
        notes = self.text(
            "activity_notes",
            title=activity.title,
            minutes=activity.minutes,
            instructions=activity.instructions.strip(),
            materials=materials,
        )
        keys = [d.title for d in activity.documents if d.given_to == "trainer"]
        if keys:
            notes += "\n" + self.text("trainer_only_documents", titles=", ".join(keys))
        return notes

    def check_title(self, objective_title: str, index: int, count: int) -> str:
        if count > 1:
            return self.text("check_title_counted", title=objective_title, index=index, count=count)
        return self.text("check_title", title=objective_title)

    @staticmethod
    def lettered(letter: str, choice: str) -> str:
        return f"{letter}. {choice}"

    def check_bullets(self, check: PlannedCheck) -> list[str]:
        return [check.item.question, *(self.lettered(LETTERS[i], c) for i, c in enumerate(check.choices))]

    def answer_line(self, check: PlannedCheck) -> str:
        letter = check.answer_letter
        return self.text(
            "answer_line", answer=self.lettered(letter, check.item.answer) if letter else check.item.answer
        )

    def check_notes(self, check: PlannedCheck) -> str:
        rationale = "\n" + self.text("why_line", rationale=check.item.rationale) if check.item.rationale else ""
        return f"{self.text('check_notes')}\n{self.answer_line(check)}{rationale}"

    @staticmethod
    def resource_line(resource: LocalResource) -> str:
        contact = " · ".join(part for part in (resource.phone, resource.url) if part)
        return f"{resource.name}: {contact}" if contact else resource.name

    def resources_notes(self, resources: list[LocalResource]) -> str:
        described = "\n".join(f"- {r.name}: {r.description}" for r in resources if r.description)
        return f"{self.text('resources_notes')}\n{described}"

    def closing_bullets(self, contractor: Contractor) -> tuple[str, ...]:
        trainers = ", ".join(contractor.trainers)
        lines = list(self.strings["closing_bullets"])
        if trainers:
            lines.append(self.text("closing_contact", trainers=trainers, organization=contractor.organization))
        return tuple(lines)

    def logo_alt(self, contractor: Contractor) -> str:
        branding = contractor.branding
        if branding and branding.logo_alt:
            return branding.logo_alt
        return self.text("logo_alt", organization=contractor.organization)

    # --- facilitator guide and Word documents --------------------------------------------

    def given_to_label(self, given_to: str) -> str:
        return str(self.strings["given_to"][given_to])

    def checklist_line(self, name: str, given_to: str | None, activity_titles: list[str]) -> str:
        """One line of the preparation checklist: what to print or gather, and for which activities."""
        where = f" ({', '.join(activity_titles)})" if activity_titles else ""
        if given_to == "participants":
            return self.text("print_for_participants", name=name, where=where)
        if given_to == "trainer":
            return self.text("print_own_copy", name=name, where=where)
        return self.text("materials_line", name=name)

    def bloom(self, level: str) -> str:
        return str(self.strings["bloom_levels"][level])

    @staticmethod
    def document_title(kind: str, contractor: Contractor) -> str:
        """The title a Word document carries in its properties: what it is, for which session."""
        return f"{contractor.title}: {kind.lower()}"

    @staticmethod
    def document_subtitle(kind: str, contractor: Contractor) -> str:
        return f"{kind} · {contractor.organization}"

    @staticmethod
    def docx_footer(kind: str, contractor: Contractor) -> str:
        footer = contractor.branding.footer if contractor.branding and contractor.branding.footer else None
        return f"{kind} · {footer or f'{contractor.title} · {contractor.organization}'}"

    def session_line(self, start: str, end: str, total: int, session_minutes: int | None) -> str:
        if session_minutes:
            return self.text("session_planned_of", start=start, end=end, total=total, minutes=session_minutes)
        return self.text("session_planned", start=start, end=end, total=total)

    def guide_facts(
        self,
        plan_start: str,
        plan_end: str,
        contractor: Contractor,
        audience: str,
        standard: str,
        total: int,
        slides: int,
    ) -> list[tuple[str, str]]:
        """The guide's cover facts as (label, value) pairs."""
        facts = [(self.text("fact_standard"), standard), (self.text("fact_audience"), audience)]
        if contractor.trainers:
            facts.append((self.text("fact_trainers"), ", ".join(contractor.trainers)))
        if contractor.session.date:
            facts.append((self.text("fact_date"), self.date(contractor.session.day)))
        session = self.session_line(plan_start, plan_end, total, contractor.session.minutes)
        return [*facts, (self.text("fact_session"), session), (self.text("fact_deck"), self.deck_slides(slides))]

    def deck_slides(self, slides: int) -> str:
        return self.text("deck_slides", slides=slides)

    def agenda_breakdown(self, teaching: int, sittings: int, breaks: int) -> str:
        return self.text("agenda_breakdown", teaching=teaching, sittings=sittings, breaks=breaks)

    def agenda_total(self, total: int, teaching: int, sittings: int, breaks: int, session: int | None) -> str:
        line = self.text("agenda_total", total=total, breakdown=self.agenda_breakdown(teaching, sittings, breaks))
        if session is None:
            return line
        if total > session:
            return f"{line} " + self.text("agenda_over", session=session, over=total - session)
        return f"{line} " + self.text("agenda_slack", session=session, slack=session - total)

    def objective_heading(self, number: int, title: str) -> str:
        return self.text("objective_heading", number=number, title=title)

    def objective_time(self, objective: Objective, start: str) -> str:
        activities = objective.total_minutes - objective.minutes
        if activities:
            return self.text("objective_time_activities", start=start, minutes=objective.minutes, activities=activities)
        return self.text("objective_time", start=start, minutes=objective.minutes)

    def objective_facts(self, objective: Objective, start: str, slides: str, domain: str) -> list[tuple[str, str]]:
        return [
            (self.text("objective_fact", id=objective.id, version=objective.version), objective.statement),
            (
                self.text("fact_domain"),
                self.text("domain_bloom", domain=domain, bloom=self.bloom(objective.bloom_level)),
            ),
            (self.text("fact_time"), f"{self.objective_time(objective, start)} · {slides}"),
        ]

    def slide_heading(self, number: int, title: str) -> str:
        return self.text("slide_heading", number=number, title=title)

    def slide_range(self, first: int | None, last: int | None = None) -> str:
        if first is None:
            return ""
        return (
            self.text("slide_one", first=first)
            if last in (None, first)
            else self.text("slide_range", first=first, last=last)
        )

    def activity_heading(self, title: str, minutes: int) -> str:
        return self.text("activity_heading", title=title, minutes=minutes)

    @staticmethod
    def question_label(number: int) -> str:
        return f"{number}."

    def built_by(self, generator: str, standard: str) -> str:
        return self.text("built_by", generator=generator, standard=standard)


@cache
def _pattern(expression: str) -> re.Pattern[str]:
    return re.compile(expression, re.IGNORECASE)


def _frozen(value: Any) -> Any:
    """Lists as tuples (a catalog is shared by every plan of the process and must not change)."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value


def __getattr__(name: str) -> Any:
    """`wording.AGENDA_TITLE`, `wording.check_title(...)`: the source language's words, as before languages."""
    if name.startswith("_"):
        raise AttributeError(name)
    return getattr(for_language(SOURCE_LANGUAGE), name)

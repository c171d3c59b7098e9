"""Terminology rules: `rules/terminology.yaml` in each workspace layer, compiled to patterns.

Local rules add to the standard's, the way local objectives do: a workspace may not redefine a rule
id that a lower layer already has (it would silently weaken the standard).

Patterns run on the `regex` module with a time bound per search, not on `re`: a rule's own `regex` such
as `(a|aa)+$` backtracks for ever on a long run of a's, and no syntax check can reject every such
pattern. RE2 (linear time) was the other way, but it has no lookaround, which the standard's own rules
use (`CSEC(?!...101)`); `regex` keeps `re`'s syntax and stops a search after MATCH_TIMEOUT seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import regex
from pydantic import Field, StringConstraints, model_validator

from ..loader import Source, load_file
from ..models import LANGUAGE_TAG, Slug, Strict, Text
from ..problems import InputError, Problem, error

RULES_FILE = "rules/terminology.yaml"
MATCH_TIMEOUT = 1.0
"""Seconds one rule may search one text: thousands of times what a sane pattern needs on a 1 MB file."""
# Inflections a word rule covers: pimp/pimps/pimped/pimping, prostitute/prostitutes/prostituted.
SUFFIXES = r"(?:s|es|d|ed|ing)?"


class TermRule(Strict):
    id: Slug
    words: list[Text] = Field(default_factory=list, description="Words or phrases, matched with their inflections.")
    regex: Text | None = Field(None, description="A regular expression, for words that need context.")
    use: Text = Field(description="The preferred wording.")
    reason: Text
    source: Text
    level: Literal["error", "warning"] = "error"
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_TAG)] = Field(
        "en",
        description='The language whose texts the rule reads (BCP 47, e.g. "es"): objectives and contractor '
        "profiles in English, translations in objectives/<language>/ and profiles built in that language.",
    )

    @model_validator(mode="after")
    def _one_pattern(self) -> TermRule:
        if bool(self.words) == bool(self.regex):
            raise ValueError("give either words or regex")
        if self.regex:
            try:
                regex.compile(self.regex)
            except regex.error as exc:
                raise ValueError(f"regex does not compile: {exc}") from None
        return self

    def pattern(self) -> regex.Pattern[str]:
        if self.regex:
            return regex.compile(self.regex, regex.IGNORECASE)
        phrases = sorted(self.words, key=len, reverse=True)
        alternatives = [r"\s+".join(re.escape(w) for w in phrase.split()) + SUFFIXES for phrase in phrases]
        return regex.compile(r"\b(?:" + "|".join(alternatives) + r")\b", regex.IGNORECASE)


class RuleFile(Strict):
    """rules/terminology.yaml: survivor-centred wording, 'say this, not that'."""

    rules: list[TermRule] = Field(min_length=1)


class RuleTimeout(Exception):
    """A rule's pattern took longer than MATCH_TIMEOUT on one text: catastrophic backtracking."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule.id)
        self.rule = rule

    def problem(self) -> Problem:
        message = (
            f"rule '{self.rule.id}': its regex took more than {MATCH_TIMEOUT:g} s on one text and was stopped "
            "(catastrophic backtracking, as in '(a|aa)+$'); the rule was not applied. Rewrite the pattern"
        )
        return error(self.rule.path, message, *self.rule.position)


@dataclass(frozen=True)
class Rule:
    """A loaded rule with its compiled pattern, the file it came from and where its pattern stands there."""

    spec: TermRule
    pattern: regex.Pattern[str]
    path: Path
    position: tuple[int, int] = (1, 1)

    @property
    def id(self) -> str:
        return self.spec.id

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        """Every match in `text`; RuleTimeout when the search runs past MATCH_TIMEOUT."""
        try:
            return iter(list(self.pattern.finditer(text, timeout=MATCH_TIMEOUT)))
        except TimeoutError:
            raise RuleTimeout(self) from None

    def reads(self, language: str) -> bool:
        """Whether the rule applies to text in `language` (es-MX texts take the es rules)."""
        return self.spec.language.split("-")[0].casefold() == language.split("-")[0].casefold()


def rules_for(rules: list[Rule], language: str) -> list[Rule]:
    return [rule for rule in rules if rule.reads(language)]


def load_rules(layers: tuple[Path, ...]) -> tuple[list[Rule], list[Problem]]:
    """Every layer folder's rules, the standard's (last) first; problems for unreadable files and reused ids."""
    rules: list[Rule] = []
    problems: list[Problem] = []
    first: dict[str, Path] = {}
    for layer in reversed(layers):  # the standard (last layer) first, so local rules add to it
        path = layer / RULES_FILE
        if not path.is_file():
            continue
        source, found = _load(path)
        problems += found
        if source is None:
            continue
        for index, spec in enumerate(source.model.rules):
            if spec.id in first and first[spec.id] != path:
                message = f"rule id '{spec.id}' is already defined in {first[spec.id]}; choose another id"
                problems.append(source.doc.problem(("rules", index, "id"), message))
                continue
            first.setdefault(spec.id, path)
            where = source.doc.position(("rules", index, "regex" if spec.regex else "words"))
            rules.append(Rule(spec, spec.pattern(), path, where))
    return rules, problems


def _load(path: Path) -> tuple[Source[RuleFile] | None, list[Problem]]:
    try:
        return load_file(path, RuleFile, "a terminology rules file")
    except InputError as exc:
        return None, list(exc.problems)

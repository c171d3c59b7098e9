"""`csec-builder lint`: survivor-centred language in the sources, accessibility of what is built.

`lint_workspace` checks the words in every objective, contractor profile and custom template, and
the contrast of each contractor's template; `lint_outputs` checks built decks, HTML guides and Word
documents. Both return every finding at once, like `validate`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..loader import Loaded, Read, load_workspace
from ..problems import Problem
from ..wording import SOURCE_LANGUAGE
from ..workspace import Workspace
from .rules import RULES_FILE, Rule, RuleTimeout, load_rules, rules_for
from .slide_text import overlong_bullets
from .terminology import Finding, Waiver, check_text, check_yaml

T = TypeVar("T")

TEXT_TEMPLATE_SUFFIXES = (".j2", ".jinja", ".md", ".html", ".txt")


@dataclass
class LintReport:
    problems: list[Problem] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)
    files: int = 0
    stopped: list[Rule] = field(default_factory=list)
    """Rules whose pattern ran out of time on some text: reported once, then left out of the run."""

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def lint_workspace(workspace: Workspace) -> LintReport:
    """Terminology in every text the workspace's own files hold, and template contrast."""
    return lint_loaded(load_workspace(workspace))  # an extending workspace gains the standard's layer


def lint_loaded(loaded: Loaded) -> LintReport:
    """`lint_workspace` on a workspace already loaded: the YAML files' text and the contractors come from
    `loaded`, never from the files again."""
    workspace, documents = loaded.workspace, loaded.documents
    rules, problems = load_rules(_rule_folders(workspace))
    report = LintReport(problems)
    english = rules_for(rules, SOURCE_LANGUAGE)
    for path in loaded.objective_files:
        _lint_yaml(documents.get(path), english, report, objective=True)
    for path in workspace.contractor_files():
        _lint_yaml(documents.get(path), rules, report, contractor=True)
    for tag, _layer, files in workspace.translation_files():
        for path in files:
            _lint_yaml(documents.get(path), rules_for(rules, tag), report)
    for path in _own_templates(workspace):
        report.files += 1
        found: list[Finding] = _bounded(report, rules, lambda active, path=path: _template_findings(path, active))
        report.problems += [f.problem() for f in found]
    from .contrast import check_contractor_templates  # deferred: opens templates

    report.problems += check_contractor_templates(loaded)
    report.problems.sort()
    return report


def _rule_folders(workspace: Workspace) -> tuple[Path, ...]:
    """The layers whose rules apply: the workspace's content layers, else the bundled standard's rules."""
    folders = tuple(layer.root for layer in workspace.content_layers)
    if any((folder / RULES_FILE).is_file() for folder in folders):
        return folders
    return (workspace.standard.root,)


def _lint_yaml(
    read: Read | None, rules: list[Rule], report: LintReport, contractor: bool = False, objective: bool = False
) -> None:
    report.files += 1
    if read is None:  # never read: a link out of the workspace, which validate reports
        return
    if isinstance(read, tuple):  # the problems that stopped it being parsed
        report.problems += read
        return
    doc = read
    if contractor:  # a profile's own texts (titles, resources) are written in the language it builds in
        language = doc.data.get("language") if isinstance(doc.data, dict) else None
        rules = rules_for(rules, language if isinstance(language, str) else SOURCE_LANGUAGE)
    findings, waived = _bounded(report, rules, lambda active: check_yaml(doc, active))
    report.problems += [f.problem() for f in findings]
    report.waivers += waived
    if objective:
        report.problems += overlong_bullets(doc)


def _bounded(report: LintReport, rules: list[Rule], check: Callable[[list[Rule]], T]) -> T:
    """`check(rules)` without the rules stopped so far; a rule that runs out of time is reported once, at its
    file and line, and the check runs again without it."""
    while True:
        try:
            return check([rule for rule in rules if rule not in report.stopped])
        except RuleTimeout as exc:
            report.problems.append(exc.problem())
            report.stopped.append(exc.rule)


def _own_templates(workspace: Workspace) -> list[Path]:
    """Template files of the workspace itself: the bundled ones are checked where they are made."""
    if workspace.fallback or workspace.root == workspace.standard.root:
        return []
    folder = workspace.root / "templates"
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix in (*TEXT_TEMPLATE_SUFFIXES, ".pptx", ".potx")
    )


def _template_findings(path: Path, rules: list[Rule]) -> list:
    if path.suffix in (".pptx", ".potx"):
        from .package_text import presentation_text  # deferred: reads the zip only when there is one

        return [f for part, text in presentation_text(path) for f in check_text(path, text, rules, where=part)]
    return check_text(path, path.read_text(encoding="utf-8", errors="replace"), rules)

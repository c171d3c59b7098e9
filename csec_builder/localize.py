"""Localize stage (part of prepare): a contractor's objectives and standard titles in its `language`.

Runs after select: the same objectives, in the same order, with the same ids and versions (so
coverage and the deck's markers mean the same in every language), with their words taken from
`objectives/<language>/<ID>.yaml`. A missing translation is an error naming the objectives, unless
the contractor chose `fallback_language: en`; then that objective is taught in English, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog
from .loader import Source
from .models import Contractor, Objective, WorkspaceConfig
from .problems import Problem
from .translations import TRANSLATION_HINT, Language, translated
from .wording import SOURCE_LANGUAGE, catalog_language, languages


@dataclass(frozen=True)
class Localized:
    objectives: list[Objective]
    config: WorkspaceConfig
    problems: list[Problem]
    outdated: tuple[str, ...] = ()
    """Ids whose translation follows an older version of the objective."""


def localize(
    source: Source[Contractor], objectives: list[Objective], catalog: Catalog, config: WorkspaceConfig
) -> Localized:
    contractor = source.model
    tag = contractor.language
    if catalog_language(tag) is None:
        message = f"language: no wording for '{tag}' in csec-builder (available: {', '.join(languages())})"
        return Localized(objectives, config, [source.doc.problem(("language",), message)])
    if catalog_language(tag) == SOURCE_LANGUAGE:
        return Localized(objectives, config, [])
    language = catalog.translations.language(tag)
    found = language.objectives if language else {}
    missing = [o.id for o in objectives if o.id not in found]
    problems = _missing_problems(source, language, missing)
    chosen = [translated(o, found[o.id].model) if o.id in found else o for o in objectives]
    outdated = tuple(o.id for o in objectives if o.id in found and found[o.id].model.translates < o.version)
    return Localized(chosen, _translated_config(config, language), problems, outdated)


def _missing_problems(source: Source[Contractor], language: Language | None, missing: list[str]) -> list[Problem]:
    if not missing:
        return []
    contractor = source.model
    broken = [i for i in missing if language and i in language.broken]
    listed = ", ".join(missing) + (f" (with errors: {', '.join(broken)})" if broken else "")
    if contractor.fallback_language:
        message = (
            f"no usable translation into '{contractor.language}' for {listed}: taught in English "
            f"(fallback_language: {contractor.fallback_language})"
        )
        return [source.doc.problem(("fallback_language",), message).as_warning()]
    message = (
        f"language: no usable translation into '{contractor.language}' for {listed}; add "
        f"objectives/{contractor.language}/<ID>.yaml ({TRANSLATION_HINT}), or set fallback_language: en "
        "to teach them in English"
    )
    return [source.doc.problem(("language",), message)]


def _translated_config(config: WorkspaceConfig, language: Language | None) -> WorkspaceConfig:
    """csec.yaml's audience and domain titles in the language, where objectives/<language>/csec.yaml has them."""
    if language is None or language.standard is None:
        return config
    titles = language.standard.model
    audiences = [a.model_copy(update={"title": titles.audiences.get(a.id, a.title)}) for a in config.audiences]
    domains = [d.model_copy(update={"title": titles.domains.get(d.id, d.title)}) for d in config.domains]
    return config.model_copy(update={"audiences": audiences, "domains": domains})

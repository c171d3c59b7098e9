"""Select stage: which objectives a contractor teaches, in teaching order."""

from __future__ import annotations

from .catalog import Catalog
from .models import Contractor, Objective, ObjectiveSelection
from .problems import Problem, suggest, warning
from .yamlio import Source


def select_objectives(source: Source[Contractor], catalog: Catalog) -> tuple[list[Objective], list[Problem]]:
    """The contractor's objectives in teaching order, and every problem with its choice."""
    contractor, doc = source.model, source.doc
    if isinstance(contractor.objectives, ObjectiveSelection):
        chosen, problems = _from_mapping(source, catalog)
    else:
        chosen, problems = _from_list(source, catalog)
    if not chosen and not problems:
        problems.append(
            doc.problem(("objectives",), "no objectives selected: this contractor would teach nothing", key=True)
        )
    for loc, objective in _located(source, chosen):
        if contractor.audience not in objective.audiences:
            line, col = doc.position(loc)
            message = f"{objective.id} is not written for the '{contractor.audience}' audience"
            problems.append(warning(doc.path, message, line, col))
    return chosen, problems


def _from_list(source: Source[Contractor], catalog: Catalog) -> tuple[list[Objective], list[Problem]]:
    ids = list(source.model.objectives)  # type: ignore[arg-type]
    chosen, problems = [], []
    for index, objective_id in enumerate(ids):
        problem = _check_id(source, catalog, ("objectives", index), objective_id)
        if problem is None and objective_id in ids[:index]:
            problem = source.doc.problem(("objectives", index), f"{objective_id} is listed twice")
        if problem:
            problems.append(problem)
        else:
            chosen.append(catalog.get(objective_id))
    return [o for o in chosen if o is not None], problems


def _from_mapping(source: Source[Contractor], catalog: Catalog) -> tuple[list[Objective], list[Problem]]:
    selection = source.model.objectives
    assert isinstance(selection, ObjectiveSelection)
    problems = [
        p
        for field in ("include", "exclude")
        for index, objective_id in enumerate(getattr(selection, field))
        if (p := _check_id(source, catalog, ("objectives", field, index), objective_id))
    ]
    if selection.include_required and catalog.broken:
        broken = ", ".join(sorted(catalog.broken))
        message = f"cannot tell which objectives are required while these objective files have errors: {broken}"
        problems.append(source.doc.problem(("objectives", "include_required"), message))
    wanted = set(selection.include)
    if selection.include_required:
        wanted |= {o.id for o in catalog.required_for(source.model.audience)}
    wanted -= set(selection.exclude)
    return [o for o in catalog.objectives if o.id in wanted], problems


def _check_id(source: Source[Contractor], catalog: Catalog, loc: tuple, objective_id: str) -> Problem | None:
    if objective_id in catalog.broken and catalog.get(objective_id) is None:
        return source.doc.problem(loc, f"objective {objective_id} cannot be used: its file has errors")
    if catalog.get(objective_id) is None:
        return source.doc.problem(loc, f"unknown objective '{objective_id}'{suggest(objective_id, catalog.ids)}")
    return None


def _located(source: Source[Contractor], chosen: list[Objective]) -> list[tuple[tuple, Objective]]:
    """Each chosen objective with the YAML location that chose it (for warnings)."""
    selection = source.model.objectives
    located = []
    for objective in chosen:
        if not isinstance(selection, ObjectiveSelection):
            loc: tuple = ("objectives", selection.index(objective.id))
        elif objective.id in selection.include:
            loc = ("objectives", "include", selection.include.index(objective.id))
        else:
            loc = ("objectives",)
        located.append((loc, objective))
    return located

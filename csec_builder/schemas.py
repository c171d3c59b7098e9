"""JSON Schema for the YAML files, generated from the pydantic models (the single source of truth)."""

from __future__ import annotations

import json

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .lint.rules import RuleFile
from .models import Contractor, ExtendingConfig, Objective, WorkspaceConfig
from .translations import ObjectiveTranslation

MODELS: dict[str, type[BaseModel]] = {
    "objective": Objective,
    "contractor": Contractor,
    "workspace": WorkspaceConfig,
    "terminology": RuleFile,
    "translation": ObjectiveTranslation,
}
FILE_NAMES = {name: f"{name}.schema.json" for name in MODELS}
BASE_URL = "https://csec-builder.example.org/schemas/"


def schema_dict(name: str) -> dict:
    schema = _workspace_schema() if name == "workspace" else MODELS[name].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE_URL + FILE_NAMES[name], **schema}


def _workspace_schema() -> dict:
    """csec.yaml has two forms: a standard of its own, or `extends` the bundled standard (chosen by that key)."""
    refs, definitions = models_json_schema(
        [(WorkspaceConfig, "validation"), (ExtendingConfig, "validation")], ref_template="#/$defs/{model}"
    )
    return {
        "title": "csec.yaml",
        "description": "A standard of its own (standard, audiences, domains, order, defaults), or a workspace "
        "that extends the standard bundled with csec-builder (extends, domains, order, defaults).",
        "type": "object",
        "if": {"required": ["extends"]},
        "then": refs[(ExtendingConfig, "validation")],
        "else": refs[(WorkspaceConfig, "validation")],
        **definitions,
    }


def schema_json(name: str) -> str:
    return json.dumps(schema_dict(name), indent=2, ensure_ascii=False) + "\n"

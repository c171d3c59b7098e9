"""JSON Schema for the YAML files, generated from the pydantic models (the single source of truth)."""

from __future__ import annotations

import json

from pydantic import BaseModel

from .lint.rules import RuleFile
from .models import Contractor, Objective, WorkspaceConfig

MODELS: dict[str, type[BaseModel]] = {
    "objective": Objective,
    "contractor": Contractor,
    "workspace": WorkspaceConfig,
    "terminology": RuleFile,
}
FILE_NAMES = {name: f"{name}.schema.json" for name in MODELS}
BASE_URL = "https://csec-builder.example.org/schemas/"


def schema_dict(name: str) -> dict:
    schema = MODELS[name].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE_URL + FILE_NAMES[name], **schema}


def schema_json(name: str) -> str:
    return json.dumps(schema_dict(name), indent=2, ensure_ascii=False) + "\n"

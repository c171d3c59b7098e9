"""The catalog as a 1EdTech CASE 1.1 CFPackage: a competency framework an LMS can import.

One CFDocument for the standard, one CFItem per domain and per objective, and `isChildOf`
associations (objective -> domain -> document) numbered in teaching order. Identifiers are UUIDs
derived (uuid5) from the standard's name and each id, so re-exporting a later version updates the
same framework and items in the LMS instead of adding copies. The catalog records no date per
version, so every `lastChangeDateTime` is the build date (SOURCE_DATE_EPOCH; see docs/lms.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from ...models import Domain, Objective, WorkspaceConfig
from ...output import json_bytes
from ..common.reproducible import fixed_datetime

CASE_VERSION = "1.1"
LANGUAGE = "en"
OBJECTIVE_TYPE = "Learning Objective"
DOMAIN_TYPE = "Domain"
# uuid5 needs a namespace: one of our own, so our identifiers never collide with another tool's uuid5(URL, ...).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:csec-builder:case")


def case_package(config: WorkspaceConfig, objectives: Sequence[Objective], base_uri: str | None = None) -> bytes:
    """The CFPackage JSON of `objectives` (in teaching order) under `config`'s standard and domains."""
    return json_bytes(package_dict(config, objectives, base_uri))


def package_dict(config: WorkspaceConfig, objectives: Sequence[Objective], base_uri: str | None = None) -> dict:
    ids = _Identifiers(config.standard.name, base_uri)
    stamp = fixed_datetime().strftime("%Y-%m-%dT%H:%M:%SZ")
    document = _document(config, ids, stamp)
    domains = [d for d in config.domains if any(o.domain == d.id for o in objectives)]
    items = [_domain_item(d, ids, stamp) for d in domains]
    items += [_objective_item(o, config, ids, stamp) for o in objectives]
    document_link = _link(ids, "document", config.standard.name)
    associations = [
        _child_of(ids, _link(ids, f"domain:{d.id}", d.title), document_link, n, stamp)
        for n, d in enumerate(domains, start=1)
    ]
    by_domain = {d.id: _link(ids, f"domain:{d.id}", d.title) for d in domains}
    associations += [
        _child_of(ids, _link(ids, f"objective:{o.id}", o.title), by_domain[o.domain], n, stamp)
        for n, o in enumerate(objectives, start=1)
    ]
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations}


class _Identifiers:
    """Stable UUIDs and URIs: the same key under the same standard always gives the same identifier."""

    def __init__(self, standard: str, base_uri: str | None) -> None:
        self.standard = standard
        self.base_uri = base_uri.rstrip("/") if base_uri else None

    def uuid(self, key: str) -> str:
        return str(uuid.uuid5(NAMESPACE, f"{self.standard}\n{key}"))

    def uri(self, key: str) -> str:
        identifier = self.uuid(key)
        return f"{self.base_uri}/{identifier}" if self.base_uri else f"urn:uuid:{identifier}"


def _document(config: WorkspaceConfig, ids: _Identifiers, stamp: str) -> dict[str, Any]:
    standard = config.standard
    return {
        "identifier": ids.uuid("document"),
        "uri": ids.uri("document"),
        "creator": standard.name,
        "title": standard.name,
        "version": standard.version,
        "caseVersion": CASE_VERSION,
        "language": LANGUAGE,
        "lastChangeDateTime": stamp,
    }


def _domain_item(domain: Domain, ids: _Identifiers, stamp: str) -> dict[str, Any]:
    key = f"domain:{domain.id}"
    return {
        "identifier": ids.uuid(key),
        "uri": ids.uri(key),
        "fullStatement": domain.title,
        "humanCodingScheme": domain.id,
        "CFItemType": DOMAIN_TYPE,
        "language": LANGUAGE,
        "lastChangeDateTime": stamp,
    }


def _objective_item(objective: Objective, config: WorkspaceConfig, ids: _Identifiers, stamp: str) -> dict[str, Any]:
    key = f"objective:{objective.id}"
    audiences = {a.id: a.title for a in config.audiences}
    return {
        "identifier": ids.uuid(key),
        "uri": ids.uri(key),
        "fullStatement": objective.statement,
        "abbreviatedStatement": objective.title,
        "humanCodingScheme": objective.id,
        "CFItemType": OBJECTIVE_TYPE,
        # CASE has no audience field; educationLevel is where frameworks say whom an item is for.
        "educationLevel": [audiences.get(a, a) for a in objective.audiences],
        "language": LANGUAGE,
        "notes": f"Version {objective.version}.",
        "lastChangeDateTime": stamp,
        "extensions": {
            "version": objective.version,
            "bloomLevel": objective.bloom_level,
            "audiences": list(objective.audiences),
            "requiredFor": list(objective.required_for),
            "minutes": objective.total_minutes,
        },
    }


def _link(ids: _Identifiers, key: str, title: str) -> dict[str, str]:
    return {"title": title, "identifier": ids.uuid(key), "uri": ids.uri(key)}


def _child_of(ids: _Identifiers, child: dict, parent: dict, number: int, stamp: str) -> dict[str, Any]:
    key = f"association:{child['identifier']}:isChildOf:{parent['identifier']}"
    return {
        "identifier": ids.uuid(key),
        "uri": ids.uri(key),
        "associationType": "isChildOf",
        "sequenceNumber": number,
        "originNodeURI": child,
        "destinationNodeURI": parent,
        "lastChangeDateTime": stamp,
    }

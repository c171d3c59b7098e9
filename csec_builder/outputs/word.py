"""What the Word outputs share: file names, the files they read, and the look they are rendered with.

Not an output itself (it is not in the registry): docx_guide, handout and knowledge_test each
subclass WordOutput with their format name and their documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..problems import CsecError, error
from .base import Prepared

if TYPE_CHECKING:
    from ..plan import Plan


class WordOutput:
    """One format of one or more .docx files, each rendered from the plan and the contractor's look."""

    name: str
    suffixes: tuple[str, ...]
    """Each file's name after '<contractor id>-', without '.docx'."""

    def file_names(self, contractor_id: str) -> list[str]:
        return [f"{contractor_id}-{suffix}.docx" for suffix in self.suffixes]

    def inputs(self, prepared: Prepared) -> list[Path]:
        assets = prepared.assets
        return [path for path in (assets.docx_reference, assets.logo) if path is not None]

    def render(self, prepared: Prepared) -> dict[str, bytes]:
        documents = self.documents(prepared.plan, look(prepared))
        return dict(zip(self.file_names(prepared.contractor.id), documents, strict=True))

    def documents(self, plan: Plan, look: Any) -> list[bytes]:
        """The files' bytes, in the order of `suffixes`."""
        raise NotImplementedError


def look(prepared: Prepared) -> Any:
    """The reference document, logo and brand colour the contractor's Word files are rendered with."""
    from ..render.docx.document import look_for  # deferred: python-docx loads only when a .docx is built

    assets = prepared.assets
    if assets.docx_reference is None:
        message = "no Word reference document: add templates/docx/reference.docx or name one with docx_template"
        raise CsecError(message, [error(prepared.source.path, message)])
    return look_for(prepared.plan, assets.docx_reference, assets.logo, assets.logo_alt)

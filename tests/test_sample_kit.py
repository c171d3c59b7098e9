"""The sample kit's outputs are byte-for-byte what tests/fixtures/sample-kit-hashes.json records.

A refactor (moving modules, loading the workspace differently, speeding a renderer up) must not
change one byte of any output. When a change is meant to alter an output, regenerate the record
with `python tools/sample_kit_hashes.py` and commit it with that change.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from tests.helpers import REPO


def _tool():
    spec = importlib.util.spec_from_file_location("sample_kit_hashes", REPO / "tools" / "sample_kit_hashes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_kit_outputs_are_byte_identical_to_the_record(tmp_path: Path) -> None:
    tool = _tool()
    recorded = json.loads(tool.RECORD.read_text(encoding="utf-8"))
    tool.build_kit(tmp_path)
    built = tool.hashes(tmp_path)
    assert sorted(built) == sorted(recorded), "the kit's file list changed"
    changed = [name for name in recorded if built[name] != recorded[name]]
    assert changed == [], f"outputs changed (rerun `python tools/sample_kit_hashes.py` if meant): {changed}"
    assert any(name.endswith(".pptx") for name in recorded) and any(name.endswith(".html") for name in recorded)

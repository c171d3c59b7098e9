"""Re-measure the evidence audit's thresholds: the table in docs/coverage.md, "What moving each threshold did".

    python tools/audit_calibration.py [--keep FOLDER]

Builds every English sample contractor's deck and Word guide, strips their marker lines and shuffles the
slides (as tests/test_evidence.py does), writes the hand-made decks of tests/paraphrase_decks.py, then audits
them all in one process with each threshold moved in turn. Run it after a catalog change: the key points are
the queries and the objectives weigh the words, so the margins move with the catalog.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from csec_builder.cli.common import open_workspace  # noqa: E402
from csec_builder.evidence import match  # noqa: E402
from csec_builder.evidence.readers import Material, read_material  # noqa: E402
from csec_builder.pipeline import load_inputs  # noqa: E402
from tests import test_evidence as calibration  # noqa: E402
from tests.helpers import taught_by  # noqa: E402
from tests.paraphrase_decks import FIRE_SAFETY, PARAPHRASES, TOO_FAR  # noqa: E402

SETTINGS: list[dict[str, float]] = [
    {},
    {"found": 0.5},
    {"found": 0.55},
    {"found": 0.6},
    {"rival_margin": 0.0},
    {"rival_margin": 0.15},
    {"window": 1},
    {"window": 2},
    {"window": 4},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the materials here (kept) instead of a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="csec-calibration-") as scratch:
        root = args.keep or Path(scratch)
        root.mkdir(parents=True, exist_ok=True)
        samples, hand_made = write_materials(root)
        catalog = load_inputs(open_workspace(REPO)).catalog
        print("| Changed | Verdicts agreeing | Unselected covered | Hand-made decks covered | Fire safety | Bond |")
        print("| --- | --- | --- | --- | --- | --- |")
        base = match.THRESHOLDS
        try:
            for change in SETTINGS:
                # Hit.found reads the module's thresholds, so the sweep sets them there too.
                match.THRESHOLDS = dataclasses.replace(base, **change)
                print(row(change, match.Matcher(catalog, thresholds=match.THRESHOLDS), samples, hand_made))
        finally:
            match.THRESHOLDS = base


def write_materials(root: Path) -> tuple[dict[str, list[Material]], dict[str, Material]]:
    built = calibration.csec_builder(
        "build", "--workspace", calibration.copy_workspace(root / "ws"), "--format", "pptx,docx", "--out", root / "out"
    )
    if built.returncode != 0:
        raise SystemExit(built.stderr)
    samples = {}
    for seed, contractor_id in enumerate(calibration.ENGLISH):
        out = root / "out" / contractor_id
        deck = calibration.strip_and_shuffle_deck(
            out / f"{contractor_id}-deck.pptx", root / f"{contractor_id}.pptx", seed
        )
        guide = calibration.strip_document(
            out / f"{contractor_id}-facilitator-guide.docx", root / f"{contractor_id}-guide.docx"
        )
        samples[contractor_id] = [read_material(deck), read_material(guide)]
    decks = {**PARAPHRASES, "fire-safety": FIRE_SAFETY, "too-far": TOO_FAR["BOND-01"]}
    hand_made = {name: read_material(calibration.write_deck(root / f"{name}.pptx", s)) for name, s in decks.items()}
    return samples, hand_made


def row(change: dict[str, float], matcher: match.Matcher, samples: dict, hand_made: dict[str, Material]) -> str:
    agree = total = 0
    wrongly_covered: set[str] = set()
    for contractor_id, materials in samples.items():
        selected = taught_by(REPO, calibration.PROFILES[contractor_id])
        for material in materials:
            for evidence in matcher.audit(material):
                total += 1
                agree += (evidence.verdict == match.COVERED) == (evidence.objective_id in selected)
                if evidence.verdict == match.COVERED and evidence.objective_id not in selected:
                    wrongly_covered.add(evidence.objective_id)
    verdicts = {name: {e.objective_id: e.verdict for e in matcher.audit(m)} for name, m in hand_made.items()}
    paraphrases = {oid: verdicts[oid][oid] for oid in PARAPHRASES}
    not_covered = ", ".join(f"{oid} {v}" for oid, v in paraphrases.items() if v != match.COVERED)
    covered = sum(v == match.COVERED for v in paraphrases.values())
    fire = sorted(oid for oid, v in verdicts["fire-safety"].items() if v != match.MISSING) or "nothing found"
    name = ", ".join(f"`{k}` {v}" for k, v in change.items()) or "none"
    return (
        f"| {name} | {agree} of {total} | {', '.join(sorted(wrongly_covered)) or 'none'} | "
        f"{covered} of {len(paraphrases)}{f' ({not_covered})' if not_covered else ''} | {fire} | "
        f"{verdicts['too-far']['BOND-01']} |"
    )


if __name__ == "__main__":
    main()

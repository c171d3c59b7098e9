"""`csec-builder lint`: survivor-centred wording in the sources, accessibility of what is built."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from .helpers import REPO, edit, line_of

PREFERRED = "commercially sexually exploited child or youth; survivor"


def lint(cli, ws: Path, *args: str):
    return cli("lint", "--workspace", ws, *args)


def about(out: str, name: str) -> str:
    """The lines of lint's output about one file."""
    return "\n".join(line for line in out.splitlines() if name in line)


def test_words_to_avoid_fail_with_their_line_and_the_preferred_wording(cli, workspace: Path) -> None:
    path = workspace / "objectives" / "DEF-01.yaml"
    text = edit(path, "      - Sexual abuse or exploitation of a child\n", "      - Never call her a teen prostitute\n")
    text = edit(path, "      - For anyone's financial benefit", "      - Her pimps and the child sex workers' buyers")
    text = edit(path, "which we call child sexual abuse material", "which some call child pornography, or")

    result = lint(cli, workspace)

    assert result.exit_code == 1
    out = result.stdout
    line = line_of(text, "teen prostitute")
    col = text.splitlines()[line - 1].index("teen prostitute") + 1
    assert f'DEF-01.yaml:{line}:{col}: error: found "teen prostitute"; use "{PREFERRED}"' in out
    assert f"DEF-01.yaml:{line_of(text, 'Her pimps')}:" in out and 'found "pimps"; use "trafficker; exploiter"' in out
    assert 'found "child sex workers"' in out
    assert f"DEF-01.yaml:{line_of(text, 'some call child')}:" in out
    assert 'found "child pornography"; use "child sexual abuse material (CSAM)"' in out


def test_a_waiver_allows_a_deliberate_use_and_the_summary_says_why(cli, workspace: Path) -> None:
    def waived_in_def_01() -> list[dict]:
        report = json.loads(lint(cli, workspace, "--format", "json").stdout)
        assert not [p for p in report["problems"] if "DEF-01" in p["path"]]
        return [w for w in report["waived"] if "DEF-01" in w["path"]]

    shipped = waived_in_def_01()  # the catalog's own deliberate uses, waived in place
    path = workspace / "objectives" / "DEF-01.yaml"
    text = edit(
        path,
        "      - Sexual abuse or exploitation of a child\n",
        '      - Words to avoid: "pimp"  # csec-lint: allow pimp -- this slide names the words to avoid\n',
    )
    waived = waived_in_def_01()
    [added] = [w for w in waived if w not in shipped]
    assert added == {
        "path": added["path"],
        "line": line_of(text, "Words to avoid"),
        "rule": "pimp",
        "found": "pimp",
        "reason": "this slide names the words to avoid",
    }
    assert [w for w in waived if w in shipped] == shipped, "the edit replaced a line, so earlier waivers stay"
    text = lint(cli, workspace).stdout
    assert "pimp x" in text and "this slide names the words to avoid" in text


def test_a_waiver_on_an_enclosing_item_covers_its_text_and_names_only_its_rules(cli, workspace: Path) -> None:
    path = workspace / "objectives" / "DEF-01.yaml"
    text = edit(
        path,
        "  - title: What we mean by CSEC\n",
        "  - title: What we mean by CSEC  # csec-lint: allow pimp -- teaching slide\n",
    )
    text = edit(
        path,
        "      Let's start with shared words,",
        "      A pimp, or a child prostitute. Let's start with shared words,",
    )
    out = about(lint(cli, workspace).stdout, "DEF-01.yaml")
    assert 'found "pimp"' not in out
    assert f"DEF-01.yaml:{line_of(text, 'A pimp, or')}:" in out and 'found "child prostitute"' in out


def test_ordinary_words_in_ordinary_use_are_not_errors(cli, workspace: Path) -> None:
    path = workspace / "objectives" / "DEF-01.yaml"
    edit(
        path,
        "      - Sexual abuse or exploitation of a child\n",
        "      - John, her caseworker, said she went on a date with a buyer; the CSEC Toolkit and CSEC 101 agree\n",
    )
    out = lint(cli, workspace, "--format", "json").stdout
    assert [p for p in json.loads(out)["problems"] if "DEF-01" in p["path"]] == []


def test_local_rules_add_to_the_standard_and_may_not_redefine_it(cli, tmp_path: Path) -> None:
    ws = tmp_path / "my-org"
    made = cli("init", ws, "--contractor", "my-org", "--name", "My Org", "--audience", "caregiver")
    assert made.exit_code == 0, made.output
    (ws / "rules").mkdir()
    (ws / "rules" / "terminology.yaml").write_text(
        "rules:\n"
        "  - id: runaway\n    words: [runaway]\n    use: youth who left placement\n"
        "    reason: blames the youth\n    source: local practice guide\n    level: warning\n",
        encoding="utf-8",
    )
    local = (REPO / "objectives" / "DEF-01.yaml").read_text(encoding="utf-8").replace("id: DEF-01", "id: MYORG-01")
    local = local.replace(
        "      - Sexual abuse or exploitation of a child\n", "      - A runaway is not a pimp's property\n"
    )
    (ws / "objectives" / "MYORG-01.yaml").write_text(local, encoding="utf-8")

    out = about(lint(cli, ws).stdout, "MYORG-01.yaml")
    assert 'warning: found "runaway"; use "youth who left placement"' in out
    assert 'error: found "pimp"' in out  # the standard's rules still apply

    (ws / "rules" / "terminology.yaml").write_text(
        "rules:\n  - id: pimp\n    words: [exploiter]\n    use: x\n    reason: y\n    source: z\n",
        encoding="utf-8",
    )
    result = lint(cli, ws)
    assert result.exit_code == 1
    assert "rule id 'pimp' is already defined in" in result.stdout


def test_pale_theme_text_on_a_light_background_fails_contrast(cli, workspace: Path) -> None:
    template = workspace / "templates" / "pptx" / "pale.pptx"
    _recolour_theme(REPO / "templates" / "pptx" / "default.pptx", template, dk1="EEEEEE")
    path = workspace / "contractors" / "bay-area-academy.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("template: templates/pptx/default.pptx", "template: templates/pptx/pale.pptx")
    if "template:" not in text:
        text = text.replace("\nbranding:", "\ntemplate: templates/pptx/pale.pptx\nbranding:", 1)
    path.write_text(text, encoding="utf-8")

    result = lint(cli, workspace)

    assert result.exit_code == 1
    line = line_of(text, "template: templates/pptx/pale.pptx")
    assert f"bay-area-academy.yaml:{line}:" in result.stdout
    assert "#EEEEEE on background #FFFFFF in layout 'Content' of pale.pptx has contrast 1.16:1" in result.stdout


def test_a_brand_colour_no_text_can_read_on_fails_at_its_line(cli, workspace: Path) -> None:
    path = workspace / "contractors" / "bay-area-academy.yaml"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if "primary_color:" in line)
    text = edit(path, old, old.split("primary_color:")[0] + 'primary_color: "#808080"')
    out = lint(cli, workspace).stdout
    assert f"bay-area-academy.yaml:{line_of(text, 'primary_color')}:" in out
    assert "primary_color #808080 gives brand-coloured slides text" in out


def test_the_shipped_workspace_lints_with_no_error(cli) -> None:
    result = lint(cli, REPO)
    assert result.exit_code == 0, result.stdout
    assert "Waived on purpose" in result.stdout


# --- built materials -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from csec_builder.cli import app

    out = tmp_path_factory.mktemp("lint-outputs")
    args = ["build", "bay-area-academy", "--workspace", str(REPO), "--out", str(out), "--format", "pptx,html"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


def test_built_materials_pass_the_accessibility_checks(cli, built: Path) -> None:
    result = cli("lint", "--outputs", built, "--workspace", REPO)
    assert result.exit_code == 0, result.stdout
    assert "Checked 2 files: no problems." in result.stdout


def test_a_deck_without_language_and_with_a_picture_without_alt_text_is_reported(cli, built: Path, tmp_path) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation(str(next(built.rglob("*.pptx"))))
    deck.core_properties.language = ""
    slide = deck.slides[4]
    picture = slide.shapes.add_picture(str(REPO / "templates" / "images" / "sierra-logo.png"), Inches(1), Inches(1))
    picture._element.nvPicPr.cNvPr.set("descr", "")  # python-pptx writes the file name as alt text
    deck.slides[5].shapes.title.text_frame.text = deck.slides[4].shapes.title.text_frame.text
    deck.save(str(tmp_path / "deck.pptx"))

    out = cli("lint", "--outputs", tmp_path, "--workspace", REPO).stdout

    assert "deck.pptx:1:1: error: the deck's language is not set" in out
    assert f"slide 5: picture '{picture.name}' has no alt text" in out
    assert "slide 6: title" in out and "repeats slide 5" in out


def test_html_problems_are_reported_at_their_line(cli, tmp_path: Path) -> None:
    (tmp_path / "guide.html").write_text(
        "<html>\n<body>\n<h1>Guide</h1>\n<h3>Skipped</h3>\n<table><tr><td>x</td></tr></table>\n"
        '<img src="x.png">\n<a href="https://example.org">click here</a>\n</body>\n</html>\n',
        encoding="utf-8",
    )
    out = cli("lint", "--outputs", tmp_path, "--workspace", REPO).stdout
    assert "guide.html:1:1: error: <html> has no lang attribute" in out
    assert "guide.html:4:1: error: <h3> follows <h1>" in out
    assert "guide.html:5:1: error: <table> has no header cells" in out
    assert "guide.html:6:1: error: <img> has no alt attribute" in out
    assert 'guide.html:7:1: error: link text "click here"' in out


def test_word_documents_need_ordered_headings_a_title_and_a_language(cli, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Guide", level=1)
    document.add_heading("Too deep", level=3)
    document.save(str(tmp_path / "guide.docx"))

    out = cli("lint", "--outputs", tmp_path, "--workspace", REPO).stdout

    assert "guide.docx:1:1: error: the document title is not set" in out
    assert "the document language is not set" in out
    assert 'paragraph 2 ("Too deep"): Heading 3 follows level 1' in out


def test_a_missing_outputs_folder_is_a_clear_error(cli, tmp_path: Path) -> None:
    result = cli("lint", "--outputs", tmp_path / "missing", "--workspace", REPO)
    assert result.exit_code == 1
    assert "error: no folder" in result.stderr and "run `csec-builder build` first" in result.stderr


def _recolour_theme(source: Path, target: Path, dk1: str) -> None:
    """A copy of `source` whose theme's dark text colour is `dk1`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename.startswith("ppt/theme/theme"):
                text = data.decode("utf-8")
                start = text.index("<a:dk1>")
                end = text.index("</a:dk1>") + len("</a:dk1>")
                data = (text[:start] + f'<a:dk1><a:srgbClr val="{dk1}"/></a:dk1>' + text[end:]).encode("utf-8")
            new.writestr(info, data)

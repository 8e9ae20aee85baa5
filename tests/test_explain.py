"""``zv extract --explain``: blocks with their rules, and every value tied to a block and a rule."""

from __future__ import annotations

from click.testing import CliRunner

from extract.cli import main
from tests.conftest import CORPUS


def test_explain_lists_blocks_and_ties_every_value_to_one():
    result = CliRunner().invoke(main, ["extract", str(CORPUS / "text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt"),
                                       "--explain"])
    assert result.exit_code == 0, result.output
    out = result.output
    blocks, values = out.split("\nBlocks\n")[1].split("\nValues\n")
    assert "section_header" in blocks and "numbered heading" in blocks and "list_item" in blocks
    rows = values.strip().splitlines()[1:]
    assert any(r.startswith("district_ags") and "06532" in r and "gazetteer" in r for r in rows)
    assert sum(r.startswith("measure ") for r in rows) == 14
    assert all("(no block)" not in r for r in rows), [r for r in rows if "(no block)" in r]
    assert all("list_item" in r for r in rows if r.startswith("measure "))


def test_explain_of_an_unreadable_file(tmp_path):
    (tmp_path / "leer.pdf").write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "leer.pdf"), "--explain"])
    assert result.exit_code == 1 and "could not be read into blocks" in result.output

"""The README stays true: its first commands, its data dictionary, and the CI entry point."""

from __future__ import annotations

from extract.cli.schema_cmd import replace_between_markers
from extract.export.dictionary import render_data_dictionary
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_data_dictionary_is_current() -> None:
    assert replace_between_markers(README, render_data_dictionary()) == README, (
        "README's data dictionary is stale: run `zv schema --update-readme README.md`"
    )


def test_first_commands_are_run_and_test_and_ci_calls_test() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    commands = [ln.split("#")[0].strip() for ln in first_block.strip().splitlines()]
    assert commands == ["scripts/run", "scripts/test"]
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text()


def test_every_table_is_documented() -> None:
    for table in ("agreements", "signatories", "sections", "measures", "amounts", "dates", "evidence", "pages", "manifest"):
        assert f"### {table}" in README


def test_every_exit_code_of_the_cli_is_in_the_readme() -> None:
    import re

    from extract.cli import EXIT_CODES

    codes = set(re.findall(r"^\s+(\d+)\s", EXIT_CODES, re.M)) | set(re.findall(r"; (\d+) ", EXIT_CODES))
    table = README.split("Exit codes, for every command", 1)[1].split("###", 1)[0]
    documented = set(re.findall(r"^\| ([\d /]+) \|", table, re.M))
    assert codes == {c for row in documented for c in row.split(" / ")} == {"0", "1", "2", "3", "4", "130", "143", "129"}

"""The zv group: every command is registered, and importing the CLI stays light (see extract.cli)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from extract.cli import COMMANDS, main


def test_help_lists_every_command():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()][: len(COMMANDS)]
    assert listed == sorted(COMMANDS)


def test_each_command_resolves_with_its_own_help():
    for name in COMMANDS:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert f"Usage: main {name}" in result.output or f"Usage: zv {name}" in result.output


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(main, ["nonsense"])
    assert result.exit_code == 2 and "No such command" in result.output


def test_importing_the_cli_loads_no_heavy_library():
    # Spawned batch workers re-import the zv script: it must not drag in pandas, pyarrow or spaCy.
    code = ("import sys, extract.cli; heavy = {'pandas', 'pyarrow', 'spacy', 'pydantic', 'rich'} & set(sys.modules);"
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _zv(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], capture_output=True, text=True, timeout=120)


def test_the_script_flushes_its_output_and_keeps_exit_codes(tmp_path):
    # run() leaves with os._exit: buffered output must still arrive, exit codes must not change
    version = _zv("--version")
    assert version.returncode == 0 and version.stdout.startswith("zv, version")
    usage = _zv("batch", str(tmp_path / "missing"))
    assert usage.returncode == 2 and "does not exist" in usage.stderr
    seed = next((Path(__file__).resolve().parents[2] / "corpus" / "text").glob("*.txt"))
    extracted = _zv("extract", str(seed))
    assert extracted.returncode == 0 and extracted.stdout.rstrip().endswith("}")  # the whole JSON document
    big = json.loads(extracted.stdout)
    assert big["status"] in {"ok", "partial"}


def test_a_batch_run_leaves_no_temporary_folder_behind(tmp_path):
    # the workers' forkserver keeps its socket in a pymp-* folder that multiprocessing removes at
    # interpreter exit; run() leaves with os._exit and must remove it itself
    corpus = tmp_path / "in"
    corpus.mkdir()
    seed = next((Path(__file__).resolve().parents[2] / "corpus" / "text").glob("*.txt"))
    (corpus / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    done = subprocess.run([sys.executable, "-m", "extract.cli", "batch", str(corpus), "-o", str(tmp_path / "out"),
                           "-j", "1", "--quiet"], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "agreements.csv").is_file()
    assert sorted(p.name for p in temp.iterdir()) == []

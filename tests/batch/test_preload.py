"""The forkserver's preload module: warms the extractor up, and never takes the server down."""

import subprocess
import sys


def _import_preload(setup: str) -> subprocess.CompletedProcess[str]:
    code = f"import extract.batch.worker as w\n{setup}\nimport extract.batch.preload\nprint('imported')"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_preload_warms_the_default_extractor_up():
    done = _import_preload("")
    assert done.returncode == 0 and "imported" in done.stdout, done.stderr


def test_an_error_while_preloading_is_left_to_the_workers():
    def fails(kind: str) -> str:
        return f"def broken(ref):\n    raise {kind}('broken install')\nw.load = broken"

    for kind in ("RuntimeError", "ImportError", "MemoryError"):
        done = _import_preload(fails(kind))
        assert done.returncode == 0 and "imported" in done.stdout, (kind, done.stderr)

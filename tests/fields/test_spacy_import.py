"""spaCy is loaded without its CLI, and the CLI still works when asked for (see extract.fields.spacy_import)."""

import json
import subprocess
import sys

CLI_LIBRARIES = ("typer", "weasel", "httpx", "requests")


def _run(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_pipeline_loads_spacy_without_its_cli_and_still_finds_entities():
    out = _run(
        "import json, sys\n"
        "from extract.fields.nlp import analyse\n"
        "ents = [(e.text, e.label_) for e in analyse('Der Lahn-Dill-Kreis und das Land Hessen').ents]\n"
        f"print(json.dumps({{'loaded': sorted(m for m in {CLI_LIBRARIES!r} + ('spacy.cli',) if m in sys.modules), "
        "'ents': ents}))"
    )
    assert out["loaded"] == []
    assert ["Lahn-Dill-Kreis", "DISTRICT"] in out["ents"]


def test_the_real_cli_loads_when_asked_for_afterwards():
    out = _run(
        "import json, sys\n"
        "import extract.fields.nlp\n"
        "assert 'typer' not in sys.modules\n"
        "import spacy\n"
        "import spacy.cli\n"
        "info = spacy.info(markdown=False, silent=True)\n"
        "print(json.dumps({'setup_cli': hasattr(spacy.cli, 'setup_cli'), 'version': info.get('spacy_version')}))"
    )
    assert out["setup_cli"] is True
    assert out["version"]


def test_a_spacy_imported_before_is_used_as_it_is():
    out = _run(
        "import json, spacy, sys\n"
        "from extract.fields.spacy_import import import_spacy\n"
        "print(json.dumps({'same': import_spacy() is spacy, 'cli': 'typer' in sys.modules}))"
    )
    assert out == {"same": True, "cli": True}


def test_a_spacy_that_needs_more_of_its_cli_is_imported_the_usual_way():
    # as if spaCy's __init__ used something of its CLI that a placeholder cannot stand in for
    out = _run(
        "import json, sys\n"
        "from extract.fields import spacy_import\n"
        "def refuse(self, name):\n"
        "    raise AttributeError(name)\n"
        "spacy_import._Placeholder.__getattr__ = refuse\n"
        "spacy = spacy_import.import_spacy()\n"
        "print(json.dumps({'blank': len(spacy.blank('de')('Ein Satz.')), 'cli': 'typer' in sys.modules}))"
    )
    assert out == {"blank": 3, "cli": True}

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

import extract
from extract.batch.cache import (
    CACHE_DIR_ENV,
    DB_NAME,
    ResultCache,
    cache_key,
    default_cache_dir,
    extractor_fingerprint,
    options_fingerprint,
)
from schemas import Agreement, Status


def test_roundtrip_and_corrupt_entries(tmp_path):
    cache = ResultCache(tmp_path / "c")
    agreement = Agreement(agreement_id="aqb-2025-06532", status=Status.partial, warnings=["w"])
    cache.put("ab" * 32, agreement.model_dump_json(), 1.25)
    hit = cache.get("ab" * 32)
    assert hit is not None and hit.agreement == agreement and hit.seconds == 1.25
    assert cache.get("cd" * 32) is None
    cache.put("ab" * 32, "{trunc", 1.0)  # what an entry written by something else might hold
    assert cache.get("ab" * 32) is None and cache.has("ab" * 32)
    cache.put("ab" * 32, '{"status": "no such status"}', 1.0)
    assert cache.get("ab" * 32) is None
    assert (tmp_path / "c" / "CACHEDIR.TAG").exists()
    assert sorted(p.name for p in (tmp_path / "c").iterdir() if not p.name.startswith(DB_NAME + "-")) == [
        "CACHEDIR.TAG", DB_NAME]


def test_looking_up_creates_nothing(tmp_path):
    cache = ResultCache(tmp_path / "c")
    assert cache.get("ab" * 32) is None and not cache.has("ab" * 32)
    assert cache.missing({"a.pdf": "1" * 64}, "m:f", {}) == 1
    assert not (tmp_path / "c").exists()


def test_a_damaged_database_counts_as_empty_and_is_replaced(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"this is not a database, it was cut off in a cop")
    said: list[str] = []
    cache = ResultCache(tmp_path, on_fault=said.append)
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, Agreement().model_dump_json(), 0.5)
    assert ResultCache(tmp_path).get("ab" * 32) is not None  # a second reader (another run) sees it
    assert len(said) == 1 and "was damaged" in said[0] and "replaced by an empty one" in said[0]


def test_two_caches_on_one_folder_see_each_others_results(tmp_path):
    # e.g. two runs sharing $ZV_CACHE_DIR, one after the other or at the same time
    first, second = ResultCache(tmp_path), ResultCache(tmp_path)
    first.put("ab" * 32, Agreement(agreement_id="x").model_dump_json(), 0.5)
    second.put("cd" * 32, Agreement(agreement_id="y").model_dump_json(), 0.5)
    assert first.get("cd" * 32).agreement.agreement_id == "y"
    assert second.get("ab" * 32).agreement.agreement_id == "x"


def test_key_depends_on_content_path_process_and_options():
    base = cache_key("0" * 64, "a.pdf", "m:f", "")
    assert base == cache_key("0" * 64, "a.pdf", "m:f", "")
    assert len({base, cache_key("1" * 64, "a.pdf", "m:f"), cache_key("0" * 64, "b.pdf", "m:f"),
                cache_key("0" * 64, "a.pdf", "m:g"), cache_key("0" * 64, "a.pdf", "m:f", "ocr=deu")}) == 5


def test_fingerprint_starts_with_the_version():
    assert extractor_fingerprint().startswith(extract.__version__ + "+")


def test_clear_removes_only_entries(tmp_path):
    cache = ResultCache(tmp_path)
    cache.put("ab" * 32, Agreement().model_dump_json(), None)
    (tmp_path / "precious.txt").write_text("keep", encoding="utf-8")
    legacy = tmp_path / "cd" / f"{'cd' * 32}.json"  # the one-file-per-result layout of older versions
    legacy.parent.mkdir()
    legacy.write_text("{}", encoding="utf-8")
    assert cache.clear() == 2
    assert cache.get("ab" * 32) is None and (tmp_path / "precious.txt").exists()
    assert not (tmp_path / "cd").exists() and not (tmp_path / DB_NAME).exists()
    cache.put("ab" * 32, Agreement().model_dump_json(), None)  # and it is usable again
    assert cache.get("ab" * 32) is not None


def test_cache_dir_default_and_env(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    assert default_cache_dir(tmp_path) == tmp_path / ".zv-cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "elsewhere"))
    assert default_cache_dir(tmp_path) == tmp_path / "elsewhere"


def test_missing_counts_files_without_a_result(tmp_path):
    cache = ResultCache(tmp_path)
    options = {"backend": "pdfium", "ocr": True}
    cache.put(cache_key("1" * 64, "a.pdf", "m:f", options_fingerprint(options)), Agreement().model_dump_json(), None)
    hashes = {"a.pdf": "1" * 64, "b.pdf": "2" * 64, "unreadable.pdf": None}
    assert cache.missing(hashes, "m:f", options) == 2
    assert cache.missing(hashes, "m:f", {"backend": "pdfium", "ocr": False}) == 3  # other options, other keys
    assert cache.missing({"a.pdf": "1" * 64}, "m:f", dict(reversed(options.items()))) == 0  # order does not matter


def test_the_extraction_fingerprint_ignores_code_that_runs_after_extraction():
    from extract.batch.fingerprint import NOT_EXTRACTION, PACKAGE_DIR, code_files

    every = {p.relative_to(PACKAGE_DIR.parent).as_posix() for p in code_files()}
    extraction = {p.relative_to(PACKAGE_DIR.parent).as_posix() for p in code_files(NOT_EXTRACTION)}
    assert "extract/fields/amounts.py" in extraction and "extract/domain/districts.csv" in extraction
    assert "extract/export/writers.py" in every - extraction and "extract/batch/runner.py" in every - extraction


def test_library_versions_are_part_of_the_fingerprint(monkeypatch):
    from extract.batch import fingerprint

    versions = fingerprint.library_versions()
    assert "pypdfium2=" in versions and "spacy=" in versions and "=?" not in versions  # all found here
    before = fingerprint.code_digest(True)
    fingerprint.code_digest.cache_clear()
    monkeypatch.setattr(fingerprint, "library_versions", lambda: versions.replace("pypdfium2=", "pypdfium2=0"))
    try:
        assert fingerprint.code_digest(True) != before  # another pdfium: extract again
    finally:
        fingerprint.code_digest.cache_clear()


def test_put_survives_its_folder_being_removed(tmp_path):
    import shutil

    cache = ResultCache(tmp_path / "c")
    cache.put("ab" * 32, Agreement().model_dump_json(), None)
    shutil.rmtree(tmp_path / "c")  # e.g. someone clears the cache by hand during a run
    cache.put("ab" * 31 + "cd", Agreement().model_dump_json(), 0.5)
    assert cache.get("ab" * 31 + "cd") is not None and (tmp_path / "c" / "CACHEDIR.TAG").exists()


def _damage_pages(path: Path) -> None:
    """Keep SQLite's header and first page (the schema), overwrite the pages after it: the
    database opens fine and fails on reading."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    assert len(data) > 2 * page, "too few results to damage"
    data[page:] = b"\xa5" * (len(data) - page)
    path.write_bytes(bytes(data))


def _filled(folder: Path, n: int = 50) -> ResultCache:
    cache = ResultCache(folder)
    agreement = Agreement(agreement_id="aqb-2025-06532", status=Status.ok).model_dump_json()
    for i in range(n):
        cache.put(f"{i:064x}", agreement, 1.0)
    cache.close()
    return cache


def _damaged_inside(folder: Path) -> None:
    _filled(folder)
    _damage_pages(folder / DB_NAME)


def _other_schema(folder: Path) -> None:
    folder.mkdir()
    db = sqlite3.connect(folder / DB_NAME)
    db.execute("CREATE TABLE results (id INTEGER, blob BLOB)")
    db.commit()
    db.close()


def _folder_in_the_way(folder: Path) -> None:
    (folder / DB_NAME).mkdir(parents=True)


def _not_writable(folder: Path) -> None:
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"")  # an empty file is a new database to SQLite
    (folder / DB_NAME).chmod(0o444)
    folder.chmod(0o555)


FAULTS = {"damaged inside its pages": _damaged_inside, "another schema": _other_schema,
          "a folder at results.sqlite": _folder_in_the_way}
if os.geteuid() != 0:  # root writes anyway
    FAULTS["not writable"] = _not_writable


@pytest.mark.parametrize("fault", FAULTS)
def test_a_faulty_cache_is_reported_once_and_then_left_alone(tmp_path, fault):
    folder = tmp_path / "c"
    FAULTS[fault](folder)
    said: list[str] = []
    cache = ResultCache(folder, on_fault=said.append)
    agreement = Agreement(agreement_id="aqb-2025-06532", status=Status.ok).model_dump_json()
    for i in range(5):  # neither reading nor writing raises, however often
        assert cache.get(f"{i:064x}") is None
        cache.put(f"{i:064x}", agreement, 1.0)
    cache.missing({"a.pdf": "1" * 64}, "m:f", {})
    cache.count()
    cache.close()
    assert len(said) == 1 and "this run goes on without it" in said[0] and str(folder) in said[0], said
    assert cache.fault == said[0]


def test_a_full_disk_under_the_cache_is_a_warning(tmp_path, monkeypatch):
    said: list[str] = []
    cache = ResultCache(tmp_path / "c", on_fault=said.append)
    agreement = Agreement(agreement_id="aqb-2025-06532", status=Status.ok).model_dump_json()
    cache.put("0" * 64, agreement, 1.0)

    class Full:
        def execute(self, *args):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            pass

    cache._db = Full()  # type: ignore[assignment]
    cache.put("1" * 64, agreement, 1.0)
    cache.put("2" * 64, agreement, 1.0)
    assert len(said) == 1 and "database or disk is full" in said[0]


def test_clear_of_a_faulty_cache_starts_a_new_one(tmp_path):
    folder = tmp_path / "c"
    _damaged_inside(folder)
    said: list[str] = []
    cache = ResultCache(folder, on_fault=said.append)
    cache.clear()
    fresh = ResultCache(folder, on_fault=said.append)
    fresh.put("0" * 64, Agreement(status=Status.ok).model_dump_json(), 1.0)
    assert fresh.get("0" * 64) is not None
    assert fresh.fault is None


def test_the_ocr_engine_and_its_models_are_in_the_key(monkeypatch):
    from extract.batch import fingerprint

    assert options_fingerprint({"ocr": False}) == options_fingerprint({"ocr": False})
    monkeypatch.setattr(fingerprint, "ocr_engine", lambda: "tesseract-5.3.0:deu=1@1,eng=1@1")
    before = options_fingerprint({"ocr": True})
    monkeypatch.setattr(fingerprint, "ocr_engine", lambda: "tesseract-5.3.0:deu=2@2,eng=1@1")  # a new deu model
    assert options_fingerprint({"ocr": True}) != before
    assert options_fingerprint({"ocr": False}) == '{"ocr": false}'  # without OCR the engine does not matter


def test_ocr_engine_names_the_version_and_both_models():
    from extract.batch.fingerprint import OCR_MODELS, ocr_engine

    engine = ocr_engine()
    if shutil.which("tesseract") is None:
        assert engine == "none"
    else:
        assert engine.startswith("tesseract-") and all(f"{lang}=" in engine for lang in OCR_MODELS), engine

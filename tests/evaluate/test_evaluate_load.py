import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pydantic import BaseModel

from extract.evaluate.load import assemble, coerce_cell, gold_file_name, load_gold, load_predictions
from schemas import Agreement, Measure, Status


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_round_trip_through_a_fake_out_dir(
    fmt: str, make_agreement: Callable, out_dir_writer: Callable,
) -> None:
    original = make_agreement(warnings=["sum of categories differs", "second"],
                              dates=[{"role": "ministry_signature", "date": "2025-08-02", "raw": "2.8.2025"}],
                              evidence=[{"field": "total_amount_eur", "value": "1421550.00", "page": 2}])
    predictions = load_predictions(out_dir_writer([original], fmt))
    assert predictions.problems == []
    assert predictions.by_source[original.source_file] == original


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_manifest_only_rows_become_status_agreements(
    fmt: str, make_agreement: Callable, out_dir_writer: Callable,
) -> None:
    manifest = [
        {"source_file": "pdf\\press.pdf", "status": "not_agreement", "message": "a press release"},
        {"source_file": "./pdf/broken.pdf", "status": "failed", "message": "not a PDF"},
        {"source_file": "pdf/lost.pdf", "status": "ok", "message": None},
    ]
    predictions = load_predictions(out_dir_writer([make_agreement()], fmt, extra_manifest=manifest))
    press = predictions.by_source["pdf/press.pdf"]
    assert (press.status, press.message) == (Status.not_agreement, "a press release")
    assert predictions.by_source["pdf/broken.pdf"].status == Status.failed
    assert "pdf/lost.pdf" not in predictions.by_source
    assert any("pdf/lost.pdf" in p for p in predictions.problems)


@pytest.mark.parametrize(
    ("model", "name", "cell", "expected"),
    [
        (Agreement, "district_ags", "06532", "06532"),
        (Agreement, "district_ags", 6532, "06532"),  # parquet written as int
        (Agreement, "district_ags", 6532.0, "06532"),  # ... or as float
        (Agreement, "total_amount_eur", "1421550.00", Decimal("1421550.00")),
        (Agreement, "total_amount_eur", 1421550.1, Decimal("1421550.10")),
        (Agreement, "total_amount_eur", Decimal("12.5"), Decimal("12.50")),
        (Agreement, "budget_year", "2025", 2025),
        (Agreement, "budget_year", "2025.0", 2025),
        (Agreement, "budget_year", 2025.0, 2025),
        (Agreement, "district_sign_date", "2025-08-12", dt.date(2025, 8, 12)),
        (Agreement, "district_sign_date", dt.datetime(2025, 8, 12, 0, 0), dt.date(2025, 8, 12)),
        (Agreement, "status", "not_agreement", "not_agreement"),
        (Agreement, "warnings", "a | b", ["a", "b"]),
        (Agreement, "warnings", '["a | b"]', ["a | b"]),
        (Agreement, "warnings", "", []),
        (Agreement, "district_name", "", None),
        (Agreement, "page_count", float("nan"), None),
        (Measure, "part_time", "true", True),
        (Measure, "part_time", "False", False),
        (Measure, "part_time", "0", False),
    ],
)
def test_coerce_cell(model: type[BaseModel], name: str, cell: Any, expected: Any) -> None:
    assert coerce_cell(model, name, cell) == expected


def test_typed_parquet_with_int_ags_and_float_amounts(tmp_path: Path) -> None:
    pq.write_table(pa.table({"agreement_id": ["a1"], "source_file": ["x.txt"], "district_ags": [6532],
                             "total_amount_eur": [1421550.0], "budget_year": [2025.0]}),
                   tmp_path / "agreements.parquet")
    pq.write_table(pa.table({"agreement_id": ["a1"], "category_number": [3], "position": [1],
                             "project_name": ["Jump in"], "part_time": [True], "amount_eur": [None]}),
                   tmp_path / "measures.parquet")
    a = load_predictions(tmp_path).by_source["x.txt"]
    assert (a.district_ags, a.total_amount_eur, a.budget_year) == ("06532", Decimal("1421550.00"), 2025)
    assert a.measures == [Measure(category_number=3, position=1, project_name="Jump in", part_time=True)]


def test_bad_rows_are_reported_and_skipped() -> None:
    tables: dict[str, Any] = {
        "agreements": [{"agreement_id": "a1", "source_file": "x.txt", "budget_year": "next year"},
                       {"agreement_id": "a2", "source_file": "y.txt", "status": "ok"},
                       {"agreement_id": "a3", "source_file": "", "status": "ok"}],
        "measures": [{"agreement_id": "a2", "category_number": "7", "position": "1", "project_name": "X"},
                     {"agreement_id": "a2", "category_number": "2", "position": "1", "project_name": "Y"},
                     {"agreement_id": "", "category_number": "2", "position": "1", "project_name": "Z"}],
    }
    predictions = assemble(tables)
    assert list(predictions.by_source) == ["y.txt"]
    assert [m.project_name for m in predictions.by_source["y.txt"].measures] == ["Y"]
    problems = "\n".join(predictions.problems)
    assert "agreements row 2 (x.txt)" in problems
    assert "measures row 2 (a2): category_number" in problems
    assert "no agreement_id" in problems
    assert "no source_file" in problems


def test_duplicate_agreement_ids_are_reported() -> None:
    rows = [{"agreement_id": "aqb-2025-06532", "source_file": f"{n}.txt"} for n in "ab"]
    assert any("several files" in p for p in assemble({"agreements": rows}).problems)


def test_missing_tables_are_reported(tmp_path: Path) -> None:
    predictions = load_predictions(tmp_path)
    assert predictions.by_source == {}
    assert "no agreements or manifest table" in predictions.problems[0]


def test_load_gold_reads_every_file_and_names_a_broken_one(tmp_path: Path, make_gold: Callable) -> None:
    gold = make_gold()
    (tmp_path / gold_file_name(gold.document)).write_text(gold.model_dump_json(), encoding="utf-8")
    assert load_gold(tmp_path) == [gold]
    (tmp_path / "broken.json").write_text('{"document": "x"}', encoding="utf-8")
    with pytest.raises(ValueError, match="broken.json"):
        load_gold(tmp_path)


def test_gold_file_name() -> None:
    assert gold_file_name("pdf/foo.pdf") == "pdf__foo.pdf.json"


def test_repo_gold_files_are_valid_and_named_after_their_document() -> None:
    gold_dir = Path(__file__).resolve().parents[2] / "corpus" / "gold"
    for label in load_gold(gold_dir):
        assert (gold_dir / gold_file_name(label.document)).exists(), label.document

import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from extract.export.dictionary import render_data_dictionary
from extract.export.spec import arrow_type
from extract.export.tables import (
    AGREEMENTS,
    CHILD_TABLES,
    TABLES,
    ManifestEntry,
    build_tables,
)
from schemas import Status
from tests.export.samples import failed_without_id, lahn_dill

# shared/ lies beside the repository, for developers and in CI alike
CONTRACT_SCRIPT = Path(__file__).resolve().parents[3] / "shared" / "check_contract.py"


def test_tables_carry_the_contract_columns():
    if not CONTRACT_SCRIPT.exists():
        pytest.skip(f"output contract script not found at {CONTRACT_SCRIPT}")
    spec = importlib.util.spec_from_file_location("check_contract", CONTRACT_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ours = {t.name: t.column_names for t in TABLES}
    for name, columns in module.CONTRACT.items():
        assert set(columns.split()) <= set(ours[name]), name


def test_every_column_is_described_and_child_tables_start_with_agreement_id():
    for table in TABLES:
        assert all(c.description for c in table.columns), table.name
    for table in CHILD_TABLES:
        assert table.column_names[0] == "agreement_id"


def test_arrow_types_follow_the_annotations():
    types = {c.name: c.type for c in AGREEMENTS.columns}
    assert types["total_amount_eur"] == pa.decimal128(15, 2)
    assert types["district_sign_date"] == pa.date32()
    assert types["budget_year"] == pa.int32()
    assert types["status"] == pa.string()
    measures = {c.name: c.type for c in TABLES[3].columns}
    assert measures["part_time"] == pa.bool_()
    with pytest.raises(TypeError):
        arrow_type(dict[str, int])


def test_agreement_row_flattens_scalars():
    tables = build_tables([lahn_dill()])
    (row,) = tables["agreements"]
    assert row["agreement_id"] == "aqb-2025-06532"
    assert row["status"] == "partial" and type(row["status"]) is str
    assert row["total_amount_eur"] == Decimal("1421550.00")
    assert row["ministry_sign_date"] == dt.date(2025, 8, 2)
    assert row["warnings"] == "category sum 1.00 differs from total | no approving authority"
    assert "measures" not in row and "pages" not in row


def test_child_rows_are_keyed_and_ordered():
    tables = build_tables([lahn_dill()])
    measures = tables["measures"]
    assert [(m["category_number"], m["position"]) for m in measures] == [(1, 1), (3, 1), (3, 2)]
    assert all(m["agreement_id"] == "aqb-2025-06532" for m in measures)
    assert measures[0]["part_time"] is True
    # nulls sort last, otherwise by page and offset
    assert [a["char_start"] for a in tables["amounts"]] == [10, 120, None]
    assert [s["title"] for s in tables["sections"]] == ["Präambel", "Ziele"]  # document order
    assert tables["signatories"][0]["party"] == "ministry"


def test_missing_id_falls_back_to_the_content_hash_and_agreements_sort_by_id():
    tables = build_tables([failed_without_id(), lahn_dill()])
    ids = [r["agreement_id"] for r in tables["agreements"]]
    assert ids == ["aqb-2025-06532", "doc-" + "cd" * 6]
    assert tables["agreements"][1]["warnings"] is None


def test_manifest_rows_sorted_by_source_file():
    entries = [
        ManifestEntry(source_file="b.txt", status=Status.failed, message="timed out after 1 s"),
        ManifestEntry(source_file="a.txt", status=Status.ok, seconds=0.5),
    ]
    rows = build_tables([], entries)["manifest"]
    assert [r["source_file"] for r in rows] == ["a.txt", "b.txt"]
    assert rows[1]["status"] == "failed"


def test_data_dictionary_lists_every_table_and_column():
    text = render_data_dictionary()
    for table in TABLES:
        assert f"### {table.name}" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text
    assert "| `total_amount_eur` | decimal(15,2) |" in text

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli.evaluate_cmd import evaluate
from extract.cli.label_cmd import label
from extract.evaluate.draft import DRAFT_NOTE
from extract.evaluate.load import gold_file_name
from schemas import Agreement, GoldLabel

DOC = "text/aqb_2025_test.txt"


def _scan(make_agreement: Callable, **changes: object) -> Agreement:
    """The second document: an OCR scan in the test split."""
    return make_agreement(source_file="pdf/b.pdf", agreement_id="aqb-2025-b", source_kind="pdf_ocr",
                          **changes)


@pytest.fixture
def gold_dir(tmp_path: Path, make_agreement: Callable, make_gold: Callable) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    labels = [make_gold(), make_gold(_scan(make_agreement), document="pdf/b.pdf", split="test"),
              make_gold(document="text/draft.txt", reviewed=False)]
    for g in labels:
        (folder / gold_file_name(g.document)).write_text(g.model_dump_json(), encoding="utf-8")
    return folder


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(evaluate, [str(a) for a in args])
    return result.exit_code, result.output


def test_report_shows_scores_drafts_and_mismatches(
    gold_dir: Path, make_agreement: Callable, out_dir_writer: Callable,
) -> None:
    out = out_dir_writer([make_agreement(), _scan(make_agreement, district_ags="06533")])
    code, text = _run("--gold", gold_dir, "--pred", out)
    assert code == 0, text
    for expected in ("Scored 2 reviewed gold documents", "draft text/draft.txt", "dev: 1 document",
                     "test: 1 document", "pdf_ocr", "Mismatches (1)", "06533"):
        assert expected in text


def test_json_to_stdout_is_pure_json(
    gold_dir: Path, make_agreement: Callable, out_dir_writer: Callable,
) -> None:
    out = out_dir_writer([make_agreement()])
    result = CliRunner().invoke(evaluate, ["--gold", str(gold_dir), "--pred", str(out), "--json", "-"])
    data = json.loads(result.stdout)
    assert data["missing_predictions"] == ["pdf/b.pdf"]
    assert data["drafts_excluded"] == ["text/draft.txt"]
    assert data["splits"]["dev"]["fields"]["status"]["f1"] == 1.0
    assert data["splits"]["test"]["fields"]["status"]["fn"] == 1


def test_max_mismatches_limits_the_listing(
    gold_dir: Path, make_agreement: Callable, out_dir_writer: Callable,
) -> None:
    out = out_dir_writer([make_agreement(budget_year=2024, district_ags="06533")])
    code, text = _run("--gold", gold_dir, "--pred", out, "--split", "dev", "--max-mismatches", "1")
    assert "Mismatches (2; 1 more not shown" in text


def test_baseline_write_then_check_fails_on_a_drop(
    tmp_path: Path, gold_dir: Path, make_agreement: Callable, out_dir_writer: Callable,
) -> None:
    baseline = tmp_path / "baseline.json"
    good = out_dir_writer([make_agreement(), _scan(make_agreement)])
    assert _run("--gold", gold_dir, "--pred", good, "--write-baseline", baseline)[0] == 0
    assert json.loads(baseline.read_text())["f1"]["test"]["district_ags"] == 1.0
    assert _run("--gold", gold_dir, "--pred", good, "--check-baseline", baseline)[0] == 0

    worse = out_dir_writer([make_agreement(), _scan(make_agreement, district_ags="06533")],
                           fmt="parquet")
    code, text = _run("--gold", gold_dir, "--pred", worse, "--check-baseline", baseline)
    assert code == 1
    assert "test/district_ags: F1 0.0000 < baseline 1.0000" in text
    assert "dev/district_ags" not in text


def test_write_baseline_needs_all_splits(
    tmp_path: Path, gold_dir: Path, out_dir_writer: Callable, make_agreement: Callable,
) -> None:
    out = out_dir_writer([make_agreement()])
    code, text = _run("--gold", gold_dir, "--pred", out, "--split", "dev",
                      "--write-baseline", tmp_path / "b.json")
    assert code == 2
    assert "--split all" in text


# --- zv label ----------------------------------------------------------------------------------

@pytest.fixture
def label_corpus(tmp_path: Path, make_agreement: Callable, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "corpus"
    (root / "text").mkdir(parents=True)
    (root / DOC).write_text("Zielvereinbarung ...", encoding="utf-8")
    extracted = make_agreement(
        pages=[{"page": 1, "text": "Zielvereinbarung ..."}], warnings=["check"], extractor_version="0.1",
        evidence=[{"field": "budget_year", "value": "2025", "page": 1, "char_start": 17, "char_end": 21}],
        amounts=[{"label": "total", "amount_eur": "1421550.00", "page": 2, "char_start": 5, "char_end": 20},
                 {"label": "other", "amount_eur": "5.00"}],
        dates=[{"role": "other", "date": "2025-01-01"},
               {"role": "district_signature", "date": "2025-08-12", "char_start": 1, "char_end": 9}],
        sections=[{"number": 4, "title": "Haushaltsmittel", "text": "Das HMSI stellt ..."}],
    )
    import extract.pipeline

    monkeypatch.setattr(extract.pipeline, "process_file", lambda path, root=None: extracted)
    return root


def test_label_writes_a_stripped_draft(label_corpus: Path) -> None:
    result = CliRunner().invoke(label, [str(label_corpus / DOC), "--corpus-root", str(label_corpus)])
    assert result.exit_code == 0, result.output
    target = label_corpus / "gold" / "text__aqb_2025_test.txt.json"
    text = target.read_text(encoding="utf-8")
    draft = GoldLabel.model_validate_json(text)
    assert (draft.document, draft.split, draft.method, draft.reviewed, draft.notes) == (
        DOC, "dev", "hand", False, DRAFT_NOTE)
    e = draft.expected
    assert e.pages == [] and e.evidence == [] and e.warnings == [] and e.extractor_version is None
    assert [(a.label.value, a.char_start) for a in e.amounts] == [("total", None)]
    assert [(d.role.value, d.char_end) for d in e.dates] == [("district_signature", None)]
    assert e.sections[0].text is None
    assert '"ministry_acronym": null' in text  # empty slots stay visible for the reviewer
    assert '{"party": "ministry", "name": "Heike Hofmann"' in text  # one list item per line


def test_label_keeps_a_drafts_split_and_never_overwrites_a_reviewed_label(label_corpus: Path) -> None:
    args = [str(label_corpus / DOC), "--corpus-root", str(label_corpus)]
    target = label_corpus / "gold" / "text__aqb_2025_test.txt.json"
    assert CliRunner().invoke(label, [*args, "--split", "test"]).exit_code == 0
    assert CliRunner().invoke(label, args).exit_code == 0
    assert GoldLabel.model_validate_json(target.read_text()).split == "test"

    reviewed = GoldLabel.model_validate_json(target.read_text()).model_copy(update={"reviewed": True})
    target.write_text(reviewed.model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(label, args)
    assert result.exit_code == 1
    assert "reviewed gold label; not overwriting" in result.output
    assert GoldLabel.model_validate_json(target.read_text()).reviewed


def test_label_rejects_files_outside_the_corpus(label_corpus: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(label, [str(outside), "--corpus-root", str(label_corpus)])
    assert result.exit_code == 2
    assert "not inside the corpus root" in result.output


def test_a_batch_run_on_a_sub_folder_is_pointed_out(
    gold_dir: Path, make_agreement: Callable, out_dir_writer: Callable,
) -> None:
    out = out_dir_writer([make_agreement(source_file="aqb_2025_test.txt")])
    code, text = _run("--gold", gold_dir, "--pred", out)
    assert "looks like prediction 'aqb_2025_test.txt'" in " ".join(text.split())

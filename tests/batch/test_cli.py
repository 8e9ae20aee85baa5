"""``zv batch`` exit codes and output through click's CliRunner, with a fake extractor."""

from click.testing import CliRunner

from extract.cli.batch_cmd import batch

FAKE = ["--process", "tests.batch.fakes:fake_process", "-j", "2", "--timeout", "5", "--max-memory", "200"]


def invoke(*args: str):
    return CliRunner().invoke(batch, [*FAKE, *args], catch_exceptions=False)


def test_exit_0_when_nothing_failed(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("fine", encoding="utf-8")
    (tmp_path / "in" / "b.md").write_text("NOTAGREEMENT", encoding="utf-8")
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.stderr and "1 ok, 1 not_agreement" in result.stderr
    assert (tmp_path / "out" / "agreements.parquet").exists()


def test_exit_1_when_some_failed_and_tables_still_written(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("fine", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("FAIL", encoding="utf-8")
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 1
    assert result.stderr.startswith("zv batch: 1 of 2 documents failed")
    assert "b.txt" in (tmp_path / "out" / "manifest.csv").read_text(encoding="utf-8")


def test_verbose_lists_documents(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("fine", encoding="utf-8")
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-v", "--no-cache")
    assert result.exit_code == 0
    assert any(line.startswith("ok") and line.endswith("a.txt") for line in result.stderr.splitlines())
    assert not (tmp_path / "out" / ".zv-cache").exists()


def test_exit_2_on_usage_errors(tmp_path):
    assert invoke(str(tmp_path / "missing")).exit_code == 2
    assert invoke(str(tmp_path), "--timeout", "0").exit_code == 2
    assert invoke(str(tmp_path), "-q", "-v").exit_code == 2


def test_help_documents_exit_codes_and_an_example():
    text = CliRunner().invoke(batch, ["--help"]).output
    assert "Exit codes:" in text
    codes = text.split("Exit codes:")[1].split("Example:")[0]
    for code in ("0 ", "1 ", "2 ", "3 ", "4 ", "130 ", "143 ", "129 "):
        assert code in codes
    assert "zv batch corpus/ -o output/" in text

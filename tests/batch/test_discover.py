from pathlib import Path

from extract.batch.discover import discover, is_ignored, parse_ignore


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_candidates_are_recursive_sorted_posix_and_case_insensitive(tmp_path):
    touch(tmp_path, "b/Scan.PDF", "a.txt", "notes.md", "data.json", "b/c/deep.Txt", ".hidden.pdf", ".git/x.md")
    assert discover(tmp_path) == ["a.txt", "b/Scan.PDF", "b/c/deep.Txt", "notes.md"]


def test_zvignore_gitignore_style(tmp_path):
    touch(tmp_path, "gold/x.txt", "gold/sub/y.md", "README.md", "docs/README.md", "keep.txt",
          "drafts/a.pdf", "pdf/drafts.pdf", "top.txt", "sub/top.txt", "old/a.pdf", "old/keep.pdf")
    (tmp_path / ".zvignore").write_text(
        "# corpus helpers\n\ngold/**\nREADME.md\n*.json\ndrafts/\n/top.txt\nold/*.pdf\n!old/keep.pdf\n",
        encoding="utf-8",
    )
    assert discover(tmp_path) == ["keep.txt", "old/keep.pdf", "pdf/drafts.pdf", "sub/top.txt"]


def test_rules():
    rules = parse_ignore("**/tmp/*.txt\nscan?.pdf\n[ab].md\n")
    assert is_ignored("x/y/tmp/a.txt", rules) and is_ignored("tmp/a.txt", rules)
    assert not is_ignored("tmp/sub/a.txt", rules)
    assert is_ignored("dir/scan1.pdf", rules) and not is_ignored("scan12.pdf", rules)
    assert is_ignored("a.md", rules) and not is_ignored("c.md", rules)

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


# --- what discovery does with paths that are not plain files (issue 11) --------------------------

import os  # noqa: E402

import pytest  # noqa: E402

from extract.batch.discover import scan  # noqa: E402


def reasons(root: Path) -> dict[str, str]:
    return {s.name: s.reason for s in scan(root).skipped}


def test_special_files_are_skipped_with_their_kind_and_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.pdf")  # opening it would block for ever
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    touch(tmp_path, "good.txt")
    found = scan(tmp_path)
    assert [c.name for c in found.files] == ["good.txt"]
    why = reasons(tmp_path)
    assert "FIFO" in why["pipe.pdf"]
    assert "outside INPUT_DIR" in why["zero.txt"]


def test_symlinks_inside_are_followed_to_regular_files_only(tmp_path):
    touch(tmp_path, "real/a.txt", "real/b.md")
    (tmp_path / "link.txt").symlink_to("real/a.txt")
    (tmp_path / "folder_link").symlink_to("real", target_is_directory=True)
    (tmp_path / "dangling.pdf").symlink_to("nowhere.pdf")
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    found = scan(tmp_path)
    assert [(c.name, c.path.relative_to(tmp_path.resolve()).as_posix()) for c in found.files] == [
        ("link.txt", "real/a.txt"), ("real/a.txt", "real/a.txt"), ("real/b.md", "real/b.md")]
    why = reasons(tmp_path)
    assert set(why) == {"folder_link", "dangling.pdf", "passwd.txt"}
    assert "folder" in why["folder_link"] and "broken" in why["dangling.pdf"]
    assert "outside INPUT_DIR" in why["passwd.txt"] and "/etc/passwd" in why["passwd.txt"]


def test_unsupported_types_are_listed_but_ignored_and_hidden_ones_are_not(tmp_path):
    touch(tmp_path, "a.docx", "b", "c.json", ".hidden.docx", "d.txt")
    (tmp_path / ".zvignore").write_text("*.json\n", encoding="utf-8")
    why = reasons(tmp_path)
    assert set(why) == {"a.docx", "b"}
    assert "unsupported file type .docx" in why["a.docx"] and "(no extension)" in why["b"]


def test_an_unreadable_folder_is_reported_not_passed_over(tmp_path, monkeypatch):
    touch(tmp_path, "ok/a.txt", "locked/b.txt")
    real_scandir = os.scandir
    locked = str(tmp_path.resolve() / "locked")

    def scandir(path):  # root may read any folder, so the refusal is simulated
        if str(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = scan(tmp_path)
    assert [c.name for c in found.files] == ["ok/a.txt"]
    assert reasons(tmp_path) == {"locked": "cannot read folder: Permission denied"}


def test_names_that_are_not_utf8_get_a_printable_display_name(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9 \xfc.txt"
    with open(raw, "wb") as f:
        f.write(b"x")
    found = scan(tmp_path)
    assert [c.name for c in found.files] == ["caf\\xe9 \\xfc.txt"]
    assert found.files[0].path.read_bytes() == b"x"  # the real name is kept for opening
    found.files[0].name.encode("utf-8")  # the tables can hold it


@pytest.mark.parametrize("mode", ["file", "fifo"])
def test_file_sha256_refuses_what_is_not_a_regular_file_or_too_big(tmp_path, mode):
    from extract.ingest.identity import UnreadableFile, file_sha256

    path = tmp_path / "x.pdf"
    if mode == "fifo":
        os.mkfifo(path)
        with pytest.raises(UnreadableFile, match="FIFO"):
            file_sha256(path)
    else:
        path.write_bytes(b"a" * 2048)
        with pytest.raises(UnreadableFile, match="too large"):
            file_sha256(path, max_bytes=1024)
        assert len(file_sha256(path)) == 64
    with pytest.raises(UnreadableFile, match="character device"):
        file_sha256(Path("/dev/zero"))


# --- .zvignore without backtracking, bad patterns are usage errors (issue 11) ---------------------

import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from extract.batch.ignore import IgnoreSyntaxError, read_ignore  # noqa: E402


def test_a_backtracking_pattern_is_matched_in_linear_time():
    rules = parse_ignore("*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n**/x/**/y/**/z\n")
    name = "a" * 5000 + ".pdf"  # `re` and fnmatch take exponential time on this
    started = time.process_time()
    assert not is_ignored(name, rules)
    assert not is_ignored("x/" * 300 + "q", rules)
    assert time.process_time() - started < 5  # generous: linear time is milliseconds, backtracking never ends
    assert is_ignored("a" * 13 + "b", rules) and is_ignored("x/1/y/2/z", rules) and is_ignored("x/y/z", rules)


@pytest.mark.parametrize(("glob", "path", "expected"), [
    ("*.pdf", "a.pdf", True), ("*.pdf", "sub/a.pdf", True), ("*.pdf", "a.pdf/b", False),
    ("/a.pdf", "sub/a.pdf", False), ("a/*.pdf", "a/b.pdf", True), ("a/*.pdf", "a/b/c.pdf", False),
    ("a/**/c.pdf", "a/c.pdf", True), ("a/**/c.pdf", "a/b/b/c.pdf", True), ("a/**", "a/b/c", True),
    ("**/c.pdf", "c.pdf", True), ("**/c.pdf", "xc.pdf", False), ("scan?.pdf", "scan1.pdf", True),
    ("scan?.pdf", "scan/.pdf", False), ("[!a-c]*.md", "d.md", True), ("[!a-c]*.md", "b.md", False),
    ("[^a-c]*.md", "b.md", False), ("[]x].md", "].md", True), ("[a-]x", "-x", True),
    ("\\*.pdf", "*.pdf", True), ("\\*.pdf", "a.pdf", False), ("ä*.txt", "äpfel.txt", True),
    ("*", "anything/deep", True), ("a*b*c", "abxbc", True), ("a*b*c", "abxb", False),
])
def test_glob_table(glob, path, expected):
    assert is_ignored(path, parse_ignore(glob)) is expected


@pytest.mark.parametrize(("line", "reason"), [
    ("[z-a].pdf", "range z-a is reversed"), ("scan[12.pdf", "never closed"), ("[", "never closed"),
])
def test_bad_patterns_are_usage_errors_with_the_line(tmp_path, line, reason):
    (tmp_path / ".zvignore").write_text(f"# fine\n*.json\n{line}\n", encoding="utf-8")
    with pytest.raises(IgnoreSyntaxError, match=f"line 3: .*{reason}"):
        read_ignore(tmp_path)


def test_a_zvignore_that_is_not_utf8_is_a_usage_error(tmp_path):
    (tmp_path / ".zvignore").write_bytes(b"*.json\nEntw\xfcrfe/\n")
    with pytest.raises(IgnoreSyntaxError, match="not UTF-8: byte 0xfc on line 2"):
        read_ignore(tmp_path)


def test_zv_batch_with_a_bad_zvignore_exits_2_without_a_traceback(tmp_path):
    touch(tmp_path / "in", "a.txt")
    (tmp_path / "in" / ".zvignore").write_text("[z-a]\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "extract.cli", "batch", str(tmp_path / "in"), "-o",
                             str(tmp_path / "out"), "-q"], env={**os.environ, "PYTHONPATH": str(root)},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "range z-a is reversed" in result.stderr and "Traceback" not in result.stderr


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _reference_regex(glob: str) -> str:
    """What the automaton must agree with: the straightforward (backtracking) regex translation."""
    import re

    out, i = ["^(?:.*/)?" if "/" not in glob else "^"], 0
    glob = glob.lstrip("/")
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out) + "$"


@settings(max_examples=300, deadline=None)
@given(glob=st.text(alphabet="ab*?/", min_size=1, max_size=8).filter(lambda g: g.strip("/")),
       path=st.text(alphabet="ab/", max_size=10))
def test_the_automaton_agrees_with_the_regex_translation(glob, path):
    import re

    expected = re.match(_reference_regex(glob.rstrip("/")), path) is not None
    assert is_ignored(path, parse_ignore(glob.rstrip("/"))) is expected

"""Show an evaluation to an analyst (rich tables) or to a program (JSON-ready dict)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from extract.evaluate.fields import FIELD_NAMES
from extract.evaluate.metrics import Counts, Evaluation, SliceMetrics

_DASH = "–"


def _num(value: float | None) -> str:
    return _DASH if value is None else f"{value:.3f}"


def _f1_cell(value: float | None) -> str:
    if value is None:
        return _DASH
    colour = "green" if value >= 0.95 else "yellow" if value >= 0.8 else "red"
    return f"[{colour}]{value:.3f}[/{colour}]"


def _field_names(slices: Sequence[SliceMetrics]) -> list[str]:
    """Fields scored in any slice, in the canonical order."""
    return [k for k in FIELD_NAMES if any(k in s.fields for s in slices)]


def split_table(s: SliceMetrics) -> Table:
    """One split: fields down, P/R/F1/EM and the raw counts across (counts make small n visible)."""
    table = Table(title=f"{s.name}: {s.documents} document(s)", header_style="bold", title_justify="left")
    table.add_column("field")
    for head in ("P", "R", "F1", "EM", "TP", "FP", "FN", "docs"):
        table.add_column(head, justify="right")
    for name, c in s.fields.items():
        table.add_row(name, _num(c.precision), _num(c.recall), _f1_cell(c.f1), _num(c.exact_rate),
                      str(c.tp), str(c.fp), str(c.fn), str(c.docs))
    return table


def group_table(ev: Evaluation) -> Table:
    slices = list(ev.groups.values())
    table = Table(title="By source kind (all selected splits)", header_style="bold",
                  title_justify="left")
    table.add_column("field")
    for s in slices:
        table.add_column(f"{s.name}\nF1", justify="right")
        table.add_column(f"n={s.documents}\nEM", justify="right")
    for name in _field_names(slices):
        row = [name]
        for s in slices:
            c = s.fields.get(name, Counts())
            row += [_f1_cell(c.f1), _num(c.exact_rate)]
        table.add_row(*row)
    return table


def fuzzy_table(ev: Evaluation) -> Table:
    slices = [*ev.splits.values(), *ev.groups.values()]
    table = Table(title="Name similarity 0-100", caption="best pairing; an unmatched item scores 0",
                  header_style="bold", title_justify="left")
    table.add_column("field")
    for s in slices:
        table.add_column(s.name, justify="right")
    for name in sorted({k for s in slices for k in s.fuzzy}):
        cells = []
        for s in slices:
            mean = s.fuzzy[name].mean if name in s.fuzzy else None
            cells.append(_DASH if mean is None else f"{mean:.1f}")
        table.add_row(name, *cells)
    return table


def mismatch_tables(ev: Evaluation, limit: int) -> tuple[str, list[Table]]:
    """One small table per document, so the document name is printed once, not on every row."""
    rows = ev.mismatches
    shown = rows[:limit]
    more = f"; {len(rows) - len(shown)} more not shown (raise --max-mismatches or use --json)" \
        if len(rows) > len(shown) else ""
    none = f"[dim]{_DASH}[/dim]"
    tables: list[Table] = []
    for m in shown:
        if not tables or tables[-1].title != m.document:
            table = Table(title=m.document, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                          header_style="dim")
            for head, ratio in (("field", 2), ("expected", 3), ("got", 3)):
                table.add_column(head, overflow="fold", ratio=ratio)
            table.add_column("page", justify="right", min_width=4)
            tables.append(table)
        page = _DASH if m.page is None else str(m.page)
        tables[-1].add_row(m.field, m.expected or none, m.got or none, page)
    return f"[bold]Mismatches ({len(rows)}{more})[/bold]", tables


def folder_hint(missing: Sequence[str], unlabelled: Sequence[str]) -> str | None:
    """Spot a batch run on a sub-folder: gold 'hand/x.txt' unmatched while 'x.txt' was predicted."""
    for doc in missing:
        match = next((p for p in unlabelled if doc.endswith("/" + p) or p.endswith("/" + doc)), None)
        if match:
            return (f"Gold '{doc}' looks like prediction '{match}': source_file paths must be relative to "
                    "the corpus root, so run `zv batch` on the folder that holds gold/.")
    return None


def render(ev: Evaluation, console: Console, max_mismatches: int, problems: Sequence[str] = ()) -> None:
    """The whole report: what was scored, the score tables, then every mismatch (up to a limit)."""
    counts = ", ".join(f"{s.name} {s.documents}" for s in ev.splits.values() if s.name != "all")
    console.print(f"[bold]Scored {len(ev.documents)} reviewed gold documents[/bold] ({counts}).")
    if ev.drafts:
        console.print(f"[yellow]Left out {len(ev.drafts)} draft gold file(s) (reviewed: false) — "
                      f"check and set reviewed true to count them:[/yellow]")
        for d in ev.drafts:
            console.print(f"  [yellow]draft[/yellow] {d}")
    if ev.missing:
        console.print(f"[red]{len(ev.missing)} gold document(s) have no prediction in the output folder"
                      "[/red] "
                      "(scored as empty).")
    if ev.unlabelled:
        console.print(f"[dim]{len(ev.unlabelled)} predicted file(s) have no gold label (not scored).[/dim]")
    hint = folder_hint(ev.missing, ev.unlabelled)
    if hint:
        console.print(f"[yellow]{hint}[/yellow]")
    for p in problems:
        console.print(f"[yellow]output folder:[/yellow] {p}")
    if not ev.documents:
        console.print("[red]Nothing to score.[/red]")
        return
    for s in ev.splits.values():
        console.print(split_table(s))
    console.print("[dim]P/R/F1 micro-averaged over values; EM = share of documents where the field is "
                  "exactly right (both empty counts); docs = documents whose gold provides the field.[/dim]")
    console.print(group_table(ev))
    if any(s.fuzzy for s in ev.splits.values()):
        console.print(fuzzy_table(ev))
    if ev.mismatches and max_mismatches > 0:
        heading, tables = mismatch_tables(ev, max_mismatches)
        console.print(heading)
        for table in tables:
            console.print(table)
    elif not ev.mismatches:
        console.print("[green]No mismatches.[/green]")


def _slice_json(s: SliceMetrics) -> dict[str, Any]:
    return {
        "documents": s.documents,
        "fields": {k: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": c.precision, "recall": c.recall,
                       "f1": c.f1, "exact": c.exact_rate, "documents": c.docs} for k, c in s.fields.items()},
        "fuzzy": {k: f.mean for k, f in s.fuzzy.items()},
    }


def to_json(ev: Evaluation, problems: Sequence[str] = ()) -> dict[str, Any]:
    return {
        "splits": {k: _slice_json(s) for k, s in ev.splits.items()},
        "source_kinds": {k: _slice_json(s) for k, s in ev.groups.items()},
        "mismatches": [{"document": m.document, "field": m.field, "expected": m.expected, "got": m.got,
                        "page": m.page} for m in ev.mismatches],
        "drafts_excluded": ev.drafts,
        "missing_predictions": ev.missing,
        "unlabelled_predictions": ev.unlabelled,
        "load_problems": list(problems),
    }

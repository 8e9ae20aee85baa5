"""`zv evaluate`: score a `zv batch` output folder against the gold labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from extract.evaluate import baseline
from extract.evaluate.load import load_gold, load_predictions
from extract.evaluate.metrics import evaluate as run_evaluation
from extract.evaluate.report import render, to_json

_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


@click.command("evaluate")
@click.option("--gold", "gold_dir", type=_DIR, default=Path("corpus/gold"), show_default=True,
              help="Folder of gold label JSON files.")
@click.option("--pred", "pred_dir", type=_DIR, required=True, help="Output folder of `zv batch`.")
@click.option("--json", "json_out", metavar="FILE|-", help="Also write the metrics and mismatches as JSON "
              "('-' = stdout; the tables then go to stderr).")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="Score only this split ('all' reports dev, test and both together).")
@click.option("--max-mismatches", type=click.IntRange(min=0), default=50, show_default=True,
              help="How many mismatch lines to print (JSON always has all).")
@click.option("--check-baseline", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Exit 1 if any field's F1 fell below this committed baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the current F1s (rounded down) as the new baseline; needs --split all.")
def evaluate(
    gold_dir: Path, pred_dir: Path, json_out: str | None, split: str, max_mismatches: int,
    check_baseline: Path | None, write_baseline: Path | None,
) -> None:
    """Score extracted tables against the gold labels: P/R/F1 and exact match per field.

    Gold files with reviewed=false (drafts from `zv label`) are listed and left out.

    \b
    Example:
      zv batch corpus -o output/
      zv evaluate --gold corpus/gold --pred output/ --max-mismatches 20
      zv evaluate --pred output/ --check-baseline corpus/baseline.json
    """
    if check_baseline and write_baseline:
        raise click.UsageError("use --check-baseline or --write-baseline, not both")
    if write_baseline and split != "all":
        raise click.UsageError("--write-baseline needs --split all, so that every split gets a floor")
    try:
        golds = load_gold(gold_dir)
    except ValueError as e:
        raise click.ClickException(str(e)) from e
    if not golds:
        raise click.ClickException(f"no gold files (*.json) in {gold_dir}")
    predictions = load_predictions(pred_dir)
    if not predictions.by_source:  # scoring nothing would report F1 0 (or stale tables) as if it meant something
        why = "; ".join(predictions.problems[:3]) or "the tables hold no rows"
        raise click.UsageError(f"no predictions to score in {pred_dir} ({why}); run `zv batch` first")
    ev = run_evaluation(golds, predictions.by_source, split=split)  # type: ignore[arg-type]

    console = Console(stderr=json_out == "-")
    render(ev, console, max_mismatches, predictions.problems)
    if json_out:
        text = json.dumps(to_json(ev, predictions.problems), indent=2, ensure_ascii=False)
        if json_out == "-":
            sys.stdout.write(text + "\n")
        else:
            Path(json_out).write_text(text + "\n", encoding="utf-8")
            console.print(f"JSON written to {json_out}")

    if write_baseline:
        baseline.write_baseline(write_baseline, baseline.baseline_from(ev))
        console.print(f"Baseline written to {write_baseline} — commit it to raise the floor.")
    if check_baseline:
        try:
            drops = baseline.check_baseline(ev, baseline.read_baseline(check_baseline))
        except (ValueError, AttributeError) as e:
            raise click.ClickException(f"{check_baseline}: not a baseline file ({e})") from e
        if drops:
            console.print(f"[red bold]F1 fell below the baseline {check_baseline} for {len(drops)} "
                          "field(s):[/red bold]")
            for d in drops:
                console.print(f"  [red]{d}[/red]")
            sys.exit(1)
        console.print(f"[green]No field fell below the baseline {check_baseline}.[/green]")

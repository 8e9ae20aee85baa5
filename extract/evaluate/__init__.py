"""Score the extractor against the hand-checked gold labels in corpus/gold.

load (gold dir, output folder -> models) -> metrics (per document, then per split and source
kind) -> report (terminal tables, JSON) and baseline (the committed F1 floor CI checks).
"""

from extract.evaluate.load import load_gold, load_predictions
from extract.evaluate.metrics import Evaluation, evaluate

__all__ = ["Evaluation", "evaluate", "load_gold", "load_predictions"]

"""Gold labels: a person's reading of one corpus file, in the same shape as the extractor's output.

A gold file holds only what a person checked; lists such as amounts keep just the labels that
matter for evaluation (total and per-category amounts) and need no character offsets.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.agreement import Agreement


class GoldLabel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: str = Field(description="path of the labelled file, relative to corpus/", examples=["text/aqb_2025_lahn-dill-kreis.txt"])
    split: Literal["dev", "test"] = Field(description="dev: rules may be tuned on it; test: held back")
    method: Literal["hand", "generator"] = Field(
        description="hand: written by reading the document; generator: from the generator's input data"
    )
    reviewed: bool = Field(description="false for a draft written by `zv label` and not yet checked by a person")
    notes: str | None = None
    expected: Agreement

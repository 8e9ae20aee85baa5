"""The data contract: one extracted agreement and everything traced back to its pages.

Every output table is a flattening of these models (see ``schemas.tables``), and the gold
labels in ``corpus/gold`` are validated by them too, so a field added here shows up in the
tables, the JSON output, the JSON Schema and the gold format at once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

# Euros are always Decimal with exactly two places; JSON carries them as strings so that
# no float rounding ever touches a budget figure.
Euro = Annotated[
    Decimal,
    Field(max_digits=15, decimal_places=2),
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str, when_used="json"),
]


class Status(StrEnum):
    ok = "ok"
    partial = "partial"
    not_agreement = "not_agreement"
    failed = "failed"
    skipped = "skipped"  # manifest only: a path under INPUT_DIR that was not read (see batch.discover)


class SourceKind(StrEnum):
    pdf_text = "pdf_text"
    pdf_ocr = "pdf_ocr"
    text = "text"


class PartyRole(StrEnum):
    ministry = "ministry"
    district = "district"


class DistrictType(StrEnum):
    landkreis = "landkreis"
    kreisfreie_stadt = "kreisfreie_stadt"


class AmountLabel(StrEnum):
    total = "total"
    category = "category"
    project = "project"
    other = "other"


class DateRole(StrEnum):
    ministry_signature = "ministry_signature"
    district_signature = "district_signature"
    other = "other"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Span(_Model):
    """Where a value was read: 1-based page and character offsets into that page's cleaned text."""

    page: int | None = Field(None, description="1-based page number", examples=[4])
    char_start: int | None = Field(None, description="offset of the first character in the page text")
    char_end: int | None = Field(None, description="offset one past the last character")


class Signatory(_Model):
    party: PartyRole = Field(description="which side signed", examples=["district"])
    name: str | None = Field(None, description="person as printed", examples=["Stephan Aurand"])
    title: str | None = Field(None, description="office as printed", examples=["Kreisbeigeordneter"])
    place: str | None = Field(None, description="place of signing", examples=["Wetzlar"])
    date: dt.date | None = Field(None, description="date of signing; null when not printed")
    page: int | None = Field(None, description="page of the signature block", examples=[4])
    char_start: int | None = Field(None, description="where the signatory's name (else the block) starts on that page")
    char_end: int | None = Field(None, description="where it ends (exclusive), in the page text of pages")


class Section(_Model):
    number: int | None = Field(None, description="§ number; null for the preamble and for annexes after the signatures",
                               examples=[4])
    title: str | None = Field(None, description="heading as printed", examples=["Haushaltsmittel und Eckdaten"])
    page_start: int | None = Field(None, description="page where the section starts")
    page_end: int | None = Field(None, description="page where the section ends")
    text: str | None = Field(None, description="body text (cleaned, headers/footers removed)")


class Measure(_Model):
    category_number: int = Field(description="measure category 1-4 (§ 5)", ge=1, le=4, examples=[3])
    category_name: str | None = Field(
        None, description="canonical category name", examples=["Qualifizierung zur Arbeitsmarktintegration und Fachkräftesicherung"]
    )
    category_label: str | None = Field(None, description="category heading as printed")
    position: int = Field(description="1-based order of the project within its category", ge=1, examples=[1])
    project_name: str = Field(description="project as printed, without the (TZ) marker", examples=["Jump in"])
    part_time: bool = Field(False, description="project marked (TZ), ', TZ', (Teilzeit) ...: part-time training")
    provider: str | None = Field(None, description="provider (Träger) printed with the project", examples=["Bildungswerk e. V."])
    participants: int | None = Field(None, description="participants or places printed with the project ('15 TN')",
                                     examples=[15])
    duration: str | None = Field(None, description="duration printed with the project, as printed", examples=["12 Monate"])
    amount_eur: Euro | None = Field(None, description="per-project amount where printed")
    page: int | None = Field(None, description="page the project line is on")
    char_start: int | None = Field(None, description="where the project's line starts in that page's text")
    char_end: int | None = Field(None, description="where it ends (exclusive), in the page text of pages")


class AmountMention(_Model):
    section_number: int | None = Field(None, description="§ the amount stands in; null outside any §")
    label: AmountLabel = Field(description="total | category | project | other")
    category_number: int | None = Field(None, description="measure category for label=category/project")
    amount_eur: Euro = Field(description="normalised amount in euros", examples=["1421550.00"])
    raw: str | None = Field(None, description="text as printed", examples=["1.421.550 Euro"])
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None


class DateMention(_Model):
    section_number: int | None = Field(None, description="§ the date stands in; null outside any §")
    role: DateRole = Field(description="ministry_signature | district_signature | other")
    date: dt.date = Field(description="ISO date")
    raw: str | None = Field(None, description="text as printed", examples=["2.8.2025"])
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None


class Evidence(_Model):
    field: str = Field(description="agreement-level field name", examples=["total_amount_eur"])
    value: str | None = Field(None, description="the field's value as text")
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    snippet: str | None = Field(None, description="the printed text around the value")
    rule: str | None = Field(None, description="how the reader found the value", examples=["first year in the title block"])


class Page(_Model):
    page: int = Field(description="1-based page number")
    text: str = Field(description="cleaned page text; all char offsets refer to it")


class Agreement(_Model):
    """One input file's result. For non-agreements and failures most fields stay null."""

    agreement_id: str | None = Field(
        None, description="stable id: aqb-<year>-<ags>, or doc-<sha12> when district or year is unknown",
        examples=["aqb-2025-06532"],
    )
    source_file: str | None = Field(None, description="path relative to the input folder")
    source_sha256: str | None = Field(None, description="SHA-256 of the file's bytes")
    source_kind: SourceKind | None = Field(None, description="pdf_text | pdf_ocr | text")
    page_count: int | None = Field(None, description="pages in the source")
    program_code: str | None = Field(None, description="programme code", examples=["AQB"])
    program_name: str | None = Field(
        None, description="programme name", examples=["Ausbildungs- und Qualifizierungsbudget"]
    )
    budget_year: int | None = Field(None, description="budget year the agreement covers", examples=[2025])
    ministry_id: str | None = Field(None, description="canonical ministry id across renamings", examples=["HMSI"])
    ministry_name: str | None = Field(
        None, description="ministry name in the nominative, as in force for the document",
        examples=["Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"],
    )
    ministry_acronym: str | None = Field(None, description="acronym used in the text", examples=["HMSI"])
    district_name: str | None = Field(None, description="canonical district name", examples=["Lahn-Dill-Kreis"])
    district_ags: str | None = Field(
        None, description="5-digit AGS Kreisschlüssel (string, keeps the leading 0)", examples=["06532"]
    )
    district_type: DistrictType | None = Field(None, description="landkreis | kreisfreie_stadt")
    district_regierungsbezirk: str | None = Field(None, description="Darmstadt | Gießen | Kassel")
    approving_authority: str | None = Field(
        None, description="authority issuing the grant decision", examples=["Regierungspräsidium Kassel"]
    )
    total_amount_eur: Euro | None = Field(None, description="total budget granted in § 4")
    ministry_sign_place: str | None = None
    ministry_sign_date: dt.date | None = None
    district_sign_place: str | None = None
    district_sign_date: dt.date | None = None
    duplicate_of: str | None = Field(
        None, description="set when another input file holds the same agreement: that file's agreement_id "
        "(filter on duplicate_of IS NULL to count each agreement once)",
    )
    status: Status = Field(Status.ok, description="ok | partial | not_agreement | failed")
    message: str | None = Field(None, description="why the status is not ok (specific, human-readable)")
    warnings: list[str] = Field(default_factory=list, description="cross-check findings")
    extractor_version: str | None = None

    signatories: list[Signatory] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    amounts: list[AmountMention] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    pages: list[Page] = Field(default_factory=list)

    def signatory(self, party: PartyRole) -> Signatory | None:
        return next((s for s in self.signatories if s.party == party), None)

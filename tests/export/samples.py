"""A small but complete Agreement (modelled on the Lahn-Dill-Kreis 2025 seed) for export tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from schemas import (
    Agreement,
    AmountLabel,
    AmountMention,
    DateMention,
    DateRole,
    Evidence,
    Measure,
    Page,
    PartyRole,
    Section,
    Signatory,
    SourceKind,
    Status,
)


def lahn_dill() -> Agreement:
    return Agreement(
        agreement_id="aqb-2025-06532",
        source_file="text/zielvereinbarung_aqb_2025_lahn-dill-kreis.txt",
        source_sha256="ab" * 32,
        source_kind=SourceKind.text,
        page_count=1,
        program_code="AQB",
        budget_year=2025,
        ministry_id="HMSI",
        district_name="Lahn-Dill-Kreis",
        district_ags="06532",
        total_amount_eur=Decimal("1421550.00"),
        ministry_sign_date=dt.date(2025, 8, 2),
        district_sign_place="Wetzlar",
        status=Status.partial,
        message="one category amount missing",
        warnings=["category sum 1.00 differs from total", "no approving authority"],
        extractor_version="0.1.0",
        signatories=[
            Signatory(party=PartyRole.ministry, name="Heike Hofmann", date=dt.date(2025, 8, 2), page=1),
            Signatory(party=PartyRole.district, name="Stephan Aurand", page=1),
        ],
        sections=[Section(number=None, title="Präambel", page_start=1), Section(number=1, title="Ziele")],
        measures=[
            Measure(category_number=3, position=2, project_name="Zwei", amount_eur=Decimal("10.5")),
            Measure(category_number=1, position=1, project_name="Jump in", part_time=True),
            Measure(category_number=3, position=1, project_name="Eins", page=1),
        ],
        amounts=[
            AmountMention(label=AmountLabel.other, amount_eur=Decimal(1), page=None),
            AmountMention(label=AmountLabel.total, amount_eur=Decimal(1421550), raw="1.421.550 Euro",
                          page=1, char_start=120, char_end=134),
            AmountMention(label=AmountLabel.category, category_number=1, amount_eur=Decimal("5.25"),
                          page=1, char_start=10, char_end=20),
        ],
        dates=[DateMention(role=DateRole.ministry_signature, date=dt.date(2025, 8, 2), raw="2.8.2025", page=1)],
        evidence=[Evidence(field="total_amount_eur", value="1421550.00", page=1, snippet='in Höhe von "1|2"')],
        pages=[Page(page=1, text="Zielvereinbarung\nzwischen, \"dem\" Land")],
    )


def failed_without_id() -> Agreement:
    return Agreement(
        source_file="pdf/broken.pdf", source_sha256="cd" * 32, status=Status.failed,
        message="not a PDF: file starts with b'<html'",
    )

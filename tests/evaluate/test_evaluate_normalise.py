import pytest

from extract.evaluate.normalise import norm_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("„Bündnis für Ausbildung“", 'Bündnis für Ausbildung'),
        ('Fachtag „Übergänge gestalten“', 'Fachtag "Übergänge gestalten"'),
        ("‚x‘ ’y’ 'z' «w»", '"x" "y" "z" "w"'),
        ("EQ+ – plus — Deutsch‐förderung − 1", "EQ+ - plus - Deutsch-förderung - 1"),
        ("  Jump \t\n in  ", "Jump in"),
        ("Jump\u00a0in", "Jump in"),
        ("Aus\u00adbildung", "Ausbildung"),
        ("ﬁnanziert", "finanziert"),
        ("", ""),
    ],
)
def test_norm_text_unifies_typography(raw: str, expected: str) -> None:
    assert norm_text(raw) == expected


def test_casefold_is_optional() -> None:
    assert norm_text("Jump IN") == "Jump IN"
    assert norm_text("Jump IN", casefold=True) == "jump in"
    assert norm_text("STRASSE", casefold=True) == norm_text("Straße", casefold=True)


def test_none_stays_none() -> None:
    assert norm_text(None) is None

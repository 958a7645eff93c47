import pytest

from ilot.core.identifiers import iban_valid, luhn_valid, siren_valid, siret_valid


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("552120222", True),  # Société Générale's published SIREN
        ("552 120 222", True),
        ("552120223", False),
        ("12345678", False),
        ("abcdefghi", False),
        ("", False),
    ],
)
def test_siren_luhn(value: str, expected: bool) -> None:
    assert siren_valid(value) is expected


def test_siret_and_la_poste_exception() -> None:
    assert siret_valid("55212022200013")
    assert not siret_valid("55212022200014")
    assert siret_valid("35600000000051")  # La Poste: digit sum multiple of 5
    assert luhn_valid("79927398713")


@pytest.mark.parametrize(
    ("iban", "expected"),
    [
        ("FR76 3000 6000 0112 3456 7890 189", True),
        ("FR76 3000 6000 0112 3456 7890 188", False),
        ("GB82 WEST 1234 5698 7654 32", True),
        ("FR7", False),
    ],
)
def test_iban_mod97(iban: str, expected: bool) -> None:
    assert iban_valid(iban) is expected

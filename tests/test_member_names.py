"""Country names as the world writes them resolve to the right Member, aggregate or non-Member.

The expected answer always comes from outside the resolver: the ISO alpha-3 code of the row of
the project's ``country-codes.csv`` (or of the spelling's known economy), joined to the sample
``members.csv``; aggregates from the committed World Bank register. The resolver is built from
the sample registers exactly as intake builds it. Fast: no warehouse, no dbt.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingestion.findings import CRITICAL, WARNING
from ingestion.registers.reader import read_registers, seed_reference
from ingestion.statistics.assessment import StatisticsContext, assess_statistics
from ingestion.statistics.members import (
    AGGREGATE,
    MEMBER,
    NON_MEMBER,
    OUT_OF_PERIOD,
    SEVERAL_MEMBERS,
    MemberResolver,
    Resolution,
)
from ingestion.statistics.world_names import COUNTRY_CODES, WORLD_BANK_AGGREGATES

SAMPLES = Path(__file__).parents[1] / "demo" / "samples" / "reference"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


MEMBER_CODES = {row["member_code"] for row in _rows(SAMPLES / "members.csv")}
COUNTRIES = _rows(COUNTRY_CODES)


def expected(alpha3: str) -> Resolution:
    """The answer from the Member register alone."""
    return Resolution(MEMBER, alpha3) if alpha3 in MEMBER_CODES else Resolution(NON_MEMBER)


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> StatisticsContext:
    folder = tmp_path_factory.mktemp("reference")
    seed_reference(folder)
    return StatisticsContext.from_frames(read_registers(folder))


@pytest.fixture(scope="module")
def resolver(context: StatisticsContext) -> MemberResolver:
    return context.resolver


def test_the_copy_of_country_codes_is_the_shared_one():
    """The project's copy must stay the public-domain file it says it is (249 rows, all ISO3)."""
    assert len(COUNTRIES) == 249
    assert all(len(row["ISO3166-1-Alpha-3"]) == 3 for row in COUNTRIES)


@pytest.mark.parametrize(
    "column",
    [
        "ISO3166-1-Alpha-3",
        "ISO3166-1-Alpha-2",
        "ISO3166-1-numeric",
        "UNTERM English Short",
        "UNTERM English Formal",
        "official_name_en",
        "CLDR display name",
    ],
)
def test_every_iso_code_and_english_name_of_country_codes_resolves(resolver, column):
    wrong = []
    for row in COUNTRIES:
        written = row[column].strip()
        if not written:
            continue  # 54 rows have no UNTERM short name
        want, got = expected(row["ISO3166-1-Alpha-3"]), resolver.resolve(written)
        if (got.status, got.member_code) != (want.status, want.member_code):
            wrong.append(f"{written!r}: {got.status} {got.member_code}, expected {want}")
    assert not wrong, wrong


# World Bank, WITS and UN Comtrade spellings, with the economy each stands for.
WORLD_BANK_SPELLINGS = [
    ("United States", "USA"),
    ("Micronesia, Fed. Sts.", "FSM"),
    ("East Timor", "TLS"),
    ("Occ.Pal.Terr", "PSE"),
    ("West Bank and Gaza", "PSE"),
    ("Korea, Rep.", "KOR"),
    ("Korea, Dem. People's Rep.", "PRK"),
    ("Egypt, Arab Rep.", "EGY"),
    ("Iran, Islamic Rep.", "IRN"),
    ("Venezuela, RB", "VEN"),
    ("Yemen, Rep.", "YEM"),
    ("Congo, Dem. Rep.", "COD"),
    ("Congo, Rep.", "COG"),
    ("Gambia, The", "GMB"),
    ("Bahamas, The", "BHS"),
    ("Hong Kong SAR, China", "HKG"),
    ("Macao SAR, China", "MAC"),
    ("Lao PDR", "LAO"),
    ("Kyrgyz Republic", "KGZ"),
    ("Slovak Republic", "SVK"),
    ("St. Lucia", "LCA"),
    ("St. Vincent and the Grenadines", "VCT"),
    ("St. Kitts and Nevis", "KNA"),
    ("St. Martin (French part)", "MAF"),
    ("Sint Maarten (Dutch part)", "SXM"),
    ("Virgin Islands (U.S.)", "VIR"),
    ("Turkiye", "TUR"),
    ("Cote d'Ivoire", "CIV"),
    ("Curacao", "CUW"),
    ("Cabo Verde", "CPV"),
    ("Czechia", "CZE"),
    ("Eswatini", "SWZ"),
    ("Viet Nam", "VNM"),
    ("Somalia, Fed. Rep.", "SOM"),
    ("Kosovo", "XKX"),
    ("Kiribati", "KIR"),
    ("Puerto Rico", "PRI"),
    ("Monaco", "MCO"),
    ("Etats-Unis", "USA"),
    ("Côte d’Ivoire", "CIV"),
]


@pytest.mark.parametrize(("written", "alpha3"), WORLD_BANK_SPELLINGS)
def test_world_bank_spellings_resolve(resolver, written, alpha3):
    got = resolver.resolve(written)
    want = expected(alpha3)
    assert (got.status, got.member_code) == (want.status, want.member_code)


def test_every_world_bank_aggregate_is_an_aggregate_by_code_and_name(resolver):
    member_names = {
        name
        for row in _rows(SAMPLES / "members.csv")
        for name in (row["name_en"].casefold(), row["name_fr"].casefold())
    }
    wrong = []
    for row in _rows(WORLD_BANK_AGGREGATES):
        for written in (row["code"], row["name"]):
            if not written or written.casefold() in member_names:
                continue  # "European Union" is the Member EUN; its code EUU is the aggregate
            if resolver.resolve(written).status != AGGREGATE:
                wrong.append(f"{written!r}: {resolver.resolve(written)}")
    assert not wrong, wrong
    assert resolver.resolve("EUU").status == AGGREGATE
    assert resolver.resolve("European Union") == Resolution(MEMBER, "EUN")


@pytest.mark.parametrize(
    ("written", "year", "status", "code"),
    [
        ("Ethiopia(excludes Eritrea)", 2000, MEMBER, "ETH"),
        ("Ethiopia (excludes Eritrea)", 1993, MEMBER, "ETH"),
        ("Ethiopia(excludes Eritrea)", 1990, OUT_OF_PERIOD, "ETH"),
        ("Serbia, FR(Serbia/Montenegro)", 2000, SEVERAL_MEMBERS, None),
        ("Serbia and Montenegro", 2010, SEVERAL_MEMBERS, None),
        ("Fm Sudan", 2005, SEVERAL_MEMBERS, None),
        ("Sudan (former)", 2005, SEVERAL_MEMBERS, None),
        ("Sudan", 2005, MEMBER, "SDN"),
    ],
)
def test_historical_and_compound_entities_by_year(resolver, written, year, status, code):
    got = resolver.resolve(written, year)
    assert (got.status, got.member_code) == (status, code)


def test_aggregates_non_members_and_former_entities_are_skipped_one_note_each(context, tmp_path):
    path = tmp_path / "wb.csv"
    path.write_text(
        "Country Name,Country Code,Series Code,2000 [YR2000],1990 [YR1990]\n"
        "Belgium,BEL,AEO_COUNT,3,4\n"
        "Kiribati,KIR,AEO_COUNT,1,1\n"
        "St. Kitts and Nevis,KNA,AEO_COUNT,1,1\n"
        "Puerto Rico,PRI,AEO_COUNT,1,1\n"
        "Sub-Saharan Africa (excluding high income),SSA,AEO_COUNT,9,9\n"
        "IDA only,IDX,AEO_COUNT,9,9\n"
        "Sub-Saharan Africa (IDA & IBRD countries),TSS,AEO_COUNT,9,9\n"
        "Fm Sudan,Fm Sudan,AEO_COUNT,2,2\n"
        "Ethiopia(excludes Eritrea),Ethiopia(excludes Eritrea),AEO_COUNT,5,6\n",
        encoding="utf-8",
    )
    result = assess_statistics(path, None, 2025, context=context)
    assert not [f.describe() for f in result.findings if f.severity == CRITICAL]
    assert result.frame is not None
    frame = result.frame
    loaded = {
        (m, int(y)): float(v)
        for m, y, v in zip(frame.member_code, frame.year, frame.value, strict=True)
    }
    assert loaded == {("BEL", 2000): 3.0, ("BEL", 1990): 4.0, ("ETH", 2000): 5.0}
    skipped = [f for f in result.findings if f.rule == "row_skipped"]
    assert sorted(f.value for f in skipped) == sorted(
        ["KIR", "KNA", "PRI", "SSA", "IDX", "TSS", "Fm Sudan"]
    )
    assert all(f.severity == WARNING and "2 row(s)" in f.message_en for f in skipped)
    kiribati = next(f for f in skipped if f.value == "KIR")
    assert kiribati.message_en.count("not a WCO Member") == 1
    assert kiribati.message_fr.count("non membre") == 1
    [period] = [f for f in result.findings if f.rule == "row_outside_name_period"]
    assert period.value == "Ethiopia(excludes Eritrea)"
    assert "ETH" in period.message_en and "1993" in period.message_en
    assert "1 row(s)" in period.message_en and "1993" in period.message_fr

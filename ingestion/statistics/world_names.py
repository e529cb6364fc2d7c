"""Names and codes of the world's economies and groups, from well-kept sources, not typed by hand.

Statistics producers write an economy as ISO alpha-2, alpha-3 or numeric code, as the UN's short
or formal name, as CLDR's common name ("United States", "Congo - Kinshasa") or as their own
spelling. The first three are facts kept by others; this module reads them once:

- ``reference/country-codes.csv`` (ISO 3166 codes and the UN/official English and French names,
  PDDL; see ``reference/README.md``);
- CLDR's English and French territory names, shipped with Babel (also CLDR's names of world
  regions, such as "Sub-Saharan Africa", which are aggregates);
- ``reference/world_bank_aggregates.csv``: the World Bank's aggregate codes and names.

Each entry says what it stands for by ISO alpha-3 code (``economy``) or as an aggregate; the
resolver decides Member or non-Member by joining the code to the Member register, so a Member
the office adds or removes needs no change here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).parent / "reference"
COUNTRY_CODES = REFERENCE_DIR / "country-codes.csv"
WORLD_BANK_AGGREGATES = REFERENCE_DIR / "world_bank_aggregates.csv"

# Names of country-codes.csv read as names of the economy (English and French).
NAME_COLUMNS = (
    "UNTERM English Short",
    "UNTERM English Formal",
    "official_name_en",
    "CLDR display name",
    "UNTERM French Short",
    "UNTERM French Formal",
    "official_name_fr",
)
# CLDR territories that are not in ISO 3166-1 but are economies in statistics (alpha-3 used by
# the World Bank and by the Member register).
EXTRA_ALPHA2 = {"XK": "XKX"}
# CLDR pseudo-territories that name nothing.
CLDR_IGNORED = {"XA", "XB", "ZZ"}


@dataclass(frozen=True)
class WorldName:
    """One written form: of an economy (``alpha3``) or of an aggregate (``alpha3`` is None)."""

    text: str
    alpha3: str | None
    source: str


@dataclass(frozen=True)
class WorldNames:
    codes: tuple[WorldName, ...]  # ISO alpha-2/alpha-3/numeric and World Bank aggregate codes
    names: tuple[WorldName, ...]  # names, in order of trust (ISO/UN first, then CLDR, then WB)


def _country_rows(path: Path = COUNTRY_CODES) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["ISO3166-1-Alpha-3"].strip()]


@cache
def world_names() -> WorldNames:
    """Every code and name known from the shipped reference data and CLDR (read once)."""
    from babel import Locale

    codes: list[WorldName] = []
    names: list[WorldName] = []
    alpha2_to_3 = dict(EXTRA_ALPHA2)
    for row in _country_rows():
        alpha3 = row["ISO3166-1-Alpha-3"].strip()
        alpha2 = row["ISO3166-1-Alpha-2"].strip()
        numeric = row["ISO3166-1-numeric"].strip()
        codes.append(WorldName(alpha3, alpha3, "ISO 3166 alpha-3"))
        if alpha2:
            alpha2_to_3[alpha2] = alpha3
            codes.append(WorldName(alpha2, alpha3, "ISO 3166 alpha-2"))
        if numeric.isdigit():
            codes.append(WorldName(str(int(numeric)), alpha3, "ISO 3166 numeric"))
        for column in NAME_COLUMNS:
            if row[column].strip():
                names.append(WorldName(row[column].strip(), alpha3, f"country-codes {column}"))
    for language in ("en", "fr"):
        for code, name in Locale(language).territories.items():
            if code in CLDR_IGNORED:
                continue
            if code.isdigit() or code in {"EU", "EZ", "UN", "QO"}:
                # world regions and groupings ("Africa", "Eurozone"); "European Union" still
                # resolves to the Member EUN, whose register name is read first
                names.append(WorldName(name, None, f"CLDR {language} region {code}"))
            elif code in alpha2_to_3:
                names.append(WorldName(name, alpha2_to_3[code], f"CLDR {language} {code}"))
            # other CLDR territories (Ascension Island, Canary Islands...) are parts of an
            # economy, not economies in statistics: left unknown rather than guessed
    with WORLD_BANK_AGGREGATES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["code"].strip():
                codes.append(WorldName(row["code"].strip(), None, "World Bank aggregate code"))
            names.append(WorldName(row["name"].strip(), None, "World Bank aggregate"))
    return WorldNames(tuple(codes), tuple(names))

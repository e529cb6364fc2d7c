"""Build the sample reference registers in ``demo/samples/reference/``.

Why this exists: the platform seeds ``$SPF_HOME/reference/`` with these CSV files on first use,
so a fresh install, the demo and the tests have a complete, consistent set of registers. The CSV
files are the committed data; this script documents how they were made and regenerates them
byte for byte (it is deterministic: no clock, no randomness).

Everything here is SAMPLE data. The Member list and region assignment are a best-effort
reconstruction of WCO membership; the Strategic Plan, deliverables, KPIs and targets are
illustrative. The office replaces any register with its own file; no code change is needed.

Inputs: ``/work/shared/reference/country-codes.csv`` (ISO codes and UN names, for the Members,
their currencies and name variants), ``/work/shared/reference/exchange-rates-annual.csv`` (FRED
annual rates, units per US dollar) and ``ingestion/registers/registers.yaml`` (column names
and order).

Run: ``.venv/bin/python demo/samples/build_reference_samples.py [--country-codes PATH]``
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ingestion.registers.spec import RegisterSpec, load_register_specs

OUTPUT_DIR = Path(__file__).parent / "reference"
DEFAULT_COUNTRY_CODES = Path("/work/shared/reference/country-codes.csv")

Row = dict[str, str]

# --------------------------------------------------------------------------------------------
# Plan structure
# --------------------------------------------------------------------------------------------

PLAN_CYCLE = "2025-2028"
PLAN_REVISION = 1
IP_YEAR = "2025-26"
IP_YEARS: tuple[tuple[str, date, date], ...] = (
    ("2025-26", date(2025, 7, 1), date(2026, 6, 30)),
    ("2026-27", date(2026, 7, 1), date(2027, 6, 30)),
)

OBJECTIVES: tuple[tuple[str, str, str], ...] = (
    (
        "SO1",
        "Trade facilitation: enable seamless, secure and predictable cross-border movement"
        " of legitimate goods",
        "Facilitation des échanges : permettre une circulation transfrontalière fluide, sûre"
        " et prévisible des marchandises licites",
    ),
    (
        "SO2",
        "Revenue collection: support the fair, efficient and effective collection of"
        " Customs revenue",
        "Recouvrement des recettes : favoriser une perception juste, efficiente et efficace"
        " des recettes douanières",
    ),
    (
        "SO3",
        "Protection of society: strengthen Customs action against illicit trade and threats"
        " to health, safety and security",
        "Protection de la société : renforcer l'action de la douane contre le commerce illicite"
        " et les menaces pour la santé, la sûreté et la sécurité",
    ),
    (
        "SO4",
        "Organizational development: build capable, accountable and resilient Customs"
        " administrations and Secretariat",
        "Développement organisationnel : bâtir des administrations douanières et un"
        " Secrétariat compétents, responsables et résilients",
    ),
)

FOCUS_AREAS: tuple[tuple[str, str, str], ...] = (
    ("FA-TECH", "Technology and innovation", "Technologie et innovation"),
    ("FA-GREEN", "Green Customs", "Douane verte"),
    ("FA-GOV", "Governance and accountability", "Gouvernance et responsabilité"),
)

# (code, name_en, name_fr, preferred_language)
DIRECTORATES: tuple[tuple[str, str, str, str], ...] = (
    (
        "TTA",
        "Tariff and Trade Affairs",
        "Direction des questions tarifaires et commerciales",
        "en",
    ),
    ("CF", "Compliance and Facilitation", "Direction du contrôle et de la facilitation", "en"),
    ("CB", "Capacity Building", "Direction du renforcement des capacités", "fr"),
    (
        "ADM",
        "Administration and Personnel",
        "Direction de l'administration et du personnel",
        "en",
    ),
    (
        "SPF",
        "Strategic Planning and Foresight (Office of the Deputy Secretary General)",
        "Planification stratégique et prospective (Bureau du Secrétaire général adjoint)",
        "en",
    ),
    ("RCP", "Research and Policy", "Recherche et politiques", "fr"),
)
# Quality-alert settings that depart from the defaults (every other field is left empty, which
# means the default). No quiet hours in the sample, so `make run` mails at any hour.
DIRECTORATE_ALERT_SETTINGS: dict[str, dict[str, str]] = {
    "CB": {"reminder_interval_days": "14"},
    "ADM": {"deadline_reminder_days": "10"},
}
ALERT_SETTING_COLUMNS = (
    "reminder_interval_days",
    "deadline_reminder_days",
    "quiet_hours_start",
    "quiet_hours_end",
    "min_alert_severity",
)

REGIONS: tuple[tuple[str, str, str], ...] = (
    ("ESA", "East and Southern Africa", "Afrique orientale et australe"),
    ("WCA", "West and Central Africa", "Afrique occidentale et centrale"),
    (
        "MENA",
        "North of Africa, Near and Middle East",
        "Afrique du Nord, Proche et Moyen-Orient",
    ),
    (
        "AP",
        "Far East, South and South East Asia, Australasia and the Pacific Islands",
        "Extrême-Orient, Asie du Sud et du Sud-Est, Australasie et îles du Pacifique",
    ),
    (
        "AMC",
        "South America, North America, Central America and the Caribbean",
        "Amérique du Sud, Amérique du Nord, Amérique centrale et Caraïbes",
    ),
    ("EUR", "Europe", "Europe"),
)

# Regional priorities (sample): (region, name_en, name_fr, objectives, deliverable numbers of the
# 2025-26 Implementation Plan). Codes are <region>-P<rank>. Illustrative wording, loosely based
# on the themes of the WCO regional strategies; the regions replace them with their own.
REGIONAL_PRIORITIES: tuple[tuple[str, str, str, tuple[str, ...], tuple[int, ...]], ...] = (
    (
        "ESA",
        "Trade facilitation and coordinated border management on regional corridors",
        "Facilitation des échanges et gestion coordonnée des frontières sur les corridors"
        " régionaux",
        ("SO1",),
        (9, 10, 19),
    ),
    (
        "ESA",
        "Revenue mobilization and Customs valuation capacity",
        "Mobilisation des recettes et capacités en matière d'évaluation en douane",
        ("SO2",),
        (3, 24),
    ),
    (
        "WCA",
        "Integrity and leadership in Customs administrations",
        "Intégrité et leadership dans les administrations douanières",
        ("SO4",),
        (18, 20),
    ),
    (
        "WCA",
        "Security and the fight against illicit trafficking",
        "Sécurité et lutte contre les trafics illicites",
        ("SO3",),
        (14, 23),
    ),
    (
        "MENA",
        "Digital Customs and cross-border e-commerce",
        "Douane numérique et commerce électronique transfrontalier",
        ("SO1",),
        (11, 12),
    ),
    (
        "MENA",
        "Enforcement against illicit trade and environmental crime",
        "Lutte contre le commerce illicite et la criminalité environnementale",
        ("SO3",),
        (15, 16),
    ),
    (
        "AP",
        "Data-driven risk management",
        "Gestion des risques fondée sur les données",
        ("SO1", "SO3"),
        (12, 15),
    ),
    (
        "AP",
        "Green Customs",
        "Douane verte",
        ("SO1",),
        (6, 16, 35),
    ),
    (
        "AMC",
        "Authorized Economic Operators and mutual recognition",
        "Opérateurs économiques agréés et reconnaissance mutuelle",
        ("SO1", "SO3"),
        (10, 13),
    ),
    (
        "AMC",
        "Revenue from cross-border e-commerce",
        "Recettes du commerce électronique transfrontalier",
        ("SO2",),
        (8, 34),
    ),
    (
        "EUR",
        "Implementation of the Harmonized System 2028",
        "Mise en œuvre du Système harmonisé 2028",
        ("SO2",),
        (1, 2, 5),
    ),
    (
        "EUR",
        "Green Customs and the carbon border adjustment",
        "Douane verte et ajustement carbone aux frontières",
        ("SO1", "SO4"),
        (26, 35),
    ),
)

# --------------------------------------------------------------------------------------------
# Members (sample: to be verified and replaced by the office's own register)
# --------------------------------------------------------------------------------------------

# WCO regions are not continents: Central Asia, the Caucasus, Türkiye and Israel are in Europe;
# Mauritania is in West and Central Africa; Iran is in the Asia/Pacific region (it is listed
# there by the WCO Asia/Pacific regional office). Codes are ISO 3166 alpha-3, except EUN.
MEMBER_REGIONS: dict[str, tuple[str, ...]] = {
    "ESA": (
        "AGO", "BWA", "BDI", "COM", "DJI", "ERI", "SWZ", "ETH", "KEN", "LSO", "MDG", "MWI",
        "MUS", "MOZ", "NAM", "RWA", "SYC", "SOM", "ZAF", "SSD", "TZA", "UGA", "ZMB", "ZWE",
    ),
    "WCA": (
        "BEN", "BFA", "CPV", "CMR", "CAF", "TCD", "COG", "CIV", "COD", "GNQ", "GAB", "GMB",
        "GHA", "GIN", "GNB", "LBR", "MLI", "MRT", "NER", "NGA", "STP", "SEN", "SLE", "TGO",
    ),
    "MENA": (
        "DZA", "BHR", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MAR", "OMN", "PSE", "QAT",
        "SAU", "SDN", "SYR", "TUN", "ARE", "YEM",
    ),
    "AP": (
        "AFG", "BGD", "BTN", "IND", "IRN", "MDV", "NPL", "PAK", "LKA",
        "CHN", "HKG", "MAC", "MNG", "JPN", "KOR",
        "BRN", "KHM", "IDN", "MYS", "MMR", "LAO", "PHL", "SGP", "THA", "VNM",
        "AUS", "FJI", "NZL", "PNG", "PLW", "WSM", "SLB", "TLS", "TON", "VUT",
    ),
    "AMC": (
        "ARG", "BHS", "BRB", "BLZ", "BMU", "BOL", "BRA", "CAN", "CHL", "COL", "CRI", "CUB",
        "CUW", "DOM", "ECU", "SLV", "GTM", "GUY", "HTI", "HND", "JAM", "MEX", "NIC", "PAN",
        "PRY", "PER", "LCA", "VCT", "SUR", "TTO", "USA", "URY", "VEN",
    ),
    "EUR": (
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
        "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
        "SVN", "ESP", "SWE",
        "ALB", "AND", "ARM", "AZE", "BLR", "BIH", "GEO", "ISL", "ISR", "KAZ", "KGZ", "MDA",
        "MNE", "MKD", "NOR", "RUS", "SRB", "CHE", "TJK", "TUR", "TKM", "UKR", "GBR", "UZB",
        "XKX", "EUN",
    ),
}  # fmt: skip

EU_CODE = "EUN"

# Members that are not in country-codes.csv: (code, iso2, iso_numeric, name_en, name_fr,
# is_country). Kosovo has no ISO 3166 code; XKX is the user-assigned code in common use.
EXTRA_MEMBERS: dict[str, tuple[str, str, str, str, bool]] = {
    EU_CODE: ("", "", "European Union", "Union européenne", False),
    "XKX": ("", "", "Kosovo", "Kosovo", True),
}

# Names where the UN short name is empty or not the form the WCO uses.
NAME_OVERRIDES: dict[str, tuple[str, str]] = {
    "CIV": ("Côte d'Ivoire", "Côte d'Ivoire"),
    "TUR": ("Türkiye", "Türkiye"),
    "HKG": ("Hong Kong, China", "Hong Kong, Chine"),
    "MAC": ("Macao, China", "Macao, Chine"),
}

HISTORY_START = date(2000, 1, 1)
# valid_from for Members that joined after HISTORY_START (the others start on it). Dates ending
# in -01-01 are approximate (year of accession only) and should be checked by the office.
ACCESSION_DATES: dict[str, date] = {
    "KGZ": date(2000, 2, 10),
    "SYC": date(2000, 7, 25),
    "SRB": date(2001, 3, 27),
    "TLS": date(2003, 1, 1),
    "MNE": date(2006, 10, 24),
    "EUN": date(2007, 7, 1),
    "DJI": date(2008, 3, 19),
    "BIH": date(2008, 7, 4),
    "CUW": date(2010, 10, 10),
    "SSD": date(2012, 7, 18),
    "SOM": date(2012, 10, 4),
    "PSE": date(2015, 1, 1),
    "XKX": date(2017, 1, 1),
    "SUR": date(2018, 1, 1),
    "GNQ": date(2021, 1, 1),
    "SLB": date(2023, 1, 26),
    "PLW": date(2024, 2, 2),
    "VCT": date(2025, 9, 17),
}

_STARS = re.compile(r"\s*\*+$")
_ARTICLE = re.compile(r"\s*\((?:the|la|le|les|l')\)$")


def clean_name(raw: str) -> str:
    """UN short name without footnote stars and trailing articles, with plain apostrophes."""
    name = raw.replace("\u2019", "'").strip()
    name = _STARS.sub("", name)
    return _ARTICLE.sub("", name).strip()


def load_country_codes(path: Path) -> dict[str, Row]:
    """country-codes.csv keyed by ISO alpha-3."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["ISO3166-1-Alpha-3"]: row for row in csv.DictReader(handle)}


def member_names(code: str, country: Row) -> tuple[str, str]:
    """English and French names: UNTERM short name, else the CLDR / official name."""
    if code in NAME_OVERRIDES:
        return NAME_OVERRIDES[code]
    name_en = clean_name(country["UNTERM English Short"]) or clean_name(
        country["CLDR display name"] or country["official_name_en"]
    )
    name_fr = clean_name(country["UNTERM French Short"]) or clean_name(country["official_name_fr"])
    if not name_en or not name_fr:
        raise ValueError(f"{code}: no usable name in country-codes.csv")
    return name_en, name_fr


def build_members(countries: dict[str, Row]) -> list[Row]:
    rows: list[Row] = []
    for region, codes in MEMBER_REGIONS.items():
        for code in codes:
            if code in EXTRA_MEMBERS:
                iso2, numeric, name_en, name_fr, is_country = EXTRA_MEMBERS[code]
            else:
                if code not in countries:
                    raise ValueError(f"{code} is not in country-codes.csv")
                country = countries[code]
                iso2 = country["ISO3166-1-Alpha-2"].strip()
                numeric = f"{int(country['ISO3166-1-numeric']):03d}"
                name_en, name_fr = member_names(code, country)
                is_country = True
            rows.append(
                {
                    "member_code": code,
                    "iso2": iso2,
                    "iso_numeric": numeric,
                    "name_en": name_en,
                    "name_fr": name_fr,
                    "region_code": region,
                    "is_country": "true" if is_country else "false",
                    "valid_from": ACCESSION_DATES.get(code, HISTORY_START).isoformat(),
                    "valid_to": "",
                }
            )
    return sorted(rows, key=lambda r: r["member_code"])


# --------------------------------------------------------------------------------------------
# Member name variants, currencies and exchange rates (for Members' statistics)
# --------------------------------------------------------------------------------------------

DEFAULT_EXCHANGE_RATES = Path("/work/shared/reference/exchange-rates-annual.csv")
EXCHANGE_RATES_FROM = 1990

# Names used by international statistics producers (World Bank WDI, IMF, UN Comtrade, OECD)
# for Members whose register name differs. Register names, ISO codes and the UN/CLDR names
# read from country-codes.csv are added by build_member_name_variants.
MEMBER_VARIANTS: dict[str, tuple[str, ...]] = {
    "CIV": ("Ivory Coast", "Cote d'Ivoire", "Côte d’Ivoire"),
    "TUR": ("Turkey", "Turquie", "Turkiye", "Republic of Türkiye"),
    "HKG": ("Hong Kong", "Hong Kong SAR, China", "Hong Kong SAR", "China, Hong Kong SAR"),
    "MAC": ("Macao", "Macau", "Macao SAR, China", "China, Macao SAR"),
    "KOR": ("Korea, Rep.", "Korea", "South Korea", "Korea, Republic of", "Rep. of Korea"),
    "EGY": ("Egypt, Arab Rep.", "Arab Republic of Egypt"),
    "IRN": ("Iran, Islamic Rep.", "Iran"),
    "RUS": ("Russia",),
    "VNM": ("Vietnam", "Viet Nam"),
    "LAO": ("Lao PDR", "Laos"),
    "COD": ("Congo, Dem. Rep.", "DR Congo", "Democratic Republic of Congo"),
    "COG": ("Congo, Rep.", "Republic of Congo"),
    "GMB": ("Gambia, The",),
    "BHS": ("Bahamas, The",),
    "YEM": ("Yemen, Rep.",),
    "VEN": ("Venezuela, RB", "Venezuela"),
    "SYR": ("Syria",),
    "MKD": ("North Macedonia", "Macedonia", "FYR Macedonia"),
    "MDA": ("Moldova",),
    "TZA": ("Tanzania",),
    "BOL": ("Bolivia",),
    "CZE": ("Czech Republic", "Czechia"),
    "SWZ": ("Swaziland", "Eswatini"),
    "CPV": ("Cape Verde", "Cabo Verde"),
    "KGZ": ("Kyrgyz Republic", "Kyrgyzstan"),
    "SVK": ("Slovak Republic",),
    "PSE": (
        "West Bank and Gaza",
        "Palestine",
        "State of Palestine",
        "Occ.Pal.Terr",
        "Occupied Palestinian Territory",
    ),
    "LCA": ("St. Lucia",),
    "VCT": ("St. Vincent and the Grenadines",),
    "USA": ("United States of America", "USA", "US"),
    "GBR": ("United Kingdom", "UK"),
    "EUN": ("EU", "European Union (EU)", "Union européenne (UE)"),
    # World Bank, WITS and UN Comtrade spellings (issue 21), and the World Bank's former codes
    "TLS": ("East Timor", "Timor Leste", "TMP"),
    "SOM": ("Somalia, Fed. Rep.",),
    "ROU": ("ROM",),
    "AND": ("ADO",),
    "XKX": ("KSV", "Kosovo (under UNSCR 1244)"),
    "CUW": ("Curacao",),
}

# Names that stand for one Member in some years only, or for a former or combined economy that
# covers several Members (kind several_members: skipped with a note, never attributed to one):
# (name, kind, member_code, valid_from_year, valid_to_year). Spellings of WITS and UN Comtrade.
DATED_VARIANTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("Ethiopia (excludes Eritrea)", "member", "ETH", "1993", ""),
    ("Ethiopia(excludes Eritrea)", "member", "ETH", "1993", ""),
    ("Ethiopia (includes Eritrea)", "several_members", "", "", "1992"),
    ("Fmr Ethiopia", "several_members", "", "", "1992"),
    ("Serbia and Montenegro", "several_members", "", "1992", "2006"),
    ("Serbia and Montenegro (former)", "several_members", "", "1992", "2006"),
    ("Serbia, FR(Serbia/Montenegro)", "several_members", "", "1992", "2006"),
    ("Yugoslavia, Fed. Rep.", "several_members", "", "1992", "2003"),
    ("Yugoslavia", "several_members", "", "", "1991"),
    ("Fmr Yugoslavia", "several_members", "", "", "1991"),
    ("Sudan (former)", "several_members", "", "", "2011"),
    ("Sudan (Former)", "several_members", "", "", "2011"),
    ("Fm Sudan", "several_members", "", "", "2011"),
    ("Fmr Sudan", "several_members", "", "", "2011"),
    ("USSR", "several_members", "", "", "1991"),
    ("Fmr USSR", "several_members", "", "", "1991"),
    ("Soviet Union", "several_members", "", "", "1991"),
    ("Czechoslovakia", "several_members", "", "", "1992"),
    ("Fmr Czechoslovakia", "several_members", "", "", "1992"),
)

# World Bank spellings of economies that are not Members in the sample register.
NON_MEMBER_VARIANTS: tuple[str, ...] = (
    "Micronesia, Fed. Sts.", "St. Kitts and Nevis", "St. Martin (French part)",
    "Sint Maarten (Dutch part)", "Virgin Islands (U.S.)", "Korea, Dem. People's Rep.",
    "Channel Islands", "CHI",
)  # fmt: skip

# Groups of economies that bulk extracts carry next to countries: skipped with a note.
AGGREGATES: tuple[str, ...] = (
    "World", "Monde", "Sub-Saharan Africa", "Africa", "Asia", "Europe", "Americas", "Oceania",
    "East Asia & Pacific", "Europe & Central Asia", "Latin America & Caribbean",
    "Middle East & North Africa", "North America", "South Asia", "Euro area",
    "European Union (27)", "EU27", "EU28", "OECD members", "High income", "Low income",
    "Lower middle income", "Upper middle income", "Middle income", "Low & middle income",
    "Least developed countries", "Small states", "Fragile and conflict affected situations",
    "Arab World", "IDA total", "IBRD only", "Total", "All Members", "WCO",
    # World Bank / WDI codes of the same aggregates
    "WLD", "SSF", "AFE", "AFW", "EAS", "ECS", "LCN", "MEA", "NAC", "SAS", "EMU", "EUU", "OED",
    "HIC", "LIC", "LMC", "UMC", "MIC", "LMY", "LDC", "SST", "FCS", "ARB", "IDT", "IBD",
)  # fmt: skip

EURO_ADOPTION: dict[str, tuple[int, str]] = {
    # Member -> (first year in euro, legacy currency)
    "AUT": (1999, "ATS"), "BEL": (1999, "BEF"), "FIN": (1999, "FIM"), "FRA": (1999, "FRF"),
    "DEU": (1999, "DEM"), "IRL": (1999, "IEP"), "ITA": (1999, "ITL"), "LUX": (1999, "LUF"),
    "NLD": (1999, "NLG"), "PRT": (1999, "PTE"), "ESP": (1999, "ESP"), "GRC": (2001, "GRD"),
    "SVN": (2007, "SIT"), "CYP": (2008, "CYP"), "MLT": (2008, "MTL"), "SVK": (2009, "SKK"),
    "EST": (2011, "EEK"), "LVA": (2014, "LVL"), "LTU": (2015, "LTL"), "HRV": (2023, "HRK"),
}  # fmt: skip
CURRENCY_OVERRIDES = {"TUR": "TRY", "PSE": "ILS", "EUN": "EUR", "XKX": "EUR"}
CURRENCY_FROM = 1990

# FRED currency areas -> ISO 4217. Venezuela is left out on purpose: its series runs across
# two redenominations (VEF, VES), so a year's rate cannot be tied to one currency code.
CURRENCY_AREAS: dict[str, str] = {
    "Australia": "AUD", "Brazil": "BRL", "Canada": "CAD", "China": "CNY", "Denmark": "DKK",
    "Euro": "EUR", "Hong Kong": "HKD", "India": "INR", "Japan": "JPY", "Malaysia": "MYR",
    "Mexico": "MXN", "New Zealand": "NZD", "Norway": "NOK", "Singapore": "SGD",
    "South Africa": "ZAR", "South Korea": "KRW", "Sweden": "SEK", "Switzerland": "CHF",
    "Taiwan": "TWD", "Thailand": "THB",
}  # fmt: skip


def _fold(name: str) -> str:
    """Same folding as ingestion.statistics.members (kept simple here: duplicates only)."""
    from ingestion.statistics.members import normalise_name

    return normalise_name(name)


def build_member_name_variants(countries: dict[str, Row], members: list[Row]) -> list[Row]:
    """Variants of Members' names (curated + UN/CLDR names), aggregates and non-Members.

    A variant equal (after folding) to a register name, or to another variant, is left out, so
    the register holds no redundant or ambiguous entry.
    """
    seen = {_fold(m["name_en"]) for m in members} | {_fold(m["name_fr"]) for m in members}
    rows: list[Row] = []

    def add(name: str, kind: str, code: str, first: str = "", last: str = "") -> None:
        folded = _fold(name)
        if not folded or folded in seen:
            return
        seen.add(folded)
        rows.append(
            {
                "name": name,
                "kind": kind,
                "member_code": code,
                "valid_from_year": first,
                "valid_to_year": last,
            }
        )

    member_codes = {m["member_code"] for m in members}
    for code, names in MEMBER_VARIANTS.items():
        for name in names:
            add(name, "member", code)
    for code in sorted(member_codes):
        if code in countries:
            country = countries[code]
            for column in ("CLDR display name", "official_name_en", "official_name_fr"):
                add(clean_name(country[column]), "member", code)
    for name, kind, code, first, last in DATED_VARIANTS:
        add(name, kind, code, first, last)
    for name in AGGREGATES:
        add(name, "aggregate", "")
    for name in NON_MEMBER_VARIANTS:
        add(name, "non_member", "")
    for code, country in sorted(countries.items()):
        if code and code not in member_codes:
            for column in ("CLDR display name", "official_name_en", "official_name_fr"):
                add(clean_name(country[column]), "non_member", "")
    return rows


def build_member_currencies(countries: dict[str, Row], members: list[Row]) -> list[Row]:
    rows: list[Row] = []
    for member in members:
        code = member["member_code"]
        if code in EURO_ADOPTION:
            first, legacy = EURO_ADOPTION[code]
            periods = [(legacy, CURRENCY_FROM, str(first - 1)), ("EUR", first, "")]
        else:
            currency = (
                CURRENCY_OVERRIDES.get(code)
                or countries[code]["ISO4217-currency_alphabetic_code"].split(",")[0].strip()
            )
            periods = [(currency, CURRENCY_FROM, "")]
        for currency, start, end in periods:
            rows.append(
                {
                    "member_code": code,
                    "currency_code": currency,
                    "valid_from_year": str(start),
                    "valid_to_year": end,
                }
            )
    return rows


def build_exchange_rates(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            year = int(record["Date"][:4])
            code = CURRENCY_AREAS.get(record["Country"])
            if code is None or year < EXCHANGE_RATES_FROM or not record["Exchange rate"]:
                continue
            rows.append(
                {
                    "currency_code": code,
                    "year": str(year),
                    "units_per_usd": record["Exchange rate"],
                    "currency_area": record["Country"],
                }
            )
    return sorted(rows, key=lambda r: (r["currency_code"], r["year"]))


# --------------------------------------------------------------------------------------------
# Implementation Plan 2025-26 deliverables
# --------------------------------------------------------------------------------------------


class Deliverable(NamedTuple):
    objective: str
    owner: str
    quarter: int
    target_type: str
    focus_areas: tuple[str, ...]
    title_en: str
    title_fr: str


Q = "quantitative"
QL = "qualitative"

DELIVERABLES: tuple[Deliverable, ...] = (
    # Tariff and Trade Affairs
    Deliverable(
        "SO2", "TTA", 4, Q, (),
        "Harmonized System 2028 amendments: Article 16 Recommendation adopted by the Council",
        "Amendements au Système harmonisé 2028 : Recommandation au titre de l'article 16"
        " adoptée par le Conseil",
    ),
    Deliverable(
        "SO2", "TTA", 4, Q, ("FA-TECH",),
        "Correlation tables between the 2022 and 2028 editions of the Harmonized System",
        "Tables de corrélation entre les éditions 2022 et 2028 du Système harmonisé",
    ),
    Deliverable(
        "SO2", "TTA", 3, QL, (),
        "Updated WCO Guide to Customs Valuation and Transfer Pricing",
        "Mise à jour du Guide de l'OMD sur l'évaluation en douane et les prix de transfert",
    ),
    Deliverable(
        "SO1", "TTA", 4, QL, (),
        "Comparative study of preferential rules of origin in regional trade agreements",
        "Étude comparative des règles d'origine préférentielles dans les accords commerciaux"
        " régionaux",
    ),
    Deliverable(
        "SO2", "TTA", 4, Q, ("FA-TECH",),
        "HS Committee classification decisions published in the HS Database",
        "Décisions de classement du Comité du SH publiées dans la base de données du SH",
    ),
    Deliverable(
        "SO1", "TTA", 4, Q, ("FA-GREEN",),
        "Classification guidance for environmentally sound goods and green technologies",
        "Orientations sur le classement des biens écologiquement rationnels et des"
        " technologies vertes",
    ),
    Deliverable(
        "SO1", "TTA", 3, Q, (),
        "Regional workshops on advance rulings for classification, origin and valuation",
        "Ateliers régionaux sur les décisions anticipées en matière de classement, d'origine"
        " et d'évaluation",
    ),
    Deliverable(
        "SO2", "TTA", 2, Q, ("FA-TECH",),
        "Revenue Package: guidance on revenue risks of low-value e-commerce consignments",
        "Ensemble d'outils relatifs aux recettes : orientations sur les risques pour les"
        " recettes des envois de faible valeur du commerce électronique",
    ),
    # Compliance and Facilitation
    Deliverable(
        "SO1", "CF", 4, Q, ("FA-GOV",),
        "Revised Kyoto Convention comprehensive review: draft amendments to the General Annex",
        "Examen approfondi de la Convention de Kyoto révisée : projets d'amendements à"
        " l'Annexe générale",
    ),
    Deliverable(
        "SO1", "CF", 4, Q, (),
        "AEO mutual recognition compendium, 2026 edition",
        "Compendium des arrangements de reconnaissance mutuelle des OEA, édition 2026",
    ),
    Deliverable(
        "SO1", "CF", 4, QL, ("FA-TECH",),
        "E-commerce Framework of Standards update",
        "Mise à jour du Cadre de normes sur le commerce électronique",
    ),
    Deliverable(
        "SO1", "CF", 2, Q, ("FA-TECH",),
        "WCO Data Model version 4.x release",
        "Publication de la version 4.x du Modèle de données de l'OMD",
    ),
    Deliverable(
        "SO3", "CF", 4, Q, ("FA-GOV",),
        "SAFE Framework of Standards review: consultation of Members and draft revision",
        "Examen du Cadre de normes SAFE : consultation des Membres et projet de révision",
    ),
    Deliverable(
        "SO3", "CF", 3, Q, (),
        "Global enforcement operation against drug trafficking via postal and express channels",
        "Opération mondiale de lutte contre le trafic de drogues par les voies postales et"
        " le fret express",
    ),
    Deliverable(
        "SO3", "CF", 4, Q, ("FA-TECH",),
        "Customs Enforcement Network (CEN) data quality improvement",
        "Amélioration de la qualité des données du Réseau douanier de lutte contre la fraude"
        " (CEN)",
    ),
    Deliverable(
        "SO3", "CF", 4, Q, ("FA-GREEN",),
        "Enforcement operation against illegal trade in wildlife and hazardous waste",
        "Opération de lutte contre le commerce illégal d'espèces sauvages et de déchets"
        " dangereux",
    ),
    Deliverable(
        "SO3", "CF", 4, Q, (),
        "Training of front-line officers on counterfeit and substandard medicines",
        "Formation des agents de première ligne aux médicaments contrefaits et de qualité"
        " inférieure",
    ),
    # Capacity Building
    Deliverable(
        "SO4", "CB", 4, Q, ("FA-GOV",),
        "Integrity self-assessment tool: revised version and regional roll-out",
        "Outil d'autoévaluation en matière d'intégrité : version révisée et déploiement"
        " régional",
    ),
    Deliverable(
        "SO1", "CB", 4, Q, (),
        "Mercator Programme: tailor-made support to Members implementing the WTO Trade"
        " Facilitation Agreement",
        "Programme Mercator : appui sur mesure aux Membres mettant en œuvre l'Accord de l'OMC"
        " sur la facilitation des échanges",
    ),
    Deliverable(
        "SO4", "CB", 4, Q, (),
        "Leadership and management development workshops for senior Customs managers",
        "Ateliers de développement du leadership et du management pour les cadres supérieurs"
        " des douanes",
    ),
    Deliverable(
        "SO4", "CB", 1, Q, ("FA-GOV",),
        "Gender Equality Organizational Assessment Tool: update and pilot assessments",
        "Outil d'évaluation organisationnelle de l'égalité des genres : mise à jour et"
        " évaluations pilotes",
    ),
    Deliverable(
        "SO4", "CB", 4, Q, ("FA-TECH",),
        "CLiKC! e-learning platform: new modules on data analytics",
        "Plateforme d'apprentissage en ligne CLiKC! : nouveaux modules sur l'analyse de données",
    ),
    Deliverable(
        "SO3", "CB", 3, Q, ("FA-TECH",),
        "Security Programme: capacity building on advance passenger information and PNR data",
        "Programme Sécurité : renforcement des capacités relatif aux données API et PNR sur"
        " les passagers",
    ),
    Deliverable(
        "SO2", "CB", 4, Q, (),
        "Revenue mobilization diagnostic missions",
        "Missions de diagnostic sur la mobilisation des recettes",
    ),
    # Administration and Personnel
    Deliverable(
        "SO4", "ADM", 2, QL, ("FA-GOV",),
        "Secretariat human resources strategy 2025-2028",
        "Stratégie des ressources humaines du Secrétariat 2025-2028",
    ),
    Deliverable(
        "SO4", "ADM", 4, Q, ("FA-GREEN", "FA-GOV"),
        "Carbon footprint reduction plan for the Secretariat headquarters",
        "Plan de réduction de l'empreinte carbone du siège du Secrétariat",
    ),
    Deliverable(
        "SO4", "ADM", 4, Q, ("FA-TECH",),
        "Migration of Secretariat IT services to a secure cloud environment",
        "Migration des services informatiques du Secrétariat vers un environnement en nuage"
        " sécurisé",
    ),
    Deliverable(
        "SO4", "ADM", 3, QL, ("FA-GOV",),
        "Results-based budget 2026-27 aligned with the Strategic Plan",
        "Budget axé sur les résultats 2026-2027 aligné sur le Plan stratégique",
    ),
    # Strategic Planning and Foresight
    Deliverable(
        "SO4", "SPF", 4, Q, ("FA-GOV",),
        "Performance Measurement Mechanism: 2025-26 data collection from Members",
        "Mécanisme de mesure de la performance : collecte des données 2025-2026 auprès des"
        " Membres",
    ),
    Deliverable(
        "SO4", "SPF", 3, QL, (),
        "Environmental Scan 2026",
        "Analyse de l'environnement 2026",
    ),
    Deliverable(
        "SO4", "SPF", 4, Q, ("FA-GOV",),
        "Quarterly Implementation Plan progress reports to the Policy Commission",
        "Rapports trimestriels d'avancement du Plan de mise en œuvre à la Commission de"
        " politique générale",
    ),
    Deliverable(
        "SO1", "SPF", 4, QL, ("FA-TECH",),
        "Foresight study on emerging technologies and the future of cross-border trade",
        "Étude prospective sur les technologies émergentes et l'avenir du commerce"
        " transfrontalier",
    ),
    # Research and Policy
    Deliverable(
        "SO4", "RCP", 2, Q, (),
        "PICARD programme: annual conference and academic partnerships",
        "Programme PICARD : conférence annuelle et partenariats universitaires",
    ),
    Deliverable(
        "SO2", "RCP", 4, QL, (),
        "Research paper on the revenue impact of de minimis thresholds in e-commerce",
        "Document de recherche sur l'incidence des seuils de minimis du commerce électronique"
        " sur les recettes",
    ),
    Deliverable(
        "SO1", "RCP", 1, Q, ("FA-GREEN",),
        "Green Customs guidance: the role of Customs in carbon border adjustment mechanisms",
        "Orientations sur la douane verte : rôle de la douane dans les mécanismes"
        " d'ajustement carbone aux frontières",
    ),
    Deliverable(
        "SO2", "RCP", 4, Q, ("FA-TECH",),
        "Annual Customs statistics survey: data collection and publication of the dataset",
        "Enquête annuelle sur les statistiques douanières : collecte des données et"
        " publication de l'ensemble de données",
    ),
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# Indicators (Customs statistics supplied by Members)
# --------------------------------------------------------------------------------------------


class Indicator(NamedTuple):
    code: str
    unit: str
    aggregation: str
    min_value: float | None
    max_value: float | None
    weight: str
    confidentiality: str
    name_en: str
    name_fr: str
    definition_en: str
    definition_fr: str
    source_type: str = "member"


PUBLISHABLE = "publishable"
INTERNAL = "internal"

# Open-data indicators of the Environmental Scan (source_type external): taken from the World
# Bank, WITS, UN Comtrade and WTO downloads through external_series.csv.
EXTERNAL_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "IMPORTS_GDP", "percent", "mean", 0, None, "", PUBLISHABLE,
        "Imports of goods and services (% of GDP)",
        "Importations de biens et de services (% du PIB)",
        "Imports of goods and services as a percentage of gross domestic product (World Bank"
        " WDI NE.IMP.GNFS.ZS). May exceed 100 for trading hubs.",
        "Importations de biens et de services en pourcentage du produit intérieur brut"
        " (Banque mondiale, WDI NE.IMP.GNFS.ZS). Peut dépasser 100 pour les plaques"
        " tournantes du commerce.",
        "external",
    ),
    Indicator(
        "DUTIES_TAX_SHARE", "percent", "mean", 0, 100, "", PUBLISHABLE,
        "Customs and other import duties (% of tax revenue)",
        "Droits de douane et autres droits à l'importation (% des recettes fiscales)",
        "All levies collected on goods entering the country, as a percentage of tax revenue"
        " (World Bank WDI GC.TAX.IMPT.ZS).",
        "Ensemble des prélèvements perçus sur les marchandises entrant dans le pays, en"
        " pourcentage des recettes fiscales (Banque mondiale, WDI GC.TAX.IMPT.ZS).",
        "external",
    ),
    Indicator(
        "MERCH_IMPORTS", "currency", "sum", 0, None, "", PUBLISHABLE,
        "Merchandise imports (US dollars)",
        "Importations de marchandises (dollars des États-Unis)",
        "Value of goods imported from all partners in the reference year, in US dollars (UN"
        " Comtrade total, WTO Stats, World Bank WDI TM.VAL.MRCH.CD.WT).",
        "Valeur des marchandises importées de tous les partenaires au cours de l'année de"
        " référence, en dollars des États-Unis (total UN Comtrade, WTO Stats, Banque mondiale"
        " WDI TM.VAL.MRCH.CD.WT).",
        "external",
    ),
)  # fmt: skip

EXTERNAL_SERIES_COLUMNS = ("source", "series", "indicator_code", "unit", "filter", "description")
EXTERNAL_SERIES: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "world_bank",
        "NE.IMP.GNFS.ZS",
        "IMPORTS_GDP",
        "%",
        "",
        "WDI: Imports of goods and services (% of GDP)",
    ),
    (
        "world_bank",
        "GC.TAX.IMPT.ZS",
        "DUTIES_TAX_SHARE",
        "%",
        "",
        "WDI: Customs and other import duties (% of tax revenue)",
    ),
    (
        "world_bank",
        "TM.VAL.MRCH.CD.WT",
        "MERCH_IMPORTS",
        "USD",
        "",
        "WDI: Merchandise imports (current US$)",
    ),
    (
        "wits",
        "Imports of goods and services (% of GDP)",
        "IMPORTS_GDP",
        "%",
        "",
        "WITS country time series (World Bank data)",
    ),
    (
        "wits",
        "Customs and other import duties (% of tax revenue)",
        "DUTIES_TAX_SHARE",
        "%",
        "",
        "WITS country time series (World Bank data)",
    ),
    (
        "wits",
        "Imports (in US$ Mil)",
        "MERCH_IMPORTS",
        "USD millions",
        "partner=World;product=All Products",
        "WITS trade summary: imports from the world, all products",
    ),
    (
        "comtrade",
        "TOTAL",
        "MERCH_IMPORTS",
        "USD",
        "partner=World;flow=Import",
        "UN Comtrade: all commodities, imports from the world",
    ),
    (
        "wto",
        "Merchandise imports by product group – annual (Million US dollar)",
        "MERCH_IMPORTS",
        "USD millions",
        "partner=World;product=Total merchandise",
        "WTO Stats: merchandise imports, total merchandise, world",
    ),
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "REV_TOTAL", "currency", "sum", 0, None, "", PUBLISHABLE,
        "Total Customs revenue collected",
        "Total des recettes douanières perçues",
        "Revenue collected by the Customs administration in the reference year (duties, taxes"
        " and other charges), in national currency.",
        "Recettes perçues par l'administration des douanes au cours de l'année de référence"
        " (droits, taxes et autres impositions), en monnaie nationale.",
    ),
    Indicator(
        "DECL_IMPORT", "count", "sum", 0, None, "", PUBLISHABLE,
        "Import declarations processed",
        "Déclarations d'importation traitées",
        "Number of import goods declarations accepted and processed by Customs in the"
        " reference year.",
        "Nombre de déclarations de marchandises à l'importation acceptées et traitées par la"
        " douane au cours de l'année de référence.",
    ),
    Indicator(
        "DECL_EXPORT", "count", "sum", 0, None, "", PUBLISHABLE,
        "Export declarations processed",
        "Déclarations d'exportation traitées",
        "Number of export goods declarations accepted and processed by Customs in the"
        " reference year.",
        "Nombre de déclarations de marchandises à l'exportation acceptées et traitées par la"
        " douane au cours de l'année de référence.",
    ),
    Indicator(
        "STAFF_TOTAL", "count", "sum", 0, None, "", PUBLISHABLE,
        "Customs staff",
        "Effectifs de la douane",
        "Number of staff employed by the Customs administration at the end of the reference"
        " year (headcount).",
        "Nombre d'agents employés par l'administration des douanes à la fin de l'année de"
        " référence (effectif physique).",
    ),
    Indicator(
        "RELEASE_TIME_IMPORT", "hours", "weighted_mean", 0, 720, "DECL_IMPORT", PUBLISHABLE,
        "Average import release time",
        "Délai moyen de mainlevée à l'importation",
        "Average time in hours from the arrival of goods to their release for import, measured"
        " with the WCO Time Release Study method.",
        "Délai moyen en heures entre l'arrivée des marchandises et leur mainlevée à"
        " l'importation, mesuré selon la méthode de l'Étude de l'OMD sur le temps nécessaire"
        " à la mainlevée.",
    ),
    Indicator(
        "AEO_COUNT", "count", "sum", 0, None, "", PUBLISHABLE,
        "Authorized economic operators",
        "Opérateurs économiques agréés",
        "Number of operators holding a valid AEO authorization at the end of the reference"
        " year.",
        "Nombre d'opérateurs titulaires d'une autorisation OEA en cours de validité à la fin"
        " de l'année de référence.",
    ),
    Indicator(
        "SEIZURES_DRUGS", "count", "sum", 0, None, "", INTERNAL,
        "Drug seizure cases",
        "Cas de saisie de drogues",
        "Number of seizure cases of narcotic drugs and psychotropic substances recorded by"
        " Customs in the reference year.",
        "Nombre de cas de saisie de stupéfiants et de substances psychotropes enregistrés par"
        " la douane au cours de l'année de référence.",
    ),
    Indicator(
        "SEIZURES_IPR", "count", "sum", 0, None, "", PUBLISHABLE,
        "IPR infringement seizure cases",
        "Cas de saisie pour atteinte aux droits de propriété intellectuelle",
        "Number of seizure cases of goods infringing intellectual property rights recorded by"
        " Customs in the reference year.",
        "Nombre de cas de saisie de marchandises portant atteinte aux droits de propriété"
        " intellectuelle enregistrés par la douane au cours de l'année de référence.",
    ),
    Indicator(
        "EDECL_SHARE", "percent", "mean", 0, 100, "", PUBLISHABLE,
        "Share of declarations lodged electronically",
        "Part des déclarations déposées par voie électronique",
        "Percentage of goods declarations lodged electronically out of all goods declarations"
        " lodged in the reference year.",
        "Pourcentage des déclarations de marchandises déposées par voie électronique parmi"
        " l'ensemble des déclarations déposées au cours de l'année de référence.",
    ),
    Indicator(
        "SW_PARTICIPATION", "count", "median", 0, None, "", PUBLISHABLE,
        "Agencies connected to the Single Window",
        "Organismes connectés au guichet unique",
        "Number of government agencies exchanging data with traders through the national"
        " Single Window at the end of the reference year.",
        "Nombre d'organismes publics échangeant des données avec les opérateurs par le"
        " guichet unique national à la fin de l'année de référence.",
    ),
    Indicator(
        "TRAINING_DAYS", "days", "mean", 0, 60, "", PUBLISHABLE,
        "Training days per staff member",
        "Jours de formation par agent",
        "Average number of training days received per Customs staff member in the reference"
        " year.",
        "Nombre moyen de jours de formation suivis par agent des douanes au cours de l'année"
        " de référence.",
    ),
    Indicator(
        "REV_SHARE_GOV", "percent", "median", 0, 100, "", INTERNAL,
        "Customs revenue as a share of government revenue",
        "Part des recettes douanières dans les recettes publiques",
        "Customs revenue collected as a percentage of total general government revenue in the"
        " reference year.",
        "Recettes douanières perçues en pourcentage des recettes totales des administrations"
        " publiques au cours de l'année de référence.",
    ),
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# KPIs and annual targets
# --------------------------------------------------------------------------------------------


class Kpi(NamedTuple):
    objective: str
    owner: str
    unit: str
    direction: str
    baseline: float
    aggregation: str
    threshold_type: str
    amber: float
    red: float
    indicator: str
    targets: tuple[float, float]  # 2025-26, 2026-27
    name_en: str
    name_fr: str


HIGH = "higher_is_better"
LOW = "lower_is_better"
PCT = "percent_of_target"
ABS = "absolute"

KPIS: tuple[Kpi, ...] = (
    Kpi(
        "SO1", "CF", "hours", LOW, 56, "latest", ABS, 60, 72, "RELEASE_TIME_IMPORT", (52, 48),
        "Average import release time across Members",
        "Délai moyen de mainlevée à l'importation dans les Membres",
    ),
    Kpi(
        "SO1", "CF", "percent", HIGH, 78, "latest", ABS, 75, 65, "EDECL_SHARE", (82, 85),
        "Share of declarations lodged electronically across Members",
        "Part des déclarations déposées par voie électronique dans les Membres",
    ),
    Kpi(
        "SO1", "CF", "percent", HIGH, 74, "latest", PCT, 90, 75, "", (76, 78),
        "Percentage of Members having acceded to the Revised Kyoto Convention",
        "Pourcentage de Membres ayant adhéré à la Convention de Kyoto révisée",
    ),
    Kpi(
        "SO1", "TTA", "days", LOW, 45, "average", PCT, 110, 125, "", (40, 35),
        "Average days to publish HS Committee classification decisions",
        "Nombre moyen de jours pour publier les décisions de classement du Comité du SH",
    ),
    Kpi(
        "SO2", "TTA", "count", HIGH, 38, "cumulative", PCT, 90, 75, "", (45, 50),
        "Number of Members trained on Customs valuation and transfer pricing",
        "Nombre de Membres formés à l'évaluation en douane et aux prix de transfert",
    ),
    Kpi(
        "SO2", "CB", "eur", HIGH, 1200000, "cumulative", PCT, 90, 75, "", (1300000, 1400000),
        "Donor funding mobilized for revenue-related capacity building",
        "Financements des donateurs mobilisés pour le renforcement des capacités en matière"
        " de recettes",
    ),
    Kpi(
        "SO2", "RCP", "percent", HIGH, 64, "latest", ABS, 60, 50, "", (70, 75),
        "Percentage of Members submitting the annual Customs statistics survey",
        "Pourcentage de Membres répondant à l'enquête annuelle sur les statistiques douanières",
    ),
    Kpi(
        "SO3", "CF", "count", HIGH, 95, "cumulative", PCT, 90, 75, "", (100, 110),
        "Number of Members participating in WCO-coordinated enforcement operations",
        "Nombre de Membres participant aux opérations de lutte contre la fraude coordonnées"
        " par l'OMD",
    ),
    Kpi(
        "SO3", "CF", "days", LOW, 4.5, "average", ABS, 5, 6, "", (4, 3.5),
        "Average days to disseminate enforcement alerts to Members",
        "Nombre moyen de jours pour diffuser les alertes de lutte contre la fraude aux Membres",
    ),
    Kpi(
        "SO3", "CB", "count", HIGH, 1800, "cumulative", PCT, 90, 75, "", (2000, 2200),
        "Number of front-line officers trained in security and enforcement programmes",
        "Nombre d'agents de première ligne formés dans le cadre des programmes de sécurité et"
        " de lutte contre la fraude",
    ),
    Kpi(
        "SO4", "CB", "count", HIGH, 160, "cumulative", PCT, 90, 75, "", (170, 180),
        "Number of capacity-building missions delivered",
        "Nombre de missions de renforcement des capacités réalisées",
    ),
    Kpi(
        "SO4", "ADM", "days", LOW, 120, "average", PCT, 110, 125, "", (105, 95),
        "Average days to fill a vacant Secretariat post",
        "Nombre moyen de jours pour pourvoir un poste vacant au Secrétariat",
    ),
    Kpi(
        "SO4", "SPF", "score", HIGH, 4.0, "average", ABS, 3.8, 3.5, "", (4.1, 4.2),
        "Member satisfaction with WCO support (score from 1 to 5)",
        "Satisfaction des Membres à l'égard de l'appui de l'OMD (note de 1 à 5)",
    ),
    Kpi(
        "SO4", "SPF", "percent", HIGH, 72, "latest", ABS, 65, 55, "", (75, 80),
        "Percentage of Implementation Plan deliverables completed on time",
        "Pourcentage de livrables du Plan de mise en œuvre achevés dans les délais",
    ),
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------


def number(value: float | None) -> str:
    """Plain decimal text: 48, 4.5, 1200000; empty for None."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def quarter_bounds(ip_start: date, quarter: int) -> tuple[date, date]:
    """First and last day of quarter 1..4 of the financial year starting on ip_start."""
    month = ip_start.month + 3 * (quarter - 1)
    year = ip_start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    start = date(year, month, 1)
    next_month = month + 3
    next_start = date(year + (next_month - 1) // 12, (next_month - 1) % 12 + 1, 1)
    return start, date.fromordinal(next_start.toordinal() - 1)


def build_reporting_calendar() -> list[Row]:
    """Quarters of each Implementation Plan year; returns due on the 15th after the quarter."""
    rows = []
    for ip_year, ip_start, _ in IP_YEARS:
        for quarter in range(1, 5):
            start, end = quarter_bounds(ip_start, quarter)
            deadline_month = end.month % 12 + 1
            deadline_year = end.year + (1 if end.month == 12 else 0)
            deadline = date(deadline_year, deadline_month, 15)
            rows.append(
                {
                    "period_code": f"{ip_year}-Q{quarter}",
                    "ip_year": ip_year,
                    "quarter": str(quarter),
                    "start_date": start.isoformat(),
                    "end_date": end.isoformat(),
                    "return_deadline": f"{deadline.isoformat()} 17:00",
                }
            )
    return rows


def build_regional_priorities() -> list[Row]:
    """Each region's priorities, ranked in the order listed."""
    rows: list[Row] = []
    ranks: dict[str, int] = {}
    for region, name_en, name_fr, objectives, deliverables in REGIONAL_PRIORITIES:
        ranks[region] = ranks.get(region, 0) + 1
        rows.append(
            {
                "priority_code": f"{region}-P{ranks[region]}",
                "region_code": region,
                "plan_cycle": PLAN_CYCLE,
                "priority_rank": str(ranks[region]),
                "name_en": name_en,
                "name_fr": name_fr,
                "objective_codes": ";".join(objectives),
                "deliverable_codes": ";".join(f"D-2526-{n:02d}" for n in deliverables),
            }
        )
    return rows


def build_registers(
    countries: dict[str, Row], exchange_rates: Path = DEFAULT_EXCHANGE_RATES
) -> dict[str, list[Row]]:
    """Every register's rows, keyed by register name."""
    members = build_members(countries)
    return {
        "plan_cycles": [
            {
                "plan_cycle": PLAN_CYCLE,
                "plan_revision": str(PLAN_REVISION),
                "title_en": "WCO Strategic Plan 2025-2028: Serving data-driven Customs for a"
                " connected world",
                "title_fr": "Plan stratégique de l'OMD 2025-2028 : Au service d'une douane axée"
                " sur les données pour un monde connecté",
                "start_date": "2025-07-01",
                "end_date": "2028-06-30",
                "valid_from": "2025-07-01",
                "valid_to": "",
            }
        ],
        "strategic_goals": [
            {
                "goal_code": "SG1",
                "plan_cycle": PLAN_CYCLE,
                "name_en": "Data-driven, connected Customs administrations that facilitate"
                " legitimate trade, secure fair revenue and protect society",
                "name_fr": "Des administrations douanières connectées et axées sur les données"
                " qui facilitent le commerce légitime, garantissent une perception équitable"
                " des recettes et protègent la société",
            }
        ],
        "objectives": [
            {"objective_code": code, "goal_code": "SG1", "name_en": en, "name_fr": fr}
            for code, en, fr in OBJECTIVES
        ],
        "focus_areas": [
            {"focus_area_code": code, "name_en": en, "name_fr": fr} for code, en, fr in FOCUS_AREAS
        ],
        "implementation_plans": [
            {
                "ip_year": ip_year,
                "plan_cycle": PLAN_CYCLE,
                "plan_revision": str(PLAN_REVISION),
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
            }
            for ip_year, start, end in IP_YEARS
        ],
        "directorates": [
            {
                "directorate_code": code,
                "name_en": en,
                "name_fr": fr,
                "preferred_language": language,
                "alert_email": f"{code.lower()}.returns@example.org",
                "valid_from": "2020-01-01",
                "valid_to": "",
                **{
                    column: DIRECTORATE_ALERT_SETTINGS.get(code, {}).get(column, "")
                    for column in ALERT_SETTING_COLUMNS
                },
            }
            for code, en, fr, language in DIRECTORATES
        ],
        "reporting_calendar": build_reporting_calendar(),
        "deliverables": [
            {
                "deliverable_code": f"D-2526-{seq:02d}",
                "ip_year": IP_YEAR,
                "objective_code": d.objective,
                "title_en": d.title_en,
                "title_fr": d.title_fr,
                "focus_areas": ";".join(d.focus_areas),
                "owner_directorate": d.owner,
                "due_period": f"{IP_YEAR}-Q{d.quarter}",
                "target_type": d.target_type,
            }
            for seq, d in enumerate(DELIVERABLES, start=1)
        ],
        "indicators": [
            {
                "indicator_code": i.code,
                "name_en": i.name_en,
                "name_fr": i.name_fr,
                "definition_en": i.definition_en,
                "definition_fr": i.definition_fr,
                "unit": i.unit,
                "min_value": number(i.min_value),
                "max_value": number(i.max_value),
                "may_be_negative": "false",
                "aggregation": i.aggregation,
                "weight_indicator": i.weight,
                "reference_period": "calendar_year",
                "confidentiality": i.confidentiality,
                "source_type": i.source_type,
            }
            for i in INDICATORS + EXTERNAL_INDICATORS
        ],
        "external_series": [
            dict(zip(EXTERNAL_SERIES_COLUMNS, row, strict=True)) for row in EXTERNAL_SERIES
        ],
        "kpis": [
            {
                "kpi_code": f"KPI-{n:02d}",
                "name_en": k.name_en,
                "name_fr": k.name_fr,
                "objective_code": k.objective,
                "owner_directorate": k.owner,
                "unit": k.unit,
                "direction": k.direction,
                "baseline": number(k.baseline),
                "aggregation": k.aggregation,
                "threshold_type": k.threshold_type,
                "amber_threshold": number(k.amber),
                "red_threshold": number(k.red),
                "source": "statistics" if k.indicator else "return",
                "indicator_code": k.indicator,
            }
            for n, k in enumerate(KPIS, start=1)
        ],
        "kpi_targets": [
            {"kpi_code": f"KPI-{n:02d}", "ip_year": ip_year, "target": number(target)}
            for n, k in enumerate(KPIS, start=1)
            for (ip_year, _, _), target in zip(IP_YEARS, k.targets, strict=True)
        ],
        "regions": [
            {"region_code": code, "name_en": en, "name_fr": fr} for code, en, fr in REGIONS
        ],
        "regional_priorities": build_regional_priorities(),
        "members": members,
        "member_name_variants": build_member_name_variants(countries, members),
        "member_currencies": build_member_currencies(countries, members),
        "exchange_rates": build_exchange_rates(exchange_rates),
    }


def write_register(spec: RegisterSpec, rows: Sequence[Row], output_dir: Path) -> Path:
    """One CSV with the spec's columns in the spec's order (LF line ends, minimal quoting)."""
    columns = [c.name for c in spec.columns]
    for row in rows:
        if set(row) != set(columns):
            raise ValueError(f"{spec.name}: row columns {sorted(row)} differ from the spec")
    path = output_dir / spec.file_name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_all(
    country_codes: Path, output_dir: Path, exchange_rates: Path = DEFAULT_EXCHANGE_RATES
) -> list[tuple[Path, int]]:
    registers = build_registers(load_country_codes(country_codes), exchange_rates)
    specs = load_register_specs()
    missing = {s.name for s in specs} ^ set(registers)
    if missing:
        raise ValueError(f"registers in the spec and in this script differ: {sorted(missing)}")
    output_dir.mkdir(parents=True, exist_ok=True)
    return [
        (write_register(spec, registers[spec.name], output_dir), len(registers[spec.name]))
        for spec in specs
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--country-codes", type=Path, default=DEFAULT_COUNTRY_CODES)
    parser.add_argument("--output-dir", type=Path, default=OUTPUT_DIR)
    parser.add_argument("--exchange-rates", type=Path, default=DEFAULT_EXCHANGE_RATES)
    args = parser.parse_args(argv)
    for path, count in write_all(args.country_codes, args.output_dir, args.exchange_rates):
        print(f"{path.name}: {count} rows")


if __name__ == "__main__":
    main()

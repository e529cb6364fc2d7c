"""Which WCO Member a statistics row is about, from whatever the producer wrote.

Bulk extracts name economies in many ways: ISO alpha-2, alpha-3 or numeric codes, English or
French names, and the producers' own spellings ("Korea, Rep.", "Egypt, Arab Rep.", "Hong Kong,
China", "Ivory Coast"). Names are compared after folding case, accents, apostrophe styles and
punctuation, against the Member register and the ``member_name_variants`` register, so the
office teaches the platform a new spelling by adding a register row, not by changing code.
Aggregates ("World") and economies that are not Members are known too: their rows are skipped
with a note instead of rejecting the file. Anything else is unresolved, with suggestions.

Beyond the registers, the names the world already keeps are read from ``world_names``: ISO
codes, the UN's and CLDR's English and French names, the World Bank's aggregates. A code joined
to the Member register decides Member or non-Member, so the same file serves any membership.
The office's registers are read first and win over these.

A variant may hold for some years only (``valid_from_year``/``valid_to_year``): "Ethiopia
(excludes Eritrea)" is Ethiopia from 1993; a row for another year is skipped with a note. An
entity that covers several Members ("Serbia and Montenegro", "Sudan (former)") is never
attributed to one of them: its rows are skipped with a note.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

MEMBER = "member"
AGGREGATE = "aggregate"
NON_MEMBER = "non_member"
SEVERAL_MEMBERS = "several_members"
OUT_OF_PERIOD = "out_of_period"
UNRESOLVED = "unresolved"
SKIPPED_STATUSES = (AGGREGATE, NON_MEMBER, SEVERAL_MEMBERS, OUT_OF_PERIOD)

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u00b4`\u2032"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_ARTICLE = re.compile(r"^(the|la|le|les|l) | (the|la|le|les|l)$")


def _present(value: object) -> bool:
    """A register cell that holds something (empty cells arrive as None or NaN)."""
    return value is not None and value == value and str(value).strip() != ""


def normalise_name(text: str) -> str:
    """Fold a name or code for matching: no accents, case, apostrophes or punctuation.

    "Côte d’Ivoire", "COTE D'IVOIRE" and "Cote d Ivoire" all fold to "cote d ivoire"; "&" reads
    as "and"; a leading or trailing article ("the", "la", "(the)") is dropped.
    """
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("&", " and ").replace("ß", "ss")
    words = _NOT_WORD.sub(" ", plain).strip()
    return _ARTICLE.sub("", words).strip()


@dataclass(frozen=True)
class Resolution:
    """What one written name stands for: a Member, an aggregate or non-Member, or nothing."""

    status: str  # member | aggregate | non_member | several_members | out_of_period | unresolved
    member_code: str | None = None
    suggestions: tuple[str, ...] = ()
    period: str | None = None  # out_of_period: the years the name stands for member_code


def _year(value: object) -> int | None:
    return int(float(str(value))) if _present(value) else None


@dataclass(frozen=True)
class _Dated:
    """A name that means ``resolution`` in the years ``first``..``last`` (None: open)."""

    first: int | None
    last: int | None
    resolution: Resolution

    def holds(self, year: float | None) -> bool:
        if year is None or year != year:
            return True
        return (self.first is None or year >= self.first) and (
            self.last is None or year <= self.last
        )

    @property
    def period(self) -> str:
        return f"{self.first or ''}–{self.last or ''}"


@dataclass
class MemberResolver:
    """Folded name or code -> Resolution, built once per run from the registers."""

    index: dict[str, Resolution] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # folded key -> shown in suggestions
    conflicts: list[str] = field(default_factory=list)
    dated: dict[str, list[_Dated]] = field(default_factory=dict)  # folded key -> by years

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> MemberResolver:
        from ingestion.statistics.world_names import world_names

        resolver = cls()
        members = frames["members"]
        member_codes = {str(code) for code in members["member_code"]}
        world = world_names()

        def economy(alpha3: str | None) -> Resolution:
            if alpha3 is None:
                return Resolution(AGGREGATE)
            return Resolution(MEMBER, alpha3) if alpha3 in member_codes else Resolution(NON_MEMBER)

        # Codes first: they are unambiguous and must never be shadowed by a name.
        for row in members.itertuples(index=False):
            code = str(row.member_code)
            resolver._add(code, Resolution(MEMBER, code), label=f"{code}")
            if _present(row.iso2):
                resolver._add(str(row.iso2), Resolution(MEMBER, code), label=f"{row.iso2}")
            if _present(row.iso_numeric) and str(row.iso_numeric).isdigit():
                resolver._add(str(int(str(row.iso_numeric))), Resolution(MEMBER, code), label=code)
        for known in world.codes:
            resolver._add(known.text, economy(known.alpha3), label=known.text)
        for row in members.itertuples(index=False):
            code = str(row.member_code)
            for name in (row.name_en, row.name_fr):
                resolver._add(str(name), Resolution(MEMBER, code), label=f"{name} ({code})")
        variants = frames.get("member_name_variants")
        if variants is not None:
            for row in variants.to_dict("records"):
                name, kind = str(row["name"]), str(row["kind"])
                if kind == MEMBER:
                    code = str(row["member_code"])
                    resolution, label = Resolution(MEMBER, code), f"{name} ({code})"
                else:
                    resolution, label = Resolution(kind), name
                first, last = _year(row.get("valid_from_year")), _year(row.get("valid_to_year"))
                if first is None and last is None:
                    resolver._add(name, resolution, label=label)
                else:
                    resolver._add_dated(name, _Dated(first, last, resolution), label=label)
        for known in world.names:
            alpha3 = known.alpha3
            label = f"{known.text} ({alpha3})" if alpha3 in member_codes else known.text
            resolver._add(known.text, economy(alpha3), label=label)
        return resolver

    def _add(self, text: str, resolution: Resolution, label: str) -> None:
        key = normalise_name(text)
        if not key:
            return
        known = self.index.get(key)
        if known is not None:
            if known != resolution:  # first definition wins; the clash is reported
                self.conflicts.append(f"'{text}' means both {known} and {resolution}")
            return
        self.index[key] = resolution
        self.labels[key] = label

    def _add_dated(self, text: str, dated: _Dated, label: str) -> None:
        key = normalise_name(text)
        if not key:
            return
        if key in self.index:
            self.conflicts.append(f"'{text}' is dated but already means {self.index[key]}")
            return
        self.dated.setdefault(key, []).append(dated)
        self.labels.setdefault(key, label)

    @staticmethod
    def _key(text: str) -> str:
        key = normalise_name(text)
        return str(int(key)) if key.isdigit() else key

    def dated_meaning(self, text: str) -> tuple[str, str]:
        """For a name that holds for some years only: the Member(s) and the years, for notes."""
        dated = self.dated.get(self._key(text), [])
        codes = sorted({d.resolution.member_code or d.resolution.status for d in dated})
        return ", ".join(codes) or "-", ", ".join(d.period for d in dated) or "-"

    def resolve(self, text: str, year: float | None = None) -> Resolution:
        """What ``text`` stands for (in ``year``, for names that hold for some years only)."""
        key = self._key(text)
        found = self.index.get(key)
        if found is not None:
            return found
        dated = self.dated.get(key)
        if dated:
            for candidate in dated:
                if candidate.holds(year):
                    return candidate.resolution
            first = dated[0]
            if first.resolution.status != MEMBER:
                # a former or combined entity is skipped whatever the year
                return first.resolution
            return Resolution(
                OUT_OF_PERIOD,
                first.resolution.member_code,
                period=", ".join(d.period for d in dated),
            )
        return Resolution(UNRESOLVED, suggestions=self.suggest(key))

    def suggest(self, key: str, count: int = 3) -> tuple[str, ...]:
        """The closest known names, for the person fixing the file."""
        close = difflib.get_close_matches(key, list(self.index), n=count * 3, cutoff=0.6)
        shown: list[str] = []
        for candidate in close:
            resolution = self.index[candidate]
            if resolution.status != MEMBER:
                continue
            label = self.labels[candidate]
            if label not in shown:
                shown.append(label)
        return tuple(shown[:count])

    def resolve_many(
        self, values: pd.Series, years: pd.Series | None = None
    ) -> tuple[pd.DataFrame, dict[str, Resolution]]:
        """Resolve a column of written names: one lookup per distinct value (fast on big files).

        Returns a frame aligned on ``values`` with ``member_code`` and ``member_status``, and
        the resolution of each distinct value (for suggestions). Names that hold for some years
        only are resolved again row by row with ``years`` (such rows are few).
        """
        import pandas as pd

        positions, distinct = pd.factorize(values, use_na_sentinel=False)
        resolved = {v: self.resolve(str(v)) for v in distinct}
        if years is not None and self.dated:
            dated = [v for v in distinct if self._key(str(v)) in self.dated]
            if dated:
                frame, _ = self.resolve_many(values)
                rows = values.isin(dated).to_numpy().nonzero()[0]
                for row in rows:
                    found = self.resolve(str(values.iloc[row]), years.iloc[row])
                    frame.iloc[row, 0] = found.member_code
                    frame.iloc[row, 1] = found.status
                return frame, resolved
        # taken from small Arrow arrays: no per-row Python strings
        codes = pd.array([resolved[v].member_code for v in distinct], dtype="str")
        status = pd.array([resolved[v].status for v in distinct], dtype="str")
        frame = pd.DataFrame(
            {"member_code": codes[positions], "member_status": status[positions]},
            index=values.index,
        )
        return frame, resolved

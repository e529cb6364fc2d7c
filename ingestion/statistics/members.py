"""Which WCO Member a statistics row is about, from whatever the producer wrote.

Bulk extracts name economies in many ways: ISO alpha-2, alpha-3 or numeric codes, English or
French names, and the producers' own spellings ("Korea, Rep.", "Egypt, Arab Rep.", "Hong Kong,
China", "Ivory Coast"). Names are compared after folding case, accents, apostrophe styles and
punctuation, against the Member register and the ``member_name_variants`` register, so the
office teaches the platform a new spelling by adding a register row, not by changing code.
Aggregates ("World") and economies that are not Members are known too: their rows are skipped
with a note instead of rejecting the file. Anything else is unresolved, with suggestions.
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
UNRESOLVED = "unresolved"

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

    status: str  # member | aggregate | non_member | unresolved
    member_code: str | None = None
    suggestions: tuple[str, ...] = ()


@dataclass
class MemberResolver:
    """Folded name or code -> Resolution, built once per run from the registers."""

    index: dict[str, Resolution] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # folded key -> shown in suggestions
    conflicts: list[str] = field(default_factory=list)

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> MemberResolver:
        resolver = cls()
        members = frames["members"]
        # Codes first: they are unambiguous and must never be shadowed by a name.
        for row in members.itertuples(index=False):
            code = str(row.member_code)
            resolver._add(code, Resolution(MEMBER, code), label=f"{code}")
            if _present(row.iso2):
                resolver._add(str(row.iso2), Resolution(MEMBER, code), label=f"{row.iso2}")
            if _present(row.iso_numeric) and str(row.iso_numeric).isdigit():
                resolver._add(str(int(str(row.iso_numeric))), Resolution(MEMBER, code), label=code)
        for row in members.itertuples(index=False):
            code = str(row.member_code)
            for name in (row.name_en, row.name_fr):
                resolver._add(str(name), Resolution(MEMBER, code), label=f"{name} ({code})")
        variants = frames.get("member_name_variants")
        if variants is not None:
            for row in variants.itertuples(index=False):
                if row.kind == MEMBER:
                    code = str(row.member_code)
                    resolver._add(
                        str(row.name), Resolution(MEMBER, code), label=f"{row.name} ({code})"
                    )
                else:
                    resolver._add(str(row.name), Resolution(str(row.kind)), label=str(row.name))
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

    def resolve(self, text: str) -> Resolution:
        key = normalise_name(text)
        if key.isdigit():
            key = str(int(key))
        found = self.index.get(key)
        if found is not None:
            return found
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

    def resolve_many(self, values: pd.Series) -> tuple[pd.DataFrame, dict[str, Resolution]]:
        """Resolve a column of written names: one lookup per distinct value (fast on big files).

        Returns a frame aligned on ``values`` with ``member_code`` and ``member_status``, and
        the resolution of each distinct value (for suggestions).
        """
        import pandas as pd

        positions, distinct = pd.factorize(values, use_na_sentinel=False)
        resolved = {v: self.resolve(str(v)) for v in distinct}
        # taken from small Arrow arrays: no per-row Python strings
        codes = pd.array([resolved[v].member_code for v in distinct], dtype="str")
        status = pd.array([resolved[v].status for v in distinct], dtype="str")
        frame = pd.DataFrame(
            {"member_code": codes[positions], "member_status": status[positions]},
            index=values.index,
        )
        return frame, resolved

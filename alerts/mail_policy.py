"""The e-mail policy used to serialise every outgoing message (CRLF, 78-column folding).

Python 3.11's header refolding (``email.policy.SMTP``/``default``) mangles some subjects: a
subject just short of the limit may be folded right after ``Subject:`` (read back with a leading
space), and around RFC 2047 encoded words it can drop or double a space ("descapacités",
"2  résolu(s)"). Directorate names are long and French, so these cases are real. This policy
folds the Subject itself: plain ASCII at single spaces between words (each fold replaces one
space, so unfolding gives the text back exactly), anything else as UTF-8 encoded words with the
``email.header`` encoder, whose encoded words carry their own spaces. Other headers are short or
structured and keep the standard folding.
"""

from __future__ import annotations

import re
from email.header import Header
from email.policy import EmailPolicy
from typing import Any

_FOLDABLE_SPACE = re.compile(r"(?<=\S) (?=\S)")


class SubjectSafePolicy(EmailPolicy):
    """``email.policy.SMTP`` with a Subject folding that reads back exactly as it was written."""

    def _fold_subject(self, name: str, value: Any) -> str | None:
        if name.lower() != "subject":
            return None
        text = str(value)
        limit = self.max_line_length or 78
        if not text.isascii():
            encoded = Header(text, "utf-8", maxlinelen=limit, header_name=name)
            return f"{name}: {encoded.encode(linesep=self.linesep)}{self.linesep}"
        lines = [f"{name}:"]
        for position, word in enumerate(_FOLDABLE_SPACE.split(text)):
            if position and len(lines[-1]) + 1 + len(word) > limit:
                lines.append(f" {word}")
            else:
                lines[-1] += f" {word}"
        return self.linesep.join(lines) + self.linesep

    def fold(self, name: str, value: Any) -> str:
        return self._fold_subject(name, value) or super().fold(name, value)

    def fold_binary(self, name: str, value: Any) -> bytes:
        folded = self._fold_subject(name, value)
        return folded.encode("ascii") if folded else super().fold_binary(name, value)


MAIL_POLICY = SubjectSafePolicy(linesep="\r\n")  # CRLF line ends, as SMTP requires

"""smishguard: explainable SMS phishing (smishing) verdicts and look-alike domain watch.

>>> from smishguard import scan
>>> verdict = scan("Acme IT: your password expired, log in at acme-okta.com")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from smishguard.model import Verdict


def scan(text: str, sender: str | None = None) -> Verdict:
    """Scan one SMS with the built-in policy and every detector (see smishguard.scanner)."""
    from smishguard.scanner import scan as _scan

    return _scan(text, sender)

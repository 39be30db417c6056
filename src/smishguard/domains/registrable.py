"""Split host names into subdomain, registrable domain and public suffix, offline.

Uses tldextract's bundled Public Suffix List snapshot (pinned with the package): no network
call is ever made. The extractor is built once per process and is read-only afterwards.

The PSL's *private* section is included: on shared hosting such as ``pages.dev``,
``vercel.app``, ``github.io`` or ``s3.amazonaws.com`` every customer's name is its own
registrable domain (``acme-login.pages.dev``), which is what a phishing defence needs: the
platform's owner does not own its customers' pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import tldextract


@dataclass(frozen=True, slots=True)
class HostParts:
    """``login.acme.co.uk`` → subdomain ``login``, name ``acme``, suffix ``co.uk``."""

    subdomain: str
    name: str  # the label just left of the public suffix ("acme")
    suffix: str

    @property
    def registrable_domain(self) -> str:
        """eTLD+1 ("acme.co.uk"), or '' when the host has no known public suffix."""
        return f"{self.name}.{self.suffix}" if self.name and self.suffix else ""


@cache
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def split_host(host: str) -> HostParts:
    """Split an ASCII (or Unicode) host name, without a port, on the Public Suffix List."""
    result = _extractor()(host)
    return HostParts(subdomain=result.subdomain, name=result.domain, suffix=result.suffix)


def registrable_domain(host: str) -> str:
    """The registrable domain (eTLD+1) of a host name, '' when there is none."""
    return split_host(host).registrable_domain

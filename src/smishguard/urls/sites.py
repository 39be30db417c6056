"""The site a link belongs to: what a name on it was chosen for, and what a decision covers.

Mostly the registrable domain (``acme-okta.com`` for ``login.acme-okta.com``). On a free host
that the Public Suffix List does not know (weebly.com, godaddysites.com:
:data:`~smishguard.domains.suffixes.EXTRA_FREE_HOSTS`) anyone gets a name, so the site is the
customer's host (``acme-help.weebly.com``), never the host's own domain: one tenant's
decision on one site there must not reach every site of the host.
"""

from __future__ import annotations

from typing import Final

from smishguard.domains.suffixes import EXTRA_FREE_HOSTS
from smishguard.model import Url

FREE_HOSTS: Final = frozenset(EXTRA_FREE_HOSTS)


def site_name(url: Url) -> str:
    """The link's site (module docstring): its registrable domain, the customer's host on a
    free host, the address itself for an IP literal; '' for a name with no public suffix."""
    if url.is_ip:
        return url.host
    registrable = url.registrable_domain
    if registrable in FREE_HOSTS and url.subdomain:
        label = url.subdomain.rsplit(".", 1)[-1]
        if label != "www":
            return f"{label}.{registrable}"
    return registrable

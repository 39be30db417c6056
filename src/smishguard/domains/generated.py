"""The letters a free host writes into its customers' names, which no customer chose.

Several platforms name a site, or each deployment of it, with a random id beside the name
its owner gave: a Vercel deployment is ``<project>-<9 letters and digits>-<team>``, a
DigitalOcean app ``<name>-<5>``, an Amplify app ``d<13>``, a Netlify deploy
``<24 hex>--<site>``; a Netlify or Firebase default name ends in a few hex digits, and a
SharePoint tenant's OneDrive is ``<tenant>-my``. Those letters are the platform's, mostly
chance: read as a brand's name or slips they flag benign sites (``acme-app-k1tmw`` is no
Klarna, an Amplify id opening with ``dbs`` no DBS, ``acme365-my`` no myGov), and a kit cannot
choose them either. Only the owner's part is judged; an id that fills the whole name leaves
nothing to judge there (the labels in front, such as an Amplify branch, are still read).

Render's 4 letters, added only when a name is taken, are left: beside a word name they are a
kit's junk to the rules (``bell-pk78``), and they are rare.
"""

from __future__ import annotations

import re
from typing import Final

# The owner's part is the groups that matched, joined by a hyphen; a name the pattern does not
# match is all the owner's.
_HEX_ID: Final = r"(?=[a-f]*\d)(?=\d*[a-f])[0-9a-f]"  # hex digits, a digit and a letter among them
_GENERATED: Final = {
    "vercel.app": re.compile(r"(.+)-(?=[a-z]*\d)[a-z0-9]{9}-(.+)"),
    "ondigitalocean.app": re.compile(r"(.+)-[a-z0-9]{5}"),
    "amplifyapp.com": re.compile(r"d[a-z0-9]{12,13}"),
    "netlify.app": re.compile(rf"[0-9a-f]{{24}}--(.+)|(.+)-{_HEX_ID}{{6}}"),
    "web.app": re.compile(rf"(.+)-{_HEX_ID}{{5}}"),
    "firebaseapp.com": re.compile(rf"(.+)-{_HEX_ID}{{5}}"),
    "r2.dev": re.compile(r"pub-[0-9a-f]{32}"),
    "sharepoint.com": re.compile(r"(.+)-my"),  # a tenant's OneDrive: acme-my.sharepoint.com
}


# The first label of each of those hosts: a cheap test before the host is joined.
GENERATING: Final = frozenset(host.split(".", 1)[0] for host in _GENERATED)


def owners_part(label: str, host: str) -> str:
    """The part of ``label``, the name of a site on the free host ``host``, that its owner
    chose: ``acme-3kd9xlq2z-team`` → ``acme-team`` on vercel.app; "" when the platform
    wrote all of it."""
    pattern = _GENERATED.get(host)
    if pattern is None:
        return label
    found = pattern.fullmatch(label)
    if found is None:
        return label
    return "-".join(part for part in found.groups() if part)

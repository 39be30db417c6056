"""Build hook: with ``SMISHGUARD_COMPILE=1`` the domain watch is compiled to C with mypyc.

    SMISHGUARD_COMPILE=1 pip install .      # the compiled watch (needs a C compiler)
    pip install .                           # pure Python, the same answers, about half as fast

The look-alike engine (``smishguard.domains``) and the watch pipeline (``smishguard.watch``)
are the code a feed of new names runs through; mypyc turns their typed Python into a C
extension, as black ships its wheels. Everything else stays Python. Development installs
(``./run setup``, editable) stay pure Python, so an edit takes effect at once; the tests check
that the compiled build answers exactly as the Python one (tests/domains/test_compiled.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

COMPILED = sorted(
    str(path)
    for path in [*Path("src/smishguard/domains").glob("*.py"), Path("src/smishguard/watch.py")]
)


def _extensions() -> list[object]:
    if os.environ.get("SMISHGUARD_COMPILE") != "1":
        return []
    from mypyc.build import mypycify  # a build requirement only when compiling

    # mypy reads its settings ([tool.mypy], strict) from pyproject.toml, as `mypy` does.
    return list(mypycify(COMPILED, opt_level="3"))


setup(ext_modules=_extensions())

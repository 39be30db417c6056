"""Make the local feed servers (watch_servers.py) importable by the tests in this folder.

The suite runs with --import-mode=importlib, which does not put test folders on sys.path,
so the helper module is loaded once by its path and registered under its own name.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def _register(name: str, path: Path) -> None:
    if name in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


_register("watch_servers", Path(__file__).with_name("watch_servers.py"))

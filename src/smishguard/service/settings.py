"""Settings of ``smishguard serve``, read once at the edge: ``SMISHGUARD_*`` environment
variables over the ``[service]`` table of ``smishguard.toml`` over defaults.

=============================  ==============================  ===============================
environment variable           ``[service]`` key               default
=============================  ==============================  ===============================
``SMISHGUARD_STATE_DIR``       ``state_dir``                   ``~/.local/share/smishguard``
``SMISHGUARD_DATABASE_URL``    ``database_url``                SQLite file in the state dir
``SMISHGUARD_HOST``            ``host``                        ``127.0.0.1``
``SMISHGUARD_PORT``            ``port``                        ``8000``
``SMISHGUARD_PUBLIC_URL``      ``public_url``                  the URL requests arrive at
``SMISHGUARD_SECRET_KEY``      ``secret_key``                  generated into the state dir
``SMISHGUARD_MAX_BODY_BYTES``  ``max_body_bytes``              ``65536``
``SMISHGUARD_ALERT_INTERVAL``  ``alert_interval``              ``2.0`` (seconds)
=============================  ==============================  ===============================
"""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smishguard.errors import PolicyError
from smishguard.store.engine import default_database_url

SETTING_KEYS = (
    "state_dir", "database_url", "host", "port", "public_url", "secret_key", "max_body_bytes",
    "alert_interval",
)
SECRET_FILE = "secret.key"


@dataclass(frozen=True, slots=True)
class Settings:
    state_dir: Path
    database_url: str
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None  # e.g. https://smishguard.acme.com, behind a proxy
    secret_key: bytes = field(default=b"", repr=False)
    max_body_bytes: int = 65536
    alert_interval: float = 2.0


def default_state_dir(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "smishguard"


def load_settings(environ: Mapping[str, str] | None = None, config_file: Path | None = None,
                  **overrides: Any) -> Settings:
    """Settings from overrides (CLI options), then the environment, then the TOML file."""
    environ = os.environ if environ is None else environ
    table = _service_table(config_file)
    values: dict[str, Any] = {}
    for key in SETTING_KEYS:
        if overrides.get(key) is not None:
            values[key] = overrides[key]
        elif f"SMISHGUARD_{key.upper()}" in environ:
            values[key] = environ[f"SMISHGUARD_{key.upper()}"]
        elif key in table:
            values[key] = table[key]
    state_dir = Path(values.get("state_dir") or default_state_dir(environ)).expanduser()
    secret = values.get("secret_key")
    return Settings(
        state_dir=state_dir,
        database_url=str(values.get("database_url") or default_database_url(state_dir)),
        host=str(values.get("host", "127.0.0.1")),
        port=_number(values.get("port", 8000), "port", int, 0, 65535),
        public_url=str(values["public_url"]).rstrip("/") if values.get("public_url") else None,
        secret_key=str(secret).encode() if secret else b"",
        max_body_bytes=_number(values.get("max_body_bytes", 65536), "max_body_bytes", int,
                               1024, 100_000_000),
        alert_interval=_number(values.get("alert_interval", 2.0), "alert_interval", float,
                               0.01, 3600.0),
    )


def secret_key(settings: Settings) -> bytes:
    """The key for reporter pseudonyms and session signing: configured, else generated once
    into the state directory (readable by its owner only) so pseudonyms stay stable."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.state_dir / SECRET_FILE
    if not path.exists():
        settings.state_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()


def _service_table(config_file: Path | None) -> Mapping[str, Any]:
    if config_file is None or not config_file.is_file():
        return {}
    try:
        raw = tomllib.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"cannot read settings from {config_file}: {exc}") from exc
    table = raw.get("service", {})
    if not isinstance(table, dict):
        raise PolicyError(f"{config_file}: 'service' must be a table")
    unknown = sorted(set(table) - set(SETTING_KEYS))
    if unknown:
        raise PolicyError(
            f"unknown setting 'service.{unknown[0]}' in {config_file} "
            f"(allowed: {', '.join(SETTING_KEYS)})"
        )
    return table


def _number(value: Any, key: str, kind: type[int] | type[float], low: float,
            high: float) -> Any:
    try:
        number = kind(value)
    except (TypeError, ValueError) as exc:
        raise PolicyError(f"setting {key!r} must be a number, not {value!r}") from exc
    if not low <= number <= high:
        raise PolicyError(f"setting {key!r} must be between {low} and {high}, not {value!r}")
    return number

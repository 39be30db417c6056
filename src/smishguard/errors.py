"""The one error hierarchy of smishguard.

Every error a user can cause is a :class:`SmishguardError`; front ends (CLI, API) turn it
into a one-line message and an exit code or a 4xx body. Foreign exceptions are wrapped once,
where they enter (``raise InvalidInput(...) from exc``)::

    SmishguardError
    ├── PolicyError          a policy file or value is wrong (names the key)
    ├── InvalidInput         a message, file or row cannot be read as asked
    ├── ModelError           the text model is missing, corrupt or cannot be trained
    ├── DataError            development data is missing or malformed
    ├── StoreError           the database cannot be opened, migrated or reached
    ├── NotFound             a tenant, report, key or campaign does not exist (for the caller)
    ├── Conflict             the thing exists already (a tenant name, a reporting number)
    ├── Unauthenticated      no credentials, or credentials that match nothing
    └── PermissionDenied     credentials valid, but the role may not do this
"""

from __future__ import annotations


class SmishguardError(Exception):
    """Base of every error smishguard raises on purpose; its message is shown to users."""

    exit_code: int = 1


class PolicyError(SmishguardError):
    """A policy file or value is invalid; the message names the key."""

    exit_code = 2


class InvalidInput(SmishguardError):
    """Input (text, file, row) cannot be processed as asked."""

    exit_code = 2


class ModelError(SmishguardError):
    """The text model cannot be loaded, used or trained."""

    exit_code = 3


class DataError(SmishguardError):
    """Development data is missing or not in the expected shape."""

    exit_code = 4


class StoreError(SmishguardError):
    """The database cannot be opened, migrated or reached."""

    exit_code = 5


class NotFound(SmishguardError):
    """The named thing does not exist, or not for this caller (tenants never see each other)."""

    exit_code = 2


class Conflict(SmishguardError):
    """The thing to create exists already."""

    exit_code = 2


class Unauthenticated(SmishguardError):
    """Missing or unknown credentials."""

    exit_code = 2


class PermissionDenied(SmishguardError):
    """Valid credentials whose role does not allow the action."""

    exit_code = 2

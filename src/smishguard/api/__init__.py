"""ADAPTER: the HTTP API (FastAPI). pydantic lives only here (schemas.py)."""

from smishguard.api.app import create_app

__all__ = ["create_app"]

"""Detectors: each turns a message and its scan context into signals (see base.py)."""

"""Adapters that read streams of messages and domain names from files, logs and feeds.

Messages to scan: :mod:`~smishguard.sources.messages` (CSV, JSON lines).

Names to watch, each a generator of str that reports bad input through ``on_error`` and goes
on: :mod:`~smishguard.sources.lists` (plain lists, compressed or not, stdin),
:mod:`~smishguard.sources.csv_column`, :mod:`~smishguard.sources.dns_logs` (Zeek logs, JSON
lines by a field), :mod:`~smishguard.sources.certstream` (JSON lines or a
live WebSocket), :mod:`~smishguard.sources.ct_log` (a CT log over RFC 6962, or
:mod:`~smishguard.sources.ct_tiles` for a static-CT one) and
:mod:`~smishguard.sources.ct_logs` (several at once, as
:mod:`~smishguard.sources.ct_log_list` picks them from a browser's list), chosen by
:mod:`~smishguard.sources.selection`.
"""

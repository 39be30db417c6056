"""Threat-intel exports: DNS RPZ, STIX 2.1, MISP, CSV and text blocklists."""

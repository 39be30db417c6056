"""Campaigns: reports and watch hits connected into one attack, as they arrive.

Pure core: fingerprints of reports, an incremental index that clusters them, campaign records
and the per-tenant view of a campaign seen at several tenants. No I/O, no clock.
"""

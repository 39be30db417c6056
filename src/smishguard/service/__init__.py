"""Use cases shared by every front end (HTTP API, Twilio webhook, CLI, dashboard): tenants and
keys, reporting, scanning with a tenant's policy, observed domains, alerts. Calls the core;
takes the store, the clock and the settings as arguments."""

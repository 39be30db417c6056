"""ADAPTER: the analyst dashboard, server-rendered (Jinja2, inline SVG charts, a little plain
JavaScript), behind passkey sign-in; mounted at /dashboard by the API's app factory
(``smishguard.api.dashboard.app.install_dashboard``)."""

"""URL extraction from SMS text: links with or without a scheme, defanged, IDN, IP literals.

``extract_urls(text)`` returns ``smishguard.model.Url`` values in order of appearance;
``is_shortener_host(host)`` says whether a host is a public link shortener.
"""

from smishguard.urls.extract import MAX_URLS, extract_urls
from smishguard.urls.shorteners import is_shortener_host

__all__ = ["MAX_URLS", "extract_urls", "is_shortener_host"]

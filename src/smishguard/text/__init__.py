"""Reading SMS text: normalization, pretext and lure cues (en, es), brand mentions, senders.

- :mod:`.normalize`: ``normalize(text)``, the one folded spelling every matcher reads.
- :mod:`.cues`: ``find_cues(normalized)``, phrases by :class:`~.cues.CueKind`
  (catalogues in :mod:`.phrases_en` and :mod:`.phrases_es`).
- :mod:`.brands`: ``BrandMatcher(brands).find(normalized)``, protected brands named.
- :mod:`.links`: where links sit in normalized text, so their words are not read as prose.
- :mod:`.sender`: ``classify_sender(sender)`` and masking of phone numbers for evidence.
- :mod:`.forwarded`: ``read_forward(body)``, the original text in a forwarded SMS (and its
  sender when named); ``sender_only`` and ``keyword_of`` for the reporting number's replies.
- :mod:`.language`: ``guess_language(text)``, English or Spanish, to answer in kind.
"""

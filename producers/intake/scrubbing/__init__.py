"""Scrubbing: personal identifiers in partner text become typed placeholders.

Modules, each owning one thing: ``text`` (the text read once, placeholders, spans),
``contacts`` (emails, URLs, handles), ``numbers`` (phones, documents), ``birthdates``,
``birthyears`` (a whole date long past), ``calendar_dates`` (one in any word order,
language or calendar), ``unspaced`` (numbers and handles written onto
Han, kana or Thai words), ``street_words`` and ``addresses`` (Latin-script addresses),
``addresses_scripts`` (Cyrillic, Thai, CJK, Hangul addresses), ``addresses_homes`` (a home
told by where someone lives), ``address_units`` (the
flat, floor or door beside an address), ``wordlists`` and
``lexicon`` (what is and is never a name), ``cues`` (the words around a name),
``tokens`` (capitalised words), ``runs`` (runs of them split into pieces), ``judge``
(whether a piece is a name), ``lowercase`` (names written without capitals),
``scripts`` (names in scripts without capitals), ``han_names`` (Chinese names told by
jieba's tagger), ``ja_names``, ``ko_names`` and ``th_names`` (bundled analysers and
lists, checked at start by ``bundled``), ``contact_names`` (names the text's own
contacts are made of),
``names`` (the name finder), ``name_shapes`` (two capitalised words spelt as a name's),
``learned_features`` and ``learned`` (a trained recogniser adding what the rules miss)
and ``pipeline`` (``scrub``, ``scrub_place``). ``producers.intake.scrub`` re-exports
the entry points.
"""

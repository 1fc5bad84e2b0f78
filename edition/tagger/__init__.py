"""The tagger: a first pass of names and dates from the registers, for the editor to review.

    registers --(gazetteer.py: pymorphy3 paradigms, romanisations)--> lookup tables, once
    text --(tokens.py)--> tokens --(names.py)--> persons, places, organisations
         --(dates.py: CLDR month names)--> dates
         --(tagger.py: a document's mentions, shared surnames resolved)--> mentions
    mentions --(document.py)--> a new TEI document   |   --(update.py)--> tags added to a TEI file

``command.py`` is ``tei-edition tag``; ``evaluation.py`` scores it on an annotated set
(``scripts/bench_tagger.py``); ``report.py`` lists names the registers do not know.
"""

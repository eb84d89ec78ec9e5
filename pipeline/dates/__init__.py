"""Dates: the grammar in rules/date.yaml (grammar.py), what a match says (parse.py), its value
against ref_date and the dates before it (resolve.py), festivals (festivals.py).

pipeline/find/date.py is the finder; pipeline/refdate.py finds ref_date in an article.
Nothing here reads the clock: with no ref_date a relative date keeps only what the text fixes.
"""

"""Mappings: a foreign agency export (its own headers, codes, date formats and layout) turned
into the common dataset by a declarative TOML file a person reviews, then loaded as usual.

`model.py` is the mapping file's schema, `cells.py` the value-level steps (dates, codes,
lists, joins, splits), `apply.py` reshapes a file into the common CSV files and remembers
where each cell came from, `mapped_load.py` validates and loads through the ordinary loader,
`suggest.py` proposes a mapping from a file's headers, `preview.py` shows what a mapping does.
"""

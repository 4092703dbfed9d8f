"""Every Cypher statement Jigsaw runs, as `.cypher` files read by name (jigsaw/cypher_files.py).

The top level is the query catalogue (each file's header says what it answers, its parameters
and what it returns); the folders hold the loader's, the migrations', the summaries' and the
other modules' statements. This is a package only so that the files ship in the wheel and are
found through importlib.resources, from a checkout and from an installed wheel alike.
"""

"""Talent-community site generator.

The core (everything here except ``plugin.py`` and ``cli.py``) knows nothing of MkDocs:
plain data in, plain data out, one way: read -> validate -> schedule -> index -> render.
"""

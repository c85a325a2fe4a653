"""Korean-aware full-text search over passages, with Whoosh behind our own interface.

whoosh-reloaded is the last release of the Whoosh line and no longer
maintained, so nothing outside this package touches Whoosh: services call
:class:`~workbench.search.index.SearchIndex` and get plain result objects.
"""

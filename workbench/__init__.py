"""Workbench: an offline research workbench for Korean and English policy documents.

The package is layered (see ARCHITECTURE in the README): ``core`` holds plain
data, ``corpus`` reads files, ``store`` keeps the project database, the domain
packages (search, entities, annotations, export) work on stored text,
``services`` are the use cases, and ``ui``/``cli`` present them.
"""

__version__ = "0.1.0"

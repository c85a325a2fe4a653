"""Charts of the project drawn with pyqtgraph, each linked back to the text."""

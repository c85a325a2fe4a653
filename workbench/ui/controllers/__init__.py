"""The window's behaviour, one controller per feature. Each listens to the
project events and to its widgets; the main window only assembles them."""

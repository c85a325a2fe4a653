"""Plain data types, errors and the progress protocol shared by every layer."""

"""The demo's data, kept apart from the loaders that write it."""

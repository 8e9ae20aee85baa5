"""Stage 4: raw findings -> the typed, canonical, cross-checked :class:`schemas.Agreement`."""

"""ADAPTER: where the watch's hits go besides standard output (a smishguard service)."""

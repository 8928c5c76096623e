"""The demo article that `make run` imports on first start."""

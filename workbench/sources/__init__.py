"""Fetching sources from the web: address guard, fetcher, charset and politeness."""

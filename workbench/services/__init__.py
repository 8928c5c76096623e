"""Use cases: each loads, changes and commits in one place, raising domain errors."""

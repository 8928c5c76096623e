"""Pure matching: rank a claim's candidate passages, check its facts, suggest a status."""

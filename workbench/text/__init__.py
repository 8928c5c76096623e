"""Pure text handling: decode input, parse formats, find structure, sentences and links."""

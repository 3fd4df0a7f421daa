"""Search engine backends for haystack, tuned for Arabic text and for speed."""

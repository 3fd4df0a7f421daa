"""Near-duplicate detection and story clustering, without the database.

``fingerprints`` turns a text into a MinHash signature of analyzer-term shingles and its
LSH bucket keys; ``clusters`` groups published articles into stories. The writes that
keep stories in the database live in ``archive.services.stories``.
"""

"""Writes to the archive. Views, the admin and commands call these; reads live in QuerySets.

``articles`` holds ingest (raw text → article); ``entities`` the authority
file, extraction of mentions and curation.
"""

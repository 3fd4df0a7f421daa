"""Writes to the archive. Views, the admin and commands call these; reads live in QuerySets.

``articles`` holds ingest (raw text → article); ``entities`` the authority file
and entity names; ``mentions`` the mentions extraction finds in an article;
``curation`` editors' corrections; ``gazetteer`` the names extraction matches,
read from the database once per process.
"""

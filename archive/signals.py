"""What the archive announces about its articles, for the apps that follow them.

Saves and deletes of models already send Django's own signals. These cover the
writes those signals do not show (mentions written in bulk) and a bulk import as
a whole. The archive imports nothing from its followers: the search index
subscribes here (``search.signals``).
"""

from django.dispatch import Signal

# Sent inside the transaction that changed these articles (``article_ids``) without a
# model signal; a receiver that writes to the database commits or rolls back with it.
articles_changed = Signal()

# A bulk import starts: receivers may hold back per-article follow-up work until it ends.
import_started = Signal()

# The bulk import ended, also after Ctrl-C: ``imported`` articles were stored; ``follow_up``
# is False when the user left the held-back work to the background workers. A receiver
# returns how many articles it brought up to date.
import_finished = Signal()

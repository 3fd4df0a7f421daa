"""Links to a search with some of its parameters changed, for pages that hold many of them.

A search page links every facet value, filter chip and timeline bar to a variant of the
current search; the entity page links its timeline bars to the search filtered by the entity.
:class:`QueryLinks` encodes the current parameters once, so each link costs a join. Links lead
to the first page of results unless they say otherwise. Templates use Django's
``{% querystring %}`` for their few fixed links; this is for links computed in Python.
"""

from collections.abc import Callable, Iterable, Mapping
from urllib.parse import quote_plus

__all__ = ["QueryLinks"]

Drop = Iterable[str | tuple[str, object]]


class QueryLinks:
    """Hrefs to ``path`` with the parameters of ``query`` (a ``QueryDict``) changed."""

    def __init__(self, query, path: str = ""):
        self.path = path
        self.pairs = [(key, _pair(key, value)) for key, values in query.lists() for value in values]

    def href(self, *, drop: Drop = (), add: Iterable[tuple] = (), keep_page=False) -> str:
        """Without the ``drop`` keys or ``(key, value)`` pairs, with the ``add`` pairs last."""
        keys = {item for item in drop if isinstance(item, str)}
        pairs = {_pair(*item) for item in drop if not isinstance(item, str)}
        if not keep_page:
            keys.add("page")
        parts = [encoded for key, encoded in self.pairs if key not in keys and encoded not in pairs]
        parts += [_pair(key, value) for key, value in add]
        return f"{self.path}?{'&'.join(parts)}"

    def query(self, *, drop: Iterable[str] = ()) -> str:
        """The parameters without ``drop`` and the page, as ``?…`` ("" if none are left)."""
        dropped = {"page", *drop}
        parts = [encoded for key, encoded in self.pairs if key not in dropped]
        return f"?{'&'.join(parts)}" if parts else ""

    def changed(self, changes: Mapping[str, object]) -> str:
        """The search with each key of ``changes`` set to its value (``None`` removes it)."""
        add = [(key, value) for key, value in changes.items() if value is not None]
        return self.href(drop=list(changes), add=add)

    def adding(self, key: str, *, only: bool = False) -> Callable[[object], str]:
        """A function of ``value``: the search with ``(key, value)`` added (replacing every
        value of ``key`` when ``only``). The rest of the link is joined once for the many
        values of one facet."""
        kept = [encoded for k, encoded in self.pairs if k != "page" and not (only and k == key)]
        present = {encoded for k, encoded in self.pairs if k == key}
        prefix = f"{self.path}?{'&'.join(kept)}&" if kept else f"{self.path}?"
        head = f"{quote_plus(key)}="

        def href(value) -> str:
            pair = head + _value(value)
            if pair in present and not only:
                return self.href(drop=[(key, value)], add=[(key, value)])
            return prefix + pair

        return href


def _pair(key: str, value) -> str:
    return f"{quote_plus(key)}={_value(value)}"


def _value(value) -> str:
    if type(value) is int:
        # Ids and years, most of a page's links: digits need no quoting.
        return str(value)
    # str() of a date is its ISO format, as the search form reads it.
    return quote_plus(str(value))

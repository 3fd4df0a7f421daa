"""What the extraction tests share: known entities made in the database, and what the
extraction finds or proposes in a text."""

from archive.extraction import extract
from archive.models import Entity, EntityAlias
from archive.services.gazetteer import gazetteer_get


def entity(kind: str, name: str, *aliases: str) -> Entity:
    found = Entity.objects.create(kind=kind, name=name)
    for alias in (name, *aliases):
        EntityAlias.objects.get_or_create(entity=found, name=alias)
    return found


def found(text: str) -> tuple[dict[int, list[str]], set[str]]:
    """Known entities (id → forms) and the names of the organizations proposed."""
    result = extract(text, gazetteer_get())
    proposed = {c.name for c in result.candidates if c.kind == "organization"}
    return {f.entity_id: f.forms for f in result.entities}, proposed


def proposed_people(text: str) -> list[str]:
    """The people proposed in the text, by name."""
    return [c.name for c in extract(text, gazetteer_get()).candidates if c.kind == "person"]


def proposed_organizations(text: str) -> dict[str, list[str]]:
    """Proposed organization → the forms the text names it in."""
    found = extract(text, gazetteer_get()).candidates
    return {c.name: c.forms for c in found if c.kind == "organization"}

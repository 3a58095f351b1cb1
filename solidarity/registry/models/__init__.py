from .cases import (
    Case,
    CaseDefendant,
    Charge,
    ChargeStatus,
    CustodyKind,
    CustodyPeriod,
    Sentence,
    SentenceKind,
)
from .catalogue import Article, CriminalCode, PersonStatus, Tag
from .facilities import Facility, FacilityAlias, FacilityKind, Regime
from .people import Person, PersonAlias, PersonSearchTerm, public_q, reindex_person
from .sources import Citation, Source
from .timeline import Event, EventType

__all__ = [
    "Article",
    "Case",
    "CaseDefendant",
    "Charge",
    "ChargeStatus",
    "Citation",
    "CriminalCode",
    "CustodyKind",
    "CustodyPeriod",
    "Event",
    "EventType",
    "Facility",
    "FacilityAlias",
    "FacilityKind",
    "Person",
    "PersonAlias",
    "PersonSearchTerm",
    "PersonStatus",
    "Regime",
    "Sentence",
    "SentenceKind",
    "Source",
    "Tag",
    "public_q",
    "reindex_person",
]

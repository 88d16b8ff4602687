from partnerships.models.organisations import Organisation
from partnerships.models.parties import Annex, Commitment, Compensation, Participation
from partnerships.models.partnerships import Clause, Goal, Partnership
from partnerships.models.users import User

__all__ = [
    "Annex",
    "Clause",
    "Commitment",
    "Compensation",
    "Goal",
    "Organisation",
    "Participation",
    "Partnership",
    "User",
]

from partnerships.models.accounting import AccountingCode
from partnerships.models.amendments import (
    AMENDABLE_DATE_FIELDS,
    AMENDABLE_FIELDS,
    CLAUSES,
    COMMITMENTS,
    COMPENSATIONS,
    GOALS,
    PERIOD_TERM_FIELDS,
    ROW_CHANGES,
    Amendment,
)
from partnerships.models.calendar import CalendarToken
from partnerships.models.clauses import Clause, Goal
from partnerships.models.committee import (
    CommitteeCase,
    CommitteeDecision,
    DecisionPoint,
    Delegation,
)
from partnerships.models.corrections import TERMS_LOCKED_MESSAGE, Correction
from partnerships.models.deadlines import StoredDeadline
from partnerships.models.esign import SignedDocument
from partnerships.models.imports import AgreementImport, ImportAttachment
from partnerships.models.lifecycle import Extension, LifecycleStep, Notice, Signature
from partnerships.models.money import CoFinancing, Payment, PaymentPlan, RepaymentClaim
from partnerships.models.organisations import Organisation
from partnerships.models.parties import Annex, Commitment, Compensation, Participation
from partnerships.models.partnerships import Partnership
from partnerships.models.state_aid import AidBasis, AidKind, StateAidCeiling

__all__ = [
    "AidBasis",
    "AidKind",
    "StateAidCeiling",
    "AccountingCode",
    "AMENDABLE_DATE_FIELDS",
    "AMENDABLE_FIELDS",
    "CLAUSES",
    "COMMITMENTS",
    "COMPENSATIONS",
    "ROW_CHANGES",
    "GOALS",
    "PERIOD_TERM_FIELDS",
    "CoFinancing",
    "Payment",
    "PaymentPlan",
    "RepaymentClaim",
    "Amendment",
    "AgreementImport",
    "ImportAttachment",
    "CalendarToken",
    "CommitteeCase",
    "CommitteeDecision",
    "DecisionPoint",
    "Delegation",
    "Extension",
    "LifecycleStep",
    "Notice",
    "Signature",
    "SignedDocument",
    "StoredDeadline",
    "Annex",
    "Clause",
    "Correction",
    "TERMS_LOCKED_MESSAGE",
    "Commitment",
    "Compensation",
    "Goal",
    "Organisation",
    "Participation",
    "Partnership",
]

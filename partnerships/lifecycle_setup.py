"""Wires the lifecycle into the partnership app's extension points (called from ready())."""

from django.db import models


def register():
    from partnerships import deadlines_lifecycle, demo_lifecycle
    from partnerships.history import historical_model, register_source, related_label
    from partnerships.models import (
        Amendment,
        CoFinancing,
        CommitteeCase,
        CommitteeDecision,
        Delegation,
        Extension,
        LifecycleStep,
        Notice,
        Payment,
        PaymentPlan,
        RepaymentClaim,
        Signature,
    )
    from partnerships.panels import register_lifecycle_panels

    def by_partnership(pk):
        return models.Q(partnership_id=pk)

    def by_annex(pk):
        from partnerships.history import annex_ids_ever

        return models.Q(annex_id__in=annex_ids_ever(pk))

    def by_decision(pk):
        """Delegations of the partnership's committee decisions, deleted ones included."""
        decisions = historical_model(CommitteeDecision).objects.filter(partnership_id=pk)
        return models.Q(decision_id__in=decisions.values("id"))

    register_source(LifecycleStep, by_partnership, label=lambda row, fk: str(row.reason)[:80])
    register_source(CommitteeCase, by_partnership)
    register_source(
        CommitteeDecision, by_partnership, label=lambda row, fk: row.decided_on.isoformat()
    )
    register_source(Delegation, by_decision, label=lambda row, fk: row.to_whom)
    register_source(Notice, by_partnership, label=lambda row, fk: row.given_on.isoformat())
    register_source(Extension, by_partnership, label=lambda row, fk: row.new_end_date.isoformat())
    register_source(Amendment, by_partnership)
    register_source(Signature, by_partnership, label=lambda row, fk: row.signatory_name)
    register_source(PaymentPlan, by_annex, label=related_label("annex", "partnerships.Annex"))
    register_source(Payment, by_annex, label=lambda row, fk: row.due_on.isoformat())
    register_source(RepaymentClaim, by_annex, label=lambda row, fk: row.claimed_on.isoformat())
    register_source(CoFinancing, by_annex, label=lambda row, fk: str(row.year))
    register_lifecycle_panels()
    deadlines_lifecycle.register()
    demo_lifecycle.register()

"""Walk EVERY URL pattern of the project as staff, NGO A, NGO B, NGO C and anonymous, against
objects of A, of B and of C: no server error, no leak.

NGO C is a party to the same partnership as NGO A (and sits in the same steering group), NGO B
to another one. What the partnership shares (the partnership, its goals, groups, meetings,
decisions, periods) A and C both see; what belongs to one party (its bilaga and that bilaga's
commitments, compensation, payments, signatures and scans, budget lines, its reports,
statements and their attachments, feedback counts, remediation plans: PRIVATE) only that party
and staff. For another NGO such an object is exactly like one that does not exist, on every
route, GET and POST (404 wherever the object is looked up), and no page shown to an NGO holds
the text of another NGO's private objects.

Each named route must be listed in ROUTES with its access rule and, if it takes arguments, how
to build them from the fixture objects; a route that is not listed fails
`test_every_route_is_classified`, so a new view cannot be added without being walked.
(After the lifecycle/governance/reporting merges their routes go into ROUTES.)

Rules:
  staff   – förvaltning only: staff 200; NGO users 403 or 404; anonymous to the login page
  party   – an object the NGO may see: staff 200; the owning NGO (for what the partnership
            shares: every party of it) 200; any other NGO 404
  member  – like party, but what the owning NGO may see depends on the object's state (draft
            minutes, unapproved decisions): the owner may get 200/403/404, the other NGO never 200
  post    – POST-only action: GET is 405 (or 403/404 for those who may not act), never a 200;
            a POST by the NGO that does not own the object is refused (403/404)
  post-own – like post, but an action the owning NGO (or the user for themselves) takes
  post-back – like post, but a refused POST re-renders the object's page at this URL, so a
            GET (a reload) goes back to the object's page: staff 302 (the owner 302 or 403)
  token   – a secret in the URL is the key (the calendar feed): 200 for whoever holds it
  user    – any logged-in user: 200 (or a redirect) for everyone logged in
  public  – anonymous 200 too
  skip    – not walked by GET (reason given)
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from iop.models import ArchivePackage, OutgoingMail
from partnerships.models import AgreementImport, Clause, ImportAttachment, StateAidCeiling
from partnerships.services.accounting import accounting_code_set
from partnerships.services.state_aid import ceiling_set
from tests.factories import (
    AnnexFactory,
    CommitmentFactory,
    CompensationFactory,
    GoalFactory,
    OrganisationFactory,
    ParticipationFactory,
    RepresentativeFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class World:
    partnership: object
    participation: object
    annex: object
    goal: object
    clause: object
    commitment: object
    compensation: object
    organisation: object
    group: object = None
    member: object = None
    meeting: object = None
    item: object = None
    decision: object = None
    draw: object = None
    remediation: object = None
    # lifecycle (issue 3)
    case: object = None
    committee_decision: object = None
    delegation: object = None
    amendment: object = None
    signature: object = None
    signed_document: object = None
    payment: object = None
    agreement_import: object = None
    accounting_code: object = None
    ceiling: object = None
    import_attachment: object = None
    feed_token: str = ""
    # reporting (issue 5)
    side: object = None
    user: object = None
    # the mail queue (issue 16): a failed mail on Utskick
    mail: object = None
    # Text only the owning NGO's private objects hold: no page shown to another NGO has it.
    secrets: list = None


def _parts(name):
    """Which groups of objects a route needs (building all of them for every route would make
    the walk several times slower for nothing)."""
    namespace = name.split(":")[0] if ":" in name else ""
    return {
        "governance": {"governance"},
        "partnerships": {"lifecycle"},
        "deadlines": {"lifecycle"},
        "portal": {"reporting", "governance"},
        "reporting": {"reporting"},
        "outbox": {"outbox"},
    }.get(
        namespace,
        {"home": {"reporting", "governance"}, "todo": {"reporting", "governance", "lifecycle"}}.get(
            name, set()
        ),
    )


def _world(partnership, organisation, representative, staff, city, parts, key="A", alongside=None):
    """What one NGO has. `alongside`: the world of another party of the same partnership,
    whose shared objects (goals, clauses, the group and its meetings, the committee case and
    amendment, reporting periods) this world shares; its private ones are its own."""
    participation = partnership.participations.get(organisation=organisation)
    annex = partnership.annexes.get(participation=participation)
    commitment = CommitmentFactory(annex=annex, title=f"Hemligt åtagande {key}")
    world = World(
        partnership=partnership,
        participation=participation,
        annex=annex,
        goal=alongside.goal if alongside else GoalFactory(partnership=partnership),
        clause=alongside.clause
        if alongside
        else Clause.objects.create(partnership=partnership, heading="Parter", body="Text."),
        commitment=commitment,
        compensation=CompensationFactory(annex=annex),
        organisation=organisation,
        user=representative,
        secrets=[commitment.title],
    )
    if "governance" in parts:
        _governance(world, representative, staff, city, key, alongside)
    if "lifecycle" in parts:
        _lifecycle(world, representative, staff, key, alongside)
    if "reporting" in parts:
        _reporting(world, representative, key, alongside)
    if "outbox" in parts:
        # A mail to this NGO's representative that finally failed: staff alone see and resend it.
        world.mail = OutgoingMail.objects.create(
            kind=OutgoingMail.Kind.INVITATION,
            subject=f"Inbjudan {key}",
            to=[representative.email],
            status=OutgoingMail.Status.FAILED,
        )
    return world


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip_bytes():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("iop-arkivpaket/METS.xml", "<?xml version='1.0'?><mets/>")
    return buffer.getvalue()


def _lifecycle(world, representative, staff, key, alongside=None):
    """A committee case with a decision and a delegation, a draft amendment (the partnership's,
    shared with `alongside`), the NGO's signature of its bilaga with a scanned PDF, planned
    payments, and the representative's calendar feed token."""
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from iop.pages.deadlines import _token_for
    from partnerships.services.amendments import amendment_create, signature_create
    from partnerships.services.committee import committee_case_create, committee_decision_create
    from partnerships.services.esign import signed_document_freeze
    from partnerships.services.money import payment_plan_set, repayment_claim_create

    reason = "URL-genomgång"
    world.signature = signature_create(
        partnership=world.partnership,
        document="annex",
        annex=world.annex,
        participation=world.participation,
        signatory_name=f"Hemlig firmatecknare {key}",
        signatory_title="Ordförande",
        place="Stockholm",
        signed_on=date(2024, 1, 10),
        scan=SimpleUploadedFile("bilaga.pdf", PDF_BYTES, "application/pdf"),
        actor=staff,
        reason=reason,
    )
    world.secrets.append(world.signature.signatory_name)
    payment_plan_set(annex=world.annex, rule="quarterly_in_advance", actor=staff, reason=reason)
    world.payment = world.annex.payments.order_by("due_on").first()
    world.repayment_claim = repayment_claim_create(
        annex=world.annex, claimed_on=date(2024, 5, 1), amount=100, actor=staff, reason=reason
    )
    world.feed_token = _token_for(representative)
    # Seeded by migration 0023; a transactional test's flush empties the table.
    world.ceiling = StateAidCeiling.objects.order_by("pk").first() or ceiling_set(
        kind="de_minimis",
        valid_from=date(2024, 1, 1),
        ceiling_eur=300000,
        sek_per_eur=11,
        actor=staff,
        reason=reason,
    )
    world.accounting_code = accounting_code_set(
        partnership=world.partnership,
        valid_from=date(2024, 1, 1) if alongside is None else date(2024, 6, 1),
        account="4590",
        cost_centre=f"KS{key}",
        actor=staff,
        reason=reason,
    )
    if alongside is not None:
        world.case, world.committee_decision = alongside.case, alongside.committee_decision
        world.delegation, world.amendment = alongside.delegation, alongside.amendment
        world.signed_document = alongside.signed_document
        world.agreement_import = alongside.agreement_import
        world.import_attachment = alongside.import_attachment
        world.archive_package = alongside.archive_package
        return
    # An e-archive package the queue has built (staff alone see and download it).
    world.archive_package = ArchivePackage.objects.create(
        partnership=world.partnership,
        requested_by=staff,
        status=ArchivePackage.Status.READY,
        built_at=timezone.now(),
        file=SimpleUploadedFile("paket.zip", _zip_bytes()),
        filename="iop-arkivpaket.zip",
    )
    # The document the partnership was imported from (issue 18): its original, shared by
    # the partnership's parties.
    world.agreement_import = AgreementImport.objects.create(
        file=SimpleUploadedFile("avtal.txt", b"Avtalets text"),
        filename="avtal.txt",
        uploaded_by=staff,
        text="Avtalets text",
        partnership=world.partnership,
    )
    # A bilaga's file uploaded with it: as its original, seen by the partnership's parties.
    world.import_attachment = ImportAttachment.objects.create(
        agreement_import=world.agreement_import,
        kind=ImportAttachment.Kind.ANNEX,
        annex_number=1,
        file=SimpleUploadedFile("bilaga.pdf", b"%PDF-1.4 bilaga"),
        filename="bilaga.pdf",
        uploaded_by=staff,
    )
    world.case = committee_case_create(
        partnership=world.partnership,
        title="Förlängning",
        proposal_date=date(2024, 11, 20),
        actor=staff,
        reason=reason,
    )
    world.committee_decision = committee_decision_create(
        case=world.case,
        decided_on=date(2024, 12, 10),
        points="1. Nämnden godkänner förlängningen.",
        delegations=[{"to_whom": "Socialdirektören", "scope": "Stoppa utbetalning"}],
        actor=staff,
        reason=reason,
    )
    world.delegation = world.committee_decision.delegations.get()
    world.amendment = amendment_create(
        partnership=world.partnership,
        title="Ny titel",
        target="partnership",
        changes={"title": "Ny titel"},
        actor=staff,
        reason=reason,
    )
    # The agreement as signed in the app (shared by the partnership's parties).
    world.signed_document = signed_document_freeze(
        partnership=world.partnership, render=lambda: PDF_BYTES, actor=staff
    )


def _reporting(world, representative, key, alongside=None):
    """Everything an organisation has in reporting (tests/reporting/conftest.py's Side): a
    template, periods, a submitted activity report, a statement with an attachment, feedback,
    the half-year report and the annual compilation (the template, periods and compilations
    shared with `alongside`)."""
    from reporting.services.reports import report_submit
    from tests.reporting.conftest import Side, valid_raw

    handling = f"Hemlig hantering {key}"
    side = Side(
        world.partnership,
        world.organisation,
        representative,
        alongside=alongside.side if alongside else None,
        handling=handling,
    )
    world.secrets.append(handling)
    report_submit(side.report, raw=valid_raw(side.template), actor=representative)
    world.side = side


def _governance(world, representative, staff, city, key, alongside=None):
    """A steering group of the partnership with the owner NGO's representative as a member, a
    future meeting with an item and a decision, a chair draw and a remediation plan asked of
    the NGO. With `alongside`, the NGO sits in that world's group too and shares its meeting,
    decision and draw; the remediation plan is still its own."""
    from datetime import timedelta

    from django.utils import timezone

    from governance.services.groups import chair_draw
    from governance.services.meetings import agenda_item_add
    from governance.services.minutes import decision_record
    from tests.governance.factories import GroupFactory, MeetingFactory, MemberFactory

    reason = "URL-genomgång"
    if alongside is not None:
        for name in ("group", "meeting", "item", "decision", "draw"):
            setattr(world, name, getattr(alongside, name))
        world.member = MemberFactory(
            group=world.group, name="Ledamot", user=representative, organisation=world.organisation
        )
        _remediation(world, staff, key)
        return
    world.group = GroupFactory(partnership=world.partnership)
    MemberFactory(group=world.group, name="Hanna", user=staff, organisation=city)
    MemberFactory(group=world.group, name="Enhetschef", organisation=city)
    world.member = MemberFactory(
        group=world.group, name="Företrädare", user=representative, organisation=world.organisation
    )
    world.meeting = MeetingFactory(
        group=world.group, date=timezone.localdate() + timedelta(days=30)
    )
    world.item = agenda_item_add(meeting=world.meeting, title="Budget", actor=staff, reason=reason)
    world.decision = decision_record(
        item=world.item, text="Beslut", type="general", actor=staff, reason=reason
    )
    world.draw = chair_draw(
        group=world.group, term_start=world.partnership.start_date, actor=staff, reason=reason
    )
    _remediation(world, staff, key)


def _remediation(world, staff, key):
    from datetime import timedelta

    from django.utils import timezone

    from governance.services.escalations import remediation_request

    world.remediation = remediation_request(
        group=world.group,
        organisation=world.organisation,
        deficiency=f"Hemlig brist {key}",
        due_on=timezone.localdate() + timedelta(days=60),
        actor=staff,
        reason="URL-genomgång",
    )
    world.secrets.append(world.remediation.deficiency)


MISSING = 987654321  # the id of an object that does not exist


def pk(attr, kw="pk", **fixed):
    """The route's arguments from the world's object at `attr` (and `fixed` ones); the
    function knows `attr` and the arguments naming an object that does not exist."""

    def args(w):
        obj = w
        for part in attr.split("."):
            obj = getattr(obj, part)
        return {kw: obj.pk, **fixed}

    args.attr = attr
    args.missing = {kw: MISSING, **fixed}
    return args


# What belongs to one party alone (the world attributes routes are given).
PRIVATE = {
    "annex",
    "commitment",
    "compensation",
    "payment",
    "repayment_claim",
    "signature",
    "remediation",
    "side.report",
    "side.statement",
    "side.attachment",
    "side.feedback",
    "side.budget_line",
}
# The NGOs that are parties to each world's partnership (and sit in its group).
PARTIES = {"A": {"A", "C"}, "B": {"B"}, "C": {"A", "C"}}


def _is_private(make_args):
    return getattr(make_args, "attr", None) in PRIVATE


def _who_sees(make_args, owner):
    """The NGOs that may see the object the route is given from `owner`'s world: the owner
    alone for a party's own object, every party of the partnership for what it shares."""
    if owner is None:
        return set()
    return {owner} if _is_private(make_args) else PARTIES[owner]


ROUTES = {
    "home": ("user", None),
    "todo": ("staff", None),
    "portfolio": ("staff", None),
    "portfolio_pdf": ("staff", None),
    "portal:home": ("user", None),
    "partnerships:list": ("staff", None),
    "partnerships:create": ("staff", None),
    "partnerships:import_upload": ("staff", None),
    "partnerships:import_review": ("staff", pk("agreement_import")),
    "partnerships:import_original": ("party", pk("agreement_import")),
    "partnerships:import_attachment_add": ("staff", pk("agreement_import")),
    "partnerships:import_attachment": ("staff", pk("import_attachment")),
    "partnerships:detail": ("staff", pk("partnership")),
    "partnerships:edit": ("staff", pk("partnership")),
    "partnerships:history": ("staff", pk("partnership")),
    "partnerships:catch_up": ("staff", pk("partnership")),
    "partnerships:archive_packages": ("staff", pk("partnership")),
    "partnerships:archive_package_create": ("post", pk("partnership")),
    "partnerships:archive_package_download": ("staff", pk("archive_package")),
    "partnerships:agreement_text": ("staff", pk("partnership")),
    "partnerships:partnership_correct": ("staff", pk("partnership")),
    # One view for the livscykel, andringar and ekonomi tabs; the livscykel tab has most panels.
    "partnerships:section": ("staff", pk("partnership", tab="livscykel")),
    "partnerships:goal_create": ("staff", pk("partnership")),
    "partnerships:goal_edit": ("staff", pk("goal")),
    "partnerships:goal_delete": ("staff", pk("goal")),
    "partnerships:clause_create": ("staff", pk("partnership")),
    "partnerships:secrecy": ("staff", pk("partnership")),
    "partnerships:clause_edit": ("staff", pk("clause")),
    "partnerships:clause_delete": ("staff", pk("clause")),
    "partnerships:participation_create": ("staff", pk("partnership")),
    "partnerships:participation_edit": ("staff", pk("participation")),
    "partnerships:annex_create": ("staff", pk("partnership")),
    "partnerships:annex_detail": ("staff", pk("annex")),
    "partnerships:annex_edit": ("staff", pk("annex")),
    "partnerships:annex_correct": ("staff", pk("annex")),
    "partnerships:commitment_create": ("staff", pk("annex")),
    "partnerships:commitment_edit": ("staff", pk("commitment")),
    "partnerships:commitment_delete": ("staff", pk("commitment")),
    "partnerships:compensation_create": ("staff", pk("annex")),
    "partnerships:compensation_edit": ("staff", pk("compensation")),
    "partnerships:compensation_delete": ("staff", pk("compensation")),
    "partnerships:organisation_list": ("staff", None),
    "partnerships:organisation_suggestions": ("staff", None),
    "partnerships:organisation_create": ("staff", None),
    "partnerships:organisation_detail": ("staff", pk("organisation")),
    "partnerships:organisation_edit": ("staff", pk("organisation")),
    "login": ("public", None),
    # The public register (issue 17): the world's partnership is active and not secret.
    "public:register": ("public", None),
    "public:partnership": ("public", pk("partnership")),
    "public:data_json": ("public", None),
    "public:data_record": ("public", pk("partnership")),
    "public:data_csv": ("public", None),
    "public:openapi": ("public", None),
    "accessibility": ("public", None),
    "favicon": ("public", None),
    "password_reset": ("public", None),
    "password_reset_done": ("public", None),
    "password_reset_complete": ("public", None),
    "account": ("user", None),
    "password_change": ("user", None),
    "password_change_done": ("user", None),
    "mfa:verify": ("user", None),
    "mfa:setup": ("user", None),
    "mfa:recovery_codes": ("user", None),
    "mfa:email_proof": ("user", None),
    # governance (issue 4): staff manage; a member organisation's representative sees its groups.
    "governance:group_list": ("user", None),
    "governance:group_create": ("staff", pk("partnership")),
    "governance:decision_register": ("party", pk("partnership")),
    "governance:group_detail": ("party", pk("group")),
    "governance:group_edit": ("staff", pk("group")),
    "governance:member_create": ("staff", pk("group")),
    "governance:member_edit": ("staff", pk("member")),
    "governance:chair_draw": ("staff", pk("group")),
    "governance:chair_rotate": ("staff", pk("group")),
    "governance:chair_appoint": ("staff", pk("group")),
    "governance:rotation_edit": ("staff", pk("group")),
    "governance:draw_detail": ("party", pk("draw")),
    "governance:escalation_create": ("staff", pk("group")),
    "governance:remediation_request": ("staff", pk("group")),
    "governance:remediation_detail": ("party", pk("remediation")),
    "governance:remediation_submit": ("party", pk("remediation")),
    "governance:remediation_assess": ("staff", pk("remediation")),
    "governance:meeting_create": ("staff", pk("group")),
    "governance:meeting_detail": ("party", pk("meeting")),
    "governance:meeting_edit": ("staff", pk("meeting")),
    "governance:meeting_status": ("staff", pk("meeting")),
    "governance:item_create": ("party", pk("meeting")),
    "governance:attendance_edit": ("staff", pk("meeting")),
    "governance:minutes_adjuster": ("post", pk("meeting")),
    "governance:minutes_approve": ("post", pk("meeting")),
    # Staff only; with no member to record for (as here) staff are sent back to the meeting.
    "governance:minutes_approve_on_behalf": ("staff", pk("meeting", role="adjuster")),
    "governance:minutes_correct": ("staff", pk("meeting")),
    "governance:notice_send": ("staff", pk("meeting")),  # GET: what will be sent, to whom
    "governance:meeting_ics": ("party", pk("meeting")),
    "governance:minutes_pdf": ("member", pk("meeting")),
    "governance:item_minutes": ("staff", pk("item")),
    "governance:decision_create": ("staff", pk("item")),
    "governance:decision_detail": ("member", pk("decision")),
    # lifecycle (issue 3): staff only, except the agreement PDF (every party's) and the scans
    # (the bilaga's party's for a bilaga's signature, as here)
    "partnerships:lifecycle_step": ("staff", pk("partnership")),
    "partnerships:as_of": ("staff", pk("partnership")),
    "partnerships:agreement_pdf": ("party", pk("partnership")),
    "partnerships:committee_case_create": ("staff", pk("partnership")),
    "partnerships:committee_case_edit": ("staff", pk("case")),
    "partnerships:committee_decision_create": ("staff", pk("case")),
    "partnerships:committee_decision_edit": ("staff", pk("committee_decision")),
    "partnerships:delegation_create": ("staff", pk("committee_decision")),
    "partnerships:delegation_edit": ("staff", pk("delegation")),
    "partnerships:delegation_delete": ("staff", pk("delegation")),
    "governance:party_join": ("staff", pk("partnership")),
    "partnerships:notice_create": ("staff", pk("partnership")),
    "partnerships:extension_agree": ("staff", pk("partnership")),
    "partnerships:amendment_create": ("staff", pk("partnership")),
    "partnerships:amendment_detail": ("staff", pk("amendment")),
    "partnerships:amendment_edit": ("staff", pk("amendment")),
    "partnerships:amendment_submit": ("staff", pk("amendment")),
    "partnerships:amendment_withdraw": ("staff", pk("amendment")),
    "partnerships:signature_create": ("staff", pk("partnership")),
    "partnerships:signature_correct": ("staff", pk("signature")),
    "partnerships:signature_delete": ("staff", pk("signature")),
    "partnerships:signature_scan": ("party", pk("signature")),
    # signing in the app (issue 16): every party signs the agreement and each amendment
    "partnerships:agreement_sign": ("party", pk("partnership")),
    "partnerships:amendment_sign": ("party", pk("amendment")),
    "partnerships:signed_pdf": ("party", pk("signed_document")),
    "partnerships:esign_verify": ("party", pk("signed_document")),
    "partnerships:verify_upload": ("user", None),
    "partnerships:payment_plan_edit": ("staff", pk("annex")),
    "partnerships:payment_paid": ("staff", pk("payment")),
    "partnerships:payment_stop": ("staff", pk("payment")),
    "partnerships:repayment_claim_create": ("staff", pk("annex")),
    "partnerships:repayment_claim_step": ("staff", pk("repayment_claim", action="repay")),
    "partnerships:co_financing_edit": ("staff", pk("annex")),
    "partnerships:accounting_code_create": ("staff", pk("partnership")),
    "partnerships:accounting_code_edit": ("staff", pk("accounting_code")),
    "partnerships:sie_export": ("staff", None),
    "partnerships:aid_basis_edit": ("staff", pk("partnership")),
    "partnerships:state_aid_ceilings": ("staff", None),
    "partnerships:state_aid_ceiling_create": ("staff", None),
    "partnerships:state_aid_ceiling_edit": ("staff", pk("ceiling")),
    "partnerships:organisation_state_aid": ("staff", pk("organisation")),
    "partnerships:de_minimis_statement": ("staff", pk("organisation")),
    "deadlines:dashboard": ("staff", None),
    "deadlines:calendar": ("user", None),
    "deadlines:calendar_reset": ("post-own", None),
    # The feed has no login (calendar apps cannot log in): the secret token is the key, so
    # whoever holds it gets the feed; a wrong token is walked in test_feed_needs_the_token.
    "deadlines:feed": ("token", lambda w: {"token": w.feed_token}),
    # portal and reporting (issue 5)
    "portal:partnership": ("party", pk("partnership")),
    "portal:activate": (
        "public",
        lambda w: {"uidb64": _uid(w.user), "token": "fel-lank"},
    ),
    "reporting:report_list": ("user", None),
    "reporting:report_start": ("post-own", pk("side.period", "period_pk")),
    "reporting:report_detail": ("party", pk("side.report")),
    # submitted, so the owner too is sent back to the read-only report
    "reporting:report_edit": ("member", pk("side.report")),
    "reporting:report_review": ("post-back", pk("side.report")),
    "reporting:report_version": ("party", pk("side.report", number=1)),
    "reporting:feedback_list": ("user", None),
    "reporting:feedback_create": ("user", None),
    # the organisation corrects its own counts; staff read them (403), others 404
    "reporting:feedback_edit": ("party", pk("side.feedback")),
    "reporting:feedback_delete": ("party", pk("side.feedback")),
    "reporting:partnership": ("staff", pk("partnership")),
    "reporting:template_create": ("staff", pk("partnership")),
    "reporting:periods_generate": ("staff", pk("partnership")),
    "reporting:period_extra": ("staff", pk("partnership")),
    "reporting:period_move": ("staff", pk("side.period")),
    "reporting:period_change": ("staff", pk("side.period")),
    "reporting:period_remove": ("staff", pk("side.period")),
    "reporting:budget_line_create": ("staff", pk("annex", "annex_pk")),
    "reporting:budget_line_edit": ("staff", pk("side.budget_line")),
    "reporting:budget_line_delete": ("staff", pk("side.budget_line")),
    "reporting:annex_statements": ("party", pk("annex", "annex_pk")),
    "reporting:statement_start": ("post-own", pk("annex", "annex_pk")),
    "reporting:statement_detail": ("party", pk("side.statement")),
    "reporting:statement_edit": ("party", pk("side.statement")),
    "reporting:statement_review": ("post", pk("side.statement")),
    "reporting:attachment_upload": ("post-back", pk("side.statement")),
    "reporting:attachment_download": ("party", pk("side.attachment")),
    "reporting:halfyear_open": ("post", pk("side.period", "period_pk")),
    "reporting:halfyear_detail": ("staff", pk("side.halfyear")),
    "reporting:halfyear_send": ("post", pk("side.halfyear")),
    "reporting:halfyear_pdf": ("staff", pk("side.halfyear")),
    "reporting:halfyear_export": ("staff", pk("side.halfyear", fmt="csv")),
    "reporting:annual_open": ("post", pk("partnership")),
    "reporting:annual_send": ("post", pk("side.annual")),
    "reporting:annual_detail": ("staff", pk("side.annual")),
    "reporting:annual_pdf": ("staff", pk("side.annual")),
    "reporting:annual_export": ("staff", pk("side.annual", fmt="xlsx")),
    "outbox:list": ("staff", None),
    "outbox:retry": ("post", pk("mail")),
    "accounts:list": ("staff", None),
    "accounts:invite": ("staff", None),
    # GET is the confirmation page (who is logged out, and why), POST does it.
    "accounts:toggle": ("staff", pk("user")),
    "accounts:second_factor_reset": ("staff", pk("user")),
    "logout": ("skip", "POST only; tested in the auth tests"),
    # Sign-in over OpenID Connect: 404 without a provider (as in this walk), redirects only
    # with one; walked in tests/accounts/test_oidc.py and end to end in
    # tests/browser/test_oidc_sign_in.py.
    "oidc:start": ("skip", "redirects to the provider; tests/accounts/test_oidc.py"),
    "oidc:callback_staff": ("skip", "the provider's answer; tests/accounts/test_oidc.py"),
    "oidc:callback_eid": ("skip", "the provider's answer; tests/accounts/test_oidc.py"),
    "set_language": ("skip", "POST only (Django's view)"),
    "password_reset_confirm": ("skip", "needs a token; walked in test_mfa's reset test"),
}


def _uid(user):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return urlsafe_base64_encode(force_bytes(user.pk))


def project_routes():
    """(name, pattern) of every named route except the Django admin (its own permission
    system, checked in test_mfa and by Django's tests)."""

    def walk(patterns, namespace=None):
        for item in patterns:
            if isinstance(item, URLResolver):
                if item.app_name == "admin":
                    continue
                ns = item.namespace
                full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                yield from walk(item.url_patterns, full)
            elif isinstance(item, URLPattern) and item.name:
                yield (f"{namespace}:{item.name}" if namespace else item.name), item

    return list(walk(get_resolver().url_patterns))


def test_every_route_is_classified():
    missing = [name for name, _ in project_routes() if name not in ROUTES]
    assert missing == [], f"Add these routes to ROUTES in {__file__}: {missing}"
    stale = set(ROUTES) - {name for name, _ in project_routes()}
    assert stale == set()


# Actions only the NGO takes (staff are refused even though they see the object).
STAFF_REFUSED = {
    "governance:remediation_submit",
    "reporting:feedback_create",
    "reporting:feedback_edit",
    "reporting:feedback_delete",
}
POST_RULES = ("post", "post-own", "post-back")

WALKED = [name for name, (rule, _) in ROUTES.items() if rule != "skip"]


@pytest.fixture
def org_c(db):
    return OrganisationFactory(name="Förening C")


@pytest.fixture
def rep_c(org_c):
    return RepresentativeFactory(username="rep_c", organisation=org_c)


@pytest.fixture
def make_worlds(
    partnership_a,
    partnership_b,
    org_a,
    org_b,
    org_c,
    rep_a,
    rep_b,
    rep_c,
    staff,
    city,
    settings,
    tmp_path,
):
    """A's and B's worlds, and C's: a party to A's partnership with a bilaga of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    AnnexFactory(
        partnership=partnership_a,
        participation=ParticipationFactory(partnership=partnership_a, organisation=org_c),
    )

    def make(parts):
        a = _world(partnership_a, org_a, rep_a, staff, city, parts, "A")
        b = _world(partnership_b, org_b, rep_b, staff, city, parts, "B")
        c = _world(partnership_a, org_c, rep_c, staff, city, parts, "C", alongside=a)
        return {"A": a, "B": b, "C": c}

    return make


NGOS = ("A", "B", "C")


@pytest.mark.parametrize("name", WALKED)
def test_walk(name, make_worlds, client, staff, rep_a, rep_b, rep_c, settings):
    from django.urls import reverse

    worlds = make_worlds(_parts(name))
    settings.IOP_REQUIRE_MFA = False
    rule, make_args = ROUTES[name]
    users = [("staff", staff), ("A", rep_a), ("B", rep_b), ("C", rep_c), ("anonymous", None)]
    missing = {}

    def as_missing(who, user, method):
        """The answer to `who` for an object that does not exist (once per route)."""
        if (who, method) not in missing:
            client.force_login(user)
            url = reverse(name, kwargs=make_args.missing)
            missing[who, method] = getattr(client, method)(url).status_code
        return missing[who, method]

    walked = set()
    for owner in NGOS if make_args else [None]:
        url = reverse(name, kwargs=make_args(worlds[owner]) if make_args else None)
        if url in walked:
            continue  # C's share of A's partnership: A's objects, walked already
        walked.add(url)
        sees = _who_sees(make_args, owner)
        for who, user in users:
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.get(url)
            status = response.status_code
            where = f"{who} GET {url} (object of {owner}) -> {status}"
            assert status < 500, where
            if who in NGOS and status == 200 and "html" in response.get("Content-Type", ""):
                page = response.content.decode()
                for other in NGOS:
                    for secret in worlds[other].secrets if other != who else ():
                        assert secret not in page, f"{where} shows {other}'s {secret!r}"
            if rule == "token":
                assert status == 200, where
            elif who == "anonymous":
                if rule == "public":
                    assert status == 200, where
                else:
                    assert status == 302 and response.url.startswith("/logga-in/"), where
            elif rule == "post-back" and (who == "staff" or who in sees):
                assert status in ((302,) if who == "staff" else (302, 403)), where
            elif rule in POST_RULES:
                assert status in (403, 404, 405), where
            elif who == "staff":
                assert status in ((403,) if name in STAFF_REFUSED else (200, 302)), where
            elif rule == "staff":
                assert status in (403, 404), where
            elif rule == "party":
                assert status == (200 if who in sees else 404), where
            elif rule == "member":
                if who in sees:
                    assert status in (200, 302, 403, 404), where
                else:
                    assert status in (403, 404), where
            else:
                assert status in (200, 302), where
            if status == 302 and who != "anonymous":
                # A redirect must not lead a user to something they may not see.
                assert not response.url.startswith("http"), where
            if owner is None or who not in NGOS or who in sees:
                continue
            if _is_private(make_args):
                # Another party's own object is, to this NGO, one that does not exist: 404
                # wherever the view looks it up (403 where only staff may go at all, 405 for a
                # GET of a POST-only action), whatever the method.
                assert status == as_missing(who, user, "get") and status in (403, 404, 405), where
                status = client.post(url, {}).status_code
                where = f"{who} POST {url} (object of {owner}) -> {status}"
                assert status == as_missing(who, user, "post") and status in (403, 404), where
            elif rule in POST_RULES:
                # The other organisation cannot act on this object.
                status = client.post(url, {}).status_code
                assert status in (403, 404), f"{who} POST {url} (object of {owner}) -> {status}"


def test_feed_needs_the_token(make_worlds, client):
    """The feed's URL is the key: a wrong or reset token is 404, and A's feed holds A's
    deadlines, not B's."""
    from django.urls import reverse

    from iop.pages.deadlines import _token_for

    worlds = make_worlds({"lifecycle"})
    assert client.get(reverse("deadlines:feed", args=["gissat"])).status_code == 404
    feed_a = client.get(reverse("deadlines:feed", args=[worlds["A"].feed_token]))
    body = feed_a.content.decode()
    assert feed_a.status_code == 200 and "BEGIN:VCALENDAR" in body
    assert worlds["B"].partnership.title not in body
    _token_for(worlds["A"].user, reset=True)
    old = client.get(reverse("deadlines:feed", args=[worlds["A"].feed_token]))
    assert old.status_code == 404

"""Object permissions that follow the data.

Every organisation has a django-guardian group "org-<pk>". A representative (role
representative, with an organisation) is a member of their organisation's group and of no other.
When an organisation becomes a party, its group gets `view_partnership` on the partnership; each
bilaga gives its own party's group `view_annex`. Other apps (reporting) grant on their own
objects through `grant_to_organisation`.

The receivers are connected in `PartnershipsConfig.ready`. `sync_all()` rebuilds every grant
(for data written before the switch, e.g. by a migration or a fixture without signals).
"""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save
from guardian.shortcuts import assign_perm, remove_perm

GROUP_PREFIX = "org-"


def organisation_group(organisation_id) -> Group:
    group, _ = Group.objects.get_or_create(name=f"{GROUP_PREFIX}{organisation_id}")
    return group


def grant_to_organisation(organisation_id, perms, obj):
    group = organisation_group(organisation_id)
    for perm in perms:
        assign_perm(perm, group, obj)


def revoke_from_organisation(organisation_id, perms, obj):
    group = organisation_group(organisation_id)
    for perm in perms:
        remove_perm(perm, group, obj)


def sync_user_groups(user):
    """Put a representative in their organisation's group and take them out of any other."""
    if not user.pk or getattr(user, "_syncing_groups", False):
        return
    user._syncing_groups = True
    try:
        current = set(user.groups.filter(name__startswith=GROUP_PREFIX))
        wanted = set()
        if user.role == user.Role.REPRESENTATIVE and user.organisation_id and user.is_active:
            wanted.add(organisation_group(user.organisation_id))
        for group in current - wanted:
            user.groups.remove(group)
        for group in wanted - current:
            user.groups.add(group)
    finally:
        user._syncing_groups = False


def _on_user_groups_changed(sender, instance, action, reverse, **kwargs):
    # The admin's user form saves the groups after the user: put the organisation group back.
    if not reverse and action in {"post_add", "post_remove", "post_clear"}:
        sync_user_groups(instance)


def grant_participation(participation):
    grant_to_organisation(
        participation.organisation_id, ["partnerships.view_partnership"], participation.partnership
    )


def grant_annex(annex):
    organisation_id = annex.participation.organisation_id
    grant_to_organisation(organisation_id, ["partnerships.view_annex"], annex)


def _on_user_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_user_groups(instance)


def _on_participation_saved(sender, instance, created, raw=False, **kwargs):
    # Former parties keep seeing the partnership they were part of (its history is theirs too).
    if not raw:
        grant_participation(instance)


def _on_annex_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        grant_annex(instance)


def connect():
    from partnerships.models import Annex, Participation, User

    post_save.connect(_on_user_saved, sender=User, dispatch_uid="access-user")
    m2m_changed.connect(
        _on_user_groups_changed, sender=User.groups.through, dispatch_uid="access-user-groups"
    )
    post_save.connect(_on_participation_saved, sender=Participation, dispatch_uid="access-party")
    post_save.connect(_on_annex_saved, sender=Annex, dispatch_uid="access-annex")


def sync_all():
    from partnerships.models import Annex, Participation, User

    for user in User.objects.all():
        sync_user_groups(user)
    for participation in Participation.objects.select_related("partnership"):
        grant_participation(participation)
    for annex in Annex.objects.select_related("participation"):
        grant_annex(annex)

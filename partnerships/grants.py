"""Object permissions that follow the data.

Every organisation has a django-guardian group "org-<pk>". A representative (role
representative, with an organisation) is a member of their organisation's group and of no other.
When an organisation becomes a party, its group gets `view_partnership` on the partnership; each
bilaga gives its own party's group `view_annex`. Other apps (reporting) grant on their own
objects through `grant_to_organisation`.

The receivers are connected in `PartnershipsConfig.ready`. `sync_all()` rebuilds every grant
(for data written before the switch, e.g. by a migration or a fixture without signals).

The grants are read here too (`objects_for_user`), and `GrantedQuerySet.visible_to` puts that
read on the models whose rows are granted one by one (partnerships, bilagor, reports,
statements, feedback), so that each model decides its own visibility in one place; models that
belong to a granted row (a bilaga's commitments, payments, signatures) narrow through it. This
module imports no models at the top, so the models can import it.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.db.models.signals import m2m_changed, post_save
from guardian.shortcuts import assign_perm, get_objects_for_user
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

GROUP_PREFIX = "org-"


def is_administration(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_administration)


def objects_for_user(user, perm, queryset):
    """`queryset` narrowed to the objects `user` holds `perm` on (staff: all of it).

    One query, whatever the number of rows: the permission tables are read in a subquery.
    Global (model-level) permissions are deliberately ignored for representatives.
    """
    if is_administration(user):
        return queryset
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    if isinstance(queryset.model._meta.pk, models.AutoField | models.BigAutoField):
        return queryset.filter(pk__in=_granted_pks(user, perm, queryset.model))
    return get_objects_for_user(
        user, perm, klass=queryset, accept_global_perms=False, with_superuser=False
    )


def _granted_pks(user, perm, model):
    """Subquery: pks of the `model` objects `user` holds `perm` on, itself or through a group.

    The same rows as guardian's get_objects_for_user (without global permissions), but guardian
    compares the model's pk cast to text with its object_pk, and restricted to a queryset it
    adds "object_pk IN (every pk of the queryset, as text)": over all 30,000 reports at 10× that
    took PostgreSQL 2.7 s for a representative's report list. Here the handful of object_pks
    of the user's grants are cast to the pk's type, so the pk index finds the objects."""
    codename = perm.split(".", 1)[-1]
    ctype = ContentType.objects.get_for_model(model)

    def pks(grants):
        return (
            # content_type on the grant itself too: the cast below then only ever sees this
            # model's (integer) object_pks, whatever order PostgreSQL applies the filters in.
            grants.filter(
                content_type=ctype, permission__content_type=ctype, permission__codename=codename
            )
            .annotate(granted_pk=Cast("object_pk", models.BigIntegerField()))
            .values("granted_pk")
        )

    by_user = pks(get_user_obj_perms_model(model).objects.filter(user=user))
    by_group = pks(get_group_obj_perms_model(model).objects.filter(group__user=user))
    return by_user.union(by_group, all=True)


class GrantedQuerySet(models.QuerySet):
    """For models whose rows are granted to organisations one by one: a representative sees
    the rows their organisation's group holds `view_<model>` on; staff see every row."""

    def visible_to(self, user):
        opts = self.model._meta
        return objects_for_user(user, f"{opts.app_label}.view_{opts.model_name}", self)


def organisation_group(organisation_id) -> Group:
    group, _ = Group.objects.get_or_create(name=f"{GROUP_PREFIX}{organisation_id}")
    return group


def grant_to_organisation(organisation_id, perms, obj):
    group = organisation_group(organisation_id)
    for perm in perms:
        assign_perm(perm, group, obj)


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

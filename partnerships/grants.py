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

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed, post_save
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm
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
    of the user's grants are cast to the pk's type, so the pk index finds the objects.

    Written as SQL text rather than as two querysets and their union: built for every list a
    representative sees (four times on the portal home), the querysets took 2 ms of CPU each to
    build and compile, the text a few microseconds."""
    codename = perm.split(".", 1)[-1]
    by_user = get_user_obj_perms_model(model)._meta
    by_group = get_group_obj_perms_model(model)._meta
    memberships = user._meta.get_field("groups").remote_field.through._meta
    permission = Permission._meta.db_table
    # content_type on the grant itself too: the cast only ever sees this model's (integer)
    # object_pks, whatever order the database applies the filters in.
    sql = (
        f"SELECT CAST(g.object_pk AS BIGINT) FROM {by_user.db_table} g"
        f" INNER JOIN {permission} p ON g.permission_id = p.id"
        " WHERE g.user_id = %s AND g.content_type_id = %s"
        " AND p.content_type_id = %s AND p.codename = %s"
        " UNION ALL"
        f" SELECT CAST(g.object_pk AS BIGINT) FROM {by_group.db_table} g"
        f" INNER JOIN {memberships.db_table} m ON g.group_id = m.group_id"
        f" INNER JOIN {permission} p ON g.permission_id = p.id"
        f" WHERE m.{memberships.get_field('user').column} = %s AND g.content_type_id = %s"
        " AND p.content_type_id = %s AND p.codename = %s"
    )
    if isinstance(user.pk, models.Expression):
        # A viewer of a query compiled once (iop.prepared.Viewer): the user's id is a
        # placeholder, and the content type is looked up by its name, as its id may differ
        # between databases (and after a test's flush).
        opts = ContentType._meta
        sql = sql.replace(
            "g.content_type_id = %s AND p.content_type_id = %s",
            f"g.content_type_id = (SELECT id FROM {opts.db_table}"
            " WHERE app_label = %s AND model = %s) AND p.content_type_id = g.content_type_id",
        )
        params = (user.pk, model._meta.app_label, model._meta.model_name, codename) * 2
    else:
        ctype = ContentType.objects.get_for_model(model)
        params = (user.pk, ctype.pk, ctype.pk, codename) * 2
    return RawSQL(sql, params, output_field=models.BigIntegerField())


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


def revoke_from_organisation(organisation_id, perms, obj):
    """Before `obj` is deleted: guardian's grants name it by primary key only and would stay,
    ready to grant a later row that reuses the key."""
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
    from partnerships.models import Annex, Participation

    User = get_user_model()
    post_save.connect(_on_user_saved, sender=User, dispatch_uid="access-user")
    m2m_changed.connect(
        _on_user_groups_changed, sender=User.groups.through, dispatch_uid="access-user-groups"
    )
    post_save.connect(_on_participation_saved, sender=Participation, dispatch_uid="access-party")
    post_save.connect(_on_annex_saved, sender=Annex, dispatch_uid="access-annex")


def sync_all():
    from partnerships.models import Annex, Participation

    for user in get_user_model().objects.all():
        sync_user_groups(user)
    for participation in Participation.objects.select_related("partnership"):
        grant_participation(participation)
    for annex in Annex.objects.select_related("participation"):
        grant_annex(annex)

"""No lost update: the second of two concurrent edits is refused, showing what changed."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from simple_history.models import HistoricalRecords

from iop.concurrency import VersionedModel, current_version, save_versioned
from partnerships.models import Commitment
from tests.factories import CommitmentFactory, UserFactory


@pytest.fixture
def commitment(db):
    return CommitmentFactory(title="Öppen verksamhet", description="Tre dagar i veckan.")


@pytest.fixture
def people(db):
    return UserFactory(username="alice"), UserFactory(username="bob", first_name="Bob")


def edit(pk, version, actor, **fields):
    obj = Commitment.objects.get(pk=pk)
    for name, value in fields.items():
        setattr(obj, name, value)
    return save_versioned(obj, version=version, actor=actor, reason="Ändring")


def test_second_save_is_refused_with_the_changes(commitment, people):
    alice, bob = people
    seen_by_alice = current_version(commitment)
    seen_by_bob = current_version(commitment)
    assert seen_by_alice == seen_by_bob != 0

    edit(commitment.pk, seen_by_alice, bob, title="Öppen verksamhet fem dagar")
    with pytest.raises(ValidationError) as exc:
        edit(commitment.pk, seen_by_alice, alice, description="Två dagar i veckan.")
    text = "\n".join(exc.value.messages)
    assert "rubrik: ”Öppen verksamhet” → ”Öppen verksamhet fem dagar”" in text
    assert "beskrivning" not in text  # only what the other person changed
    assert "Bob" in text
    commitment.refresh_from_db()
    assert commitment.title == "Öppen verksamhet fem dagar"
    assert commitment.description == "Tre dagar i veckan."  # Alice's change not written


def test_save_with_the_current_version_goes_through_and_bumps_it(commitment, people):
    alice, _bob = people
    version = current_version(commitment)
    edit(commitment.pk, version, alice, title="Ny")
    assert current_version(commitment) != version
    edit(commitment.pk, current_version(commitment), alice, title="Nyare")
    assert Commitment.objects.get(pk=commitment.pk).title == "Nyare"


def test_missing_version_is_refused(commitment, people):
    with pytest.raises(ValidationError):
        edit(commitment.pk, None, people[0], title="Utan version")


def test_through_the_form_the_user_sees_the_changes_and_keeps_their_input(
    client, staff, commitment, people, settings
):
    settings.ROOT_URLCONF = "tests.security.urls"
    _alice, bob = people
    client.force_login(staff)
    page = client.get(f"/test-atagande/{commitment.pk}/")
    version = page.context["form"]["version"].value()
    edit(commitment.pk, current_version(commitment), bob, title="Bobs rubrik")
    response = client.post(
        f"/test-atagande/{commitment.pk}/",
        {
            "order": 1,
            "title": "Min rubrik",
            "description": "Min text",
            "reason": "Rättelse",
            "version": version,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Någon annan har ändrat det här" in body
    assert "Bobs rubrik" in body
    assert 'value="Min rubrik"' in body  # what they typed is still there
    assert Commitment.objects.get(pk=commitment.pk).title == "Bobs rubrik"
    # Having seen the changes, saving again (with the new version in the form) goes through.
    new_version = response.context["form"]["version"].value()
    assert str(new_version) == str(current_version(commitment))
    again = client.post(
        f"/test-atagande/{commitment.pk}/",
        {
            "order": 1,
            "title": "Min rubrik",
            "description": "Min text",
            "reason": "Rättelse",
            "version": new_version,
        },
    )
    assert again.status_code == 302
    assert Commitment.objects.get(pk=commitment.pk).title == "Min rubrik"


class Minutes(VersionedModel):
    """A test-only model using the abstract mixin."""

    text = models.TextField("text")
    history = HistoricalRecords()

    class Meta:
        app_label = "iop"


@pytest.fixture
def minutes_table(transactional_db):
    with connection.schema_editor() as editor:
        editor.create_model(Minutes)
        editor.create_model(Minutes.history.model)
    yield
    with connection.schema_editor() as editor:
        editor.delete_model(Minutes.history.model)
        editor.delete_model(Minutes)


def test_versioned_model_counts_up_and_refuses_stale(minutes_table):
    actor = UserFactory(username="sekreterare")
    minutes = save_versioned(Minutes(text="Utkast"), version=None, actor=actor, reason="Ny")
    assert minutes.version == 1
    stale = Minutes.objects.get(pk=minutes.pk)
    fresh = Minutes.objects.get(pk=minutes.pk)
    fresh.text = "Justerat"
    save_versioned(fresh, version=1, actor=actor, reason="Justering")
    assert Minutes.objects.get(pk=minutes.pk).version == 2
    stale.text = "Eget utkast"
    with pytest.raises(ValidationError) as exc:
        save_versioned(stale, version=1, actor=actor, reason="Sen ändring")
    assert "text: ”Utkast” → ”Justerat”" in "\n".join(exc.value.messages)
    assert Minutes.objects.get(pk=minutes.pk).text == "Justerat"

"""What the history timeline counts as a change: text sent back by a browser with its own line
endings is no change, long texts show the changed words, and a creation is summed up."""

import pytest
from django.urls import reverse

from iop.concurrency import current_version
from iop.history import normalise_text
from iop.pages.history import timeline, timeline_html
from partnerships.history.words import word_diff
from partnerships.services.annexes import commitment_update
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

PARAGRAPHS = "Första stycket om verksamheten.\nAndra stycket om målgruppen.\n\nTredje stycket."


def _latest_changes(partnership):
    return timeline(partnership).page(None, per_page=50).object_list[0]


def test_text_sent_back_with_browser_line_endings_is_no_change(staff_client):
    commitment = CommitmentFactory(title="Rubrik", description=PARAGRAPHS)
    response = staff_client.post(
        reverse("partnerships:commitment_edit", args=[commitment.pk]),
        {
            "order": commitment.order,
            "title": "Ny rubrik",
            # A textarea comes back with \r\n, and possibly a newline at the end.
            "description": PARAGRAPHS.replace("\n", "\r\n") + "\r\n",
            "reason": "Ny rubrik",
            "version": current_version(commitment),
        },
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.description == PARAGRAPHS
    latest = commitment.history.latest()
    assert latest.description == PARAGRAPHS
    entry = _latest_changes(commitment.annex.partnership)
    assert entry.reason == "Ny rubrik"
    assert [change.label for change in entry.changes] == ["Rubrik"]


def test_normalise_text_leaves_other_values_alone():
    commitment = CommitmentFactory.build(title="En\r\nrad\r", description="Ett\rtvå\n\n", order=3)
    normalise_text(commitment)
    assert (commitment.title, commitment.description, commitment.order) == (
        "En\nrad",
        "Ett\ntvå",
        3,
    )


def test_rows_saved_before_differing_only_in_line_endings_show_no_change(staff):
    """Rows written before the fix hold \\r\\n: the field is not listed, the entry still is (the
    count of changes stays that of the rows), without a table when nothing else changed."""
    commitment = CommitmentFactory(title="Rubrik", description=PARAGRAPHS)
    commitment.description = PARAGRAPHS.replace("\n", "\r\n") + "\r\n"
    commitment._change_reason = "Sparad från webbläsaren"
    commitment.save()  # as before the fix: no normalisation
    assert "\r\n" in commitment.history.latest().description
    page = timeline(commitment.annex.partnership).page(None, per_page=50)
    entry = page.object_list[0]
    assert entry.reason == "Sparad från webbläsaren"
    assert entry.kind == "~" and entry.changes == []
    html = timeline_html(page.object_list)
    assert "Sparad från webbläsaren" in html
    # Every row is an entry; a table for each creation (the partnership, its bilaga, …), none
    # for this save.
    assert html.count('<li class="timeline-entry') == page.paginator.count
    assert html.count('<table class="diff">') == page.paginator.count - 1
    assert html.count('<table class="diff">') == html.count("<details")


def test_a_change_at_the_end_of_a_long_text_shows_its_words(staff_client, staff):
    start = "Föreningen erbjuder " + "stöd och samtal " * 60
    commitment = CommitmentFactory(description=start + "tre dagar i veckan.")
    commitment_update(
        commitment, actor=staff, reason="Fler dagar", description=start + "fyra dagar i veckan."
    )
    page = staff_client.get(
        reverse("partnerships:history", args=[commitment.annex.partnership_id])
    ).content.decode()
    assert '<del><span class="visually-hidden">borttaget: </span>tre</del> dagar i veckan.' in page
    assert '<ins><span class="visually-hidden">tillagt: </span>fyra</ins> dagar i veckan.' in page
    # The unchanged beginning is shortened to the words next to the change, not repeated.
    changed = page[page.index("Fler dagar") :]
    changed = changed[: changed.index("</li>")]
    assert changed.count("stöd och samtal") < 10


def test_word_diff_escapes_every_word():
    old, new = word_diff(
        "Text som är lång nog " * 5 + "<b>slut</b>",
        "Text som är lång nog " * 5 + "<script>alert(1)</script> slut",
    )
    assert "<script>" not in new and "&lt;script&gt;alert(1)&lt;/script&gt;" in new
    assert "&lt;b&gt;slut&lt;/b&gt;" in old and "<b>" not in old
    assert word_diff("samma  ord", "samma ord") is None  # spaces alone: no word changed


def test_a_creation_is_summed_up_with_its_values_folded(staff_client):
    commitment = CommitmentFactory(title="Nytt åtagande <i>x</i>", description="Beskrivning")
    page = staff_client.get(
        reverse("partnerships:history", args=[commitment.annex.partnership_id])
    ).content.decode()
    created = page[page.index("Nytt åtagande &lt;i&gt;x&lt;/i&gt; · skapad") :]
    created = created[: created.index("</li>")]
    assert '<details class="timeline-values"><summary>Visa ' in created
    assert created.index("<summary>") < created.index('<table class="diff">')

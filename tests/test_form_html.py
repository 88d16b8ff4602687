"""The form frame written in Python (iop/form_html.py) is the markup the template loop wrote:
the same labels, help texts, errors, ids and aria attributes a screen reader is given."""

import pytest
from django import forms
from django.template import engines
from django.test.html import parse_html

from iop.form_html import form_fields
from partnerships.forms import LongSelect

# templates/partials/form_fields.html before the frame was written in Python (the errors not tied
# to a field no longer an alert of their own: partials/error_summary.html is the one announced).
TEMPLATE_LOOP = """{% if form.non_field_errors %}
<div class="form-errors" id="form-errors">
  {% for error in form.non_field_errors %}<p>{{ error }}</p>{% endfor %}
</div>
{% endif %}
{% for field in form.hidden_fields %}{{ field }}{% endfor %}
{% for field in form.visible_fields %}
{% if field.use_fieldset %}
<fieldset class="field field-group{% if field.errors %} field-error{% endif %}"{% if field.aria_describedby %} aria-describedby="{{ field.aria_describedby }}"{% endif %}>
  <legend>{{ field.label }}</legend>
  {{ field }}
{% else %}
<div class="field{% if field.errors %} field-error{% endif %}{% if field.field.widget.input_type == 'checkbox' %} field-checkbox{% endif %}">
  {% if field.field.widget.input_type == 'checkbox' %}
    {{ field }} {{ field.label_tag }}
  {% else %}
    {{ field.label_tag }}
    {{ field }}
  {% endif %}
{% endif %}
  {% if field.help_text %}<p class="help" id="{{ field.auto_id }}_helptext">{{ field.help_text }}</p>{% endif %}
  {% if field.errors %}<div class="errors" id="{{ field.auto_id }}_error">{% for error in field.errors %}<p>{{ error }}</p>{% endfor %}</div>{% endif %}
{% if field.use_fieldset %}</fieldset>{% else %}</div>{% endif %}
{% endfor %}"""


class EveryKindForm(forms.Form):
    required_css_class = "required"

    token = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label='Namn <& "citat">', max_length=20, help_text="Högst 20 <tecken>")
    question = forms.CharField(label="Vem?", required=False)
    suffixless = forms.CharField(label="Utan", label_suffix="", required=False)
    agree = forms.BooleanField(label="Jag godkänner", help_text="Krävs")
    kinds = forms.MultipleChoiceField(
        label="Slag",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Välj minst ett",
    )
    one = forms.ChoiceField(label="Ett", choices=[("x", "X")], widget=forms.RadioSelect)
    text = forms.CharField(label="Text", widget=forms.Textarea, required=False)
    own_id = forms.CharField(label="Eget id", widget=forms.TextInput(attrs={"id": "eget"}))

    def clean(self):
        raise forms.ValidationError("Något <gick> fel.")


FORMS = {
    "unbound": lambda: EveryKindForm(initial={"name": "Anna & Bo", "token": "t"}),
    "refused": lambda: EveryKindForm({"name": "x" * 30, "text": "<b>kvar</b>", "token": "t"}),
    "no ids": lambda: EveryKindForm({"name": "ok"}, auto_id=False),
    "other suffix": lambda: EveryKindForm(label_suffix=" –"),
}


@pytest.mark.parametrize("name", FORMS)
def test_the_frame_is_the_markup_the_template_loop_wrote(name):
    form = FORMS[name]()
    loop = engines["django"].from_string(TEMPLATE_LOOP).render({"form": form})
    written = str(form_fields(form))
    assert parse_html(written) == parse_html(loop)
    if form.is_bound:
        assert 'aria-invalid="true"' in written and "Något &lt;gick&gt; fel." in written


def test_a_label_says_what_it_is_for_and_the_input_what_describes_it():
    form = EveryKindForm({"name": "x" * 30})
    written = str(form_fields(form))
    assert (
        '<label for="id_name" class="required">Namn &lt;&amp; &quot;citat&quot;&gt;:</label>'
        in written
    )
    assert 'aria-describedby="id_name_helptext id_name_error"' in written
    assert '<label for="id_question">Vem?</label>' in written
    assert '<label for="eget" class="required">Eget id:</label>' in written


@pytest.mark.parametrize("value", [None, "", 2, "2", "a&b", ["x\ny"]])
def test_a_long_select_writes_the_options_django_writes(value):
    """LongSelect (a select of hundreds of partnerships, written as one string) gives the
    markup of Django's own select: every option, its escaping and the one selected."""
    choices = [
        ("", "Alla"),
        (1, "Ett <\"&\"> 'citat'"),
        (2, "Två"),
        ("a&b", "A & B"),
        ("x\ny", "Rad\nbrytning"),
    ]
    for widget_class in (forms.Select, LongSelect):
        widget = widget_class(choices=choices)
        html = widget.render("partnership", value, attrs={"id": "id_partnership"})
        if widget_class is forms.Select:
            expected = parse_html(html)
        else:
            assert parse_html(html) == expected
    assert "Ett &lt;&quot;&amp;&quot;&gt; &#x27;citat&#x27;" in html

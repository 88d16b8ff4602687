"""The OpenAPI document of the register's open data (served at /oppna-data/openapi.json): what
`open_data.public_record` writes, field by field. tests/public/test_open_data_schema.py checks
the real responses against it with schemathesis."""

from django.utils.translation import gettext as _

from partnerships.models import Partnership
from partnerships.open_data import CSV_HEADER


def _text(description, nullable=False):
    schema = {"type": "string", "description": description}
    if nullable:
        schema["nullable"] = True
    return schema


def _date(description, nullable=False):
    return {**_text(description, nullable), "format": "date"}


def _record():
    party = {
        "type": "object",
        "additionalProperties": False,
        "required": ["namn", "organisationsnummer", "intradde", "utradde"],
        "properties": {
            "namn": _text(_("Organisationens namn")),
            "organisationsnummer": _text(_("Organisationsnummer"), nullable=True),
            "intradde": _date(_("Dagen parten trädde in")),
            "utradde": _date(_("Partens sista dag, om den har lämnat"), nullable=True),
        },
    }
    compensation = {
        "type": "object",
        "additionalProperties": False,
        "required": ["part", "organisationsnummer", "bilaga", "ar", "fran", "till", "belopp_kr"],
        "properties": {
            "part": _text(_("Parten som får ersättningen")),
            "organisationsnummer": _text(_("Partens organisationsnummer"), nullable=True),
            "bilaga": {"type": "integer", "description": _("Bilagans nummer")},
            "ar": {"type": "integer", "description": _("Året ersättningsperioden börjar")},
            "fran": _date(_("Ersättningsperiodens första dag")),
            "till": _date(_("Ersättningsperiodens sista dag")),
            "belopp_kr": {"type": "number", "minimum": 0, "description": _("Belopp i kronor")},
        },
    }
    statuses = [status.value for status in Partnership.Status if status in _public_statuses()]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "id",
            "titel",
            "diarienummer",
            "status",
            "status_text",
            "startdatum",
            "slutdatum",
            "syfte",
            "malgrupp",
            "delvis_sekretess",
            "sekretessgrund",
            "parter",
            "ersattning",
            "url",
        ],
        "properties": {
            "id": {"type": "integer"},
            "titel": _text(_("Överenskommelsens titel")),
            "diarienummer": _text(_("Diarienummer; null om underlaget saknar det"), True),
            "status": {"type": "string", "enum": statuses},
            "status_text": _text(_("Status i ord")),
            "startdatum": _date(_("Första dag")),
            "slutdatum": _date(_("Nuvarande slutdatum")),
            "syfte": _text(_("Syfte; null om avsnittet omfattas av sekretess"), True),
            "malgrupp": _text(_("Målgrupp; null om avsnittet omfattas av sekretess"), True),
            "delvis_sekretess": {"type": "boolean"},
            "sekretessgrund": _text(_("Bestämmelse i OSL vid delvis sekretess"), True),
            "parter": {"type": "array", "items": party},
            "ersattning": {"type": "array", "items": compensation},
            "url": _text(_("Partnerskapets offentliga sida")),
        },
    }


def _public_statuses():
    return Partnership.PUBLIC_STATUSES


def _error(description):
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["fel"],
                    "properties": {"fel": {"type": "string"}},
                }
            }
        },
    }


def openapi_document():
    too_many = _error(_("För många frågor från samma adress; försök igen om en stund."))
    too_many["headers"] = {"Retry-After": {"schema": {"type": "integer"}}}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": _("Offentligt register över idéburna offentliga partnerskap"),
            "version": "1",
            "description": _(
                "Överenskommelser om idéburet offentligt partnerskap (IOP) som är beslutade, "
                "med parter, period, syfte, målgrupp och ersättning per part och år. Avsnitt "
                "som omfattas av sekretess enligt offentlighets- och sekretesslagen visas inte. "
                "Verksamhetsrapporter publiceras aldrig."
            ),
        },
        "paths": {
            "/oppna-data/partnerskap.json": {
                "get": {
                    "operationId": "partnerskapLista",
                    "summary": _("Alla offentliga partnerskap"),
                    "responses": {
                        "200": {
                            "description": _("Registret"),
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "required": ["partnerskap"],
                                        "properties": {
                                            "partnerskap": {
                                                "type": "array",
                                                "items": {
                                                    "$ref": "#/components/schemas/Partnerskap"
                                                },
                                            }
                                        },
                                    }
                                }
                            },
                        },
                        "429": too_many,
                    },
                }
            },
            "/oppna-data/partnerskap/{id}.json": {
                "get": {
                    "operationId": "partnerskap",
                    "summary": _("Ett offentligt partnerskap"),
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": _("Partnerskapet"),
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Partnerskap"}
                                }
                            },
                        },
                        "404": _error(_("Inget offentligt partnerskap med det id:t")),
                        "429": too_many,
                    },
                }
            },
            "/oppna-data/partnerskap.csv": {
                "get": {
                    "operationId": "partnerskapCsv",
                    "summary": _(
                        "Registret som CSV (semikolon, UTF-8): en rad per partnerskap, part och år"
                    ),
                    "responses": {
                        "200": {
                            "description": ";".join(CSV_HEADER),
                            "content": {"text/csv": {"schema": {"type": "string"}}},
                        },
                        "429": too_many,
                    },
                }
            },
        },
        "components": {"schemas": {"Partnerskap": _record()}},
    }

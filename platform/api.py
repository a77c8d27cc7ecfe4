"""What every API view shares: the UI's forms validate the requests.

A request's fields are laid over the current values (a field left out keeps its
value), checked by the same form as the page, and a form's errors become a 400
JSON body of field messages.
"""

from django.http import QueryDict
from rest_framework.exceptions import ValidationError


def _put(data: QueryDict, field, name: str, value) -> None:
    if value is None or value is False:
        data.pop(name, None)
    elif value is True:
        data[name] = "on"
    elif isinstance(value, list | tuple):
        values = [str(item) for item in value]
        if getattr(field.widget, "allow_multiple_selected", False):
            data.setlist(name, values)
        else:  # a list typed one item per line
            data[name] = "\n".join(values)
    else:
        data[name] = str(value)


def form_data(request, form) -> QueryDict:
    """The request's fields as ``form`` (unbound, built on the current instance) expects them."""
    data = QueryDict(mutable=True)
    for name, field in form.fields.items():
        _put(data, field, name, form.initial.get(name, field.initial))
    sent = request.data
    items = ((name, sent.getlist(name)) for name in sent) if hasattr(sent, "getlist") else sent.items()
    for name, value in items:
        if name in form.fields:
            if isinstance(value, list) and len(value) == 1 and hasattr(sent, "getlist"):
                value = value[0]
            _put(data, form.fields[name], name, value)
    return data


def form_errors(form) -> ValidationError:
    return ValidationError(
        {field: [e["message"] for e in errors] for field, errors in form.errors.get_json_data().items()}
    )

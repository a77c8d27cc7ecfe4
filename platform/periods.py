"""Days that staff type in filters, as moments of the portal's time zone.

A day ends at the next local midnight: a filter on a timestamp column is then a
half-open range its index serves (``created_at__date`` casts every row)."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ORDER_ERROR = _("La fin de la période doit suivre son début.")


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def on_days(field: str, first: datetime.date | None, last: datetime.date | None) -> Q:
    """``field`` from the start of ``first`` to the end of ``last``, either bound optional."""
    days = Q()
    if first:
        days &= Q(**{f"{field}__gte": local_midnight(first)})
    if last:
        days &= Q(**{f"{field}__lt": local_midnight(last + datetime.timedelta(days=1))})
    return days


def day_field(label) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


def check_order(form: forms.Form, first: str, last: str) -> None:
    """A field error on ``last`` when it comes before ``first``."""
    start, end = form.cleaned_data.get(first), form.cleaned_data.get(last)
    if start and end and start > end:
        form.add_error(last, ORDER_ERROR)

import datetime

from django import forms
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform.periods import ORDER_ERROR
from shared_apps.referentials.models import Commune

MAX_MONTHS = 60


def default_period() -> tuple[datetime.date, datetime.date]:
    """The last twelve months, the current one included."""
    today = timezone.localdate()
    start = today.replace(day=1)
    for _month in range(11):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
    return start, today


class PeriodForm(forms.Form):
    """A period of at most MAX_MONTHS months, the last twelve by default (also the
    cross-territory admins' page, shared_apps.oversight)."""

    start = forms.DateField(label=_("Du"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Au"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None):
        """Without a date, the default period."""
        start, end = default_period()
        defaults = {"start": start.isoformat(), "end": end.isoformat()}
        super().__init__({**defaults, **{name: value for name, value in (data or {}).items() if value}})

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                self.add_error("end", ORDER_ERROR)
            elif (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
                self.add_error("start", _("La période est limitée à %(months)s mois.") % {"months": MAX_MONTHS})
        return cleaned


class StatisticsFilterForm(PeriodForm):
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), required=False, empty_label=_("Toutes les communes")
    )

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["commune"].queryset = connection.tenant.communes.order_by("name")

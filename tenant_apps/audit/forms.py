from django import forms
from django.utils.translation import gettext_lazy as _

from platform.periods import check_order, day_field, on_days
from tenant_apps.audit.enums import AuditAction
from tenant_apps.audit.models import AuditEntry


class JournalFilterForm(forms.Form):
    """The journal's filters; all optional, a bad date is a field error."""

    actor = forms.CharField(
        label=_("Auteur"), required=False, max_length=100, help_text=_("Nom ou adresse e-mail, même partiel.")
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    target_type = forms.ChoiceField(label=_("Type de donnée"), required=False)
    start = day_field(_("Du"))
    end = day_field(_("Au"))

    def __init__(self, data=None):
        super().__init__({name: value for name, value in (data or {}).items() if value} or None)
        self.fields["action"].choices = [("", _("Toutes les actions")), *AuditAction.choices]
        # The types present in the journal: target types are model names, not a closed list.
        types = AuditEntry.objects.exclude(target_type="").order_by().values_list("target_type", flat=True).distinct()
        self.fields["target_type"].choices = [("", _("Tous les types")), *((kind, kind) for kind in sorted(types))]

    def clean(self):
        cleaned = super().clean()
        check_order(self, "start", "end")
        return cleaned

    def filter(self, entries):
        """``entries`` narrowed to the valid filters (all of them when the form is unbound)."""
        if not self.is_bound:
            return entries
        data = self.cleaned_data
        if data.get("actor"):
            entries = entries.filter(actor_label__icontains=data["actor"])
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("target_type"):
            entries = entries.filter(target_type=data["target_type"])
        return entries.filter(on_days("created_at", data.get("start"), data.get("end")))

"""The territory admin manages the team: reception agents, advisors, partners and admins."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenant_apps.accounts import services
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.forms import StaffInvitationForm, StaffRoleForm
from tenant_apps.accounts.models import User

admin_required = role_required(Role.TERRITORY_ADMIN)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _member_or_404(pk) -> User:
    """Candidates and recruiters are not the team's: they do not exist here."""
    return get_object_or_404(User.objects.staff(), pk=pk)


def _organisation_of(user):
    membership = getattr(user, "partner_membership", None) if user.role == Role.PARTNER else None
    return membership.organisation if membership else None


@admin_required
def team(request):
    members = User.objects.staff().order_by("-is_active", "last_name", "first_name", "pk")
    return render(request, "accounts/staff_list.html", {"members": members})


@admin_required
def invite(request):
    # From an organisation's page, the partner role and the organisation come chosen (?organisation=<id>).
    initial = {}
    if organisation := request.GET.get("organisation", ""):
        initial = {"role": Role.PARTNER, "organisation": organisation}
    form = StaffInvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invite_staff(
                by=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                organisation=data["organisation"],
                base_url=_base_url(request),
            )
        except services.StaffError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Invitation envoyée à %(email)s : le lien permet de choisir un mot de passe.")
                % {"email": user.email},
            )
            return redirect("staff:list")
    return render(request, "accounts/staff_invite.html", {"form": form}, status=400 if form.errors else 200)


@admin_required
def member(request, pk):
    """One team member: their role (and organisation), activation, second factor."""
    user = _member_or_404(pk)
    initial = {"role": user.role, "organisation": _organisation_of(user)}
    form = StaffRoleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(
                user, role=form.cleaned_data["role"], organisation=form.cleaned_data["organisation"], by=request.user
            )
        except services.StaffError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Le rôle de %(name)s est enregistré.") % {"name": user})
            return redirect("staff:member", pk=user.pk)
    context = {"member": user, "form": form, "is_me": user.pk == request.user.pk}
    return render(request, "accounts/staff_member.html", context, status=400 if form.errors else 200)


def _set_active(request, pk, *, active: bool):
    user = _member_or_404(pk)
    try:
        services.set_active(user, active=active, by=request.user)
    except services.StaffError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            (_("%(name)s peut de nouveau se connecter.") if active else _("%(name)s ne peut plus se connecter."))
            % {"name": user},
        )
    return redirect("staff:member", pk=user.pk)


@require_POST
@admin_required
def deactivate(request, pk):
    return _set_active(request, pk, active=False)


@require_POST
@admin_required
def reactivate(request, pk):
    return _set_active(request, pk, active=True)


@require_POST
@admin_required
def reset_second_factor(request, pk):
    user = _member_or_404(pk)
    services.reset_second_factor(user, by=request.user)
    messages.success(
        request, _("%(name)s enregistrera à nouveau son application à sa prochaine connexion.") % {"name": user}
    )
    return redirect("staff:member", pk=user.pk)

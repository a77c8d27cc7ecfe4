"""Advisors and partners post an employer's recruitment need."""

import pytest

from tenant_apps.accounts.enums import Role
from tenant_apps.offers.enums import OfferSource, OfferStatus
from tenant_apps.offers.models import Offer
from tests.employers.factories import EmployerFactory, MembershipFactory
from tests.offers.factories import OfferFactory
from tests.offers.test_offers import offer_data
from tests.partners.factories import PartnerMembershipFactory

URL = "/conseiller/offres/nouvelle/"


@pytest.mark.parametrize(("role", "source"), [(Role.ADVISOR, OfferSource.ADVISOR), (Role.PARTNER, OfferSource.PARTNER)])
def test_an_advisor_or_a_partner_posts_an_offer_for_an_employer(login_as, role, source):
    client, user = login_as(role)
    if role == Role.PARTNER:  # its organisation may post offers for its clients (the default)
        PartnerMembershipFactory(user=user)
    employer = EmployerFactory(name="Boulangerie Vandamme")

    response = client.post(URL, {**offer_data(), "employer": employer.pk, "publish": ""}, follow=True)

    offer = Offer.objects.get()
    assert (offer.employer, offer.source, offer.created_by, offer.status) == (
        employer,
        source,
        user,
        OfferStatus.PUBLISHED,
    )
    assert "Offre publiée." in response.content.decode()


def test_the_employer_s_recruiters_see_and_manage_the_need_posted_for_them(login_as):
    advisor_client, _advisor = login_as(Role.ADVISOR)
    recruiter_client, recruiter = login_as(Role.RECRUITER)
    employer = MembershipFactory(user=recruiter).employer
    advisor_client.post(URL, {**offer_data(), "employer": employer.pk, "draft": ""})
    offer = Offer.objects.get()

    assert offer.title in recruiter_client.get("/employeur/").content.decode()
    assert recruiter_client.get(f"/employeur/offres/{offer.pk}/").status_code == 200


def test_a_partner_manages_only_the_offers_it_posted(login_as):
    client, partner = login_as(Role.PARTNER)
    own = OfferFactory(created_by=partner, source=OfferSource.PARTNER)
    other = OfferFactory()

    assert client.get(f"/employeur/offres/{own.pk}/").status_code == 200
    assert client.get(f"/employeur/offres/{other.pk}/").status_code == 404
    assert client.post(f"/employeur/offres/{other.pk}/archive/").status_code == 404
    assert client.get("/conseiller/moderation/").status_code == 403  # partners do not moderate
    other.refresh_from_db()
    assert other.status == OfferStatus.DRAFT


def test_an_employer_is_required(login_as):
    client, _advisor = login_as(Role.ADVISOR)

    response = client.post(URL, {**offer_data(), "publish": ""})

    assert "employer" in response.context["form"].errors
    assert not Offer.objects.exists()


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER, Role.RECEPTION_AGENT, Role.TERRITORY_ADMIN])
def test_other_roles_cannot_post_on_behalf(login_as, role):
    client, _user = login_as(role)

    assert client.get(URL).status_code == 403
    assert client.post(URL, {**offer_data(), "employer": EmployerFactory().pk}).status_code == 403
    assert not Offer.objects.exists()


def test_anonymous_visitors_and_other_territories_cannot_post_on_behalf(portal_client, login_as, other_territory):
    advisor_elsewhere, _advisor = login_as(Role.ADVISOR, on=other_territory)
    advisor_elsewhere.defaults["HTTP_HOST"] = "test.localhost"

    assert portal_client.get(URL).status_code == 302
    assert advisor_elsewhere.get(URL).status_code == 302

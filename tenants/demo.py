"""Realistic generated data for the demo territories (and benchmarks, with a scale).

Deterministic (a seeded generator), written in bulk: employers of the member
communes with valid SIRETs, and offers of common local trades, most of them
published, some drafts, with their history, search data and shared index.
"""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.db.models import DurationField, ExpressionWrapper, F
from django.db.models.functions import Now
from django.utils import timezone

from shared_apps.directory.services import sync_offers
from shared_apps.referentials.models import Appellation
from shared_apps.referentials.text import normalize
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.applications.enums import HireSource
from tenant_apps.applications.models import Hire
from tenant_apps.candidates.models import Candidate, Experience
from tenant_apps.candidates.models import refresh_search_vectors as refresh_candidate_vectors
from tenant_apps.employers.enums import Sector
from tenant_apps.employers.models import Employer, Membership
from tenant_apps.employers.validators import luhn_is_valid
from tenant_apps.followup.enums import FollowUpStatus, InteractionKind
from tenant_apps.followup.services import record_employer_contact, record_interaction, update_followup
from tenant_apps.forums.models import Forum, Participant, Registration
from tenant_apps.offers.enums import ContractType, OfferStatus, RemoteWork, SalaryPeriod, WorkingTime
from tenant_apps.offers.models import Offer, OfferTransition, refresh_search_vectors
from tenant_apps.offers.richtext import render_description
from tenant_apps.partners.enums import OrganisationKind
from tenant_apps.partners.models import PartnerMembership, PartnerOrganisation
from tenant_apps.proposals.models import Proposal
from tenant_apps.statistics.services import refresh as refresh_statistics

EMPLOYERS_PER_SCALE = 25
OFFERS_PER_SCALE = 80
CANDIDATES_PER_SCALE = 40
FIRST_NAMES = [
    "Léa", "Manon", "Camille", "Inès", "Chloé", "Sarah", "Emma", "Julie", "Lucas", "Hugo", "Thomas", "Nathan",
    "Kevin", "Mehdi", "Dylan", "Bastien", "Sabrina", "Nadia", "Jordan", "Maxime",
]  # fmt: skip
WANTED_CONTRACTS = [ContractType.CDI, ContractType.CDD, ContractType.TEMPORARY]
SKILLS = ["Travail en équipe", "Ponctualité", "Accueil du public", "Caces 1-3-5", "Hygiène HACCP", "Permis C"]
SURNAMES = [
    "Vandamme", "Deconinck", "Lefebvre", "Dewaele", "Vanhoutte", "Declercq", "Verbeke", "Delattre", "Boulanger",
    "Dupont", "Leroy", "Maes", "Devos", "Coppin", "Hennebelle", "Lamerand", "Verhaeghe", "Bailleul",
]  # fmt: skip
# (ROME code, kind of business, sector): trades the intercommunality's SMEs recruit for.
TRADES = [
    ("D1102", "Boulangerie", Sector.CRAFTS),
    ("D1106", "Primeur", Sector.RETAIL),
    ("D1507", "Supermarché", Sector.RETAIL),
    ("G1602", "Restaurant", Sector.HOSPITALITY),
    ("G1603", "Brasserie", Sector.HOSPITALITY),
    ("N1101", "Logistique", Sector.TRANSPORT),
    ("N4101", "Transports", Sector.TRANSPORT),
    ("F1703", "Maçonnerie", Sector.CONSTRUCTION),
    ("F1603", "Plomberie", Sector.CONSTRUCTION),
    ("I1604", "Garage", Sector.CRAFTS),
    ("J1501", "EHPAD", Sector.HEALTH_SOCIAL),
    ("K1302", "Aide à domicile", Sector.PERSONAL_SERVICES),
    ("A1414", "Exploitation maraîchère", Sector.AGRICULTURE),
    ("H2913", "Chaudronnerie", Sector.INDUSTRY),
    ("M1607", "Cabinet comptable", Sector.BUSINESS_SERVICES),
    ("K2204", "Nettoyage", Sector.BUSINESS_SERVICES),
]
TRADE_CODES = [code for code, *_ in TRADES]
CONTRACTS = (
    [ContractType.CDI] * 4
    + [ContractType.CDD] * 3
    + [ContractType.TEMPORARY] * 2
    + [
        ContractType.APPRENTICESHIP,
        ContractType.SEASONAL,
        ContractType.INSERTION,
    ]
)
DESCRIPTION = """{business} {surname} recrute pour son établissement de {commune}.

Vos missions :
- {task_1}
- {task_2}
- travailler en équipe, dans le respect des règles d'hygiène et de sécurité

Poste {schedule}. Débutant accepté : une formation est assurée en interne."""
TASKS = ["accueillir les clients", "préparer les commandes", "assurer l'entretien du matériel", "tenir le poste"]


def _siret(rng: random.Random) -> str:
    while True:
        body = "".join(str(rng.randrange(10)) for _ in range(13))
        for key in range(10):
            if not body.startswith("356000000") and luhn_is_valid(body + str(key)):
                return body + str(key)


def populate(territory, scale: int = 1, seed: int = 59) -> tuple[int, int]:
    """Add employers and offers to ``territory``, which must be the active
    territory; returns how many of each were made."""
    rng = random.Random(f"{seed}-{territory.schema_name}")
    communes = list(territory.communes.all())
    titles = {}
    for appellation in Appellation.objects.filter(occupation_id__in=[code for code, *_ in TRADES]).select_related(
        "occupation"
    ):
        titles.setdefault(appellation.occupation_id, []).append(appellation)
    employers = Employer.objects.bulk_create(
        Employer(
            siret=_siret(rng),
            name=f"{business} {rng.choice(SURNAMES)}",
            sector=sector,
            commune=rng.choice(communes),
            address=f"{rng.randint(1, 120)} rue {rng.choice(['de la Gare', 'du Moulin', 'Nationale', 'de Cassel'])}",
        )
        for code, business, sector in (rng.choice(TRADES) for _ in range(EMPLOYERS_PER_SCALE * scale))
    )
    trade_of = {business: code for code, business, _sector in TRADES}
    now = timezone.now()
    validity = datetime.timedelta(days=territory.offer_validity_days)
    offers = []
    for _ in range(OFFERS_PER_SCALE * scale):
        employer = rng.choice(employers)
        appellation = rng.choice(titles[trade_of[employer.name.rsplit(" ", 1)[0]]])
        commune = rng.choice(communes) if rng.random() < 0.3 else employer.commune
        part_time = rng.random() < 0.3
        published = rng.random() < 0.9
        published_at = now - datetime.timedelta(days=rng.uniform(0, 30))
        description = DESCRIPTION.format(
            business=employer.name.rsplit(" ", 1)[0],
            surname=employer.name.rsplit(" ", 1)[1],
            commune=commune.name,
            task_1=rng.choice(TASKS),
            task_2=rng.choice(TASKS),
            schedule="à temps partiel" if part_time else "à temps plein",
        )
        hourly = round(rng.uniform(11.88, 16), 2)
        offers.append(
            Offer(
                employer=employer,
                title=appellation.label,
                occupation=appellation.occupation,
                description=description,
                description_html=render_description(description),
                contract_type=rng.choice(CONTRACTS),
                working_time=WorkingTime.PART_TIME if part_time else WorkingTime.FULL_TIME,
                hours_per_week=rng.choice([20, 24, 28]) if part_time else 35,
                salary_min=hourly if rng.random() < 0.6 else None,
                salary_max=round(hourly * 1.1, 2) if rng.random() < 0.3 else None,
                salary_period=SalaryPeriod.HOUR,
                commune=commune,
                latitude=commune.latitude,
                longitude=commune.longitude,
                positions=rng.choice([1, 1, 1, 2, 3]),
                driving_licence_required=rng.random() < 0.3,
                reachable_without_car=rng.random() < 0.4,
                remote_work=RemoteWork.NONE,
                status=OfferStatus.PUBLISHED if published else OfferStatus.DRAFT,
                published_at=published_at if published else None,
                expires_at=published_at + validity if published else None,
                search_text=normalize(f"{appellation.label} {appellation.occupation.label}"),
            )
        )
    offers = Offer.objects.bulk_create(offers, batch_size=2000)
    ids = [offer.pk for offer in offers]
    refresh_search_vectors(ids)
    OfferTransition.objects.bulk_create(
        (
            OfferTransition(offer=offer, from_status=OfferStatus.DRAFT, to_status=OfferStatus.PUBLISHED)
            for offer in offers
            if offer.status == OfferStatus.PUBLISHED
        ),
        batch_size=2000,
    )
    sync_offers(ids)
    return len(employers), len(offers)


def attach_demo_recruiter() -> None:
    """The demo recruiter account (recruiter@…) works for the first generated employer."""
    recruiter = User.objects.get(role=Role.RECRUITER, email__startswith="recruiter@")
    Membership.objects.get_or_create(user=recruiter, defaults={"employer": Employer.objects.earliest("pk")})


def attach_demo_partner() -> None:
    """The demo partner account (partner@…) works for a mission locale that every fifth
    generated candidate chose, so that the partner space shows something."""
    organisation, _created = PartnerOrganisation.objects.get_or_create(
        name="Mission locale des Flandres",
        defaults={"kind": OrganisationKind.MISSION_LOCALE, "can_search_cvtheque": True},
    )
    partner = User.objects.get(role=Role.PARTNER, email__startswith="partner@")
    PartnerMembership.objects.get_or_create(user=partner, defaults={"organisation": organisation})
    generated = Candidate.objects.filter(user__email__startswith="candidat-").order_by("pk")
    Candidate.objects.filter(pk__in=list(generated.values_list("pk", flat=True))[::5]).update(
        support_organisation=organisation
    )


def populate_candidates(territory, count: int, seed: int = 59) -> int:
    """Add ``count`` candidates living in the member communes, four in five visible in the
    CVthèque, each wanting one or two of the local trades, with an experience; returns ``count``."""
    rng = random.Random(f"{seed}-{territory.schema_name}-candidates")
    communes = list(territory.communes.all())
    first = User.objects.filter(email__startswith="candidat-").count()
    users = User.objects.bulk_create(
        (
            User(
                email=f"candidat-{first + n}@{territory.slug}.example.org",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(SURNAMES),
                role=Role.CANDIDATE,
                password=make_password(None),  # unusable: generated people do not log in
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    now = timezone.now()
    candidates = []
    for user in users:
        commune = rng.choice(communes)
        visible = rng.random() < 0.8
        licence = rng.random() < 0.6
        candidates.append(
            Candidate(
                user=user,
                commune=commune,
                latitude=commune.latitude,
                longitude=commune.longitude,
                driving_licence=licence,
                has_vehicle=licence and rng.random() < 0.7,
                max_travel_km=rng.choice([5, 10, 15, 20, 30]),
                contract_types=rng.sample(
                    [ContractType.CDI, ContractType.CDD, ContractType.TEMPORARY], rng.randint(0, 2)
                ),
                available_from=(now + datetime.timedelta(days=rng.randint(-30, 90))).date(),
                presentation=f"Motivée et disponible, je cherche un emploi près de {commune.name}.",
                skills=rng.sample(SKILLS, 2),
                occupation_codes=sorted(rng.sample(TRADE_CODES, rng.choice([1, 1, 2]))),
                cvtheque_visible=visible,
                cvtheque_consent_at=now if visible else None,
            )
        )
    candidates = Candidate.objects.bulk_create(candidates, batch_size=2000)
    wanted = Candidate.occupations.through
    links, experiences = [], []
    for candidate in candidates:
        codes = candidate.occupation_codes
        links += [wanted(candidate_id=candidate.pk, occupation_id=code) for code in codes]
        business = next(business for code, business, _sector in TRADES if code == codes[0])
        start = rng.randint(2005, 2022)
        experiences.append(
            Experience(
                candidate=candidate,
                title=f"Employé polyvalent — {business}",
                organisation=f"{business} {rng.choice(SURNAMES)}",
                start_year=start,
                end_year=min(start + rng.randint(1, 6), now.year),
            )
        )
    wanted.objects.bulk_create(links, batch_size=5000)
    Experience.objects.bulk_create(experiences, batch_size=5000)
    ids = [candidate.pk for candidate in candidates]
    for start in range(0, len(ids), 5000):
        refresh_candidate_vectors(ids[start : start + 5000])
    return len(candidates)


def populate_backoffice(territory, seed: int = 59) -> None:
    """What the advisors' pages show in a demo: candidates followed by the demo advisor, a
    few exchanges and employer contacts, a pre-selection waiting for the demo recruiter's
    answer, and next month's job forum with its employers and registrations."""
    rng = random.Random(f"{seed}-{territory.schema_name}-backoffice")
    advisor = User.objects.get(role=Role.ADVISOR, email__startswith="advisor@")
    now = timezone.now()
    candidates = list(Candidate.objects.select_related("user").order_by("pk")[:30])
    for index, candidate in enumerate(candidates[:20]):
        update_followup(
            candidate,
            advisor=advisor if index % 2 == 0 else None,
            status=rng.choice(FollowUpStatus.values),
            tags=rng.sample(["RSA", "jeune", "sans permis", "senior", "reconversion"], rng.randint(0, 2)),
        )
        record_interaction(
            candidate,
            kind=rng.choice([InteractionKind.APPOINTMENT, InteractionKind.CALL]),
            text="Point sur la recherche : CV à jour, deux candidatures envoyées.",
            happened_at=now - datetime.timedelta(days=rng.randint(1, 120)),
            by=advisor,
        )
    employers = list(Employer.objects.order_by("pk")[:8])
    for employer in employers[:5]:
        record_employer_contact(
            employer,
            kind=InteractionKind.VISIT,
            text="Visite de l'entreprise : besoins saisonniers au printemps.",
            happened_at=now - datetime.timedelta(days=rng.randint(1, 90)),
            by=advisor,
        )
    offer = Offer.objects.published().filter(employer=employers[0]).first()
    if offer is not None:
        Proposal.objects.bulk_create(
            Proposal(offer=offer, candidate=candidate, proposed_by=advisor, message="Profil motivé, habite à côté.")
            for candidate in candidates[:2]
        )
    starts_at = (now + datetime.timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    forum = Forum.objects.create(
        title=f"Forum de l'emploi {territory.name}",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=4),
        place="Salle des fêtes",
        commune=territory.communes.order_by("-population").first() or territory.communes.first(),
        description="Une vingtaine d'employeurs du territoire recrutent : venez avec votre CV.",
        created_by=advisor,
    )
    participants = []
    for stand, employer in enumerate(employers, start=1):
        participant = Participant.objects.create(forum=forum, employer=employer, stand=f"A{stand}")
        participant.offers.set(Offer.objects.published().filter(employer=employer)[:3])
        participants.append(participant)
    for candidate in candidates[10:25]:
        registration = Registration.objects.create(forum=forum, candidate=candidate)
        registration.employers.set(rng.sample(participants, 2))
    populate_statistics(advisor)


def populate_statistics(advisor) -> None:
    """A year of history for the statistics page: profiles created over the year (one in three
    with an advisor), hires of every origin, then the roll-up computed."""
    today = timezone.localdate()
    age = ExpressionWrapper((F("id") % 365) * datetime.timedelta(days=1), output_field=DurationField())
    Candidate.objects.update(created_at=Now() - age)
    Candidate.objects.alias(third=F("id") % 3).filter(third=0).update(created_by=advisor)
    sources = [HireSource.PLATFORM, HireSource.ADVISOR, HireSource.ELSEWHERE, HireSource.PLATFORM]
    Hire.objects.bulk_create(
        Hire(offer=offer, source=sources[index % 4], hired_on=today - datetime.timedelta(days=index * 11))
        for index, offer in enumerate(Offer.objects.published().order_by("pk")[:33])
    )
    refresh_statistics(today - datetime.timedelta(days=365))

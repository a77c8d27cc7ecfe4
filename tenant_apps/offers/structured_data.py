"""What search engines and link previews read on an offer page: schema.org
``JobPosting`` (Google for Jobs) and Open Graph."""

import json

from django.utils.html import strip_tags
from django.utils.text import Truncator

from tenant_apps.offers.enums import ContractType, RemoteWork, SalaryPeriod, WorkingTime
from tenant_apps.offers.models import Offer

EMPLOYMENT_TYPES = {
    ContractType.TEMPORARY: "TEMPORARY",
    ContractType.SEASONAL: "TEMPORARY",
    ContractType.CDD: "TEMPORARY",
    ContractType.INSERTION: "TEMPORARY",
    ContractType.INTERNSHIP: "INTERN",
    ContractType.APPRENTICESHIP: "OTHER",
    ContractType.PROFESSIONALISATION: "OTHER",
    ContractType.FREELANCE: "CONTRACTOR",
}
SALARY_UNITS = {SalaryPeriod.HOUR: "HOUR", SalaryPeriod.MONTH: "MONTH", SalaryPeriod.YEAR: "YEAR"}


def summary(offer: Offer, length: int = 200) -> str:
    return Truncator(" ".join(strip_tags(offer.description_html).split())).chars(length)


def job_posting(offer: Offer, url: str) -> str:
    """The JSON-LD of an offer, safe to put inside a <script> element."""
    working_time = "FULL_TIME" if offer.working_time == WorkingTime.FULL_TIME else "PART_TIME"
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": offer.description_html,
        "datePosted": offer.published_at.date().isoformat(),
        "validThrough": offer.expires_at.isoformat(),
        "employmentType": [working_time, EMPLOYMENT_TYPES.get(offer.contract_type, "FULL_TIME")]
        if offer.contract_type != ContractType.CDI
        else [working_time],
        "hiringOrganization": {"@type": "Organization", "name": offer.employer.name},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": offer.address,
                "addressLocality": offer.commune.name,
                "postalCode": offer.commune.postal_codes.split(" ")[0],
                "addressCountry": "FR",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": offer.latitude, "longitude": offer.longitude},
        },
        "identifier": {"@type": "PropertyValue", "name": offer.employer.name, "value": str(offer.pk)},
        "occupationalCategory": f"{offer.occupation.code} {offer.occupation.label}",
        "totalJobOpenings": offer.positions,
        "url": url,
    }
    if offer.remote_work == RemoteWork.FULL:
        data["jobLocationType"] = "TELECOMMUTE"
    if offer.salary_min or offer.salary_max:
        value = {"@type": "QuantitativeValue", "unitText": SALARY_UNITS[offer.salary_period]}
        if offer.salary_min:
            value["minValue"] = float(offer.salary_min)
        if offer.salary_max:
            value["maxValue"] = float(offer.salary_max)
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "EUR", "value": value}
    if offer.start_date:
        data["jobStartDate"] = offer.start_date.isoformat()
    # "<" escaped so that no text of the offer can close the <script> element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")

"""Which kind of device a page view comes from, from its User-Agent alone.

A handful of patterns, checked in this order, good enough for a split of the visits:
- no User-Agent, or a robot, crawler, link preview, monitoring probe or command-line client: not counted;
- tablet: iPad, Kindle/Silk, or Android *without* "Mobile" (Android phones always say "Mobile",
  tablets do not), or a User-Agent saying "Tablet";
- phone: "Mobi" (Mobile Safari, Chrome and Firefox for phones), iPhone, iPod, Windows Phone, Opera Mini;
- computer: everything else.
iPads since iPadOS 13 announce themselves as a Mac by default: they are counted as computers.
"""

import re

from tenant_apps.statistics.enums import Device

ROBOT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|lighthouse"
    r"|pingdom|uptime|monitor|curl/|wget/|python-|java/|go-http-client|okhttp|libwww|httpclient|scrapy",
    re.IGNORECASE,
)
TABLET = re.compile(r"ipad|tablet|kindle|silk/|playbook|android(?!.*mobile)", re.IGNORECASE)
PHONE = re.compile(r"mobi|iphone|ipod|windows phone|opera mini|blackberry", re.IGNORECASE)


def classify(user_agent: str) -> Device | None:
    """The device of a User-Agent, or None for robots and empty ones."""
    if not user_agent or ROBOT.search(user_agent):
        return None
    if TABLET.search(user_agent):
        return Device.TABLET
    if PHONE.search(user_agent):
        return Device.PHONE
    return Device.COMPUTER

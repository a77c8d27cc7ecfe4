"""French first, English second: by browser preference or by choice."""


def test_the_portal_speaks_french_by_default(portal_client):
    html = portal_client.get("/").content.decode()

    assert 'lang="fr"' in html
    assert "Aller au contenu" in html


def test_an_english_browser_gets_english(portal_client):
    html = portal_client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()

    assert 'lang="en"' in html
    assert "Skip to content" in html
    assert "Jobs close to home, with CC des Hauts de Flandre" in html


def test_a_visitor_switches_language_from_the_footer(portal_client):
    response = portal_client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)

    assert "Skip to content" in response.content.decode()
    response = portal_client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, follow=True)
    assert "Aller au contenu" in response.content.decode()

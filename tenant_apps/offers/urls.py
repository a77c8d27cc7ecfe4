from django.urls import path

from tenant_apps.offers import views
from tenant_apps.offers.feeds import AtomOffersFeed, OffersFeed
from tenant_apps.offers.page_cache import cached_for_visitors

app_name = "offers"

urlpatterns = [
    path("offres/", cached_for_visitors(views.search), name="search"),
    path("offres/<int:pk>/", views.detail, name="detail"),
    path("offres/flux.rss", OffersFeed(), name="feed"),
    path("offres/flux.atom", AtomOffersFeed(), name="feed_atom"),
    path("offres/flux/<str:insee>.rss", OffersFeed(), name="commune_feed"),
    path("offres/flux/<str:insee>.atom", AtomOffersFeed(), name="commune_feed_atom"),
    path("widget/offres/", views.widget, name="widget"),
    path("employeur/offres/nouvelle/", views.create, name="create"),
    path("employeur/offres/<int:pk>/", views.manage, name="manage"),
    path("employeur/offres/<int:pk>/modifier/", views.edit, name="edit"),
    path("employeur/offres/<int:pk>/<slug:name>/", views.transition, name="transition"),
    path("conseiller/moderation/", views.moderation, name="moderation"),
    path("conseiller/offres/nouvelle/", views.create_on_behalf, name="create_on_behalf"),
]

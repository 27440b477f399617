from django.urls import path

from newsletter import views

urlpatterns = [
    path("anmelden/", views.subscribe, name="newsletter_subscribe"),
    path("bestaetigen/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("abmelden/", views.unsubscribe_form, name="newsletter_unsubscribe_form"),
    path("abmelden/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
]

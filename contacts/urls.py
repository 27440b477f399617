from django.urls import path

from contacts import views

urlpatterns = [
    path("k/<int:page_id>/", views.short_url, name="contact_short_url"),
]

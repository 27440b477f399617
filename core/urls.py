from django.urls import path

from core import views

urlpatterns = [
    path("", views.accessibility_feedback, name="accessibility_feedback"),
]

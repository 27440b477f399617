from django.urls import path

from legal import views

urlpatterns = [
    path("", views.accessibility_feedback, name="accessibility_feedback"),
]

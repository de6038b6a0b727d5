"""Public addresses for teachers, under each language: /zh-hans/teachers/login/ and the invitation link."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from .views import TeacherLoginView, TeacherWelcomeView

urlpatterns = [
    path("login/", TeacherLoginView.as_view(), name="materials_login"),
    path("logout/", LogoutView.as_view(next_page="/"), name="materials_logout"),
    path("welcome/<uidb64>/<token>/", TeacherWelcomeView.as_view(), name="materials_welcome"),
]

"""Editors fill in a campaign's slogan, goals, partners, stories and results in the admin."""

import pytest

from django.urls import reverse

from tests.factories import CampaignIndexPageFactory, CampaignPageFactory

pytestmark = pytest.mark.django_db


def test_campaign_edit_and_create_forms_offer_every_part(client, admin_user, home):
    index = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=index)
    client.force_login(admin_user)

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[campaign.pk]))
    create = client.get(reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", index.pk]))

    for response in (edit, create):
        assert response.status_code == 200
        html = response.content.decode()
        for field in ("slogan", "goals", "partners", "related_stories", "results", "result_figures"):
            assert f'data-contentpath="{field}"' in html, field

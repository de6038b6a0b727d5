"""Factories for pages and snippets, shared by every suite."""

import datetime

import factory
import wagtail_factories

from wagtail.models import Locale

from campaigns.models import CampaignIndexPage, CampaignPage
from editorial.models import Term
from home.models import HomePage
from stories.models import EthnicGroup, Place, StoryIndexPage, StoryPage, Theme


class HomePageFactory(wagtail_factories.PageFactory):
    title = "首页"
    hero_text = "各族居民像石榴籽一样紧紧抱在一起。"

    class Meta:
        model = HomePage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "民族团结故事"
    slug = "stories"
    intro = "社区里的民族团结故事。"

    class Meta:
        model = StoryIndexPage


class ThemeFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"主题{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Theme


class EthnicGroupFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"{(n % 56) + 1:02d}")
    name = factory.Sequence(lambda n: f"民族{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = EthnicGroup
        django_get_or_create = ("code", "locale")


class PlaceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"地方{n}")
    level = Place.Level.COMMUNITY
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Place


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"民族团结故事{n}")
    date = datetime.date(2025, 5, 13)
    summary = "社区各族居民共建美好家园。"
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            self.save_revision().publish()

    @factory.post_generation
    def ethnic_groups(self, create, extracted, **kwargs):
        if extracted:
            self.ethnic_groups.set(extracted)
            self.save_revision().publish()


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "宣传活动"
    slug = "campaigns"

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"民族团结进步活动月{n}")
    kind = CampaignPage.Kind.UNITY_MONTH
    start_date = datetime.date(2026, 9, 1)
    end_date = datetime.date(2026, 9, 30)
    theme = "铸牢中华民族共同体意识"

    class Meta:
        model = CampaignPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"编辑{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("shiliu-test")

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(*extracted)


class TermFactory(factory.django.DjangoModelFactory):
    phrase = factory.Sequence(lambda n: f"术语{n}")
    kind = Term.Kind.OUTDATED
    suggestion = ""

    class Meta:
        model = Term
        django_get_or_create = ("phrase",)

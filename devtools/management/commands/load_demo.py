"""Load the demo site: home, stories, campaigns, classroom, albums, materials, places, groups and logins.

Idempotent: running it again updates what it made and creates nothing twice.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Locale, Page, Site

from campaigns.models import CampaignIndexPage, CampaignPage
from core.models import SiteSettings
from devtools.demo.albums import load_albums
from devtools.demo.campaigns import CAMPAIGNS
from devtools.demo.classroom import load_classroom_demo
from devtools.demo.editorial import load_editorial_demo
from devtools.demo.images import demo_image
from devtools.demo.localize import load_mongolian_translations
from devtools.demo.materials import load_materials
from devtools.demo.stories import STORIES
from devtools.demo.taxonomy import ETHNIC_GROUPS, PLACES, THEMES
from devtools.demo.translations import ADDRESS_MONGOLIAN, ORGANISATION_NAME_MONGOLIAN
from home.models import HomePage
from stories.models import EthnicGroup, Place, StoryIndexPage, StoryPage, Theme

DEMO_ADMIN = ("admin", "shiliu-demo")  # development only; printed on every run


class Command(BaseCommand):
    help = "Load the demo content (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo admin login.")

    def step(self, message: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"· {message}"))

    @transaction.atomic
    def handle(self, *args, **options):
        self.counts: dict[str, int] = {}
        self.locale = Locale.get_default()
        self.step("Places, ethnic groups and themes")
        self.load_taxonomy()
        self.step("Home page and site settings")
        home = self.load_home()
        self.step("Stories")
        index = self.load_stories(home)
        self.step("Campaigns")
        self.load_campaigns(home)
        self.step("Mongolian translations, made with wagtail-localize")
        load_mongolian_translations(self)
        self.step("Red Pomegranate Classroom: courses, events and campaign activities, in both languages")
        load_classroom_demo(self, home)
        self.step("Festival albums, with Mongolian captions")
        load_albums(self, home)
        self.step("Materials library for schools")
        load_materials(self, home, teacher_login=not options["no_admin"])
        if not options["no_admin"]:
            self.step("Admin login")
            self.load_admin()
        self.step("Editorial roles, community sections, term list and a story in review")
        load_editorial_demo(self, home)
        self.stdout.write(self.style.SUCCESS("Demo content ready:"))
        for name, count in self.counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(f"  story index: {index.url}")

    def count(self, name: str, created: bool) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1
        key = f"{name} (new)"
        self.counts.setdefault(key, 0)
        self.counts[key] += int(created)

    def load_taxonomy(self) -> None:
        for position, name in enumerate(ETHNIC_GROUPS, start=1):
            _group, created = EthnicGroup.objects.update_or_create(
                code=f"{position:02d}", locale=self.locale, defaults={"name": name}
            )
            self.count("ethnic groups", created)
        for order, (slug, name, description) in enumerate(THEMES):
            _theme, created = Theme.objects.update_or_create(
                slug=slug, locale=self.locale, defaults={"name": name, "description": description, "sort_order": order}
            )
            self.count("themes", created)
        places: dict[str, Place] = {}
        for name, level, parent in PLACES:
            places[name], created = Place.objects.update_or_create(
                name=name, locale=self.locale, defaults={"level": level, "parent": places.get(parent)}
            )
            self.count("places", created)

    def load_home(self) -> HomePage:
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        home = HomePage.objects.filter(locale=self.locale, depth=2).first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(
                    title="石榴籽一家亲",
                    slug="shiliu-home",
                    locale=self.locale,
                    hero_text="各族居民像石榴籽一样紧紧抱在一起。这里有社区里的民族团结故事、宣传活动和红石榴课堂。",
                    summary="社区民族团结进步宣传教育平台",
                    hero_image=demo_image("首页：石榴籽"),
                )
            )
            self.count("pages", True)
        if site is None:
            site = Site.objects.create(hostname="127.0.0.1", port=8000, root_page=home, is_default_site=True)
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.save()
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()  # Wagtail's "Welcome" placeholder
        if site.hostname == "localhost" and site.port == 80:  # Wagtail's placeholder; make demo serves here
            site.hostname, site.port = "127.0.0.1", 8000
        site.site_name = "石榴"
        site.save()
        SiteSettings.objects.update_or_create(
            site=site,
            defaults={
                "organisation_name": "东街街道民族团结进步工作站",
                "organisation_name_mongolian": ORGANISATION_NAME_MONGOLIAN,
                "address": "内蒙古自治区呼和浩特市新城区东街街道",
                "address_mongolian": ADDRESS_MONGOLIAN,
                "contact_phone": "0471-0000000",
                "icp_number": "蒙ICP备00000000号-1（演示）",
                "public_security_number": "蒙公网安备 15010000000000号（演示）",
                "government_site_code": "1501000000（演示）",
            },
        )
        return home

    def child_page(self, parent: Page, model, slug: str, **fields):
        """The child of ``parent`` with this slug, created or brought up to date, published."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        created = page is None
        if created:
            page = parent.add_child(instance=model(slug=slug, locale=parent.locale, **fields))
        else:
            for name, value in fields.items():
                setattr(page, name, value)
        page.save_revision().publish()
        self.count("pages", created)
        return page

    def load_stories(self, home: HomePage) -> StoryIndexPage:
        index = self.child_page(
            home,
            StoryIndexPage,
            "stories",
            title="民族团结故事",
            show_in_menus=True,
            intro="社区里各族居民守望相助、共同生活的故事。",
            summary="社区里各族居民守望相助、共同生活的故事。",
        )
        groups = {group.name: group for group in EthnicGroup.objects.filter(locale=self.locale)}
        themes = {theme.slug: theme for theme in Theme.objects.filter(locale=self.locale)}
        places = {place.name: place for place in Place.objects.filter(locale=self.locale)}
        for number, story in enumerate(STORIES, start=1):
            self.stdout.write(f"  [{number}/{len(STORIES)}] {story['title']}")
            self.child_page(
                index,
                StoryPage,
                story["slug"],
                title=story["title"],
                date=datetime.date.fromisoformat(story["date"]),
                summary=story["summary"],
                hero_image=demo_image(story["title"]),
                place=places[story["place"]],
                author=story.get("author", ""),
                source=story.get("source", ""),
                reviewer=story.get("reviewer", ""),
                responsible_editor=story.get("responsible_editor", ""),
                body=[self.block(story["slug"], kind, value) for kind, value in story["body"]],
                themes=[themes[slug] for slug in story["themes"]],
                ethnic_groups=[groups[name] for name in story["groups"]],
            )
        return index

    def block(self, slug: str, kind: str, value):
        if kind == "image":
            # Every text field is set, blank or not: wagtail-localize cannot extract a None.
            image = demo_image(f"{slug}: {value}")
            return ("image", {"image": image, "alt_text": "", "caption": value, "credit": "社区供图"})
        return (kind, value)

    def load_campaigns(self, home: HomePage) -> None:
        index = self.child_page(
            home,
            CampaignIndexPage,
            "campaigns",
            title="宣传活动",
            show_in_menus=True,
            intro="民族政策宣传月、民族团结进步活动月、民族法治宣传周和我们的节日。",
        )
        stories = {story.slug: story for story in StoryPage.objects.filter(locale=self.locale)}
        for campaign in CAMPAIGNS:
            self.child_page(
                index,
                CampaignPage,
                campaign["slug"],
                title=campaign["title"],
                kind=campaign["kind"],
                start_date=datetime.date.fromisoformat(campaign["start"]),
                end_date=datetime.date.fromisoformat(campaign["end"]),
                theme=campaign["theme"],
                slogan=campaign["slogan"],
                goals="<ul>" + "".join(f"<li>{goal}</li>" for goal in campaign["goals"]) + "</ul>",
                partners=[("partner", {"name": name, "link": link}) for name, link in campaign["partners"]],
                summary=campaign["summary"],
                body=[("paragraph", campaign["body"])],
                related_stories=[("story", stories[slug]) for slug in campaign["stories"] if slug in stories],
                results=campaign["results"],
                result_figures=[("figures", campaign["figures"])] if campaign["figures"] else [],
                social_image=demo_image(campaign["title"]),
            )

    def load_admin(self) -> None:
        username, password = DEMO_ADMIN
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_superuser": True, "is_staff": True, "email": "admin@example.com"}
        )
        if created:
            user.set_password(password)
            user.save()
        self.count("users", created)
        if not settings.DEBUG:
            self.stdout.write(self.style.WARNING("  DEBUG is off: change the demo admin's password now."))
        self.stdout.write(f"  Admin: http://127.0.0.1:8000/admin/  user {username!r}  password {password!r}")

"""Blocks of campaign pages: the partner organisations."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class PartnerBlock(blocks.StructBlock):
    """A partner organisation of a campaign, with an optional link to its site."""

    name = blocks.CharBlock(label=_("Organisation name"), max_length=120)
    link = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "group"
        label = _("Partner organisation")
        template = "components/blocks/partner_block.html"
        preview_value = {"name": "东街街道民族团结进步工作站", "link": "https://example.com/"}


class PartnersStreamBlock(blocks.StreamBlock):
    """The partner organisations of a campaign, in the order editors give them."""

    partner = PartnerBlock()

    class Meta:
        template = "components/blocks/partners_stream_block.html"

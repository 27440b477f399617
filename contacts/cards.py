"""What every contact card offers besides its page: vCard, embeddable card, QR code, JSON-LD."""

import io

import segno
from csp.decorators import csp_replace
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

QR_CODE_SCALE = 4


def postal_address_json_ld(page):
    if not (page.street_address or page.locality):
        return None
    return {
        "@type": "PostalAddress",
        "streetAddress": page.street_address,
        "postalCode": page.postal_code,
        "addressLocality": page.locality,
        "addressCountry": "DE",
    }


def reachability_json_ld(page):
    """Address, phone, e-mail and web address as schema.org properties, empty ones left out."""
    data = {
        "address": postal_address_json_ld(page),
        "telephone": page.phone.as_e164 if page.phone else None,
        "email": page.email or None,
        "url": page.website or page.full_url,
    }
    return {key: value for key, value in data.items() if value}


class ContactCardMixin(RoutablePageMixin):
    """Extra routes below a contact page: vcard/, karte/ (embeddable) and qr-code/ (SVG for print)."""

    embed_template = "pages/contact_card_embed.html"
    api_fields = [APIField("short_url")]

    def vcard_text(self):
        raise NotImplementedError

    def structured_data(self, request=None):
        raise NotImplementedError

    def short_url(self, request=None):
        """The permanent short URL /k/<id>/ that keeps working when the page is renamed or moved."""
        return self.site_for_request(request).root_url + reverse("contact_short_url", args=[self.pk])

    def embed_url(self):
        return self.full_url + self.reverse_subpage("embed")

    @path("vcard/", name="vcard")
    def vcard(self, request):
        response = HttpResponse(self.vcard_text(), content_type="text/vcard; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.vcf"'
        return response

    @path("karte/", name="embed")
    @csp_replace({"frame-ancestors": ["*"]})
    def embed(self, request):
        """The minimal card partners show in an iframe: the only frameable view of the portal.

        Any site may frame it: no X-Frame-Options, and the CSP allows every frame ancestor.
        """
        response = TemplateResponse(request, self.embed_template, {"page": self, "self": self})
        response.xframe_options_exempt = True
        return response

    @path("qr-code/", name="qr_code")
    def qr_code(self, request):
        short_url = self.short_url(request)
        svg = io.BytesIO()
        segno.make(short_url, error="m").save(
            svg, kind="svg", scale=QR_CODE_SCALE, xmldecl=False, title=f"QR-Code: {short_url}"
        )
        return HttpResponse(svg.getvalue(), content_type="image/svg+xml")

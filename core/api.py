"""Serializer fields shared by the API definitions of several apps."""

from rest_framework import serializers


class PageReferenceField(serializers.Field):
    """A page given by a property, as {"id", "title", "slug"} (or null)."""

    def to_representation(self, page):
        return {"id": page.pk, "title": page.title, "slug": page.slug} if page else None


class PhoneNumberField(serializers.Field):
    """A phone number in international E.164 form ("+492118995680"), or null."""

    def to_representation(self, value):
        return value.as_e164 if value else None

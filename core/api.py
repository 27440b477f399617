"""Serializer fields shared by the API definitions of several apps."""

from rest_framework import serializers


class PhoneNumberField(serializers.Field):
    """A phone number in international E.164 form ("+492118995680"), or null."""

    def to_representation(self, value):
        return value.as_e164 if value else None

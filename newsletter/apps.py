from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"
    # Changes to these never alter a public page (pagecache/invalidation.py).
    non_public_models = ("Subscriber", "ConsentRecord", "Delivery")

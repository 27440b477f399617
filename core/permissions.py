"""Permission policies shared by the admin views of several apps."""

from wagtail.permission_policies import ModelPermissionPolicy


class NoManualAddPolicy(ModelPermissionPolicy):
    """For records that only come in through a public form (subscriptions, reported barriers):
    staff may read, change and delete them, but never add one by hand."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

"""What the admin reports about pages share: who may see them."""

from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_EDITING_ACTIONS = ["add", "change", "publish"]


class PageEditorsMenuItem(MenuItem):
    """A report in the "Berichte" menu, shown to everyone who may add, change or publish some page."""

    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, PAGE_EDITING_ACTIONS)

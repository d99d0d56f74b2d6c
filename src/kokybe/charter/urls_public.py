app_name = "charter_public"

urlpatterns: list = []

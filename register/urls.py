app_name = "register"

urlpatterns: list = [
    # The agency workspace and the public cards are added here.
]

"""The `display` template filter gives what `get_FOO_display` gives, in the language of the page."""

from django.utils import translation

from conftest import World
from kokybe.core.templatetags.kokybe import display


def test_display_is_the_choice_label_in_the_active_language(world: World) -> None:
    membership = world.director_membership
    with translation.override("en"):
        assert display(membership, "role") == membership.get_role_display() == "Director"
    with translation.override("lt"):
        assert display(membership, "role") == membership.get_role_display() != "Director"


def test_display_of_a_value_without_a_label_is_the_value(world: World) -> None:
    membership = world.director_membership
    membership.role = "not_a_role"
    assert display(membership, "role") == membership.get_role_display() == "not_a_role"

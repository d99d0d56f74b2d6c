"""The client groups social services name in their charters (seed 002), shared by surveys and client records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClientGroup(models.TextChoices):
    SOCIAL_RISK = "social_risk", _("People or families at social risk")
    OLDER_PEOPLE = "older_people", _("Older people")
    CHILDREN = "children", _("Children")
    DISABILITY = "disability", _("People with disabilities")
    WITHOUT_PARENTAL_CARE = "without_parental_care", _("Children without parental care")
    YOUTH = "youth", _("Young people")
    SINGLE_PARENTS = "single_parents", _("Single parents with children")
    FOSTER_CARERS = "foster_carers", _("Foster carers, guardians and adoptive parents")
    FAMILY_MEMBERS = "family_members", _("Family members of a client")
    OTHER = "other", _("Other")

from django import forms

from kokybe.core.errors import ServiceError


def add_service_error(form: forms.BaseForm, error: ServiceError) -> None:
    """Show a refused write next to the field it concerns, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)

"""The subject-access report of one client (GDPR Art. 15): the page staff read, the PDF and the JSON they give."""

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from kokybe.clients.access import OpenedClient
from kokybe.clients.subject_access_report import report_json, report_pdf, subject_access_report
from kokybe.clients.views import client_page
from kokybe.tenancy.access import Access


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("language", "")
    return wanted if wanted in dict(settings.LANGUAGES) else translation.get_language()


def _file_name(opened: OpenedClient, language: str, extension: str) -> str:
    return f"subject-access-{opened.client.pk}-{language}.{extension}"


@client_page("subject-access report", manage=True)
def access_report(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    report = subject_access_report(opened.client, language=translation.get_language())
    context = {"client": opened.client, "report": report, "languages": settings.LANGUAGES}
    return render(request, "clients/subject_access.html", context)


@client_page("subject-access report (PDF)", manage=True)
def access_report_pdf(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    language = _language(request)
    response = HttpResponse(report_pdf(subject_access_report(opened.client, language=language)), "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(opened, language, "pdf")}"'
    return response


@client_page("subject-access report (JSON)", manage=True)
def access_report_json(request: HttpRequest, access: Access, opened: OpenedClient) -> HttpResponse:
    language = _language(request)
    report = subject_access_report(opened.client, language=language)
    body = json.dumps(report_json(report), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(opened, language, "json")}"'
    return response

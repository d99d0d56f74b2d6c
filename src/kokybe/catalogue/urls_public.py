from django.urls import path

from kokybe.catalogue import views_public

app_name = "catalogue_public"

urlpatterns = [
    path("<slug:place>/", views_public.catalogue, name="catalogue"),
    path("<slug:place>/sitemap.xml", views_public.sitemap, name="sitemap"),
    path("<slug:place>/<slug:service>/", views_public.service_page, name="service"),
]

"""The web service: a JSON API and server-rendered pages over the pipeline and the store.

``saidwhat serve`` runs :func:`~.app.create_app` under uvicorn. The API answers in the
one schema (:mod:`saidwhat.schema`); the pages are drawn from Jinja2 templates that
share the ``html`` output format's (:mod:`saidwhat.io.formats.rendering`).
"""

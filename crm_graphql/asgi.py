"""The ASGI application for uvicorn: `uvicorn crm_graphql.asgi:app`."""

from .app import create_app

app = create_app()

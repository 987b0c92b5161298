"""crm-graphql: a GraphQL API for CRM data, extended by plugins."""

__version__ = "0.1.0"

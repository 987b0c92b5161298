"""The Strawberry layer: GraphQL types, inputs, resolvers and mutations built from the catalog."""

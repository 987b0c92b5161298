// Runs graphql-http's server audits (the GraphQL over HTTP spec) against a running server
// and prints one JSON line per audit: {"id", "name", "status", "reason"}.
// Usage: node audit.mjs <url of /graphql> <token>
import { serverAudits } from 'graphql-http';

const [url, token] = process.argv.slice(2);
// Every request carries the token, as the API asks of every client.
const fetchFn = (input, init = {}) =>
  fetch(input, { ...init, headers: { ...(init.headers || {}), authorization: `Bearer ${token}` } });

for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  console.log(JSON.stringify({ id: audit.id, name: audit.name, status: result.status, reason: result.reason }));
}

"""What an operator watches: request ids, structured logs, Prometheus metrics, /healthz,
/readyz (see README "Operating")."""

"""The customer journey: targets and leads converted into people, accounts and deals, the
stage history of the pipeline, tasks, timelines and attachments.

Plain functions over Tortoise (writes, in transactions) and the Reader (reads, under the
actor's access rules); the GraphQL layer (`graphql/journey/`) and the attachment routes
call them and know no SQL.
"""

-- Snapshots of proposals served by a cluster (REDIS_URL): the update log lives in
-- one Redis stream per proposal, and a snapshot holds every stream entry up to and
-- including (stream_ms, stream_seq). A snapshot is only ever replaced by one that
-- holds more of the stream (fencing: a compactor whose lease expired cannot put
-- an older state back).
CREATE TABLE cluster_snapshots (
  proposal_id text PRIMARY KEY,
  stream_ms bigint NOT NULL,
  stream_seq bigint NOT NULL,
  state bytea NOT NULL,
  authorship bytea NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now()
);

-- Meeschrijven's first schema. Columns hold what is queried or ordered by; the
-- record itself is kept whole in `data`, so a field added to a record type
-- needs no migration. `json`, not `jsonb`: it keeps the text exactly as
-- written, and jsonb refuses strings the embedded storage accepts (a \u0000 or
-- a lone surrogate in a comment would fail on PostgreSQL alone). Times used for ordering are kept as the ISO-8601
-- text the server wrote, so they sort and read back exactly as in the embedded
-- storage. No foreign keys: the storage interface allows records for proposals
-- it does not know (the embedded storage does too).

-- People and the hashes of their tokens (never a token). `ord` keeps the order
-- in which people were first stored: lists come back in that order.
CREATE TABLE people (
  id text PRIMARY KEY,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  token_hash text NOT NULL,
  data json NOT NULL
);
CREATE INDEX people_token_hash ON people (token_hash);

CREATE TABLE proposals (
  id text PRIMARY KEY,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  data json NOT NULL
);

-- Each accepted Yjs update with the person who sent it, in the order accepted.
CREATE TABLE document_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id text NOT NULL,
  person_id text NOT NULL,
  update_bytes bytea NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_log_proposal ON document_log (proposal_id, seq);

-- The latest compacted state of a proposal: it holds every log record up to
-- and including `seq_upto`; those records are deleted in the same transaction.
CREATE TABLE document_snapshots (
  proposal_id text PRIMARY KEY,
  seq_upto bigint NOT NULL,
  state bytea NOT NULL,
  authorship bytea NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE threads (
  proposal_id text NOT NULL,
  id text NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  data json NOT NULL,
  PRIMARY KEY (proposal_id, id)
);

CREATE TABLE versions (
  proposal_id text NOT NULL,
  id text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  auto boolean NOT NULL,
  data json NOT NULL,
  state bytea NOT NULL,
  authorship bytea NOT NULL,
  PRIMARY KEY (proposal_id, id)
);
CREATE INDEX versions_newest ON versions (proposal_id, created_at DESC, id COLLATE "C" DESC);

CREATE TABLE rounds (
  proposal_id text NOT NULL,
  id text NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  data json NOT NULL,
  PRIMARY KEY (proposal_id, id)
);

-- Positions only grow: a later one counts, earlier ones stay (contract R4).
CREATE TABLE positions (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id text NOT NULL,
  round_id text NOT NULL,
  data json NOT NULL
);
CREATE INDEX positions_round ON positions (proposal_id, round_id, seq);

-- What happened; proposal_id is null for what concerns no one proposal.
CREATE TABLE activity (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id text,
  data json NOT NULL
);
CREATE INDEX activity_proposal ON activity (proposal_id, seq);

CREATE TABLE visits (
  person_id text NOT NULL,
  proposal_id text NOT NULL,
  at text NOT NULL,
  PRIMARY KEY (person_id, proposal_id)
);

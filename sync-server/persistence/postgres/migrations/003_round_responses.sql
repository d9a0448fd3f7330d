-- The VNG's response per passage of a consultation round. Like positions, they
-- only grow: the latest per passage counts (an empty text takes it back), and two
-- editors answering two passages at once through two instances both keep theirs.
CREATE TABLE round_responses (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id text NOT NULL,
  round_id text NOT NULL,
  data json NOT NULL
);
CREATE INDEX round_responses_round ON round_responses (proposal_id, round_id, seq);

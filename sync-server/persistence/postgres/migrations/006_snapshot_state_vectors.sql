-- The state vector of a snapshot's state, stored beside it: a proposal opened from
-- its snapshot greets its sockets with it instead of decoding the whole state.
-- Snapshots written before have none (NULL) and are decoded as before.
ALTER TABLE document_snapshots ADD COLUMN state_vector bytea;
ALTER TABLE cluster_snapshots ADD COLUMN state_vector bytea;

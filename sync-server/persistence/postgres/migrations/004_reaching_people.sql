-- Reaching people (contract M1–M4).
--
-- The mail queue. A row holds no sign-in token (A1): a link is made when the
-- mail is written. Instances of a cluster take due mails with
-- `FOR UPDATE SKIP LOCKED` and hold them until `claimed_until`, so each mail is
-- sent by one of them. Times are ISO-8601 text written by the server (its
-- clock, which tests move), compared as text.
CREATE TABLE mail_outbox (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  person_id text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  next_attempt_at text COLLATE "C" NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  sent_at text COLLATE "C",
  failed_at text COLLATE "C",
  last_error text,
  claimed_by text,
  claimed_until text COLLATE "C",
  data json NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (seq) WHERE sent_at IS NULL AND failed_at IS NULL;

-- What happened that concerns a person ("Meldingen"), whether and when a mail
-- took it along, and whether the person has read it.
CREATE TABLE notifications (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  person_id text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  read_at text COLLATE "C",
  mailed_at text COLLATE "C",
  data json NOT NULL
);
CREATE INDEX notifications_person ON notifications (person_id, seq);
CREATE INDEX notifications_unmailed ON notifications (seq) WHERE mailed_at IS NULL;

-- Per person: which notifications go by mail, and when the last such mail went
-- (at most one per 15 minutes). Two columns, each written on its own.
CREATE TABLE notification_people (
  person_id text PRIMARY KEY,
  preferences json,
  last_mail_at text COLLATE "C"
);

-- Sign-in links sent by mail besides the invitation's token (M3): hashes only.
CREATE TABLE sign_in_tokens (
  id text PRIMARY KEY,
  person_id text NOT NULL,
  token_hash text NOT NULL,
  created_at text NOT NULL
);
CREATE INDEX sign_in_tokens_hash ON sign_in_tokens (token_hash);

-- Settings of the installation, one row per key (timeline dates, descriptions
-- of proposals, the secret of unsubscribe links, reminders sent).
CREATE TABLE settings (
  key text PRIMARY KEY,
  data json NOT NULL
);

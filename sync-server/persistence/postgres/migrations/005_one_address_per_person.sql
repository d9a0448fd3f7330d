-- One active person per e-mail address (M1–M3). The service checks the list of
-- people before it invites or changes an address, but two instances doing that
-- at the same moment both passed the check and made two people of one address.
-- The index makes the second write fail; the server answers it with 409.
-- An installation that already holds such a pair keeps working without the
-- index (a warning says which address), until the pair is mended by hand.
DO $$
BEGIN
  CREATE UNIQUE INDEX people_active_email ON people ((data->>'email'))
    WHERE data->>'email' IS NOT NULL
      AND data->>'revokedAt' IS NULL
      AND data->>'anonymisedAt' IS NULL;
EXCEPTION WHEN unique_violation THEN
  RAISE WARNING 'two active people share an e-mail address; people_active_email was not created: %', SQLERRM;
END $$;

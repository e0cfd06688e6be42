-- Security and operator logs: append-only for the app and system roles (scripts/lib/db-setup.ts
-- revokes UPDATE, DELETE and TRUNCATE), with two reviewed exceptions owned by the owner role
-- (docs/decisions/0014-security-log-expiry-and-pseudonyms.md):
--   security_logs_purge(p_before)              expiry, never of anything younger than 12 months
--   security_logs_pseudonymise_user(p_user)    a deleted user's id replaced by a random pseudonym

ALTER TABLE "incidents"
  ADD CONSTRAINT "incidents_affected_data_subjects_check" CHECK ("affected_data_subjects" >= 0);

-- Deletes security_events and operator_audit_events strictly older than p_before, which must be
-- at least 12 months ago by the database clock (whatever the caller's setting says).
CREATE FUNCTION security_logs_purge(
  p_before timestamptz,
  OUT security_events bigint,
  OUT operator_audit_events bigint
)
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
BEGIN
  IF p_before IS NULL OR p_before > now() - interval '12 months' THEN
    RAISE EXCEPTION 'security logs younger than 12 months are kept' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM security_events WHERE at < p_before;
  GET DIAGNOSTICS security_events = ROW_COUNT;
  DELETE FROM operator_audit_events WHERE at < p_before;
  GET DIAGNOSTICS operator_audit_events = ROW_COUNT;
END
$$;

-- Replaces a deleted user's id in security_events (user_id and metadata) and in
-- operator_audit_events (metadata) with one random pseudonym, so the events stay countable
-- together without pointing at the person. Only for an account already anonymised by
-- lib/privacy/delete-user-account.ts (its email is deleted-<id>@deleted.invalid): a live
-- user's trail cannot be rewritten through it.
CREATE FUNCTION security_logs_pseudonymise_user(
  p_user uuid,
  OUT pseudonym uuid,
  OUT security_events bigint,
  OUT operator_audit_events bigint
)
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
DECLARE
  needle text := p_user::text;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM users WHERE id = p_user AND email = 'deleted-' || needle || '@deleted.invalid'
  ) THEN
    RAISE EXCEPTION 'only a deleted account''s ids are pseudonymised' USING ERRCODE = 'insufficient_privilege';
  END IF;
  pseudonym := gen_random_uuid();
  UPDATE security_events
     SET user_id = CASE WHEN user_id = p_user THEN pseudonym ELSE user_id END,
         metadata = replace(metadata::text, needle, pseudonym::text)::jsonb
   WHERE user_id = p_user OR strpos(metadata::text, needle) > 0;
  GET DIAGNOSTICS security_events = ROW_COUNT;
  UPDATE operator_audit_events
     SET metadata = replace(metadata::text, needle, pseudonym::text)::jsonb
   WHERE strpos(metadata::text, needle) > 0;
  GET DIAGNOSTICS operator_audit_events = ROW_COUNT;
END
$$;

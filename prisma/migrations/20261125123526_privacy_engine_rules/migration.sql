-- Privacy engine (lib/privacy): RLS for its tables, the retention bound, and the one reviewed
-- exception to the append-only audit log — the 12-month retention purge.

ALTER TABLE "retention_runs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "retention_runs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "retention_runs"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

ALTER TABLE "data_subject_requests" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "data_subject_requests" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "data_subject_requests"
  USING ("organization_id" = app_current_organization_id())
  WITH CHECK ("organization_id" = app_current_organization_id());

-- Buyer PII is anonymised at most 90 days after completion (privacy policy); fewer is allowed.
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_pii_retention_days_range"
  CHECK ("pii_retention_days" BETWEEN 1 AND 90);

-- The append-only trigger now lets exactly one thing through: a DELETE made while
-- audit_events_purge() (below) has set the transaction-local flag, of an event older than
-- 12 months. The app and system roles still have no DELETE privilege on the table, so only the
-- function (SECURITY DEFINER, owned by the owner role) can get there.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('app.audit_purge', true) = 'on'
     AND OLD.at < now() - interval '12 months' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Expires the current organization's (app.organization_id, i.e. inside withTenant) audit events
-- older than p_before, which must itself be at least 12 months ago. Only a prefix of the chain
-- is removed (every event before the first one at or after p_before), and the newest event is
-- always kept, so verifyAuditChain anchors at the first retained event. Returns the count.
CREATE FUNCTION audit_events_purge(p_before timestamptz) RETURNS bigint
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
DECLARE
  org uuid := app_current_organization_id();
  keep_from bigint;
  n bigint;
BEGIN
  IF org IS NULL THEN
    RAISE EXCEPTION 'audit_events_purge needs a tenant context' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_before IS NULL OR p_before > now() - interval '12 months' THEN
    RAISE EXCEPTION 'audit events younger than 12 months are kept' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT min(seq) INTO keep_from FROM audit_events WHERE organization_id = org AND at >= p_before;
  IF keep_from IS NULL THEN
    SELECT max(seq) INTO keep_from FROM audit_events WHERE organization_id = org;
  END IF;
  IF keep_from IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM set_config('app.audit_purge', 'on', true);
  DELETE FROM audit_events WHERE organization_id = org AND seq < keep_from AND at < p_before;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('app.audit_purge', 'off', true);
  RETURN n;
END
$$;

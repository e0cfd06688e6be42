-- The app role may change an operator's TOTP enrolment state (first sign-in enrols) but never the
-- operator's password hash, email, session version or disabled flag: a compromised web process
-- must not be able to set a known operator password (docs/decisions/0016-authentication-hardening.md).
-- Role names come from the connection strings (docs/decisions/0002-database-roles.md), so this
-- narrows every role that holds UPDATE on the table except the owner and BYPASSRLS roles (the
-- system role keeps its DML). scripts/lib/db-setup.ts applyGrants repeats it after its blanket grants.
DO $$
DECLARE
  grantee_name text;
BEGIN
  FOR grantee_name IN
    SELECT DISTINCT g.grantee
      FROM information_schema.role_table_grants g
      JOIN pg_roles r ON r.rolname = g.grantee
     WHERE g.table_schema = current_schema()
       AND g.table_name = 'operators'
       AND g.privilege_type = 'UPDATE'
       AND g.grantee <> current_user
       AND NOT r.rolbypassrls
       AND NOT r.rolsuper
  LOOP
    EXECUTE format('REVOKE UPDATE ON "operators" FROM %I', grantee_name);
    EXECUTE format(
      'GRANT UPDATE ("totp_secret", "totp_enabled_at", "totp_last_step", "updated_at") ON "operators" TO %I',
      grantee_name
    );
  END LOOP;
END $$;

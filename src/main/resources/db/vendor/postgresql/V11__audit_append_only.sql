-- The audit trail is append-only in the database too: no UPDATE, no DELETE, no TRUNCATE, whatever
-- the client. Tampering then needs DDL (dropping or disabling the trigger), which the hash chain
-- still catches and the database's own logs record.
CREATE FUNCTION dr_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on dr_audit_event refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER dr_audit_append_only
    BEFORE UPDATE OR DELETE ON dr_audit_event
    FOR EACH ROW EXECUTE FUNCTION dr_audit_refuse_change();

CREATE TRIGGER dr_audit_no_truncate
    BEFORE TRUNCATE ON dr_audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION dr_audit_refuse_change();

-- Each run's signed head: its last event's seq and hash, signed with the audit export key (Ed25519, base64) and
-- rewritten with every append. Deleting a run's last events, or all of them, leaves the chain intact but not this.
CREATE TABLE dr_audit_anchor (
    run_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    head_seq  INTEGER      NOT NULL,
    head_hash CHAR(64)     NOT NULL,
    signature VARCHAR(200) NOT NULL
);

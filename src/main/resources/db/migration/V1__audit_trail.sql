-- The audit trail: one hash chain per run (a CLI restore is a run too). Rows are only ever
-- inserted; seq is dense per run so a deleted row shows as a gap, an edited one as a broken hash.
CREATE TABLE dr_audit_event (
    run_id    VARCHAR(64)     NOT NULL,
    seq       INTEGER         NOT NULL,
    at        VARCHAR(40)     NOT NULL,
    actor     VARCHAR(200)    NOT NULL,
    type      VARCHAR(100)    NOT NULL,
    step      VARCHAR(200),
    detail    VARCHAR(1000000) NOT NULL,
    prev_hash CHAR(64)        NOT NULL,
    hash      CHAR(64)        NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- When each backup set was last verified, and how it went (GET /api/backups).
CREATE TABLE dr_backup_verification (
    set_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
    verified_at VARCHAR(40)   NOT NULL,
    ok          BOOLEAN       NOT NULL,
    problem     VARCHAR(4000)
);

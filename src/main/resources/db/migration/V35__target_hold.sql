-- One recovery per target (README, "One recovery per target"): an active non-drill recovery holds its
-- resolved target root; the primary key makes the check-and-claim one atomic insert, for every
-- instance that shares this database.
CREATE TABLE dr_target_hold (
    root_key    VARCHAR(64)   NOT NULL PRIMARY KEY, -- sha256 of target_root: a key of bounded length
    target_root VARCHAR(4000) NOT NULL,
    run_id      VARCHAR(64)   NOT NULL,
    runbook     VARCHAR(200)  NOT NULL,
    started_by  VARCHAR(200)  NOT NULL,
    claimed_at  VARCHAR(40)   NOT NULL
);
CREATE INDEX dr_target_hold_run ON dr_target_hold (run_id);

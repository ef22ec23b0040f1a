-- Runs on Camunda 8 (dr.engine=camunda): our run id -> Zeebe's process instance key. Zeebe's
-- search API is eventually consistent, so the start variables are kept too: a run is shown from
-- them until the cluster's secondary storage has caught up with its start. Unused on the embedded
-- engine, which carries the run id as the business key.
CREATE TABLE dr_run (
    run_id               VARCHAR(64)      NOT NULL PRIMARY KEY,
    process_id           VARCHAR(200)     NOT NULL,
    process_instance_key BIGINT           NOT NULL,
    started_at           VARCHAR(40)      NOT NULL,
    start_variables      VARCHAR(1000000) NOT NULL
);
CREATE INDEX dr_run_started ON dr_run (started_at);

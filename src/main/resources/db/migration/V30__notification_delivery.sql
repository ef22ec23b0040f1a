-- Notification deliveries not yet made (notify/Deliveries): a row lives from the hand-over to a
-- channel until the message got through or was given up, so a restart resumes what was pending.
CREATE TABLE dr_notification_delivery (
    delivery_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    notification_id VARCHAR(64)   NOT NULL,
    issue_type      VARCHAR(100)  NOT NULL,
    level_no        INTEGER       NOT NULL,
    contact         VARCHAR(200)  NOT NULL,
    subject         VARCHAR(4000) NOT NULL,
    message_text    VARCHAR(8000) NOT NULL,
    channel         VARCHAR(20)   NOT NULL,
    target          VARCHAR(2000) NOT NULL,
    attempt         INTEGER       NOT NULL,
    due_at          VARCHAR(40)   NOT NULL
);

-- The problems events have reported (notify/Incidents): one notification per distinct problem,
-- however often a check sees it again. The key is the sha256 of the issue type and the problem.
CREATE TABLE dr_notification_problem (
    problem_key     CHAR(64)      NOT NULL PRIMARY KEY,
    problem         VARCHAR(4000) NOT NULL,
    notification_id VARCHAR(64),
    reported_at     VARCHAR(40)   NOT NULL
);

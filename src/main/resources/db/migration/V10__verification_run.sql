-- Which run verified a set (the weekly verify-backup run, or a recovery's set selection).
ALTER TABLE dr_backup_verification ADD COLUMN run_id VARCHAR(64);

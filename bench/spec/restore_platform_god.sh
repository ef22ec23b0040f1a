#!/bin/bash
# restore_platform_god.sh, from platform-god-dr-procedures.md 3.1, verbatim but for TARGET_DIR, passed in the
# environment ($PGOD_ROOT), and the "Stop running services" lines (pgod api stop; pkill -f uvicorn...), left
# out: the benchmark runs no services, and a broad pkill on a shared machine is not ours to run.
# Run: ./restore_platform_god.sh /path/to/backup/20250120_020000

BACKUP_SOURCE="$1"
TARGET_DIR="$PGOD_ROOT"

echo "Restoring from backup: $BACKUP_SOURCE"

# Verify backup integrity
if [ ! -f "$BACKUP_SOURCE/manifest.txt" ]; then
    echo "Error: Invalid backup directory (missing manifest)"
    exit 1
fi

# Restore data directories
tar -xzf "$BACKUP_SOURCE/registry.tar.gz" -C "$TARGET_DIR"
tar -xzf "$BACKUP_SOURCE/state.tar.gz" -C "$TARGET_DIR"
tar -xzf "$BACKUP_SOURCE/artifacts.tar.gz" -C "$TARGET_DIR"
tar -xzf "$BACKUP_SOURCE/audit.tar.gz" -C "$TARGET_DIR"

# Restore configuration (with confirmation)
read -p "Restore configuration? This will overwrite .env (y/N): " -n 1 -r
echo
if [[ $REPLY =~ ^[Yy]$ ]]; then
    tar -xzf "$BACKUP_SOURCE/config.tar.gz" -C "$TARGET_DIR"
fi

echo "Restoration complete"
echo "Please restart services: pgod api start"

#!/bin/bash
# backup_platform_god.sh, from platform-god-dr-procedures.md 2.1, verbatim but for SOURCE_DIR, which the
# benchmark passes in the environment ($PGOD_ROOT) instead of the spec's placeholder.
# Run: ./backup_platform_god.sh /path/to/backup/destination

BACKUP_DIR="${1:-/backups/platform_god}"
DATE=$(date +%Y%m%d_%H%M%S)
SOURCE_DIR="$PGOD_ROOT"

echo "Starting backup at $(date)"

# Create backup directory
mkdir -p "$BACKUP_DIR/$DATE"

# Backup critical data directories
tar -czf "$BACKUP_DIR/$DATE/registry.tar.gz" -C "$SOURCE_DIR" var/registry/
tar -czf "$BACKUP_DIR/$DATE/state.tar.gz" -C "$SOURCE_DIR" var/state/
tar -czf "$BACKUP_DIR/$DATE/artifacts.tar.gz" -C "$SOURCE_DIR" var/artifacts/
tar -czf "$BACKUP_DIR/$DATE/audit.tar.gz" -C "$SOURCE_DIR" var/audit/

# Backup configuration
tar -czf "$BACKUP_DIR/$DATE/config.tar.gz" -C "$SOURCE_DIR" .env chains.yaml

# Generate backup manifest
cat > "$BACKUP_DIR/$DATE/manifest.txt" << MANIFEST
Backup Date: $(date)
Platform God Version: $(pgod version 2>/dev/null || echo bench)
Files Included:
  - registry.tar.gz (Agent definitions)
  - state.tar.gz (Execution history)
  - artifacts.tar.gz (Generated reports)
  - audit.tar.gz (Audit logs)
  - config.tar.gz (Configuration)
MANIFEST

echo "Backup completed: $BACKUP_DIR/$DATE"

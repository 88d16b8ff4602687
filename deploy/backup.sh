#!/bin/sh
# Nightly backup of IOP: the PostgreSQL database (pg_dump custom format) and the uploaded files.
# Run by deploy/systemd/iop-backup.timer; reads DATABASE_URL and DJANGO_MEDIA_ROOT from the
# environment (/etc/iop/iop.env). Keeps IOP_BACKUP_KEEP_DAYS days (default 35) in
# IOP_BACKUP_DIR (default /var/backups/iop). Copy that directory off the machine too.
set -eu

: "${DATABASE_URL:?DATABASE_URL must be set}"
BACKUP_DIR="${IOP_BACKUP_DIR:-/var/backups/iop}"
KEEP_DAYS="${IOP_BACKUP_KEEP_DAYS:-35}"
MEDIA_ROOT="${DJANGO_MEDIA_ROOT:-}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
umask 077
mkdir -p "$BACKUP_DIR"

dump="$BACKUP_DIR/iop-$STAMP.dump"
# Custom format: compressed, restorable table by table with pg_restore.
pg_dump --format=custom --no-owner --no-acl --file="$dump.part" "$DATABASE_URL"
# A dump that pg_restore cannot list is not a backup.
pg_restore --list "$dump.part" >/dev/null
mv "$dump.part" "$dump"
echo "database: $dump ($(du -h "$dump" | cut -f1))"

if [ -n "$MEDIA_ROOT" ] && [ -d "$MEDIA_ROOT" ]; then
    media="$BACKUP_DIR/iop-media-$STAMP.tar.gz"
    tar -C "$MEDIA_ROOT" -czf "$media.part" .
    mv "$media.part" "$media"
    echo "media: $media ($(du -h "$media" | cut -f1))"
fi

find "$BACKUP_DIR" -maxdepth 1 -name 'iop-*' -type f -mtime +"$KEEP_DAYS" -print -delete

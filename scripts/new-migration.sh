#!/usr/bin/env bash
# Writes a new migration from the difference between the committed schema and the working one,
# offline (no shadow database): scripts/new-migration.sh add_something
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh name}
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
git show HEAD:prisma/schema.prisma > /tmp/minidesk-old-schema.prisma
PRISMA_SCHEMA_ENGINE_BINARY=/bin/false PRISMA_QUERY_ENGINE_LIBRARY=/bin/false npx prisma migrate diff \
  --from-schema-datamodel /tmp/minidesk-old-schema.prisma --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
echo "wrote $dir/migration.sql"

#!/usr/bin/env bash
# The API tests that touch tenant data, against a Citus cluster (a coordinator and two workers) started for the run
# and stopped after it. Without Citus beside the repository (../shared/citus) it says so and exits 0: skipped.
#   scripts/test-citus.sh [jest path patterns...]   (default: the tenant-data subset below)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if ! scripts/citus-cluster.sh available; then
  echo "== Citus tests skipped: no Citus files beside the repository"
  exit 0
fi
dir=$(mktemp -d /tmp/rekisteri-citus-XXXXXX)
trap 'scripts/citus-cluster.sh stop "$dir" >/dev/null 2>&1 || true' EXIT
url=$(scripts/citus-cluster.sh start "$dir")
echo "== Citus cluster up: coordinator $url"
if [ $# -eq 0 ]; then
  set -- test/citus.e2e-spec.ts test/onboarding.e2e-spec.ts test/tenant-isolation.e2e-spec.ts test/tenant-migrations.e2e-spec.ts \
    test/customers.e2e-spec.ts test/billing.e2e-spec.ts test/consent.e2e-spec.ts test/requests.e2e-spec.ts test/portal.e2e-spec.ts \
    test/backup.e2e-spec.ts test/retention.e2e-spec.ts test/bank-import.e2e-spec.ts test/customer-import.e2e-spec.ts \
    test/restriction.e2e-spec.ts test/leaving.e2e-spec.ts test/schema-pool.e2e-spec.ts
fi
# Building a test database on three nodes and placing tenants over the network take longer than on one PostgreSQL.
TEST_DATABASE_URL="$url" npm run test:api -- --testTimeout=120000 "$@"

#!/usr/bin/env bash
# The part of tests/fresh-machine/run.sh that runs inside its network namespace, in the scratch
# clone, with the limited PATH. Prints one line per check and a closing count.
set -uo pipefail
set -m # background jobs get their own process group: kill -INT -PGID is a terminal's Ctrl-C
export NEXT_TELEMETRY_DISABLED=1 AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
unset DATABASE_URL DATABASE_ADMIN_URL DATABASE_OWNER_URL DATABASE_SYSTEM_URL REDIS_URL CI

passed=0
failed=0
check() { # check NAME COMMAND...
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    printf 'fresh machine: ok   %s\n' "$name"
  else
    failed=$((failed + 1))
    printf 'fresh machine: FAIL %s\n' "$name"
  fi
}
answers200() {
  node -e "fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))" "$1"
}
listening() {
  node -e "require('net').connect(+process.argv[1], '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))" "$1"
}
not() { ! "$@"; }

npm run dev </dev/null >dev.log 2>&1 &
dev=$!
for _ in $(seq 1 300); do
  answers200 http://127.0.0.1:3000/api/health && break
  kill -0 "$dev" 2>/dev/null || break
  sleep 1
done
check "npm run dev serves /api/health" answers200 http://127.0.0.1:3000/api/health
check "it started an embedded PostgreSQL" grep -q 'started embedded PostgreSQL on 127.0.0.1:54329' dev.log
check "it started redis-server" grep -q 'started redis-server on 127.0.0.1:63799' dev.log
check "PostgreSQL keeps its data under .data/postgres" test -f .data/postgres/PG_VERSION
check "the demo organization is seeded" grep -q 'seeded the demo organization' dev.log
check "the sign-in page answers 200" answers200 http://127.0.0.1:3000/sign-in

kill -INT -- "-$dev"
for _ in $(seq 1 30); do
  kill -0 "$dev" 2>/dev/null || break
  sleep 1
done
check "Ctrl-C stops npm run dev" not kill -0 "$dev" 2>/dev/null
check "Ctrl-C stops the PostgreSQL it started" not listening 54329
check "Ctrl-C stops the redis-server it started" not listening 63799
[ "$failed" = 0 ] || tail -n 40 dev.log
kill -9 -- "-$dev" 2>/dev/null

npm run test:integration -- tests/integration/migrations.integration.test.ts </dev/null >rig.log 2>&1
check "the integration rig starts PostgreSQL and Redis itself" test $? = 0
grep -q 'Tests .*passed' rig.log || tail -n 40 rig.log
check "the rig stops them again" not listening 54329

printf 'fresh-machine: %s passed, %s failed\n' "$passed" "$failed"
[ "$failed" = 0 ]

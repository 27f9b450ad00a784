# What a gateway benchmark or profile calls through: an account on the store and a virtual key with a monthly budget
# and rpm, tpm and parallel limits, all set high enough never to refuse (their checks still run on every request).
# Source this file; the store comes from COCKPIT_HOME / DATABASE_URL, the master key from LITELLM_MASTER_KEY.

# fixture_account COCKPIT_BINARY → prints the id of a new account "Bench" (bench.test).
fixture_account() {
  "$1" account create --name Bench --domain bench.test --admin-email admin@bench.test --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["account"]["id"])'
}

# fixture_key BASE_URL ACCOUNT_ID → prints a new virtual key of that account, asked of the server at BASE_URL.
fixture_key() {
  curl -sf "$1/key/generate" -H "Authorization: Bearer $LITELLM_MASTER_KEY" -d "{\"account_id\": \"$2\",
    \"max_budget\": 1000000, \"budget_duration\": \"1mo\", \"rpm_limit\": 100000000, \"tpm_limit\": 1000000000000,
    \"max_parallel_requests\": 100000}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])'
}

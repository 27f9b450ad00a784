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

# fixture_guardrails BASE_URL ACCOUNT_ID → assigns to the whole account a guardrail preset of 20 patterns, on requests
# and answers (streams included): four built-in detectors that mask (email, card, phone, secret), eight keyword and
# regex patterns that refuse, eight that record. None matches the benchmark's texts, so every request is scanned in
# full and passes; the figures are the cost of guardrails that find nothing, the common case.
fixture_guardrails() {
  local body preset
  body=$(python3 -c '
import json
patterns = [(f"builtin-{d}", f"builtin:{d}", "block", "mask") for d in ("email", "card", "phone", "secret")]
patterns += [(f"refuse-{i}", rx, "block", "block") for i, rx in enumerate([
    r"(?i)ignore (all )?(previous|prior) instructions", r"(?i)\b(developer|DAN) mode\b", r"(?i)project (bluebird|falcon)",
    r"\bSSN[: ]*\d{3}-\d{2}-\d{4}\b", r"(?i)confidential (data|files?) (leak|dump)", r"(?i)disable (the )?safety",
    r"(?i)\bjailbreak\b", r"(?i)pretend (you are|to be) (an? )?(unfiltered|evil)"])]
patterns += [(f"record-{i}", rx, "detect", "") for i, rx in enumerate([
    r"(?i)\bpassword\b", r"(?i)\bsalary\b", r"(?i)\b(idiot|moron)\b", r"(?i)\bmerger\b", r"(?i)\blayoffs?\b",
    r"(?i)\binternal only\b", r"\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b", r"(?i)\bapi[_ ]key\b"])]
print(json.dumps({"code": "bench-guardrails", "name": "Benchmark guardrails", "preset_json": {"custom_patterns": [
    {"pattern_name": n, "pattern_regex": r, "pattern_type": t, "action": a, "applies_to": "both", "enabled": True}
    for n, r, t, a in patterns]}}))')
  preset=$(curl -sf "$1/v1/copilot/guardrails/presets" -H "Authorization: Bearer $LITELLM_MASTER_KEY" \
    -H "X-Account-Id: $2" -H "Content-Type: application/json" -d "$body" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["item"]["id"])')
  curl -sf "$1/v1/copilot/guardrails/assignments" -H "Authorization: Bearer $LITELLM_MASTER_KEY" \
    -H "X-Account-Id: $2" -H "Content-Type: application/json" \
    -d "{\"preset_id\": \"$preset\", \"scope_type\": \"account\", \"scope_id\": \"$2\"}" >/dev/null
}

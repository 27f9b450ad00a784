-- The guardrail hits of a request on its spend row: a JSON list of {preset, pattern, action, direction, outcome,
-- count}, never the matched text; empty when the request had none.
ALTER TABLE spend_logs ADD COLUMN guardrail_hits TEXT NOT NULL DEFAULT '';

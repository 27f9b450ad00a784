-- Guardrails for both trees: a preset belongs to one tree (`/v1/copilot/guardrails/…` or `/v1/console/guardrails/…`),
-- its code unique per account and tree; an assignment names a preset of its own tree and a scope of that tree (an
-- `account`-scope assignment applies to the keys of both trees). Existing rows are the copilot tree's.
ALTER TABLE guardrail_presets ADD COLUMN domain text NOT NULL DEFAULT 'copilot'
    CHECK (domain IN ('console', 'copilot'));
ALTER TABLE guardrail_assignments DROP CONSTRAINT guardrail_assignments_account_id_preset_id_fkey;
ALTER TABLE guardrail_presets DROP CONSTRAINT guardrail_presets_account_id_code_key;
ALTER TABLE guardrail_presets ADD CONSTRAINT guardrail_presets_tree_code UNIQUE (account_id, domain, code);
ALTER TABLE guardrail_presets ADD CONSTRAINT guardrail_presets_tree_id UNIQUE (account_id, domain, id);
ALTER TABLE guardrail_assignments DROP CONSTRAINT guardrail_assignments_domain_check;
ALTER TABLE guardrail_assignments ADD CONSTRAINT guardrail_assignments_domain_check
    CHECK (domain IN ('console', 'copilot') AND (domain = 'copilot' OR scope_type <> 'agent'));
ALTER TABLE guardrail_assignments ADD CONSTRAINT guardrail_assignments_tree_preset
    FOREIGN KEY (account_id, domain, preset_id) REFERENCES guardrail_presets (account_id, domain, id) ON DELETE CASCADE;

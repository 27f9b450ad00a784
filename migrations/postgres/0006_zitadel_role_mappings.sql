-- `role_mappings` in an account's Zitadel settings now maps as the original did: control-plane role → Zitadel
-- project role key (it was Zitadel role key → cockpit role). Stored maps are turned around. Two Zitadel roles that
-- mapped to the same cockpit role keep one of them (the new direction holds one key per role).
UPDATE accounts
SET metadata = jsonb_set(
    metadata, '{zitadel,role_mappings}',
    (SELECT COALESCE(jsonb_object_agg(m.value, m.key), '{}'::jsonb)
     FROM jsonb_each_text(metadata -> 'zitadel' -> 'role_mappings') AS m))
WHERE jsonb_typeof(metadata -> 'zitadel' -> 'role_mappings') = 'object'
  AND metadata -> 'zitadel' -> 'role_mappings' <> '{}'::jsonb;

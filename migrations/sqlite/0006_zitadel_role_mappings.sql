-- `role_mappings` in an account's Zitadel settings now maps as the original did: control-plane role → Zitadel
-- project role key (it was Zitadel role key → cockpit role). Stored maps are turned around. Two Zitadel roles that
-- mapped to the same cockpit role keep one of them (the new direction holds one key per role).
UPDATE accounts
SET metadata = json_set(
    metadata, '$.zitadel.role_mappings',
    (SELECT json_group_object(m.value, m.key) FROM json_each(accounts.metadata, '$.zitadel.role_mappings') AS m))
WHERE json_type(metadata, '$.zitadel.role_mappings') = 'object'
  AND (SELECT count(*) FROM json_each(accounts.metadata, '$.zitadel.role_mappings')) > 0;

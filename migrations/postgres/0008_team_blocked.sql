-- LiteLLM's /team/block: a blocked team's keys are refused until /team/unblock.
ALTER TABLE teams ADD COLUMN blocked boolean NOT NULL DEFAULT false;

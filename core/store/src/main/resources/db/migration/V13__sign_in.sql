-- Version 13: accounts connected by signing in on the network's page (OAuth 2 with PKCE).

-- One row per sign-in under way, from the moment the person leaves for the network's page until the
-- network sends them back (to any node). Keyed by the SHA-256 of the state sent along; taken (deleted)
-- when used, so a state works once. The typed fields and the PKCE verifier are encrypted like an
-- account's credentials. account_id is set when an existing account is being reconnected.
CREATE TABLE account_sign_in (
    state_hash   VARCHAR(64) PRIMARY KEY,
    workspace_id VARCHAR(40) NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    platform     VARCHAR(64) NOT NULL,
    account_id   VARCHAR(40),
    endpoint     VARCHAR(500),
    person_id    VARCHAR(40) NOT NULL,
    sealed       VARCHAR(65535) NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX account_sign_in_expiry ON account_sign_in(expires_at);

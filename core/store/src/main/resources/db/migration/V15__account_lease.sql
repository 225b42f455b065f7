-- Version 15: accounts given to one node at a time, so that an account's limits (one call at a time,
-- so many publishes a minute) hold across every node sharing the database, not per node.

-- One row per account, made with the account; a row whose lease has passed is free. Only accounts
-- of platforms whose policy asks it are leased (see DispatchRepository.ClaimRequest.exclusive).
CREATE TABLE account_lease (
    account_id  VARCHAR(40)  NOT NULL PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    node        VARCHAR(64)  NOT NULL,
    lease_until TIMESTAMP WITH TIME ZONE NOT NULL
);
-- The accounts there are already, free.
INSERT INTO account_lease (account_id, node, lease_until)
    SELECT id, '', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00' FROM account;

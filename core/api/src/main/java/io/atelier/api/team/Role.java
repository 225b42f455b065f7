package io.atelier.api.team;

/**
 * What a person may do in one workspace. A person has at most one role per
 * workspace; instance administrators ({@link Person#admin()}) also manage plugins
 * and settings of the whole installation.
 */
public enum Role {
    /** Everything in the workspace, including its people and its deletion. */
    OWNER,
    /** Accounts, settings, approvals and everything editors do. */
    MANAGER,
    /** Writes, schedules and publishes posts; answers in the inbox. */
    EDITOR,
    /** Writes drafts only; someone else schedules them. */
    CONTRIBUTOR,
    /** Reads reports and listening; changes nothing. */
    ANALYST,
    /** The client: sees and approves what is shared with them. */
    CLIENT
}

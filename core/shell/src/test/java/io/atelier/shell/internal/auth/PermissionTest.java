package io.atelier.shell.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.atelier.api.team.Role;

class PermissionTest {

    /** The table of the contract, one line per permission, roles in the order OWNER..CLIENT. */
    private static final Map<String, String> TABLE = Map.ofEntries(
            Map.entry("workspace.read", "OWNER MANAGER EDITOR CONTRIBUTOR ANALYST CLIENT"),
            Map.entry("workspace.manage", "OWNER MANAGER"),
            Map.entry("workspace.delete", "OWNER"),
            Map.entry("accounts.read", "OWNER MANAGER EDITOR CONTRIBUTOR ANALYST"),
            Map.entry("accounts.manage", "OWNER MANAGER"),
            Map.entry("members.read", "OWNER MANAGER EDITOR CONTRIBUTOR ANALYST"),
            Map.entry("members.manage", "OWNER MANAGER"),
            Map.entry("audit.read", "OWNER MANAGER"),
            Map.entry("posts.read", "OWNER MANAGER EDITOR CONTRIBUTOR ANALYST"),
            Map.entry("posts.draft", "OWNER MANAGER EDITOR CONTRIBUTOR"),
            Map.entry("posts.schedule", "OWNER MANAGER EDITOR"),
            Map.entry("queue.manage", "OWNER MANAGER EDITOR"),
            Map.entry("feed.manage", "OWNER MANAGER"),
            Map.entry("posts.approve", "OWNER MANAGER EDITOR CONTRIBUTOR CLIENT"),
            Map.entry("posts.comment", "OWNER MANAGER EDITOR CONTRIBUTOR CLIENT"),
            Map.entry("approvals.manage", "OWNER MANAGER"),
            Map.entry("listening.read", "OWNER MANAGER EDITOR ANALYST"),
            Map.entry("listening.manage", "OWNER MANAGER EDITOR"),
            Map.entry("inbox.read", "OWNER MANAGER EDITOR CONTRIBUTOR ANALYST"),
            Map.entry("inbox.handle", "OWNER MANAGER EDITOR CONTRIBUTOR"),
            Map.entry("inbox.reply", "OWNER MANAGER EDITOR"),
            Map.entry("alerts.read", "OWNER MANAGER EDITOR ANALYST"),
            Map.entry("alerts.handle", "OWNER MANAGER EDITOR"),
            Map.entry("alerts.manage", "OWNER MANAGER"),
            Map.entry("moderation.manage", "OWNER MANAGER"),
            Map.entry("reports.read", "OWNER MANAGER EDITOR ANALYST CLIENT"),
            Map.entry("reports.manage", "OWNER MANAGER"));

    @Test
    void everyRoleHasExactlyThePermissionsOfTheTable() {
        assertEquals(TABLE.keySet(), Arrays.stream(Permission.values()).map(Permission::id)
                .collect(Collectors.toSet()));
        for (Permission permission : Permission.values()) {
            String granted = Arrays.stream(Role.values()).filter(permission::grantedTo).map(Role::name)
                    .collect(Collectors.joining(" "));
            assertEquals(TABLE.get(permission.id()), granted, permission.id());
        }
    }

    @Test
    void noRoleMeansNoPermission() {
        for (Permission permission : Permission.values()) {
            assertEquals(false, permission.grantedTo(null));
        }
    }

    @Test
    void accessRulesAreLabelledAsTheApiDescriptionShowsThem() {
        assertEquals("public", Access.PUBLIC.label());
        assertEquals("authenticated", Access.AUTHENTICATED.label());
        assertEquals("admin", Access.ADMIN.label());
        assertEquals("workspace:members.manage", Access.workspace(Permission.MEMBERS_MANAGE).label());
    }
}

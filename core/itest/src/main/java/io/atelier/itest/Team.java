package io.atelier.itest;

import static io.atelier.itest.Workbench.text;

import java.util.Collection;
import java.util.UUID;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.team.Role;

/**
 * Sets up people, memberships, workspaces and tokens the way an administrator
 * would: through the REST API, never behind the shell's back. Every name is
 * unique, so tests sharing one store never collide.
 */
final class Team {

    /** Long enough for the password rule (at least 12 characters). */
    static final String PASSWORD_PREFIX = "correct horse battery ";

    private final Workbench admin;

    /** @param admin the workbench as an administrator */
    Team(Workbench admin) {
        this.admin = admin;
    }

    /**
     * A person who can sign in.
     *
     * @param id       {@code usr_...}
     * @param email    their e-mail
     * @param password their password
     */
    record Member(String id, String email, String password) {
    }

    /**
     * An API token as created: its id and the secret shown once.
     *
     * @param id     {@code tok_...}
     * @param secret what goes into {@code Authorization: Bearer}
     */
    record Token(String id, String secret) {
    }

    static String unique(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Adds a person (an administrator when {@code admin}) with a fresh password. */
    Member person(String label, boolean admin) {
        String name = unique(label);
        String password = PASSWORD_PREFIX + UUID.randomUUID();
        JsonObject body = new JsonObject();
        body.addProperty("email", name + "@example.test");
        body.addProperty("displayName", name);
        body.addProperty("password", password);
        body.addProperty("admin", admin);
        JsonObject person = this.admin.post("/api/v1/people", body).expect(201).object();
        String id = text(person, "id");
        if (id == null || !id.matches("usr_[a-z0-9]{16}")) {
            throw new AssertionError("POST /api/v1/people answered no usr_ id: " + person);
        }
        return new Member(id, text(person, "email"), password);
    }

    /** Gives {@code person} the role in the workspace. */
    void role(String workspaceId, String personId, Role role) {
        JsonObject body = new JsonObject();
        body.addProperty("role", role.name());
        Workbench.Answer answer = admin.put("/api/v1/workspaces/" + workspaceId + "/members/" + personId, body.toString());
        if (answer.status() != 200 && answer.status() != 201 && answer.status() != 204) {
            throw new AssertionError("cannot give " + personId + " the role " + role + ": " + answer);
        }
    }

    /** Creates a workspace (its creator, the administrator, becomes its owner). */
    String workspace(String label) {
        JsonObject body = new JsonObject();
        body.addProperty("name", unique(label));
        body.addProperty("zone", "Europe/Paris");
        return text(admin.post("/api/v1/workspaces", body).expect(201).object(), "id");
    }

    /**
     * Creates an API token as {@code owner} (someone signed in or holding a token).
     *
     * @param maxRole    the cap, or null for none
     * @param workspaces the workspaces it is limited to; empty for all of the person's
     */
    static Token token(Workbench owner, String name, Role maxRole, Collection<String> workspaces) {
        JsonObject body = new JsonObject();
        body.addProperty("name", unique(name));
        if (maxRole != null) {
            body.addProperty("maxRole", maxRole.name());
        }
        if (!workspaces.isEmpty()) {
            JsonArray ids = new JsonArray();
            workspaces.forEach(ids::add);
            body.add("workspaces", ids);
        }
        JsonObject token = owner.post("/api/v1/tokens", body).expect(201).object();
        String secret = text(token, "token");
        if (secret == null || !secret.startsWith("atl_")) {
            throw new AssertionError("POST /api/v1/tokens shows no atl_ secret: " + token);
        }
        return new Token(text(token, "id"), secret);
    }
}

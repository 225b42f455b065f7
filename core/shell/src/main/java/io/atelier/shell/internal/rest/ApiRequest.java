package io.atelier.shell.internal.rest;

import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.auth.Principal;

/**
 * What a handler receives: the path parameters, the query and the body, already
 * checked against the route's description (media type, size, JSON schema).
 *
 * @param pathParameters values of the template's {@code {name}} segments
 * @param query          the first value of each query parameter
 * @param json           the checked JSON body, or {@code null} when there is none
 * @param stream         the raw body of a binary route, capped at its size limit; {@code null} otherwise
 * @param principal      who calls, already allowed to call the route
 * @param clientAddress  the client's address as the connection shows it (for sign-in throttling)
 * @param secure         whether the client reached the workbench over https (directly or through a proxy)
 * @param mediaType      the media type of a binary body, checked against the route's (lower case, without
 *                       parameters); {@code null} otherwise
 * @param cookies        the request's cookies, the first value of each name
 */
public record ApiRequest(Map<String, String> pathParameters, Map<String, String> query, JsonElement json,
        InputStream stream, Principal principal, String clientAddress, boolean secure, String mediaType,
        Map<String, String> cookies) {

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        cookies = cookies == null ? Map.of() : Map.copyOf(cookies);
        principal = principal == null ? Principal.ANONYMOUS : principal;
    }

    /** A request of nobody in particular, from nowhere (tests and descriptions). */
    public ApiRequest(Map<String, String> pathParameters, Map<String, String> query, JsonElement json,
            InputStream stream) {
        this(pathParameters, query, json, stream, Principal.ANONYMOUS, null, false, null, Map.of());
    }

    /** Who calls, as the audit log records it: the principal and the client's address. */
    public Actor actor() {
        return new Actor(principal, clientAddress);
    }

    /** The value of the path parameter {@code name}. */
    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    /** The JSON body as an object; an empty object when the body was left out. */
    public JsonObject object() {
        return json != null && json.isJsonObject() ? json.getAsJsonObject() : new JsonObject();
    }

    /** A boolean member of the checked body, or {@code null}. */
    public Boolean bool(String member) {
        JsonElement value = object().get(member);
        return value == null || value.isJsonNull() ? null : value.getAsBoolean();
    }

    /** A string member of the checked body, or {@code null}. */
    public String string(String member) {
        JsonElement value = object().get(member);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    /** An ISO-8601 instant member of the checked body, or {@code null}; 400 naming it when it is not one. */
    public Instant instant(String member) {
        String value = string(member);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw ApiException.invalid(member, member + " must be an ISO-8601 instant such as 2030-01-31T12:00:00Z");
        }
    }
}

package io.atelier.shell.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonElement;

import io.atelier.shell.internal.audit.AuditOperations;
import io.atelier.shell.internal.auth.Access;
import io.atelier.shell.internal.auth.AccessPolicy;
import io.atelier.shell.internal.auth.Authenticator;
import io.atelier.shell.internal.auth.Csrf;
import io.atelier.shell.internal.auth.Principal;
import io.atelier.shell.internal.auth.SessionOperations;
import io.atelier.shell.internal.json.Json;
import io.atelier.shell.internal.media.MediaOperations;
import io.atelier.shell.internal.oidc.OidcSignIn;
import io.atelier.shell.internal.listening.AlertOperations;
import io.atelier.shell.internal.listening.ListeningOperations;
import io.atelier.shell.internal.listening.ModerationOperations;
import io.atelier.shell.internal.post.ApprovalOperations;
import io.atelier.shell.internal.post.PostOperations;
import io.atelier.shell.internal.report.ReportOperations;
import io.atelier.scheduling.Platforms;
import io.atelier.shell.internal.runtime.HealthOperations;
import io.atelier.shell.internal.runtime.PluginOperations;
import io.atelier.shell.internal.team.PeopleOperations;
import io.atelier.shell.internal.team.TokenOperations;
import io.atelier.shell.internal.web.SecurityHeaders;
import io.atelier.shell.internal.workbench.CommandRegistry;
import io.atelier.shell.internal.workbench.ViewRegistry;
import io.atelier.shell.internal.workspace.AccountSignIns;
import io.atelier.shell.internal.workspace.WorkspaceOperations;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The REST API under {@code /api/v1}: finds the route, finds who calls
 * ({@link Authenticator}), applies the route's access rule and the CSRF rule —
 * the one place rights are checked, before any body is read or handler runs —,
 * checks the body against the route's description, calls the handler and writes
 * JSON. Until the first administrator exists, only the routes needed to create
 * one answer; the others say {@code setup_required}. Every failure is
 * answered as {@code {"code","message","field"}}; an unexpected one is logged and
 * answered as {@code internal_error}, never with a stack trace.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("atelier-api")
@HttpWhiteboardServletPattern("/api/v1/*")
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The most of a refused body that is read and dropped so the client gets its answer (see drain). */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final transient Router router;
    private final transient Authenticator authenticator;
    private final transient Set<String> trustedProxies;

    @Activate
    public ApiServlet(@Reference HealthOperations health, @Reference PluginOperations plugins,
            @Reference Platforms platforms, @Reference WorkspaceOperations workspaces,
            @Reference ViewRegistry views, @Reference CommandRegistry commands,
            @Reference SessionOperations sessions, @Reference PeopleOperations people,
            @Reference TokenOperations tokens, @Reference AuditOperations audit,
            @Reference PostOperations posts, @Reference MediaOperations media,
            @Reference ApprovalOperations approvals, @Reference ListeningOperations listening,
            @Reference AlertOperations alerts, @Reference ModerationOperations moderation,
            @Reference ReportOperations reports, @Reference AccountSignIns signIns, @Reference OidcSignIn oidc,
            @Reference Authenticator authenticator) {
        this.authenticator = authenticator;
        this.trustedProxies = ClientAddress.trusted(FrameworkUtil.getBundle(ApiServlet.class).getBundleContext()
                .getProperty(ClientAddress.TRUSTED_PROXIES));
        this.router = new Router(ApiRoutes.table(new ApiRoutes.Operations(health, plugins, platforms, workspaces,
                views, commands, sessions, people, tokens, audit, posts, media, approvals, listening, alerts,
                moderation, reports, signIns, oidc),
                health.version()));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        try {
            Router.Match match = router.match(request.getMethod(), path);
            Route route = match.route();
            Principal principal = authorise(route, match.parameters(), request);
            ApiRequest apiRequest = read(route, match.parameters(), request, principal);
            Object result = route.handler().handle(apiRequest);
            Route.Response success = route.response();
            if (result instanceof Download download) {
                response.setStatus(success.status());
                response.setContentType(download.contentType());
                response.setHeader("Content-Disposition", (download.inline() ? "inline" : "attachment")
                        + "; filename=\"" + download.fileName() + "\"");
                if (download.policy() != null) {
                    response.setHeader("Content-Security-Policy", download.policy());
                }
                if (download.length() >= 0) {
                    response.setContentLengthLong(download.length());
                }
                download.body().writeTo(response.getOutputStream());
            } else if (result instanceof Reply reply) {
                reply.headers().forEach(h -> response.addHeader(h.name(), h.value()));
                if (reply.body() == null) {
                    response.setStatus(reply.status());
                } else {
                    write(response, reply.status(), Json.write(reply.body()));
                }
            } else if (success.schema() == null) {
                response.setStatus(success.status());
            } else {
                write(response, success.status(), Json.write(result));
            }
        } catch (ApiException e) {
            fail(request, response, path, e);
        } catch (Exception | LinkageError e) {
            LOG.error("{} /api/v1{} failed", request.getMethod(), loggable(path), e);
            fail(request, response, path, new ApiException(ErrorCode.INTERNAL_ERROR,
                    "the workbench failed to answer; the log says why", null));
        }
    }

    /**
     * Who calls, once allowed to call {@code route}: the set-up gate, then the
     * access rule, then the CSRF rule.
     */
    private Principal authorise(Route route, Map<String, String> parameters, HttpServletRequest request) {
        Access access = route.access();
        Principal principal;
        try {
            principal = authenticator.resolve(request);
        } catch (ApiException e) {
            if (access.level() != Access.Level.PUBLIC) {
                throw e;
            }
            principal = Principal.ANONYMOUS; // a public route answers without the store, as nobody in particular
        }
        // The local system caller may prepare an installation before set-up (bin/atelier exec person-add).
        if (!ApiRoutes.BEFORE_SETUP.contains(route.template()) && !principal.isSystem() && authenticator.setupRequired()) {
            throw new ApiException(ErrorCode.SETUP_REQUIRED,
                    "nobody can sign in yet: create the first administrator at /setup", null);
        }
        AccessPolicy.check(access, principal, parameters.get(Access.WORKSPACE_PARAMETER), authenticator::role);
        Csrf.check(request.getMethod(), access, principal, request.getHeader(Csrf.HEADER));
        return principal;
    }

    /** The request's cookies by name (the first of a name wins). */
    private static Map<String, String> cookies(HttpServletRequest request) {
        Map<String, String> cookies = new LinkedHashMap<>();
        if (request.getCookies() != null) {
            for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
                if (cookie.getName() != null && cookie.getValue() != null) {
                    cookies.putIfAbsent(cookie.getName(), cookie.getValue());
                }
            }
        }
        return cookies;
    }

    /** Whether the client came over https, directly or through a proxy that says so. */
    private static boolean secure(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-Proto");
        return request.isSecure() || (forwarded != null && forwarded.trim().equalsIgnoreCase("https"));
    }

    private ApiRequest read(Route route, Map<String, String> parameters, HttpServletRequest request,
            Principal principal) throws IOException {
        Map<String, String> query = query(request.getQueryString());
        Route.RequestBody spec = route.request();
        String address = ClientAddress.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"),
                trustedProxies);
        boolean secure = secure(request);
        Map<String, String> cookies = cookies(request);
        if (spec == null) {
            return new ApiRequest(parameters, query, null, null, principal, address, secure, null, cookies);
        }
        long length = request.getContentLengthLong();
        boolean maybeBody = length > 0 || (length < 0
                && (request.getHeader("Transfer-Encoding") != null || request.getContentType() != null));
        if (!maybeBody && !spec.required()) {
            return new ApiRequest(parameters, query, null, null, principal, address, secure, null, cookies);
        }
        RequestBodies.checkMediaType(spec, request.getContentType());
        RequestBodies.checkDeclaredLength(spec, length);
        if (!spec.isJson()) {
            if (length == 0) {
                throw ApiException.invalid("body", "the body is empty; send the file itself");
            }
            InputStream stream = RequestBodies.capped(request.getInputStream(), spec.maxBytes());
            return new ApiRequest(parameters, query, null, stream, principal, address, secure,
                    RequestBodies.mediaType(request.getContentType()), cookies);
        }
        JsonElement json = RequestBodies.readJson(request.getInputStream(), spec.maxBytes());
        if (json == null) {
            if (spec.required()) {
                throw new ApiException(ErrorCode.MALFORMED_JSON, "the body is empty; expected a JSON object", null);
            }
            return new ApiRequest(parameters, query, null, null, principal, address, secure, null, cookies);
        }
        spec.schema().check(json, "");
        return new ApiRequest(parameters, query, json, null, principal, address, secure, null, cookies);
    }

    private void fail(HttpServletRequest request, HttpServletResponse response, String path, ApiException e)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        e.headers().forEach(response::setHeader);
        if (e.status() == 405) {
            response.setHeader("Allow", String.join(", ", router.allowedMethods(path)));
        }
        // Refusals often come before the body is read (access, media type, size): read what is left.
        if (!drain(request)) {
            // The rest of the body stays unread: the connection cannot carry another request.
            response.setHeader("Connection", "close");
        }
        write(response, e.status(), Json.write(e.body()));
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT}.
     * A client that is still sending when the server closes the connection gets a
     * connection reset, which can destroy the answer before the client reads it; a
     * moderate rest is cheaper to read than that. Returns whether the body was read
     * to its end.
     */
    private static boolean drain(HttpServletRequest request) {
        byte[] buffer = new byte[64 * 1024];
        long dropped = 0;
        try (InputStream rest = request.getInputStream()) {
            for (int n = rest.read(buffer); n != -1; n = rest.read(buffer)) {
                dropped += n;
                if (dropped > DRAIN_LIMIT) {
                    return false;
                }
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * {@code path} as the log may show it: the token of a report share link, which
     * opens the report to anybody who reads it, is left out.
     */
    static String loggable(String path) {
        String shared = "/shared/reports/";
        int at = path.indexOf(shared);
        return at < 0 ? path : path.substring(0, at + shared.length()) + "(token)";
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(JSON);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The query's parameters (first value wins), parsed here so a form body is never read as parameters. */
    static Map<String, String> query(String queryString) {
        Map<String, String> query = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : List.of(queryString.split("&"))) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(null, "the query string is not valid URL encoding");
            }
        }
        return query;
    }
}

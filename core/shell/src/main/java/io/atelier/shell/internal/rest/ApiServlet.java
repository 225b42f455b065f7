package io.atelier.shell.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonElement;

import io.atelier.shell.internal.json.Json;
import io.atelier.shell.internal.platform.PlatformRegistry;
import io.atelier.shell.internal.runtime.HealthOperations;
import io.atelier.shell.internal.runtime.PluginOperations;
import io.atelier.shell.internal.web.SecurityHeaders;
import io.atelier.shell.internal.workbench.CommandRegistry;
import io.atelier.shell.internal.workbench.ViewRegistry;
import io.atelier.shell.internal.workspace.WorkspaceOperations;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The REST API under {@code /api/v1}: finds the route, checks the body against
 * the route's description, calls the handler and writes JSON. Every failure is
 * answered as {@code {"code","message","field"}}; an unexpected one is logged and
 * answered as {@code internal_error}, never with a stack trace.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("atelier-api")
@HttpWhiteboardServletPattern("/api/v1/*")
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The most of a refused body that is read and dropped so the client gets its 413 (see drain). */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final transient Router router;

    @Activate
    public ApiServlet(@Reference HealthOperations health, @Reference PluginOperations plugins,
            @Reference PlatformRegistry platforms, @Reference WorkspaceOperations workspaces,
            @Reference ViewRegistry views, @Reference CommandRegistry commands) {
        this.router = new Router(ApiRoutes.table(
                new ApiRoutes.Operations(health, plugins, platforms, workspaces, views, commands), health.version()));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        try {
            Router.Match match = router.match(request.getMethod(), path);
            Route route = match.route();
            ApiRequest apiRequest = read(route, match.parameters(), request);
            Object result = route.handler().handle(apiRequest);
            Route.Response success = route.response();
            if (result instanceof Reply reply) {
                write(response, reply.status(), Json.write(reply.body()));
            } else if (success.schema() == null) {
                response.setStatus(success.status());
            } else {
                write(response, success.status(), Json.write(result));
            }
        } catch (ApiException e) {
            fail(request, response, path, e);
        } catch (Exception | LinkageError e) {
            LOG.error("{} /api/v1{} failed", request.getMethod(), path, e);
            fail(request, response, path, new ApiException(ErrorCode.INTERNAL_ERROR,
                    "the workbench failed to answer; the log says why", null));
        }
    }

    private ApiRequest read(Route route, Map<String, String> parameters, HttpServletRequest request)
            throws IOException {
        Map<String, String> query = query(request.getQueryString());
        Route.RequestBody spec = route.request();
        if (spec == null) {
            return new ApiRequest(parameters, query, null, null);
        }
        long length = request.getContentLengthLong();
        boolean maybeBody = length > 0 || (length < 0
                && (request.getHeader("Transfer-Encoding") != null || request.getContentType() != null));
        if (!maybeBody && !spec.required()) {
            return new ApiRequest(parameters, query, null, null);
        }
        RequestBodies.checkMediaType(spec, request.getContentType());
        RequestBodies.checkDeclaredLength(spec, length);
        if (!spec.isJson()) {
            if (length == 0) {
                throw ApiException.invalid("body", "the body is empty; send the file itself");
            }
            InputStream stream = RequestBodies.capped(request.getInputStream(), spec.maxBytes());
            return new ApiRequest(parameters, query, null, stream);
        }
        JsonElement json = RequestBodies.readJson(request.getInputStream(), spec.maxBytes());
        if (json == null) {
            if (spec.required()) {
                throw new ApiException(ErrorCode.MALFORMED_JSON, "the body is empty; expected a JSON object", null);
            }
            return new ApiRequest(parameters, query, null, null);
        }
        spec.schema().check(json, "");
        return new ApiRequest(parameters, query, json, null);
    }

    private void fail(HttpServletRequest request, HttpServletResponse response, String path, ApiException e)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        if (e.status() == 405) {
            response.setHeader("Allow", String.join(", ", router.allowedMethods(path)));
        }
        if (e.status() == 413 && !drain(request)) {
            // The rest of the body stays unread: the connection cannot carry another request.
            response.setHeader("Connection", "close");
        }
        write(response, e.status(), Json.write(e.body()));
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT}.
     * A client that is still sending when the server closes the connection gets a
     * connection reset, which can destroy the 413 before the client reads it; a
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

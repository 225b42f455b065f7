package io.atelier.shell.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.osgi.framework.Bundle;

import io.atelier.shell.internal.json.Json;
import io.atelier.shell.internal.rest.ErrorBody;
import io.atelier.shell.internal.workbench.ResourcePaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves files from a folder of a bundle, for the shell's own page and for the
 * views of every bundle: safe relative paths only, explicit content types, and
 * the security headers on every answer, 404 included.
 */
final class BundleFiles {

    private BundleFiles() {
    }

    /**
     * Answers a GET for {@code path} inside {@code folder} of {@code bundle}.
     *
     * @return false when there is no such file (nothing was written)
     */
    static boolean serve(Bundle bundle, String folder, String path, HttpServletResponse response) throws IOException {
        if (!ResourcePaths.isSafe(path)) {
            return false;
        }
        String base = folder.endsWith("/") ? folder : folder + "/";
        URL entry;
        try {
            entry = bundle.getEntry(base + path);
        } catch (IllegalStateException e) {
            return false; // the bundle was uninstalled meanwhile
        }
        if (entry == null) {
            return false;
        }
        byte[] bytes;
        try (InputStream in = entry.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return false; // a folder entry, or the bundle's jar went away
        }
        response.setStatus(200);
        response.setContentType(ContentTypes.of(path));
        // Revalidate every time: a plugin updated in deploy/ must show its new files at once.
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        return true;
    }

    /** Answers 404 (or 405 for a method other than GET/HEAD) as JSON. */
    static void fail(HttpServletResponse response, int status, String code, String message) throws IOException {
        byte[] bytes = Json.write(new ErrorBody(code, message, null)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * Sets the security headers and lets only reads through: any other method is
     * answered 405 here. Returns whether the caller should serve the request.
     */
    static boolean accept(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            return true;
        }
        response.setHeader("Allow", "GET, HEAD");
        fail(response, 405, "method_not_allowed", request.getMethod() + " is not allowed here");
        return false;
    }
}

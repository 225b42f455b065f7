package io.atelier.shell.internal.web;

import java.io.IOException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The shell page: {@code /} is {@code index.html}, {@code /login} the sign-in
 * page, {@code /setup} the first administrator's set-up page, {@code /signoff} the
 * client sign-off page (public: its link's secret is the right), {@code /web/...}
 * the shell's static modules and styles (no build step: plain ES modules). Registered as the
 * default servlet, it also answers every path nobody else serves, with a JSON 404.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("atelier-web")
@HttpWhiteboardServletPattern("/")
public final class WebServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String FOLDER = "/web";

    private final transient Bundle bundle;

    @Activate
    public WebServlet(BundleContext context) {
        this.bundle = context.getBundle();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!BundleFiles.accept(request, response)) {
            return;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String file = null;
        if (path.isEmpty() || path.equals("/") || path.equals("/index.html")) {
            file = "index.html";
        } else if (path.equals("/login")) {
            file = "login.html";
        } else if (path.equals("/setup")) {
            file = "setup.html";
        } else if (path.equals("/signoff") || path.equals("/signoff.html")) {
            file = "signoff.html";
        } else if (path.startsWith(FOLDER + "/")) {
            file = path.substring(FOLDER.length() + 1);
        }
        if (file == null || !BundleFiles.serve(bundle, FOLDER, file, response)) {
            BundleFiles.fail(response, 404, "not_found", "nothing here: " + path);
        }
    }
}
